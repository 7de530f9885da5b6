// FeeEstimator against a real bcoin regtest node: a fresh node has no estimate
// (answers fee -1, and an error for targets above 15 blocks), so every preset
// falls back to its default with estimated = false; once a block has confirmed
// enough transactions entered through the mempool at 10 sat/vB, the 2- and
// 6-block presets are the node's estimate (estimated = true) and the 24-block
// one stays on its default (bcoin refuses targets above 15).

#include <bcoinnode.h>

#include <wallet/feeestimator.h>
#include <wallet/spendbuilder.h>

#include <bitcoin/address.h>
#include <bitcoin/bech32.h>
#include <bitcoin/block.h>
#include <bitcoin/sighash.h>
#include <net/noderpcclient.h>
#include <util/hex.h>

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>

using namespace wp;
using namespace wp::client;
using btc::AddressChain;

namespace {

constexpr char kMnemonic[] = "legal winner thank year wave sausage worth useful legal winner thank yellow";
/// Transactions confirmed at 10 sat/vB: bcoin needs a decayed count of 500 in the
/// fee buckets it reads (SUFFICIENT_FEETXS / (1 - DEFAULT_DECAY)).
constexpr int kTrafficTxs = 560;

QString bcoinAddress(const btc::Script &p2wpkh)
{
    return btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, p2wpkh.p2wpkhProgram()->bytes()});
}

} // namespace

class TestFeeEstimatorNode : public QObject {
    Q_OBJECT

    test::BcoinNode m_node;
    std::unique_ptr<net::NodeRpcClient> m_rpc;
    std::shared_ptr<const WalletKeys> m_keys;
    QString m_foreign;

