#pragma once

#include "clusterconfig.h"
#include "clustertypes.h"
#include "poolownership.h"

#include <util/result.h>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace wp::server::db {
class Database;
}

namespace wp::server::cluster {

struct CycleOutput;

/// This process's membership in the coordinator cluster and its pool leases
/// (DESIGN §2.2): heartbeat, renewal, claims of orphaned pools, drains towards
/// an even spread, self-fencing and graceful shutdown.
///
/// Every renewInterval one cycle runs as one Database job: heartbeat + renewal of
/// all leases in ONE UPDATE, one SELECT of the leases and live members (DB
/// clock), then, only when ownership moves, compare-and-set claims and releases.
/// At most one cycle is in flight; a cycle that is still running when the next
/// tick comes (a stalled DB) is not doubled, another one follows at once.
///
/// Fencing: the instance owns a pool only while the local monotonic clock is
/// before lastRenewalSent + fenceAfter, where lastRenewalSent is the moment the
/// last successful heartbeat+renew statement was *sent*. The DB lease lasts at
/// least leaseTtl from that same moment, so an instance that cannot renew (DB
/// down, stalled, unreachable, or its answers arrive too late) stops before its
/// leases can be claimed elsewhere. holds() applies that rule exactly at the time
/// it is called; poolLost(Fenced) is emitted by a timer at the deadline (later
/// if the event loop is busy: guard every effect with holds()).
///
/// As a PoolOwnership it is what the pool router reads: every request for a pool
/// is routed through holds() at the time of the request (cluster::PoolRouter).
///
/// Crash semantics: destroying a member without shutdown() writes nothing: its
/// leases expire after leaseTtl and are claimed by the others (the kill -9 case).
///
/// Thread affinity: the thread that creates it (the coordinator's event loop);
/// every method must be called there, none blocks: DB work runs on @p database's
/// workers. Give it its own Database (poolSize 1-2, pingAfterIdle above
/// renewInterval) so renewals never queue behind mixing work.
class ClusterMember : public QObject, public PoolOwnership {
    Q_OBJECT
public:
    /// Returns the stats published with every heartbeat (dashboard). Called on this
    /// member's thread once per cycle; must be fast.
    using StatsProvider = std::function<QJsonObject()>;

    /// Idle before start(); Active; Draining after shutdown() until the pools are
    /// released; Stopping while the final release is written; Stopped.
    enum class Phase { Idle, Active, Draining, Stopping, Stopped };

    /// @p config must pass validate() (WP_ASSERT). @p database must outlive this
    /// member. A fresh random instance id is drawn here.
    ClusterMember(db::Database &database, ClusterConfig config, QObject *parent = nullptr);
    /// Stops the timers; writes nothing to the DB (see crash semantics).
    ~ClusterMember() override;

    /// Sets the stats provider (may be empty: stats hold only the leases).
    void setStatsProvider(StatsProvider provider);

    /// Registers the instance and starts the cycles (the first one at once).
    /// Once only; returns immediately. DB errors are retried every interval.
    void start();

    /// Graceful shutdown: publishes state 'draining' (others stop counting this
    /// instance and take its pools), emits drainRequested() for every pool held,
    /// and once all are released (release()) or after @p drainTimeout, drops what
    /// is left (poolLost(Shutdown)), releases every lease in the DB, marks the
    /// instance 'stopped' and emits shutdownFinished() (also when the DB is down:
    /// leases then expire). No-op unless Active; before start() it just stops.
    void shutdown(std::chrono::milliseconds drainTimeout);

    /// Gives up @p poolId after its drain: stops owning it locally at once (emits
    /// poolLost(Released) from within this call) and frees the lease in the DB.
    /// Returns: false if the pool is not held.
    bool release(const QString &poolId);

    /// This process's random instance id (32 hex characters).
    const QString &instanceId() const override { return m_instanceId; }
    const ClusterConfig &config() const { return m_config; }
    Phase phase() const { return m_phase; }

