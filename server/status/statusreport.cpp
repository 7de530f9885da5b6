#include <status/statusreport.h>

#include <cluster/leasestore.h>
#include <db/dbconnection.h>

namespace wp::server::status {

Result<StatusReport> readStatusReport(db::DbConnection &conn, qint64 leaseTtlUs, int recentMixes)
{
    StatusReport report;
    cluster::LeaseStore leases(conn);
    auto state = leases.readState(leaseTtlUs);
    if (!state)
        return state.error();
    report.cluster = std::move(*state);

    auto mixes = conn.query("SELECT FLOOR(UNIX_TIMESTAMP(m.created) * 1000000), m.pool_id, m.instance_id, i.name,"
                            " m.mix_status, m.anonymity_set, m.fail_reason, m.mix_duration"
                            " FROM mix m LEFT JOIN cluster_instance i ON i.id = m.instance_id"
                            " ORDER BY m.id DESC LIMIT ?",
                            {recentMixes});
    if (!mixes)
        return mixes.error();
    for (const db::DbRow &row : *mixes) {
        RecentMix m;
        m.createdAtUs = row.toInt64(0).value_or(0);
        m.poolId = row.toString(1).value_or(QString());
        m.instanceId = row.toString(2).value_or(QString());
        m.instanceName = row.toString(3).value_or(QString());
        m.status = row.toString(4).value_or(QString());
        m.anonymitySet = int(row.toInt64(5).value_or(0));
        m.failReason = row.toString(6).value_or(QString());
        m.durationS = int(row.toInt64(7).value_or(0));
        report.recentMixes.append(m);
    }

    auto bans = conn.queryOne("SELECT COUNT(*) FROM ban WHERE expiration IS NULL OR expiration > UTC_TIMESTAMP(6)");
    if (!bans)
        return bans.error();
    report.activeBans = bans->has_value() ? (*bans)->toInt64(0).value_or(0) : 0;
    return report;
}

const InstanceView *StatusModel::instance(const QString &id) const
{
    for (const InstanceView &i : instances)
        if (i.info.id == id)
            return &i;
    return nullptr;
}

StatusModel buildStatusModel(const StatusReport &report, const QString &servedById, const QString &servedByName)
{
    StatusModel model;
    model.servedById = servedById;
    model.servedByName = servedByName;
    model.dbNowUs = report.cluster.dbNowUs;
    model.recentMixes = report.recentMixes;
    model.activeBans = report.activeBans;
    for (const cluster::InstanceInfo &info : report.cluster.instances) {
        InstanceView view;
        view.info = info;
        view.stats = statsFromJson(info.stats);
        model.instances.append(view);
    }
    for (const cluster::LeaseInfo &lease : report.cluster.leases) {
        PoolView pool;
        pool.poolId = lease.poolId;
        pool.epoch = lease.epoch;
        pool.held = lease.held;
        if (lease.held) {
            pool.ownerId = lease.instanceId;
            pool.ownerName = lease.instanceId; // until the owner's row is found
            for (InstanceView &owner : model.instances) {
                if (owner.info.id != lease.instanceId)
                    continue;
                pool.ownerName = owner.info.name;
                owner.ownedPools.append({lease.poolId, lease.epoch});
                for (const PoolStats &p : owner.stats.pools)
                    if (p.poolId == lease.poolId)
                        pool.live = p;
            }
        }
        model.pools.append(pool);
    }
    for (InstanceView &owner : model.instances)
        if (!owner.info.stats.isEmpty())
            owner.info.stats = QJsonObject(); // parsed into stats: do not carry the raw row further
    return model;
}

} // namespace wp::server::status
