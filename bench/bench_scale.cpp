// bench_scale: the connection-scale targets of docs/benchmarks.md, measured on real
// whirlpool-coordinator processes (private MariaDB + bcoin, as the e2e tests run them):
//
//   1. subscribed STOMP clients on one instance: >= 95 % of the fd hard limit, RSS <= 600 MB;
//   2. messages at 10 000 connections: >= 20 000 msg/s, p99 round trip <= 100 ms;
//   3. reconnect storm: the clients of a killed (kill -9) pool owner are back, subscribed
//      on the new owner, within 10 s, with no connection reset.
//
//   bench_scale [--clients N] [--message-clients N] [--storm-clients N] [--rate R]
//               [--seconds S] [--inflight K] [--quick] [--csv FILE]
//
// Baseline in the same run: a bare QWebSocketServer (accept + echo, UNIX event
// dispatcher, backlog 1024) in a child process of this binary (`--bare-server`): the
// clients and the server cannot share one process's 20 000 fds. It gets the same
// clients, the same requests and the same storm (kill -9 of one bare server, reconnect
// to a second), so every figure reads as a ratio to what plain QtWebSockets does here.
//
// The clients (wsload.h) are raw sockets under epoll on one thread, so the load
// process stays cheap next to the server it measures. A "subscribed client" does what
// the classic client does: upgrade on /ws/connect offering v12/v11/v10.stomp, CONNECT,
// CONNECTED, SUBSCRIBE /private/reply with poolId, SubscribePoolResponse.
//
// The request of target 2 is a re-subscription: one WebSocket message holding
// UNSUBSCRIBE of the client's previous subscription and SUBSCRIBE /private/reply to
// the pool again, answered with a SubscribePoolResponse MESSAGE. It is the only request
// of the protocol that the server answers from memory alone (pool configuration, no node,
// no database, no RSA) and which every client sends; it goes through the whole stack:
// WebSocket, STOMP parsing, the per-session rate limit, StompController, JSON and the
// MESSAGE frame. The classic protocol has no echo (heart-beats are not answered). It is
// two STOMP frames, and the server closes a session above 50 frames/s: each client sends
// at most 20 requests/s, and the closed loop uses every message client as a sender, so
// the limit (20 x 10 000 = 200 000/s) is not what caps the figure.
//
// Open loop (target 2's p99): the target rate is offered, spread round-robin over all
// clients (2 per client per second at 20 000/s over 10 000), and the round trip of
// every reply is timed. Closed loop (target 2's msg/s): senders each keep one request
// in flight (at most 20/s each); the reply rate is the server's saturation throughput.
//
// Storm (target 3): pool 0.01btc is owned by instance alpha, which holds the clients;
// beta runs on the same database. alpha gets SIGKILL; every client reconnects at once
// to beta (the load process keeps --inflight handshakes in flight, as a real crowd is
// spread by its back-off) and re-subscribes. Until beta owns the pool (lease TTL 3 s,
// renew 0.5 s, fence 2 s as in bench_failover) it answers RedirectResponse with
// retryAfterMs; the clients retry then. Measured: kill -> every client subscribed on
// beta; failures are resets, refused connects, non-101 answers, closes, STOMP ERRORs.
#include "../tests/e2e/e2ehelpers.h"
#include "benchstats.h"
#include "wsload.h"

#include <db/dbconnection.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QThread>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace wp;
using bench::percentile;

namespace {

const QString kPool = QStringLiteral("0.01btc");
constexpr int kSettleMs = 2000;

/// Raises the soft RLIMIT_NOFILE to the hard limit. Returns: the hard limit.
int raiseFileLimit()
{
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 1024;
    rl.rlim_cur = rl.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &rl);
    return rl.rlim_max == RLIM_INFINITY ? 1 << 20 : int(std::min<rlim_t>(rl.rlim_max, 1 << 20));
}

