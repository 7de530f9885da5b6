// bench_mix: three targets of docs/benchmarks.md, measured on real whirlpool-coordinator
// processes with a private MariaDB and a private bcoin regtest node:
//
//  mix       5-party mix with zero configured waits, loopback, to broadcast: <= 1 s.
//            One coordinator, pool 0.01btc, anonymity-set 5, confirm-tick-ms at its
//            minimum (10 ms), invite-delay-ms 0; five real client MixSessions with
//            premix coins of five Tx0s (one per TestWallet). Timed from the moment
//            the fifth client sent its REGISTER_INPUT until the last client got
//            SUCCESS (sent by the coordinator once bcoin accepted the broadcast);
//            the txid is then checked in bcoin's mempool. Also: from session start
//            (connect) to SUCCESS, the per-phase breakdown (client step times), and
//            the CPU time used per mix by the coordinator and by this process
//            (the five clients).
//  register  REGISTER_INPUT handling: >= 2 000/s per instance, p99 <= 50 ms. Many
//            STOMP connections each first register an "anchor" premix coin (it is
//            queued: the pool's nbRegistered counts them), then register, one
//            request in flight per connection, other real premix coins again and
//            again. Each such request runs the coordinator's whole validation
//            (ban check in MariaDB, transaction from the node, ownership signature,
//            unspent check on the node, Tx0 provenance in MariaDB + Tx0 parsing,
//            value, confirmations), passes it, and is then refused by the pool
//            queue with "Username already registered another input" because the
//            session holds its anchor: that reply is the measured answer, sent
//            right where an accepted input is queued silently.
//  liveness  DB writes for liveness: 1 per instance per renew interval. 1, 2, then 3
//            instances with the 4 default pools and no clients; MariaDB's
//            Com_insert/Com_update/Com_delete/... counters over a window once the
//            leases are settled.
//
// Baselines in the same run: the round trip of a bare UPDATE on the same MariaDB, and
// single getrawtransaction / gettxout calls to bcoin with the coordinator's RPC client.
// All waits run a real event loop (QTest::qWaitFor sleeps 10 ms between rounds of
// events, which would add up to 10 ms to every client-side step).
//
//   bench_mix [--runs N] [--quick] [--csv FILE] [--only mix|register|liveness]
//
// --quick: 3 mixes, 1 and 16 connections for 3 s, 5 s liveness windows at renew-ms 500
// (full: 10 mixes, 1/8/32/64 connections for 8 s, 30 s windows at renew-ms 1000).
// Prints a table (figure, target, measured, pass/MISS) and exits 0 when every selected
// target is met, 2 when one is missed, 1 when a service cannot start.
#include "../tests/e2e/testwallet.h"
#include "benchstats.h"

#include <crypto/random.h>
#include <db/dbconnection.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>

using namespace wp;
using bench::percentile;

namespace {

const QString kPool = QStringLiteral("0.01btc");

/// Waits as bench::waitFor(), checking every 1 ms.
bool waitFor(const std::function<bool()> &condition, int timeoutMs, int pollMs = 1)
{
    return bench::waitFor(condition, timeoutMs, pollMs);
}

/// Runs the event loop for @p ms.
void runEventsFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

/// CPU time (user + system) of this process, in ms.
double selfCpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

/// CPU time (user + system) of process @p pid from /proc, in ms; -1 if unreadable.
double processCpuMs(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    const double ticks = double(fields[11].toLongLong() + fields[12].toLongLong());
    return ticks * 1e3 / double(sysconf(_SC_CLK_TCK));
}

/// The machine's load average (other work shares the 2 cores), for the record.
QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2) : QString();
}

/// One line of the final table.
struct Figure {
    QString figure;
    QString target;
    QString measured;
    bool pass = false;
};

/// Benchmark-wide state: services, wallets, CSV, results.
struct Bench {
    test::MariaDbServer db;
    test::BcoinNode node;
    std::unique_ptr<server::db::DbConnection> conn;
    std::vector<std::unique_ptr<test::TestWallet>> wallets; ///< 0 mines; 1..5 mix; 6, 7 register
    QFile csv;
    QList<Figure> figures;
    bool quick = false;
    int runs = 10;

    test::TestWallet &w(int i) { return *wallets[size_t(i)]; }
    int tip() { return node.rpc(QStringLiteral("getblockcount"))->toInt(); }
    bool mine(int n = 1) { return bool(node.generateToAddress(n, w(0).miningAddress())); }

    void csvRow(const QString &section, const QString &metric, double value)
    {
        csv.write(QStringLiteral("%1,%2,%3\n").arg(section, metric).arg(value, 0, 'f', 3).toUtf8());
    }

