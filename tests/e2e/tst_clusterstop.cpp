// Issue #4, a frozen owner: three real whirlpool-coordinator processes on one
// MariaDB; the owner of the mixing pool is frozen (SIGSTOP) for 5 s, longer than
// the lease TTL, while its mix waits for signatures, which the clients send
// during the freeze. The others take its pools over. When it resumes (SIGCONT)
// it must have stopped serving (fenced or lease lost), must not broadcast the
// mix nor record anything under its old epoch after the takeover, must blame
// nobody, and must rejoin cleanly and get pools again through the spread. The
// coins of the aborted mix then mix on the current owner. There is never more than
// one valid lease per pool and the ownership intervals never overlap.
#include "clusterfixture.h"
#include "clusterwallets.h"

using namespace wp;
using client::Utxo;
using client::WalletAccount;

namespace {

const QString kMixPool = QStringLiteral("0.01btc");
constexpr int kFreezeMs = 5000;

} // namespace

class TestClusterStop : public QObject {
    Q_OBJECT

    test::ClusterFixture m_cluster;
    std::vector<std::unique_ptr<test::TestWallet>> m_wallets; ///< 0 mines; 1..3 mix
    const QStringList m_names{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")};

    // What the freeze left behind, for the later checks.
    QString m_victim;
    QString m_victimId;
    QHash<QString, qint64> m_victimPools; ///< pool -> epoch it held when frozen
    QStringList m_doubleLeases;           ///< sampled during the freeze
    QList<QPair<test::TestWallet *, Utxo>> m_coins;

    test::TestWallet &w(int i) { return *m_wallets[size_t(i)]; }
    int tip() { return m_cluster.node.rpc(QStringLiteral("getblockcount"))->toInt(); }

    QString violations()
    {
        const qint64 now = m_cluster.dbNowUs().value_or(0);
        const test::OwnershipLog log = m_cluster.ownershipLog();
        const QStringList v = log.violations(now);
        return v.isEmpty() ? QString() : v.join(QLatin1Char('\n')) + QStringLiteral("\nintervals:\n") + log.dump(now);
    }

    /// 4 pools over 3 live instances: 2 + 1 + 1.
    bool spread()
    {
        QList<int> n = m_cluster.poolCounts().values();
        std::sort(n.begin(), n.end());
        return n == QList<int>{1, 1, 2};
    }

    /// The DB time at which @p pool was first owned under an epoch above @p epoch, from the logs.
    std::optional<qint64> takeoverUs(const QString &pool, qint64 epoch)
    {
        const qint64 now = m_cluster.dbNowUs().value_or(0);
        for (const test::LoggedInterval &i : m_cluster.ownershipLog().intervalsOf(pool, now))
            if (i.epoch > epoch)
                return i.fromUs;
        return std::nullopt;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto services = m_cluster.startServices();
        QVERIFY2(services, services ? "" : qPrintable(services.error().message));
        auto wallets = test::fundedWallets(m_cluster.node, 4);
        QVERIFY2(wallets, wallets ? "" : qPrintable(wallets.error().message));
        m_wallets = std::move(*wallets);
        for (const QString &name : m_names) {
            auto started = m_cluster.start(name, test::fastMixIni(15000)); // signing outlasts the freeze
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
        for (int i = 1; i <= 3; ++i) {
            auto tx0 = w(i).tx0(m_cluster.url(m_names.first()), kMixPool, 2);
            QVERIFY2(tx0, tx0 ? "" : qPrintable(tx0.error().message));
        }
        QVERIFY(m_cluster.node.generateToAddress(1, w(0).miningAddress()));
        for (int i = 1; i <= 3; ++i) {
            const QList<Utxo> premix = w(i).coins(WalletAccount::Premix);
            QCOMPARE(premix.size(), 2);
            m_coins.append({&w(i), premix.first()});
        }
    }

    void stoppedOwnerIsFencedAndItsMixIsNotBroadcast()
    {
        QTRY_VERIFY_WITH_TIMEOUT(spread(), 15000);
        m_victim = m_cluster.owners().value(kMixPool);
        m_victimId = m_cluster.instanceId(m_victim);
        const auto leases = m_cluster.leases();
        for (auto it = leases.cbegin(); it != leases.cend(); ++it)
            if (it->first == m_victim)
                m_victimPools.insert(it.key(), it->second);
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster.poolsServedBy(m_victim).value_or(QStringList()).contains(kMixPool), 5000);

        // A mix on the owner, up to the signing phase: the clients' signatures are held back.
        for (int i = 1; i <= 3; ++i)
            w(i).mixWallet->holdSignatures = true;
        test::MixRun run(m_coins, m_cluster.url(m_victim), tip());
        QTRY_VERIFY2_WITH_TIMEOUT(w(1).mixWallet->heldSignatures() + w(2).mixWallet->heldSignatures() +
                                          w(3).mixWallet->heldSignatures() == 3,
                                  qPrintable(run.describe() + QLatin1Char('\n') + m_cluster.logText(m_victim).right(2000)),
                                  30000);

        // Freeze the owner; the clients sign now (their messages wait in its socket buffers).
        QElapsedTimer frozen;
        frozen.start();
        QVERIFY(m_cluster.signal(m_victim, SIGSTOP));
        for (int i = 1; i <= 3; ++i)
            w(i).mixWallet->releaseSignatures();
        const auto takenOver = [&] {
            const QHash<QString, QString> now = m_cluster.owners();
            m_doubleLeases += m_cluster.doubleLeases();
            return std::all_of(m_victimPools.keyBegin(), m_victimPools.keyEnd(),
                               [&](const QString &p) { return !now.value(p).isEmpty() && now.value(p) != m_victim; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(takenOver(), kFreezeMs);
        const qint64 takeoverMs = frozen.elapsed();
        while (frozen.elapsed() < kFreezeMs) {
            test::runFor(250);
            m_doubleLeases += m_cluster.doubleLeases();
        }
        QVERIFY(m_cluster.signal(m_victim, SIGCONT));
        qInfo("SIGSTOP of %s (owner of %s) for %lld ms: its pools owned by the others after %lld ms",
              qPrintable(m_victim), qPrintable(QStringList(m_victimPools.keys()).join(QLatin1Char(','))),
              qint64(frozen.elapsed()), takeoverMs);

        // Resumed, it stopped serving every pool it held (fenced, or the lease was gone).
        for (auto it = m_victimPools.cbegin(); it != m_victimPools.cend(); ++it) {
            const QRegularExpression stopped(QStringLiteral("instance %1 no longer owns %2 epoch %3 \\( (fenced|lease-lost) \\)")
                                                 .arg(m_victimId, QRegularExpression::escape(it.key()))
                                                 .arg(it.value()));
            QTRY_VERIFY2_WITH_TIMEOUT(stopped.match(m_cluster.logText(m_victim)).hasMatch(),
                                      qPrintable(QStringLiteral("%1 did not log that it stopped owning %2:\n%3")
                                                     .arg(m_victim, it.key(), m_cluster.logText(m_victim).right(2000))),
                                      5000);
        }

        // The mix failed for everyone and was not broadcast: the coins are unspent.
        QVERIFY2(run.wait(30000), qPrintable(run.describe()));
        QVERIFY2(run.commonTxid().isEmpty(), qPrintable(run.describe()));
        for (const auto &coin : std::as_const(m_coins))
            QVERIFY2(test::isUnspent(m_cluster.node, coin.second.outpoint), "a coin of the frozen owner's mix was spent");
        auto failInfo = m_cluster.sql().queryOne("SELECT fail_info FROM mix WHERE instance_id = ? ORDER BY id DESC LIMIT 1",
                                                 {m_victimId});
        const bool guarded = failInfo && failInfo->has_value() &&
                             (*failInfo)->toString(0).value_or(QString()).contains(QStringLiteral("lease lost before broadcast"));
        qInfo("the frozen owner's mix: %s; %s", qPrintable(run.describe()),
              guarded ? "stopped by the broadcast guard" : "failed when the pool stopped (fence)");

        // Nobody blamed for the coordinator's fault.
        for (const auto &coin : std::as_const(m_coins)) {
            auto blames = m_cluster.sql().queryOne("SELECT COUNT(*) FROM blame WHERE identifier IN (?, ?)",
                                                   {coin.second.outpoint.txid.toHex(),
                                                    coin.second.outpoint.txid.toHex() + QStringLiteral(":") +
                                                        QString::number(coin.second.outpoint.index)});
            QVERIFY(blames && blames->has_value());
            QCOMPARE((*blames)->toInt64(0), 0);
        }
    }

    void nothingRecordedUnderTheOldEpochAfterTheTakeover()
    {
        QVERIFY(!m_victimPools.isEmpty());
        for (auto it = m_victimPools.cbegin(); it != m_victimPools.cend(); ++it) {
            const auto takeover = takeoverUs(it.key(), it.value());
            QVERIFY2(takeover, qPrintable(QStringLiteral("no later owner of %1 in the logs").arg(it.key())));
            auto rows = m_cluster.sql().query(
                "SELECT mix_id, mix_status, fail_reason, fail_info,"
                " TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', updated) - ? FROM mix"
                " WHERE instance_id = ? AND pool_id = ? AND epoch = ?"
                " AND TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', updated) >= ?",
                {*takeover, m_victimId, it.key(), it.value(), *takeover});
            QVERIFY(rows);
            QStringList late;
            for (const auto &row : *rows)
                late.append(QStringLiteral("%1 %2 %3 '%4' written %5 us after the takeover")
                                .arg(row.toString(0).value_or(QString()), row.toString(1).value_or(QString()),
                                     row.toString(2).value_or(QString()), row.toString(3).value_or(QString()))
                                .arg(row.toInt64(4).value_or(0)));
            QVERIFY2(late.isEmpty(), qPrintable(QStringLiteral("%1 wrote mix rows of %2 under its old epoch %3 after the takeover: %4")
                                                    .arg(m_victim, it.key())
                                                    .arg(it.value())
                                                    .arg(late.join(QStringLiteral("; ")))));
        }
        auto success = m_cluster.sql().queryOne("SELECT COUNT(*) FROM mix WHERE instance_id = ? AND mix_status = 'SUCCESS'",
                                                {m_victimId});
        QVERIFY(success && success->has_value());
        QCOMPARE((*success)->toInt64(0), 0);
    }

    void resumedInstanceRejoinsTheSpread()
    {
        QElapsedTimer clock;
        clock.start();
        // Fresh heartbeat, active, and pools again: 4 pools over 3 instances, 2 + 1 + 1.
        const auto alive = [&] {
            auto row = m_cluster.sql().queryOne("SELECT state, TIMESTAMPDIFF(MICROSECOND, heartbeat_at, UTC_TIMESTAMP(6))"
                                                " FROM cluster_instance WHERE id = ?",
                                                {m_victimId});
            return row && row->has_value() && (*row)->toString(0) == QStringLiteral("active") &&
                   (*row)->toInt64(1).value_or(INT64_MAX) < 1000 * 1000;
        };
        QTRY_VERIFY_WITH_TIMEOUT(alive(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(spread() && m_cluster.poolCounts().value(m_victim) >= 1, 15000);
        qInfo("%s rejoined: owns %d pool(s) again %lld ms after the checks began", qPrintable(m_victim),
              m_cluster.poolCounts().value(m_victim), qint64(clock.elapsed()));
        // Whatever it owns now, it owns under a new epoch.
        const auto leases = m_cluster.leases();
        for (auto it = leases.cbegin(); it != leases.cend(); ++it)
            if (it->first == m_victim && m_victimPools.contains(it.key()))
                QVERIFY(it->second > m_victimPools.value(it.key()));
        QTRY_COMPARE_WITH_TIMEOUT(m_cluster.poolsServedBy(m_victim).value_or(QStringList()).size(),
                                  m_cluster.poolCounts().value(m_victim), 5000);
        QCOMPARE(m_cluster.health(m_victim), 200);
    }

    void coinsOfTheAbortedMixMixOnTheCurrentOwner()
    {
        const QString owner = m_cluster.owners().value(kMixPool);
        QVERIFY(!owner.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_cluster.poolsServedBy(owner).value_or(QStringList()).contains(kMixPool), 5000);
        test::MixRun run(m_coins, m_cluster.url(owner), tip());
        QVERIFY2(run.wait(30000), qPrintable(run.describe()));
        const QString txid = run.commonTxid();
        QVERIFY2(!txid.isEmpty(), qPrintable(run.describe()));
        // The row is written just after the clients hear of the success.
        const auto readRow = [&] {
            return m_cluster.sql().queryOne("SELECT m.instance_id, m.epoch FROM mix m JOIN mix_log l ON l.mix_id = m.id"
                                            " WHERE l.txid = ? AND m.mix_status = 'SUCCESS'",
                                            {txid});
        };
        QTRY_VERIFY_WITH_TIMEOUT([&] { auto r = readRow(); return r && r->has_value(); }(), 5000);
        auto row = readRow();
        QVERIFY(row && row->has_value());
        QCOMPARE((*row)->toString(0), m_cluster.instanceId(owner));
        QCOMPARE((*row)->toInt64(1), m_cluster.leases().value(kMixPool).second);
        qInfo("the same coins then mixed on the current owner %s (epoch %lld): %s", qPrintable(owner),
              qint64((*row)->toInt64(1).value_or(0)), qPrintable(txid));
    }

    void oneLeasePerPoolAndNoOverlap()
    {
        QVERIFY2(m_doubleLeases.isEmpty(), qPrintable(m_doubleLeases.join(QLatin1Char(','))));
        const QString v = violations();
        QVERIFY2(v.isEmpty(), qPrintable(v));
        qInfo("%lld ownership intervals checked, none overlap", qint64(m_cluster.ownershipLog().size()));
    }
};

QTEST_GUILESS_MAIN(TestClusterStop)
#include "tst_clusterstop.moc"
