// Issue #4, bounded chaos: three instance slots of real whirlpool-coordinator
// processes on one MariaDB; about every 1.5 s one random action: SIGKILL a
// running instance, SIGTERM one (graceful stop), or start a stopped slot again
// (new process, same name and port), always keeping one running. Meanwhile
// clients of the real client library mix across the cluster: one
// ResilientMixSession per coin, all three instances in the bootstrap list, a
// new session (next Tx0 output) whenever one ends. Afterwards: no two
// ownership intervals of a pool overlap in the logs of all the processes that
// ever ran, no sample saw two valid leases of a pool, every successful mix ran
// under a lease its instance really held, and mixes kept succeeding (in each
// half of the run). Prints a summary: actions, takeover times, mixes, and the
// mix transactions that reached the node without being recorded (an instance
// killed between broadcast and record).
// Meanwhile an observer (issue #11) subscribes every 100 ms to every pool on every
// running instance and reads pool_lease just before sending and just after the
// answer: no instance may answer SubscribePoolResponse for a pool that another
// instance held, under one epoch and unexpired, in both readings.
// Environment: WP_CHAOS_SEED replays a run's choices; WP_CHAOS_VERBOSE keeps
// the clients' info logs; WP_CHAOS_LOGS=<dir> saves the coordinators' logs there.
#include "clusterfixture.h"
#include "clusterwallets.h"

#include <mixer/coordinatordirectory.h>
#include <mixer/resilientmixsession.h>

#include <bitcoin/address.h>
#include <crypto/eckey.h>

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>

using namespace wp;
using client::Utxo;
using client::WalletAccount;

namespace {

const QString kMixPool = QStringLiteral("0.01btc");
constexpr int kWallets = 6;
constexpr int kCoinsPerWallet = 20;
constexpr int kCycles = 40;
constexpr int kCycleMs = 1500;

/// One wallet mixing its premix coins one after the other through the cluster.
/// Like a real wallet, it stops mixing a coin that its node shows spent (a mix
/// broadcast by an instance that died or stopped before telling the clients).
/// Thread affinity: the test thread.
class ChaosClient : public QObject {
public:
    ChaosClient(test::TestWallet &wallet, client::CoordinatorDirectory &directory, int height, test::BcoinNode &node,
                test::MempoolSpends &mempool)
        : m_wallet(wallet), m_directory(directory), m_height(height), m_node(node), m_mempool(mempool)
    {
        for (const Utxo &u : wallet.coins(WalletAccount::Premix))
            m_coins.append(u);
    }

    int succeeded = 0;
    int sessions = 0;
    QHash<QString, int> failures; ///< reason name -> count
    int redirects = 0;
    int failovers = 0;
    int spentElsewhere = 0; ///< coins found spent by a mix the client was told had failed
    qsizetype coinsLeft() const { return m_coins.size(); }

