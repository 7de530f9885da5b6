// The plugin end to end, driven by the REAL sample host program: the
// whirlpool-samplehost executable (headless, its keys in memory on the host
// side, loading the REAL libwhirlpoolplugin.so) mixes a real Tx0 coin with four
// wallets of the client library on a real two-instance coordinator cluster (two
// whirlpool-coordinator processes sharing one real MariaDB, one owns the pool;
// the host is bootstrapped with both and follows the redirect when it lands on
// the other) and a real bcoin regtest node. The program exits 0 after its mix;
// the txid it printed is mined, spends its coin and pays its postmix address;
// its boundary log (everything the host handed the plugin) holds no private
// key material of the host's wallet.
#include "../e2e/testwallet.h"

#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/transaction.h>
#include <bitcoin/wif.h>
#include <crypto/random.h>
#include <util/hex.h>

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>

using namespace wp;
using client::Utxo;
using client::WalletAccount;

class TestPluginClusterMix : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    std::vector<std::unique_ptr<test::CoordinatorProcess>> m_instances; ///< alpha, beta
    crypto::PrivKey m_operatorKey = crypto::PrivKey::generate();
    std::vector<std::unique_ptr<test::TestWallet>> m_wallets; ///< 0 mines; 1..4 mix with the library; 5 funds the host
    QString m_hostMnemonic;

    test::TestWallet &w(int i) { return *m_wallets[size_t(i)]; }
    int tip() { return m_node.rpc(QStringLiteral("getblockcount"))->toInt(); }

    /// The pool owner's URL as instance @p index lists it (empty until there is one).
    QString listedOwner(int index)
    {
        client::CoordinatorRestClient rest(QUrl(m_instances[size_t(index)]->url()), {});
        std::optional<Result<proto::PoolsResponse>> pools;
        QObject ctx;
        rest.fetchPools(&ctx, [&](auto r) { pools.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return pools.has_value(); }, 10000) || !*pools)
            return {};
        for (const proto::PoolInfo &p : (*pools)->pools)
            if (p.poolId == QLatin1String("0.01btc"))
                return p.ownerUrlClear;
        return {};
    }

    QString logs() const
    {
        QString out;
        for (const auto &i : m_instances)
            out += i->logText().right(2000) + QLatin1Char('\n');
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        m_hostMnemonic = *btc::entropyToMnemonic(crypto::randomBytes(16));
        for (int i = 0; i <= 5; ++i)
            m_wallets.push_back(std::make_unique<test::TestWallet>(
                i == 5 ? m_hostMnemonic : *btc::entropyToMnemonic(crypto::randomBytes(16)), m_node));
        QVERIFY(m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, w(0).miningAddress()));
        for (int i = 1; i <= 5; ++i)
            QVERIFY(m_node.generateToAddress(1, w(i).miningAddress()));
        QVERIFY(m_node.generateToAddress(100, w(0).miningAddress()));

        for (const QString &name : {QStringLiteral("alpha"), QStringLiteral("beta")}) {
        test::CoordinatorProcess::Config config = test::coordinatorConfig(name, m_db, m_node);
        config.extraIni = test::mixingClusterIni(5, 5000, m_operatorKey);
        m_instances.push_back(std::make_unique<test::CoordinatorProcess>());
        auto started = m_instances.back()->start(config);
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
        for (int i = 1; i <= 5; ++i) {
            auto tx0 = w(i).tx0(m_instances[size_t(i % 2)]->url(), QStringLiteral("0.01btc"), 1);
            QVERIFY2(tx0, tx0 ? "" : qPrintable(tx0.error().message));
        }
        QVERIFY(m_node.generateToAddress(1, w(0).miningAddress()));
    }

    /// Every secret the host's wallet holds or could derive for the coins involved:
    /// the mnemonic, its seed, the master and account extended private keys, and
    /// the first keys of every account and chain (raw, hex, WIF).
    QList<QByteArray> hostSecrets() const
    {
        QList<QByteArray> out;
        const btc::NetworkParams &params = btc::networkParams(btc::Network::Regtest);
        out.append(m_hostMnemonic.toUtf8());
        const crypto::SecureBytes seed = btc::mnemonicToSeed(m_hostMnemonic);
        const QByteArray seedBytes(reinterpret_cast<const char *>(seed.data()), qsizetype(seed.size()));
        out.append(seedBytes);
        out.append(seedBytes.toHex());
        const auto master = btc::ExtendedPrivKey::fromSeed(seedBytes);
        WP_ASSERT(master.has_value());
        out.append(master->serialize(params.xprvVersion).toUtf8());
        auto keys = client::WalletKeys::fromMnemonic(m_hostMnemonic, {}, btc::Network::Regtest);
        WP_ASSERT(keys.has_value());
        for (const WalletAccount account : {WalletAccount::Deposit, WalletAccount::Premix, WalletAccount::Postmix,
                                            WalletAccount::Badbank}) {
            const btc::Bip84Account &acc = keys->account(account);
            out.append(acc.accountPrivKey()->serialize(params.xprvVersion).toUtf8());
            out.append(acc.zprv()->toUtf8());
            for (const btc::AddressChain chain : {btc::AddressChain::Receive, btc::AddressChain::Change})
                for (std::uint32_t i = 0; i < 10; ++i) {
                    const auto key = keys->privKey(client::KeyPath{account, chain, i});
                    WP_ASSERT(key.has_value());
                    const QByteArray raw(reinterpret_cast<const char *>(key->bytes().data()),
                                         qsizetype(key->bytes().size()));
                    out.append(raw);
                    out.append(raw.toHex());
                    out.append(btc::encodeWif(*key, true, params).toUtf8());
                    out.append(btc::encodeWif(*key, false, params).toUtf8());
                }
        }
        return out;
    }

    static bool sameInstance(const QString &a, const QString &b)
    {
        const QUrl x(a), y(b);
        return x.host() == y.host() && x.port() == y.port();
    }

    void samplehostProgramMixesItsCoin()
    {
        // The host's coin: the Tx0 paid its first premix address, where the
        // program's --coin puts it (the next premix address of a fresh wallet).
        const QList<Utxo> premix = w(5).coins(WalletAccount::Premix);
        QCOMPARE(premix.size(), 1);
        QCOMPARE(premix[0].script,
                 *w(5).book().keys().script(client::KeyPath{WalletAccount::Premix, btc::AddressChain::Receive, 0}));
        const QString outpoint = premix[0].outpoint.txid.toHex() + QLatin1Char(':') + QString::number(premix[0].outpoint.index);

        QString ownerUrl;
        QVERIFY(QTest::qWaitFor([&] {
            ownerUrl = listedOwner(0);
            return !ownerUrl.isEmpty() && listedOwner(1) == ownerUrl;
        }, 20000));
        const QString otherUrl = sameInstance(ownerUrl, m_instances[0]->url()) ? m_instances[1]->url() : m_instances[0]->url();

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile words(dir.filePath(QStringLiteral("mnemonic.txt")));
        QVERIFY(words.open(QIODevice::WriteOnly));
        words.write(m_hostMnemonic.toUtf8() + '\n');
        words.close();
        const QString boundaryLog = dir.filePath(QStringLiteral("boundary.log"));

        // The real program, bootstrapped with both instances (it picks one at random).
        QProcess host;
        host.setProgram(QStringLiteral(WP_SAMPLEHOST_PATH));
        host.setArguments({QStringLiteral("--headless"), QStringLiteral("--plugin-file"), QStringLiteral(WP_PLUGIN_PATH),
                           QStringLiteral("--coordinator"), m_instances[0]->url(), QStringLiteral("--coordinator"),
                           m_instances[1]->url(), QStringLiteral("--network"), QStringLiteral("regtest"),
                           QStringLiteral("--pool"), QStringLiteral("0.01btc=1000000"), QStringLiteral("--mnemonic-file"),
                           words.fileName(), QStringLiteral("--coin"),
                           QStringLiteral("%1:%2:premix").arg(outpoint).arg(premix[0].value),
                           QStringLiteral("--block-height"), QString::number(tip()), QStringLiteral("--exit-after-mixes"),
                           QStringLiteral("1"), QStringLiteral("--timeout-s"), QStringLiteral("100"),
                           QStringLiteral("--boundary-log"), boundaryLog});
        host.start();
        QVERIFY2(host.waitForStarted(10000), qPrintable(host.errorString()));

        // Four other wallets join the same pool with the client library, directly on its owner.
        const int height = tip();
        std::vector<std::unique_ptr<client::MixSession>> sessions;
        QStringList txids;
        for (int i = 1; i <= 4; ++i) {
            const QList<Utxo> coins = w(i).coins(WalletAccount::Premix);
            QVERIFY(!coins.isEmpty());
            sessions.push_back(w(i).session(coins.first(), ownerUrl, height));
            connect(sessions.back().get(), &client::MixSession::succeeded, this, [&txids](const QString &t) { txids.append(t); });
            sessions.back()->start();
        }

        QString out;
        const bool done = QTest::qWaitFor([&] {
            out += QString::fromUtf8(host.readAllStandardOutput());
            return host.state() == QProcess::NotRunning && txids.size() == 4;
        }, 110000);
        out += QString::fromUtf8(host.readAllStandardOutput());
        const QString err = QString::fromUtf8(host.readAllStandardError());
        if (host.state() != QProcess::NotRunning) {
            host.kill();
            host.waitForFinished(5000);
        }
        const QString diagnostics = QStringLiteral("\nsamplehost stdout:\n%1\nsamplehost stderr:\n%2\ncoordinator logs:\n%3")
                                        .arg(out.right(4000), err.right(3000), logs());
        QVERIFY2(done, qPrintable(QStringLiteral("library mixes: %1").arg(txids.size()) + diagnostics));
        QVERIFY2(host.exitStatus() == QProcess::NormalExit && host.exitCode() == 0, qPrintable(diagnostics));

        // Its machine-readable progress: one mix of its coin, the txid the others saw.
        const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QStringList mixed;
        for (const QString &line : lines)
            if (line.startsWith(QLatin1String("mixed ")))
                mixed.append(line);
        QCOMPARE(mixed.size(), 1);
        const QStringList fields = mixed[0].split(QLatin1Char(' '));
        QCOMPARE(fields.size(), 3);
        QCOMPARE(fields[1], outpoint);
        const QString txid = fields[2];
        for (const QString &t : std::as_const(txids))
            QCOMPARE(t, txid);
        QVERIFY(lines.filter(QRegularExpression(QStringLiteral("^status \\S+ MIXING \\S+ \\d+ "))).size() >= 2);

        // It mixed on the pool's owner; bootstrapped to the other instance, it followed the redirect there.
        QString lastConnected;
        bool contactedOther = false, redirectedToOwner = false;
        for (const QString &line : lines) {
            const QStringList f = line.split(QLatin1Char(' '));
            if (f.value(0) != QLatin1String("event") || f.size() < 4)
                continue;
            if (f[1] == QLatin1String("CONNECTED")) {
                lastConnected = f[3];
                contactedOther = contactedOther || sameInstance(f[3], otherUrl);
            }
            if (f[1] == QLatin1String("REDIRECTED")) {
                QVERIFY2(sameInstance(f[3], ownerUrl), qPrintable(line));
                redirectedToOwner = true;
            }
        }
        QVERIFY2(sameInstance(lastConnected, ownerUrl), qPrintable(diagnostics));
        if (contactedOther)
            QVERIFY2(redirectedToOwner, qPrintable(diagnostics));
        qInfo("samplehost's events and result:\n%s",
              qPrintable(lines.filter(QRegularExpression(QStringLiteral("^(event|mixed|error) "))).join(QLatin1Char('\n'))));
        qInfo("samplehost %s", redirectedToOwner ? "was bootstrapped to the non-owner and followed the redirect"
                                                 : "was bootstrapped to the owner (no redirect needed)");

        // The mix is mined, spends the host's coin and pays the host's postmix address.
        QVERIFY(m_node.waitForMempool(txid, 10000));
        QVERIFY(m_node.generateToAddress(1, w(0).miningAddress()));
        auto tx = m_node.rpc(QStringLiteral("getrawtransaction"), {txid, 1});
        QVERIFY2(tx, tx ? "" : qPrintable(tx.error().message));
        QVERIFY(tx->toObject().value(QStringLiteral("confirmations")).toInt() >= 1);
        const auto decoded = btc::Transaction::deserialize(*util::fromHex(tx->toObject().value(QStringLiteral("hex")).toString()));
        QVERIFY(decoded);
        QVERIFY(std::any_of(decoded->inputs.cbegin(), decoded->inputs.cend(),
                            [&](const btc::TxIn &in) { return in.prevout == premix[0].outpoint; }));
        QTRY_VERIFY_WITH_TIMEOUT(!w(5).coins(WalletAccount::Postmix).isEmpty(), 20000);
        QCOMPARE(w(5).coins(WalletAccount::Postmix).first().outpoint.txid.toHex(), txid);

        // No private key of the host ever reached the plugin (the program's own record).
        QFile log(boundaryLog);
        QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.errorString()));
        QList<QByteArray> sent;
        for (const QByteArray &line : log.readAll().split('\n'))
            if (!line.isEmpty())
                sent.append(QByteArray::fromHex(line));
        QVERIFY(sent.contains(premix[0].script.bytes())); // the log is real: the coin's script went through
        QVERIFY(sent.size() >= 5);
        const QList<QByteArray> secrets = hostSecrets();
        for (const QByteArray &item : std::as_const(sent))
            for (const QByteArray &secret : secrets)
                QVERIFY2(!item.contains(secret) && !item.toLower().contains(secret.toLower()),
                         "a private key of the host crossed the plugin boundary");
    }

    void cleanupTestCase()
    {
        for (const auto &i : m_instances)
            QVERIFY2(i->isRunning(), qPrintable(i->logText().right(3000)));
    }
};

QTEST_MAIN(TestPluginClusterMix)
#include "tst_pluginclustermix.moc"
