// The wallet against a real bcoin regtest node: ChainScanner finds the coinbase
// outputs mined to the wallet (with their confirmations), a Tx0 built by
// Tx0Builder is accepted by bcoin and mined, the scanner then sees the premix
// outputs (mempool, then confirmed) and the deposit coins spent, and reorgs
// (invalidateblock + new blocks, between passes and in the middle of a scan)
// make it drop orphaned coins and re-find the new branch's.

#include <bcoinnode.h>

#include <wallet/chainscanner.h>
#include <wallet/tx0builder.h>

#include <bitcoin/bech32.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip47.h>
#include <bitcoin/block.h>
#include <crypto/hash.h>
#include <net/noderpcclient.h>
#include <protocol/feeopreturn.h>
#include <protocol/feepayload.h>
#include <protocol/z85.h>
#include <util/hex.h>

#include <QEventLoop>
#include <QJsonObject>
#include <QTimer>
#include <QSignalSpy>
#include <QTest>

using namespace wp;
using namespace wp::client;
using btc::AddressChain;

namespace {

constexpr char kMnemonic[] = "legal winner thank year wave sausage worth useful legal winner thank yellow";
constexpr int kSyncTimeoutMs = 120000;

/// bcoin's own "rb" form of a P2WPKH script, for generatetoaddress.
QString bcoinAddress(const btc::Script &p2wpkh)
{
    return btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, p2wpkh.p2wpkhProgram()->bytes()});
}

proto::PoolInfo pool01()
{
    proto::PoolInfo pool;
    pool.poolId = QStringLiteral("0.1btc");
    pool.denomination = 10'000'000;
    pool.mustMixBalanceMin = 10'000'170;
    pool.mustMixBalanceCap = 10'009'500;
    pool.mustMixBalanceMax = 10'010'000;
    pool.minAnonymitySet = 5;
    pool.minMustMix = 3;
    pool.mixAnonymitySet = 5;
    pool.tx0MaxOutputs = 70;
    return pool;
}

} // namespace

class TestWalletNode : public QObject {
    Q_OBJECT

    test::BcoinNode m_node;
    std::unique_ptr<net::NodeRpcClient> m_rpc;
    std::shared_ptr<const WalletKeys> m_keys;
    std::shared_ptr<AddressBook> m_book;
    std::unique_ptr<ChainScanner> m_scanner;
    std::unique_ptr<QSignalSpy> m_synced;
    std::unique_ptr<QSignalSpy> m_reorgs;
    std::optional<btc::Bip47Account> m_coordinator;
    QString m_foreignAddress;
    btc::Txid m_tx0;
    QByteArray m_tx0Raw;
    QList<btc::OutPoint> m_tx0Inputs;

    /// Runs one scanner pass and waits for it in an event loop (QSignalSpy::wait,
    /// not QTest::qWaitFor, which sleeps 10 ms between event rounds).
    bool syncScanner(ChainScanner &scanner, QSignalSpy &synced)
    {
        const qsizetype before = synced.count();
        scanner.sync();
        while (synced.count() == before)
            if (!synced.wait(kSyncTimeoutMs))
                return false;
        return true;
    }
    bool sync() { return syncScanner(*m_scanner, *m_synced); }

    /// Broadcasts the Tx0 through NodeRpcClient (which checks bcoin's mempool).
    bool broadcastTx0()
    {
        std::optional<Result<void>> result;
        QEventLoop loop;
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        m_rpc->broadcast(m_tx0Raw, m_tx0.toHex(), &loop, [&](Result<void> r) {
            result = r;
            loop.quit();
        });
        loop.exec();
        if (!result)
            return false;
        if (!*result)
            qWarning("broadcast: %s", qPrintable(result->error().message));
        return bool(*result);
    }

