// The plugin end to end: the REAL libwhirlpoolplugin.so, driven by the sample
// host's in-memory wallet (keys on the host side), mixes a real Tx0 coin with
// four wallets of the client library on a real two-instance coordinator
// cluster (two whirlpool-coordinator processes sharing one real MariaDB, one
// owns the pool; the plugin is bootstrapped with both and follows the
// redirect when it lands on the other) and a real bcoin regtest node. The mix transaction is
// broadcast and mined, the host hears of it, and no private key ever crossed
// the plugin boundary.
#include "../e2e/testwallet.h"

#include <memorywallet.h>
#include <whirlpool/whirlpool.h>

#include <bitcoin/bip39.h>
#include <bitcoin/wif.h>
#include <crypto/random.h>

#include <QPluginLoader>

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
        test::CoordinatorProcess::Config config;
        config.name = name;
        config.db = m_db.address();
        config.nodeUrl = m_node.url();
        config.nodeApiKey = m_node.apiKey();
        config.feeWords = QString::fromLatin1(test::kFeeWords);
        config.feePassphrase = QString::fromLatin1(test::kFeePassphrase);
        config.feeXpub = test::feeXpub();
        config.extraIni = QStringLiteral("[General]\npools = 0.01btc\n"
                                         "[node]\ntip-refresh-ms = 500\n"
                                         "[timings]\nconfirm-tick-ms = 500\nregister-output-ms = 10000\n"
                                         "reveal-output-ms = 2000\nsigning-ms = 5000\n"
                                         "[cluster]\nrenew-ms = 500\nlease-ttl-ms = 3000\nfence-ms = 2000\n"
                                         "operator-key = %1\n"
                                         "[pool.0.01btc]\nanonymity-set = 5\nmin-must-mix = 2\nmin-liquidity = 0\n")
                              .arg(btc::encodeWif(m_operatorKey, true, btc::networkParams(btc::Network::Regtest)));
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

    void hostMixesThroughThePlugin()
    {
        // The host: keys in memory, its premix coin found on the chain.
        samplehost::MemoryWallet host(m_hostMnemonic, btc::Network::Regtest);
        const QList<Utxo> premix = w(5).coins(WalletAccount::Premix);
        QCOMPARE(premix.size(), 1);
        whirlpool::Coin coin;
        coin.txid = premix[0].outpoint.txid.toHex();
        coin.index = premix[0].outpoint.index;
        coin.value = premix[0].value;
        coin.scriptPubKey = premix[0].script.bytes();
        coin.account = whirlpool::Account::Premix;
        coin.confirmations = premix[0].confirmations;
        host.addCoin(coin);

        QPluginLoader loader(QStringLiteral(WP_PLUGIN_PATH));
        auto *plugin = qobject_cast<whirlpool::PluginInterface *>(loader.instance());
        QVERIFY2(plugin, qPrintable(loader.errorString()));
        QString error;
        QVERIFY2(plugin->initialize(&error), qPrintable(error));
        whirlpool::MixerConfig config;
        config.network = QStringLiteral("regtest");
        config.bootstrapUrls = {m_instances[0]->url(), m_instances[1]->url()};
        config.pools = {{QStringLiteral("0.01btc"), 1'000'000}};
        config.maxConcurrent = 1;
        config.bridgeTimeoutMs = 20000;
        std::unique_ptr<whirlpool::Mixer> mixer(plugin->createMixer(&host, config, &error));
        QVERIFY2(mixer, qPrintable(error));
        mixer->setBlockHeight(tip());
        mixer->refreshCoins();
        QTRY_COMPARE(mixer->coins().size(), 1);

        // Four other wallets join the same pool with the client library, directly on its owner.
        QString ownerUrl;
        QVERIFY(QTest::qWaitFor([&] {
            ownerUrl = listedOwner(0);
            return !ownerUrl.isEmpty() && listedOwner(1) == ownerUrl;
        }, 20000));
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

        const QString outpoint = coin.outpoint();
        const bool mixed = QTest::qWaitFor(
            [&] { return mixer->coins().value(0).state == whirlpool::CoinState::Mixed && txids.size() == 4; }, 90000);
        QVERIFY2(mixed, qPrintable(mixer->coins().value(0).stateName + QLatin1Char(' ') + mixer->coins().value(0).lastError +
                                   QStringLiteral("\ncoordinator logs:\n") + logs()));
        const whirlpool::CoinStatus status = mixer->coins().value(0);
        QCOMPARE(status.outpoint, outpoint);
        for (const QString &t : std::as_const(txids))
            QCOMPARE(t, status.lastTxid);
        QCOMPARE(host.broadcasts(), QStringList{outpoint + QStringLiteral(" -> ") + status.lastTxid});
        QVERIFY(host.signInputCalls() >= 1);
        QStringList kinds;
        for (const whirlpool::CoordinatorEvent &e : mixer->recentEvents())
            kinds.append(e.kind + QLatin1Char(' ') + e.message);
        qInfo("plugin's coordinator events: %s", qPrintable(kinds.join(QStringLiteral(" | "))));
        QVERIFY(!kinds.isEmpty());

        // The mix is mined and pays the host's postmix address.
        QVERIFY(m_node.generateToAddress(1, w(0).miningAddress()));
        QTRY_VERIFY_WITH_TIMEOUT(!w(5).coins(WalletAccount::Postmix).isEmpty(), 20000);
        QCOMPARE(w(5).coins(WalletAccount::Postmix).first().outpoint.txid.toHex(), status.lastTxid);

        // No private key of the host ever reached the plugin.
        const auto keyPath = host.book().find(premix[0].script);
        QVERIFY(keyPath.has_value());
        const auto key = host.book().keys().privKey(*keyPath);
        const QByteArray secret(reinterpret_cast<const char *>(key->bytes().data()), qsizetype(key->bytes().size()));
        QVERIFY(!host.sentToPlugin().isEmpty());
        for (const QByteArray &sent : host.sentToPlugin()) {
            QVERIFY(!sent.contains(secret));
            QVERIFY(!sent.toLower().contains(secret.toHex()));
        }
        mixer.reset();
        plugin->shutdown();
    }

    void cleanupTestCase()
    {
        for (const auto &i : m_instances)
            QVERIFY2(i->isRunning(), qPrintable(i->logText().right(3000)));
    }
};

QTEST_MAIN(TestPluginClusterMix)
#include "tst_pluginclustermix.moc"
