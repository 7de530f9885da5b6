#pragma once

#include "clustertypes.h"
#include "leaseplanner.h"
#include "leasestore.h"

#include <util/result.h>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace wp::server::db {
class DbConnection;
}

namespace wp::server::cluster {

/// Everything one lease cycle needs, copied from the member on the event-loop
/// thread (implicitly shared Qt values: safe to hand to a worker).
struct CycleInput {
    InstanceIdentity identity;
    InstanceState state = InstanceState::Active;
    QString statsJson;
    QStringList pools;
    qint64 ttlUs = 0;
    /// First cycle (or after a failed registration): create the lease rows, delete
    /// old instance rows and insert our own row before the heartbeat.
    bool registration = false;
    std::chrono::seconds retention{0};
    /// pool -> epoch this instance believes it holds when the cycle starts.
    QHash<QString, qint64> held;
    /// A drain is in progress (no second one is planned).
    bool drainInProgress = false;
};

/// A claim won in a cycle.
struct ClaimWon {
    QString poolId;
    qint64 epoch = 0;
    qint64 dbUs = 0; ///< DB time of the claim
};

/// What one cycle did.
struct CycleOutput {
    /// Local monotonic time at which the heartbeat+renew statement was sent: the
    /// start of the validity of every lease confirmed by this cycle.
    SteadyTime renewSentAt;
    qint64 renewUs = 0;        ///< round trip of the heartbeat+renew statement
    quint64 renewedLeases = 0; ///< leases extended by it
    ClusterView view;
    SteadyTime viewReadAt;     ///< local time at the middle of the view's round trip
    /// Local duration from the renewal's answer to the view's answer: the DB read its
    /// clock somewhere inside it, so viewReadAt is off by at most half of it.
    qint64 viewWindowUs = 0;
    /// pool -> epoch confirmed ours (renewed, in the input's held set with that epoch).
    QHash<QString, qint64> confirmed;
    /// Leases the DB gave to us that we did not believe we held (a claim whose
    /// answer was lost, a release that did not reach the DB): released here.
    QStringList staleReleased;
    LeasePlan plan;
    QList<ClaimWon> claimed;
    int claimsMissed = 0; ///< compare-and-set claims that changed nothing
    /// A claim (or stale release) failed after the renewal succeeded: the renewal
    /// still counts, claims stop for this cycle.
    std::optional<Error> laterError;
    int writes = 0;
    int reads = 0;
};

/// One cycle of DESIGN §2.2 on a worker thread: (registration,) heartbeat +
/// renewal in one statement, the view of leases and live members in one SELECT,
/// release of stale leases, planning (LeasePlanner) and compare-and-set claims.
/// Returns: the output, or the error of the registration, the renewal or the
/// read: then nothing in the output may be trusted and the cycle counts as no
/// renewal.
[[nodiscard]] Result<CycleOutput> runLeaseCycle(db::DbConnection &conn, const CycleInput &input);

} // namespace wp::server::cluster
