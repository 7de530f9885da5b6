#pragma once

// Funded wallets and mixing settings for the cluster fault tests that mix.

#include "testwallet.h"

#include <bitcoin/bip39.h>
#include <crypto/random.h>

namespace wp::test {

/// Mixing settings of the fault tests: pool 0.01btc mixes 3 inputs (at least 2 from Tx0s),
/// phases are short; @p signingMs is the SIGNING timeout.
inline QString fastMixIni(int signingMs)
{
    return QStringLiteral("[node]\ntip-refresh-ms = 500\n"
                          "[timings]\nconfirm-tick-ms = 500\nregister-output-ms = 10000\n"
                          "reveal-output-ms = 2000\nsigning-ms = %1\n"
                          "[pool.0.01btc]\nanonymity-set = 3\nmin-must-mix = 2\nmin-liquidity = 0\n")
        .arg(signingMs);
}

/// @p count fresh wallets on @p node, each with one mature coinbase coin in its deposit
/// account (segwit active); wallet 0 gets the other blocks. Returns: why the node refused.
inline Result<std::vector<std::unique_ptr<TestWallet>>> fundedWallets(BcoinNode &node, int count)
{
    std::vector<std::unique_ptr<TestWallet>> wallets;
    for (int i = 0; i < count; ++i)
        wallets.push_back(std::make_unique<TestWallet>(*btc::entropyToMnemonic(crypto::randomBytes(16)), node));
    if (auto r = node.generateToAddress(BcoinNode::kSegwitActivationHeight, wallets[0]->miningAddress()); !r)
        return r.error();
    for (int i = 1; i < count; ++i)
        if (auto r = node.generateToAddress(1, wallets[size_t(i)]->miningAddress()); !r)
            return r.error();
    if (auto r = node.generateToAddress(100, wallets[0]->miningAddress()); !r) // coinbase maturity
        return r.error();
    return wallets;
}

/// How one MixSession ended.
struct MixOutcome {
    bool done = false;
    QString txid; ///< on success
    client::MixFailReason reason = client::MixFailReason::Cancel;
    QString message;
    int code = 0;
};

/// MixSessions of several coins on one coordinator URL, started together.
/// Thread affinity: the test thread.
class MixRun {
public:
    /// Starts one session per (wallet, coin) on @p url at chain height @p height.
    MixRun(const QList<QPair<TestWallet *, client::Utxo>> &coins, const QString &url, int height)
    {
        m_outcomes.resize(coins.size());
        for (qsizetype i = 0; i < coins.size(); ++i) {
            m_sessions.push_back(coins[i].first->session(coins[i].second, url, height));
            client::MixSession *s = m_sessions.back().get();
            QObject::connect(s, &client::MixSession::succeeded, s, [this, i](const QString &txid) {
                m_outcomes[i].done = true;
                m_outcomes[i].txid = txid;
            });
            QObject::connect(s, &client::MixSession::failed, s,
                             [this, i](client::MixFailReason r, const QString &m, int code) {
                                 m_outcomes[i].done = true;
                                 m_outcomes[i].reason = r;
                                 m_outcomes[i].message = m;
                                 m_outcomes[i].code = code;
                             });
            s->start();
        }
    }
    /// Waits until every session ended. Returns: false on timeout.
    bool wait(int timeoutMs)
    {
        return QTest::qWaitFor([&] { return std::all_of(m_outcomes.begin(), m_outcomes.end(), [](const MixOutcome &o) { return o.done; }); },
                               timeoutMs);
    }
    const QList<MixOutcome> &outcomes() const { return m_outcomes; }
    /// The common txid if every session succeeded with the same one, else empty.
    QString commonTxid() const
    {
        for (const MixOutcome &o : m_outcomes)
            if (o.txid.isEmpty() || o.txid != m_outcomes.first().txid)
                return {};
        return m_outcomes.first().txid;
    }
    /// "SUCCESS <txid>" / "<REASON> <code> <message>" per session, for failure messages.
    QString describe() const
    {
        QStringList out;
        for (const MixOutcome &o : m_outcomes)
            out.append(!o.done ? QStringLiteral("running")
                       : o.txid.isEmpty() ? QStringLiteral("%1 %2 %3").arg(client::mixFailReasonName(o.reason)).arg(o.code).arg(o.message)
                                          : QStringLiteral("SUCCESS %1").arg(o.txid));
        return out.join(QStringLiteral("; "));
    }

private:
    std::vector<std::unique_ptr<client::MixSession>> m_sessions;
    QList<MixOutcome> m_outcomes;
};

/// The outpoints spent by transactions in the node's mempool. bcoin's `gettxout`
/// with includemempool=true still returns a confirmed output that a mempool
/// transaction spends (Bitcoin Core does not), so spends are found by reading
/// the mempool itself. Thread affinity: the test thread (node RPC spins an event loop).
class MempoolSpends {
public:
    /// Reads the transactions that entered the mempool since the last call.
    /// Returns: false if the node did not answer.
    bool refresh(BcoinNode &node)
    {
        auto pool = node.rpc(QStringLiteral("getrawmempool"));
        if (!pool || !pool->isArray())
            return false;
        for (const QJsonValue &id : pool->toArray()) {
            const QString txid = id.toString();
            if (m_txids.contains(txid))
                continue;
            auto raw = node.rpc(QStringLiteral("getrawtransaction"), {txid, 0});
            if (!raw)
                continue; // mined or evicted meanwhile
            auto tx = btc::Transaction::deserialize(*util::fromHex(raw->toString()));
            if (!tx)
                continue;
            m_txids.insert(txid);
            for (const btc::TxIn &in : tx->inputs)
                m_spent.insert(key(in.prevout));
        }
        return true;
    }
    bool isSpent(const btc::OutPoint &outpoint) const { return m_spent.contains(key(outpoint)); }
    /// Every transaction seen in the mempool so far.
    const QSet<QString> &txids() const { return m_txids; }

private:
    static QString key(const btc::OutPoint &o) { return o.txid.toHex() + QLatin1Char(':') + QString::number(o.index); }
    QSet<QString> m_txids;
    QSet<QString> m_spent;
};

/// True when @p outpoint is unspent: in the UTXO set (or created in the mempool)
/// and not spent by a mempool transaction.
inline bool isUnspent(BcoinNode &node, const btc::OutPoint &outpoint)
{
    MempoolSpends mempool;
    if (!mempool.refresh(node) || mempool.isSpent(outpoint))
        return false;
    auto out = node.rpc(QStringLiteral("gettxout"), {outpoint.txid.toHex(), int(outpoint.index), true});
    return out && !out->isNull();
}

} // namespace wp::test
