// A real node accepts what we build: transactions made and signed with
// wp_common (BIP39/BIP84 keys, BIP143 signatures, BIP69 order) are accepted by
// bcoin's own validation and mined; a corrupted signature is refused.
#include <bcoinnode.h>

#include <bitcoin/bech32.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip69.h>
#include <bitcoin/bip84.h>
#include <bitcoin/script.h>
#include <bitcoin/sighash.h>
#include <bitcoin/transaction.h>
#include <crypto/hash.h>
#include <net/noderpcclient.h>
#include <util/hex.h>

#include <QJsonObject>
#include <QTest>

using namespace wp;

namespace {

constexpr char kMnemonic[] = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
constexpr btc::Amount kFee = 2000;

btc::Hash160 keyHash(const crypto::PubKey &key)
{
    return *btc::Hash160::fromBytes(crypto::hash160(key.serialize(true)));
}

} // namespace

class TestNodeAcceptance : public QObject {
    Q_OBJECT

    struct Coin {
        btc::OutPoint outpoint;
        btc::TxOut prevout;
    };

private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_node.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_rpc = std::make_unique<net::NodeRpcClient>(
            net::NodeRpcConfig{QUrl(m_node.url()), QStringLiteral("x"), m_node.apiKey(), {}, 10000});

        const auto master = btc::ExtendedPrivKey::fromSeed(btc::mnemonicToSeed(QString::fromLatin1(kMnemonic)).view());
        QVERIFY(master);
        auto account = btc::Bip84Account::fromMaster(*master, btc::Network::Regtest, btc::kWhirlpoolAccountDeposit);
        QVERIFY(account);
        m_account.emplace(std::move(*account));

        // Mine to our key (bcoin wants its own "rb" prefix) past segwit activation and coinbase maturity.
        const auto miningKey = m_account->pubKey(btc::AddressChain::Receive, 0);
        QVERIFY(miningKey);
        m_miningAddress = btc::encodeSegwitAddress(
            QString::fromLatin1(btc::kBcoinRegtestHrp), {0, crypto::hash160(miningKey->serialize(true))});
        auto mined = m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, m_miningAddress);
        QVERIFY2(mined, mined ? "" : qPrintable(mined.error().message));
        m_miningScript = btc::Script::p2wpkh(keyHash(*miningKey));
    }

    void p2wpkhSpendIsAcceptedAndMined()
    {
        const Coin coin = coinbaseCoin(1);
        const auto key = m_account->privKey(btc::AddressChain::Receive, 0);
        const auto to = m_account->pubKey(btc::AddressChain::Receive, 1);
        QVERIFY(key && to);

        btc::Transaction tx;
        tx.inputs.append(btc::TxIn{coin.outpoint, {}, btc::kSequenceFinal, {}});
        tx.outputs.append(btc::TxOut{coin.prevout.value - kFee, btc::Script::p2wpkh(keyHash(*to))});
        QVERIFY(btc::signP2wpkhInput(tx, 0, coin.prevout.value, *key));
        QVERIFY(btc::verifyP2wpkhInput(tx, 0, coin.prevout.value, coin.prevout.scriptPubKey));

        crossCheckWithNode(tx);
        QVERIFY2(broadcast(tx), "the node refused a valid P2WPKH spend");
        QVERIFY(mineAndFind(tx.txid()));
    }

    void bip69MixLikeTransactionIsAcceptedAndMined()
    {
        // Three inputs and three equal outputs, BIP69-sorted, each input signed on its own: a mix in miniature.
        const auto key = m_account->privKey(btc::AddressChain::Receive, 0);
        QVERIFY(key);
        btc::Transaction tx;
        tx.version = 1;
        QList<Coin> coins;
        btc::Amount total = 0;
        for (int height : {2, 3, 4}) {
            coins.append(coinbaseCoin(height));
            total += coins.last().prevout.value;
            tx.inputs.append(btc::TxIn{coins.last().outpoint, {}, btc::kSequenceFinal, {}});
        }
        const btc::Amount each = (total - kFee) / 3;
        for (std::uint32_t i = 10; i < 13; ++i)
            tx.outputs.append(btc::TxOut{each, btc::Script::p2wpkh(keyHash(*m_account->pubKey(btc::AddressChain::Change, i)))});
        btc::sortBip69(tx);
        QVERIFY(btc::isBip69Sorted(tx));
        for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
            const auto coin = std::find_if(coins.begin(), coins.end(),
                                           [&](const Coin &c) { return c.outpoint == tx.inputs[i].prevout; });
            QVERIFY(btc::signP2wpkhInput(tx, i, coin->prevout.value, *key));
        }
        crossCheckWithNode(tx);
        QVERIFY2(broadcast(tx), "the node refused a valid multi-input spend");
        QVERIFY(mineAndFind(tx.txid()));
    }

    void corruptedSignatureIsRefused()
    {
        const Coin coin = coinbaseCoin(5);
        const auto key = m_account->privKey(btc::AddressChain::Receive, 0);
        btc::Transaction tx;
        tx.inputs.append(btc::TxIn{coin.outpoint, {}, btc::kSequenceFinal, {}});
        tx.outputs.append(btc::TxOut{coin.prevout.value - kFee, m_miningScript});
        QVERIFY(btc::signP2wpkhInput(tx, 0, coin.prevout.value, *key));
        QByteArray &sig = tx.inputs[0].witness[0];
        sig[sig.size() - 5] = char(sig[sig.size() - 5] ^ 0x01); // inside s, DER stays well-formed
        QVERIFY(!btc::verifyP2wpkhInput(tx, 0, coin.prevout.value, coin.prevout.scriptPubKey));

        QVERIFY(!broadcast(tx));
        auto mempool = m_node.rpc(QStringLiteral("getrawmempool"));
        QVERIFY(mempool);
        QVERIFY(!mempool->toArray().contains(tx.txid().toHex()));
        QVERIFY(!mineAndFind(tx.txid()));
        // The coin is still unspent.
        auto out = m_node.rpc(QStringLiteral("gettxout"), {coin.outpoint.txid.toHex(), int(coin.outpoint.index), true});
        QVERIFY(out && out->isObject());
    }

