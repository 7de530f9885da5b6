#include <status/statssnapshot.h>

#include <mix/mix.h>
#include <mix/poolconfig.h>
#include <protocol/messages.h>

#include <QJsonArray>

#include <algorithm>

namespace wp::server::status {

namespace {

constexpr qint64 kMaxCount = 1'000'000'000;
constexpr int kMaxPools = 100;
constexpr int kMaxText = 100;

qint64 clampedInt(const QJsonObject &o, const char *key, qint64 max = kMaxCount)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        return 0;
    const double d = v.toDouble();
    if (!(d > 0)) // negative, zero or NaN
        return 0;
    return d >= double(max) ? max : qint64(d);
}

QString cutText(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString().left(kMaxText);
}

} // namespace

PoolStats poolStatsOf(const mix::PoolConfig &pool, qint64 epoch, const mix::Mix *mix, int queued)
{
    PoolStats s;
    s.poolId = pool.poolId;
    s.epoch = epoch;
    s.anonymitySet = pool.anonymitySet;
    s.queued = queued;
    if (mix) {
        s.phase = proto::mixStatusName(proto::MixStatus(int(mix->phase())));
        s.confirmed = mix->nbInputs();
        s.registered = mix->nbConfirming() + mix->nbInputs();
        s.mustMix = mix->nbMustMix();
        s.liquidity = mix->nbLiquidity();
    }
    return s;
}

QJsonObject statsToJson(const InstanceStats &stats)
{
    QJsonArray pools;
    for (const PoolStats &p : stats.pools) {
        pools.append(QJsonObject{
            {QStringLiteral("poolId"), p.poolId},
            {QStringLiteral("epoch"), p.epoch},
            {QStringLiteral("phase"), p.phase},
            {QStringLiteral("anonymitySet"), p.anonymitySet},
            {QStringLiteral("registered"), p.registered},
            {QStringLiteral("confirmed"), p.confirmed},
            {QStringLiteral("mustMix"), p.mustMix},
            {QStringLiteral("liquidity"), p.liquidity},
            {QStringLiteral("queued"), p.queued},
            {QStringLiteral("mixesSucceeded"), qint64(p.mixesSucceeded)},
            {QStringLiteral("mixesFailed"), qint64(p.mixesFailed)},
        });
    }
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("clients"), stats.connectedClients},
        {QStringLiteral("mixesSucceeded"), qint64(stats.mixesSucceeded)},
        {QStringLiteral("mixesFailed"), qint64(stats.mixesFailed)},
        {QStringLiteral("pools"), pools},
    };
}

InstanceStats statsFromJson(const QJsonObject &json)
{
    InstanceStats s;
    s.connectedClients = int(clampedInt(json, "clients"));
    s.mixesSucceeded = quint64(clampedInt(json, "mixesSucceeded", qint64(1) << 52));
    s.mixesFailed = quint64(clampedInt(json, "mixesFailed", qint64(1) << 52));
    const QJsonArray pools = json.value(QLatin1String("pools")).toArray();
    for (const QJsonValue &value : pools) {
        if (s.pools.size() >= kMaxPools)
            break;
        const QJsonObject o = value.toObject();
        PoolStats p;
        p.poolId = cutText(o, "poolId");
        if (p.poolId.isEmpty())
            continue;
        p.epoch = clampedInt(o, "epoch", qint64(1) << 52);
        p.phase = cutText(o, "phase");
        p.anonymitySet = int(clampedInt(o, "anonymitySet"));
        p.registered = int(clampedInt(o, "registered"));
        p.confirmed = int(clampedInt(o, "confirmed"));
        p.mustMix = int(clampedInt(o, "mustMix"));
        p.liquidity = int(clampedInt(o, "liquidity"));
        p.queued = int(clampedInt(o, "queued"));
        p.mixesSucceeded = quint64(clampedInt(o, "mixesSucceeded", qint64(1) << 52));
        p.mixesFailed = quint64(clampedInt(o, "mixesFailed", qint64(1) << 52));
        s.pools.append(p);
    }
    return s;
}

} // namespace wp::server::status
