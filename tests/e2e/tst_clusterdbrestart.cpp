// Issue #4, database restart: three real whirlpool-coordinator processes on one
// MariaDB that is stopped and started again (same datadir and port) for longer
// than fence-ms. Every instance self-fences and stops mixing while the database
// is away; once it is back every pool is owned again by exactly one instance and
// the ownership intervals logged by the instances never overlap. Two restarts
// (the instances reconnect about 1 s after the DB is back: their leases have
// expired by then) and one freeze (SIGSTOP of mariadbd) just past the fence
// deadline: the statements in flight then finish late and renew leases that
// the instances already gave up, which must be released, not served.
#include "clusterfixture.h"

using namespace wp;

namespace {

const QStringList kPools{QStringLiteral("0.001btc"), QStringLiteral("0.01btc"), QStringLiteral("0.05btc"),
                         QStringLiteral("0.5btc")};

/// What was seen of one instance while the database was away.
struct OutageView {
    int health = -1;
    std::optional<QStringList> served;
};

} // namespace

class TestClusterDbRestart : public QObject {
    Q_OBJECT

    test::ClusterFixture m_cluster;
    const QStringList m_names{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};
    QList<QHash<QString, OutageView>> m_outages; ///< per outage: instance -> what it answered

    QString violations()
    {
        const qint64 now = m_cluster.dbNowUs().value_or(0);
        const test::OwnershipLog log = m_cluster.ownershipLog();
        const QStringList v = log.violations(now);
        return v.isEmpty() ? QString() : v.join(QLatin1Char('\n')) + QStringLiteral("\nintervals:\n") + log.dump(now);
    }

    /// 4 pools over 3 instances: 2 + 1 + 1.
    bool spread()
    {
        const QHash<QString, int> counts = m_cluster.poolCounts();
        QList<int> n = counts.values();
        std::sort(n.begin(), n.end());
        return counts.size() == 3 && n == QList<int>{1, 1, 2};
    }

    /// Every pool served by exactly one instance, as the instances themselves say.
    QString servedOnce()
    {
        QHash<QString, QStringList> servers;
        for (const QString &name : m_names) {
            const auto served = m_cluster.poolsServedBy(name);
            if (!served)
                return QStringLiteral("%1 does not answer /rest/pools").arg(name);
            for (const QString &pool : *served)
                servers[pool].append(name);
        }
        for (const QString &pool : kPools) {
            if (servers.value(pool).size() != 1)
                return QStringLiteral("%1 served by [%2]").arg(pool, servers.value(pool).join(QLatin1Char(',')));
        }
        return {};
    }

    int fenceLines(const QString &name) const { return int(m_cluster.logText(name).count(QStringLiteral("self-fences"))); }