    test::CoordinatorProcess::Config config(const QString &name, const QString &ini)
    {
        test::CoordinatorProcess::Config c = test::coordinatorConfig(name, db, node);
        c.extraIni = ini;
        return c;
    }

    /// GET /rest/pools of @p url: the pool 0.01btc, or nullopt.
    std::optional<proto::PoolInfo> poolInfo(const QString &url)
    {
        client::CoordinatorRestClient rest(QUrl(url), {});
        std::optional<Result<proto::PoolsResponse>> pools;
        QObject ctx;
        rest.fetchPools(&ctx, [&](Result<proto::PoolsResponse> r) { pools.emplace(std::move(r)); });
        if (!waitFor([&] { return pools.has_value(); }, 10000) || !*pools)
            return std::nullopt;
        for (const proto::PoolInfo &p : (*pools)->pools)
            if (p.poolId == kPool)
                return p;
        return std::nullopt;
    }
};

/// An Error naming @p what went wrong.
Error failed(const char *what, const Error &e) { return Error(QStringLiteral("%1: %2").arg(QLatin1String(what), e.message)); }

// ---- baseline ----------------------------------------------------------------------------------

QList<double> bareUpdateMs(Bench &b)
{
    QList<double> ms;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        if (!b.conn->exec("UPDATE pool_lease SET expires_at = expires_at WHERE pool_id = 'none'"))
            break;
        ms.append(double(t.nsecsElapsed()) / 1e6);
    }
    return ms;
}

// ---- 1. five-party mix -------------------------------------------------------------------------

/// Step times of one session, ms since the run started (-1: not reached).
struct SessionTimes {
    std::map<client::MixStep, double> firstAt;
    QString txid;
    QString failure;
    bool done = false;
};

