// SpendBuilder against a real bcoin regtest node: deposit coins fund the postmix
// account (spends to our own postmix addresses), a postmix spend with change to a
// P2TR address is accepted (fee and size as previewed, lock time and RBF sequences
// as built), mined, and its change comes back to the wallet's postmix change chain;
// "everything" to a P2PKH address empties the account; dust change goes to the
// miners. Finally a wallet restored from its encrypted file scans from its
// birthday height and finds exactly the coins created since.

#include <bcoinnode.h>

#include <wallet/chainscanner.h>
#include <wallet/spendbuilder.h>
#include <wallet/walletfile.h>

#include <bitcoin/address.h>
#include <bitcoin/bech32.h>
#include <net/noderpcclient.h>

#include <QEventLoop>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cmath>

using namespace wp;
using namespace wp::client;
using btc::AddressChain;

namespace {

constexpr char kMnemonic[] = "legal winner thank year wave sausage worth useful legal winner thank yellow";
constexpr int kSyncTimeoutMs = 120000;

QString bcoinAddress(const btc::Script &p2wpkh)
{
    return btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, p2wpkh.p2wpkhProgram()->bytes()});
}

QString regtestAddress(const btc::Script &script)
{
    return *btc::scriptToAddress(script, btc::networkParams(btc::Network::Regtest));
}

} // namespace

class TestSpendNode : public QObject {
    Q_OBJECT

    test::BcoinNode m_node;
    QTemporaryDir m_dir;
    std::unique_ptr<net::NodeRpcClient> m_rpc;
    std::shared_ptr<const WalletKeys> m_keys;
    std::shared_ptr<AddressBook> m_book;
    std::unique_ptr<ChainScanner> m_scanner;
    std::unique_ptr<QSignalSpy> m_synced;
    QString m_foreign;
    int m_fundingHeight = 0;

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