    /// Starts the next coin unless stopped or out of coins.
    void next()
    {
        if (m_stopped || m_session)
            return;
        m_mempool.refresh(m_node);
        while (!m_coins.isEmpty() && m_mempool.isSpent(m_coins.first().outpoint)) {
            m_coins.removeFirst();
            ++spentElsewhere;
        }
        if (m_coins.isEmpty())
            return;
        const Utxo coin = m_coins.takeFirst();
        client::MixConfig config;
        config.poolId = kMixPool;
        config.denomination = 1'000'000;
        config.network = btc::Network::Regtest;
        config.blockHeight = [height = m_height] { return height; };
        config.connectTimeoutMs = 5000;
        config.registerOutputRetryMs = 200;
        client::ResilienceConfig resilience;
        resilience.maxMixAttempts = 10;
        resilience.mixRetryPauseMs = 300;
        resilience.maxFruitlessAttempts = 40;
        m_session = new client::ResilientMixSession(config, client::MixUtxo{coin.outpoint, coin.value, coin.script},
                                                    m_wallet.mixWallet, &m_directory, resilience, this);
        ++sessions;
        connect(m_session, &client::ResilientMixSession::succeeded, this, [this](const QString &) {
            ++succeeded;
            ended();
        });
        connect(m_session, &client::ResilientMixSession::failed, this,
                [this, coin](client::MixFailReason reason, const QString &, int) {
                    ++failures[client::mixFailReasonName(reason)];
                    // Not mixed: try it again later, unless the coordinator refused it (spent, banned...).
                    if (reason != client::MixFailReason::InputRejected && reason != client::MixFailReason::Stop)
                        m_coins.append(coin);
                    ended();
                });
        // Before each retry: is the coin still ours to mix?
        connect(m_session, &client::ResilientMixSession::retrying, this, [this, coin, session = m_session](const QString &, int) {
            QTimer::singleShot(0, session, [this, coin, session] {
                m_mempool.refresh(m_node);
                if (session == m_session && m_mempool.isSpent(coin.outpoint)) {
                    ++spentElsewhere;
                    session->stop();
                }
            });
        });
        connect(m_session, &client::ResilientMixSession::event, this, [this](const client::DirectoryEvent &e) {
            if (e.kind == client::DirectoryEvent::Kind::Redirected)
                ++redirects;
            else if (e.kind == client::DirectoryEvent::Kind::Failover)
                ++failovers;
        });
        m_session->start();
    }

    void stop()
    {
        m_stopped = true;
        if (m_session)
            m_session->stop();
    }
    bool idle() const { return !m_session; }
    /// The current session's step and instance, for the summary.
    QString state() const
    {
        if (!m_session)
            return QStringLiteral("idle");
        return QStringLiteral("%1 on %2 (%3 mix failures)")
            .arg(client::mixStepName(m_session->step()),
                 m_session->coordinator() ? m_session->coordinator()->name : QStringLiteral("-"))
            .arg(m_session->mixFailures());
    }

private:
    void ended()
    {
        m_session->deleteLater();
        m_session = nullptr;
        QTimer::singleShot(100, this, [this] { next(); });
    }

    test::TestWallet &m_wallet;
    client::CoordinatorDirectory &m_directory;
    int m_height = 0;
    test::BcoinNode &m_node;
    test::MempoolSpends &m_mempool;
    QList<Utxo> m_coins;
    client::ResilientMixSession *m_session = nullptr;
    bool m_stopped = false;
};

/// One reading of a pool's pool_lease row (DB clock).
struct LeaseSnapshot {
    QString instanceId; ///< empty: nobody
    qint64 epoch = -1;
    qint64 expiresInUs = 0; ///< expires_at - UTC_TIMESTAMP(6); <= 0: expired
    bool heldBy(const QString &other) const { return !instanceId.isEmpty() && instanceId == other && expiresInUs > 0; }
};

/// The routing observer of issue #11: every 100 ms it subscribes to every pool on
/// every running instance, over at most kSessionsPerPool STOMP sessions per
/// (instance, pool), each used for at most kSubscriptionsPerSession SUBSCRIBEs
/// (the server allows 16) and then replaced once all are answered. SUBSCRIBEs are
/// pipelined: one is sent every tick even while earlier ones wait, so an instance
/// that stalls keeps receiving them for a few seconds (long enough for its leases to
/// move). The answer to a SUBSCRIBE is the first reply carrying its subscription id
/// (the server copies every reply to all the session's subscriptions, in order).
/// Each answer is recorded with its send and receive times and the pool's lease row
/// read just before the SUBSCRIBE was sent and just after the answer arrived. A
/// SubscribePoolResponse from instance X for pool P is a violation when both
/// readings show another instance holding P under the same epoch, unexpired: P was
/// owned elsewhere for the whole time X took to answer.
/// Thread affinity: the test thread (its DB reads block it briefly).
class LeaseObserver : public QObject {
public:
    LeaseObserver(test::ClusterFixture &cluster, QStringList slotNames, QStringList pools)
        : m_cluster(cluster), m_slotNames(std::move(slotNames)), m_pools(std::move(pools))
    {
        m_clock.start();
        connect(&m_timer, &QTimer::timeout, this, &LeaseObserver::tick);
    }

