// Issue #4 end to end, client side: three real whirlpool-coordinator processes on one
// MariaDB and one bcoin node, and clients of the real client library mixing through a
// CoordinatorDirectory of the three instances with one ResilientMixSession per coin.
// A client that starts on an instance that does not own the pool is redirected to the
// owner and mixes. kill -9 of the pool's owner while its clients wait in the pool: a
// survivor owns the pool again, every client fails over to a random instance and the
// next mix succeeds (times printed); then once more, from two instances to one.
#include "testwallet.h"

#include <mixer/coordinatordirectory.h>
#include <mixer/resilientmixsession.h>

#include <bitcoin/address.h>
#include <bitcoin/bip39.h>
#include <bitcoin/wif.h>
#include <crypto/random.h>
#include <db/dbconnection.h>

#include <QElapsedTimer>

#include <csignal>

using namespace wp;
using client::DirectoryEvent;
using client::MixStep;
using client::Utxo;
using client::WalletAccount;

namespace {

const QString kPool = QStringLiteral("0.01btc");

/// One coin mixed through the cluster, and everything it reported.
struct Coin {
    std::unique_ptr<client::ResilientMixSession> session;
    MixStep step = MixStep::Connecting;
    bool done = false;
    QString txid;      ///< on success
    QString failure;   ///< on failure
    qint64 endedAtMs = 0;
    QList<DirectoryEvent> events;

    int count(DirectoryEvent::Kind kind) const
    {
        return int(std::count_if(events.begin(), events.end(), [kind](const DirectoryEvent &e) { return e.kind == kind; }));
    }
    bool waiting() const
    {
        return step == MixStep::RegisteredInput || step == MixStep::ConfirmingInput || step == MixStep::ConfirmedInput;
    }
};

} // namespace