Result<void> benchMix(Bench &b)
{
    const int runs = b.runs;
    test::CoordinatorProcess coordinator;
    // Zero configured waits: the CONFIRM_INPUT tick at its minimum (10 ms), no invitation
    // delay. The phase timeouts only matter when a client misbehaves.
    const QString ini = QStringLiteral("[General]\npools = 0.01btc\ninvite-delay-ms = 0\n"
                                       "[timings]\nconfirm-tick-ms = 10\nregister-output-ms = 10000\n"
                                       "reveal-output-ms = 5000\nsigning-ms = 10000\n"
                                       "[pool.0.01btc]\nanonymity-set = 5\nmin-must-mix = 2\nmin-liquidity = 0\n");
    if (auto started = coordinator.start(b.config(QStringLiteral("mix"), ini)); !started)
        return failed("coordinator", started.error());

    // One Tx0 per mixing wallet with one premix coin per run.
    for (int i = 1; i <= 5; ++i)
        if (auto tx0 = b.w(i).tx0(coordinator.url(), kPool, runs); !tx0)
            return failed("tx0", tx0.error());
    if (!b.mine())
        return wp::fail(QStringLiteral("cannot mine"));
    QList<QList<client::Utxo>> coins(6);
    for (int i = 1; i <= 5; ++i) {
        coins[i] = b.w(i).coins(client::WalletAccount::Premix);
        if (coins[i].size() < runs)
            return wp::fail(QStringLiteral("wallet %1 has %2 premix coins, %3 needed").arg(i).arg(coins[i].size()).arg(runs));
    }

    QList<double> fromFifth, fromStart, registerPhase, confirmPhase, outputPhase, signPhase, successPhase;
    QList<double> serverCpu, clientCpu;
    int inMempool = 0;
    for (int run = 0; run < runs; ++run) {
        // The pool is collecting inputs for a fresh mix (its RSA key is ready).
        const auto before = b.poolInfo(coordinator.url());
        if (!before || before->mixStatus != QLatin1String("CONFIRM_INPUT") || before->nbConfirmed != 0)
            return wp::fail(QStringLiteral("pool not ready for run %1").arg(run));

        const int height = b.tip();
        std::vector<SessionTimes> times(5);
        std::vector<std::unique_ptr<client::MixSession>> sessions;
        QElapsedTimer clock;
        const double cpuSelf0 = selfCpuMs();
        const double cpuServer0 = processCpuMs(coordinator.pid());
        clock.start();
        for (int i = 0; i < 5; ++i) {
            sessions.push_back(b.w(i + 1).session(coins[i + 1][run], coordinator.url(), height));
            client::MixSession *s = sessions.back().get();
            SessionTimes *t = &times[size_t(i)];
            QObject::connect(s, &client::MixSession::stepChanged, s, [t, &clock](client::MixStep step) {
                t->firstAt.try_emplace(step, double(clock.nsecsElapsed()) / 1e6);
            });
            QObject::connect(s, &client::MixSession::succeeded, s, [t](const QString &txid) {
                t->done = true;
                t->txid = txid;
            });
            QObject::connect(s, &client::MixSession::failed, s, [t](client::MixFailReason, const QString &m, int) {
                t->done = true;
                t->failure = m.isEmpty() ? QStringLiteral("failed") : m;
            });
            s->start();
        }
        if (!waitFor([&] { return std::all_of(times.begin(), times.end(), [](const SessionTimes &t) { return t.done; }); },
                     60000))
            return wp::fail(QStringLiteral("run %1: the mix did not end within 60 s; coordinator log:\n%2")
                                .arg(run)
                                .arg(coordinator.logText().right(2000)));
        const double cpuSelf = selfCpuMs() - cpuSelf0;
        const double cpuServer = processCpuMs(coordinator.pid()) - cpuServer0;
        for (const SessionTimes &t : times)
            if (!t.failure.isEmpty() || t.txid != times.front().txid)
                return wp::fail(QStringLiteral("run %1: a session did not succeed: %2").arg(run).arg(t.failure));

        auto lastAt = [&](client::MixStep step) {
            double last = 0;
            for (const SessionTimes &t : times) {
                const auto it = t.firstAt.find(step);
                last = std::max(last, it == t.firstAt.end() ? 0.0 : it->second);
            }
            return last;
        };
        const double registered = lastAt(client::MixStep::RegisteredInput);
        const double confirmed = lastAt(client::MixStep::ConfirmedInput);
        const double outputs = lastAt(client::MixStep::RegisteredOutput);
        const double signedAt = lastAt(client::MixStep::Signed);
        const double success = lastAt(client::MixStep::Success);
        fromFifth.append(success - registered);
        fromStart.append(success);
        registerPhase.append(registered);
        confirmPhase.append(confirmed - registered);
        outputPhase.append(outputs - confirmed);
        signPhase.append(signedAt - outputs);
        successPhase.append(success - signedAt);
        serverCpu.append(cpuServer);
        clientCpu.append(cpuSelf);

        const QString txid = times.front().txid;
        auto mempool = b.node.rpc(QStringLiteral("getrawmempool"));
        if (mempool && mempool->toArray().contains(txid))
            ++inMempool;
        b.csvRow(QStringLiteral("mix"), QStringLiteral("fifth_input_to_success_ms"), success - registered);
        b.csvRow(QStringLiteral("mix"), QStringLiteral("start_to_success_ms"), success);
        std::printf("mix run %2d: 5th input -> SUCCESS %6.1f ms (start -> SUCCESS %6.1f ms; register %5.1f, "
                    "confirm %5.1f, outputs %5.1f, sign %5.1f, broadcast+success %5.1f; CPU server %4.0f ms, "
                    "clients %4.0f ms)\n",
                    run, success - registered, success, registered, confirmed - registered, outputs - confirmed,
                    signedAt - outputs, success - signedAt, cpuServer, cpuSelf);
        std::fflush(stdout);
        sessions.clear();
        if (!b.mine())
            return wp::fail(QStringLiteral("cannot mine"));

        // Wait for the next mix (a new id) before the next run.
        const QString previous = before->mixId;
        if (!waitFor(
                [&] {
                    const auto p = b.poolInfo(coordinator.url());
                    return p && p->mixId != previous && p->mixStatus == QLatin1String("CONFIRM_INPUT");
                },
                20000, 20))
            return wp::fail(QStringLiteral("no new mix after run %1").arg(run));
    }

    auto line = [](const char *what, const QList<double> &ms) {
        std::printf("  %-34s median %7.1f  p90 %7.1f  max %7.1f ms\n", what, percentile(ms, 0.5), percentile(ms, 0.9),
                    percentile(ms, 1.0));
    };
    std::printf("\n5-party mix, %d runs (confirm-tick-ms 10, invite-delay-ms 0; %d/%d txids found in bcoin's mempool)\n",
                runs, inMempool, runs);
    line("5th REGISTER_INPUT sent -> SUCCESS", fromFifth);
    line("session start -> SUCCESS", fromStart);
    line("  start -> 5th input sent", registerPhase);
    line("  -> all CONFIRMED_INPUT", confirmPhase);
    line("  -> all REGISTERED_OUTPUT", outputPhase);
    line("  -> all SIGNED", signPhase);
    line("  -> all SUCCESS (broadcast)", successPhase);
    line("CPU per mix: coordinator", serverCpu);
    line("CPU per mix: 5 clients (this process)", clientCpu);
    for (const auto &[name, values] : {std::pair{"p50", 0.5}, std::pair{"p90", 0.9}, std::pair{"max", 1.0}}) {
        b.csvRow(QStringLiteral("mix_summary"), QStringLiteral("fifth_input_to_success_%1_ms").arg(QLatin1String(name)),
                 percentile(fromFifth, values));
        b.csvRow(QStringLiteral("mix_summary"), QStringLiteral("start_to_success_%1_ms").arg(QLatin1String(name)),
                 percentile(fromStart, values));
    }
    b.csvRow(QStringLiteral("mix_summary"), QStringLiteral("coordinator_cpu_p50_ms"), percentile(serverCpu, 0.5));
    b.csvRow(QStringLiteral("mix_summary"), QStringLiteral("clients_cpu_p50_ms"), percentile(clientCpu, 0.5));

    const double median = percentile(fromFifth, 0.5);
    b.figures.append({QStringLiteral("5-party mix, 5th input -> broadcast (median)"), QStringLiteral("<= 1000 ms"),
                      QStringLiteral("%1 ms (p90 %2, max %3)")
                          .arg(median, 0, 'f', 0)
                          .arg(percentile(fromFifth, 0.9), 0, 'f', 0)
                          .arg(percentile(fromFifth, 1.0), 0, 'f', 0),
                      median <= 1000 && inMempool == runs});
    b.figures.append({QStringLiteral("5-party mix, session start -> broadcast (median)"), QStringLiteral("(info)"),
                      QStringLiteral("%1 ms").arg(percentile(fromStart, 0.5), 0, 'f', 0), true});
    coordinator.stop();
    return {};
}

