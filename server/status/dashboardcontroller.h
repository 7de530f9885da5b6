#pragma once

#include <status/metrics.h>
#include <status/statusreport.h>

#include <util/result.h>

#include <QElapsedTimer>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

namespace wp::server::db {
class Database;
}
namespace wp::server::net {
class HttpApi;
}

namespace wp::server::status {

/// The public status endpoints of every instance (DESIGN §2.3, §6):
///  - GET /status: HTML dashboard of the whole cluster (instances, pools, recent
///    mixes, ban count), reloading itself every few seconds;
///  - GET /status.json: the same data as JSON;
///  - GET /metrics: Prometheus text format (cluster series from the database plus this
///    process's counters).
///
/// The cluster is read with ONE Database job (instances with stats, leases, last mixes,
/// ban count). Requests arriving while it runs wait for the same answer, and an answer
/// is reused for kCacheMs, so a crowd of open dashboards costs the database at most
/// one read per kCacheMs. When the database cannot be read, /status and /status.json
/// answer 503 and /metrics still serves this process's series with
/// whirlpool_status_db_up 0.
///
/// Thread affinity: the event-loop thread.
class DashboardController : public QObject {
    Q_OBJECT
public:
    /// Reads older than this are not reused.
    static constexpr qint64 kCacheMs = 1000;

    struct Deps {
        db::Database &database;
        QString instanceId;
        QString instanceName;
        qint64 leaseTtlMs = 0;
        /// This process's counters, read at every /metrics request.
        std::function<LocalMetrics()> localMetrics;
    };

    /// Registers the three routes on @p http.
    DashboardController(net::HttpApi &http, Deps deps, QObject *parent = nullptr);

private:
    using ModelDone = std::function<void(const Result<StatusModel> &)>;
    /// Calls @p done with the cached model or after the next (shared) database read.
    void withModel(ModelDone done);
    void onRead(Result<StatusReport> report);

    Deps m_deps;
    std::optional<StatusModel> m_cached;
    QElapsedTimer m_cachedAt;
    bool m_reading = false;
    bool m_failing = false;
    QList<ModelDone> m_waiting;
};

} // namespace wp::server::status