class TestClusterFailover : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    std::vector<std::unique_ptr<test::CoordinatorProcess>> m_instances; ///< alpha, beta, gamma
    QStringList m_names;
    std::vector<std::unique_ptr<test::TestWallet>> m_wallets; ///< 0 mines; 1..5 mix
    std::unique_ptr<server::db::DbConnection> m_conn;
    std::unique_ptr<client::CoordinatorDirectory> m_directory;
    std::unique_ptr<client::CoordinatorDirectory> m_fullDirectory; ///< kept while a test uses another one
    const crypto::PrivKey m_operatorKey = crypto::PrivKey::generate();
    /// The P2WPKH address of the operator key (the instances' default operator-address-type).
    QString operatorAddress() const
    {
        const auto hash = btc::Hash160::fromBytes(crypto::hash160(m_operatorKey.pubKey().serialize(true)));
        return *btc::scriptToAddress(btc::Script::p2wpkh(*hash), btc::networkParams(btc::Network::Regtest));
    }
    std::vector<std::unique_ptr<Coin>> m_coins;
    QElapsedTimer m_clock; ///< since the test started, for Coin::endedAtMs
    QSet<int> m_killed;    ///< indexes of killed instances
    QSet<QString> m_used;  ///< outpoints given to a session
    int m_tip = 0;         ///< chain tip the sessions send (read at each input registration)

    test::TestWallet &w(int i) { return *m_wallets[size_t(i)]; }
    int tip() { return m_node.rpc(QStringLiteral("getblockcount"))->toInt(); }
    void mine(int n = 1) { QVERIFY(m_node.generateToAddress(n, w(0).miningAddress())); }

    /// Owner name of the pool per valid lease (DB clock), empty when none.
    QString owner()
    {
        auto row = m_conn->queryOne("SELECT i.name FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id"
                                    " WHERE l.pool_id = ? AND l.expires_at > UTC_TIMESTAMP(6)",
                                    {kPool});
        return row && row->has_value() ? (*row)->toString(0).value_or(QString()) : QString();
    }

    /// The pool's owner URL as GET /rest/pools of instance @p index lists it.
    QString listedOwner(int index)
    {
        client::CoordinatorRestClient rest(QUrl(m_instances[size_t(index)]->url()), {});
        std::optional<Result<proto::PoolsResponse>> pools;
        QObject ctx;
        rest.fetchPools(&ctx, [&](Result<proto::PoolsResponse> r) { pools.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return pools.has_value(); }, 10000) || !*pools)
            return {};
        for (const proto::PoolInfo &p : (*pools)->pools)
            if (p.poolId == kPool)
                return p.ownerUrlClear;
        return {};
    }

    /// Waits until the pool has an owner that every live instance lists; returns its index.
    int settledOwner()
    {
        int index = -1;
        (void)QTest::qWaitFor([&] {
            index = int(m_names.indexOf(owner()));
            if (index < 0)
                return false;
            for (int i = 0; i < 3; ++i)
                if (!m_killed.contains(i) && listedOwner(i) != m_instances[size_t(index)]->url())
                    return false;
            return true;
        }, 20000);
        return index;
    }

    /// An unspent premix coin of wallet @p i not used by an earlier round: one coin of each
    /// wallet's Tx0 per mix (a mix takes at most one input per transaction).
    Utxo premix(int i)
    {
        for (const Utxo &u : w(i).coins(WalletAccount::Premix)) {
            if (!m_used.contains(u.outpoint.toString())) {
                m_used.insert(u.outpoint.toString());
                return u;
            }
        }
        qFatal("wallet %d has no premix coin left", i);
    }

    /// Starts a ResilientMixSession for @p utxo of wallet @p i through the directory.
    Coin &startCoin(int i, const Utxo &utxo)
    {
        client::MixConfig config;
        config.poolId = kPool;
        config.denomination = 1'000'000;
        config.network = btc::Network::Regtest;
        config.blockHeight = [this] { return m_tip; }; // the tip when each registration is sent
        config.registerOutputRetryMs = 200;
        client::ResilienceConfig resilience;
        resilience.mixRetryPauseMs = 500;
        m_coins.push_back(std::make_unique<Coin>());
        Coin *coin = m_coins.back().get();
        coin->session = std::make_unique<client::ResilientMixSession>(
            config, client::MixUtxo{utxo.outpoint, utxo.value, utxo.script}, w(i).mixWallet, m_directory.get(), resilience);
        client::ResilientMixSession *s = coin->session.get();
        connect(s, &client::ResilientMixSession::stepChanged, this, [coin](MixStep step) { coin->step = step; });
        connect(s, &client::ResilientMixSession::event, this, [coin](const DirectoryEvent &e) { coin->events.append(e); });
        connect(s, &client::ResilientMixSession::succeeded, this, [this, coin](const QString &txid) {
            coin->done = true;
            coin->txid = txid;
            coin->endedAtMs = m_clock.elapsed();
        });
        connect(s, &client::ResilientMixSession::failed, this, [this, coin](client::MixFailReason r, const QString &m) {
            coin->done = true;
            coin->failure = client::mixFailReasonName(r) + QLatin1Char(' ') + m;
            coin->endedAtMs = m_clock.elapsed();
        });
        s->start();
        return *coin;
    }

    /// Waits until every coin of @p coins ended; all succeeded in one mix. Returns its txid.
    QString waitMixed(const QList<Coin *> &coins, int timeoutMs = 60000)
    {
        const bool ended = QTest::qWaitFor([&] { return std::all_of(coins.begin(), coins.end(), [](Coin *c) { return c->done; }); },
                                           timeoutMs);
        if (!ended) {
            for (size_t i = 0; i < m_instances.size(); ++i)
                if (!m_killed.contains(int(i)))
                    qWarning("%s log:\n%s", qPrintable(m_names[qsizetype(i)]), qPrintable(m_instances[i]->logText().right(2500)));
            return {};
        }
        const QString txid = coins.first()->txid;
        for (Coin *c : coins)
            if (!c->failure.isEmpty() || c->txid != txid) {
                qWarning("a coin did not mix: %s", qPrintable(c->failure));
                return {};
            }
        return txid;
    }

    /// Status and instance name of the mix row of @p txid.
    QPair<QString, QString> mixRow(const QString &txid)
    {
        auto row = m_conn->queryOne("SELECT m.mix_status, i.name FROM mix m JOIN mix_log l ON l.mix_id = m.id"
                                    " JOIN cluster_instance i ON i.id = m.instance_id WHERE l.txid = ?",
                                    {txid});
        if (!row || !row->has_value())
            return {};
        return {(*row)->toString(0).value_or(QString()), (*row)->toString(1).value_or(QString())};
    }

    Result<void> startInstance(const QString &name)
    {
        test::CoordinatorProcess::Config config = test::coordinatorConfig(name, m_db, m_node);
        config.extraIni = test::mixingClusterIni(5, 3000, m_operatorKey);
        m_instances.push_back(std::make_unique<test::CoordinatorProcess>());
        m_names.append(name);
        return m_instances.back()->start(config);
    }

    /// kill -9 of the pool's owner while four clients wait in the pool; a fifth joins after
    /// the kill. Checks the takeover, the failovers and the next mix; prints the times.
    void killOwnerWhileClientsWait()
    {
        const int victim = settledOwner();
        QVERIFY2(victim >= 0, "the pool has no settled owner");
        // Coins first: scanning runs the event loop, starting sessions must not.
        QList<Utxo> utxos;
        for (int i = 1; i <= 5; ++i)
            utxos.append(premix(i));
        m_tip = tip();
        QList<Coin *> coins;
        for (int i = 1; i <= 4; ++i)
            coins.append(&startCoin(i, utxos[i - 1]));
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(coins.begin(), coins.end(), [](Coin *c) { return c->waiting(); }), 30000);
        for (Coin *c : coins)
            QCOMPARE(c->session->coordinator()->name, m_names[victim]);

        const qint64 killedAt = m_clock.elapsed();
        QVERIFY(m_instances[size_t(victim)]->signal(SIGKILL));
        m_killed.insert(victim);
        coins.append(&startCoin(5, utxos[4]));

        QTRY_VERIFY_WITH_TIMEOUT(!owner().isEmpty() && owner() != m_names[victim], 15000);
        const qint64 ownedAfterMs = m_clock.elapsed() - killedAt;
        const QString newOwner = owner();

        const QString txid = waitMixed(coins);
        QVERIFY2(!txid.isEmpty(), "the clients did not mix after the owner was killed");
        qint64 firstSuccessMs = std::numeric_limits<qint64>::max();
        for (Coin *c : coins)
            firstSuccessMs = qMin(firstSuccessMs, c->endedAtMs);
        qInfo("kill -9 of the owner %s (%d -> %d instances): pool owned by %s after %lld ms, next mix %s succeeded "
              "after %lld ms (lease TTL 3000 ms, back-off 500-3000 ms)",
              qPrintable(m_names[victim]), 3 - int(m_killed.size()) + 1, 3 - int(m_killed.size()), qPrintable(newOwner),
              ownedAfterMs, qPrintable(txid.left(16)), firstSuccessMs - killedAt);
        QVERIFY(ownedAfterMs < 8000);

        // Every client that waited on the victim lost it and failed over to another instance.
        for (qsizetype i = 0; i < 4; ++i) {
            QVERIFY2(coins[i]->count(DirectoryEvent::Kind::ConnectionFailed) >= 1, qPrintable(QString::number(i)));
            QVERIFY2(coins[i]->count(DirectoryEvent::Kind::Failover) >= 1, qPrintable(QString::number(i)));
            QCOMPARE(coins[i]->session->coordinator()->name, newOwner);
        }
        // The row is written right after the clients hear of the success.
        QTRY_COMPARE_WITH_TIMEOUT(mixRow(txid), qMakePair(QStringLiteral("SUCCESS"), newOwner), 5000);
        QVERIFY(m_node.waitForMempool(txid, 10000));
        mine();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_clock.start();
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        for (int i = 0; i <= 5; ++i)
            m_wallets.push_back(std::make_unique<test::TestWallet>(*btc::entropyToMnemonic(crypto::randomBytes(16)), m_node));
        QVERIFY(m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, w(0).miningAddress()));
        for (int i = 1; i <= 5; ++i)
            QVERIFY(m_node.generateToAddress(1, w(i).miningAddress()));
        mine(100); // coinbase maturity

        for (const char *name : {"alpha", "beta", "gamma"}) {
            auto started = startInstance(QString::fromLatin1(name));
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
        m_conn = std::make_unique<server::db::DbConnection>(test::dbConfigForCoordinator(m_db.address()));
        QVERIFY(m_conn->connect());

        // The client's view of the cluster: the three instances, no operator address (bootstrap only).
        client::DirectoryConfig config;
        config.network = btc::Network::Regtest;
        for (qsizetype i = 0; i < m_names.size(); ++i)
            config.bootstrap.append(proto::ClusterInstance{{}, m_names[i], m_instances[size_t(i)]->url(), {}});
        QVERIFY(client::CoordinatorDirectory::validateBootstrap(config));
        m_directory = std::make_unique<client::CoordinatorDirectory>(config);
        QCOMPARE(m_directory->knownInstances().size(), 3);

        // Tx0s through any instance: three premix coins per wallet, one per round.
        for (int i = 1; i <= 5; ++i) {
            auto tx0 = w(i).tx0(m_instances[size_t(i % 3)]->url(), kPool, 3);
            QVERIFY2(tx0, tx0 ? "" : qPrintable(tx0.error().message));
        }
        mine();
        qInfo("set-up (MariaDB, bcoin, 3 instances, 5 Tx0s) took %lld ms", qint64(m_clock.elapsed()));
    }

    void cleanup()
    {
        // A crash of a live instance is the first thing to know about.
        for (size_t i = 0; i < m_instances.size(); ++i)
            if (!m_killed.contains(int(i)))
                QVERIFY2(m_instances[i]->isRunning(), qPrintable(m_instances[i]->logText().right(3000)));
    }

    void clientOnNonOwnerIsRedirectedAndMixes()
    {
        const int ownerIndex = settledOwner();
        QVERIFY2(ownerIndex >= 0, "the pool has no settled owner");
        // A client whose bootstrap list holds only the two other instances: the owner is
        // followed because the operator's signed manifest (GET /rest/cluster) lists it.
        const QUrl ownerUrl = m_directory->knownInstances()[ownerIndex].url;
        client::DirectoryConfig config;
        config.network = btc::Network::Regtest;
        config.operatorAddress = operatorAddress();
        for (qsizetype i = 0; i < m_names.size(); ++i)
            if (i != ownerIndex)
                config.bootstrap.append(proto::ClusterInstance{{}, m_names[i], m_instances[size_t(i)]->url(), {}});
        m_fullDirectory = std::move(m_directory);
        m_directory = std::make_unique<client::CoordinatorDirectory>(config);
        auto restore = qScopeGuard([this] {
            // The sessions of this test are over; the later ones use the whole bootstrap list.
            std::swap(m_directory, m_fullDirectory);
        });
        QCOMPARE(m_directory->knownInstances().size(), 2);

        // Coins first: scanning runs the event loop, and the first session to reach the
        // owner clears its failure mark; the five sessions pick their instance at once.
        QList<Utxo> utxos;
        for (int i = 1; i <= 5; ++i)
            utxos.append(premix(i));
        m_tip = tip();
        QList<Coin *> coins;
        for (int i = 1; i <= 5; ++i)
            coins.append(&startCoin(i, utxos[i - 1]));
        const QString txid = waitMixed(coins);
        QVERIFY2(!txid.isEmpty(), "the redirected clients did not mix");
        for (Coin *c : coins) {
            // Connected to a non-owner first, redirected to the owner, mixed there.
            QVERIFY(c->count(DirectoryEvent::Kind::Redirected) >= 1);
            const auto first = std::find_if(c->events.begin(), c->events.end(),
                                            [](const DirectoryEvent &e) { return e.kind == DirectoryEvent::Kind::Connected; });
            QVERIFY(first != c->events.end());
            QVERIFY(first->url != ownerUrl);
            const auto redirect = std::find_if(c->events.begin(), c->events.end(),
                                               [](const DirectoryEvent &e) { return e.kind == DirectoryEvent::Kind::Redirected; });
            QCOMPARE(redirect->url, ownerUrl);
            QCOMPARE(c->session->coordinator()->name, m_names[ownerIndex]);
            QCOMPARE(c->count(DirectoryEvent::Kind::Failover), 0);
        }
        // The row is written right after the clients hear of the success.
        QTRY_COMPARE_WITH_TIMEOUT(mixRow(txid), qMakePair(QStringLiteral("SUCCESS"), m_names[ownerIndex]), 5000);
        QVERIFY(m_node.waitForMempool(txid, 10000));
        mine();
        auto tx = m_node.rpc(QStringLiteral("getrawtransaction"), {txid, 1});
        QVERIFY(tx && tx->toObject().value(QStringLiteral("confirmations")).toInt() >= 1);
    }

    void killedOwnerIsReplacedAndClientsMixAgain() { killOwnerWhileClientsWait(); }

    void secondKillLeavesOneInstanceThatMixes() { killOwnerWhileClientsWait(); }
};

QTEST_GUILESS_MAIN(TestClusterFailover)
#include "tst_clusterfailover.moc"
