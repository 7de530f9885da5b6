#pragma once

#include <bitcoin/transaction.h>

#include <QHash>
#include <QQueue>

namespace wp::server {

/// Confirmed transactions by txid, for input validation (each REGISTER_INPUT of a
/// Tx0's outputs would fetch and parse the same Tx0 again). A transaction's bytes
/// never change, and once it is in a block neither does its block time; what does
/// change (spent or not, confirmations) is still asked of the node per request.
/// Holds at most capacity() entries: the oldest inserted goes first.
/// Pure data structure: not thread-safe, no I/O.
class ConfirmedTxCache {
public:
    struct Entry {
        btc::Transaction tx;
        qint64 blockTimeMs = 0;
    };

    /// @p capacity >= 1 (smaller values are taken as 1).
    explicit ConfirmedTxCache(qsizetype capacity = 4096);

    /// The entry of @p txid, nullptr when absent. Valid until the next insert().
    const Entry *find(const btc::Txid &txid) const;
    /// Keeps @p entry for @p txid (replacing one there), dropping the oldest entry when full.
    void insert(const btc::Txid &txid, Entry entry);

    qsizetype size() const { return m_entries.size(); }
    qsizetype capacity() const { return m_capacity; }

private:
    qsizetype m_capacity;
    QHash<btc::Txid, Entry> m_entries;
    QQueue<btc::Txid> m_order; ///< insertion order, for eviction
};

} // namespace wp::server
