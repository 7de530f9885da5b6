#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace wp::server::mix {
class Mix;
struct PoolConfig;
}

namespace wp::server::status {

/// Live figures of one pool run by an instance (DESIGN §2.3 "live activity").
/// Counts only: nothing here names an input or an output.
struct PoolStats {
    QString poolId;
    qint64 epoch = 0;        ///< lease epoch the pool runs under
    QString phase;           ///< the current mix's phase (CONFIRM_INPUT, ...), empty if none
    int anonymitySet = 0;    ///< target anonymity set of the pool
    int registered = 0;      ///< inputs in the current mix: invited (confirming) + confirmed
    int confirmed = 0;       ///< inputs that confirmed (joined the mix)
    int mustMix = 0;         ///< confirmed Tx0 (mustMix) inputs
    int liquidity = 0;       ///< confirmed remix (liquidity) inputs
    int queued = 0;          ///< inputs waiting in the pool's queue
    quint64 mixesSucceeded = 0; ///< since this process started
    quint64 mixesFailed = 0;

    bool operator==(const PoolStats &) const = default;
};

/// The snapshot an instance publishes with every heartbeat (cluster_instance.stats).
struct InstanceStats {
    int connectedClients = 0; ///< open STOMP sessions
    quint64 mixesSucceeded = 0;
    quint64 mixesFailed = 0;
    QList<PoolStats> pools;   ///< the pools this instance runs now, by pool id

    bool operator==(const InstanceStats &) const = default;
};

/// The figures of one pool from its configuration and current mix (nullptr: none).
PoolStats poolStatsOf(const mix::PoolConfig &pool, qint64 epoch, const mix::Mix *mix, int queued);

/// The JSON published in cluster_instance.stats:
/// {"version":1,"clients":N,"mixesSucceeded":N,"mixesFailed":N,"pools":[{"poolId","epoch",
///  "phase","anonymitySet","registered","confirmed","mustMix","liquidity","queued",
///  "mixesSucceeded","mixesFailed"}]}. ClusterMember adds "leases" ({pool: epoch}).
QJsonObject statsToJson(const InstanceStats &stats);

/// Reads a snapshot published by any instance (untrusted: another version, a hostile or
/// corrupt row). Missing or mistyped fields read as 0 / empty, negative or huge counts are
/// clamped to [0, 1e9], strings are cut to 100 characters, at most 100 pools are kept.
/// Never fails.
InstanceStats statsFromJson(const QJsonObject &json);

} // namespace wp::server::status
