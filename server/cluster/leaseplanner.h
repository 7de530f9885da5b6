#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace wp::server::cluster {

/// What one instance knows when it plans (a snapshot read from the DB in one cycle).
struct PlannerInput {
    /// Every pool of the cluster.
    QStringList pools;
    /// This instance's id.
    QString self;
    /// False while this instance drains for shutdown: it then claims nothing and
    /// donates nothing (shutdown releases everything anyway).
    bool selfActive = true;
    /// Instances in state 'active' with a heartbeat younger than the TTL. Self is
    /// counted when selfActive even if missing here.
    QStringList liveInstances;
    /// pool -> holder of a valid (unexpired) lease. Pools absent here are orphaned.
    /// Holders that are not live (a draining instance) still hold their pools.
    QHash<QString, QString> holders;
    /// Self already drains a pool: no second drain is planned.
    bool drainInProgress = false;
};

/// The decision of one cycle.
struct LeasePlan {
    int live = 0;   ///< live instances counted (self included when active)
    int floor = 0;  ///< pools / live, rounded down
    int target = 0; ///< pools / live, rounded up: nobody should hold more
    int held = 0;   ///< pools self holds
    /// Orphaned pools in self's order of preference; try them in order and stop
    /// after claimQuota wins.
    QStringList claimCandidates;
    int claimQuota = 0;
    /// A pool self should hand over (drain, then release), if any.
    std::optional<QString> drain;
};

/// Pure lease planning, no I/O, deterministic: every instance computes the same
/// roles from the same snapshot. Thread-safe (no state).
///
/// Rules, with n live instances and P pools, floor = P / n, target = ceil(P / n):
/// - Claim orphaned pools up to floor while another live instance is below floor
///   (so free pools spread first), else up to target.
/// - Drain only when no pool is orphaned, one pool at a time, when
///   (a) self holds more than target and another live instance holds less than
///       target, or
///   (b) self holds more than floor, another live instance holds less than floor,
///       and self is the donor: the live instance holding the most pools, ties
///       broken by the smallest instance id.
///   Claims never go above target and drains never go below floor, so the counts
///   converge to floor or target everywhere and then nothing moves.
/// - Preferences are rendezvous hashes: an instance claims first the orphans of
///   highest weight(self, pool) and drains the pool of lowest weight, so instances
///   racing for orphans mostly try different pools.
class LeasePlanner {
public:
    /// The plan for @p input.self. Pools in holders but not in input.pools are ignored.
    static LeasePlan plan(const PlannerInput &input);
    /// Rendezvous weight of @p pool for @p instance (first 8 bytes of SHA-256).
    static quint64 weight(const QString &instance, const QString &pool);
};

} // namespace wp::server::cluster
