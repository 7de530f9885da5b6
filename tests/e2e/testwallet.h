#pragma once

// A wallet of the end-to-end tests, made of the real client library: BIP84
// keys, chain scanning against the node, Tx0s built with the coordinator's Tx0
// data, and a MixWallet with hooks to misbehave on purpose.

#include "e2ehelpers.h"


#include <wallet/addressbook.h>
#include <wallet/chainscanner.h>
#include <wallet/localmixwallet.h>
#include <wallet/tx0builder.h>
#include <wallet/utxo.h>
#include <wallet/walletkeys.h>

#include <mixer/coordinatorrestclient.h>
#include <mixer/mixsession.h>

#include <net/noderpcclient.h>

namespace wp::test {

/// LocalMixWallet with test hooks.
class HookedMixWallet : public client::MixWallet {
public:
    explicit HookedMixWallet(std::shared_ptr<client::AddressBook> book) : m_inner(book), m_book(std::move(book)) {}

    bool neverSign = false;                 ///< a client that stops before signing
    bool holdSignatures = false;            ///< signInput() waits for releaseSignatures()
    bool silentOutput = false;              ///< a client that never registers its output
    QStringList forcedAddresses;            ///< output addresses to hand out first
    QStringList addressesGiven;

    void signMessage(const client::MixUtxo &u, const QByteArray &m, Callback<QString> done) override
    {
        m_inner.signMessage(u, m, std::move(done));
    }
    void signInput(const client::MixUtxo &u, const btc::Transaction &tx, qsizetype i, Callback<QList<QByteArray>> done) override
    {
        if (neverSign)
            return; // the answer never comes
        if (holdSignatures) {
            m_held.append([this, u, tx, i, done = std::move(done)] { m_inner.signInput(u, tx, i, done); });
            return;
        }
        m_inner.signInput(u, tx, i, std::move(done));
    }
    /// Signature requests held back by holdSignatures so far.
    int heldSignatures() const { return int(m_held.size()); }
    /// Signs every held request now (the clients then send their signatures) and stops holding.
    void releaseSignatures()
    {
        holdSignatures = false;
        const QList<std::function<void()>> held = std::exchange(m_held, {});
        for (const auto &sign : held)
            sign();
    }
    void nextOutputAddress(Callback<QString> done) override
    {
        if (silentOutput)
            return; // the answer never comes
        if (!forcedAddresses.isEmpty()) {
            addressesGiven.append(forcedAddresses.takeFirst());
            return done(addressesGiven.last());
        }
        m_inner.nextOutputAddress([this, done = std::move(done)](Result<QString> a) {
            if (a)
                addressesGiven.append(*a);
            done(a);
        });
    }
    QString userPreHash() const override { return m_inner.userPreHash(); }

private:
    client::LocalMixWallet m_inner;
    std::shared_ptr<client::AddressBook> m_book;
    QList<std::function<void()>> m_held;
};

class TestWallet {
public:
    TestWallet(const QString &mnemonic, BcoinNode &node)
        : m_node(node),
          m_rpc(net::NodeRpcConfig{QUrl(node.url()), QStringLiteral("x"), node.apiKey(), {}, 15000})
    {
        auto keys = client::WalletKeys::fromMnemonic(mnemonic, {}, btc::Network::Regtest);
        if (!keys)
            qFatal("bad test mnemonic: %s", qPrintable(keys.error().message));
        m_book = std::make_shared<client::AddressBook>(std::make_shared<const client::WalletKeys>(std::move(*keys)));
        m_scanner = std::make_unique<client::ChainScanner>(&m_rpc, m_book, client::ChainScanner::Options{});
        mixWallet = std::make_shared<HookedMixWallet>(m_book);
    }

    client::AddressBook &book() { return *m_book; }
    btc::Script depositScript() const
    {
        return *m_book->keys().script(client::KeyPath{client::WalletAccount::Deposit, btc::AddressChain::Receive, 0});
    }
    QString miningAddress() const { return bcoinAddress(depositScript()); }

