// PoolRouter (issue #11): where a pool is served, decided from the pool's
// PoolService and an ownership view given as a table (no database). The cases:
// served here only while running AND held under the service's epoch at the moment
// of the call; a pool found running after its fence deadline is stopped at once and
// never answered as Local; redirect only to a live owner, retry otherwise.
#include <cluster/poolrouter.h>
#include <db/database.h>
#include <mixstore.h>
#include <poolservice.h>

#include <net/noderpcclient.h>

#include <QTest>

using namespace wp;
using namespace wp::server;
using namespace wp::server::cluster;

namespace {

const QString kSelf = QStringLiteral("self0000000000000000000000000000");
const QString kOther = QStringLiteral("other000000000000000000000000000");
const QString kPool = QStringLiteral("0.01btc");
constexpr int kRenewMs = 500; // live: heartbeat younger than 1.5 s; retry after 1 s

/// The ownership view as a table, with the fence deadline as a switch.
class TableOwnership : public PoolOwnership {
public:
    QHash<QString, qint64> held; ///< pool -> epoch held by this instance (before the deadline)
    bool fenceDeadlinePassed = false;
    QHash<QString, PoolOwner> owners; ///< as seen in the last cycle
    QList<MemberInfo> liveMembers;

    const QString &instanceId() const override { return kSelf; }
    bool holds(const QString &poolId, qint64 epoch) const override
    {
        return !fenceDeadlinePassed && held.contains(poolId) && held.value(poolId) == epoch;
    }
    std::optional<PoolOwner> owner(const QString &poolId) const override
    {
        if (!owners.contains(poolId))
            return std::nullopt;
        return owners.value(poolId);
    }
    QList<MemberInfo> members() const override { return liveMembers; }
};

class NullMessenger : public mix::SessionMessenger {
public:
    void sendToSession(const QString &, const char *, const QJsonObject &) override {}
};

mix::PoolConfig poolConfig(const QString &id)
{
    mix::PoolConfig p;
    p.poolId = id;
    p.denomination = 1'000'000;
    p.feeValue = 50'000;
    p.minerFeeMin = 170;
    p.minerFeeCap = 9500;
    p.minerFeeMax = 10'000;
    return p;
}

MemberInfo member(const QString &id, qint64 heartbeatAgeUs)
{
    MemberInfo m;
    m.id = id;
    m.state = QStringLiteral("active");
    m.urlClear = QStringLiteral("http://%1.example").arg(id.left(5));
    m.heartbeatAgeUs = heartbeatAgeUs;
    return m;
}

enum class Kind { Local, Redirect, Retry, Unknown };

Kind kindOf(const PoolRoute &r)
{
    if (std::holds_alternative<route::Local>(r))
        return Kind::Local;
    if (std::holds_alternative<route::Redirect>(r))
        return Kind::Redirect;
    if (std::holds_alternative<route::Retry>(r))
        return Kind::Retry;
    return Kind::Unknown;
}

} // namespace

Q_DECLARE_METATYPE(Kind)

class TestPoolRouter : public QObject {
    Q_OBJECT

    NullMessenger m_messenger;
    std::unique_ptr<db::Database> m_db; ///< never connected: no case writes anything
    std::unique_ptr<MixStore> m_store;
    std::unique_ptr<wp::net::NodeRpcClient> m_node;

    std::unique_ptr<PoolService> newPool(const QString &id)
    {
        return std::make_unique<PoolService>(poolConfig(id), mix::MixTimings{},
                                             PoolService::Deps{m_messenger, *m_store, *m_node, btc::Network::Regtest,
                                                               kSelf, mix::BanPolicy{}, 0});
    }

private Q_SLOTS:
    void initTestCase()
    {
        db::DbConfig config;
        config.host = QStringLiteral("127.0.0.1");
        config.port = 1;
        config.poolSize = 1;
        m_db = std::make_unique<db::Database>(config);
        m_store = std::make_unique<MixStore>(*m_db);
        m_node = std::make_unique<wp::net::NodeRpcClient>(wp::net::NodeRpcConfig{QUrl(QStringLiteral("http://127.0.0.1:1/"))});
    }