    void start() { m_timer.start(kPeriodMs); }
    void stop()
    {
        m_timer.stop();
        for (const QList<Probe *> &probes : std::as_const(m_probes))
            for (Probe *p : probes)
                p->stomp.disconnectFromServer();
    }
    /// No new session to @p slot while it is being (re)started: its instance id is not known yet.
    void setStarting(const QString &slot, bool starting)
    {
        if (starting)
            m_starting.insert(slot);
        else
            m_starting.remove(slot);
    }

    int checked = 0;    ///< answers checked
    int subscribed = 0; ///< of which SubscribePoolResponse
    int sent = 0;       ///< SUBSCRIBEs sent
    int sessions = 0;   ///< STOMP sessions opened
    int unanswered = 0; ///< SUBSCRIBEs whose session closed (or timed out) before the answer
    qint64 slowestMs = 0; ///< longest time from a SUBSCRIBE to its answer
    QHash<QString, int> answers; ///< answer type (errors with their code) -> count
    QStringList violations;

private:
    static constexpr int kPeriodMs = 100;
    static constexpr int kSessionsPerPool = 3;
    static constexpr int kSubscriptionsPerSession = 15;
    static constexpr int kAnswerTimeoutMs = 15000;

    struct Pending {
        qint64 sentMs = 0;
        LeaseSnapshot before;
    };
    struct Probe : QObject {
        client::StompClient stomp;
        QString slot;
        QString pool;
        QString instanceId; ///< of the process it connected to
        int subscriptions = 0;
        QHash<QByteArray, Pending> waiting; ///< subscription id -> its SUBSCRIBE
        bool dead = false;
        bool exhausted() const { return subscriptions >= kSubscriptionsPerSession && waiting.isEmpty(); }
    };

    std::optional<QHash<QString, LeaseSnapshot>> readLeases()
    {
        auto rows = m_cluster.sql().query("SELECT pool_id, instance_id, epoch,"
                                          " TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(6), expires_at) FROM pool_lease");
        if (!rows)
            return std::nullopt;
        QHash<QString, LeaseSnapshot> out;
        for (const auto &row : *rows)
            out.insert(row.toString(0).value_or(QString()),
                       LeaseSnapshot{row.toString(1).value_or(QString()), row.toInt64(2).value_or(-1),
                                     row.toInt64(3).value_or(0)});
        return out;
    }

    void tick()
    {
        const QStringList running = m_cluster.running();
        QList<Probe *> ready;
        for (const QString &slot : m_slotNames) {
            for (const QString &pool : m_pools) {
                QList<Probe *> &probes = m_probes[slot + QLatin1Char('/') + pool];
                for (qsizetype i = 0; i < probes.size();) {
                    Probe *p = probes[i];
                    const bool late = std::any_of(p->waiting.cbegin(), p->waiting.cend(), [&](const Pending &w) {
                        return m_clock.elapsed() - w.sentMs > kAnswerTimeoutMs;
                    });
                    if (late)
                        p->stomp.disconnectFromServer(); // its SUBSCRIBEs count as unanswered
                    if (p->dead || p->exhausted()) {
                        probes.removeAt(i);
                        p->stomp.disconnectFromServer();
                        p->deleteLater();
                        continue;
                    }
                    ++i;
                }
                const auto usable = std::find_if(probes.begin(), probes.end(), [](Probe *p) {
                    return p->stomp.state() == client::StompClient::State::Connected &&
                           p->subscriptions < kSubscriptionsPerSession;
                });
                if (usable != probes.end())
                    ready.append(*usable);
                if (probes.size() < kSessionsPerPool && running.contains(slot) && !m_starting.contains(slot))
                    probes.append(open(slot, pool));
            }
        }
        if (ready.isEmpty())
            return;
        const auto leases = readLeases();
        if (!leases)
            return;
        for (Probe *p : std::as_const(ready)) {
            const QByteArray id =
                p->stomp.subscribe(proto::endpoint::kPrivateReply, {{proto::header::kPoolId, p->pool.toUtf8()}});
            if (id.isEmpty())
                continue;
            p->waiting.insert(id, Pending{m_clock.elapsed(), leases->value(p->pool)});
            ++p->subscriptions;
            ++sent;
        }
    }