private:
    Coin coinbaseCoin(int height)
    {
        auto hash = m_node.rpc(QStringLiteral("getblockhash"), {height});
        auto block = m_node.rpc(QStringLiteral("getblock"), {hash->toString(), true});
        const QString txid = block->toObject().value(QStringLiteral("tx")).toArray().first().toString();
        auto raw = m_node.rpc(QStringLiteral("getrawtransaction"), {txid, 0});
        auto tx = btc::Transaction::deserialize(*util::fromHex(raw->toString()));
        if (!tx)
            qFatal("cannot decode the coinbase: %s", qPrintable(tx.error().message));
        for (std::uint32_t i = 0; i < std::uint32_t(tx->outputs.size()); ++i)
            if (tx->outputs[i].scriptPubKey == m_miningScript)
                return {btc::OutPoint{tx->txid(), i}, tx->outputs[i]};
        qFatal("coinbase at height %d does not pay to our key", height);
    }

    /// Independent check: bcoin decodes our bytes to the same txid, size and outputs.
    void crossCheckWithNode(const btc::Transaction &tx)
    {
        auto decoded = m_node.rpc(QStringLiteral("decoderawtransaction"), {QString::fromLatin1(tx.serialize().toHex())});
        QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error().message));
        const QJsonObject o = decoded->toObject();
        QCOMPARE(o.value(QStringLiteral("txid")).toString(), tx.txid().toHex());
        QCOMPARE(o.value(QStringLiteral("hash")).toString(), tx.wtxid().toHex());
        QCOMPARE(o.value(QStringLiteral("vsize")).toInteger(), tx.vsize());
        QCOMPARE(o.value(QStringLiteral("vout")).toArray().size(), tx.outputs.size());
    }

    bool broadcast(const btc::Transaction &tx)
    {
        std::optional<Result<void>> result;
        QObject context;
        m_rpc->broadcast(tx.serialize(), tx.txid().toHex(), &context, [&](Result<void> r) { result.emplace(r); }, 3000);
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000))
            return false;
        if (!*result)
            qInfo("broadcast refused: %s", qPrintable(result->error().message));
        return bool(*result);
    }

    bool mineAndFind(const btc::Txid &txid)
    {
        auto hashes = m_node.generateToAddress(1, m_miningAddress);
        if (!hashes)
            return false;
        auto block = m_node.rpc(QStringLiteral("getblock"), {hashes->first().toString(), true});
        return block->toObject().value(QStringLiteral("tx")).toArray().contains(txid.toHex());
    }

    test::BcoinNode m_node;
    std::unique_ptr<net::NodeRpcClient> m_rpc;
    std::optional<btc::Bip84Account> m_account;
    btc::Script m_miningScript;
    QString m_miningAddress;
};

QTEST_GUILESS_MAIN(TestNodeAcceptance)
#include "tst_nodeacceptance.moc"
