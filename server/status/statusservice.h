#pragma once

#include <cluster/clustertypes.h>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace wp::server {
class PoolService;
namespace db {
class Database;
}
namespace net {
class HttpApi;
}
}

namespace wp::server::status {

class AdminController;
class DashboardController;
class StatsCollector;

/// The coordinator's status side in one object: the live stats this instance
/// publishes with its heartbeat (statsSnapshot(), for ClusterMember::setStatsProvider),
/// the public dashboard and metrics (DashboardController) and the admin pages
/// (AdminController).
///
/// Thread affinity: the event-loop thread.
class StatusService : public QObject {
    Q_OBJECT
public:
    struct Deps {
        db::Database &database;     ///< the coordinator's main pool (not the cluster member's)
        QString instanceId;
        QString instanceName;
        QString urlClear;           ///< https: the admin cookie is marked Secure
        qint64 leaseTtlMs = 0;      ///< an instance is live while its heartbeat is younger
        QList<PoolService *> pools; ///< every configured pool (running or not)
        std::function<int()> connectedClients;
        /// The cluster member's counters, or nullopt once it is gone.
        std::function<std::optional<cluster::MemberCounters>()> clusterCounters;
    };

    /// Registers /status, /status.json, /metrics and /admin* on @p http and starts
    /// counting the pools' mixes. @p deps.database and the pools must outlive it.
    StatusService(net::HttpApi &http, Deps deps, QObject *parent = nullptr);
    ~StatusService() override;

    /// This instance's live snapshot as published in cluster_instance.stats.
    QJsonObject statsSnapshot() const;

private:
    Deps m_deps;
    std::unique_ptr<StatsCollector> m_stats;
    std::unique_ptr<DashboardController> m_dashboard;
    std::unique_ptr<AdminController> m_admin;
};

} // namespace wp::server::status
