#pragma once

#include "poolownership.h"

#include <protocol/messages.h>

#include <QList>
#include <QString>

#include <variant>

namespace wp::server {
class PoolService;
}

namespace wp::server::cluster {

/// The answers of PoolRouter::route().
namespace route {
/// This instance serves the pool now: talk to @p service.
struct Local {
    PoolService *service = nullptr;
};
/// Another live instance owns the pool: send the client there.
struct Redirect {
    QString urlClear;
    QString urlOnion;
    qint64 epoch = 0; ///< the owner's fencing token
};
/// The pool is a pool of the cluster but has no reachable owner right now (being
/// taken over, its owner stopped heartbeating, or it is handed over from here):
/// the client tries again after @p afterMs.
struct Retry {
    int afterMs = 0;
};
/// Not a pool of this cluster.
struct Unknown {};
} // namespace route

using PoolRoute = std::variant<route::Local, route::Redirect, route::Retry, route::Unknown>;

/// The one place that decides where a pool is served (issue #11): every STOMP
/// subscription and message, every REST call and Coordinator::pool() asks it.
///
/// A pool is Local only if its PoolService is running AND the ownership view
/// says this instance holds the pool under the service's epoch at the moment of
/// the call. The fence timer of ClusterMember fires later than the fence deadline
/// when the event loop is busy or the process was stopped (SIGSTOP), and queued
/// socket events may run first: a pool found running but no longer held is
/// therefore stopped here, at once, as a poolLost() would stop it, and the caller
/// is sent elsewhere.
///
/// Owners that stopped heartbeating for three renew intervals are presumed dead:
/// clients are not redirected to them (they would fail to connect and back off)
/// but asked to retry shortly.
///
/// Thread affinity: the event-loop thread (that of the pools and the ownership view).
/// @p ownership and the pools must outlive the router.
class PoolRouter {
public:
    struct Config {
        int renewMs = 0;    ///< the cluster's renew interval (liveness and retry delay)
        QString urlClear;   ///< this instance's URLs, listed for the pools it serves
        QString urlOnion;
    };

    /// @p pools: every pool configured on this instance (running or not).
    PoolRouter(const PoolOwnership &ownership, QList<PoolService *> pools, Config config);

    /// Where @p poolId is served now. May stop the local PoolService (see above).
    PoolRoute route(const QString &poolId);
    /// The PoolService of @p poolId if route() says Local, else nullptr.
    PoolService *localPool(const QString &poolId);
    /// Every pool that is Local now.
    QList<PoolService *> localPools();
    /// Every configured pool as `GET /rest/pools` lists it: the URLs of this instance
    /// for the pools it serves, of the owner seen in the last cycle for the others
    /// (none while nobody holds it).
    QList<proto::PoolInfo> poolInfos();

    /// The PoolService configured for @p poolId (running or not), or nullptr.
    PoolService *configuredPool(const QString &poolId) const;
    /// Stops @p poolId's PoolService if it runs: its lease is gone (poolLost(), or
    /// found expired by route()). Its mix fails without blame, its clients are told.
    void stopLost(const QString &poolId);
    /// True if instance @p instanceId has a heartbeat younger than three renew intervals.
    bool isLive(const QString &instanceId) const;
    /// The retry delay given to clients while a pool has no live owner.
    int retryAfterMs() const;

private:
    PoolRoute elsewhere(const QString &poolId) const;

    const PoolOwnership &m_ownership;
    QList<PoolService *> m_pools;
    Config m_config;
};

} // namespace wp::server::cluster
