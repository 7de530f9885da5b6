// Issue #4, state shared across instances (DESIGN §2.3): two real
// whirlpool-coordinator processes, one pool, so one owns it. On the owner A a
// mix succeeds and a client that never signs gets its Tx0 banned. A is killed
// (SIGKILL) and B takes the pool over; then, on B: the banned Tx0's other
// output is refused with 612 on its first registration, an address used by A's
// mix is refused by /rest/checkOutput, and an output of A's mix is accepted as
// liquidity (remix provenance from mix_txid).
#include "clusterfixture.h"
#include "clusterwallets.h"

#include <bitcoin/address.h>
#include <crypto/signedmessage.h>

using namespace wp;
using client::Utxo;
using client::WalletAccount;

namespace {

const QString kMixPool = QStringLiteral("0.01btc");
const QString kA = QStringLiteral("alpha");
const QString kB = QStringLiteral("beta");

} // namespace

class TestClusterShared : public QObject {
    Q_OBJECT

    test::ClusterFixture m_cluster;
    std::vector<std::unique_ptr<test::TestWallet>> m_wallets; ///< 0 mines; 1..5 honest; 6 never signs
    QString m_mixTxidOnA;
    QString m_banned; ///< the Tx0 banned on A
    btc::OutPoint m_blamedCoin; ///< its output that was in the failed mix

    test::TestWallet &w(int i) { return *m_wallets[size_t(i)]; }
    int tip() { return m_cluster.node.rpc(QStringLiteral("getblockcount"))->toInt(); }
    void mine() { QVERIFY(m_cluster.node.generateToAddress(1, w(0).miningAddress())); }

    /// A confirmed coin of wallet @p i in @p account (the first one).
    QPair<test::TestWallet *, Utxo> coin(int i, WalletAccount account)
    {
        const QList<Utxo> coins = w(i).coins(account);
        if (coins.isEmpty())
            qFatal("wallet %d has no coin in that account", i);
        return {&w(i), coins.first()};
    }