    FeePresets estimate(const FeeEstimator &estimator)
    {
        std::optional<FeePresets> presets;
        QObject context;
        estimator.estimate(&context, [&](FeePresets p) { presets = p; });
        if (!QTest::qWaitFor([&] { return presets.has_value(); }, 30000))
            qFatal("no fee presets after 30 s");
        return *presets;
    }
    bool mine(int count, const QString &address)
    {
        auto mined = m_node.generateToAddress(count, address);
        if (!mined)
            qWarning("generatetoaddress: %s", qPrintable(mined.error().message));
        return bool(mined);
    }
    bool send(const btc::Transaction &tx)
    {
        auto sent = m_node.rpc(QStringLiteral("sendrawtransaction"), {QString::fromLatin1(tx.serialize().toHex())});
        if (!sent || sent->toString() != tx.txid().toHex()) {
            qWarning("sendrawtransaction: %s", sent ? "unexpected txid" : qPrintable(sent.error().message));
            return false;
        }
        return true;
    }
    int mempoolSize() { return int(m_node.rpc(QStringLiteral("getrawmempool"))->toArray().size()); }

private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_node.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_rpc = std::make_unique<net::NodeRpcClient>(
            net::NodeRpcConfig{QUrl(m_node.url()), QStringLiteral("x"), m_node.apiKey(), {}, 20000});
        auto keys = WalletKeys::fromMnemonic(QString::fromLatin1(kMnemonic), {}, btc::Network::Regtest);
        QVERIFY(keys);
        m_keys = std::make_shared<const WalletKeys>(std::move(*keys));
        m_foreign = btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, QByteArray(20, '\x11')});
        // Segwit activation and mature coinbase coins for deposit/0/0.
        QVERIFY(mine(test::BcoinNode::kSegwitActivationHeight,
                     bcoinAddress(*m_keys->script({WalletAccount::Deposit, AddressChain::Receive, 0}))));
    }

    void freshNodeFallsBackToTheDefaults()
    {
        // What the node answers for each target.
        for (int target : {2, 6}) {
            auto answer = m_node.rpc(QStringLiteral("estimatesmartfee"), {target});
            QVERIFY(answer);
            QCOMPARE(answer->toObject()[QLatin1String("fee")].toDouble(), -1.0);
        }
        QVERIFY(!m_node.rpc(QStringLiteral("estimatesmartfee"), {24}));

        FeeEstimator estimator(m_rpc.get());
        const FeePresets p = estimate(estimator);
        QVERIFY(!p.estimated());
        QCOMPARE(p.fast, (FeePreset{20, 2, false}));
        QCOMPARE(p.normal, (FeePreset{10, 6, false}));
        QCOMPARE(p.slow, (FeePreset{2, 24, false}));
        QVERIFY2(p.note.contains(QStringLiteral("no fee estimate")), qPrintable(p.note));
        qInfo("fresh node: %s", qPrintable(p.note));

        // Configured defaults, clamped to the configured bounds.
        FeeEstimator::Options o;
        o.defaults = {80, 30, 0};
        o.maxRate = 50;
        const FeePresets q = estimate(FeeEstimator(m_rpc.get(), o));
        QCOMPARE(q.fast.satPerVb, 50);
        QCOMPARE(q.normal.satPerVb, 30);
        QCOMPARE(q.slow.satPerVb, 1);
    }

    void unreachableNodeFallsBack()
    {
        // A node that does not answer (a closed port): the defaults, at once after the timeout.
        net::NodeRpcClient dead(net::NodeRpcConfig{QUrl(QStringLiteral("http://127.0.0.1:1/")), {}, {}, {}, 2000});
        const FeePresets p = estimate(FeeEstimator(&dead));
        QVERIFY(!p.estimated());
        QCOMPARE(p.normal.satPerVb, 10);
        QVERIFY(!p.note.isEmpty());
    }

    void estimatesFromConfirmedTraffic()
    {
        QElapsedTimer timer;
        timer.start();
        auto book = std::make_shared<AddressBook>(m_keys);
        const KeyPath coinbasePath{WalletAccount::Deposit, AddressChain::Receive, 0};
        const btc::Script coinbaseScript = *m_keys->script(coinbasePath);

        // Fan out the coinbase of block 1 (50 BTC) to kTrafficTxs fresh deposit coins.
        const QString block1 = m_node.rpc(QStringLiteral("getblockhash"), {1})->toString();
        auto block = btc::Block::deserialize(
            *util::fromHex(m_node.rpc(QStringLiteral("getblock"), {block1, false})->toString()));
        QVERIFY(block);
        const btc::Txid coinbaseTxid = block->transactions.first().txid();
        const btc::Amount coinbaseValue = 50 * btc::kCoin;
        constexpr btc::Amount kCoinValue = 200'000;
        btc::Transaction fan;
        fan.inputs.append(btc::TxIn{btc::OutPoint{coinbaseTxid, 0}, {}, btc::kSequenceFinal, {}});
        QList<Utxo> coins;
        for (int i = 1; i <= kTrafficTxs; ++i) {
            const KeyPath path{WalletAccount::Deposit, AddressChain::Receive, std::uint32_t(i)};
            fan.outputs.append(btc::TxOut{kCoinValue, *m_keys->script(path)});
            Utxo u;
            u.path = path;
            u.script = fan.outputs.last().scriptPubKey;
            u.value = kCoinValue;
            u.confirmations = 1;
            coins.append(u);
        }
        const btc::Amount fanFee = 100'000;
        fan.outputs.append(btc::TxOut{coinbaseValue - kTrafficTxs * kCoinValue - fanFee, coinbaseScript});
        QVERIFY(btc::signP2wpkhInput(fan, 0, coinbaseValue, *m_keys->privKey(coinbasePath)));
        QVERIFY(send(fan));
        QVERIFY(mine(1, m_foreign));
        const btc::Txid fanTxid = fan.txid();
        for (int i = 0; i < coins.size(); ++i)
            coins[i].outpoint = btc::OutPoint{fanTxid, std::uint32_t(i)};

        // One spend per coin at 10 sat/vB, all through the mempool, then one block.
        const int height = m_node.rpc(QStringLiteral("getblockcount"))->toInt();
        const QString destination =
            *btc::scriptToAddress(btc::Script::p2wpkh(*btc::Hash160::fromBytes(QByteArray(20, '\x22'))),
                                  btc::networkParams(btc::Network::Regtest));
        for (const Utxo &u : coins) {
            SpendRequest r;
            r.coins = {u};
            r.account = WalletAccount::Deposit;
            r.address = destination;
            r.sendAll = true;
            r.feeRate = 10;
            r.currentHeight = height;
            auto spend = SpendBuilder::build(r, *book);
            QVERIFY2(spend, spend ? "" : qPrintable(spend.error().message));
            QVERIFY(send(spend->tx));
        }
        // bcoin answers sendrawtransaction before its mempool has taken the transaction.
        QTRY_COMPARE_WITH_TIMEOUT(mempoolSize(), kTrafficTxs, 60000);
        QVERIFY(mine(1, m_foreign));
        QCOMPARE(mempoolSize(), 0);
        qInfo("%d transactions sent and mined in %lld ms", kTrafficTxs, timer.elapsed());

        const FeePresets p = estimate(FeeEstimator(m_rpc.get()));
        qInfo("after traffic: fast %lld, normal %lld, slow %lld sat/vB; %s", qint64(p.fast.satPerVb),
              qint64(p.normal.satPerVb), qint64(p.slow.satPerVb), qPrintable(p.note));
        QVERIFY(p.fast.estimated);
        QVERIFY(p.normal.estimated);
        // 10 sat/vB asked; the paid rate is a little above (vsize upper bound), rounded up.
        QVERIFY(p.fast.satPerVb >= 10 && p.fast.satPerVb <= 11);
        QVERIFY(p.normal.satPerVb >= 10 && p.normal.satPerVb <= 11);
        // bcoin tracks at most 15 blocks: the 24-block preset keeps its default.
        QVERIFY(!p.slow.estimated);
        QCOMPARE(p.slow.satPerVb, 2);
        QVERIFY(!p.estimated());
        QVERIFY(p.note.contains(QStringLiteral("slow (24 blocks)")));

        // With a slow target bcoin can answer, all three are estimated.
        FeeEstimator::Options o;
        o.targets = {2, 6, 12};
        const FeePresets all = estimate(FeeEstimator(m_rpc.get(), o));
        QVERIFY2(all.estimated(), qPrintable(all.note));
        QVERIFY(all.slow.satPerVb >= 10 && all.slow.satPerVb <= 11);
        QVERIFY(all.note.isEmpty());
    }

    void cleanupTestCase()
    {
        m_rpc.reset();
        m_node.stop();
    }
};

QTEST_GUILESS_MAIN(TestFeeEstimatorNode)
#include "tst_feeestimatornode.moc"
