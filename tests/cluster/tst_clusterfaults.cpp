// ClusterMembers while the database misbehaves, against a real MariaDB: frozen
// (SIGSTOP) longer than the TTL, frozen briefly, stalled by a table lock, killed
// and restarted, restarted cleanly, and a chaos run that kills, starts, stops
// members and freezes the DB at random. After every fault: members self-fence
// before anyone else could claim, ownership recovers, and the ownership logs
// show no two intervals of one pool overlapping, with increasing epochs.
// Timings: TTL 3 s, renew 0.5 s, fence after 2 s.
#include "clusterharness.h"

#include <db/dbconnection.h>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <csignal>

using namespace wp;
using namespace wp::test;

namespace {

QStringList poolNames(const QString &prefix, int n)
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out.append(QStringLiteral("%1-%2").arg(prefix).arg(i));
    return out;
}

/// Lets the event loop run for @p ms (the length of a fault, not a wait for a result).
void runFor(int ms)
{
    QElapsedTimer t;
    t.start();
    static_cast<void>(QTest::qWaitFor([&t, ms] { return t.elapsed() >= ms; }, ms + 1000));
}

} // namespace

class TestClusterFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_server.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        QVERIFY(connectTestSession());
    }

    void init()
    {
        QVERIFY(connectTestSession());
        auto prepared = prepareClusterTables(*m_conn);
        QVERIFY2(prepared, prepared ? "" : qPrintable(prepared.error().message));
    }

    void freezeLongerThanTtlFencesEveryoneFirst()
    {
        const ClusterConfig config = ClusterConfig::fastForTests(poolNames("freeze", 4));
        ClusterHarness cluster(dbConfigFor(m_server.address()), config);
        for (const char *name : {"a", "b", "c"})
            cluster.spawn(QString::fromLatin1(name));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        const int acquisitionsBefore = int(cluster.acquisitions.size());
        QList<SteadyTime> fenceSignals;
        for (ClusterMember *m : cluster.members()) {
            connect(m, &ClusterMember::poolLost, m, [&fenceSignals](const QString &, LossReason reason) {
                if (reason == LossReason::Fenced)
                    fenceSignals.append(SteadyClock::now());
            });
        }

        QVERIFY(m_server.process().signalService(SIGSTOP));
        const SteadyTime frozenAt = SteadyClock::now();
        // Everyone stops serving within fenceAfter of its last renewal.
        QTRY_VERIFY_WITH_TIMEOUT(cluster.owners().isEmpty(), 3000);
        const double fencedAfterMs = msBetween(frozenAt, SteadyClock::now());
        runFor(int(config.leaseTtl.count()) + 1000 - int(fencedAfterMs)); // frozen for TTL + 1 s in all
        QCOMPARE(int(cluster.acquisitions.size()), acquisitionsBefore); // nobody claimed meanwhile
        // poolLost(Fenced) was emitted for every pool, well before any lease could expire.
        QCOMPARE(int(fenceSignals.size()), int(config.pools.size()));
        double lastSignalMs = 0;
        for (const SteadyTime &t : std::as_const(fenceSignals))
            lastSignalMs = std::max(lastSignalMs, msBetween(frozenAt, t));
        QVERIFY(lastSignalMs < double(config.fenceAfter.count()) + 200);
        QVERIFY(m_server.process().signalService(SIGCONT));
        const SteadyTime thawedAt = SteadyClock::now();
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 20000);
        const double recoveryMs = msBetween(thawedAt, SteadyClock::now());

        double lastFenceMs = 0;
        for (const OwnershipInterval &i : cluster.allIntervals()) {
            if (i.reason == LossReason::Fenced)
                lastFenceMs = std::max(lastFenceMs, msBetween(frozenAt, *i.lostAt));
        }
        qInfo("FREEZE %lld ms: every member fenced %.0f ms after SIGSTOP (fence deadline %lld ms after the last "
              "renewal sent; last poolLost signal at %.0f ms), all pools owned again %.0f ms after SIGCONT",
              qlonglong(config.leaseTtl.count() + 1000), lastFenceMs, qlonglong(config.fenceAfter.count()),
              lastSignalMs, recoveryMs);
        QVERIFY(lastFenceMs <= double(config.fenceAfter.count()));
        verifyLogs(cluster);
    }

    void freezeBetweenFenceAndTtl()
    {
        // Frozen longer than the fence but shorter than the TTL: the renewals queued in
        // the frozen server run on SIGCONT while the leases are still valid, so the DB
        // extends leases their holders have already stopped serving. Those answers come
        // too late to count, the holders release the stale leases and the pools are
        // claimed again under new epochs.
        const ClusterConfig config = ClusterConfig::fastForTests(poolNames("between", 4));
        ClusterHarness cluster(dbConfigFor(m_server.address()), config);
        for (const char *name : {"a", "b"})
            cluster.spawn(QString::fromLatin1(name));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        QHash<QString, qint64> epochsBefore;
        for (ClusterMember *m : cluster.members())
            epochsBefore.insert(m->ownedPools());
        QVERIFY(m_server.process().signalService(SIGSTOP));
        runFor(2500);
        QVERIFY(cluster.owners().isEmpty());
        QVERIFY(m_server.process().signalService(SIGCONT));
        const SteadyTime thawedAt = SteadyClock::now();
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 15000);
        quint64 late = 0;
        quint64 stale = 0;
        for (ClusterMember *m : cluster.members()) {
            late += m->counters().lateRenewals;
            stale += m->counters().staleReleases;
            const auto owned = m->ownedPools();
            for (auto it = owned.cbegin(); it != owned.cend(); ++it)
                QVERIFY(it.value() > epochsBefore.value(it.key())); // every pool under a new epoch
        }
        qInfo("FREEZE 2500 ms (fence 2000, TTL 3000): %llu late renewals, %llu stale leases released, balanced "
              "%.0f ms after SIGCONT",
              qulonglong(late), qulonglong(stale), msBetween(thawedAt, SteadyClock::now()));
        verifyLogs(cluster);
        verifyAgainstDb(cluster, config.pools);
    }

    void briefFreezeChangesNothing()
    {
        ClusterHarness cluster(dbConfigFor(m_server.address()), ClusterConfig::fastForTests(poolNames("brief", 4)));
        for (const char *name : {"a", "b"})
            cluster.spawn(QString::fromLatin1(name));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        runFor(600); // one quiet renewal
        const int intervals = int(cluster.allIntervals().size());
        QVERIFY(m_server.process().signalService(SIGSTOP));
        runFor(1000);
        QVERIFY(m_server.process().signalService(SIGCONT));
        runFor(1500);
        QVERIFY(cluster.balanced());
        QCOMPARE(int(cluster.allIntervals().size()), intervals); // no loss, no new owner
        for (ClusterMember *m : cluster.members())
            QCOMPARE(m->counters().fences, 0u);
        verifyLogs(cluster);
    }

    void tableLockStallLongerThanTtl()
    {
        // A second session holds both cluster tables for TTL + 1 s: the members'
        // statements queue on the server, their clients time out, they fence. When
        // the lock goes, the queued statements run late: leases renewed by them
        // are stale and get released, then claimed with new epochs.
        const ClusterConfig config = ClusterConfig::fastForTests(poolNames("stall", 4));
        ClusterHarness cluster(dbConfigFor(m_server.address()), config);
        for (const char *name : {"a", "b", "c"})
            cluster.spawn(QString::fromLatin1(name));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        auto locked = m_conn->exec("LOCK TABLES pool_lease WRITE, cluster_instance WRITE");
        QVERIFY2(locked, locked ? "" : qPrintable(locked.error().message));
        const SteadyTime lockedAt = SteadyClock::now();
        QTRY_VERIFY_WITH_TIMEOUT(cluster.owners().isEmpty(), 3000);
        const double fencedMs = msBetween(lockedAt, SteadyClock::now());
        runFor(int(config.leaseTtl.count()) + 1000 - int(fencedMs));
        auto unlocked = m_conn->exec("UNLOCK TABLES");
        QVERIFY2(unlocked, unlocked ? "" : qPrintable(unlocked.error().message));
        const SteadyTime unlockedAt = SteadyClock::now();
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 20000);
        qInfo("STALL table lock %lld ms: all fenced after %.0f ms, all pools owned again %.0f ms after unlock",
              qlonglong(config.leaseTtl.count() + 1000), fencedMs, msBetween(unlockedAt, SteadyClock::now()));
        verifyLogs(cluster);
        verifyAgainstDb(cluster, config.pools);
    }

    void crashAndRestartOfTheDatabase()
    {
        const ClusterConfig config = ClusterConfig::fastForTests(poolNames("crash", 4));
        ClusterHarness cluster(dbConfigFor(m_server.address()), config);
        for (const char *name : {"a", "b", "c"})
            cluster.spawn(QString::fromLatin1(name));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        m_conn.reset();
        QVERIFY(m_server.process().signalService(SIGKILL));
        const SteadyTime crashedAt = SteadyClock::now();
        QTRY_VERIFY_WITH_TIMEOUT(cluster.owners().isEmpty(), 3000);
        const double fencedMs = msBetween(crashedAt, SteadyClock::now());
        auto restarted = m_server.restart(); // blocks this thread while mariadbd starts
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error().message));
        const SteadyTime upAt = SteadyClock::now();
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 20000);
        qInfo("CRASH kill -9 of mariadbd: all fenced %.0f ms after; restart took %.0f ms; all pools owned %.0f ms after "
              "the DB was back",
              fencedMs, msBetween(crashedAt, upAt), msBetween(upAt, SteadyClock::now()));
        QVERIFY(connectTestSession());
        verifyLogs(cluster);
        verifyAgainstDb(cluster, config.pools);
    }

    void cleanRestartOfTheDatabase()
    {
        // MariaDbServer::restart() blocks this test's event loop while the server
        // stops and starts, so the members are frozen too: fence timers fire late,
        // but holds() is exact. Leases are durable: a restart shorter than the
        // fence changes nothing, a longer one fences and recovers.
        const ClusterConfig config = ClusterConfig::fastForTests(poolNames("restart", 4));
        ClusterHarness cluster(dbConfigFor(m_server.address()), config);
        for (const char *name : {"a", "b", "c"})
            cluster.spawn(QString::fromLatin1(name));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        const int intervals = int(cluster.allIntervals().size());
        m_conn.reset();
        const SteadyTime before = SteadyClock::now();
        auto restarted = m_server.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error().message));
        const SteadyTime upAt = SteadyClock::now();
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 20000);
        quint64 fences = 0;
        for (ClusterMember *m : cluster.members())
            fences += m->counters().fences;
        qInfo("RESTART took %.0f ms; fences %llu; owner changes %d; balanced %.0f ms after the DB was back",
              msBetween(before, upAt), qulonglong(fences), int(cluster.allIntervals().size()) - intervals,
              msBetween(upAt, SteadyClock::now()));
        QVERIFY(connectTestSession());
        verifyLogs(cluster);
        verifyAgainstDb(cluster, config.pools);
    }

    void chaos()
    {
        const quint32 seed = qEnvironmentVariableIsSet("WP_CHAOS_SEED")
                                 ? quint32(qEnvironmentVariableIntValue("WP_CHAOS_SEED"))
                                 : QRandomGenerator::global()->generate();
        QRandomGenerator rng(seed);
        const ClusterConfig config = ClusterConfig::fastForTests(poolNames("chaos", 5));
        ClusterHarness cluster(dbConfigFor(m_server.address()), config);
        int spawned = 0;
        for (; spawned < 3; ++spawned)
            cluster.spawn(QStringLiteral("n%1").arg(spawned));
        int kills = 0;
        int stops = 0;
        int freezes = 0;
        QList<double> killFailoverMs;
        QElapsedTimer total;
        total.start();
        const int steps = 40;
        int step = 0;
        for (; step < steps && total.elapsed() < 75000; ++step) {
            const int n = int(cluster.members().size());
            const int roll = int(rng.bounded(100));
            if (n < 2 || (roll < 30 && n < 5)) {
                cluster.spawn(QStringLiteral("n%1").arg(spawned++));
            } else if (roll < 55) {
                ClusterMember *victim = cluster.members().at(int(rng.bounded(n)));
                cluster.kill(victim);
                ++kills;
            } else if (roll < 67) {
                ClusterMember *leaving = cluster.members().at(int(rng.bounded(n)));
                QVERIFY(cluster.shutdown(leaving, std::chrono::seconds(1)));
                ++stops;
            } else if (roll < 85) {
                const int ms = 1500 + int(rng.bounded(2000)); // around the fence and the TTL
                QVERIFY(m_server.process().signalService(SIGSTOP));
                runFor(ms);
                QVERIFY(m_server.process().signalService(SIGCONT));
                ++freezes;
            }
            runFor(100 + int(rng.bounded(1100)));
            const QString violation = cluster.checkIntervals();
            QVERIFY2(violation.isEmpty(), qPrintable(QStringLiteral("seed %1 step %2: %3").arg(seed).arg(step).arg(violation)));
        }
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 25000);
        quint64 fences = 0;
        for (ClusterMember *m : cluster.members())
            fences += m->counters().fences;
        qInfo("CHAOS seed %u: %d steps in %.1f s, %d spawned, %d killed, %d shut down, %d DB freezes (1.5-3.5 s); "
              "%d ownership intervals, %d drains",
              seed, step, double(total.elapsed()) / 1000, spawned, kills, stops, freezes,
              int(cluster.allIntervals().size()), cluster.drainsRequested);
        verifyLogs(cluster);
        verifyAgainstDb(cluster, config.pools);
    }

    void cleanupTestCase()
    {
        m_conn.reset();
        m_server.stop();
    }