/// `--bare-server`: the baseline, a plain QWebSocketServer echoing every text message.
int runBareServer(int argc, char *argv[])
{
    qputenv("QT_NO_GLIB", "1"); // the dispatcher the coordinator uses (docs/benchmarks.md, "The event dispatcher")
    QCoreApplication app(argc, argv);
    QWebSocketServer server(QStringLiteral("bare"), QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"), QStringLiteral("v10.stomp")});
    server.setMaxPendingConnections(1000);
    if (auto *tcp = server.findChild<QTcpServer *>())
        tcp->setListenBacklogSize(1024);
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "bare server: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&server] {
        while (QWebSocket *ws = server.nextPendingConnection()) {
            QObject::connect(ws, &QWebSocket::textMessageReceived, ws, [ws](const QString &m) { ws->sendTextMessage(m); });
            QObject::connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
        }
    });
    std::printf("PORT %d\n", int(server.serverPort()));
    std::fflush(stdout);
    return app.exec();
}

/// A bare server child process, killed by PID when destroyed.
struct BareServer {
    QProcess process;
    quint16 port = 0;

    bool start()
    {
        process.setProgram(QCoreApplication::applicationFilePath());
        process.setArguments({QStringLiteral("--bare-server")});
        process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        process.start();
        if (!process.waitForStarted(10000))
            return false;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000 && !process.canReadLine())
            process.waitForReadyRead(100);
        const QByteArray line = process.readLine().trimmed();
        port = line.startsWith("PORT ") ? quint16(line.mid(5).toUInt()) : 0;
        return port != 0;
    }
    qint64 pid() const { return process.processId(); }
    void kill()
    {
        if (process.state() != QProcess::NotRunning) {
            ::kill(pid_t(process.processId()), SIGKILL);
            process.waitForFinished(5000);
        }
    }
    ~BareServer() { kill(); }
};

/// VmRSS of @p pid in MB (0 if gone).
double rssMb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return 0;
}

/// utime + stime of @p pid in seconds.
double cpuSeconds(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    // after "pid (comm) ": field 3 is state (index 0); utime is field 14 (index 11), stime 15.
    return (fields.value(11).toDouble() + fields.value(12).toDouble()) / double(::sysconf(_SC_CLK_TCK));
}

int openFds(qint64 pid)
{
    return int(QDir(QStringLiteral("/proc/%1/fd").arg(pid)).entryList(QDir::NoDotAndDotDot | QDir::System).size());
}

struct Settings {
    int clients = 19000;
    int messageClients = 10000;
    int stormClients = 10000;
    double rate = 20000;
    int seconds = 10;
    int inflight = 500;
    int fdHard = 20000;
};

/// Everything measured against one kind of server.
struct Figures {
    int subscribed = 0;
    double connectS = 0;
    double rssMb = 0;
    int serverFds = 0;
    bench::LoadCounters connectCounters;
    bench::RequestStats open;
    double openCpuUs = 0;
    bench::RequestStats closed;
    int closedSenders = 0;
    double closedCpuUs = 0;
    double loadCpuUs = 0; ///< this (load) process's CPU per message, both loops
    double closedCpuShare = 0; ///< server CPU seconds per wall second in the closed loop
    bench::RequestStats half; ///< open loop at half the rate
    double stormS = -1;
    int stormSubscribed = 0;
    bench::LoadCounters stormCounters;
};

/// Runs the load until @p target clients are subscribed or nothing progresses for 20 s.
/// Returns: the seconds it took to the last subscription.
double connectAll(bench::WsLoad &load, int target, int hardTimeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    int last = -1;
    qint64 lastChangeMs = 0;
    qint64 lastSubscribedMs = 0;
    load.runUntil(
        [&] {
            const int now = load.subscribed();
            if (now != last) {
                last = now;
                lastChangeMs = clock.elapsed();
                lastSubscribedMs = lastChangeMs;
            }
            return now >= target || clock.elapsed() - lastChangeMs > 20000;
        },
        hardTimeoutMs);
    return double(lastSubscribedMs) / 1000.0;
}

