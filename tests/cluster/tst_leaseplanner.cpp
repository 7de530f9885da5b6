// LeasePlanner without I/O: targets, claims, drains and tie-breaking for 1..N
// instances, idle extras, joins and deaths, and a simulation that checks every
// start converges to an even spread and then stays still.
#include <cluster/leaseplanner.h>

#include <QTest>

using namespace wp::server::cluster;

namespace {

QStringList names(const char *prefix, int n)
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out.append(QStringLiteral("%1%2").arg(QLatin1String(prefix)).arg(i));
    return out;
}

PlannerInput input(const QStringList &pools, const QString &self, const QStringList &live,
                   const QHash<QString, QString> &holders)
{
    PlannerInput in;
    in.pools = pools;
    in.self = self;
    in.liveInstances = live;
    in.holders = holders;
    return in;
}

QHash<QString, int> countsOf(const QHash<QString, QString> &holders, const QStringList &live)
{
    QHash<QString, int> counts;
    for (const QString &id : live)
        counts.insert(id, 0);
    for (const QString &holder : holders)
        ++counts[holder];
    return counts;
}

/// A cluster of planners acting in rounds (each instance in turn plans on the
/// current state, claims by compare-and-set, releases a drained pool at once).
struct Simulation {
    QStringList pools;
    QStringList live;
    QHash<QString, QString> holders;
    int drains = 0;
    int claims = 0;

    /// One round; returns true if anything moved.
    bool round()
    {
        bool moved = false;
        for (const QString &self : live) {
            const LeasePlan plan = LeasePlanner::plan(input(pools, self, live, holders));
            int won = 0;
            for (const QString &pool : plan.claimCandidates) {
                if (won >= plan.claimQuota)
                    break;
                if (holders.contains(pool))
                    continue; // someone was faster
                holders.insert(pool, self);
                ++won;
                ++claims;
                moved = true;
            }
            if (plan.drain) {
                if (holders.value(*plan.drain) != self)
                    qFatal("drain of a pool not held");
                holders.remove(*plan.drain);
                ++drains;
                moved = true;
            }
        }
        return moved;
    }

    /// Rounds until nothing moves. Returns: the rounds that moved something.
    int settle(int maxRounds = 30)
    {
        int rounds = 0;
        while (round()) {
            if (++rounds > maxRounds)
                return rounds;
        }
        return rounds;
    }

    bool balanced() const
    {
        if (live.isEmpty())
            return holders.isEmpty();
        const int floor = int(pools.size() / live.size());
        const int ceil = int((pools.size() + live.size() - 1) / live.size());
        if (holders.size() != pools.size())
            return false;
        const auto counts = countsOf(holders, live);
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (!live.contains(it.key()) || it.value() < floor || it.value() > ceil)
                return false;
        }
        return true;
    }
};

} // namespace

