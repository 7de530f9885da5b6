#include "mixhistory.h"

#include <bitcoin/hashtypes.h>

#include <QJsonObject>

#include <algorithm>

namespace wp::client {

namespace {
/// Wall clock times past this (about the year 2255, ms since the epoch) are damage.
constexpr double kMaxTimeMs = 9.0e12;
} // namespace

bool MixHistory::append(QList<MixRecord> &history, const MixRecord &record)
{
    if (std::any_of(history.cbegin(), history.cend(), [&](const MixRecord &r) { return r.txid == record.txid; }))
        return false;
    history.append(record);
    if (history.size() > kMaxRecords)
        history.remove(0, history.size() - kMaxRecords);
    return true;
}

QJsonArray MixHistory::toJson(const QList<MixRecord> &history)
{
    QJsonArray out;
    for (const MixRecord &r : history)
        out.append(QJsonObject{{QStringLiteral("txid"), r.txid},
                               {QStringLiteral("pool"), r.poolId},
                               {QStringLiteral("time"), double(r.timeMs)},
                               {QStringLiteral("instance"), r.instance},
                               {QStringLiteral("mix"), r.mixNumber}});
    return out;
}

QList<MixRecord> MixHistory::fromJson(const QJsonArray &json)
{
    QList<MixRecord> out;
    for (const QJsonValue &v : json) {
        const QJsonObject o = v.toObject();
        MixRecord r;
        r.txid = o.value(QStringLiteral("txid")).toString().toLower();
        const double timeMs = o.value(QStringLiteral("time")).toDouble(-1);
        // In range before the cast (a double outside qint64's range converts with undefined behaviour).
        if (!btc::Txid::fromHex(r.txid) || !(timeMs >= 0 && timeMs <= kMaxTimeMs))
            continue;
        r.poolId = o.value(QStringLiteral("pool")).toString().left(64);
        r.timeMs = qint64(timeMs);
        r.instance = o.value(QStringLiteral("instance")).toString().left(256);
        r.mixNumber = std::clamp(o.value(QStringLiteral("mix")).toInt(1), 1, 1'000'000);
        append(out, r);
    }
    return out;
}

} // namespace wp::client
