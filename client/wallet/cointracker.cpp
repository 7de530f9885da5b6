#include "cointracker.h"

#include <algorithm>
#include <limits>

namespace wp::client {

CoinTracker::CoinTracker(AddressBook *book, int startHeight) : m_book(book), m_startHeight(startHeight)
{
    WP_ASSERT(m_book && m_startHeight >= 1);
}

std::optional<btc::BlockHash> CoinTracker::blockHash(int height) const
{
    if (height < m_startHeight || height > tipHeight())
        return std::nullopt;
    return m_hashes[height - m_startHeight];
}

int CoinTracker::connectBlock(int height, const btc::BlockHash &hash, const QList<btc::Transaction> &txs,
                              const QList<btc::Txid> &txids)
{
    WP_ASSERT(height == tipHeight() + 1 && txs.size() == txids.size());
    int events = 0;
    // Matching new outputs may extend the watched window (markUsed); then the
    // whole block is matched again. Spends are idempotent, coins keyed by outpoint.
    bool extended = true;
    while (extended) {
        extended = false;
        for (qsizetype t = 0; t < txs.size(); ++t) {
            const btc::Transaction &tx = txs[t];
            if (t > 0) { // a coinbase input spends nothing
                for (const btc::TxIn &in : tx.inputs) {
                    auto it = m_chainCoins.find(in.prevout);
                    if (it != m_chainCoins.end() && it->spentHeight == 0) {
                        it->spentHeight = height;
                        ++events;
                    }
                }
            }
            for (qsizetype o = 0; o < tx.outputs.size(); ++o) {
                const btc::TxOut &out = tx.outputs[o];
                const auto path = m_book->find(out.scriptPubKey);
                if (!path)
                    continue;
                const btc::OutPoint outpoint{txids[t], std::uint32_t(o)};
                if (m_chainCoins.contains(outpoint))
                    continue;
                Utxo utxo;
                utxo.outpoint = outpoint;
                utxo.value = out.value;
                utxo.script = out.scriptPubKey;
                utxo.path = *path;
                utxo.blockHeight = height;
                utxo.coinbase = t == 0;
                m_chainCoins.insert(outpoint, ChainCoin{std::move(utxo), 0});
                ++events;
                extended = m_book->markUsed(*path) || extended;
            }
        }
    }
    m_hashes.append(hash);
    return events;
}

void CoinTracker::disconnectAbove(int height)
{
    height = std::clamp(height, m_startHeight - 1, tipHeight());
    for (auto it = m_chainCoins.begin(); it != m_chainCoins.end();) {
        if (it->utxo.blockHeight > height) {
            it = m_chainCoins.erase(it);
            continue;
        }
        if (it->spentHeight > height)
            it->spentHeight = 0;
        ++it;
    }
    m_hashes.resize(height - m_startHeight + 1);
}

void CoinTracker::setMempool(const QList<MempoolTx> &txs)
{
    m_mempoolCoins.clear();
    m_mempoolSpends.clear();
    bool extended = true;
    while (extended) {
        extended = false;
        for (const MempoolTx &m : txs) {
            for (qsizetype o = 0; o < m.tx.outputs.size(); ++o) {
                const btc::TxOut &out = m.tx.outputs[o];
                const auto path = m_book->find(out.scriptPubKey);
                if (!path)
                    continue;
                const btc::OutPoint outpoint{m.txid, std::uint32_t(o)};
                if (m_chainCoins.contains(outpoint) || m_mempoolCoins.contains(outpoint))
                    continue;
                Utxo utxo;
                utxo.outpoint = outpoint;
                utxo.value = out.value;
                utxo.script = out.scriptPubKey;
                utxo.path = *path;
                m_mempoolCoins.insert(outpoint, std::move(utxo));
                extended = m_book->markUsed(*path) || extended;
            }
        }
    }
    for (const MempoolTx &m : txs)
        for (const btc::TxIn &in : m.tx.inputs)
            if (m_chainCoins.contains(in.prevout) || m_mempoolCoins.contains(in.prevout))
                m_mempoolSpends.insert(in.prevout);
}

QList<Utxo> CoinTracker::utxos() const
{
    QList<Utxo> out;
    const int tip = tipHeight();
    for (const ChainCoin &coin : m_chainCoins) {
        if (coin.spentHeight != 0 || m_mempoolSpends.contains(coin.utxo.outpoint))
            continue;
        Utxo u = coin.utxo;
        u.confirmations = tip - u.blockHeight + 1;
        out.append(std::move(u));
    }
    for (const Utxo &u : m_mempoolCoins)
        if (!m_mempoolSpends.contains(u.outpoint) && !m_chainCoins.contains(u.outpoint))
            out.append(u);
    std::sort(out.begin(), out.end(), [](const Utxo &a, const Utxo &b) {
        constexpr int kMempool = std::numeric_limits<int>::max();
        const int ha = a.blockHeight == 0 ? kMempool : a.blockHeight;
        const int hb = b.blockHeight == 0 ? kMempool : b.blockHeight;
        if (ha != hb)
            return ha < hb;
        return a.outpoint < b.outpoint;
    });
    return out;
}

bool CoinTracker::isSpentInChain(const btc::OutPoint &outpoint) const
{
    const auto it = m_chainCoins.constFind(outpoint);
    return it != m_chainCoins.constEnd() && it->spentHeight != 0;
}

} // namespace wp::client