    /// POST /rest/checkOutput on @p name for an address of wallet @p i: the server's
    /// error message, or empty if accepted.
    QString checkOutput(const QString &name, int i, const QString &address,
                        std::optional<client::KeyPath> path = std::nullopt)
    {
        const auto script = btc::Address::fromString(address, btc::networkParams(btc::Network::Regtest))->scriptPubKey();
        if (!path)
            path = w(i).book().find(script);
        if (!path)
            return QStringLiteral("not an address of wallet %1").arg(i);
        const QString signature = crypto::signMessage(*w(i).book().keys().privKey(*path), address.toUtf8());
        client::CoordinatorRestClient rest(QUrl(m_cluster.url(name)), {});
        std::optional<Result<void>> result;
        QObject ctx;
        rest.checkOutput({address, signature}, &ctx, [&](Result<void> r) { result.emplace(r); });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 15000))
            return QStringLiteral("no answer");
        return *result ? QString() : result->error().message;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto services = m_cluster.startServices();
        QVERIFY2(services, services ? "" : qPrintable(services.error().message));
        auto wallets = test::fundedWallets(m_cluster.node, 7);
        QVERIFY2(wallets, wallets ? "" : qPrintable(wallets.error().message));
        m_wallets = std::move(*wallets);
        // One pool; A starts first and owns it, B is idle.
        const QString ini = QStringLiteral("[General]\npools = 0.01btc\n[ban]\nblames = 1\n") + test::fastMixIni(3000);
        auto a = m_cluster.start(kA, ini);
        QVERIFY2(a, a ? "" : qPrintable(a.error().message));
        QTRY_COMPARE_WITH_TIMEOUT(m_cluster.owners().value(kMixPool), kA, 10000);
        auto b = m_cluster.start(kB, ini);
        QVERIFY2(b, b ? "" : qPrintable(b.error().message));
        for (int i = 1; i <= 6; ++i) {
            auto tx0 = w(i).tx0(m_cluster.url(kA), kMixPool, 2);
            QVERIFY2(tx0, tx0 ? "" : qPrintable(tx0.error().message));
        }
        mine();
        QCOMPARE(m_cluster.owners().value(kMixPool), kA);
    }

    void mixSucceedsOnA()
    {
        test::MixRun run({coin(1, WalletAccount::Premix), coin(2, WalletAccount::Premix), coin(3, WalletAccount::Premix)},
                         m_cluster.url(kA), tip());
        QVERIFY2(run.wait(30000), qPrintable(run.describe()));
        m_mixTxidOnA = run.commonTxid();
        QVERIFY2(!m_mixTxidOnA.isEmpty(), qPrintable(run.describe()));
        mine();
    }

    void clientThatNeverSignsIsBannedOnA()
    {
        w(6).mixWallet->neverSign = true;
        const QList<Utxo> premix6 = w(6).coins(WalletAccount::Premix);
        QCOMPARE(premix6.size(), 2);
        m_banned = premix6.first().outpoint.txid.toHex();
        m_blamedCoin = premix6.first().outpoint;
        test::MixRun run({{&w(6), premix6.first()}, coin(4, WalletAccount::Premix), coin(5, WalletAccount::Premix)},
                         m_cluster.url(kA), tip());
        QVERIFY2(run.wait(30000), qPrintable(run.describe()));
        for (const test::MixOutcome &o : run.outcomes().mid(1))
            QCOMPARE(o.reason, client::MixFailReason::MixFailed);
        w(6).mixWallet->neverSign = false;
        // The blame and the ban are written right after the clients were told the mix failed.
        const auto bans = [&] {
            auto ban = m_cluster.sql().queryOne("SELECT COUNT(*) FROM ban WHERE identifier = ?", {m_banned});
            return ban && ban->has_value() ? (*ban)->toInt64(0).value_or(-1) : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(bans(), qint64(1), 5000);
    }

    void killedOwnerIsReplacedByB()
    {
        QElapsedTimer clock;
        clock.start();
        QVERIFY(m_cluster.kill(kA));
        QTRY_COMPARE_WITH_TIMEOUT(m_cluster.owners().value(kMixPool), kB, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_cluster.poolsServedBy(kB).value_or(QStringList()), QStringList{kMixPool}, 5000);
        qInfo("kill -9 of A -> B owns and serves %s after %lld ms", qPrintable(kMixPool), qint64(clock.elapsed()));
    }

    void banFromAHoldsOnB()
    {
        // The banned Tx0's other output, on its first registration on B.
        const QList<Utxo> premix6 = w(6).coins(WalletAccount::Premix);
        const auto other = std::find_if(premix6.begin(), premix6.end(),
                                        [&](const Utxo &u) { return u.outpoint != m_blamedCoin; });
        QVERIFY(other != premix6.end());
        QCOMPARE(other->outpoint.txid.toHex(), m_banned);
        QElapsedTimer clock;
        clock.start();
        test::MixRun run({{&w(6), *other}}, m_cluster.url(kB), tip());
        QVERIFY2(run.wait(20000), qPrintable(run.describe()));
        const test::MixOutcome &o = run.outcomes().first();
        QCOMPARE(o.reason, client::MixFailReason::InputRejected);
        QCOMPARE(o.code, 612);
        QVERIFY2(o.message.startsWith(QStringLiteral("Banned from service")), qPrintable(o.message));
        qInfo("input of the Tx0 banned on A refused by B with 612 (\"%s\") %lld ms after connecting", qPrintable(o.message),
              qint64(clock.elapsed()));
    }

    void addressUsedOnAIsRefusedOnB()
    {
        for (int i = 1; i <= 3; ++i) {
            const QString used = w(i).mixWallet->addressesGiven.last();
            QCOMPARE(checkOutput(kB, i, used), QStringLiteral("Output already registered"));
        }
        // A fresh address of the same wallet is fine (the check is per address).
        const client::KeyPath path{WalletAccount::Postmix, btc::AddressChain::Receive, 150};
        const QString fresh = *w(1).book().keys().address(path);
        QCOMPARE(checkOutput(kB, 1, fresh, path), QString());
    }

    void outputOfAsMixRemixesOnB()
    {
        // Two Tx0 outputs and one output of A's mix, which joins as liquidity on B.
        const auto postmix = coin(1, WalletAccount::Postmix);
        QCOMPARE(postmix.second.outpoint.txid.toHex(), m_mixTxidOnA);
        test::MixRun run({coin(4, WalletAccount::Premix), coin(5, WalletAccount::Premix), postmix}, m_cluster.url(kB), tip());
        QVERIFY2(run.wait(30000), qPrintable(run.describe()));
        const QString txid = run.commonTxid();
        QVERIFY2(!txid.isEmpty(), qPrintable(run.describe()));
        // The row is written just after the clients hear of the success.
        const auto readRow = [&] {
            return m_cluster.sql().queryOne("SELECT m.instance_id, m.nb_liquidities, m.nb_must_mix FROM mix m"
                                            " JOIN mix_log l ON l.mix_id = m.id WHERE l.txid = ? AND m.mix_status = 'SUCCESS'",
                                            {txid});
        };
        QTRY_VERIFY_WITH_TIMEOUT([&] { auto r = readRow(); return r && r->has_value(); }(), 5000);
        auto row = readRow();
        QVERIFY(row && row->has_value());
        QCOMPARE((*row)->toString(0), m_cluster.instanceId(kB));
        QCOMPARE((*row)->toInt64(1), 1);
        QCOMPARE((*row)->toInt64(2), 2);
        auto mixA = m_cluster.sql().queryOne("SELECT m.instance_id FROM mix m JOIN mix_log l ON l.mix_id = m.id WHERE l.txid = ?",
                                             {m_mixTxidOnA});
        QVERIFY(mixA && mixA->has_value());
        QCOMPARE((*mixA)->toString(0), m_cluster.instanceId(kA));
    }

    void ownershipIntervalsNeverOverlap()
    {
        const qint64 now = m_cluster.dbNowUs().value_or(0);
        const test::OwnershipLog log = m_cluster.ownershipLog();
        const QStringList v = log.violations(now);
        QVERIFY2(v.isEmpty(), qPrintable(v.join(QLatin1Char('\n')) + QStringLiteral("\n") + log.dump(now)));
    }
};

QTEST_GUILESS_MAIN(TestClusterShared)
#include "tst_clustershared.moc"
