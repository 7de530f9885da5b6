#pragma once

#include <mixstore.h>

#include <mix/banpolicy.h>
#include <mix/mix.h>

#include <bitcoin/transaction.h>

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace wp::server {

/// What one pool writes to the shared store: the outputs of its current mix
/// (reserved, and freed again when the mix fails), the mix txid before its broadcast
/// (remix provenance), blames and the bans they call for, and the record of every
/// finished mix. It decides nothing about when to write: PoolService does, under the
/// lease. Every write of the pool goes through here, and is counted while in flight.
///
/// Thread affinity: the store's thread (the event loop). Answers arrive on that thread
/// and never after @p context is destroyed. Not thread-safe.
class MixRecorder {
public:
    /// @p store must outlive this object; @p context (the owner, usually) receives the
    /// store's answers and must live as long as this object.
    MixRecorder(MixStore &store, QString instanceId, const mix::PoolConfig &pool, mix::BanPolicy banPolicy,
                QObject *context);

    /// What is kept of @p mix, which is over, run by this instance under lease @p epoch:
    /// its `mix` row and, on success, the transaction. @p nowMs is on the clock of
    /// Mix::createdAtMs(). Pure.
    MixRecord recordOf(const mix::Mix &mix, qint64 epoch, qint64 nowMs) const;

    /// Reserves @p address as an output of @p mixId in the shared table. @p done gets
    /// false when any mix already used the address, or the store's error.
    void reserveOutput(const QString &address, const QString &mixId, MixStore::Done<bool> done);
    /// Frees the outputs of @p mixId, which failed: their honest owners may use them again.
    /// A store error is logged.
    void freeOutputs(const QString &mixId);
    /// Records @p txid as a mix of the pool's denomination before it is broadcast (see
    /// MixStore::recordMixTxid()). @p done gets the store's answer.
    void recordMixTxid(const btc::Txid &txid, MixStore::Done<void> done);
    /// Records @p blames of @p mixId and the bans the pool's policy calls for. Errors are logged.
    void recordBlames(const QList<mix::Blame> &blames, const QString &mixId);
    /// Saves a finished mix. @p answered runs once the store answered (an error is
    /// logged): the caller holds a drain's end until then.
    void saveMix(const MixRecord &record, std::function<void()> answered);

    /// The lease epoch the pool now runs under: every write is fenced by it in SQL (a write
    /// made after the lease moved on affects nothing and answers MixStore::kLeaseLost).
    void setEpoch(qint64 epoch) { m_epoch = epoch; }

    /// Called (after the write's own answer) whenever the store refuses a write because the
    /// lease is no longer current: the pool has been lost, whatever the write was.
    void setOnLeaseLost(std::function<void()> onLeaseLost) { m_onLeaseLost = std::move(onLeaseLost); }

    /// Writes handed to the store and not answered yet.
    int writesInFlight() const { return m_writesInFlight; }

private:
    /// Counts a write in flight until @p done runs.
    template <typename T>
    MixStore::Done<T> counted(MixStore::Done<T> done);
    LeaseFence fence() const { return LeaseFence{m_poolId, m_instanceId, m_epoch}; }

    MixStore &m_store;
    QString m_instanceId;
    QString m_poolId;
    qint64 m_denomination;
    mix::BanPolicy m_banPolicy;
    QObject *m_context;
    qint64 m_epoch = 0;
    std::function<void()> m_onLeaseLost;
    int m_writesInFlight = 0;
};

} // namespace wp::server
