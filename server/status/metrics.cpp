#include <status/metrics.h>

#include <util/assert.h>

#include <QLocale>
#include <QSet>

#include <cmath>
#include <cstring>

namespace wp::server::status {

namespace {

bool isMetricName(const char *name)
{
    if (!name || !*name)
        return false;
    for (const char *p = name; *p; ++p) {
        const char c = *p;
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        if (!alpha && !(p != name && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

} // namespace

void PrometheusWriter::family(const char *name, const char *type, const QString &help)
{
    WP_ASSERT(isMetricName(name));
    WP_ASSERT(std::strcmp(type, "gauge") == 0 || std::strcmp(type, "counter") == 0);
    m_family = name;
    m_text += "# HELP " + m_family + ' ' + escapeHelp(help) + '\n';
    m_text += "# TYPE " + m_family + ' ' + type + '\n';
}

void PrometheusWriter::sample(const Labels &labels, double value) { writeSample(labels, formatValue(value)); }

void PrometheusWriter::sample(const Labels &labels, qint64 value) { writeSample(labels, QByteArray::number(value)); }

void PrometheusWriter::sample(const Labels &labels, quint64 value) { writeSample(labels, QByteArray::number(value)); }

void PrometheusWriter::writeSample(const Labels &labels, const QByteArray &value)
{
    WP_ASSERT(!m_family.isEmpty());
    m_text += m_family;
    if (!labels.isEmpty()) {
        m_text += '{';
        for (qsizetype i = 0; i < labels.size(); ++i) {
            WP_ASSERT(isMetricName(labels[i].first));
            if (i)
                m_text += ',';
            m_text += labels[i].first;
            m_text += "=\"" + escapeLabelValue(labels[i].second) + '"';
        }
        m_text += '}';
    }
    m_text += ' ' + value + '\n';
}

QByteArray PrometheusWriter::escapeLabelValue(QStringView value)
{
    QByteArray out;
    const QByteArray utf8 = value.toUtf8();
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray PrometheusWriter::escapeHelp(QStringView help)
{
    QByteArray out;
    for (const char c : help.toUtf8()) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

QByteArray PrometheusWriter::formatValue(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    if (value == std::floor(value) && std::fabs(value) < 9e15)
        return QByteArray::number(qint64(value));
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toLatin1();
}

int mixPhaseValue(const QString &phase)
{
    static const char *const kPhases[] = {"CONFIRM_INPUT", "REGISTER_OUTPUT", "REVEAL_OUTPUT", "SIGNING", "SUCCESS", "FAIL"};
    for (int i = 0; i < 6; ++i)
        if (phase == QLatin1String(kPhases[i]))
            return i + 1;
    return 0;
}

QByteArray renderMetrics(const StatusModel *cluster, const LocalMetrics &local)
{
    PrometheusWriter w;
    using L = PrometheusWriter::Labels;
    const QString me = local.instanceName;

    w.family("whirlpool_status_db_up", "gauge",
             QStringLiteral("1 if this instance could read the cluster state from the database for this scrape"));
    w.sample(L{{"instance", me}}, qint64(cluster ? 1 : 0));

    if (cluster) {
        // One row per name: the newest heartbeat (rows come newest first).
        QList<const InstanceView *> instances;
        QSet<QString> names;
        for (const InstanceView &i : cluster->instances)
            if (!names.contains(i.info.name)) {
                names.insert(i.info.name);
                instances.append(&i);
            }
        w.family("whirlpool_instance_up", "gauge",
                 QStringLiteral("1 if the instance's heartbeat is younger than the lease TTL and it is not stopped"));
        for (const InstanceView *i : instances)
            w.sample(L{{"instance", i->info.name}}, qint64(i->info.live ? 1 : 0));
        w.family("whirlpool_instance_heartbeat_age_seconds", "gauge",
                 QStringLiteral("Seconds since the instance's last heartbeat (database clock)"));
        for (const InstanceView *i : instances)
            w.sample(L{{"instance", i->info.name}}, double(i->info.heartbeatAgeMs) / 1000.0);
        w.family("whirlpool_instance_pools_owned", "gauge", QStringLiteral("Pools whose lease the instance holds"));
        for (const InstanceView *i : instances)
            w.sample(L{{"instance", i->info.name}}, qint64(i->ownedPools.size()));
        w.family("whirlpool_instance_connected_clients", "gauge",
                 QStringLiteral("Open STOMP sessions of the instance, as of its last heartbeat (0 when not live)"));
        for (const InstanceView *i : instances)
            w.sample(L{{"instance", i->info.name}}, qint64(i->info.live ? i->stats.connectedClients : 0));

        w.family("whirlpool_active_bans", "gauge", QStringLiteral("Active bans, shared by every instance"));
        w.sample(L{}, cluster->activeBans);

        auto poolLabels = [](const PoolView &p) { return L{{"pool", p.poolId}, {"instance", p.held ? p.ownerName : QString()}}; };
        w.family("whirlpool_pool_lease_epoch", "gauge", QStringLiteral("Fencing epoch of the pool's lease"));
        for (const PoolView &p : cluster->pools)
            w.sample(poolLabels(p), p.epoch);
        w.family("whirlpool_pool_mix_phase", "gauge",
                 QStringLiteral("Phase of the pool's current mix: 0 none, 1 CONFIRM_INPUT, 2 REGISTER_OUTPUT, "
                                "3 REVEAL_OUTPUT, 4 SIGNING, 5 SUCCESS, 6 FAIL"));
        for (const PoolView &p : cluster->pools)
            w.sample(poolLabels(p), qint64(p.live ? mixPhaseValue(p.live->phase) : 0));
        w.family("whirlpool_pool_inputs_registered", "gauge",
                 QStringLiteral("Inputs in the pool's current mix (invited and confirmed)"));
        for (const PoolView &p : cluster->pools)
            w.sample(poolLabels(p), qint64(p.live ? p.live->registered : 0));
        w.family("whirlpool_pool_inputs_confirmed", "gauge", QStringLiteral("Inputs confirmed in the pool's current mix"));
        for (const PoolView &p : cluster->pools)
            w.sample(poolLabels(p), qint64(p.live ? p.live->confirmed : 0));
        w.family("whirlpool_pool_inputs_queued", "gauge", QStringLiteral("Inputs waiting in the pool's queue"));
        for (const PoolView &p : cluster->pools)
            w.sample(poolLabels(p), qint64(p.live ? p.live->queued : 0));
    }

    w.family("whirlpool_mixes_succeeded_total", "counter",
             QStringLiteral("Mixes of the pool that succeeded on this process since it started"));
    for (const auto &p : local.pools)
        w.sample(L{{"pool", p.poolId}, {"instance", me}}, p.succeeded);
    w.family("whirlpool_mixes_failed_total", "counter",
             QStringLiteral("Mixes of the pool that failed on this process since it started"));
    for (const auto &p : local.pools)
        w.sample(L{{"pool", p.poolId}, {"instance", me}}, p.failed);

    if (local.cluster) {
        const cluster::MemberCounters &c = *local.cluster;
        w.family("whirlpool_cluster_lease_cycles_total", "counter",
                 QStringLiteral("Heartbeat and lease renewal cycles completed by this process"));
        w.sample(L{{"instance", me}}, quint64(c.cycles));
        w.family("whirlpool_cluster_lease_cycles_failed_total", "counter",
                 QStringLiteral("Lease cycles that failed (database error or timeout)"));
        w.sample(L{{"instance", me}}, quint64(c.failedCycles));
        w.family("whirlpool_cluster_fences_total", "counter",
                 QStringLiteral("Times this process stopped serving its pools because it could not renew in time"));
        w.sample(L{{"instance", me}}, quint64(c.fences));
        w.family("whirlpool_cluster_claims_won_total", "counter", QStringLiteral("Pool leases claimed by this process"));
        w.sample(L{{"instance", me}}, quint64(c.claimsWon));
        w.family("whirlpool_cluster_claims_missed_total", "counter",
                 QStringLiteral("Lease claims another instance won first"));
        w.sample(L{{"instance", me}}, quint64(c.claimsMissed));
        w.family("whirlpool_cluster_renew_last_seconds", "gauge",
                 QStringLiteral("Round trip of the last heartbeat and renewal statement"));
        w.sample(L{{"instance", me}}, double(c.lastRenewUs) / 1e6);
        w.family("whirlpool_cluster_renew_max_seconds", "gauge",
                 QStringLiteral("Slowest successful heartbeat and renewal statement since start"));
        w.sample(L{{"instance", me}}, double(c.maxRenewUs) / 1e6);
    }
    return w.text();
}

} // namespace wp::server::status
