#pragma once

#include "clustertypes.h"

#include <util/result.h>

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace wp::server::db {
class DbConnection;
}

namespace wp::server::cluster {

/// What cluster_instance says about an instance besides its liveness.
struct InstanceIdentity {
    QString id; ///< 32 hex characters, random per process start
    QString name;
    QString urlClear;
    QString urlOnion;
    QString version;
};

/// The SQL of membership and leases (tables cluster_instance and pool_lease,
/// migration 0001). Every statement is a single autocommit statement compared
/// against the DB clock (UTC_TIMESTAMP(6)); lease changes are conditional
/// UPDATEs whose affected-row count says who won (no GET_LOCK, no SELECT ... FOR
/// UPDATE).
///
/// Thread affinity: that of its connection (a DbWorker thread, inside a
/// Database::run job); blocking. Counts the statements it sends.
class LeaseStore {
public:
    explicit LeaseStore(db::DbConnection &conn) : m_conn(conn) {}

    /// INSERT IGNORE one unowned row per pool (rows exist before anyone claims).
    [[nodiscard]] Result<void> ensureLeaseRows(const QStringList &pools);
    /// Deletes cluster_instance rows whose heartbeat is older than @p retention.
    /// Returns: rows deleted.
    [[nodiscard]] Result<quint64> deleteOldInstances(std::chrono::seconds retention);
    /// Inserts (or refreshes) this instance's row with a fresh heartbeat.
    [[nodiscard]] Result<void> registerInstance(const InstanceIdentity &identity, InstanceState state,
                                                const QString &statsJson);
    /// The liveness write, ONE statement: sets this instance's heartbeat, state and
    /// stats and extends every lease it holds that has not expired
    /// (`expires_at = UTC_TIMESTAMP(6) + ttl`) in a multi-table UPDATE.
    /// Returns: affected rows = 1 (the instance row) + leases renewed; 0 when the
    /// instance row does not exist (nothing was renewed).
    [[nodiscard]] Result<quint64> heartbeatAndRenew(const QString &instanceId, InstanceState state,
                                                    const QString &statsJson, qint64 ttlUs);
    /// Reads the leases of @p pools and the instances with a heartbeat younger than
    /// @p ttlUs (not stopped), with the DB clock, in one SELECT.
    [[nodiscard]] Result<ClusterView> readView(const QStringList &pools, qint64 ttlUs);
    /// Compare-and-set claim of an orphaned pool: succeeds only if the row still
    /// has epoch @p seenEpoch and is unowned or expired; then it is ours with
    /// epoch seenEpoch + 1 until UTC_TIMESTAMP(6) + ttl.
    /// Returns: the DB time of the claim (microseconds since 1970) if won, nullopt if
    /// someone else changed the row first.
    [[nodiscard]] Result<std::optional<qint64>> claim(const QString &poolId, const QString &instanceId,
                                                      qint64 seenEpoch, qint64 ttlUs);
    /// Gives up a lease: owner NULL, expiry now, only if it is still ours with @p epoch.
    /// Returns: true if the row was ours and is now free.
    [[nodiscard]] Result<bool> release(const QString &poolId, const QString &instanceId, qint64 epoch);
    /// Releases every lease of this instance and marks it stopped.
    /// Returns: leases released.
    [[nodiscard]] Result<quint64> releaseAllAndStop(const QString &instanceId);
    /// Every instance row and every lease row, for the dashboard.
    [[nodiscard]] Result<ClusterState> readState(qint64 ttlUs);

    /// Write / read statements sent so far (successful or not).
    int writes() const { return m_writes; }
    int reads() const { return m_reads; }

private:
    db::DbConnection &m_conn;
    int m_writes = 0;
    int m_reads = 0;
};

} // namespace wp::server::cluster