    /// Scans the chain and mempool; returns the coins (fails the test on error).
    QList<client::Utxo> scan()
    {
        QSignalSpy synced(m_scanner.get(), &client::ChainScanner::synced);
        QSignalSpy failed(m_scanner.get(), &client::ChainScanner::syncFailed);
        m_scanner->sync();
        if (!synced.wait(30000) && failed.isEmpty())
            qWarning("scan timed out");
        return m_scanner->utxos();
    }
    QList<client::Utxo> coins(client::WalletAccount account, int minConfirmations = 1)
    {
        QList<client::Utxo> out;
        for (const client::Utxo &u : scan())
            if (u.account() == account && u.confirmations >= minConfirmations && u.isMature())
                out.append(u);
        return out;
    }

    /// Builds and broadcasts a Tx0 of @p outputs premix coins into @p pool. Returns its txid.
    Result<btc::Txid> tx0(const QString &coordinatorUrl, const QString &poolId, int outputs)
    {
        client::CoordinatorRestClient rest(QUrl(coordinatorUrl), {});
        std::optional<Result<proto::PoolsResponse>> pools;
        QObject ctx;
        rest.fetchPools(&ctx, [&](auto r) { pools.emplace(std::move(r)); });
        std::optional<Result<proto::Tx0DataResponse>> data;
        rest.fetchTx0Data({}, &ctx, [&](auto r) { data.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return pools && data; }, 15000) || !*pools || !*data)
            return fail(QStringLiteral("cannot read pools / tx0 data"));
        const auto pool = std::find_if((*pools)->pools.begin(), (*pools)->pools.end(), [&](auto &p) { return p.poolId == poolId; });
        const auto d = std::find_if((*data)->tx0Datas.begin(), (*data)->tx0Datas.end(), [&](auto &x) { return x.poolId == poolId; });
        QList<client::Utxo> deposit = coins(client::WalletAccount::Deposit);
        if (deposit.isEmpty())
            return fail(QStringLiteral("no deposit coins"));
        client::Tx0Params params;
        params.tx0FeeRate = 2;
        params.mixFeeRate = 2;
        params.maxOutputs = outputs;
        auto built = client::Tx0Builder::build({deposit.first()}, *pool, *d, params, *m_book);
        if (!built)
            return built.error();
        std::optional<Result<void>> sent;
        m_rpc.broadcast(built->tx.serialize(), built->tx.txid().toHex(), &ctx, [&](Result<void> r) { sent.emplace(r); });
        if (!QTest::qWaitFor([&] { return sent.has_value(); }, 15000) || !*sent)
            return fail(QStringLiteral("tx0 refused by the node"));
        return built->tx.txid();
    }

    /// A mix session for @p utxo on @p coordinatorUrl.
    std::unique_ptr<client::MixSession> session(const client::Utxo &utxo, const QString &coordinatorUrl, int blockHeight,
                                                std::optional<client::NetworkIdentity> outputIdentity = std::nullopt)
    {
        client::MixConfig config;
        config.poolId = QStringLiteral("0.01btc");
        config.denomination = 1'000'000;
        config.network = btc::Network::Regtest;
        config.coordinatorUrl = QUrl(coordinatorUrl);
        config.blockHeight = [blockHeight] { return blockHeight; };
        config.registerOutputRetryMs = 200;
        config.outputIdentity = outputIdentity;
        return std::make_unique<client::MixSession>(config, client::MixUtxo{utxo.outpoint, utxo.value, utxo.script}, mixWallet);
    }

    std::shared_ptr<HookedMixWallet> mixWallet;

private:
    BcoinNode &m_node;
    net::NodeRpcClient m_rpc;
    std::shared_ptr<client::AddressBook> m_book;
    std::unique_ptr<client::ChainScanner> m_scanner;
};

} // namespace wp::test