private:
    bool connectTestSession()
    {
        if (m_conn && m_conn->isConnected())
            return true;
        m_conn = std::make_unique<server::db::DbConnection>(dbConfigFor(m_server.address()));
        auto connected = m_conn->connect();
        if (!connected)
            qWarning("test session: %s", qPrintable(connected.error().message));
        return bool(connected);
    }

    void verifyLogs(const ClusterHarness &cluster)
    {
        double gap = 0;
        double dbGap = 0;
        int count = 0;
        const QString violation = cluster.checkIntervals(&gap, &count, &dbGap);
        QVERIFY2(violation.isEmpty(), qPrintable(violation));
        if (std::isfinite(gap))
            qInfo("ownership intervals: %d, none overlapping; smallest gap between two owners %.1f ms local, %.1f ms DB time",
                  count, gap, dbGap);
    }

    /// The DB agrees with the members: each pool's row names the member that holds
    /// it locally, with the same epoch, and no logged epoch is above the row's.
    void verifyAgainstDb(const ClusterHarness &cluster, const QStringList &pools)
    {
        QVERIFY(connectTestSession());
        QHash<QString, QPair<QString, qint64>> local;
        for (ClusterMember *m : cluster.members()) {
            const auto owned = m->ownedPools();
            for (auto it = owned.cbegin(); it != owned.cend(); ++it)
                local.insert(it.key(), {m->instanceId(), it.value()});
        }
        QHash<QString, qint64> maxLogged;
        for (const OwnershipInterval &i : cluster.allIntervals())
            maxLogged[i.poolId] = std::max(maxLogged.value(i.poolId), i.epoch);
        for (const QString &pool : pools) {
            auto row = m_conn->queryOne("SELECT instance_id, epoch FROM pool_lease WHERE pool_id = ?", {pool});
            QVERIFY2(row && row->has_value(), qPrintable(pool));
            const QString dbOwner = (*row)->toString(0).value_or(QString());
            const qint64 dbEpoch = (*row)->toInt64(1).value_or(-1);
            QVERIFY2(local.contains(pool), qPrintable(pool));
            QCOMPARE(local.value(pool).first, dbOwner);
            QCOMPARE(local.value(pool).second, dbEpoch);
            QCOMPARE(maxLogged.value(pool), dbEpoch);
        }
    }

    MariaDbServer m_server;
    std::unique_ptr<server::db::DbConnection> m_conn;
};

QTEST_GUILESS_MAIN(TestClusterFaults)
#include "tst_clusterfaults.moc"
