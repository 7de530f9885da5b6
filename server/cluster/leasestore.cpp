#include "leasestore.h"

#include <db/dbconnection.h>

#include <QJsonDocument>

namespace wp::server::cluster {

namespace {

/// Microseconds since 1970 of a DATETIME(6) expression, as SQL.
#define WP_EPOCH_US(expr) "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', " expr ")"

QString placeholders(qsizetype count)
{
    QString s;
    s.reserve(count * 2);
    for (qsizetype i = 0; i < count; ++i)
        s += i ? QStringLiteral(",?") : QStringLiteral("?");
    return s;
}

Error badRow(const char *what)
{
    return Error(QStringLiteral("cluster: unexpected %1 row").arg(QLatin1String(what)));
}

} // namespace

Result<void> LeaseStore::ensureLeaseRows(const QStringList &pools)
{
    if (pools.isEmpty())
        return {};
    QString sql = QStringLiteral("INSERT IGNORE INTO pool_lease (pool_id, instance_id, epoch, expires_at) VALUES ");
    db::DbParams params;
    for (qsizetype i = 0; i < pools.size(); ++i) {
        sql += i ? QStringLiteral(",(?, NULL, 0, NULL)") : QStringLiteral("(?, NULL, 0, NULL)");
        params.append(pools.at(i));
    }
    ++m_writes;
    auto r = m_conn.exec(sql, params);
    if (!r)
        return r.error();
    return {};
}

Result<quint64> LeaseStore::deleteOldInstances(std::chrono::seconds retention)
{
    ++m_writes;
    auto r = m_conn.exec("DELETE FROM cluster_instance WHERE heartbeat_at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND",
                         {qint64(retention.count())});
    if (!r)
        return r.error();
    return r->affectedRows;
}

Result<void> LeaseStore::registerInstance(const InstanceIdentity &identity, InstanceState state,
                                          const QString &statsJson)
{
    ++m_writes;
    auto r = m_conn.exec(
        "INSERT INTO cluster_instance (id, name, url_clear, url_onion, version, started_at, heartbeat_at, state, stats)"
        " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6), ?, ?)"
        " ON DUPLICATE KEY UPDATE heartbeat_at = UTC_TIMESTAMP(6), state = VALUES(state), stats = VALUES(stats)",
        {identity.id, identity.name, identity.urlClear.isEmpty() ? QVariant() : QVariant(identity.urlClear),
         identity.urlOnion.isEmpty() ? QVariant() : QVariant(identity.urlOnion), identity.version,
         instanceStateName(state), statsJson});
    if (!r)
        return r.error();
    return {};
}

Result<quint64> LeaseStore::heartbeatAndRenew(const QString &instanceId, InstanceState state,
                                              const QString &statsJson, qint64 ttlUs)
{
    // One statement, one commit: the instance row drives a LEFT JOIN to its
    // unexpired leases; UTC_TIMESTAMP(6) is the same value everywhere in it, so
    // heartbeat_at + ttl == expires_at of every lease renewed here.
    ++m_writes;
    auto r = m_conn.exec(
        "UPDATE cluster_instance ci"
        " LEFT JOIN pool_lease pl ON pl.instance_id = ci.id AND pl.expires_at > UTC_TIMESTAMP(6)"
        " SET ci.heartbeat_at = UTC_TIMESTAMP(6), ci.state = ?, ci.stats = ?,"
        "     pl.expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND"
        " WHERE ci.id = ?",
        {instanceStateName(state), statsJson, ttlUs, instanceId});
    if (!r)
        return r.error();
    return r->affectedRows;
}

Result<ClusterView> LeaseStore::readView(const QStringList &pools, qint64 ttlUs)
{
    const QString sql =
        QStringLiteral("SELECT 'L', pool_id, instance_id, epoch,"
                       " TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at), NULL, NULL"
                       " FROM pool_lease WHERE pool_id IN (%1)"
                       " UNION ALL"
                       " SELECT 'I', id, state, NULL, TIMESTAMPDIFF(MICROSECOND, heartbeat_at, UTC_TIMESTAMP(6)),"
                       " url_clear, url_onion FROM cluster_instance"
                       " WHERE heartbeat_at > UTC_TIMESTAMP(6) - INTERVAL ? MICROSECOND AND state <> 'stopped'"
                       " UNION ALL"
                       " SELECT 'N', NULL, NULL, NULL, " WP_EPOCH_US("UTC_TIMESTAMP(6)") ", NULL, NULL")
            .arg(placeholders(pools.size()));
    db::DbParams params;
    for (const QString &pool : pools)
        params.append(pool);
    params.append(ttlUs);
    ++m_reads;
    auto rows = m_conn.query(sql, params);
    if (!rows)
        return rows.error();
    ClusterView view;
    bool haveNow = false;
    for (const db::DbRow &row : *rows) {
        const QString kind = row.toString(0).value_or(QString());
        if (kind == QLatin1String("L")) {
            LeaseRow lease;
            lease.poolId = row.toString(1).value_or(QString());
            lease.instanceId = row.toString(2).value_or(QString());
            lease.epoch = row.toInt64(3).value_or(-1);
            lease.expiresInUs = row.toInt64(4);
            if (lease.poolId.isEmpty() || lease.epoch < 0)
                return badRow("pool_lease");
            view.leases.append(lease);
        } else if (kind == QLatin1String("I")) {
            MemberInfo member;
            member.id = row.toString(1).value_or(QString());
            member.state = row.toString(2).value_or(QString());
            member.heartbeatAgeUs = row.toInt64(4).value_or(0);
            member.urlClear = row.toString(5).value_or(QString());
            member.urlOnion = row.toString(6).value_or(QString());
            if (member.id.isEmpty())
                return badRow("cluster_instance");
            view.members.append(member);
        } else if (kind == QLatin1String("N")) {
            const auto now = row.toInt64(4);
            if (!now)
                return badRow("clock");
            view.dbNowUs = *now;
            haveNow = true;
        }
    }
    if (!haveNow)
        return badRow("clock");
    return view;
}

Result<std::optional<qint64>> LeaseStore::claim(const QString &poolId, const QString &instanceId, qint64 seenEpoch,
                                                 qint64 ttlUs)
{
    ++m_writes;
    auto r = m_conn.exec(
        "UPDATE pool_lease SET instance_id = ?, epoch = epoch + 1,"
        " expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND"
        " WHERE pool_id = ? AND epoch = ?"
        " AND (instance_id IS NULL OR expires_at IS NULL OR expires_at <= UTC_TIMESTAMP(6))",
        {instanceId, ttlUs, poolId, seenEpoch});
    if (!r)
        return r.error();
    if (r->affectedRows != 1)
        return std::optional<qint64>();
    // Ours now: read back when, exactly (expires_at - ttl is the claim's DB time).
    ++m_reads;
    auto row = m_conn.queryOne("SELECT " WP_EPOCH_US("expires_at") " FROM pool_lease"
                               " WHERE pool_id = ? AND instance_id = ? AND epoch = ?",
                               {poolId, instanceId, seenEpoch + 1});
    if (!row)
        return row.error();
    if (!row->has_value())
        return badRow("claimed pool_lease");
    const auto expires = (*row)->toInt64(0);
    if (!expires)
        return badRow("claimed pool_lease");
    return std::optional<qint64>(*expires - ttlUs);
}

Result<bool> LeaseStore::release(const QString &poolId, const QString &instanceId, qint64 epoch)
{
    ++m_writes;
    auto r = m_conn.exec("UPDATE pool_lease SET instance_id = NULL, expires_at = UTC_TIMESTAMP(6)"
                         " WHERE pool_id = ? AND instance_id = ? AND epoch = ?",
                         {poolId, instanceId, epoch});
    if (!r)
        return r.error();
    return r->affectedRows == 1;
}

Result<quint64> LeaseStore::releaseAllAndStop(const QString &instanceId)
{
    ++m_writes;
    auto released = m_conn.exec("UPDATE pool_lease SET instance_id = NULL, expires_at = UTC_TIMESTAMP(6)"
                                " WHERE instance_id = ?",
                                {instanceId});
    if (!released)
        return released.error();
    ++m_writes;
    auto stopped = m_conn.exec("UPDATE cluster_instance SET state = 'stopped', heartbeat_at = UTC_TIMESTAMP(6)"
                               " WHERE id = ?",
                               {instanceId});
    if (!stopped)
        return stopped.error();
    return released->affectedRows;
}

Result<ClusterState> LeaseStore::readState(qint64 ttlUs)
{
    ClusterState state;
    ++m_reads;
    auto now = m_conn.queryOne("SELECT " WP_EPOCH_US("UTC_TIMESTAMP(6)"));
    if (!now)
        return now.error();
    if (!now->has_value() || !(*now)->toInt64(0))
        return badRow("clock");
    state.dbNowUs = *(*now)->toInt64(0);

    ++m_reads;
    auto instances = m_conn.query(
        "SELECT id, name, url_clear, url_onion, version, state, " WP_EPOCH_US("started_at") ","
        " TIMESTAMPDIFF(MICROSECOND, heartbeat_at, UTC_TIMESTAMP(6)), stats"
        " FROM cluster_instance ORDER BY heartbeat_at DESC");
    if (!instances)
        return instances.error();
    for (const db::DbRow &row : *instances) {
        InstanceInfo info;
        info.id = row.toString(0).value_or(QString());
        info.name = row.toString(1).value_or(QString());
        info.urlClear = row.toString(2).value_or(QString());
        info.urlOnion = row.toString(3).value_or(QString());
        info.version = row.toString(4).value_or(QString());
        info.state = row.toString(5).value_or(QString());
        info.startedAtUs = row.toInt64(6).value_or(0);
        const qint64 ageUs = row.toInt64(7).value_or(0);
        info.heartbeatAgeMs = ageUs / 1000;
        info.live = ageUs < ttlUs && info.state != QLatin1String("stopped");
        const QJsonDocument stats = QJsonDocument::fromJson(row.toBytes(8).value_or(QByteArray()));
        info.stats = stats.object();
        state.instances.append(info);
    }

    ++m_reads;
    auto leases = m_conn.query("SELECT pool_id, instance_id, epoch,"
                               " TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at)"
                               " FROM pool_lease ORDER BY pool_id");
    if (!leases)
        return leases.error();
    for (const db::DbRow &row : *leases) {
        LeaseRow lease;
        lease.poolId = row.toString(0).value_or(QString());
        lease.instanceId = row.toString(1).value_or(QString());
        lease.epoch = row.toInt64(2).value_or(0);
        lease.expiresInUs = row.toInt64(3);
        LeaseInfo info;
        info.poolId = lease.poolId;
        info.instanceId = lease.instanceId;
        info.epoch = lease.epoch;
        if (lease.expiresInUs)
            info.expiresInMs = *lease.expiresInUs / 1000;
        info.held = lease.isHeld();
        state.leases.append(info);
    }
    return state;
}

#undef WP_EPOCH_US

} // namespace wp::server::cluster