void progress(const char *fmt, auto... args)
{
    std::printf(fmt, args...);
    std::fflush(stdout);
}

/// Targets 1 and 2 against the server at @p port (process @p pid).
void measureScaleAndMessages(bench::WsLoad &load, quint16 port, qint64 pid, const Settings &s, Figures &f,
                             const char *label)
{
    load.setTarget(port);
    load.resetCounters();
    progress("[%s] connecting %d clients...\n", label, s.clients);
    load.open(s.clients);
    f.connectS = connectAll(load, s.clients, 600000);
    f.subscribed = load.subscribed();
    f.connectCounters = load.counters();
    load.runUntil([] { return false; }, kSettleMs);
    f.rssMb = rssMb(pid);
    f.serverFds = openFds(pid);
    progress("[%s] %d/%d subscribed in %.2f s, server RSS %.0f MB, %d fds (failures %lld, 503 %lld)\n", label,
             f.subscribed, s.clients, f.connectS, f.rssMb, f.serverFds, qint64(f.connectCounters.failures()),
             qint64(f.connectCounters.httpRejected));

    load.trimTo(s.messageClients);
    if (load.subscribed() < s.messageClients) {
        load.open(s.messageClients - load.clients());
        connectAll(load, s.messageClients, 120000);
    }
    load.runUntil([] { return false; }, kSettleMs);
    progress("[%s] open loop: %.0f msg/s offered over %d clients for %d s...\n", label, s.rate, load.subscribed(),
             s.seconds);
    const qint64 self = QCoreApplication::applicationPid();
    const double selfCpu = cpuSeconds(self);
    double cpu = cpuSeconds(pid);
    f.open = load.openLoop(s.rate, 1000, s.seconds * 1000);
    f.openCpuUs = f.open.sent > 0 ? (cpuSeconds(pid) - cpu) * 1e6 / double(f.open.sent) : 0;
    progress("[%s]   %.0f msg/s, p50 %.1f ms, p99 %.1f ms, skipped %lld\n", label, f.open.rate(),
             percentile(f.open.rttMs, 0.5), percentile(f.open.rttMs, 0.99), qint64(f.open.skipped));
    progress("[%s] open loop: %.0f msg/s offered (half the rate) for %d s...\n", label, s.rate / 2, s.seconds);
    f.half = load.openLoop(s.rate / 2, 1000, s.seconds * 1000);
    progress("[%s]   %.0f msg/s, p50 %.1f ms, p99 %.1f ms, skipped %lld\n", label, f.half.rate(),
             percentile(f.half.rttMs, 0.5), percentile(f.half.rttMs, 0.99), qint64(f.half.skipped));
    f.closedSenders = s.messageClients;
    progress("[%s] closed loop: %d senders for %d s...\n", label, f.closedSenders, s.seconds);
    cpu = cpuSeconds(pid);
    QElapsedTimer wall;
    wall.start();
    f.closed = load.closedLoop(f.closedSenders, 1000, s.seconds * 1000);
    f.closedCpuShare = (cpuSeconds(pid) - cpu) / (double(wall.nsecsElapsed()) / 1e9);
    f.closedCpuUs = f.closed.sent > 0 ? (cpuSeconds(pid) - cpu) * 1e6 / double(f.closed.sent) : 0;
    const qint64 allSent = f.open.sent + f.closed.sent;
    f.loadCpuUs = allSent > 0 ? (cpuSeconds(self) - selfCpu) * 1e6 / double(allSent) : 0;
    progress("[%s]   %.0f msg/s, p50 %.1f ms, p99 %.1f ms\n", label, f.closed.rate(), percentile(f.closed.rttMs, 0.5),
             percentile(f.closed.rttMs, 0.99));
}