    Probe *open(const QString &slot, const QString &pool)
    {
        auto *p = new Probe;
        p->setParent(this);
        p->slot = slot;
        p->pool = pool;
        p->instanceId = m_cluster.instanceId(slot);
        p->stomp.setConnectTimeout(3000);
        connect(&p->stomp, &client::StompClient::messageReceived, p,
                [this, p](const QString &type, const proto::StompFrame &frame) { onMessage(p, type, frame); });
        connect(&p->stomp, &client::StompClient::disconnected, p, [this, p](const QString &) {
            unanswered += int(p->waiting.size());
            p->waiting.clear();
            p->dead = true;
        });
        QUrl ws(m_cluster.url(slot) + QString::fromLatin1(proto::endpoint::kWsConnect));
        ws.setScheme(QStringLiteral("ws"));
        p->stomp.connectToServer(ws);
        ++sessions;
        return p;
    }

    void onMessage(Probe *p, const QString &messageType, const proto::StompFrame &frame)
    {
        const auto it = p->waiting.constFind(frame.header("subscription"));
        if (it == p->waiting.cend())
            return; // a copy for a subscription already answered
        QString type = proto::messageTypeShortName(messageType);
        if (type == QLatin1String("ErrorResponse")) {
            type += QStringLiteral(" %1").arg(
                QJsonDocument::fromJson(frame.body()).object().value(QStringLiteral("errorCode")).toInt());
        } else if (type != QLatin1String("SubscribePoolResponse") && type != QLatin1String("RedirectResponse")) {
            return;
        }
        const Pending sentWith = *it;
        p->waiting.erase(it);
        const qint64 receivedMs = m_clock.elapsed();
        slowestMs = std::max(slowestMs, receivedMs - sentWith.sentMs);
        const auto leases = readLeases();
        if (!leases)
            return; // not checked
        const LeaseSnapshot after = leases->value(p->pool);
        ++checked;
        ++answers[type];
        if (type != QLatin1String("SubscribePoolResponse"))
            return;
        ++subscribed;
        const LeaseSnapshot &before = sentWith.before;
        if (before.instanceId != p->instanceId && before.heldBy(before.instanceId) &&
            after.heldBy(before.instanceId) && after.epoch == before.epoch) {
            violations.append(QStringLiteral("%1 (%2) served %3 (SUBSCRIBE at %4 ms, answer at %5 ms) while %6 held it"
                                             " under epoch %7 (expiring in %8 / %9 ms)")
                                  .arg(p->slot, p->instanceId.left(8), p->pool)
                                  .arg(sentWith.sentMs)
                                  .arg(receivedMs)
                                  .arg(m_cluster.nameOf(before.instanceId) + QLatin1Char(' ') + before.instanceId.left(8))
                                  .arg(before.epoch)
                                  .arg(before.expiresInUs / 1000)
                                  .arg(after.expiresInUs / 1000));
        }
    }

