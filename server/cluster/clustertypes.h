#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace wp::server::cluster {

/// The local monotonic clock used for self-fencing (CLOCK_MONOTONIC on Linux:
/// the same for every thread of the process, never jumps).
using SteadyClock = std::chrono::steady_clock;
using SteadyTime = SteadyClock::time_point;

/// The lifecycle state written to cluster_instance.state.
enum class InstanceState { Active, Draining, Stopped };

/// "active", "draining", "stopped".
QString instanceStateName(InstanceState state);

/// Why an instance stopped owning a pool.
enum class LossReason {
    Fenced,    ///< no successful renewal for fenceAfter (DB down, slow or unreachable)
    LeaseLost, ///< the DB says the lease is no longer ours (expired, taken, other epoch)
    Released,  ///< released after a drain (release())
    Shutdown,  ///< given up by shutdown() (drain timeout) or dropped at the end of it
};

/// "fenced", "lease-lost", "released", "shutdown".
QString lossReasonName(LossReason reason);

/// One pool_lease row as read in a cycle (times relative to the DB clock).
struct LeaseRow {
    QString poolId;
    QString instanceId; ///< empty: nobody
    qint64 epoch = 0;
    std::optional<qint64> expiresInUs; ///< expires_at - UTC_TIMESTAMP(6); nullopt: never set
    /// True while someone holds it: an owner and an expiry in the future.
    bool isHeld() const { return !instanceId.isEmpty() && expiresInUs && *expiresInUs > 0; }
};

/// One instance with a heartbeat younger than the TTL, as read in a cycle.
struct MemberInfo {
    QString id;
    QString state; ///< "active" or "draining" ("stopped" rows are not members)
    QString urlClear;
    QString urlOnion;
    qint64 heartbeatAgeUs = 0; ///< DB clock
    bool isActive() const { return state == QLatin1String("active"); }
};

/// What one cycle read: every configured pool's lease and the live members.
struct ClusterView {
    QList<LeaseRow> leases;
    QList<MemberInfo> members;
    qint64 dbNowUs = 0; ///< UTC_TIMESTAMP(6) of the read, microseconds since 1970
};

/// Who serves a pool, for redirects (DESIGN §2.4).
struct PoolOwner {
    QString instanceId;
    QString urlClear;
    QString urlOnion;
    qint64 epoch = 0;
};

/// One ownership interval of one pool by one instance, as that instance saw it:
/// it starts when the instance learnt it won the lease and ends at the first
/// moment holds() returned false (the fence deadline if that came first). Tests
/// check that intervals of one pool never overlap and that epochs increase.
struct OwnershipInterval {
    QString poolId;
    qint64 epoch = 0;
    QString instanceId;
    SteadyTime acquiredAt;               ///< local monotonic
    qint64 acquiredDbUs = 0;             ///< DB time of the winning claim (exact)
    std::optional<SteadyTime> lostAt;    ///< local monotonic; nullopt while held
    std::optional<qint64> lostDbUs;      ///< DB time estimated from the last measured clock offset
    std::optional<LossReason> reason;
};

/// One cluster_instance row for the dashboard.
struct InstanceInfo {
    QString id;
    QString name;
    QString urlClear;
    QString urlOnion;
    QString version;
    QString state;
    qint64 startedAtUs = 0;    ///< UTC, microseconds since 1970
    qint64 heartbeatAgeMs = 0; ///< DB clock
    bool live = false;         ///< heartbeat younger than the TTL and not stopped
    QJsonObject stats;         ///< the instance's last published snapshot (empty if none or invalid)
};

/// One pool_lease row for the dashboard.
struct LeaseInfo {
    QString poolId;
    QString instanceId; ///< empty: nobody
    qint64 epoch = 0;
    std::optional<qint64> expiresInMs; ///< DB clock; <= 0: expired
    bool held = false;
};

/// The whole cluster as the database sees it now (dashboard, /rest/cluster).
struct ClusterState {
    QList<InstanceInfo> instances; ///< newest heartbeat first
    QList<LeaseInfo> leases;       ///< by pool id
    qint64 dbNowUs = 0;
};

/// Statement and timing counters of one member (metrics, benchmarks, tests).
struct MemberCounters {
    quint64 cycles = 0;          ///< cycles completed successfully
    quint64 failedCycles = 0;    ///< cycles that failed (DB error or timeout)
    quint64 writeStatements = 0; ///< INSERT/UPDATE/DELETE statements sent by completed jobs
    quint64 readStatements = 0;  ///< SELECT statements sent by completed jobs
    quint64 claimsWon = 0;
    quint64 claimsMissed = 0;    ///< compare-and-set that changed nothing (someone was faster)
    quint64 fences = 0;          ///< times the fence deadline passed with pools held
    quint64 lateRenewals = 0;    ///< renewals answered after their fence deadline (counted as failed)
    quint64 staleReleases = 0;   ///< leases the DB gave us that we no longer served, released
    qint64 lastRenewUs = 0;      ///< round trip of the last heartbeat+renew statement
    qint64 maxRenewUs = 0;       ///< worst round trip of a successful heartbeat+renew
};

} // namespace wp::server::cluster
