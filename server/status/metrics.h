#pragma once

#include <status/statusreport.h>

#include <cluster/clustertypes.h>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace wp::server::status {

/// Builds a Prometheus text exposition (format 0.0.4): one "# HELP" and one "# TYPE"
/// line per metric family, then its samples. Label values and help texts are escaped
/// as the format requires; values are printed exactly.
///
/// Thread affinity: none (plain value object).
class PrometheusWriter {
public:
    using Labels = QList<QPair<const char *, QString>>;

    /// Starts family @p name (TYPE @p type: "gauge" or "counter"). Names are program
    /// constants matching [a-zA-Z_:][a-zA-Z0-9_:]* (WP_ASSERT).
    void family(const char *name, const char *type, const QString &help);
    /// A sample of the current family (family() must have been called: WP_ASSERT).
    void sample(const Labels &labels, double value);
    void sample(const Labels &labels, qint64 value);
    void sample(const Labels &labels, quint64 value);
    /// The exposition so far.
    const QByteArray &text() const { return m_text; }

    /// A label value escaped for the format: \\ -> \\\\, " -> \\", newline -> \\n.
    static QByteArray escapeLabelValue(QStringView value);
    /// A HELP text escaped for the format: \\ -> \\\\, newline -> \\n.
    static QByteArray escapeHelp(QStringView help);
    /// Integers exactly, NaN/+Inf/-Inf as the format spells them, other doubles in their shortest exact form.
    static QByteArray formatValue(double value);

private:
    void writeSample(const Labels &labels, const QByteArray &value);

    QByteArray m_text;
    QByteArray m_family;
};

/// Counters of this process for /metrics.
struct LocalMetrics {
    QString instanceName;
    struct PoolCounters {
        QString poolId;
        quint64 succeeded = 0;
        quint64 failed = 0;
    };
    QList<PoolCounters> pools;
    std::optional<cluster::MemberCounters> cluster; ///< nullopt once the member is gone (shutdown)
};

/// The Content-Type of the exposition.
inline constexpr char kMetricsContentType[] = "text/plain; version=0.0.4; charset=utf-8";

/// Maps a mix phase name to the value of whirlpool_pool_mix_phase: 0 no mix (or unknown),
/// 1 CONFIRM_INPUT, 2 REGISTER_OUTPUT, 3 REVEAL_OUTPUT, 4 SIGNING, 5 SUCCESS, 6 FAIL.
int mixPhaseValue(const QString &phase);

/// GET /metrics. @p cluster is the cluster as the database shows it (nullptr when it
/// cannot be read: then only this process's series and whirlpool_status_db_up 0).
/// Instance series carry the label instance="<name>" (rows of one name: the newest
/// heartbeat wins, so series stay unique across restarts); pool series carry pool and
/// instance (the owner's name, "" while nobody holds the lease).
QByteArray renderMetrics(const StatusModel *cluster, const LocalMetrics &local);

} // namespace wp::server::status