/// Target 3: the clients on @p victim's port reconnect to @p survivorPort after @p kill.
void measureStorm(bench::WsLoad &load, quint16 survivorPort, const std::function<void()> &kill, const Settings &s,
                  Figures &f, const char *label)
{
    load.trimTo(s.stormClients);
    if (load.subscribed() < s.stormClients) {
        load.open(s.stormClients - load.clients());
        connectAll(load, s.stormClients, 120000);
    }
    load.runUntil([] { return false; }, 500);
    const int before = load.subscribed();
    progress("[%s] storm: kill -9 the server of %d clients, reconnect to port %d...\n", label, before, int(survivorPort));
    load.resetCounters();
    load.setReconnect(true);
    load.setTarget(survivorPort);
    QElapsedTimer clock;
    clock.start();
    kill();
    const bool all = load.runUntil([&] { return load.subscribedOn(survivorPort) >= before; }, 60000);
    f.stormS = all ? double(clock.nsecsElapsed()) / 1e9 : -1;
    f.stormSubscribed = load.subscribedOn(survivorPort);
    f.stormCounters = load.counters();
    load.setReconnect(false);
    const auto &c = f.stormCounters;
    progress("[%s]   %d/%d back in %.2f s; resets %lld, refused %lld, non-101 %lld, eof %lld, ws close %lld, STOMP "
             "ERROR %lld, redirects %lld\n",
             label, f.stormSubscribed, before, double(clock.nsecsElapsed()) / 1e9, qint64(c.resets), qint64(c.refused),
             qint64(c.httpRejected), qint64(c.eofs), qint64(c.wsClosed), qint64(c.stompErrors), qint64(c.redirects));
}

struct Row {
    QString figure;
    QString target;
    QString coordinator;
    QString bare;
    QString pass; ///< "pass", "FAIL" or "" (information)
};

QString num(double v, int decimals = 0)
{
    return QString::number(v, 'f', decimals);
}

QString ratio(double a, double b)
{
    return b > 0 ? QString::number(a / b, 'f', 2) : QString();
}

/// The coordinator INI of the benchmark: one pool, the fast lease timings of bench_failover.
QString coordinatorIni()
{
    return QStringLiteral("[General]\npools = %1\n[cluster]\nrenew-ms = 500\nlease-ttl-ms = 3000\nfence-ms = 2000\n")
        .arg(kPool);
}

QString owner(server::db::DbConnection &conn)
{
    auto row = conn.queryOne("SELECT i.name FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id"
                             " WHERE l.pool_id = ? AND l.expires_at > UTC_TIMESTAMP(6)",
                             {kPool});
    return row && row->has_value() ? (*row)->toString(0).value_or(QString()) : QString();
}

bool waitForOwner(server::db::DbConnection &conn, const QString &name, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (owner(conn) != name) {
        if (t.elapsed() > timeoutMs)
            return false;
        QThread::msleep(50);
    }
    return true;
}

