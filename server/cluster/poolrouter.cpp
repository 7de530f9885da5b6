#include "poolrouter.h"

#include <logging.h>
#include <poolservice.h>

#include <algorithm>

namespace wp::server::cluster {

namespace {

const QString kMovedNotice = QStringLiteral("The pool moved to another coordinator instance: connect again");

} // namespace

PoolRouter::PoolRouter(const PoolOwnership &ownership, QList<PoolService *> pools, Config config)
    : m_ownership(ownership), m_pools(std::move(pools)), m_config(std::move(config))
{
}

PoolService *PoolRouter::configuredPool(const QString &poolId) const
{
    for (PoolService *p : m_pools)
        if (p->config().poolId == poolId)
            return p;
    return nullptr;
}

PoolRoute PoolRouter::route(const QString &poolId)
{
    PoolService *p = configuredPool(poolId);
    if (!p)
        return route::Unknown{};
    if (p->isRunning()) {
        if (m_ownership.holds(poolId, p->epoch()))
            return route::Local{p};
        // The fence deadline passed (or the lease went) before the timer that stops the
        // pool could run: stop it now, before anything answers in its name.
        qCInfo(lcCoordinator).noquote() << "pool" << poolId << "epoch" << p->epoch()
                                        << "is no longer held: stopped before serving a request";
        stopLost(poolId);
    }
    return elsewhere(poolId);
}

PoolService *PoolRouter::localPool(const QString &poolId)
{
    const PoolRoute r = route(poolId);
    const auto *local = std::get_if<route::Local>(&r);
    return local ? local->service : nullptr;
}

QList<PoolService *> PoolRouter::localPools()
{
    QList<PoolService *> out;
    for (PoolService *p : std::as_const(m_pools))
        if (PoolService *local = localPool(p->config().poolId))
            out.append(local);
    return out;
}

QList<proto::PoolInfo> PoolRouter::poolInfos()
{
    QList<proto::PoolInfo> out;
    for (PoolService *p : std::as_const(m_pools)) {
        proto::PoolInfo info = p->poolInfo();
        if (localPool(info.poolId)) {
            info.ownerUrlClear = m_config.urlClear;
            info.ownerUrlOnion = m_config.urlOnion;
        } else if (const auto owner = m_ownership.owner(info.poolId);
                   owner && owner->instanceId != m_ownership.instanceId()) {
            info.ownerUrlClear = owner->urlClear;
            info.ownerUrlOnion = owner->urlOnion;
        }
        out.append(info);
    }
    return out;
}

void PoolRouter::stopLost(const QString &poolId)
{
    if (PoolService *p = configuredPool(poolId); p && p->isRunning()) {
        qCInfo(lcCoordinator).noquote() << "no longer running pool" << poolId;
        p->stop(kMovedNotice);
    }
}

bool PoolRouter::isLive(const QString &instanceId) const
{
    const qint64 staleUs = 3LL * m_config.renewMs * 1000;
    const QList<MemberInfo> members = m_ownership.members();
    return std::any_of(members.begin(), members.end(),
                       [&](const MemberInfo &m) { return m.id == instanceId && m.heartbeatAgeUs < staleUs; });
}

int PoolRouter::retryAfterMs() const { return std::max(500, 2 * m_config.renewMs); }

PoolRoute PoolRouter::elsewhere(const QString &poolId) const
{
    const auto owner = m_ownership.owner(poolId);
    // Owned here but not served (not started yet, or handed over and its last records
    // still being written), nobody, or an owner whose lease has not expired yet but that
    // stopped heartbeating (being taken over): the next owner claims it within a lease
    // cycle or two.
    if (!owner || owner->instanceId == m_ownership.instanceId() || !isLive(owner->instanceId))
        return route::Retry{retryAfterMs()};
    return route::Redirect{owner->urlClear, owner->urlOnion, owner->epoch};
}

} // namespace wp::server::cluster
