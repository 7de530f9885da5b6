#include "leasecycle.h"

#include <db/dbconnection.h>

namespace wp::server::cluster {

namespace {

qint64 microsBetween(SteadyTime from, SteadyTime to)
{
    return std::chrono::duration_cast<std::chrono::microseconds>(to - from).count();
}

} // namespace

Result<CycleOutput> runLeaseCycle(db::DbConnection &conn, const CycleInput &input)
{
    LeaseStore store(conn);
    CycleOutput out;
    const QString &me = input.identity.id;

    if (input.registration) {
        if (auto r = store.ensureLeaseRows(input.pools); !r)
            return r.error();
        if (auto r = store.deleteOldInstances(input.retention); !r)
            return r.error();
        if (auto r = store.registerInstance(input.identity, input.state, input.statsJson); !r)
            return r.error();
    }

    // (1)+(2) heartbeat and renewal: the validity of what follows starts at the
    // moment this statement is sent.
    out.renewSentAt = SteadyClock::now();
    auto renewed = store.heartbeatAndRenew(me, input.state, input.statsJson, input.ttlUs);
    if (!renewed)
        return renewed.error();
    if (*renewed == 0) {
        // Our row is gone (deleted by hand?): nothing was renewed. Register again
        // and renew once more; validity starts at the second send.
        if (auto r = store.registerInstance(input.identity, input.state, input.statsJson); !r)
            return r.error();
        out.renewSentAt = SteadyClock::now();
        renewed = store.heartbeatAndRenew(me, input.state, input.statsJson, input.ttlUs);
        if (!renewed)
            return renewed.error();
        if (*renewed == 0)
            return Error(QStringLiteral("cluster: the instance row cannot be written"));
    }
    const SteadyTime renewDone = SteadyClock::now();
    out.renewUs = microsBetween(out.renewSentAt, renewDone);
    out.renewedLeases = *renewed - 1;

    // (3) the view: leases of our pools, live members, the DB clock.
    auto view = store.readView(input.pools, input.ttlUs);
    if (!view)
        return view.error();
    const SteadyTime viewDone = SteadyClock::now();
    out.viewReadAt = renewDone + (viewDone - renewDone) / 2;
    out.viewWindowUs = microsBetween(renewDone, viewDone);
    out.view = std::move(*view);

    // Which leases are ours. A lease the DB shows valid and ours was renewed by the
    // statement above (nobody else extends our leases, and it was not expired
    // then, or it would be expired now).
    PlannerInput planner;
    planner.pools = input.pools;
    planner.self = me;
    planner.selfActive = input.state == InstanceState::Active;
    planner.drainInProgress = input.drainInProgress;
    QHash<QString, qint64> epochs;
    QStringList stale;
    for (const LeaseRow &lease : std::as_const(out.view.leases)) {
        epochs.insert(lease.poolId, lease.epoch);
        if (!lease.isHeld())
            continue;
        if (lease.instanceId == me && input.held.value(lease.poolId, -1) != lease.epoch) {
            stale.append(lease.poolId);
            continue;
        }
        planner.holders.insert(lease.poolId, lease.instanceId);
        if (lease.instanceId == me)
            out.confirmed.insert(lease.poolId, lease.epoch);
    }
    for (const MemberInfo &member : std::as_const(out.view.members)) {
        if (member.isActive())
            planner.liveInstances.append(member.id);
    }

    // Stale leases go back to the pool (with their epoch: a fresh claim, ours or
    // another's, gets a new one).
    for (const QString &pool : std::as_const(stale)) {
        auto released = store.release(pool, me, epochs.value(pool));
        if (!released) {
            out.laterError = released.error();
            planner.holders.insert(pool, me); // unknown: not an orphan for this plan
            continue;
        }
        if (*released)
            out.staleReleased.append(pool);
    }

    // (4)+(5) the plan and the claims.
    out.plan = LeasePlanner::plan(planner);
    int won = 0;
    for (const QString &pool : std::as_const(out.plan.claimCandidates)) {
        if (won >= out.plan.claimQuota || out.laterError)
            break;
        if (!epochs.contains(pool))
            continue;
        const qint64 seen = epochs.value(pool);
        auto claimed = store.claim(pool, me, seen, input.ttlUs);
        if (!claimed) {
            out.laterError = claimed.error();
            break;
        }
        if (!claimed->has_value()) {
            ++out.claimsMissed;
            continue;
        }
        out.claimed.append(ClaimWon{pool, seen + 1, **claimed});
        ++won;
    }
    out.writes = store.writes();
    out.reads = store.reads();
    return out;
}

} // namespace wp::server::cluster
