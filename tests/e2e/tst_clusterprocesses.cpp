// Real whirlpool-coordinator processes sharing one MariaDB: every pool has exactly
// one owner, pools spread over the instances, and the pools of an instance killed
// with SIGKILL are owned again by the survivors (time printed).
#include "e2ehelpers.h"

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

    Result<void> startInstance(const QString &name)
    {
        test::CoordinatorProcess::Config config;
        config.name = name;
        config.db = m_db.address();
        config.nodeUrl = m_node.url();
        config.nodeApiKey = m_node.apiKey();
        config.feeWords = QString::fromLatin1(test::kFeeWords);
        config.feePassphrase = QString::fromLatin1(test::kFeePassphrase);
        config.feeXpub = test::feeXpub();
        config.extraIni = QStringLiteral("[cluster]\nrenew-ms = 500\nlease-ttl-ms = 3000\nfence-ms = 2000\n");
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