    /// True if this instance owns @p poolId under @p epoch right now (by the local
    /// fence clock): the guard for recording or broadcasting a mix.
    bool holds(const QString &poolId, qint64 epoch) const override;
    /// True while the last successful cycle is younger than fenceAfter: this
    /// instance sees the cluster's database (the health probe).
    bool isInContact() const;
    /// The epoch under which @p poolId is owned now, or nullopt.
    std::optional<qint64> epochOf(const QString &poolId) const;
    /// pool -> epoch of every pool owned now.
    QHash<QString, qint64> ownedPools() const;

    /// The owner of @p poolId as of the last cycle (this instance included), for
    /// redirects; nullopt while nobody holds it (being taken over).
    std::optional<PoolOwner> owner(const QString &poolId) const override;
    /// Instances with a fresh heartbeat as of the last cycle (active and draining).
    QList<MemberInfo> members() const override { return m_lastView.members; }
    /// Every ownership interval of this member so far (lostAt is nullopt while held).
    QList<OwnershipInterval> ownershipLog() const { return m_log; }
    /// Statement and timing counters.
    MemberCounters counters() const { return m_counters; }
    /// Estimated DB clock (microseconds since 1970) at local time @p t, from the last
    /// successful cycle; nullopt before the first one.
    std::optional<qint64> dbTimeAt(SteadyTime t) const;

    /// Reads the whole cluster (all instances with stats, all leases) for the
    /// dashboard and calls @p done on @p context's thread (not at all if @p context
    /// is destroyed first).
    void queryState(QObject *context, std::function<void(Result<ClusterState>)> done);

    /// A random 32-hex-character instance id.
    static QString newInstanceId();

Q_SIGNALS:
    /// This instance now owns @p poolId under fencing token @p epoch.
    void poolAcquired(const QString &poolId, qint64 epoch);
    /// This instance no longer owns @p poolId: stop serving it, fail its mix without
    /// blaming anybody.
    void poolLost(const QString &poolId, wp::server::cluster::LossReason reason);
    /// Hand @p poolId over: stop inviting inputs, finish or fail the current mix,
    /// then call release(). One at a time while Active; every held pool on shutdown.
    void drainRequested(const QString &poolId);
    /// The set of live instances (or their state/URLs) changed.
    void membersChanged();
    /// shutdown() is complete.
    void shutdownFinished();

private:
    void startCycle();
    void onCycleDone(Result<CycleOutput> result);
    void onCycleFailed(const Error &error);
    void onFenceTimer();
    void armFenceTimer();
    void finishShutdown();
    void sendFinish();
    /// Removes @p poolId from the held set and closes its interval at @p at.
    void closeInterval(const QString &poolId, LossReason reason, SteadyTime at);
    QString statsJson() const;
    QStringList memberSignature() const;

    db::Database &m_db;
    ClusterConfig m_config;
    QString m_instanceId;
    StatsProvider m_statsProvider;
    Phase m_phase = Phase::Idle;

    QHash<QString, qint64> m_held;  ///< pool -> epoch, owned (if before the deadline)
    QSet<QString> m_draining;       ///< drains requested and not yet released
    SteadyTime m_fenceDeadline{};   ///< last successful renewal send time + fenceAfter
    QList<OwnershipInterval> m_log;
    QHash<QString, qsizetype> m_openInterval; ///< pool -> index in m_log

    ClusterView m_lastView;
    std::optional<qint64> m_dbOffsetUs; ///< DB clock - local steady clock, microseconds
    qint64 m_dbOffsetErrorUs = 0;       ///< the most m_dbOffsetUs can be off by (half the view's round trip)
    MemberCounters m_counters;

    bool m_registered = false;
    bool m_cycleInFlight = false;
    bool m_cycleAgain = false;
    bool m_finishPending = false;
    int m_failureStreak = 0;

    QTimer m_renewTimer;
    QTimer m_takeoverTimer;
    QTimer m_fenceTimer;
    QTimer m_drainTimer;
};

} // namespace wp::server::cluster