// ---- 2. REGISTER_INPUT rate --------------------------------------------------------------------

/// A signed RegisterInputRequest body for a premix coin of wallet @p w.
QByteArray registerBody(test::TestWallet &w, const client::Utxo &u, int height)
{
    proto::RegisterInputRequest r;
    r.poolId = kPool;
    r.utxoHash = u.outpoint.txid.toHex();
    r.utxoIndex = u.outpoint.index;
    r.signature = crypto::signMessage(*w.book().keys().privKey(u.path), kPool.toUtf8());
    r.liquidity = false;
    r.blockHeight = height;
    return proto::toJsonBytes(r.toJson());
}

/// One load connection: one request in flight.
struct LoadConnection {
    client::StompClient stomp;
    QElapsedTimer sentAt;
    bool waiting = false;
    int next = 0; ///< index into the target bodies
};

/// What one load level measured.
struct RegisterLevel {
    int connections = 0;
    double rate = 0;
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    double max = 0;
    int answered = 0;
};

/// Coins and coordinator of the REGISTER_INPUT part.
struct RegisterSetup {
    test::CoordinatorProcess coordinator;
    QList<QByteArray> anchorBodies;
    QList<QByteArray> targetBodies;
};

/// Runs @p connections closed-loop connections for a window. See the file comment.
Result<RegisterLevel> registerLevel(Bench &b, RegisterSetup &setup, int connections)
{
    const int warmupMs = 1000;
    const int windowMs = b.quick ? 3000 : 8000;
    QUrl ws(setup.coordinator.url() + QString::fromLatin1(proto::endpoint::kWsConnect));
    ws.setScheme(QStringLiteral("ws"));
    std::vector<std::unique_ptr<LoadConnection>> load;
    QList<double> latencyMs;
    std::map<QString, int> otherReplies;
    bool measuring = false;
    bool sending = false;
    QElapsedTimer clock;
    int answeredInWindow = 0;
    const QList<QByteArray> &targets = setup.targetBodies;

    auto sendNext = [&](LoadConnection &c) {
        c.sentAt.start();
        c.waiting = true;
        c.stomp.send(proto::endpoint::kWsRegisterInput, targets[c.next]);
        c.next = (c.next + 1) % int(targets.size());
    };
    int subscribed = 0;
    for (int i = 0; i < connections; ++i) {
        load.push_back(std::make_unique<LoadConnection>());
        LoadConnection &c = *load.back();
        c.next = i % int(targets.size());
        c.stomp.setHeartbeat(0, 0);
        QObject::connect(&c.stomp, &client::StompClient::connected, &c.stomp, [&c] {
            c.stomp.subscribe(proto::endpoint::kPrivateReply, {{proto::header::kPoolId, kPool.toUtf8()}});
        });
        QObject::connect(&c.stomp, &client::StompClient::messageReceived, &c.stomp,
                         [&, conn = &c](const QString &type, const proto::StompFrame &frame) {
                             const QString shortType = proto::messageTypeShortName(type);
                             if (shortType == QLatin1String("SubscribePoolResponse")) {
                                 ++subscribed;
                                 return;
                             }
                             const QString message =
                                 QJsonDocument::fromJson(frame.body()).object().value(QStringLiteral("message")).toString();
                             if (!conn->waiting) {
                                 ++otherReplies[shortType + QStringLiteral(": ") + message];
                                 return;
                             }
                             conn->waiting = false;
                             const double ms = double(conn->sentAt.nsecsElapsed()) / 1e6;
                             if (message == QLatin1String("Username already registered another input")) {
                                 if (measuring && clock.elapsed() <= windowMs) {
                                     latencyMs.append(ms);
                                     ++answeredInWindow;
                                 }
                             } else {
                                 ++otherReplies[shortType + QStringLiteral(": ") + message];
                             }
                             if (sending)
                                 sendNext(*conn);
                         });
        c.stomp.connectToServer(ws);
    }
    if (!waitFor([&] { return subscribed == connections; }, 30000))
        return wp::fail(QStringLiteral("only %1 of %2 connections subscribed").arg(subscribed).arg(connections));

    // Anchors: each connection's first input, accepted and queued (the pool counts them;
    // the sessions of an earlier level are gone, and their inputs with them).
    QElapsedTimer anchorClock;
    anchorClock.start();
    for (int i = 0; i < connections; ++i)
        load[size_t(i)]->stomp.send(proto::endpoint::kWsRegisterInput, setup.anchorBodies[i]);
    if (!waitFor(
            [&] {
                const auto p = b.poolInfo(setup.coordinator.url());
                return p && p->nbRegistered == connections;
            },
            30000, 20)) {
        QString others;
        for (const auto &[text, n] : otherReplies)
            others += QStringLiteral("\n  %1 x %2").arg(n).arg(text);
        return wp::fail(QStringLiteral("the %1 anchor inputs were not all queued:%2").arg(connections).arg(others));
    }
    const double anchorMs = double(anchorClock.nsecsElapsed()) / 1e6;

    // Closed loop: every connection sends its next registration when answered.
    sending = true;
    for (auto &c : load)
        sendNext(*c);
    runEventsFor(warmupMs);
    measuring = true;
    clock.start();
    const qint64 nodePid = b.node.process().value(QStringLiteral("pid")).toLongLong();
    const qint64 dbPid = b.db.process().value(QStringLiteral("pid")).toLongLong();
    const double cpuServer0 = processCpuMs(setup.coordinator.pid());
    const double cpuNode0 = processCpuMs(nodePid);
    const double cpuDb0 = processCpuMs(dbPid);
    const double cpuSelf0 = selfCpuMs();
    runEventsFor(windowMs);
    const double cpuServer = processCpuMs(setup.coordinator.pid()) - cpuServer0;
    const double cpuNode = processCpuMs(nodePid) - cpuNode0;
    const double cpuDb = processCpuMs(dbPid) - cpuDb0;
    const double cpuSelf = selfCpuMs() - cpuSelf0;
    sending = false;
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    (void)waitFor([&] { return std::none_of(load.begin(), load.end(), [](const auto &c) { return c->waiting; }); }, 10000);

    RegisterLevel level;
    level.connections = connections;
    level.answered = answeredInWindow;
    level.rate = double(answeredInWindow) / seconds;
    level.p50 = percentile(latencyMs, 0.5);
    level.p90 = percentile(latencyMs, 0.9);
    level.p99 = percentile(latencyMs, 0.99);
    level.max = percentile(latencyMs, 1.0);
    std::printf("  %3d connections: %5d validated in %.1f s = %5.0f /s; latency median %6.1f  p90 %6.1f  p99 %6.1f  "
                "max %6.1f ms (anchors queued in %.0f ms)\n",
                connections, answeredInWindow, seconds, level.rate, level.p50, level.p90, level.p99, level.max, anchorMs);
    std::printf("       CPU ms per s (2 cores = 2000): coordinator %.0f (%.2f ms per registration), bcoin %.0f, "
                "MariaDB %.0f, load generator %.0f\n",
                cpuServer / seconds, answeredInWindow ? cpuServer / answeredInWindow : 0.0, cpuNode / seconds,
                cpuDb / seconds, cpuSelf / seconds);
    for (const auto &[text, n] : otherReplies)
        std::printf("       unexpected reply x %d: %s\n", n, qPrintable(text));
    std::fflush(stdout);
    const QString suffix = QStringLiteral("_c%1").arg(connections);
    b.csvRow(QStringLiteral("register"), QStringLiteral("rate_per_s") + suffix, level.rate);
    b.csvRow(QStringLiteral("register"), QStringLiteral("latency_p50_ms") + suffix, level.p50);
    b.csvRow(QStringLiteral("register"), QStringLiteral("latency_p99_ms") + suffix, level.p99);
    b.csvRow(QStringLiteral("register"), QStringLiteral("coordinator_cpu_ms_per_registration") + suffix,
             answeredInWindow ? cpuServer / answeredInWindow : 0.0);
    for (auto &c : load)
        c->stomp.disconnectFromServer();
    return level;
}

