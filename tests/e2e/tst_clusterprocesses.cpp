// Real whirlpool-coordinator processes sharing one MariaDB: every pool has exactly
// one owner, pools spread over the instances, every instance serves the signed
// cluster manifest, and the pools of an instance killed with SIGKILL are owned
// again by the survivors (time printed).
#include "e2ehelpers.h"

#include <mixer/coordinatordirectory.h>
#include <mixer/coordinatorrestclient.h>

#include <bitcoin/address.h>
#include <bitcoin/wif.h>
#include <crypto/eckey.h>
#include <protocol/clustermanifest.h>

#include <db/dbconnection.h>

#include <QElapsedTimer>

#include <csignal>

using namespace wp;

class TestClusterProcesses : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    std::vector<std::unique_ptr<test::CoordinatorProcess>> m_instances;
    std::unique_ptr<server::db::DbConnection> m_conn;

    /// pool id -> owner instance name, for leases valid now (DB clock).
    QHash<QString, QString> owners()
    {
        QHash<QString, QString> out;
        auto rows = m_conn->query("SELECT l.pool_id, i.name FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id"
                                  " WHERE l.expires_at > UTC_TIMESTAMP(6)");
        if (rows)
            for (const auto &row : *rows)
                out.insert(row.toString(0).value_or(QString()), row.toString(1).value_or(QString()));
        return out;
    }

    bool ownedByOthers(const QStringList &pools, const QString &victim)
    {
        const QHash<QString, QString> now = owners();
        return std::all_of(pools.begin(), pools.end(),
                           [&](const QString &p) { return now.contains(p) && now.value(p) != victim; });
    }

    bool spreadOverThree()
    {
        const QHash<QString, QString> now = owners();
        const QList<QString> names = now.values();
        return now.size() == 4 && QSet<QString>(names.begin(), names.end()).size() == 3;
    }

    const crypto::PrivKey m_operatorKey = crypto::PrivKey::generate();
    /// The P2WPKH address of the operator key (the default cluster.operator-address-type).
    QString operatorAddress() const
    {
        const auto hash = btc::Hash160::fromBytes(crypto::hash160(m_operatorKey.pubKey().serialize(true)));
        return *btc::scriptToAddress(btc::Script::p2wpkh(*hash), btc::networkParams(btc::Network::Regtest));
    }

    QJsonObject m_lastRedirect;
    QJsonObject m_lastError;

    /// Subscribes to @p pool on instance @p index and returns the redirect's clearnet URL.
    QString redirectUrl(int index, const QString &pool)
    {
        test::ProbeClient probe(m_instances[size_t(index)]->url());
        if (!probe.waitConnected())
            return {};
        probe.subscribe(pool);
        m_lastRedirect = probe.next(QStringLiteral("RedirectResponse")).value_or(QJsonObject());
        m_lastError = probe.next(QStringLiteral("ErrorResponse")).value_or(QJsonObject());
        return m_lastRedirect.value(QStringLiteral("urlClear")).toString();
    }

    /// pool id -> owner URL as `GET /rest/pools` of instance @p index lists them.
    QHash<QString, QString> listedOwners(int index)
    {
        client::CoordinatorRestClient rest(QUrl(m_instances[size_t(index)]->url()), {});
        std::optional<Result<proto::PoolsResponse>> pools;
        QObject ctx;
        rest.fetchPools(&ctx, [&](Result<proto::PoolsResponse> r) { pools.emplace(std::move(r)); });
        QHash<QString, QString> out;
        if (QTest::qWaitFor([&] { return pools.has_value(); }, 10000) && *pools)
            for (const proto::PoolInfo &p : (*pools)->pools)
                out.insert(p.poolId, p.ownerUrlClear);
        return out;
    }

    Result<void> startInstance(const QString &name)
    {
        test::CoordinatorProcess::Config config = test::coordinatorConfig(name, m_db, m_node);
        config.extraIni = QStringLiteral("[cluster]\nrenew-ms = 500\nlease-ttl-ms = 3000\nfence-ms = 2000\n"
                                         "name = test-cluster\noperator-key = %1\n")
                              .arg(btc::encodeWif(m_operatorKey, true, btc::networkParams(btc::Network::Regtest)));
        m_instances.push_back(std::make_unique<test::CoordinatorProcess>());
        return m_instances.back()->start(config);
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        for (const char *name : {"alpha", "beta", "gamma"}) {
            auto started = startInstance(QString::fromLatin1(name));
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
        m_conn = std::make_unique<server::db::DbConnection>(test::dbConfigForCoordinator(m_db.address()));
        QVERIFY(m_conn->connect());
    }

    void everyPoolHasExactlyOneOwnerAndPoolsSpread()
    {
        // Four pools (the defaults), three instances: 2 + 1 + 1.
        QTRY_VERIFY_WITH_TIMEOUT(spreadOverThree(), 20000);
        auto perPool = m_conn->query("SELECT pool_id, COUNT(DISTINCT instance_id) FROM pool_lease GROUP BY pool_id");
        QVERIFY(perPool);
        QCOMPARE(perPool->size(), 4);
        for (const auto &row : *perPool)
            QCOMPARE(row.toInt64(1), 1);
    }

    void nonOwnerRedirectsAndListsEveryPool()
    {
        const QHash<QString, QString> now = owners();
        const QStringList names{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};
        // A pool and an instance that does not own it. Instances learn other owners at their
        // next lease cycle (every 500 ms here), hence the retries.
        const QString pool = now.keys().first();
        const int ownerIndex = int(names.indexOf(now.value(pool)));
        const int other = (ownerIndex + 1) % 3;
        const QString ownerUrl = m_instances[size_t(ownerIndex)]->url();
        QTRY_COMPARE_WITH_TIMEOUT(redirectUrl(other, pool), ownerUrl, 10000);
        QCOMPARE(m_lastRedirect.value(QStringLiteral("poolId")).toString(), pool);
        QVERIFY(m_lastRedirect.value(QStringLiteral("epoch")).toInteger() >= 1);
        QCOMPARE(m_lastError.value(QStringLiteral("errorCode")).toInt(), proto::error::kPoolRedirect);
        QVERIFY(m_lastError.value(QStringLiteral("message")).toString().contains(ownerUrl)); // for classic clients

        // GET /rest/pools on any instance lists every pool with its owner's URL.
        QHash<QString, QString> expected;
        for (auto it = now.cbegin(); it != now.cend(); ++it)
            expected.insert(it.key(), m_instances[size_t(names.indexOf(it.value()))]->url());
        QTRY_COMPARE_WITH_TIMEOUT(listedOwners(other), expected, 10000);
    }

    void everyInstanceServesTheSignedManifest()
    {
        QSet<QString> expected;
        for (const auto &instance : m_instances)
            expected.insert(instance->url());
        for (const auto &instance : m_instances) {
            client::CoordinatorRestClient rest(QUrl(instance->url()), {});
            std::optional<Result<QByteArray>> body;
            QObject ctx;
            rest.fetchCluster(&ctx, [&](Result<QByteArray> r) { body.emplace(std::move(r)); });
            QTRY_VERIFY_WITH_TIMEOUT(body.has_value(), 10000);
            QVERIFY2(*body, *body ? "" : qPrintable(body->error().message));
            auto manifest = proto::verifySignedManifest(**body, operatorAddress(), btc::networkParams(btc::Network::Regtest),
                                                        QDateTime::currentMSecsSinceEpoch());
            QVERIFY2(manifest, manifest ? "" : qPrintable(manifest.error().message));
            QCOMPARE(manifest->cluster, QStringLiteral("test-cluster"));
            QSet<QString> listed;
            for (const proto::ClusterInstance &i : manifest->instances)
                listed.insert(i.urlClear);
            QCOMPARE(listed, expected);
        }

        // A client that knows one instance and the operator address learns them all.
        client::DirectoryConfig config;
        config.network = btc::Network::Regtest;
        config.operatorAddress = operatorAddress();
        config.bootstrap.append({QStringLiteral("alpha"), QStringLiteral("alpha"), m_instances.front()->url(), {}});
        client::CoordinatorDirectory directory(config);
        QSignalSpy finished(&directory, &client::CoordinatorDirectory::manifestRefreshFinished);
        QVERIFY(directory.refreshManifest());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(directory.knownInstances().size(), 3);
    }

    void killedOwnersPoolsAreTakenOver()
    {
        QHash<QString, QString> before = owners();
        const QString victim = QStringLiteral("alpha");
        QStringList victimPools;
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            if (it.value() == victim)
                victimPools.append(it.key());
        QVERIFY(!victimPools.isEmpty());
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_instances.front()->signal(SIGKILL));
        QTRY_VERIFY_WITH_TIMEOUT(ownedByOthers(victimPools, victim), 15000);
        qInfo("kill -9 of the owner -> its %lld pool(s) owned again after %lld ms (lease TTL 3000 ms)",
              qint64(victimPools.size()), qint64(clock.elapsed()));
        QVERIFY(clock.elapsed() < 6000);
        QCOMPARE(owners().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestClusterProcesses)
#include "tst_clusterprocesses.moc"