class TestLeasePlanner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void loneInstanceClaimsEverything()
    {
        const QStringList pools = names("pool", 4);
        const LeasePlan plan = LeasePlanner::plan(input(pools, QStringLiteral("a"), {QStringLiteral("a")}, {}));
        QCOMPARE(plan.live, 1);
        QCOMPARE(plan.target, 4);
        QCOMPARE(plan.claimQuota, 4);
        QCOMPARE(plan.claimCandidates.size(), 4);
        QVERIFY(!plan.drain);
    }

    void targetIsCeilAndFloorSpreadsFirst()
    {
        // 3 instances, 4 pools, all orphaned: floor 1, target 2. While the others are
        // below floor, each claims only up to floor.
        const QStringList pools = names("pool", 4);
        const QStringList live{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        const LeasePlan plan = LeasePlanner::plan(input(pools, QStringLiteral("a"), live, {}));
        QCOMPARE(plan.floor, 1);
        QCOMPARE(plan.target, 2);
        QCOMPARE(plan.claimQuota, 1);
        // Nobody below floor: up to target.
        QHash<QString, QString> holders{{pools[0], QStringLiteral("a")},
                                        {pools[1], QStringLiteral("b")},
                                        {pools[2], QStringLiteral("c")}};
        const LeasePlan second = LeasePlanner::plan(input(pools, QStringLiteral("a"), live, holders));
        QCOMPARE(second.claimQuota, 1);
        QCOMPARE(second.claimCandidates, QStringList{pools[3]});
    }

    void moreInstancesThanPoolsLeavesIdleOnes()
    {
        Simulation sim;
        sim.pools = names("pool", 3);
        sim.live = names("inst", 5);
        sim.settle();
        QVERIFY(sim.balanced());
        const auto counts = countsOf(sim.holders, sim.live);
        int idle = 0;
        for (int c : counts)
            idle += c == 0 ? 1 : 0;
        QCOMPARE(idle, 2);
        QCOMPARE(sim.drains, 0);
        // An idle instance wants nothing more.
        for (const QString &id : sim.live) {
            const LeasePlan plan = LeasePlanner::plan(input(sim.pools, id, sim.live, sim.holders));
            QCOMPARE(plan.claimQuota, 0);
            QVERIFY(!plan.drain);
        }
    }

    void joinMovesPoolsByDrain()
    {
        Simulation sim;
        sim.pools = names("pool", 4);
        sim.live = {QStringLiteral("a")};
        sim.settle();
        QCOMPARE(sim.holders.size(), 4);
        sim.live.append(QStringLiteral("b"));
        const LeasePlan plan = LeasePlanner::plan(input(sim.pools, QStringLiteral("a"), sim.live, sim.holders));
        QVERIFY(plan.drain.has_value());
        const LeasePlan joiner = LeasePlanner::plan(input(sim.pools, QStringLiteral("b"), sim.live, sim.holders));
        QCOMPARE(joiner.claimQuota, 0); // nothing orphaned yet
        QVERIFY(!joiner.drain);
        sim.drains = 0;
        sim.settle();
        QVERIFY(sim.balanced());
        QCOMPARE(sim.drains, 2); // exactly the two pools that had to move
    }

    void noSecondDrainWhileOneIsInProgress()
    {
        const QStringList pools = names("pool", 4);
        QHash<QString, QString> holders;
        for (const QString &p : pools)
            holders.insert(p, QStringLiteral("a"));
        PlannerInput in = input(pools, QStringLiteral("a"), {QStringLiteral("a"), QStringLiteral("b")}, holders);
        in.drainInProgress = true;
        QVERIFY(!LeasePlanner::plan(in).drain);
    }

    void noDrainWhilePoolsAreOrphaned()
    {
        const QStringList pools = names("pool", 4);
        QHash<QString, QString> holders{{pools[0], QStringLiteral("a")},
                                        {pools[1], QStringLiteral("a")},
                                        {pools[2], QStringLiteral("a")}};
        const LeasePlan plan =
            LeasePlanner::plan(input(pools, QStringLiteral("a"), {QStringLiteral("a"), QStringLiteral("b")}, holders));
        QVERIFY(!plan.drain); // b takes the orphan first
        const LeasePlan b =
            LeasePlanner::plan(input(pools, QStringLiteral("b"), {QStringLiteral("a"), QStringLiteral("b")}, holders));
        QCOMPARE(b.claimQuota, 1);
    }

    void donorTieBrokenBySmallestId()
    {
        // 4 pools held 2,2,0 by a,b,c: floor 1 and c is below it; a and b both hold
        // 2 > floor; only the smaller id donates.
        const QStringList pools = names("pool", 4);
        const QStringList live{QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("c")};
        QHash<QString, QString> holders{{pools[0], QStringLiteral("a")},
                                        {pools[1], QStringLiteral("a")},
                                        {pools[2], QStringLiteral("b")},
                                        {pools[3], QStringLiteral("b")}};
        QVERIFY(LeasePlanner::plan(input(pools, QStringLiteral("a"), live, holders)).drain);
        QVERIFY(!LeasePlanner::plan(input(pools, QStringLiteral("b"), live, holders)).drain);
        QVERIFY(!LeasePlanner::plan(input(pools, QStringLiteral("c"), live, holders)).drain);
    }

    void drainPicksLowestWeightAndIsDeterministic()
    {
        const QStringList pools = names("pool", 6);
        QHash<QString, QString> holders;
        for (const QString &p : pools)
            holders.insert(p, QStringLiteral("a"));
        const QStringList live{QStringLiteral("a"), QStringLiteral("b")};
        const LeasePlan first = LeasePlanner::plan(input(pools, QStringLiteral("a"), live, holders));
        const LeasePlan again = LeasePlanner::plan(input(pools, QStringLiteral("a"), live, holders));
        QVERIFY(first.drain);
        QCOMPARE(*first.drain, *again.drain);
        for (const QString &p : pools)
            QVERIFY(LeasePlanner::weight(QStringLiteral("a"), *first.drain) <= LeasePlanner::weight(QStringLiteral("a"), p));
        // Claim candidates are in descending weight order.
        const LeasePlan orphanPlan = LeasePlanner::plan(input(pools, QStringLiteral("b"), live, {}));
        for (qsizetype i = 1; i < orphanPlan.claimCandidates.size(); ++i)
            QVERIFY(LeasePlanner::weight(QStringLiteral("b"), orphanPlan.claimCandidates[i - 1]) >=
                    LeasePlanner::weight(QStringLiteral("b"), orphanPlan.claimCandidates[i]));
        // Different instances prefer different pools (rendezvous hashing spreads claims).
        const LeasePlan other = LeasePlanner::plan(input(pools, QStringLiteral("a"), live, {}));
        QVERIFY(other.claimCandidates != orphanPlan.claimCandidates);
    }

    void drainingInstanceIsNotCountedAndClaimsNothing()
    {
        const QStringList pools = names("pool", 4);
        QHash<QString, QString> holders{{pools[0], QStringLiteral("d")}, {pools[1], QStringLiteral("d")}};
        // d is draining (not live): its pools stay held, the live ones share the target.
        const LeasePlan a = LeasePlanner::plan(input(pools, QStringLiteral("a"), {QStringLiteral("a")}, holders));
        QCOMPARE(a.live, 1);
        QCOMPARE(a.target, 4);
        QCOMPARE(a.claimQuota, 2);
        QCOMPARE(a.claimCandidates.size(), 2);
        PlannerInput d = input(pools, QStringLiteral("d"), {QStringLiteral("a")}, holders);
        d.selfActive = false;
        const LeasePlan dp = LeasePlanner::plan(d);
        QCOMPARE(dp.claimQuota, 0);
        QVERIFY(!dp.drain);
        QCOMPARE(dp.held, 2);
    }

    void deathIsRepairedInOneRound()
    {
        Simulation sim;
        sim.pools = names("pool", 4);
        sim.live = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        sim.settle();
        QVERIFY(sim.balanced());
        // Kill the instance holding the most: its leases expire (orphans).
        const auto counts = countsOf(sim.holders, sim.live);
        QString victim = sim.live.first();
        for (const QString &id : sim.live) {
            if (counts.value(id) > counts.value(victim))
                victim = id;
        }
        sim.live.removeAll(victim);
        for (auto it = sim.holders.begin(); it != sim.holders.end();)
            it = it.value() == victim ? sim.holders.erase(it) : std::next(it);
        sim.drains = 0;
        QVERIFY(sim.round());
        QVERIFY(sim.balanced()); // one round: every orphan claimed, no drain
        QCOMPARE(sim.drains, 0);
        QVERIFY(!sim.round());
    }

    void everySizeConvergesAndStaysStill_data()
    {
        QTest::addColumn<int>("instances");
        QTest::addColumn<int>("pools");
        for (int n = 1; n <= 6; ++n) {
            for (int p = 1; p <= 9; ++p)
                QTest::addRow("%d-instances-%d-pools", n, p) << n << p;
        }
    }

    void everySizeConvergesAndStaysStill()
    {
        QFETCH(int, instances);
        QFETCH(int, pools);
        Simulation sim;
        sim.pools = names("pool", pools);
        sim.live = names("inst", instances);
        const int rounds = sim.settle();
        QVERIFY2(sim.balanced(), "cold start");
        QVERIFY2(rounds <= 3, qPrintable(QString::number(rounds)));
        QCOMPARE(sim.drains, 0); // a cold start never needs a drain

        // A join: balanced again, with no more drains than pools had to move.
        sim.live.append(QStringLiteral("joiner"));
        sim.drains = 0;
        sim.settle();
        QVERIFY2(sim.balanced(), "after a join");
        const int joinerTarget = (pools + instances) / (instances + 1); // ceil(P / (n + 1))
        QVERIFY2(sim.drains <= joinerTarget, qPrintable(QString::number(sim.drains)));

        // A death of the first instance.
        const QString victim = sim.live.takeFirst();
        for (auto it = sim.holders.begin(); it != sim.holders.end();)
            it = it.value() == victim ? sim.holders.erase(it) : std::next(it);
        sim.settle();
        QVERIFY2(sim.balanced(), "after a death");
        QVERIFY(!sim.round()); // still
    }
};

QTEST_GUILESS_MAIN(TestLeasePlanner)
#include "tst_leaseplanner.moc"
