// Issue #11, a frozen owner answering from its socket backlog: two real
// whirlpool-coordinator processes on one MariaDB. STOMP clients connect to the
// owner of some pools; the owner is frozen (SIGSTOP); while it is frozen the
// clients SUBSCRIBE to its pools (the frames wait in its socket buffers). Once the
// pool_lease rows show the other instance holding every one of those pools, the
// owner resumes (SIGCONT). Its answers to the queued subscriptions must send the
// clients elsewhere (RedirectResponse with error 630, or retry with 631): a
// SubscribePoolResponse would mean it still served a pool another instance owns.
#include "clusterfixture.h"

using namespace wp;

namespace {

constexpr int kProbesPerPool = 3;

const QString kSubscribed = QStringLiteral("SubscribePoolResponse");
const QString kRedirect = QStringLiteral("RedirectResponse");
const QString kError = QStringLiteral("ErrorResponse");

} // namespace

class TestClusterFence : public QObject {
    Q_OBJECT

    test::ClusterFixture m_cluster;
    const QStringList m_names{QStringLiteral("alpha"), QStringLiteral("beta")};

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

    void queuedSubscribeAfterTheTakeoverIsNotServed()
    {
        // Both instances own pools.
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster.poolCounts().size() == 2, 15000);
        const auto leases = m_cluster.leases();
        const QString victim = leases.cbegin()->first;
        QHash<QString, qint64> victimPools; ///< pool -> epoch held when frozen
        for (auto it = leases.cbegin(); it != leases.cend(); ++it)
            if (it->first == victim)
                victimPools.insert(it.key(), it->second);
        QVERIFY(!victimPools.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster.poolsServedBy(victim).value_or(QStringList()) ==
                                     [&] { QStringList p = victimPools.keys(); p.sort(); return p; }(),
                                 5000);

        // Before the freeze the owner serves its pools.
        {
            test::ProbeClient check(m_cluster.url(victim));
            QVERIFY(check.waitConnected());
            check.subscribe(victimPools.cbegin().key());
            const auto answer = check.nextOf({kSubscribed, kRedirect, kError}, 5000);
            QVERIFY(answer);
            QCOMPARE(answer->first, kSubscribed);
        }

        std::vector<std::unique_ptr<test::ProbeClient>> probes;
        QStringList probePools;
        for (auto it = victimPools.cbegin(); it != victimPools.cend(); ++it) {
            for (int i = 0; i < kProbesPerPool; ++i) {
                probes.push_back(std::make_unique<test::ProbeClient>(m_cluster.url(victim)));
                QVERIFY(probes.back()->waitConnected());
                probePools.append(it.key());
            }
        }

        QElapsedTimer frozen;
        frozen.start();
        QVERIFY(m_cluster.signal(victim, SIGSTOP));
        for (size_t i = 0; i < probes.size(); ++i)
            probes[i]->subscribe(probePools[qsizetype(i)]);
        // Wait until the database shows the other instance holding every pool of the frozen one.
        const auto takenOver = [&] {
            const auto now = m_cluster.leases();
            return std::all_of(victimPools.keyBegin(), victimPools.keyEnd(), [&](const QString &p) {
                return now.contains(p) && !now.value(p).first.isEmpty() && now.value(p).first != victim &&
                       now.value(p).second > victimPools.value(p);
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(takenOver(), 15000);
        const qint64 takeoverMs = frozen.elapsed();
        const auto after = m_cluster.leases();
        QVERIFY(m_cluster.signal(victim, SIGCONT));
        qInfo("%s (owner of %s) frozen; the pools were owned by the other instance after %lld ms; resumed at %lld ms",
              qPrintable(victim), qPrintable(QStringList(victimPools.keys()).join(QLatin1Char(','))), takeoverMs,
              qint64(frozen.elapsed()));

        QElapsedTimer resumed;
        resumed.start();
        QStringList served;
        int redirects = 0, retries = 0;
        for (size_t i = 0; i < probes.size(); ++i) {
            const QString pool = probePools[qsizetype(i)];
            const auto answer = probes[i]->nextOf({kSubscribed, kRedirect, kError}, 10000);
            QVERIFY2(answer, qPrintable(QStringLiteral("no answer to the queued SUBSCRIBE to %1").arg(pool)));
            const qint64 atMs = resumed.elapsed();
            if (answer->first == kSubscribed) {
                served.append(QStringLiteral("%1 (owned by %2 epoch %3) answered %4 ms after SIGCONT")
                                  .arg(pool, after.value(pool).first)
                                  .arg(after.value(pool).second)
                                  .arg(atMs));
                continue;
            }
            int code = 0;
            if (answer->first == kRedirect) {
                const auto error = probes[i]->nextOf({kError}, 5000);
                QVERIFY2(error, "a RedirectResponse without its ErrorResponse");
                code = error->second.value(QStringLiteral("errorCode")).toInt();
            } else {
                code = answer->second.value(QStringLiteral("errorCode")).toInt();
            }
            QVERIFY2(code == proto::error::kPoolRedirect || code == proto::error::kPoolUnavailable,
                     qPrintable(QStringLiteral("unexpected error %1 for %2").arg(code).arg(pool)));
            (code == proto::error::kPoolRedirect ? redirects : retries) += 1;
        }
        qInfo("answers to %lld queued SUBSCRIBEs: %d redirects (630), %d retries (631), %lld SubscribePoolResponse",
              qint64(probes.size()), redirects, retries, qint64(served.size()));
        QVERIFY2(served.isEmpty(), qPrintable(QStringLiteral("%1 served pools another instance held:\n  ").arg(victim) +
                                              served.join(QStringLiteral("\n  "))));
    }
};

QTEST_GUILESS_MAIN(TestClusterFence)
#include "tst_clusterfence.moc"
