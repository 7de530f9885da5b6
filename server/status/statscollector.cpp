#include <status/statscollector.h>

#include <poolservice.h>

#include <algorithm>

namespace wp::server::status {

StatsCollector::StatsCollector(const QList<PoolService *> &pools, std::function<int()> connectedClients,
                               QObject *parent)
    : QObject(parent), m_connectedClients(std::move(connectedClients))
{
    for (PoolService *pool : pools) {
        m_pools.append(pool);
        const QString poolId = pool->config().poolId;
        m_counts.insert(poolId, MixCounts{});
        connect(pool, &PoolService::mixFinished, this,
                [this, poolId](const MixRecord &record) { onMixFinished(poolId, record); });
    }
}

void StatsCollector::onMixFinished(const QString &poolId, const MixRecord &record)
{
    MixCounts &c = m_counts[poolId];
    if (record.status == QLatin1String("SUCCESS"))
        ++c.succeeded;
    else
        ++c.failed;
}

InstanceStats StatsCollector::snapshot() const
{
    InstanceStats s;
    s.connectedClients = m_connectedClients ? m_connectedClients() : 0;
    for (const MixCounts &c : m_counts) {
        s.mixesSucceeded += c.succeeded;
        s.mixesFailed += c.failed;
    }
    for (const QPointer<PoolService> &pool : m_pools) {
        if (!pool || !pool->isRunning())
            continue;
        PoolStats p = poolStatsOf(pool->config(), pool->epoch(), pool->currentMix(), pool->queuedInputs());
        const MixCounts c = m_counts.value(p.poolId);
        p.mixesSucceeded = c.succeeded;
        p.mixesFailed = c.failed;
        s.pools.append(p);
    }
    std::sort(s.pools.begin(), s.pools.end(), [](const PoolStats &a, const PoolStats &b) { return a.poolId < b.poolId; });
    return s;
}

} // namespace wp::server::status