int abortWith(const QString &message)
{
    std::fprintf(stderr, "bench_scale: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    const int fdHard = raiseFileLimit(); // clients, bare server and (by itself) the coordinator
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "--bare-server") == 0)
            return runBareServer(argc, argv);

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Connection-scale targets (docs/benchmarks.md) on real coordinators"));
    parser.addHelpOption();
    const auto option = [&](const char *name, const char *help, const char *value, const QString &def) {
        parser.addOption({QLatin1String(name), QLatin1String(help), QLatin1String(value), def});
    };
    Settings s;
    s.fdHard = fdHard;
    s.clients = (fdHard * 95 + 99) / 100;
    option("clients", "target 1: subscribed clients on one instance (default 95 % of the fd hard limit)", "N",
           QString::number(s.clients));
    option("message-clients", "target 2: connections during the message phases (default 10000)", "N",
           QStringLiteral("10000"));
    option("storm-clients", "target 3: clients of the killed instance (default 10000)", "N", QStringLiteral("10000"));
    option("rate", "target 2: offered messages per second in the open loop (default 2 per message client)", "R",
           QString());
    option("seconds", "length of each measured message phase (default 10)", "S", QStringLiteral("10"));
    option("inflight", "connects between connect() and CONNECTED at once, per load process (default 500)", "K",
           QStringLiteral("500"));
    option("csv", "CSV output (default bench-scale.csv)", "FILE", QStringLiteral("bench-scale.csv"));
    parser.addOption({QStringLiteral("quick"), QStringLiteral("smoke run: 1000 clients everywhere, 3 s phases")});
    parser.addOption({QStringLiteral("bare-server"), QStringLiteral("internal: run the baseline echo server")});
    parser.process(app);
    const bool quick = parser.isSet(QStringLiteral("quick"));
    s.clients = quick ? 1000 : parser.value(QStringLiteral("clients")).toInt();
    s.messageClients = quick ? 1000 : parser.value(QStringLiteral("message-clients")).toInt();
    s.stormClients = quick ? 1000 : parser.value(QStringLiteral("storm-clients")).toInt();
    s.seconds = quick ? 3 : std::max(1, parser.value(QStringLiteral("seconds")).toInt());
    s.inflight = std::max(1, parser.value(QStringLiteral("inflight")).toInt());
    s.rate = parser.value(QStringLiteral("rate")).isEmpty() ? 2.0 * s.messageClients
                                                            : parser.value(QStringLiteral("rate")).toDouble();
    if (s.clients < 1 || s.messageClients < 1 || s.stormClients < 1 || s.clients >= fdHard - 100)
        return abortWith(QStringLiteral("client counts must be positive and below the fd limit (%1) minus 100").arg(fdHard));
    const bool fullSize = s.clients >= (fdHard * 95 + 99) / 100 && s.messageClients >= 10000 && s.stormClients >= 10000;

    QFile csv(parser.value(QStringLiteral("csv")));
    if (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return abortWith(QStringLiteral("cannot write %1").arg(csv.fileName()));

    std::printf("bench_scale: fd hard limit %d; clients %d, message clients %d (%.0f msg/s offered), storm clients %d\n",
                fdHard, s.clients, s.messageClients, s.rate, s.stormClients);

    // ---- Baseline: bare QWebSocketServer --------------------------------------------
    Figures bare;
    {
        BareServer first;
        BareServer second;
        if (!first.start() || !second.start())
            return abortWith(QStringLiteral("the bare baseline server did not start"));
        bench::WsLoad load(bench::WsLoad::Mode::Echo, kPool, s.inflight);
        measureScaleAndMessages(load, first.port, first.pid(), s, bare, "bare");
        measureStorm(load, second.port, [&first] { first.kill(); }, s, bare, "bare");
        load.closeAll();
    }

    // ---- Real coordinators ------------------------------------------------------------
    Figures coord;
    test::MariaDbServer db;
    test::BcoinNode node;
    if (auto started = db.start(); !started)
        return abortWith(QStringLiteral("MariaDB: %1").arg(started.error().message));
    if (auto started = node.start(); !started)
        return abortWith(QStringLiteral("bcoin: %1").arg(started.error().message));
    server::db::DbConnection conn(test::dbConfigForCoordinator(db.address()));
    if (auto connected = conn.connect(); !connected)
        return abortWith(connected.error().message);
    const auto configFor = [&](const QString &name) {
        test::CoordinatorProcess::Config config = test::coordinatorConfig(name, db, node);
        config.extraIni = coordinatorIni();
        return config;
    };
    test::CoordinatorProcess alpha;
    test::CoordinatorProcess beta;
    if (auto started = alpha.start(configFor(QStringLiteral("alpha"))); !started)
        return abortWith(started.error().message);
    if (!waitForOwner(conn, QStringLiteral("alpha"), 20000))
        return abortWith(QStringLiteral("alpha does not own %1 after 20 s").arg(kPool));
    double alphaPeakRss = 0;
    {
        bench::WsLoad load(bench::WsLoad::Mode::Stomp, kPool, s.inflight);
        measureScaleAndMessages(load, alpha.port(), alpha.pid(), s, coord, "coordinator");
        alphaPeakRss = coord.rssMb;
        load.trimTo(s.stormClients);
        progress("[coordinator] starting beta...\n");
        if (auto started = beta.start(configFor(QStringLiteral("beta"))); !started)
            return abortWith(started.error().message);
        load.runUntil([] { return false; }, 1500);
        if (owner(conn) != QStringLiteral("alpha"))
            return abortWith(QStringLiteral("%1 moved to %2 before the kill").arg(kPool, owner(conn)));
        measureStorm(load, beta.port(), [&alpha] { alpha.signal(SIGKILL); }, s, coord, "coordinator");
        load.closeAll();
    }
    const QString newOwner = owner(conn);

    // ---- Table and CSV ------------------------------------------------------------------
    const int target1 = (fdHard * 95 + 99) / 100;
    const auto verdict = [&](bool ok, bool sized) { return !sized ? QStringLiteral("n/a") : ok ? QStringLiteral("pass") : QStringLiteral("FAIL"); };
    const double openP99 = percentile(coord.open.rttMs, 0.99);
    const double closedP99 = percentile(coord.closed.rttMs, 0.99);
    QList<Row> rows{
        {QStringLiteral("1 subscribed clients, one instance"), QStringLiteral(">= %1").arg(target1),
         QStringLiteral("%1/%2").arg(coord.subscribed).arg(s.clients), QStringLiteral("%1/%2").arg(bare.subscribed).arg(s.clients),
         verdict(coord.subscribed >= target1, s.clients >= target1)},
        {QStringLiteral("1 connect + subscribe all (s)"), QString(), num(coord.connectS, 2), num(bare.connectS, 2), QString()},
        {QStringLiteral("1 server RSS at peak (MB)"), QStringLiteral("<= 600"), num(alphaPeakRss), num(bare.rssMb),
         verdict(alphaPeakRss <= 600, s.clients >= target1)},
        {QStringLiteral("1 server RSS per client (KB)"), QString(),
         num(coord.subscribed > 0 ? alphaPeakRss * 1024 / coord.subscribed : 0, 1),
         num(bare.subscribed > 0 ? bare.rssMb * 1024 / bare.subscribed : 0, 1), QString()},
        {QStringLiteral("1 connect failures (503 / other)"), QString(),
         QStringLiteral("%1 / %2").arg(coord.connectCounters.httpRejected).arg(coord.connectCounters.failures() - coord.connectCounters.httpRejected),
         QStringLiteral("%1 / %2").arg(bare.connectCounters.httpRejected).arg(bare.connectCounters.failures() - bare.connectCounters.httpRejected),
         QString()},
        {QStringLiteral("2 closed loop msg/s (%1 senders)").arg(coord.closedSenders), QStringLiteral(">= 20000"),
         num(coord.closed.rate()), num(bare.closed.rate()), verdict(coord.closed.rate() >= 20000, s.messageClients >= 10000)},
        {QStringLiteral("2 closed loop p99 RTT (ms)"), QString(), num(closedP99, 1), num(percentile(bare.closed.rttMs, 0.99), 1), QString()},
        {QStringLiteral("2 open loop msg/s (%1 offered)").arg(num(s.rate)), QString(), num(coord.open.rate()), num(bare.open.rate()), QString()},
        {QStringLiteral("2 open loop p50 RTT (ms)"), QString(), num(percentile(coord.open.rttMs, 0.5), 1),
         num(percentile(bare.open.rttMs, 0.5), 1), QString()},
        {QStringLiteral("2 open loop p99 RTT (ms)"), QStringLiteral("<= 100"), num(openP99, 1), num(percentile(bare.open.rttMs, 0.99), 1),
         verdict(openP99 <= 100 && coord.open.rate() >= 0.98 * s.rate, s.messageClients >= 10000 && s.rate >= 20000)},
        {QStringLiteral("2 open loop msg/s (%1 offered)").arg(num(s.rate / 2)), QString(), num(coord.half.rate()),
         num(bare.half.rate()), QString()},
        {QStringLiteral("2 open loop p99 RTT at half rate (ms)"), QString(), num(percentile(coord.half.rttMs, 0.99), 1),
         num(percentile(bare.half.rttMs, 0.99), 1), QString()},
        {QStringLiteral("2 server CPU share in closed loop (cores)"), QString(), num(coord.closedCpuShare, 2),
         num(bare.closedCpuShare, 2), QString()},
        {QStringLiteral("2 server CPU per msg, open / closed (us)"), QString(),
         QStringLiteral("%1 / %2").arg(num(coord.openCpuUs, 1), num(coord.closedCpuUs, 1)),
         QStringLiteral("%1 / %2").arg(num(bare.openCpuUs, 1), num(bare.closedCpuUs, 1)), QString()},
        {QStringLiteral("2 load process CPU per msg (us)"), QString(), num(coord.loadCpuUs, 1), num(bare.loadCpuUs, 1), QString()},
        {QStringLiteral("3 storm: all back on the new owner (s)"), QStringLiteral("<= 10"),
         coord.stormS < 0 ? QStringLiteral("%1 of %2 in 60 s").arg(coord.stormSubscribed).arg(s.stormClients) : num(coord.stormS, 2),
         bare.stormS < 0 ? QStringLiteral("%1 of %2 in 60 s").arg(bare.stormSubscribed).arg(s.stormClients) : num(bare.stormS, 2),
         verdict(coord.stormS >= 0 && coord.stormS <= 10, s.stormClients >= 10000)},
        {QStringLiteral("3 storm: resets / other failures"), QStringLiteral("0 resets"),
         QStringLiteral("%1 / %2").arg(coord.stormCounters.resets).arg(coord.stormCounters.failures() - coord.stormCounters.resets),
         QStringLiteral("%1 / %2").arg(bare.stormCounters.resets).arg(bare.stormCounters.failures() - bare.stormCounters.resets),
         verdict(coord.stormCounters.resets == 0, s.stormClients >= 10000)},
        {QStringLiteral("3 storm: redirects answered (retry later)"), QString(), QString::number(coord.stormCounters.redirects),
         QString::number(bare.stormCounters.redirects), QString()},
    };
    std::printf("\n%-44s %-10s %-16s %-16s %-6s %s\n", "figure", "target", "coordinator", "bare", "ratio", "");
    csv.write("figure,target,coordinator,bare,ratio,result\n");
    for (const Row &r : rows) {
        const QString rt = ratio(r.coordinator.toDouble(), r.bare.toDouble());
        std::printf("%-44s %-10s %-16s %-16s %-6s %s\n", qPrintable(r.figure), qPrintable(r.target),
                    qPrintable(r.coordinator), qPrintable(r.bare), qPrintable(rt), qPrintable(r.pass));
        csv.write(QStringLiteral("\"%1\",\"%2\",\"%3\",\"%4\",%5,%6\n")
                      .arg(r.figure, r.target, r.coordinator, r.bare, rt, r.pass)
                      .toUtf8());
    }
    std::printf("\npool %s; lease TTL 3000 ms, renew 500 ms, fence 2000 ms; new owner after the kill: %s\n",
                qPrintable(kPool), qPrintable(newOwner));
    std::printf("%s; CSV: %s\n",
                fullSize ? "full target sizes" : "NOT the target sizes (n/a: no verdict)", qPrintable(csv.fileName()));
    const bool failed = std::any_of(rows.cbegin(), rows.cend(), [](const Row &r) { return r.pass == QStringLiteral("FAIL"); });
    return failed ? 2 : 0;
}
