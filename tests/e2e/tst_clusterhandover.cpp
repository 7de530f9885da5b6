// Planned handovers with real coordinator processes while clients mix in two pools:
// a lone instance owns both pools; a second one joins and takes one over by drain
// (the running mix ends first); then a rolling restart (SIGTERM of each instance in
// turn, which drains its pools and exits by itself). No mix may fail throughout,
// and mixing goes on in both pools after every step. Handover times are printed.
#include "testwallet.h"

#include <mixer/coordinatordirectory.h>
#include <mixer/resilientmixsession.h>

#include <bitcoin/bip39.h>
#include <crypto/random.h>
#include <db/dbconnection.h>

#include <QDateTime>
#include <QRegularExpression>

#include <csignal>

using namespace wp;
using client::Utxo;
using client::WalletAccount;

namespace {

struct PoolSpec {
    const char *id;
    btc::Amount denomination;
};
constexpr PoolSpec kPools[] = {{"0.01btc", 1'000'000}, {"0.001btc", 100'000}};
constexpr int kMixers = 5;        // wallets 1..5 mix in both pools, one coin at a time per pool
constexpr int kCoinsPerPool = 20; // premix coins per wallet and pool

/// One wallet mixing its premix coins of one pool, one after the other, through
/// the cluster (ResilientMixSession: redirects, failovers) with a short pause in
/// between. Any final failure is recorded: the test expects none.
class MixLoop : public QObject {
public:
    MixLoop(test::TestWallet &wallet, const PoolSpec &pool, QList<Utxo> coins, client::CoordinatorDirectory &directory)
        : m_wallet(wallet), m_pool(pool), m_coins(std::move(coins)), m_directory(directory)
    {
    }

    void start() { next(); }
    void stop()
    {
        m_stopped = true;
        if (m_session)
            m_session->stop();
    }
    int successes() const { return m_successes; }
    const QStringList &failures() const { return m_failures; }

private:
    void next()
    {
        if (m_stopped || m_coins.isEmpty())
            return;
        const Utxo coin = m_coins.takeFirst();
        client::MixConfig config;
        config.poolId = QString::fromLatin1(m_pool.id);
        config.denomination = m_pool.denomination;
        config.network = btc::Network::Regtest;
        config.registerOutputRetryMs = 200;
        delete m_session;
        m_session = new client::ResilientMixSession(config, client::MixUtxo{coin.outpoint, coin.value, coin.script},
                                                    m_wallet.mixWallet, &m_directory, {}, this);
        connect(m_session, &client::ResilientMixSession::succeeded, this, [this] {
            ++m_successes;
            QTimer::singleShot(500, this, [this] { next(); });
        });
        connect(m_session, &client::ResilientMixSession::failed, this,
                [this](client::MixFailReason, const QString &message, int code) {
                    if (!m_stopped)
                        m_failures.append(QStringLiteral("%1 (%2)").arg(message).arg(code));
                    QTimer::singleShot(500, this, [this] { next(); });
                });
        m_session->start();
    }

    test::TestWallet &m_wallet;
    PoolSpec m_pool;
    QList<Utxo> m_coins;
    client::CoordinatorDirectory &m_directory;
    client::ResilientMixSession *m_session = nullptr;
    int m_successes = 0;
    QStringList m_failures;
    bool m_stopped = false;
};

} // namespace

class TestClusterHandover : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    std::vector<std::unique_ptr<test::TestWallet>> m_wallets; ///< 0 mines; 1..kMixers mix
    quint16 m_ports[2] = {0, 0};
    std::unique_ptr<test::CoordinatorProcess> m_instances[2];
    QString m_logs[2]; ///< logs of earlier processes of each slot
    std::unique_ptr<server::db::DbConnection> m_conn;
    std::unique_ptr<client::CoordinatorDirectory> m_directory;
    std::vector<std::unique_ptr<MixLoop>> m_loops;

    test::TestWallet &w(int i) { return *m_wallets[size_t(i)]; }
    static QString name(int slot) { return slot == 0 ? QStringLiteral("alpha") : QStringLiteral("beta"); }
    QString url(int slot) const { return QStringLiteral("http://127.0.0.1:%1").arg(m_ports[slot]); }

    Result<void> startInstance(int slot)
    {
        if (m_instances[slot])
            m_logs[slot] += m_instances[slot]->logText();
        test::CoordinatorProcess::Config config = test::coordinatorConfig(name(slot), m_db, m_node);
        config.port = m_ports[slot];
        config.extraIni = QStringLiteral("[General]\npools = 0.01btc,0.001btc\n"
                                         "[node]\ntip-refresh-ms = 500\n"
                                         "[timings]\nconfirm-tick-ms = 300\nregister-output-ms = 10000\n"
                                         "reveal-output-ms = 2000\nsigning-ms = 5000\n"
                                         "[cluster]\nrenew-ms = 500\nlease-ttl-ms = 3000\nfence-ms = 2000\n"
                                         "drain-timeout-ms = 30000\n");
        for (const PoolSpec &p : kPools)
            config.extraIni += QStringLiteral("[pool.%1]\nanonymity-set = 5\nmin-must-mix = 2\nmin-liquidity = 0\n")
                                   .arg(QLatin1String(p.id));
        m_instances[slot] = std::make_unique<test::CoordinatorProcess>();
        return m_instances[slot]->start(config);
    }

    /// pool -> owner name, for leases valid now (DB clock).
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
    int ownedBy(const QString &instance)
    {
        const QHash<QString, QString> now = owners();
        return int(std::count(now.cbegin(), now.cend(), instance));
    }

    qint64 count(const char *sql)
    {
        auto row = m_conn->queryOne(sql);
        return row && row->has_value() ? (*row)->toInt64(0).value_or(-1) : -1;
    }
    qint64 successes(const QString &pool)
    {
        auto row = m_conn->queryOne("SELECT COUNT(*) FROM mix WHERE mix_status = 'SUCCESS' AND pool_id = ?", {pool});
        return row && row->has_value() ? (*row)->toInt64(0).value_or(-1) : -1;
    }
    qint64 failures() { return count("SELECT COUNT(*) FROM mix WHERE mix_status <> 'SUCCESS'"); }

    /// Waits until every pool has at least one more successful mix than in @p before.
    bool mixingGoesOn(const QHash<QString, qint64> &before, int timeoutMs = 40000)
    {
        return QTest::qWaitFor(
            [&] {
                for (const PoolSpec &p : kPools)
                    if (successes(QLatin1String(p.id)) <= before.value(QLatin1String(p.id)))
                        return false;
                return true;
            },
            timeoutMs);
    }
    QHash<QString, qint64> successCounts()
    {
        QHash<QString, qint64> out;
        for (const PoolSpec &p : kPools)
            out.insert(QLatin1String(p.id), successes(QLatin1String(p.id)));
        return out;
    }

    QString allLogs() const
    {
        QString text;
        for (int slot = 0; slot < 2; ++slot)
            text += m_logs[slot] + (m_instances[slot] ? m_instances[slot]->logText() : QString());
        return text;
    }

    /// Milliseconds from the log line "<time> ... drains <pool>" of @p drainer to the
    /// acquisition of @p pool by another instance ("owns <pool> epoch N since-db-us T").
    /// Both clocks are this machine's (MariaDB runs here).
    static qint64 handoverMs(const QString &drainerLog, const QString &ownerLog, const QString &pool)
    {
        const QRegularExpression drains(QStringLiteral("^(\\S+) .* drains %1 ").arg(QRegularExpression::escape(pool)),
                                        QRegularExpression::MultilineOption);
        const QRegularExpression owns(
            QStringLiteral("owns %1 epoch \\d+ since-db-us (\\d+)").arg(QRegularExpression::escape(pool)));
        QRegularExpressionMatch lastDrain;
        for (auto it = drains.globalMatch(drainerLog); it.hasNext();)
            lastDrain = it.next();
        QRegularExpressionMatch lastOwn;
        for (auto it = owns.globalMatch(ownerLog); it.hasNext();)
            lastOwn = it.next();
        if (!lastDrain.hasMatch() || !lastOwn.hasMatch())
            return -1;
        const QDateTime drainedAt = QDateTime::fromString(lastDrain.captured(1), Qt::ISODateWithMs);
        return lastOwn.captured(1).toLongLong() / 1000 - drainedAt.toMSecsSinceEpoch();
    }

    void startLoops()
    {
        for (const PoolSpec &pool : kPools) {
            for (int i = 1; i <= kMixers; ++i) {
                QList<Utxo> coins;
                for (const Utxo &u : w(i).coins(WalletAccount::Premix))
                    if (u.value > pool.denomination && u.value < pool.denomination * 11 / 10)
                        coins.append(u);
                QCOMPARE(coins.size(), kCoinsPerPool);
                m_loops.push_back(std::make_unique<MixLoop>(w(i), pool, coins, *m_directory));
                m_loops.back()->start();
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        for (int i = 0; i <= kMixers; ++i)
            m_wallets.push_back(std::make_unique<test::TestWallet>(*btc::entropyToMnemonic(crypto::randomBytes(16)), m_node));
        QVERIFY(m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, w(0).miningAddress()));
        for (int i = 1; i <= kMixers; ++i)
            QVERIFY(m_node.generateToAddress(1, w(i).miningAddress()));
        QVERIFY(m_node.generateToAddress(100, w(0).miningAddress())); // coinbase maturity

        m_ports[0] = test::freePort();
        m_ports[1] = test::freePort();
        QVERIFY(m_ports[0] != m_ports[1]);
        auto started = startInstance(0);
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_conn = std::make_unique<server::db::DbConnection>(test::dbConfigForCoordinator(m_db.address()));
        QVERIFY(m_conn->connect());
        QTRY_COMPARE_WITH_TIMEOUT(ownedBy(name(0)), 2, 15000); // alone: it owns every pool

        for (const PoolSpec &pool : kPools) {
            for (int i = 1; i <= kMixers; ++i) {
                auto tx0 = w(i).tx0(url(0), QLatin1String(pool.id), kCoinsPerPool);
                QVERIFY2(tx0, tx0 ? "" : qPrintable(tx0.error().message));
            }
            QVERIFY(m_node.generateToAddress(1, w(0).miningAddress())); // the Tx0s and their change
        }

        client::DirectoryConfig directory;
        directory.network = btc::Network::Regtest;
        for (int slot = 0; slot < 2; ++slot)
            directory.bootstrap.append({name(slot), name(slot), url(slot), {}});
        m_directory = std::make_unique<client::CoordinatorDirectory>(directory);
    }

    void cleanupTestCase()
    {
        for (auto &loop : m_loops)
            loop->stop();
        qInfo("mixes: %lld succeeded, %lld failed", count("SELECT COUNT(*) FROM mix WHERE mix_status = 'SUCCESS'"),
              failures());
    }

    void loneInstanceMixesInBothPools()
    {
        startLoops();
        QVERIFY2(mixingGoesOn({}), qPrintable(allLogs().right(4000)));
        QCOMPARE(failures(), 0);
    }

    void joiningInstanceTakesHalfByDrainWithoutFailedMix()
    {
        const QHash<QString, qint64> before = successCounts();
        auto started = startInstance(1);
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        // ceil(2 pools / 2 instances) = 1 each: alpha drains one pool to beta.
        QTRY_VERIFY_WITH_TIMEOUT(ownedBy(name(0)) == 1 && ownedBy(name(1)) == 1, 30000);
        const QString moved = owners().key(name(1));
        const qint64 ms = handoverMs(m_instances[0]->logText(), m_instances[1]->logText(), moved);
        qInfo("planned handover of %s from alpha to beta: %lld ms from the drain decision to the new owner's lease",
              qPrintable(moved), ms);
        QVERIFY(ms >= 0);
        // What the drain did with the running mix (finished it, or discarded it before outputs).
        for (const QString &line : m_instances[0]->logText().split(QLatin1Char('\n')))
            if (line.contains(QLatin1String(" drain")) || line.contains(QLatin1String("discarded")))
                qInfo("alpha: %s", qPrintable(line));
        QVERIFY2(mixingGoesOn(before), qPrintable(allLogs().right(4000)));
        QCOMPARE(failures(), 0);
        // The moved pool now mixes on beta.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto row = m_conn->queryOne("SELECT COUNT(*) FROM mix m JOIN cluster_instance i ON i.id = m.instance_id"
                                            " WHERE m.pool_id = ? AND i.name = 'beta' AND m.mix_status = 'SUCCESS'",
                                            {moved});
                return row && row->has_value() && (*row)->toInt64(0).value_or(0) > 0;
            }(),
            30000);
    }

    void rollingRestartKeepsMixing()
    {
        for (int slot : {0, 1, 0}) {
            const int other = 1 - slot;
            const QHash<QString, qint64> before = successCounts();
            // SIGTERM: the instance drains its pools, releases them and exits by itself.
            QVERIFY(m_instances[slot]->signal(SIGTERM));
            QTRY_VERIFY_WITH_TIMEOUT(!m_instances[slot]->isRunning(), 30000);
            QCOMPARE(m_instances[slot]->exitCode(), 0);
            QTRY_COMPARE_WITH_TIMEOUT(ownedBy(name(other)), 2, 10000);
            qInfo("%s stopped gracefully; %s owns both pools", qPrintable(name(slot)), qPrintable(name(other)));
            QVERIFY2(mixingGoesOn(before), qPrintable(allLogs().right(4000)));
            QCOMPARE(failures(), 0);

            auto restarted = startInstance(slot);
            QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error().message));
            QTRY_VERIFY_WITH_TIMEOUT(ownedBy(name(0)) == 1 && ownedBy(name(1)) == 1, 30000);
        }
        const QHash<QString, qint64> before = successCounts();
        QVERIFY2(mixingGoesOn(before), qPrintable(allLogs().right(4000)));
        QCOMPARE(failures(), 0);
        for (const auto &loop : m_loops)
            QVERIFY2(loop->failures().isEmpty(), qPrintable(loop->failures().join(QLatin1String("; "))));
    }
};

QTEST_GUILESS_MAIN(TestClusterHandover)
#include "tst_clusterhandover.moc"
