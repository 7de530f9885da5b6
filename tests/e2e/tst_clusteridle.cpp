// Issue #4, idle instances: real whirlpool-coordinator processes on one MariaDB.
// A lone instance owns every pool; with more instances than pools the extra ones
// own nothing and stay idle (no ownership change, same epochs); when an owner is
// killed with SIGKILL an idle instance takes its pool over (time printed). The
// ownership intervals logged by every instance never overlap.
#include "clusterfixture.h"

using namespace wp;

class TestClusterIdle : public QObject {
    Q_OBJECT

    test::ClusterFixture m_cluster;
    const QStringList m_many{QStringLiteral("i1"), QStringLiteral("i2"), QStringLiteral("i3"), QStringLiteral("i4")};
    /// Two pools for four instances.
    const QString m_twoPools = QStringLiteral("[General]\npools = 0.01btc,0.001btc\n");

    QString violations()
    {
        const qint64 now = m_cluster.dbNowUs().value_or(0);
        const test::OwnershipLog log = m_cluster.ownershipLog();
        const QStringList v = log.violations(now);
        return v.isEmpty() ? QString() : v.join(QLatin1Char('\n')) + QStringLiteral("\nintervals:\n") + log.dump(now);
    }

    /// True when two instances own one pool each.
    bool oneEach()
    {
        const QHash<QString, int> counts = m_cluster.poolCounts();
        return counts.size() == 2 && std::all_of(counts.begin(), counts.end(), [](int n) { return n == 1; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto services = m_cluster.startServices();
        QVERIFY2(services, services ? "" : qPrintable(services.error().message));
    }

    void loneInstanceOwnsEveryPool()
    {
        auto started = m_cluster.start(QStringLiteral("solo"));
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        // The four default pools, all owned by the only instance.
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster.owners().size() == 4, 10000);
        for (const QString &owner : m_cluster.owners())
            QCOMPARE(owner, QStringLiteral("solo"));
        QTRY_COMPARE_WITH_TIMEOUT(m_cluster.poolsServedBy(QStringLiteral("solo")).value_or(QStringList()),
                                  (QStringList{QStringLiteral("0.001btc"), QStringLiteral("0.01btc"),
                                               QStringLiteral("0.05btc"), QStringLiteral("0.5btc")}),
                                  5000);
        QVERIFY(m_cluster.terminate(QStringLiteral("solo")));
        const QString v = violations();
        QVERIFY2(v.isEmpty(), qPrintable(v));
    }

    void extraInstancesStayIdle()
    {
        for (const QString &name : m_many) {
            auto started = m_cluster.start(name, m_twoPools);
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
        // The lone instance's leases of these pools expire (if it did not release them),
        // then two of the four instances own one pool each.
        QTRY_VERIFY_WITH_TIMEOUT(oneEach(), 15000);

        // A few seconds (several renew cycles): nothing moves, epochs stay the same.
        const auto before = m_cluster.leases();
        QCOMPARE(before.size(), 2);
        QSet<QString> owners;
        for (const auto &lease : before)
            owners.insert(lease.first);
        QCOMPARE(owners.size(), 2);
        QElapsedTimer window;
        window.start();
        int samples = 0;
        while (window.elapsed() < 4000) {
            test::runFor(250);
            const auto now = m_cluster.leases();
            QVERIFY2(now == before, qPrintable(QStringLiteral("ownership changed after %1 ms").arg(window.elapsed())));
            ++samples;
        }
        qInfo("4 instances, 2 pools: owners %s, %d samples over %lld ms without any change",
              qPrintable(QStringList(owners.begin(), owners.end()).join(QLatin1Char(','))), samples,
              qint64(window.elapsed()));

        // The idle ones: alive (fresh heartbeat, active), healthy, serving nothing, never owned anything.
        for (const QString &name : m_many) {
            if (owners.contains(name))
                continue;
            auto row = m_cluster.sql().queryOne(
                "SELECT state, TIMESTAMPDIFF(MICROSECOND, heartbeat_at, UTC_TIMESTAMP(6)) FROM cluster_instance WHERE id = ?",
                {m_cluster.instanceId(name)});
            QVERIFY(row && row->has_value());
            QCOMPARE((*row)->toString(0), QStringLiteral("active"));
            QVERIFY2((*row)->toInt64(1).value_or(INT64_MAX) < test::kLeaseTtlMs * 1000,
                     qPrintable(QStringLiteral("%1: heartbeat %2 us old").arg(name).arg((*row)->toInt64(1).value_or(-1))));
            QCOMPARE(m_cluster.health(name), 200);
            QCOMPARE(m_cluster.poolsServedBy(name).value_or(QStringList{QStringLiteral("no answer")}), QStringList());
            QVERIFY2(!m_cluster.logText(name).contains(QStringLiteral(" owns ")),
                     qPrintable(QStringLiteral("%1 owned a pool at some point").arg(name)));
        }
        const QString v = violations();
        QVERIFY2(v.isEmpty(), qPrintable(v));
    }

    void idleInstanceTakesOverFromKilledOwner()
    {
        const auto before = m_cluster.leases();
        QCOMPARE(before.size(), 2);
        const QString pool = before.keys().first();
        const QString victim = before.value(pool).first;
        const QString survivor = before.value(before.keys().last()).first;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_cluster.kill(victim));
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster.owners().value(pool) != QString() && m_cluster.owners().value(pool) != victim,
                                 15000);
        const qint64 takeoverMs = clock.elapsed();
        const QString heir = m_cluster.owners().value(pool);
        qInfo("kill -9 of %s (owner of %s) -> owned by the idle %s after %lld ms (lease TTL %lld ms)", qPrintable(victim),
              qPrintable(pool), qPrintable(heir), takeoverMs, test::kLeaseTtlMs);
        QVERIFY2(heir != survivor, "the pool went to the other owner instead of an idle instance");
        QVERIFY(takeoverMs < 2 * test::kLeaseTtlMs);
        // The other pool did not move; the new owner serves the pool.
        QCOMPARE(m_cluster.leases().value(before.keys().last()), before.value(before.keys().last()));
        QTRY_COMPARE_WITH_TIMEOUT(m_cluster.poolsServedBy(heir).value_or(QStringList()), QStringList{pool}, 5000);
        QVERIFY(m_cluster.leases().value(pool).second > before.value(pool).second);
        const QString v = violations();
        QVERIFY2(v.isEmpty(), qPrintable(v));
        const test::OwnershipLog log = m_cluster.ownershipLog();
        qInfo("%lld ownership intervals checked, none overlap", qint64(log.size()));
    }
};

QTEST_GUILESS_MAIN(TestClusterIdle)
#include "tst_clusteridle.moc"
