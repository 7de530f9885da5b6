#pragma once

#include <status/statssnapshot.h>

#include <cluster/clustertypes.h>
#include <util/result.h>

#include <QList>
#include <QString>

#include <optional>

namespace wp::server::db {
class DbConnection;
}

namespace wp::server::status {

/// One row of the mix history as the dashboard shows it: no txid, no input, no
/// output, nothing that links a mix's inputs to its outputs.
struct RecentMix {
    qint64 createdAtUs = 0;  ///< UTC, microseconds since 1970
    QString poolId;
    QString instanceId;
    QString instanceName;    ///< empty when the instance row is gone (retention)
    QString status;          ///< SUCCESS or FAIL
    int anonymitySet = 0;
    QString failReason;
    int durationS = 0;
};

/// What the dashboard reads from the database in one job.
struct StatusReport {
    cluster::ClusterState cluster;  ///< every instance (with stats) and every lease
    QList<RecentMix> recentMixes;   ///< newest first
    qint64 activeBans = 0;          ///< bans with no expiration or one in the future
};

/// Reads the whole report (blocking: a Database worker job). An instance counts as live
/// when its heartbeat is younger than @p leaseTtlUs and it is not stopped.
/// Returns: the report, or the first database error.
Result<StatusReport> readStatusReport(db::DbConnection &conn, qint64 leaseTtlUs, int recentMixes = 20);

/// One instance with its parsed snapshot and the pools it holds per pool_lease.
struct InstanceView {
    cluster::InstanceInfo info;
    InstanceStats stats;                     ///< from info.stats (untrusted, sanitized)
    QList<QPair<QString, qint64>> ownedPools; ///< pool id -> epoch, leases held now
};

/// One pool of the cluster: its lease and, if its owner published them, live figures.
struct PoolView {
    QString poolId;
    bool held = false;        ///< an owner holds a lease that has not expired
    QString ownerId;          ///< empty when nobody holds it
    QString ownerName;
    qint64 epoch = 0;
    std::optional<PoolStats> live;
};

/// Everything the dashboard, /status.json and /metrics show.
struct StatusModel {
    QString servedById;   ///< the instance answering
    QString servedByName;
    qint64 dbNowUs = 0;
    QList<InstanceView> instances; ///< newest heartbeat first
    QList<PoolView> pools;         ///< by pool id
    QList<RecentMix> recentMixes;
    qint64 activeBans = 0;

    /// The instance with @p id, or nullptr.
    const InstanceView *instance(const QString &id) const;
};

/// Joins leases, instances and their snapshots. Pure; tolerates inconsistent rows (a
/// lease naming an unknown instance shows its id as the owner name).
StatusModel buildStatusModel(const StatusReport &report, const QString &servedById, const QString &servedByName);

} // namespace wp::server::status