    void route_data()
    {
        QTest::addColumn<bool>("running");        // the PoolService was started (under epoch 7)
        QTest::addColumn<qint64>("heldEpoch");    // epoch this instance holds the pool under; 0: not held
        QTest::addColumn<bool>("deadlinePassed"); // the fence deadline passed (timer not run yet)
        QTest::addColumn<QString>("owner");       // owner in the last cycle: "", "self", "other"
        QTest::addColumn<qint64>("ownerAgeUs");   // the other owner's heartbeat age
        QTest::addColumn<QString>("poolId");
        QTest::addColumn<Kind>("expected");
        QTest::addColumn<bool>("stopped");        // the router stopped the running pool

        const QString self = QStringLiteral("self"), other = QStringLiteral("other"), none;
        constexpr qint64 fresh = 100'000, stale = 2'000'000;
        // clang-format off
        QTest::newRow("running and held: local")                    << true  << 7LL << false << self  << fresh << kPool << Kind::Local    << false;
        QTest::newRow("running, fence deadline passed: never local") << true  << 7LL << true  << self  << fresh << kPool << Kind::Retry    << true;
        QTest::newRow("running, deadline passed, other owner live")  << true  << 7LL << true  << other << fresh << kPool << Kind::Redirect << true;
        QTest::newRow("running, deadline passed, other owner stale") << true  << 7LL << true  << other << stale << kPool << Kind::Retry    << true;
        QTest::newRow("running, lease lost, nobody owns it")         << true  << 0LL << false << none  << fresh << kPool << Kind::Retry    << true;
        QTest::newRow("running, held under another epoch")           << true  << 8LL << false << self  << fresh << kPool << Kind::Retry    << true;
        QTest::newRow("running, lease taken by a live owner")        << true  << 0LL << false << other << fresh << kPool << Kind::Redirect << true;
        QTest::newRow("not running, other owner live: redirect")     << false << 0LL << false << other << fresh << kPool << Kind::Redirect << false;
        QTest::newRow("not running, other owner stale: retry")       << false << 0LL << false << other << stale << kPool << Kind::Retry    << false;
        QTest::newRow("not running, nobody owns it: retry")          << false << 0LL << false << none  << fresh << kPool << Kind::Retry    << false;
        QTest::newRow("not running, held here (not started): retry") << false << 7LL << false << self  << fresh << kPool << Kind::Retry    << false;
        QTest::newRow("not a pool of the cluster: unknown")          << true  << 7LL << false << self  << fresh << QStringLiteral("0.5btc") << Kind::Unknown << false;
        // clang-format on
    }

    void route()
    {
        QFETCH(bool, running);
        QFETCH(qint64, heldEpoch);
        QFETCH(bool, deadlinePassed);
        QFETCH(QString, owner);
        QFETCH(qint64, ownerAgeUs);
        QFETCH(QString, poolId);
        QFETCH(Kind, expected);
        QFETCH(bool, stopped);

        auto pool = newPool(kPool);
        if (running)
            pool->start(7);
        TableOwnership ownership;
        if (heldEpoch)
            ownership.held.insert(kPool, heldEpoch);
        ownership.fenceDeadlinePassed = deadlinePassed;
        ownership.liveMembers = {member(kSelf, 0), member(kOther, ownerAgeUs)};
        if (owner == QLatin1String("self"))
            ownership.owners.insert(kPool, PoolOwner{kSelf, QStringLiteral("http://self.example"), {}, 7});
        else if (owner == QLatin1String("other"))
            ownership.owners.insert(kPool, PoolOwner{kOther, QStringLiteral("http://other.example"),
                                                     QStringLiteral("http://other.onion"), 8});

        PoolRouter router(ownership, {pool.get()}, PoolRouter::Config{kRenewMs, QStringLiteral("http://self.example"), {}});
        const PoolRoute r = router.route(poolId);
        QCOMPARE(kindOf(r), expected);
        QCOMPARE(pool->isRunning(), running && !stopped);
        if (const auto *local = std::get_if<route::Local>(&r)) {
            QCOMPARE(local->service, pool.get());
            QCOMPARE(router.localPool(poolId), pool.get());
        } else {
            QCOMPARE(router.localPool(poolId), nullptr);
        }
        if (const auto *redirect = std::get_if<route::Redirect>(&r)) {
            QCOMPARE(redirect->urlClear, QStringLiteral("http://other.example"));
            QCOMPARE(redirect->urlOnion, QStringLiteral("http://other.onion"));
            QCOMPARE(redirect->epoch, 8);
        }
        if (const auto *retry = std::get_if<route::Retry>(&r))
            QCOMPARE(retry->afterMs, 2 * kRenewMs);
        // Asked again: the same answer, never Local once stopped.
        QCOMPARE(kindOf(router.route(poolId)), expected);
    }