    int nodeHeight() { return m_node.rpc(QStringLiteral("getblockcount"))->toInt(); }
    bool mine(int count, const QString &address)
    {
        auto mined = m_node.generateToAddress(count, address);
        if (!mined)
            qWarning("generatetoaddress: %s", qPrintable(mined.error().message));
        return bool(mined);
    }
    /// Broadcasts through NodeRpcClient, which confirms that bcoin took it into its mempool.
    bool broadcast(const btc::Transaction &tx)
    {
        std::optional<Result<void>> result;
        QEventLoop loop;
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        m_rpc->broadcast(tx.serialize(), tx.txid().toHex(), &loop, [&](Result<void> r) {
            result = r;
            loop.quit();
        });
        loop.exec();
        if (result && !*result)
            qWarning("broadcast: %s", qPrintable(result->error().message));
        return result && *result;
    }
    QList<Utxo> coinsOf(WalletAccount account) const
    {
        QList<Utxo> out;
        for (const Utxo &u : m_scanner->utxos())
            if (u.account() == account)
                out.append(u);
        return out;
    }
    SpendRequest request(QList<Utxo> coins, WalletAccount account, const QString &address, btc::Amount amount,
                         btc::Amount feeRate)
    {
        SpendRequest r;
        r.coins = std::move(coins);
        r.account = account;
        r.address = address;
        r.amount = amount;
        r.feeRate = feeRate;
        r.currentHeight = m_scanner->nodeHeight();
        return r;
    }
    /// The node's view of a confirmed or mempool transaction (`getrawtransaction txid true`).
    QJsonObject nodeTx(const btc::Txid &txid)
    {
        return m_node.rpc(QStringLiteral("getrawtransaction"), {txid.toHex(), true})->toObject();
    }
    std::optional<QJsonObject> nodeTxOut(const btc::Txid &txid, int index)
    {
        auto out = m_node.rpc(QStringLiteral("gettxout"), {txid.toHex(), index, true});
        if (!out || !out->isObject())
            return std::nullopt;
        return out->toObject();
    }
    static btc::Amount sats(const QJsonValue &btcValue) { return btc::Amount(std::llround(btcValue.toDouble() * 1e8)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_node.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_rpc = std::make_unique<net::NodeRpcClient>(
            net::NodeRpcConfig{QUrl(m_node.url()), QStringLiteral("x"), m_node.apiKey(), {}, 20000});
        auto keys = WalletKeys::fromMnemonic(QString::fromLatin1(kMnemonic), {}, btc::Network::Regtest);
        QVERIFY(keys);
        m_keys = std::make_shared<const WalletKeys>(std::move(*keys));
        m_book = std::make_shared<AddressBook>(m_keys);
        m_foreign = btc::encodeSegwitAddress(QString::fromLatin1(btc::kBcoinRegtestHrp), {0, QByteArray(20, '\x11')});
        QVERIFY(mine(test::BcoinNode::kSegwitActivationHeight,
                     bcoinAddress(*m_keys->script({WalletAccount::Deposit, AddressChain::Receive, 0}))));
        m_scanner = std::make_unique<ChainScanner>(m_rpc.get(), m_book, ChainScanner::Options{});
        m_synced = std::make_unique<QSignalSpy>(m_scanner.get(), &ChainScanner::synced);
        QVERIFY(sync());
        QCOMPARE(m_scanner->utxos().size(), test::BcoinNode::kSegwitActivationHeight);
    }

    void depositCoinsFundThePostmixAccount()
    {
        // Three mature 25 BTC coinbase coins, each paying a fresh postmix address.
        QList<Utxo> sources;
        for (const Utxo &u : coinsOf(WalletAccount::Deposit))
            if (u.blockHeight >= 200 && u.blockHeight < 203)
                sources.append(u);
        QCOMPARE(sources.size(), 3);
        const btc::Amount amounts[3] = {30'000'000, 40'000'000, 50'000'000};
        for (int i = 0; i < 3; ++i) {
            const KeyPath postmix = m_book->reserveNext(WalletAccount::Postmix, AddressChain::Receive);
            QCOMPARE(postmix.index, std::uint32_t(2 * i)); // the desktop's even indexes
            const SpendRequest r =
                request({sources[i]}, WalletAccount::Deposit, *m_keys->address(postmix), amounts[i], 2);
            auto built = SpendBuilder::build(r, *m_book);
            QVERIFY2(built, built ? "" : qPrintable(built.error().message));
            QVERIFY(broadcast(built->tx));
        }
        QVERIFY(mine(1, m_foreign));
        m_fundingHeight = nodeHeight();
        QVERIFY(sync());
        const QList<Utxo> postmix = coinsOf(WalletAccount::Postmix);
        QCOMPARE(postmix.size(), 3);
        for (const Utxo &u : postmix) {
            QCOMPARE(u.confirmations, 1);
            QCOMPARE(u.blockHeight, m_fundingHeight);
        }
        QCOMPARE(totalValue(postmix), 120'000'000);
        // The deposit change came back to the deposit change chain.
        int changes = 0;
        for (const Utxo &u : coinsOf(WalletAccount::Deposit))
            changes += u.chain() == AddressChain::Change ? 1 : 0;
        QCOMPARE(changes, 3);
    }

    void postmixSpendIsAcceptedMinedAndItsChangeComesBack()
    {
        QList<Utxo> postmix = coinsOf(WalletAccount::Postmix);
        std::sort(postmix.begin(), postmix.end(), [](const Utxo &a, const Utxo &b) { return a.value < b.value; });
        const QList<Utxo> chosen = postmix.mid(0, 2); // 0.3 + 0.4 BTC
        const QString taproot = regtestAddress(*btc::Script::fromWitnessProgram(1, QByteArray(32, '\x5a')));
        const SpendRequest r = request(chosen, WalletAccount::Postmix, taproot, 55'000'000, 3);
        auto preview = SpendBuilder::preview(r, *m_book);
        QVERIFY(preview);
        auto built = SpendBuilder::build(r, *m_book);
        QVERIFY2(built, built ? "" : qPrintable(built.error().message));
        QCOMPARE(built->preview, *preview);
        QVERIFY(built->changeOutput >= 0);
        QCOMPARE(built->preview.changePath, KeyPath({WalletAccount::Postmix, AddressChain::Change, 0}));
        const btc::Txid txid = built->tx.txid();
        qInfo("postmix spend: 2 inputs, fee %lld sat for %lld vB (estimate %lld vB), change %lld sat",
              qint64(built->preview.fee), built->tx.vsize(), built->preview.vsize, qint64(built->preview.change));

        QVERIFY(broadcast(built->tx));
        // The node agrees on the fee; its size is within our upper bound.
        const QJsonObject entry = m_node.rpc(QStringLiteral("getmempoolentry"), {txid.toHex()})->toObject();
        QCOMPARE(sats(entry[QLatin1String("fee")]), built->preview.fee);
        QVERIFY(entry[QLatin1String("size")].toInt() <= built->preview.vsize);

        // In the mempool: the change is already the wallet's, the spent coins are gone.
        QVERIFY(sync());
        const KeyPath changePath{WalletAccount::Postmix, AddressChain::Change, 0};
        auto findChange = [&]() -> std::optional<Utxo> {
            for (const Utxo &u : m_scanner->utxos())
                if (u.path == changePath)
                    return u;
            return std::nullopt;
        };
        auto change = findChange();
        QVERIFY(change);
        QCOMPARE(change->confirmations, 0);
        QCOMPARE(change->value, built->preview.change);
        QCOMPARE(change->outpoint, btc::OutPoint({txid, std::uint32_t(built->changeOutput)}));
        for (const Utxo &spent : chosen)
            QVERIFY(std::none_of(m_scanner->utxos().begin(), m_scanner->utxos().end(),
                                 [&](const Utxo &u) { return u.outpoint == spent.outpoint; }));

        // Mined: confirmed change, the payment on chain, lock time and sequences as built.
        QVERIFY(mine(1, m_foreign));
        QVERIFY(sync());
        change = findChange();
        QVERIFY(change);
        QCOMPARE(change->confirmations, 1);
        QCOMPARE(change->blockHeight, nodeHeight());
        const QJsonObject tx = nodeTx(txid);
        QCOMPARE(tx[QLatin1String("confirmations")].toInt(), 1);
        QCOMPARE(tx[QLatin1String("locktime")].toInt(), r.currentHeight);
        for (const QJsonValue &in : tx[QLatin1String("vin")].toArray())
            QCOMPARE(qint64(in.toObject()[QLatin1String("sequence")].toDouble()), qint64(SpendBuilder::kSequenceRbf));
        const auto paid = nodeTxOut(txid, built->recipientOutput);
        QVERIFY(paid);
        QCOMPARE(sats((*paid)[QLatin1String("value")]), 55'000'000);
        QCOMPARE((*paid)[QLatin1String("scriptPubKey")].toObject()[QLatin1String("hex")].toString(),
                 built->tx.outputs[built->recipientOutput].scriptPubKey.toHex());
    }

    void everythingToALegacyAddressEmptiesTheAccount()
    {
        const QList<Utxo> postmix = coinsOf(WalletAccount::Postmix);
        QCOMPARE(postmix.size(), 2); // the 0.5 BTC coin and the change
        const QString legacy = regtestAddress(btc::Script::p2pkh(*btc::Hash160::fromBytes(QByteArray(20, '\x6b'))));
        QVERIFY(legacy.startsWith(QLatin1Char('m')) || legacy.startsWith(QLatin1Char('n')));
        SpendRequest r = request(postmix, WalletAccount::Postmix, legacy, 0, 1);
        r.sendAll = true;
        auto built = SpendBuilder::build(r, *m_book);
        QVERIFY2(built, built ? "" : qPrintable(built.error().message));
        QCOMPARE(built->tx.outputs.size(), 1);
        QCOMPARE(built->preview.amount, totalValue(postmix) - built->preview.fee);
        QVERIFY(broadcast(built->tx));
        QVERIFY(mine(1, m_foreign));
        QVERIFY(sync());
        QVERIFY(coinsOf(WalletAccount::Postmix).isEmpty());
        const auto paid = nodeTxOut(built->tx.txid(), 0);
        QVERIFY(paid);
        QCOMPARE(sats((*paid)[QLatin1String("value")]), built->preview.amount);
    }

    void dustChangeGoesToTheMiners()
    {
        // A deposit change coin, spent so that 300 sat would be left: no change output.
        const auto coins = coinsOf(WalletAccount::Deposit);
        const auto source = std::find_if(coins.begin(), coins.end(),
                                         [](const Utxo &u) { return u.chain() == AddressChain::Change; });
        QVERIFY(source != coins.end());
        const btc::Amount feeWithChange = 141 * 2; // one P2WPKH input, two P2WPKH outputs at 2 sat/vB
        const SpendRequest r = request({*source}, WalletAccount::Deposit, regtestAddress(btc::Script::p2wpkh(
                                                                               *btc::Hash160::fromBytes(QByteArray(20, '\x7c')))),
                                       source->value - feeWithChange - 300, 2);
        auto built = SpendBuilder::build(r, *m_book);
        QVERIFY2(built, built ? "" : qPrintable(built.error().message));
        QCOMPARE(built->changeOutput, -1);
        QCOMPARE(built->preview.changeAddedToFee, 300 + feeWithChange - 110 * 2);
        QVERIFY(broadcast(built->tx));
        const QJsonObject entry = m_node.rpc(QStringLiteral("getmempoolentry"), {built->tx.txid().toHex()})->toObject();
        QCOMPARE(sats(entry[QLatin1String("fee")]), source->value - r.amount);
        QVERIFY(mine(1, m_foreign));
        QCOMPARE(nodeTx(built->tx.txid())[QLatin1String("vout")].toArray().size(), 1);
    }

    void restoredWalletScansFromItsBirthday()
    {
        // The desktop app stores the birthday in its encrypted file; a restart (or a
        // restore on another machine) scans from it, not from the genesis block.
        const QString path = m_dir.filePath(QStringLiteral("wallet.dat"));
        auto created = EncryptedWalletFile::create(
            path, WalletContents::fromText(QString::fromLatin1(kMnemonic), {}, btc::Network::Regtest, m_fundingHeight),
            u"password", WalletFileFormat::kTestKdf);
        QVERIFY(created);

        auto opened = EncryptedWalletFile::open(path, u"password");
        QVERIFY(opened);
        const WalletContents &contents = opened->contents();
        auto keys = WalletKeys::fromMnemonic(contents.mnemonicText(), contents.passphraseText(), contents.network);
        QVERIFY(keys);
        ChainScanner::Options options;
        options.birthdayHeight = contents.birthdayHeight;
        ChainScanner restored(m_rpc.get(), std::make_shared<AddressBook>(std::make_shared<const WalletKeys>(std::move(*keys))),
                              options);
        QSignalSpy synced(&restored, &ChainScanner::synced);
        QSignalSpy progress(&restored, &ChainScanner::progressChanged);
        QVERIFY(syncScanner(restored, synced));
        QVERIFY(sync());
        QCOMPARE(restored.tracker().startHeight(), m_fundingHeight);
        QCOMPARE(restored.scannedHeight(), nodeHeight());
        // Only the blocks from the birthday were read.
        QCOMPARE(progress.first().at(0).toInt(), m_fundingHeight - 1);
        QCOMPARE(progress.count(), 1 + nodeHeight() - m_fundingHeight + 1);

        // Exactly the coins created from the birthday on: none of the older coinbase coins.
        QList<Utxo> expected;
        for (const Utxo &u : m_scanner->utxos())
            if (u.blockHeight >= m_fundingHeight)
                expected.append(u);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(restored.utxos(), expected);
        for (const Utxo &u : restored.utxos())
            QVERIFY(u.blockHeight >= m_fundingHeight);
    }

    void cleanupTestCase()
    {
        m_synced.reset();
        m_scanner.reset();
        m_rpc.reset();
        m_node.stop();
    }
};

QTEST_GUILESS_MAIN(TestSpendNode)
#include "tst_spendnode.moc"
