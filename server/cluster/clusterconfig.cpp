#include "clusterconfig.h"

#include <QSet>

namespace wp::server::cluster {

namespace {

bool isPrintableAscii(const QString &s)
{
    for (QChar c : s) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

} // namespace

ClusterConfig ClusterConfig::production(QStringList pools)
{
    ClusterConfig c;
    c.pools = std::move(pools);
    return c;
}

ClusterConfig ClusterConfig::fastForTests(QStringList pools)
{
    ClusterConfig c;
    c.pools = std::move(pools);
    c.renewInterval = std::chrono::milliseconds(500);
    c.leaseTtl = std::chrono::milliseconds(3000);
    c.fenceAfter = std::chrono::milliseconds(2000);
    return c;
}

Result<void> validate(const ClusterConfig &config)
{
    using std::chrono::milliseconds;
    if (config.renewInterval < milliseconds(50))
        return Error(QStringLiteral("cluster: renew interval must be at least 50 ms"));
    if (config.fenceAfter <= config.renewInterval)
        return Error(QStringLiteral("cluster: fence-after must be longer than the renew interval"));
    if (config.leaseTtl - config.fenceAfter < kMinFenceSlack)
        return Error(QStringLiteral("cluster: lease TTL must exceed fence-after by at least %1 ms")
                         .arg(kMinFenceSlack.count()));
    if (config.instanceRetention < std::chrono::hours(1))
        return Error(QStringLiteral("cluster: instance retention must be at least 1 hour"));
    if (config.name.size() > 100)
        return Error(QStringLiteral("cluster: name longer than 100 characters"));
    if (config.urlClear.size() > 255 || config.urlOnion.size() > 255)
        return Error(QStringLiteral("cluster: URL longer than 255 characters"));
    if (config.version.size() > 50)
        return Error(QStringLiteral("cluster: version longer than 50 characters"));
    if (config.pools.isEmpty())
        return Error(QStringLiteral("cluster: no pools"));
    QSet<QString> seen;
    for (const QString &pool : config.pools) {
        if (pool.isEmpty() || pool.size() > 50 || !isPrintableAscii(pool))
            return Error(QStringLiteral("cluster: bad pool id '%1' (1-50 printable ASCII characters)").arg(pool.left(60)));
        if (seen.contains(pool))
            return Error(QStringLiteral("cluster: duplicate pool id '%1'").arg(pool));
        seen.insert(pool);
    }
    return {};
}

} // namespace wp::server::cluster
