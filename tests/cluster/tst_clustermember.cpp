// ClusterMember against a real MariaDB, several members in one process, each with
// its own Database pool: a lone member owns everything, pools spread evenly,
// extra members stay idle, a killed member's pools are taken over (failover
// figures printed), a joining member gets pools by drain, a graceful shutdown
// hands everything over, the dashboard reads the whole cluster, and liveness
// costs one write per member per renew interval. Every test ends by checking the
// ownership logs: no two intervals of one pool overlap, epochs always increase.
// Timings: TTL 3 s, renew 0.5 s, fence after 2 s.
#include "clusterharness.h"

#include <db/dbconnection.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace wp;
using namespace wp::test;
using server::cluster::ClusterState;
using server::cluster::LossReason;

namespace {

QStringList poolNames(const QString &prefix, int n)
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out.append(QStringLiteral("%1-%2").arg(prefix).arg(i));
    return out;
}

Result<ClusterState> readState(ClusterMember *member)
{
    std::optional<Result<ClusterState>> out;
    QObject context;
    member->queryState(&context, [&out](Result<ClusterState> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10000))
        return fail(QStringLiteral("no answer"));
    return std::move(*out);
}

} // namespace

class TestClusterMember : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_server.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_conn = std::make_unique<server::db::DbConnection>(dbConfigFor(m_server.address()));
        auto connected = m_conn->connect();
        QVERIFY2(connected, connected ? "" : qPrintable(connected.error().message));
    }

    void init()
    {
        auto prepared = prepareClusterTables(*m_conn);
        QVERIFY2(prepared, prepared ? "" : qPrintable(prepared.error().message));
    }

    void loneMemberOwnsAllPools()
    {
        ClusterHarness cluster(dbConfigFor(m_server.address()), ClusterConfig::fastForTests(poolNames("lone", 4)));
        ClusterMember *a = cluster.spawn(QStringLiteral("a"));
        QCOMPARE(a->instanceId().size(), 32);
        QTRY_VERIFY_WITH_TIMEOUT(cluster.everyPoolOwnedOnce(), 5000);
        QCOMPARE(a->ownedPools().size(), 4);
        for (auto it = a->ownedPools().cbegin(); it != a->ownedPools().cend(); ++it) {
            QCOMPARE(it.value(), 1); // first owner of a fresh row: epoch 1
            QVERIFY(a->holds(it.key(), it.value()));
            QVERIFY(!a->holds(it.key(), it.value() + 1)); // another epoch is not ours
            const auto owner = a->owner(it.key());
            QVERIFY(owner && owner->instanceId == a->instanceId() && owner->epoch == it.value());
        }
        // Still the owner a few renewals later, no flapping.
        const int intervals = int(a->ownershipLog().size());
        QTest::qWait(1500);
        QCOMPARE(a->ownershipLog().size(), intervals);
        QCOMPARE(a->ownedPools().size(), 4);
        QCOMPARE(a->counters().fences, 0u);
        verifyLogs(cluster);
    }

    void threeMembersFourPoolsSpreadEvenly()
    {
        ClusterHarness cluster(dbConfigFor(m_server.address()), ClusterConfig::fastForTests(poolNames("spread", 4)));
        for (const char *name : {"a", "b", "c"})
            cluster.spawn(QString::fromLatin1(name));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        QList<int> counts;
        for (ClusterMember *m : cluster.members())
            counts.append(int(m->ownedPools().size()));
        std::sort(counts.begin(), counts.end());
        QCOMPARE(counts, (QList<int>{1, 1, 2}));
        // Stable: nothing moves any more.
        const int intervals = int(cluster.allIntervals().size());
        QTest::qWait(1500);
        QVERIFY(cluster.balanced());
        QCOMPARE(cluster.allIntervals().size(), intervals);
        // Every member agrees on who owns what (redirect data).
        for (ClusterMember *m : cluster.members()) {
            for (const QString &pool : m->config().pools) {
                const auto owner = m->owner(pool);
                QVERIFY(owner);
                QCOMPARE(cluster.owners().value(pool), QStringList{owner->instanceId});
                QVERIFY(owner->urlClear.startsWith(QLatin1String("http://")));
            }
            QCOMPARE(m->members().size(), 3);
        }
        verifyLogs(cluster);
    }

    void moreMembersThanPoolsLeavesIdleOnes()
    {
        ClusterHarness cluster(dbConfigFor(m_server.address()), ClusterConfig::fastForTests(poolNames("idle", 3)));
        for (int i = 0; i < 5; ++i)
            cluster.spawn(QStringLiteral("m%1").arg(i));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        int idle = 0;
        for (ClusterMember *m : cluster.members())
            idle += m->ownedPools().isEmpty() ? 1 : 0;
        QCOMPARE(idle, 2);
        // An idle member takes over when an owner dies.
        ClusterMember *owner = nullptr;
        for (ClusterMember *m : cluster.members()) {
            if (!m->ownedPools().isEmpty())
                owner = m;
        }
        cluster.kill(owner);
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 8000);
        idle = 0;
        for (ClusterMember *m : cluster.members())
            idle += m->ownedPools().isEmpty() ? 1 : 0;
        QCOMPARE(idle, 1);
        verifyLogs(cluster);
    }

    void killedMemberPoolsAreTakenOver()
    {
        const ClusterConfig config = ClusterConfig::fastForTests(poolNames("kill", 4));
        ClusterHarness cluster(dbConfigFor(m_server.address()), config);
        for (const char *name : {"a", "b", "c"})
            cluster.spawn(QString::fromLatin1(name));
        QList<double> failoverMs;
        for (int run = 0; run < 4; ++run) {
            QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 15000);
            // Kill the member holding the most pools.
            ClusterMember *victim = cluster.members().first();
            for (ClusterMember *m : cluster.members()) {
                if (m->ownedPools().size() > victim->ownedPools().size())
                    victim = m;
            }
            const QStringList pools = victim->ownedPools().keys();
            const QString victimId = victim->instanceId();
            const SteadyTime killedAt = SteadyClock::now();
            cluster.kill(victim);
            QTRY_VERIFY_WITH_TIMEOUT(cluster.everyPoolOwnedOnce(), 8000);
            for (const QString &pool : pools) {
                const auto at = cluster.acquiredAfter(pool, killedAt, victimId);
                QVERIFY(at);
                failoverMs.append(msBetween(killedAt, *at));
            }
            cluster.spawn(QStringLiteral("r%1").arg(run));
        }
        std::sort(failoverMs.begin(), failoverMs.end());
        qInfo("FAILOVER kill -> pool owned again (TTL %lld ms, renew %lld ms): median %.0f ms, min %.0f ms, max %.0f ms, n=%d",
              qlonglong(config.leaseTtl.count()), qlonglong(config.renewInterval.count()), median(failoverMs),
              failoverMs.first(), failoverMs.last(), int(failoverMs.size()));
        QVERIFY2(median(failoverMs) <= 3500, "median failover above TTL + 0.5 s");
        QVERIFY(failoverMs.last() <= 4000);
        verifyLogs(cluster);
    }

    void joiningMemberGetsPoolsByDrain()
    {
        ClusterHarness cluster(dbConfigFor(m_server.address()), ClusterConfig::fastForTests(poolNames("join", 4)));
        ClusterMember *a = cluster.spawn(QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(a->ownedPools().size(), 4, 5000);
        QSignalSpy drains(a, &ClusterMember::drainRequested);
        QSignalSpy losses(a, &ClusterMember::poolLost);
        const SteadyTime joinedAt = SteadyClock::now();
        ClusterMember *b = cluster.spawn(QStringLiteral("b"));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        const double rebalanceMs = msBetween(joinedAt, SteadyClock::now());
        QCOMPARE(a->ownedPools().size(), 2);
        QCOMPARE(b->ownedPools().size(), 2);
        QCOMPARE(drains.size(), 2);
        // Every loss of a was a release after its drain, never a fence or a lost lease.
        for (const QList<QVariant> &loss : std::as_const(losses))
            QCOMPARE(loss.at(1).value<LossReason>(), LossReason::Released);
        // Handover per pool: release by a -> claim by b.
        QList<double> handoverMs;
        for (const OwnershipInterval &i : a->ownershipLog()) {
            if (!i.lostAt)
                continue;
            const auto at = cluster.acquiredAfter(i.poolId, *i.lostAt, a->instanceId());
            QVERIFY(at);
            handoverMs.append(msBetween(*i.lostAt, *at));
        }
        qInfo("DRAIN join -> balanced %.0f ms; release -> new owner median %.0f ms, max %.0f ms (drain delay %lld ms)",
              rebalanceMs, median(handoverMs), *std::max_element(handoverMs.cbegin(), handoverMs.cend()),
              qlonglong(cluster.drainDelay.count()));
        QVERIFY(*std::max_element(handoverMs.cbegin(), handoverMs.cend()) <= 2000);
        verifyLogs(cluster);
    }

    void gracefulShutdownHandsEverythingOver()
    {
        ClusterHarness cluster(dbConfigFor(m_server.address()), ClusterConfig::fastForTests(poolNames("stop", 4)));
        ClusterMember *a = cluster.spawn(QStringLiteral("a"));
        ClusterMember *b = cluster.spawn(QStringLiteral("b"));
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        const QString aId = a->instanceId();
        const QStringList aPools = a->ownedPools().keys();
        QSignalSpy losses(a, &ClusterMember::poolLost);
        const SteadyTime stopAt = SteadyClock::now();
        QVERIFY(cluster.shutdown(a, std::chrono::seconds(5)));
        const double stopMs = msBetween(stopAt, SteadyClock::now());
        QTRY_COMPARE_WITH_TIMEOUT(b->ownedPools().size(), 4, 5000);
        double handoverMs = 0;
        for (const QString &pool : aPools)
            handoverMs = std::max(handoverMs, msBetween(stopAt, *cluster.acquiredAfter(pool, stopAt, aId)));
        qInfo("SHUTDOWN drain+release %.0f ms; all pools on the survivor after %.0f ms", stopMs, handoverMs);
        QVERIFY(handoverMs <= 2000);
        // The stopped instance is shown as such; its leases went to b.
        auto state = readState(b);
        QVERIFY2(state, state ? "" : qPrintable(state.error().message));
        bool seen = false;
        for (const auto &instance : state->instances) {
            if (instance.id == aId) {
                seen = true;
                QCOMPARE(instance.state, QStringLiteral("stopped"));
                QVERIFY(!instance.live);
            }
        }
        QVERIFY(seen);
        for (const auto &lease : state->leases) {
            if (lease.poolId.startsWith(QLatin1String("stop-")))
                QCOMPARE(lease.instanceId, b->instanceId());
        }
        verifyLogs(cluster);
    }

    void dashboardReadsTheWholeCluster()
    {
        ClusterHarness cluster(dbConfigFor(m_server.address()), ClusterConfig::fastForTests(poolNames("dash", 2)));
        ClusterMember *a = cluster.spawn(QStringLiteral("alpha"));
        ClusterMember *b = cluster.spawn(QStringLiteral("beta"));
        a->setStatsProvider([] { return QJsonObject{{QStringLiteral("clients"), 7}}; });
        QTRY_VERIFY_WITH_TIMEOUT(cluster.balanced(), 10000);
        // The next heartbeat publishes the stats.
        Result<ClusterState> state = fail(QStringLiteral("not read"));
        const auto published = [&] {
            state = readState(b);
            if (!state)
                return false;
            for (const auto &instance : state->instances) {
                if (instance.stats.contains(QStringLiteral("clients")) &&
                    instance.stats.value(QStringLiteral("leases")).toObject().size() == 1)
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(published(), 5000);
        QCOMPARE(state->instances.size(), 2);
        for (const auto &instance : state->instances) {
            QVERIFY(instance.live);
            QCOMPARE(instance.state, QStringLiteral("active"));
            QVERIFY(instance.heartbeatAgeMs >= 0 && instance.heartbeatAgeMs < 1500);
            QCOMPARE(instance.version, QStringLiteral("test"));
            QVERIFY(instance.startedAtUs > 0);
            QVERIFY(instance.stats.value(QStringLiteral("leases")).isObject());
            if (instance.id == a->instanceId()) {
                QCOMPARE(instance.name, QStringLiteral("alpha"));
                QCOMPARE(instance.urlClear, QStringLiteral("http://alpha.example:8080"));
                QCOMPARE(instance.stats.value(QStringLiteral("clients")).toInt(), 7);
                QCOMPARE(instance.stats.value(QStringLiteral("leases")).toObject().size(), 1);
            }
        }
        QCOMPARE(state->leases.size(), 2);
        for (const auto &lease : state->leases) {
            QVERIFY(lease.held);
            QVERIFY(lease.expiresInMs && *lease.expiresInMs > 2000 && *lease.expiresInMs <= 3000);
            QVERIFY(lease.instanceId == a->instanceId() || lease.instanceId == b->instanceId());
        }
        verifyLogs(cluster);
    }

    void livenessCostsOneWritePerInterval()
    {
        const ClusterConfig config = ClusterConfig::fastForTests(poolNames("writes", 4));
        ClusterHarness cluster(dbConfigFor(m_server.address()), config);
        ClusterMember *a = cluster.spawn(QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(a->ownedPools().size(), 4, 5000);
        QTest::qWait(600);
        const auto before = writeCounters();
        QVERIFY(before);
        const auto counters0 = a->counters();
        const SteadyTime t0 = SteadyClock::now();
        QTest::qWait(4000);
        const auto after = writeCounters();
        QVERIFY(after);
        const double seconds = msBetween(t0, SteadyClock::now()) / 1000;
        const auto counters1 = a->counters();
        const double intervals = seconds * 1000 / double(config.renewInterval.count());
        const quint64 cycles = counters1.cycles - counters0.cycles;
        const quint64 writes = counters1.writeStatements - counters0.writeStatements;
        const quint64 reads = counters1.readStatements - counters0.readStatements;
        const qint64 serverWrites = *after - *before;
        qInfo("LIVENESS 1 member, 4 pools held, %.1f s: %llu cycles (%.1f intervals), %llu write statements "
              "(%.2f per cycle), %llu reads (%.2f per cycle); server Com_insert+update+update_multi+delete delta %lld; "
              "heartbeat+renew round trip last %lld us, max %lld us",
              seconds, qulonglong(cycles), intervals, qulonglong(writes), double(writes) / double(cycles),
              qulonglong(reads), double(reads) / double(cycles), qlonglong(serverWrites), qlonglong(counters1.lastRenewUs),
              qlonglong(counters1.maxRenewUs));
        QCOMPARE(writes, cycles);        // exactly one write statement per cycle
        QVERIFY(reads <= cycles);        // and one read
        QVERIFY(qint64(cycles) <= qint64(intervals) + 1);
        QVERIFY(serverWrites <= qint64(cycles) + 1); // the server agrees
        verifyLogs(cluster);
    }

    void cleanupTestCase()
    {
        m_conn.reset();
        m_server.stop();
    }

private:
    /// Com_insert + Com_update + Com_update_multi + Com_delete of the whole server.
    std::optional<qint64> writeCounters()
    {
        auto rows = m_conn->query("SHOW GLOBAL STATUS WHERE Variable_name IN"
                                  " ('Com_insert', 'Com_update', 'Com_update_multi', 'Com_delete')");
        if (!rows)
            return std::nullopt;
        qint64 sum = 0;
        for (const auto &row : *rows)
            sum += row.toInt64(1).value_or(0);
        return sum;
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
        else
            qInfo("ownership intervals: %d, no pool changed owner", count);
    }

    MariaDbServer m_server;
    std::unique_ptr<server::db::DbConnection> m_conn;
};

QTEST_GUILESS_MAIN(TestClusterMember)
#include "tst_clustermember.moc"