    test::ClusterFixture &m_cluster;
    const QStringList m_slotNames;
    const QStringList m_pools;
    QElapsedTimer m_clock;
    QTimer m_timer;
    QHash<QString, QList<Probe *>> m_probes; ///< "slot/pool" -> its sessions
    QSet<QString> m_starting;
};

/// "min/median/max ms (n)" of @p values in microseconds.
QString stats(QList<qint64> values)
{
    if (values.isEmpty())
        return QStringLiteral("none");
    std::sort(values.begin(), values.end());
    return QStringLiteral("min %1 / median %2 / max %3 ms (%4)")
        .arg(values.first() / 1000)
        .arg(values[values.size() / 2] / 1000)
        .arg(values.last() / 1000)
        .arg(values.size());
}

} // namespace

class TestClusterChaos : public QObject {
    Q_OBJECT

    test::ClusterFixture m_cluster;
    std::vector<std::unique_ptr<test::TestWallet>> m_wallets; ///< 0 mines; 1..kWallets mix
    const QStringList m_slots{QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")};

    test::TestWallet &w(int i) { return *m_wallets[size_t(i)]; }

    qint64 successfulMixes()
    {
        auto row = m_cluster.sql().queryOne("SELECT COUNT(*) FROM mix WHERE mix_status = 'SUCCESS'");
        return row && row->has_value() ? (*row)->toInt64(0).value_or(-1) : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<client::DirectoryEvent>();
        // Hundreds of client sessions: their step-by-step lines would drown the summary
        // (and QtTest stops printing after 2000 messages).
        if (!qEnvironmentVariableIsSet("WP_CHAOS_VERBOSE"))
            QLoggingCategory::setFilterRules(QStringLiteral("wp.client.*.info=false"));
        auto services = m_cluster.startServices();
        QVERIFY2(services, services ? "" : qPrintable(services.error().message));
        auto wallets = test::fundedWallets(m_cluster.node, kWallets + 1);
        QVERIFY2(wallets, wallets ? "" : qPrintable(wallets.error().message));
        m_wallets = std::move(*wallets);
        for (const QString &name : m_slots) {
            // Two pools for three slots: an instance that joins is often idle (no drain) and
            // the pools move mostly by takeovers; the mixing pool still moves often enough.
            auto started = m_cluster.start(name, QStringLiteral("[General]\npools = 0.01btc,0.001btc\n") +
                                                     test::fastMixIni(5000));
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }
        for (int i = 1; i <= kWallets; ++i) {
            auto tx0 = w(i).tx0(m_cluster.url(m_slots.first()), kMixPool, kCoinsPerWallet);
            QVERIFY2(tx0, tx0 ? "" : qPrintable(tx0.error().message));
        }
        QVERIFY(m_cluster.node.generateToAddress(1, w(0).miningAddress()));
    }

    void chaosWhileClientsMix()
    {
        // The clients: every instance of the cluster in the bootstrap list.
        client::DirectoryConfig directoryConfig;
        directoryConfig.network = btc::Network::Regtest;
        const crypto::PrivKey operatorKey = crypto::PrivKey::generate();
        directoryConfig.operatorAddress = *btc::scriptToAddress(
            test::p2wpkhOf(operatorKey.pubKey()), btc::networkParams(btc::Network::Regtest));
        for (const QString &name : m_slots)
            directoryConfig.bootstrap.append(proto::ClusterInstance{name, name, m_cluster.url(name), {}});
        directoryConfig.backoffMinMs = 300;
        directoryConfig.backoffMaxMs = 1500;
        directoryConfig.failureMemoryMs = 3000;
        auto valid = client::CoordinatorDirectory::validateConfig(directoryConfig);
        QVERIFY2(valid, valid ? "" : qPrintable(valid.error().message));
        client::CoordinatorDirectory directory(directoryConfig);
        const int height = m_cluster.node.rpc(QStringLiteral("getblockcount"))->toInt();
        test::MempoolSpends mempool;
        std::vector<std::unique_ptr<ChaosClient>> clients;
        for (int i = 1; i <= kWallets; ++i) {
            clients.push_back(std::make_unique<ChaosClient>(w(i), directory, height, m_cluster.node, mempool));
            QCOMPARE(clients.back()->coinsLeft(), kCoinsPerWallet);
        }
        const qint64 mixesBefore = successfulMixes();
        for (auto &c : clients)
            c->next();
        LeaseObserver observer(m_cluster, m_slots, {kMixPool, QStringLiteral("0.001btc")});
        observer.start();

        // The chaos.
        bool seeded = false;
        const quint32 given = qEnvironmentVariable("WP_CHAOS_SEED").toUInt(&seeded);
        const quint32 seed = seeded ? given : QRandomGenerator::global()->generate();
        qInfo("chaos seed %u (set WP_CHAOS_SEED to replay the same choices)", seed);
        QRandomGenerator random(seed);
        struct Ending {
            QString instanceId;
            qint64 dbUs;
            bool killed;
        };
        QList<Ending> endings;
        int kills = 0, terms = 0, restarts = 0, forced = 0;
        QList<qint64> stopTimesMs;
        QHash<QString, qint64> termAt; ///< instance id -> DB clock when it got SIGTERM
        QStringList doubleLeases;
        QStringList timeline;
        qint64 mixesAtHalf = -1;
        const auto reap = [&] {
            for (const test::ClusterFixture::Ended &e : m_cluster.reap(20000)) {
                endings.append({e.instanceId, termAt.value(e.instanceId, e.dbUs), false});
                stopTimesMs.append(e.stopMs);
                forced += e.forced ? 1 : 0;
            }
        };
        QElapsedTimer run;
        run.start();
        for (int cycle = 0; cycle < kCycles; ++cycle) {
            // A graceful stop may take a while (drains): it ends in the background, and is
            // seen gone within ~10 ms (its end bound).
            QElapsedTimer pause;
            pause.start();
            (void)QTest::qWaitFor([&] {
                reap();
                return pause.elapsed() >= kCycleMs;
            }, kCycleMs + 1000);
            doubleLeases += m_cluster.doubleLeases();
            const QString mixOwner = m_cluster.owners().value(kMixPool);
            const QStringList running = m_cluster.running();
            QStringList stopped;
            for (const QString &name : m_slots)
                if (!running.contains(name) && !m_cluster.isStopping(name))
                    stopped.append(name);
            QStringList actions;
            if (running.size() > 1)
                actions << QStringLiteral("kill") << QStringLiteral("term");
            if (!stopped.isEmpty())
                actions << QStringLiteral("restart");
            if (actions.isEmpty())
                continue; // one running, the others still stopping
            const QString action = actions.at(random.bounded(int(actions.size())));
            QString target;
            if (action == QLatin1String("restart")) {
                const QString name = stopped.at(random.bounded(int(stopped.size())));
                observer.setStarting(name, true);
                auto started = m_cluster.start(name);
                observer.setStarting(name, false);
                QVERIFY2(started, qPrintable(name + QStringLiteral(": ") + (started ? QString() : started.error().message)));
                ++restarts;
                target = name;
            } else if (action == QLatin1String("kill")) {
                const QString name = running.at(random.bounded(int(running.size())));
                target = name;
                const QString id = m_cluster.instanceId(name);
                const auto at = m_cluster.kill(name);
                QVERIFY2(at, "the database did not answer");
                endings.append({id, *at, true});
                ++kills;
            } else {
                const QString name = running.at(random.bounded(int(running.size())));
                target = name;
                termAt.insert(m_cluster.instanceId(name), m_cluster.dbNowUs().value_or(0));
                QVERIFY(m_cluster.terminateAsync(name));
                ++terms;
            }
            const qint64 mixes = successfulMixes() - mixesBefore;
            timeline.append(QStringLiteral("%1s %2 %3%4 (mixes %5)")
                                .arg(double(run.elapsed()) / 1000.0, 0, 'f', 1)
                                .arg(action, target, target == mixOwner ? QStringLiteral(", owner of the mixing pool") : QString())
                                .arg(mixes));
            if (cycle == kCycles / 2 - 1)
                mixesAtHalf = mixes;
        }
        const auto allReaped = [&] {
            reap();
            return std::none_of(m_slots.begin(), m_slots.end(), [&](const QString &n) { return m_cluster.isStopping(n); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allReaped(), 30000);
        observer.stop();
        const qint64 chaosMs = run.elapsed();
        const qint64 mixesAtEnd = successfulMixes() - mixesBefore;
        QStringList clientStates;
        for (auto &c : clients)
            clientStates.append(c->state());
        for (auto &c : clients)
            c->stop();
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(clients.begin(), clients.end(), [](const auto &c) { return c->idle(); }), 10000);

        // The ownership intervals of every process that ever ran.
        const qint64 now = m_cluster.dbNowUs().value_or(0);
        const test::OwnershipLog log = m_cluster.ownershipLog();
        const QStringList violations = log.violations(now);

        // Takeover times: from the SIGKILL / SIGTERM of a process holding a pool to the next
        // owner's claim.
        QList<qint64> afterKill, afterTerm;
        const QList<test::LoggedInterval> intervals = log.intervals(now);
        for (const Ending &e : std::as_const(endings)) {
            for (qsizetype i = 0; i < intervals.size(); ++i) {
                const test::LoggedInterval &held = intervals[i];
                if (held.instanceId != e.instanceId || held.endUs < e.dbUs)
                    continue; // not held any more when the signal came
                if (i + 1 < intervals.size() && intervals[i + 1].poolId == held.poolId)
                    (e.killed ? afterKill : afterTerm).append(intervals[i + 1].fromUs - e.dbUs);
            }
        }

        // Every successful mix ran under a lease its instance held (same pool, same epoch).
        QStringList unleased;
        auto rows = m_cluster.sql().query("SELECT instance_id, pool_id, epoch, mix_id,"
                                          " TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', created)"
                                          " FROM mix WHERE mix_status = 'SUCCESS'");
        QVERIFY(rows);
        for (const auto &row : *rows) {
            const QString instance = row.toString(0).value_or(QString());
            const QString pool = row.toString(1).value_or(QString());
            const qint64 epoch = row.toInt64(2).value_or(-1);
            const qint64 created = row.toInt64(4).value_or(0);
            const bool leased = std::any_of(intervals.begin(), intervals.end(), [&](const test::LoggedInterval &i) {
                return i.instanceId == instance && i.poolId == pool && i.epoch == epoch && created >= i.fromUs &&
                       created <= i.endUs;
            });
            if (!leased)
                unleased.append(QStringLiteral("%1 by %2 epoch %3").arg(row.toString(3).value_or(QString()), instance.left(8)).arg(epoch));
        }

        // Mix transactions the node has that no instance recorded as successful: broadcast by an
        // instance that was killed or stopped before it could record them (and tell the clients).
        QVERIFY(mempool.refresh(m_cluster.node));
        int unrecorded = 0;
        for (const QString &txid : mempool.txids()) {
            auto recorded = m_cluster.sql().queryOne("SELECT COUNT(*) FROM mix_log l JOIN mix m ON m.id = l.mix_id"
                                                     " WHERE l.txid = ? AND m.mix_status = 'SUCCESS'",
                                                     {txid});
            if (recorded && recorded->has_value() && (*recorded)->toInt64(0) == 0)
                ++unrecorded;
        }

        int sessions = 0, succeeded = 0, redirects = 0, failovers = 0, spentElsewhere = 0;
        QHash<QString, int> failures;
        for (const auto &c : clients) {
            sessions += c->sessions;
            succeeded += c->succeeded;
            redirects += c->redirects;
            failovers += c->failovers;
            spentElsewhere += c->spentElsewhere;
            for (auto it = c->failures.cbegin(); it != c->failures.cend(); ++it)
                failures[it.key()] += it.value();
        }
        QStringList failureText;
        for (auto it = failures.cbegin(); it != failures.cend(); ++it)
            failureText.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
        failureText.sort();
        qInfo("chaos: %d cycles in %lld ms: %d SIGKILL, %d SIGTERM, %d restarts", kCycles, chaosMs, kills, terms, restarts);
        qInfo("graceful stops (SIGTERM to exit): %s, %d forced with SIGKILL", qPrintable(stats([&] {
                  QList<qint64> us;
                  for (qint64 ms : std::as_const(stopTimesMs))
                      us.append(ms * 1000);
                  return us;
              }())),
              forced);
        qInfo("takeover after SIGKILL of an owner: %s", qPrintable(stats(afterKill)));
        qInfo("takeover after SIGTERM of an owner: %s", qPrintable(stats(afterTerm)));
        qInfo("mixes: %lld successful in the first half, %lld in all (%.1f per minute)", mixesAtHalf, mixesAtEnd,
              double(mixesAtEnd) * 60000.0 / double(chaosMs));
        qInfo("client sessions: %d started, %d succeeded; failures: %s; %d redirects followed, %d failovers", sessions,
              succeeded, qPrintable(failureText.join(QStringLiteral(", "))), redirects, failovers);
        qInfo("mix transactions broadcast but not recorded as successful: %d of %lld in the mempool; coins the clients"
              " then found spent: %d",
              unrecorded, qint64(mempool.txids().size()), spentElsewhere);
        qInfo("timeline:\n  %s", qPrintable(timeline.join(QStringLiteral("\n  "))));
        qInfo("clients at the end: %s", qPrintable(clientStates.join(QStringLiteral("; "))));
        if (const QString dir = qEnvironmentVariable("WP_CHAOS_LOGS"); !dir.isEmpty()) {
            for (const QString &name : m_slots) {
                QFile f(dir + QLatin1Char('/') + name + QStringLiteral(".log"));
                if (f.open(QIODevice::WriteOnly))
                    f.write(m_cluster.logText(name).toUtf8());
            }
        }
        qInfo("ownership intervals: %lld over %lld pools, %lld violations; double-lease samples: %lld",
              qint64(log.size()), qint64(log.pools().size()), qint64(violations.size()), qint64(doubleLeases.size()));
        QStringList answerText;
        for (auto it = observer.answers.cbegin(); it != observer.answers.cend(); ++it)
            answerText.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
        answerText.sort();
        qInfo("routing observer: %d SUBSCRIBEs over %d sessions, %d answers checked against pool_lease (%s), slowest"
              " answer %lld ms, %d unanswered (session closed), %lld served while another instance held the pool",
              observer.sent, observer.sessions, observer.checked, qPrintable(answerText.join(QStringLiteral(", "))),
              observer.slowestMs, observer.unanswered, qint64(observer.violations.size()));

        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(QLatin1Char('\n')) + QStringLiteral("\n") + log.dump(now)));
        QVERIFY2(observer.violations.isEmpty(), qPrintable(observer.violations.join(QLatin1Char('\n'))));
        QVERIFY2(observer.checked > 0, "the routing observer checked no answer");
        QVERIFY2(doubleLeases.isEmpty(), qPrintable(doubleLeases.join(QLatin1Char(','))));
        QVERIFY2(unleased.isEmpty(), qPrintable(QStringLiteral("successful mixes without a matching lease: ") +
                                               unleased.join(QStringLiteral("; "))));
        QVERIFY2(mixesAtHalf > 0, "no mix succeeded in the first half of the chaos");
        QVERIFY2(mixesAtEnd > mixesAtHalf, "no mix succeeded in the second half of the chaos");
        QVERIFY(kills > 0 && terms > 0 && restarts > 0);
        QVERIFY2(forced == 0, "a SIGTERM did not stop its instance within 20 s");
    }
};

QTEST_GUILESS_MAIN(TestClusterChaos)
#include "tst_clusterchaos.moc"