    /// Stops MariaDB (or freezes it: @p freeze), waits until every instance
    /// self-fenced and for at least @p downtimeMs in all, looks at the instances
    /// meanwhile, starts (resumes) MariaDB again and waits until every pool is
    /// owned and served again.
    void outage(int downtimeMs, bool freeze = false)
    {
        QTRY_VERIFY_WITH_TIMEOUT(spread(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(servedOnce(), QString(), 5000);
        const auto leasesBefore = m_cluster.leases();
        QHash<QString, int> fencesBefore;
        for (const QString &name : m_names)
            fencesBefore.insert(name, fenceLines(name));

        QElapsedTimer down;
        down.start();
        if (freeze)
            QVERIFY(m_cluster.db.process().signalService(SIGSTOP));
        else
            m_cluster.db.process().stop(); // clean shutdown, by PID
        const qint64 stoppedAfterMs = down.elapsed();
        m_cluster.resetSql();
        for (const QString &name : m_names)
            QTRY_VERIFY2_WITH_TIMEOUT(fenceLines(name) > fencesBefore.value(name),
                                      qPrintable(QStringLiteral("%1 did not self-fence").arg(name)), 10000);
        const qint64 fencedAfterMs = down.elapsed();

        // Meanwhile: nobody serves a pool, and the health check says so (recorded here,
        // asserted by healthIsNotOkWithoutDatabase()).
        QHash<QString, OutageView> seen;
        for (const QString &name : m_names) {
            OutageView view;
            view.served = m_cluster.poolsServedBy(name);
            view.health = m_cluster.health(name);
            seen.insert(name, view);
            QVERIFY2(view.served, qPrintable(QStringLiteral("%1 does not answer without its database").arg(name)));
            QVERIFY2(view.served->isEmpty(), qPrintable(QStringLiteral("%1 still serves %2 without its database")
                                                            .arg(name, view.served->join(QLatin1Char(',')))));
        }
        if (!freeze)
            m_outages.append(seen);
        if (down.elapsed() < downtimeMs)
            test::runFor(int(downtimeMs - down.elapsed()));

        if (freeze) {
            QVERIFY(m_cluster.db.process().signalService(SIGCONT));
        } else {
            auto restarted = m_cluster.db.restart();
            QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error().message));
        }
        const qint64 downMs = down.elapsed();
        QElapsedTimer back;
        back.start();
        // Owned again under new epochs: an instance that fenced never resumes its old lease.
        const auto newEpochs = [&] {
            const auto now = m_cluster.leases();
            return now.size() == 4 && std::all_of(kPools.begin(), kPools.end(), [&](const QString &p) {
                       return now.value(p).second > leasesBefore.value(p).second;
                   });
        };
        QTRY_VERIFY_WITH_TIMEOUT(newEpochs(), 20000);
        const qint64 ownedAfterMs = back.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(spread(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(servedOnce(), QString(), 10000);
        qInfo("DB %s %lld ms (stopping took %lld ms): every instance self-fenced %lld ms after it began;"
              " every pool owned again (new epoch) %lld ms and served %lld ms after the DB was back",
              freeze ? "frozen" : "restarted, down", downMs, stoppedAfterMs, fencedAfterMs, ownedAfterMs,
              qint64(back.elapsed()));
        for (const QString &name : m_names)
            QTRY_COMPARE_WITH_TIMEOUT(m_cluster.health(name), 200, 10000);
        const QString v = violations();
        QVERIFY2(v.isEmpty(), qPrintable(v));
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto services = m_cluster.startServices();
        QVERIFY2(services, services ? "" : qPrintable(services.error().message));
        for (const QString &name : m_names) {
            auto started = m_cluster.start(name);
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
    }

    void cleanup()
    {
        for (const QString &name : m_names)
            QVERIFY2(m_cluster.isRunning(name), qPrintable(name + QStringLiteral(" died:\n") + m_cluster.logText(name).right(3000)));
    }

    void restartJustPastTheFenceDeadline() { outage(int(test::kFenceMs) + 500); }

    void restartLongerThanTheLeaseTtl() { outage(int(test::kLeaseTtlMs) * 2); }

    void freezeJustPastTheFenceDeadline()
    {
        // The renewals sent during the freeze run when it ends, under 3 s after the last
        // good one: they extend leases the instances already gave up (fenced). Those must
        // be released and claimed again under a new epoch, never served under the old one.
        QString before;
        for (const QString &name : m_names)
            before += m_cluster.logText(name);
        outage(int(test::kFenceMs) + 400, true);
        QString after;
        for (const QString &name : m_names)
            after += m_cluster.logText(name);
        qInfo("stale leases released after the freeze: %lld",
              qint64(after.count(QStringLiteral("released stale lease")) - before.count(QStringLiteral("released stale lease"))));
    }

    void everyIntervalOpenAtAnOutageWasFenced()
    {
        const qint64 now = m_cluster.dbNowUs().value_or(0);
        const test::OwnershipLog log = m_cluster.ownershipLog();
        int fenced = 0;
        for (const test::LoggedInterval &i : log.intervals(now)) {
            if (i.reason == QLatin1String("fenced"))
                ++fenced;
        }
        qInfo("%lld intervals, %d ended by self-fencing", qint64(log.size()), fenced);
        QVERIFY(fenced >= 12); // all 4 pools, three times
    }

    void healthIsNotOkWithoutDatabase()
    {
        // An instance that cannot reach the database serves nothing (no pool, no ban or
        // reuse check, a stale view of the owners): its health check must not say OK,
        // so that load balancers and clients' health probes leave it alone.
        QCOMPARE(m_outages.size(), 2);
        QStringList ok;
        for (const auto &outage : std::as_const(m_outages))
            for (auto it = outage.cbegin(); it != outage.cend(); ++it)
                if (it->health == 200)
                    ok.append(it.key());
        QVERIFY2(ok.isEmpty(), qPrintable(QStringLiteral("GET /rest/system/health answered 200 without a database: %1")
                                              .arg(ok.join(QLatin1Char(',')))));
    }
};

QTEST_GUILESS_MAIN(TestClusterDbRestart)
#include "tst_clusterdbrestart.moc"