    void fenceDeadlinePassingBetweenTwoCalls()
    {
        // The same running pool, asked before and after its fence deadline (the fence
        // timer has not run in between): the second answer is not Local, and the pool stops.
        auto pool = newPool(kPool);
        pool->start(7);
        TableOwnership ownership;
        ownership.held.insert(kPool, 7);
        ownership.owners.insert(kPool, PoolOwner{kSelf, QStringLiteral("http://self.example"), {}, 7});
        PoolRouter router(ownership, {pool.get()}, PoolRouter::Config{kRenewMs, {}, {}});
        QCOMPARE(router.localPool(kPool), pool.get());
        QCOMPARE(router.localPools(), QList<PoolService *>{pool.get()});
        ownership.fenceDeadlinePassed = true;
        QCOMPARE(router.localPool(kPool), nullptr);
        QVERIFY(!pool->isRunning());
        QVERIFY(router.localPools().isEmpty());
        // Held again later (a new lease): not served until the pool is started under it.
        ownership.fenceDeadlinePassed = false;
        ownership.held.insert(kPool, 9);
        QCOMPARE(kindOf(router.route(kPool)), Kind::Retry);
        pool->start(9);
        QCOMPARE(router.localPool(kPool), pool.get());
    }

    void poolInfosListTheOwnerOfEachPool()
    {
        auto mine = newPool(QStringLiteral("0.01btc"));
        auto theirs = newPool(QStringLiteral("0.001btc"));
        auto orphan = newPool(QStringLiteral("0.05btc"));
        auto fenced = newPool(QStringLiteral("0.5btc"));
        mine->start(3);
        fenced->start(4);
        TableOwnership ownership;
        ownership.held.insert(QStringLiteral("0.01btc"), 3);
        ownership.liveMembers = {member(kOther, 100'000)};
        ownership.owners.insert(QStringLiteral("0.001btc"),
                                PoolOwner{kOther, QStringLiteral("http://other.example"), QStringLiteral("http://other.onion"), 2});
        // Running, but its lease is not held any more: listed without this instance's URL.
        ownership.owners.insert(QStringLiteral("0.5btc"), PoolOwner{kSelf, QStringLiteral("http://self.example"), {}, 4});
        PoolRouter router(ownership, {mine.get(), theirs.get(), orphan.get(), fenced.get()},
                          PoolRouter::Config{kRenewMs, QStringLiteral("http://self.example"), QStringLiteral("http://self.onion")});
        QHash<QString, QPair<QString, QString>> listed;
        for (const proto::PoolInfo &info : router.poolInfos())
            listed.insert(info.poolId, {info.ownerUrlClear, info.ownerUrlOnion});
        QCOMPARE(listed.size(), 4);
        QCOMPARE(listed.value(QStringLiteral("0.01btc")),
                 qMakePair(QStringLiteral("http://self.example"), QStringLiteral("http://self.onion")));
        QCOMPARE(listed.value(QStringLiteral("0.001btc")),
                 qMakePair(QStringLiteral("http://other.example"), QStringLiteral("http://other.onion")));
        QCOMPARE(listed.value(QStringLiteral("0.05btc")), qMakePair(QString(), QString()));
        QCOMPARE(listed.value(QStringLiteral("0.5btc")), qMakePair(QString(), QString()));
        QVERIFY(!fenced->isRunning());
        QCOMPARE(router.localPools(), QList<PoolService *>{mine.get()});
    }

    void stopLostStopsOnlyARunningPool()
    {
        auto pool = newPool(kPool);
        TableOwnership ownership;
        PoolRouter router(ownership, {pool.get()}, PoolRouter::Config{kRenewMs, {}, {}});
        router.stopLost(kPool); // not running: nothing happens
        QVERIFY(!pool->isRunning());
        pool->start(1);
        router.stopLost(QStringLiteral("0.5btc"));
        QVERIFY(pool->isRunning());
        router.stopLost(kPool);
        QVERIFY(!pool->isRunning());
        QCOMPARE(router.configuredPool(kPool), pool.get());
        QCOMPARE(router.configuredPool(QStringLiteral("0.5btc")), nullptr);
    }

    void liveMeansAFreshHeartbeat()
    {
        TableOwnership ownership;
        ownership.liveMembers = {member(kOther, 3LL * kRenewMs * 1000 - 1), member(kSelf, 3LL * kRenewMs * 1000)};
        PoolRouter router(ownership, {}, PoolRouter::Config{kRenewMs, {}, {}});
        QVERIFY(router.isLive(kOther));
        QVERIFY(!router.isLive(kSelf));
        QVERIFY(!router.isLive(QStringLiteral("gone")));
        QCOMPARE(router.retryAfterMs(), 1000);
        PoolRouter fast(ownership, {}, PoolRouter::Config{100, {}, {}});
        QCOMPARE(fast.retryAfterMs(), 500);
    }
};

QTEST_GUILESS_MAIN(TestPoolRouter)
#include "tst_poolrouter.moc"
