#pragma once

#include <status/statssnapshot.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace wp::server {
class PoolService;
struct MixRecord;
}

namespace wp::server::status {

/// Mixes that ended in one pool on this process since it started.
struct MixCounts {
    quint64 succeeded = 0;
    quint64 failed = 0;
};

/// Collects this instance's live figures: counts the mixes every pool finishes and
/// builds the InstanceStats snapshot (pools running now, their current mix, the
/// queue, connected clients) that the cluster heartbeat publishes.
///
/// Thread affinity: the event-loop thread (the pools' thread); snapshot() is cheap
/// (O(pools)) and meant to be called once per heartbeat.
class StatsCollector : public QObject {
    Q_OBJECT
public:
    /// Counts the mixes of every pool in @p pools (kept as QPointers: a pool deleted
    /// first is skipped). @p connectedClients returns the open STOMP sessions.
    StatsCollector(const QList<PoolService *> &pools, std::function<int()> connectedClients,
                   QObject *parent = nullptr);

    /// The snapshot of now: running pools only, by pool id.
    InstanceStats snapshot() const;
    /// Mixes finished per pool id (every configured pool, zeros included).
    QHash<QString, MixCounts> mixCounts() const { return m_counts; }

private:
    void onMixFinished(const QString &poolId, const MixRecord &record);

    QList<QPointer<PoolService>> m_pools;
    std::function<int()> m_connectedClients;
    QHash<QString, MixCounts> m_counts;
};

} // namespace wp::server::status
