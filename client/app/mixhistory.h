#pragma once

#include <QJsonArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace wp::client {

/// One mix this wallet took part in. Deliberately holds no outpoint or
/// address: the history never links a coin to its mix output. Plain value type.
struct MixRecord {
    QString txid;      ///< the mix transaction
    QString poolId;
    qint64 timeMs = 0; ///< wall clock when the mix succeeded (ms since the epoch)
    QString instance;  ///< name of the coordinator instance that ran it
    int mixNumber = 1; ///< how many mixes the coin's lineage has been through with this one (1 = first mix)

    /// True when the coin was a mix output already (a remix).
    bool isRemix() const { return mixNumber > 1; }

    friend bool operator==(const MixRecord &, const MixRecord &) = default;
};

/// The wallet's mix history as kept in the wallet file's app state: newest
/// last, at most kMaxRecords (the oldest are dropped), one record per mix txid.
/// Pure functions.
class MixHistory {
public:
    static constexpr qsizetype kMaxRecords = 2000;

    /// Appends @p record to @p history unless its txid is already there, then
    /// trims to kMaxRecords. Returns: false when it was a duplicate.
    static bool append(QList<MixRecord> &history, const MixRecord &record);

    static QJsonArray toJson(const QList<MixRecord> &history);
    /// Reads toJson()'s output; malformed entries (no 64-hex txid, wrong types)
    /// are skipped, the rest kept in order. Never fails.
    static QList<MixRecord> fromJson(const QJsonArray &json);
};

} // namespace wp::client

Q_DECLARE_METATYPE(wp::client::MixRecord)
