#pragma once

#include "addressbook.h"
#include "utxo.h"

#include <bitcoin/hashtypes.h>
#include <bitcoin/transaction.h>

#include <QHash>
#include <QList>
#include <QSet>

#include <optional>

namespace wp::client {

/// A mempool transaction and its txid.
struct MempoolTx {
    btc::Txid txid;
    btc::Transaction tx;
};

/// The wallet's coins as seen by the chain scanner, without any I/O: fed the
/// blocks of the best chain one by one from a start height (the wallet's
/// birthday), and snapshots of the mempool. It remembers each connected
/// block's hash so a scanner can find a fork point, and undoes orphaned blocks
/// on disconnectAbove(): their coins disappear and the spends they held are undone.
///
/// Outputs are matched against the AddressBook's watched scripts; each match
/// marks the address used, and when that extends the gap window the block is
/// matched again, so chains of new addresses within one block are found.
///
/// Not thread-safe: used on the AddressBook's thread.
class CoinTracker {
public:
    /// @p book must outlive the tracker. @p startHeight >= 1 (else WP_ASSERT) is the first
    /// height connectBlock() accepts (the genesis block's output is unspendable; height 0
    /// means "mempool" in Utxo).
    CoinTracker(AddressBook *book, int startHeight);

    int startHeight() const { return m_startHeight; }
    /// Height of the last connected block; startHeight() - 1 before the first.
    int tipHeight() const { return m_startHeight + int(m_hashes.size()) - 1; }
    /// Hash of the connected block at @p height, nullopt outside [startHeight(), tipHeight()].
    std::optional<btc::BlockHash> blockHash(int height) const;

    /// Connects the block at @p height, which must be tipHeight() + 1, with the
    /// transactions and txids of that block (same size) (else WP_ASSERT).
    /// Returns: how many wallet outputs it created or spent.
    int connectBlock(int height, const btc::BlockHash &hash, const QList<btc::Transaction> &txs,
                     const QList<btc::Txid> &txids);

    /// Forgets every block above @p height (clamped to [startHeight() - 1, tipHeight()]):
    /// coins they created are dropped and spends they held are undone.
    void disconnectAbove(int height);

    /// Replaces the mempool view with @p txs (any order; dependent mempool
    /// transactions are handled). Outputs already known from a block are ignored.
    void setMempool(const QList<MempoolTx> &txs);

    /// The wallet's unspent outputs: confirmed ones not spent by a block or a
    /// mempool transaction, then mempool ones not spent in the mempool.
    /// Confirmations count from tipHeight(). Ordered by height (mempool last), then outpoint.
    QList<Utxo> utxos() const;

    /// Returns: true if @p outpoint is a wallet output spent by a connected block.
    bool isSpentInChain(const btc::OutPoint &outpoint) const;

private:
    struct ChainCoin {
        Utxo utxo;           ///< confirmations unset: computed in utxos()
        int spentHeight = 0; ///< height of the block spending it, 0 = unspent in the chain
    };

    AddressBook *m_book;
    int m_startHeight;
    QList<btc::BlockHash> m_hashes; ///< m_hashes[i] = block at m_startHeight + i
    QHash<btc::OutPoint, ChainCoin> m_chainCoins;
    QHash<btc::OutPoint, Utxo> m_mempoolCoins;
    QSet<btc::OutPoint> m_mempoolSpends;
};

} // namespace wp::client
