#include "leaseplanner.h"

#include <crypto/hash.h>

#include <QSet>

#include <algorithm>

namespace wp::server::cluster {

quint64 LeasePlanner::weight(const QString &instance, const QString &pool)
{
    const QByteArray digest = crypto::sha256((instance + QLatin1Char('/') + pool).toUtf8());
    quint64 w = 0;
    for (int i = 0; i < 8; ++i)
        w = (w << 8) | quint8(digest.at(i));
    return w;
}

LeasePlan LeasePlanner::plan(const PlannerInput &input)
{
    LeasePlan plan;

    QStringList live;
    for (const QString &id : input.liveInstances) {
        if (id == input.self && !input.selfActive)
            continue;
        if (!live.contains(id))
            live.append(id);
    }
    if (input.selfActive && !live.contains(input.self))
        live.append(input.self);

    const QSet<QString> poolSet(input.pools.cbegin(), input.pools.cend());
    QHash<QString, int> counts;
    for (const QString &id : live)
        counts.insert(id, 0);
    QStringList mine;
    QStringList orphans;
    for (const QString &pool : input.pools) {
        const auto holder = input.holders.constFind(pool);
        if (holder == input.holders.cend() || holder->isEmpty()) {
            orphans.append(pool);
            continue;
        }
        if (*holder == input.self)
            mine.append(pool);
        if (counts.contains(*holder))
            ++counts[*holder];
    }
    plan.held = int(mine.size());
    plan.live = int(live.size());
    if (plan.live == 0)
        return plan;
    const int pools = int(poolSet.size());
    plan.floor = pools / plan.live;
    plan.target = (pools + plan.live - 1) / plan.live;
    if (!input.selfActive)
        return plan;

    bool otherBelowFloor = false;
    bool otherBelowTarget = false;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.key() == input.self)
            continue;
        otherBelowFloor = otherBelowFloor || it.value() < plan.floor;
        otherBelowTarget = otherBelowTarget || it.value() < plan.target;
    }

    // Claims.
    const int limit = otherBelowFloor ? plan.floor : plan.target;
    const auto byWeightDesc = [&input](const QString &a, const QString &b) {
        const quint64 wa = weight(input.self, a);
        const quint64 wb = weight(input.self, b);
        return wa != wb ? wa > wb : a < b;
    };
    std::sort(orphans.begin(), orphans.end(), byWeightDesc);
    plan.claimCandidates = orphans;
    plan.claimQuota = std::clamp(limit - plan.held, 0, int(orphans.size()));

    // Drain.
    if (!orphans.isEmpty() || input.drainInProgress || mine.isEmpty())
        return plan;
    bool drain = plan.held > plan.target && otherBelowTarget;
    if (!drain && plan.held > plan.floor && otherBelowFloor) {
        QString donor;
        int donorCount = -1;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (it.value() <= plan.floor)
                continue;
            if (it.value() > donorCount || (it.value() == donorCount && it.key() < donor)) {
                donor = it.key();
                donorCount = it.value();
            }
        }
        drain = donor == input.self;
    }
    if (drain) {
        std::sort(mine.begin(), mine.end(), byWeightDesc);
        plan.drain = mine.last();
    }
    return plan;
}

} // namespace wp::server::cluster