/// Baseline: sequential round trips of the two node calls a registration makes, with the
/// coordinator's own RPC client, for a real premix coin (its Tx0 has @p outputs outputs).
void nodeBaseline(Bench &b, const client::Utxo &coin, int outputs)
{
    wp::net::NodeRpcClient rpc(wp::net::NodeRpcConfig{QUrl(b.node.url()), QStringLiteral("x"), b.node.apiKey(), {}, 15000});
    QObject ctx;
    const QString txid = coin.outpoint.txid.toHex();
    QList<double> raw, out;
    for (int i = 0; i < 100; ++i) {
        bool done = false;
        QElapsedTimer t;
        t.start();
        rpc.getRawTransactionInfo(txid, &ctx, [&](Result<wp::net::RawTransactionInfo>) { done = true; });
        (void)waitFor([&] { return done; }, 15000);
        raw.append(double(t.nsecsElapsed()) / 1e6);
        done = false;
        t.start();
        rpc.getTxOut(txid, int(coin.outpoint.index), &ctx, [&](Result<std::optional<wp::net::TxOutInfo>>) { done = true; });
        (void)waitFor([&] { return done; }, 15000);
        out.append(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("  baseline, one bcoin RPC at a time (NodeRpcClient): getrawtransaction (Tx0 of %d outputs) median %.1f ms"
                " p99 %.1f ms; gettxout median %.1f ms p99 %.1f ms\n",
                outputs, percentile(raw, 0.5), percentile(raw, 0.99), percentile(out, 0.5), percentile(out, 0.99));
    b.csvRow(QStringLiteral("baseline"), QStringLiteral("node_getrawtransaction_p50_ms"), percentile(raw, 0.5));
    b.csvRow(QStringLiteral("baseline"), QStringLiteral("node_gettxout_p50_ms"), percentile(out, 0.5));
}

Result<void> benchRegister(Bench &b)
{
    const QList<int> levels = b.quick ? QList<int>{1, 16} : QList<int>{1, 8, 32, 64};
    const int coinsPerTx0 = 70; // the classic tx0-max-outputs: the largest Tx0 a client makes
    RegisterSetup setup;
    // A CONFIRM_INPUT tick of an hour: no invitation takes an anchor out of the queue.
    // Per-session frame limits raised: the load generator sends as fast as it is answered.
    const QString ini = QStringLiteral("[General]\npools = 0.01btc\n"
                                       "[timings]\nconfirm-tick-ms = 3600000\n"
                                       "[limits]\nframes-per-second = 100000\nframe-burst = 100000\n"
                                       "max-connections-per-ip = 100000\n"
                                       "[pool.0.01btc]\nanonymity-set = 5\nmin-must-mix = 2\nmin-liquidity = 0\n"
                                       "tx0-max-outputs = %1\n")
                            .arg(coinsPerTx0);
    if (auto started = setup.coordinator.start(b.config(QStringLiteral("register"), ini)); !started)
        return failed("coordinator", started.error());
    for (int i = 6; i <= 7; ++i)
        if (auto tx0 = b.w(i).tx0(setup.coordinator.url(), kPool, coinsPerTx0); !tx0)
            return failed("tx0", tx0.error());
    if (!b.mine())
        return wp::fail(QStringLiteral("cannot mine"));
    const QList<client::Utxo> anchors = b.w(6).coins(client::WalletAccount::Premix);
    const QList<client::Utxo> targets = b.w(7).coins(client::WalletAccount::Premix);
    const int height = b.tip();
    for (const client::Utxo &u : anchors)
        setup.anchorBodies.append(registerBody(b.w(6), u, height));
    for (const client::Utxo &u : targets)
        setup.targetBodies.append(registerBody(b.w(7), u, height));
    if (setup.anchorBodies.size() < *std::max_element(levels.begin(), levels.end()) || targets.isEmpty())
        return wp::fail(QStringLiteral("not enough premix coins (%1 / %2)").arg(anchors.size()).arg(targets.size()));

    std::printf("\nREGISTER_INPUT, one instance: premix coins of 2 Tx0s of %d outputs; each request is fully validated"
                " and answered by the pool queue\n",
                coinsPerTx0);
    nodeBaseline(b, targets.first(), coinsPerTx0);
    QList<RegisterLevel> results;
    for (int connections : levels) {
        auto level = registerLevel(b, setup, connections);
        if (!level)
            return level.error();
        results.append(*level);
    }
    const auto best = std::max_element(results.begin(), results.end(),
                                       [](const RegisterLevel &x, const RegisterLevel &y) { return x.rate < y.rate; });
    const auto fastest = std::min_element(results.begin(), results.end(),
                                          [](const RegisterLevel &x, const RegisterLevel &y) { return x.p99 < y.p99; });
    b.figures.append({QStringLiteral("REGISTER_INPUT validated, per instance (best)"), QStringLiteral(">= 2000 /s"),
                      QStringLiteral("%1 /s (%2 conn., p99 %3 ms)")
                          .arg(best->rate, 0, 'f', 0)
                          .arg(best->connections)
                          .arg(best->p99, 0, 'f', 0),
                      best->rate >= 2000 && best->p99 <= 50});
    b.figures.append({QStringLiteral("REGISTER_INPUT latency p99 (lowest load)"), QStringLiteral("<= 50 ms"),
                      QStringLiteral("%1 ms at %2 /s (%3 conn.)")
                          .arg(fastest->p99, 0, 'f', 1)
                          .arg(fastest->rate, 0, 'f', 0)
                          .arg(fastest->connections),
                      fastest->p99 <= 50 && fastest->answered > 0});
    setup.coordinator.stop();
    return {};
}

// ---- 3. liveness writes ------------------------------------------------------------------------

/// Sum of MariaDB's write statement counters (Com_insert, Com_update, Com_delete, ... incl. multi-table).
Result<qint64> writeCounter(Bench &b)
{
    auto rows = b.conn->query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_insert', 'Com_insert_select',"
                              " 'Com_update', 'Com_update_multi', 'Com_delete', 'Com_delete_multi', 'Com_replace',"
                              " 'Com_replace_select')");
    if (!rows)
        return rows.error();
    qint64 sum = 0;
    for (const server::db::DbRow &row : *rows)
        sum += row.toString(1).value_or(QString()).toLongLong();
    return sum;
}

/// Pools owned now, by instance name.
std::map<QString, int> owners(Bench &b)
{
    std::map<QString, int> out;
    auto rows = b.conn->query("SELECT i.name FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id"
                              " WHERE l.expires_at > UTC_TIMESTAMP(6)");
    if (rows)
        for (const server::db::DbRow &row : *rows)
            ++out[row.toString(0).value_or(QString())];
    return out;
}

Result<void> benchLiveness(Bench &b)
{
    const int renewMs = b.quick ? 500 : 1000;
    const int windowMs = b.quick ? 5000 : 30000;
    const QString ini = QStringLiteral("[cluster]\nrenew-ms = %1\nlease-ttl-ms = %2\nfence-ms = %3\n")
                            .arg(renewMs)
                            .arg(renewMs * 6)
                            .arg(renewMs * 4);
    std::vector<std::unique_ptr<test::CoordinatorProcess>> instances;
    std::printf("\nLiveness writes: 4 pools, renew-ms %d, %d s windows, no clients\n", renewMs, windowMs / 1000);
    double worst = 0;
    for (int count = 1; count <= 3; ++count) {
        instances.push_back(std::make_unique<test::CoordinatorProcess>());
        if (auto started = instances.back()->start(b.config(QStringLiteral("live%1").arg(count), ini)); !started)
            return failed("coordinator", started.error());
        // Settled: all 4 pools owned, every instance owns one, and no change for 3 renew intervals.
        std::map<QString, int> last;
        QElapsedTimer stable;
        stable.start();
        const bool settled = waitFor(
            [&] {
                const auto now = owners(b);
                if (now != last) {
                    last = now;
                    stable.restart();
                }
                int total = 0;
                for (const auto &entry : now)
                    total += entry.second;
                return total == 4 && int(now.size()) == count && stable.elapsed() >= 3 * renewMs;
            },
            60000, 100);
        const auto before = writeCounter(b);
        if (!before)
            return failed("SHOW GLOBAL STATUS", before.error());
        QElapsedTimer window;
        window.start();
        runEventsFor(windowMs);
        const auto afterCount = writeCounter(b);
        if (!afterCount)
            return failed("SHOW GLOBAL STATUS", afterCount.error());
        const double intervals = double(window.elapsed()) / renewMs;
        const qint64 writes = *afterCount - *before;
        const double perInstance = double(writes) / (intervals * count);
        worst = std::max(worst, perInstance);
        QString split;
        for (const auto &[name, n] : owners(b))
            split += QStringLiteral(" %1:%2").arg(name).arg(n);
        std::printf("  %d instance(s): %lld writes in %.1f renew intervals = %.2f per instance per interval "
                    "(leases%s%s)\n",
                    count, writes, intervals, perInstance, qPrintable(split), settled ? "" : "; NOT settled");
        std::fflush(stdout);
        b.csvRow(QStringLiteral("liveness"), QStringLiteral("writes_per_instance_per_interval_%1").arg(count), perInstance);
    }
    b.figures.append({QStringLiteral("DB writes for liveness (worst of 1-3 instances)"),
                      QStringLiteral("1 / instance / renew"), QStringLiteral("%1").arg(worst, 0, 'f', 2), worst <= 1.05});
    for (auto &i : instances)
        i->stop();
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("wp.*.info=false")); // the clients' step logs
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Mix latency, REGISTER_INPUT rate and liveness DB writes"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("runs"), QStringLiteral("mixes to time (default 10, --quick 3)"), QStringLiteral("N")});
    parser.addOption({QStringLiteral("quick"), QStringLiteral("short windows and fewer connections")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("CSV output (default bench-mix.csv)"), QStringLiteral("FILE"),
                      QStringLiteral("bench-mix.csv")});
    parser.addOption({QStringLiteral("only"), QStringLiteral("one part: mix, register or liveness"), QStringLiteral("part")});
    parser.process(app);

    Bench b;
    b.quick = parser.isSet(QStringLiteral("quick"));
    b.runs = std::clamp(parser.isSet(QStringLiteral("runs")) ? parser.value(QStringLiteral("runs")).toInt() : (b.quick ? 3 : 10),
                        1, 60);
    const QString only = parser.value(QStringLiteral("only"));
    if (!only.isEmpty() && only != QLatin1String("mix") && only != QLatin1String("register") &&
        only != QLatin1String("liveness")) {
        std::fprintf(stderr, "bench_mix: --only takes mix, register or liveness\n");
        return 1;
    }
    auto selected = [&](const char *part) { return only.isEmpty() || only == QLatin1String(part); };

    b.csv.setFileName(parser.value(QStringLiteral("csv")));
    if (!b.csv.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "bench_mix: cannot write %s\n", qPrintable(b.csv.fileName()));
        return 1;
    }
    b.csv.write("section,metric,value\n");
    if (auto db = b.db.start(); !db) {
        std::fprintf(stderr, "bench_mix: MariaDB: %s\n", qPrintable(db.error().message));
        return 1;
    }
    if (auto node = b.node.start(); !node) {
        std::fprintf(stderr, "bench_mix: bcoin: %s\n", qPrintable(node.error().message));
        return 1;
    }

    // Wallets with a mature coinbase each (segwit active from height 432 on bcoin regtest).
    if (selected("mix") || selected("register")) {
        for (int i = 0; i <= 7; ++i)
            b.wallets.push_back(std::make_unique<test::TestWallet>(*btc::entropyToMnemonic(crypto::randomBytes(16)), b.node));
        bool mined = bool(b.node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, b.w(0).miningAddress()));
        for (int i = 1; i <= 7 && mined; ++i)
            mined = bool(b.node.generateToAddress(1, b.w(i).miningAddress()));
        if (!mined || !b.mine(100)) {
            std::fprintf(stderr, "bench_mix: cannot mine the test chain\n");
            return 1;
        }
    }

    auto runPart = [&](const char *part, const std::function<Result<void>()> &body) {
        if (!selected(part))
            return;
        std::printf("\n[%s] load average before: %s\n", part, qPrintable(loadAverage()));
        if (auto r = body(); !r) {
            std::fprintf(stderr, "bench_mix %s: %s\n", part, qPrintable(r.error().message));
            b.figures.append({QLatin1String(part), QStringLiteral("-"),
                              QStringLiteral("not measured: ") + r.error().message.left(60), false});
        }
    };
    b.conn = std::make_unique<server::db::DbConnection>(test::dbConfigForCoordinator(b.db.address()));
    if (auto c = b.conn->connect(); !c) {
        std::fprintf(stderr, "bench_mix: MariaDB: %s\n", qPrintable(c.error().message));
        return 1;
    }
    runPart("mix", [&] { return benchMix(b); });
    runPart("register", [&] { return benchRegister(b); });
    runPart("liveness", [&] { return benchLiveness(b); });

    // Last, so that it adds nothing to the liveness windows (and the schema exists by now).
    const QList<double> updateMs = bareUpdateMs(b);
    if (updateMs.isEmpty()) {
        std::fprintf(stderr, "bench_mix: baseline UPDATE failed\n");
        return 1;
    }
    std::printf("\nbaseline: bare UPDATE round trip on the same MariaDB: median %.3f ms, p99 %.3f ms (%d runs)\n",
                percentile(updateMs, 0.5), percentile(updateMs, 0.99), int(updateMs.size()));
    b.csvRow(QStringLiteral("baseline"), QStringLiteral("bare_update_p50_ms"), percentile(updateMs, 0.5));
    b.csvRow(QStringLiteral("baseline"), QStringLiteral("bare_update_p99_ms"), percentile(updateMs, 0.99));

    std::printf("\n%-50s %-22s %-34s %s\n", "figure", "target", "measured", "result");
    bool allPass = true;
    for (const Figure &f : b.figures) {
        std::printf("%-50s %-22s %-34s %s\n", qPrintable(f.figure), qPrintable(f.target), qPrintable(f.measured),
                    f.pass ? "pass" : "MISS");
        allPass = allPass && f.pass;
    }
    std::printf("CSV: %s\n", qPrintable(b.csv.fileName()));
    return allPass ? 0 : 2;
}