    int nodeHeight() { return m_node.rpc(QStringLiteral("getblockcount"))->toInt(); }
    QString nodeHash(int height) { return m_node.rpc(QStringLiteral("getblockhash"), {height})->toString(); }
    bool mine(int count, const QString &address)
    {
        auto mined = m_node.generateToAddress(count, address);
        if (!mined)
            qWarning("generatetoaddress: %s", qPrintable(mined.error().message));
        return bool(mined);
    }
    QList<Utxo> utxosOf(WalletAccount account) const
    {
        QList<Utxo> out;
        for (const Utxo &u : m_scanner->utxos())
            if (u.account() == account)
                out.append(u);
        return out;
    }
    bool hasUtxo(const btc::OutPoint &o) const
    {
        return std::any_of(m_scanner->utxos().begin(), m_scanner->utxos().end(),
                           [&](const Utxo &u) { return u.outpoint == o; });
    }

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
        m_book = std::make_shared<AddressBook>(m_keys);

        // The coordinator's fee payment code (any BIP47 account of another seed).
        const auto master = btc::ExtendedPrivKey::fromSeed(
            btc::mnemonicToSeed(QStringLiteral("test test test test test test test test test test test junk"),
                                QStringLiteral("test"))
                .view());
        auto coordinator = btc::Bip47Account::fromMaster(*master, btc::Network::Regtest, 0);
        QVERIFY(coordinator);
        m_coordinator.emplace(std::move(*coordinator));
        m_foreignAddress = btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, QByteArray(20, '\x11')});

        // Segwit activation and coinbase maturity: 432 blocks to deposit/0/0.
        const btc::Script deposit0 = *m_keys->script({WalletAccount::Deposit, AddressChain::Receive, 0});
        QVERIFY(mine(test::BcoinNode::kSegwitActivationHeight, bcoinAddress(deposit0)));
        QCOMPARE(nodeHeight(), test::BcoinNode::kSegwitActivationHeight);

        ChainScanner::Options options;
        options.birthdayHeight = 1;
        m_scanner = std::make_unique<ChainScanner>(m_rpc.get(), m_book, options);
        m_synced = std::make_unique<QSignalSpy>(m_scanner.get(), &ChainScanner::synced);
        m_reorgs = std::make_unique<QSignalSpy>(m_scanner.get(), &ChainScanner::reorgDetected);
    }

    void findsTheCoinbaseUtxos()
    {
        QSignalSpy progress(m_scanner.get(), &ChainScanner::progressChanged);
        QSignalSpy changed(m_scanner.get(), &ChainScanner::utxosChanged);
        QSignalSpy failed(m_scanner.get(), &ChainScanner::syncFailed);
        QVERIFY(sync());
        QCOMPARE(failed.count(), 0);
        QCOMPARE(m_scanner->scannedHeight(), 432);
        QCOMPARE(m_scanner->nodeHeight(), 432);
        QVERIFY(progress.count() >= 432);
        QCOMPARE(progress.last().at(0).toInt(), 432);
        QCOMPARE(changed.count(), 1);

        const QList<Utxo> utxos = m_scanner->utxos();
        QCOMPARE(utxos.size(), 432);
        for (const Utxo &u : utxos) {
            QVERIFY(u.coinbase);
            QCOMPARE(u.path, KeyPath({WalletAccount::Deposit, AddressChain::Receive, 0}));
            QCOMPARE(u.confirmations, 432 - u.blockHeight + 1);
            // bcoin regtest halves every 150 blocks.
            QCOMPARE(u.value, (50 * btc::kCoin) >> (u.blockHeight / 150));
            QCOMPARE(u.isMature(), u.blockHeight <= 333);
        }
        QCOMPARE(utxos.first().blockHeight, 1);
        QCOMPARE(utxos.last().blockHeight, 432);
        QCOMPARE(m_scanner->tracker().blockHash(432)->toHex(), nodeHash(432));

        // A pass with nothing new changes nothing.
        QVERIFY(sync());
        QCOMPARE(changed.count(), 1);

        // Another scanner with a later birthday only sees what came after it.
        ChainScanner::Options late;
        late.birthdayHeight = 400;
        ChainScanner lateScanner(m_rpc.get(), std::make_shared<AddressBook>(m_keys), late);
        QSignalSpy lateSynced(&lateScanner, &ChainScanner::synced);
        QVERIFY(syncScanner(lateScanner, lateSynced));
        QCOMPARE(lateScanner.utxos().size(), 33);
        QCOMPARE(lateScanner.utxos().first().blockHeight, 400);
    }

    void tx0IsAcceptedAndMined()
    {
        // Two mature coinbase coins of 12.5 BTC.
        QList<Utxo> inputs;
        for (const Utxo &u : m_scanner->utxos())
            if (u.blockHeight == 300 || u.blockHeight == 301)
                inputs.append(u);
        QCOMPARE(inputs.size(), 2);
        for (const Utxo &u : inputs)
            m_tx0Inputs.append(u.outpoint);

        proto::Tx0Data data;
        data.poolId = QStringLiteral("0.1btc");
        data.feePaymentCode = m_coordinator->paymentCode().toString();
        data.feeValue = 425'000;
        data.feeAddress = btc::encodeSegwitAddress(btc::networkParams(btc::Network::Regtest).bech32Hrp,
                                                   {0, QByteArray(20, '\x22')});
        proto::FeePayloadV1 payload;
        payload.feeIndice = 77;
        data.feePayload64 = proto::encodeZ85(payload.encode(proto::kFeePayloadLengthV1));
        Tx0Params params;
        params.tx0FeeRate = 5;
        params.mixFeeRate = 5;
        auto built = Tx0Builder::build(inputs, pool01(), data, params, *m_book);
        QVERIFY2(built, built ? "" : qPrintable(built.error().message));
        QCOMPARE(built->preview.nbPremix, 70);
        m_tx0 = built->tx.txid();
        m_tx0Raw = built->tx.serialize();

        // bcoin accepts it (confirmed by seeing it in its mempool).
        QVERIFY(broadcastTx0());

        // The scanner sees it in the mempool: premix and change unconfirmed, inputs spent.
        QVERIFY(sync());
        QList<Utxo> premix = utxosOf(WalletAccount::Premix);
        QCOMPARE(premix.size(), 70);
        for (const Utxo &u : premix) {
            QCOMPARE(u.confirmations, 0);
            QCOMPARE(u.blockHeight, 0);
            QCOMPARE(u.value, built->preview.premixValue);
            QCOMPARE(u.outpoint.txid, m_tx0);
        }
        for (const btc::OutPoint &o : m_tx0Inputs)
            QVERIFY(!hasUtxo(o));
        QVERIFY(hasUtxo({m_tx0, std::uint32_t(built->changeOutput)}));
        QCOMPARE(m_scanner->utxos().size(), 432 - 2 + 70 + 1);

        // Mined in the next block.
        QVERIFY(mine(1, m_foreignAddress));
        QVERIFY(sync());
        premix = utxosOf(WalletAccount::Premix);
        QCOMPARE(premix.size(), 70);
        for (const Utxo &u : premix) {
            QCOMPARE(u.confirmations, 1);
            QCOMPARE(u.blockHeight, 433);
        }
        for (const btc::OutPoint &o : m_tx0Inputs)
            QVERIFY(m_scanner->tracker().isSpentInChain(o));

        // The coordinator reads the fee payload from the mined OP_RETURN.
        auto block = btc::Block::deserialize(
            *util::fromHex(m_node.rpc(QStringLiteral("getblock"), {nodeHash(433), false})->toString()));
        QVERIFY(block);
        const auto mined = std::find_if(block->transactions.begin(), block->transactions.end(),
                                        [&](const btc::Transaction &t) { return t.txid() == m_tx0; });
        QVERIFY(mined != block->transactions.end());
        auto unmasked = proto::unmaskFeeOpReturn(*mined->outputs[built->opReturnOutput].scriptPubKey.opReturnData(),
                                                 *m_coordinator->notificationPrivKey(),
                                                 mined->inputs[0].prevout.serialize());
        QVERIFY(unmasked);
        QCOMPARE(proto::FeePayloadV1::decode(unmasked->feePayload)->feeIndice, 77);
    }

    void shallowReorgDropsOrphanedCoins()
    {
        // Block 434 pays deposit/0/1; it is then replaced by a block paying someone else.
        const KeyPath deposit1{WalletAccount::Deposit, AddressChain::Receive, 1};
        QVERIFY(mine(1, bcoinAddress(*m_keys->script(deposit1))));
        QVERIFY(sync());
        QCOMPARE(m_scanner->scannedHeight(), 434);
        const auto orphan = std::find_if(m_scanner->utxos().begin(), m_scanner->utxos().end(),
                                         [&](const Utxo &u) { return u.path == deposit1; });
        QVERIFY(orphan != m_scanner->utxos().end());
        const btc::OutPoint orphanCoin = orphan->outpoint;

        const QString old434 = nodeHash(434);
        QVERIFY(m_node.rpc(QStringLiteral("invalidateblock"), {old434}));
        QCOMPARE(nodeHeight(), 433);
        QVERIFY(mine(1, m_foreignAddress));
        QVERIFY(nodeHash(434) != old434);

        const qsizetype reorgs = m_reorgs->count();
        QVERIFY(sync());
        QCOMPARE(m_reorgs->count(), reorgs + 1);
        QCOMPARE(m_reorgs->last().at(0).toInt(), 433); // fork point
        QCOMPARE(m_reorgs->last().at(1).toInt(), 1);   // depth
        QCOMPARE(m_scanner->scannedHeight(), 434);
        QCOMPARE(m_scanner->tracker().blockHash(434)->toHex(), nodeHash(434));
        QVERIFY(!hasUtxo(orphanCoin));
        for (const Utxo &u : utxosOf(WalletAccount::Premix))
            QCOMPARE(u.confirmations, 2);
    }

    void deepReorgRefindsTheTx0()
    {
        // Orphan the Tx0's block. bcoin does not return a disconnected block's
        // transactions to its mempool, so the Tx0 is gone: the premix coins
        // disappear and the deposit coins it spent come back.
        const QString old433 = nodeHash(433);
        QVERIFY(m_node.rpc(QStringLiteral("invalidateblock"), {old433}));
        QCOMPARE(nodeHeight(), 432);
        QVERIFY(!m_node.rpc(QStringLiteral("getrawmempool"))->toArray().contains(m_tx0.toHex()));

        const qsizetype reorgs = m_reorgs->count();
        QVERIFY(sync());
        QCOMPARE(m_reorgs->count(), reorgs + 1);
        QCOMPARE(m_reorgs->last().at(0).toInt(), 432);
        QCOMPARE(m_reorgs->last().at(1).toInt(), 2);
        QCOMPARE(m_scanner->scannedHeight(), 432);
        QVERIFY(utxosOf(WalletAccount::Premix).isEmpty());
        for (const btc::OutPoint &o : m_tx0Inputs) {
            QVERIFY(!m_scanner->tracker().isSpentInChain(o));
            QVERIFY(hasUtxo(o));
        }
        QCOMPARE(m_scanner->utxos().size(), 432);

        // The wallet broadcasts it again: unconfirmed premix coins, inputs spent in the mempool.
        QVERIFY(broadcastTx0());
        QVERIFY(sync());
        QList<Utxo> premix = utxosOf(WalletAccount::Premix);
        QCOMPARE(premix.size(), 70);
        for (const Utxo &u : premix)
            QCOMPARE(u.confirmations, 0);
        for (const btc::OutPoint &o : m_tx0Inputs)
            QVERIFY(!hasUtxo(o));

        // A new, longer branch confirms it again (mined to another address than the
        // orphaned block 433, so it cannot be the same block).
        QVERIFY(mine(3, btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, QByteArray(20, '\x33')})));
        QVERIFY(nodeHash(433) != old433);
        QVERIFY(sync());
        QCOMPARE(m_scanner->scannedHeight(), 435);
        for (int h = 430; h <= 435; ++h)
            QCOMPARE(m_scanner->tracker().blockHash(h)->toHex(), nodeHash(h));
        premix = utxosOf(WalletAccount::Premix);
        QCOMPARE(premix.size(), 70);
        for (const Utxo &u : premix) {
            QCOMPARE(u.blockHeight, 433);
            QCOMPARE(u.confirmations, 3);
        }
        for (const btc::OutPoint &o : m_tx0Inputs)
            QVERIFY(m_scanner->tracker().isSpentInChain(o));
        // What the scanner holds is unspent on the node too.
        for (const Utxo &u : m_scanner->utxos().mid(0, 20))
            QVERIFY(m_node.rpc(QStringLiteral("gettxout"), {u.outpoint.txid.toHex(), int(u.outpoint.index), false})->isObject());
        for (const Utxo &u : premix.mid(0, 5))
            QVERIFY(m_node.rpc(QStringLiteral("gettxout"), {u.outpoint.txid.toHex(), int(u.outpoint.index), false})->isObject());
    }

    void pollingPicksUpNewBlocks()
    {
        ChainScanner::Options options;
        options.birthdayHeight = 430;
        options.pollIntervalMs = 100;
        ChainScanner poller(m_rpc.get(), std::make_shared<AddressBook>(m_keys), options);
        QSignalSpy synced(&poller, &ChainScanner::synced);
        poller.start();
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1 && poller.scannedHeight() == 435, kSyncTimeoutMs);
        QVERIFY(mine(1, bcoinAddress(*m_keys->script({WalletAccount::Deposit, AddressChain::Receive, 0}))));
        QTRY_COMPARE_WITH_TIMEOUT(poller.scannedHeight(), 436, kSyncTimeoutMs);
        poller.stop();
        QVERIFY(!poller.isSyncing());
    }

    void reorgDuringAScan()
    {
        // While a fresh scanner is at height 430, blocks 425.. are replaced by a
        // longer branch: the next block's parent is not our tip, so the scanner
        // walks back to the fork (424), drops what it scanned above it and goes on.
        ChainScanner::Options options;
        options.birthdayHeight = 1;
        ChainScanner scanner(m_rpc.get(), std::make_shared<AddressBook>(m_keys), options);
        QSignalSpy synced(&scanner, &ChainScanner::synced);
        QSignalSpy reorgs(&scanner, &ChainScanner::reorgDetected);
        QSignalSpy failed(&scanner, &ChainScanner::syncFailed);
        const int tip = nodeHeight();
        QString orphaned;
        connect(&scanner, &ChainScanner::progressChanged, this, [&](int scanned, int) {
            if (!orphaned.isEmpty() || scanned != 430)
                return;
            orphaned = nodeHash(425);
            if (!m_node.rpc(QStringLiteral("invalidateblock"), {orphaned}))
                qWarning("invalidateblock failed");
            mine(tip - 424 + 3, btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, QByteArray(20, '\x44')}));
        });
        QVERIFY(syncScanner(scanner, synced));
        QVERIFY(!orphaned.isEmpty());
        QVERIFY(nodeHash(425) != orphaned);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(reorgs.count(), 1);
        QCOMPARE(reorgs.last().at(0).toInt(), 424);
        QCOMPARE(reorgs.last().at(1).toInt(), 6);
        QCOMPARE(scanner.scannedHeight(), tip); // this pass stops at the height it started with
        QVERIFY(syncScanner(scanner, synced));
        QCOMPARE(scanner.scannedHeight(), tip + 3);
        for (int h = 420; h <= tip + 3; ++h)
            QCOMPARE(scanner.tracker().blockHash(h)->toHex(), nodeHash(h));

        // Only the coinbase coins of blocks 1..424 are left: the Tx0 (block 433) and
        // every later coin went with the orphaned branch (bcoin drops their transactions).
        const QList<Utxo> utxos = scanner.utxos();
        QCOMPARE(utxos.size(), 424);
        for (const Utxo &u : utxos)
            QVERIFY(u.coinbase && u.blockHeight <= 424);
        for (const btc::OutPoint &o : m_tx0Inputs)
            QVERIFY(std::any_of(utxos.begin(), utxos.end(), [&](const Utxo &u) { return u.outpoint == o; }));
    }

    void cleanupTestCase()
    {
        m_synced.reset();
        m_reorgs.reset();
        m_scanner.reset();
        m_rpc.reset();
        m_node.stop();
    }
};

QTEST_GUILESS_MAIN(TestWalletNode)
#include "tst_walletnode.moc"
