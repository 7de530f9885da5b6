// bench_failover: how fast a pool is owned again when its owner dies (kill -9) or
// hands over (SIGTERM drain), with real whirlpool-coordinator processes sharing a
// private MariaDB (targets in docs/benchmarks.md: <= TTL + 0.5 s median after kill -9
// at TTL 3 s; drain <= 2 s). Baseline in the same run: the round trip of a bare lease UPDATE.
//
//   bench_failover [--runs N] [--instances K] [--csv FILE]
//
// Each run: find the owner of pool 0.01btc, signal it, poll pool_lease every 10 ms
// until another live instance holds it, then restart the victim and wait until
// every pool has an owner again. Prints median / p90 / max and writes one CSV row
// per run.
#include "../tests/e2e/e2ehelpers.h"
#include "benchstats.h"

#include <db/dbconnection.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <cstdio>

using namespace wp;
using bench::percentile;

namespace {

constexpr int kRenewMs = 500;
constexpr int kTtlMs = 3000;
constexpr int kFenceMs = 2000;
const QString kPool = QStringLiteral("0.01btc");

struct Cluster {
    test::MariaDbServer db;
    test::BcoinNode node;
    std::vector<std::unique_ptr<test::CoordinatorProcess>> instances;
    std::unique_ptr<server::db::DbConnection> conn;

    static QString name(size_t i) { return QStringLiteral("i%1").arg(i); }

    Result<void> start(size_t i)
    {
        test::CoordinatorProcess::Config config = test::coordinatorConfig(name(i), db, node);
        config.extraIni = QStringLiteral("[cluster]\nrenew-ms = %1\nlease-ttl-ms = %2\nfence-ms = %3\n")
                              .arg(kRenewMs)
                              .arg(kTtlMs)
                              .arg(kFenceMs);
        instances[i] = std::make_unique<test::CoordinatorProcess>();
        return instances[i]->start(config);
    }

    /// The name of the instance holding @p pool now (DB clock), or empty.
    QString owner(const QString &pool)
    {
        auto row = conn->queryOne("SELECT i.name FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id"
                                  " WHERE l.pool_id = ? AND l.expires_at > UTC_TIMESTAMP(6)",
                                  {pool});
        return row && row->has_value() ? (*row)->toString(0).value_or(QString()) : QString();
    }

    int ownedPools()
    {
        auto row = conn->queryOne("SELECT COUNT(*) FROM pool_lease WHERE instance_id IS NOT NULL"
                                  " AND expires_at > UTC_TIMESTAMP(6)");
        return row && row->has_value() ? int((*row)->toInt64(0).value_or(0)) : 0;
    }
};

bool waitUntil(const std::function<bool()> &condition, int timeoutMs, int stepMs = 10)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QThread::msleep(stepMs);
    }
    return true;
}

void printStats(const char *what, const QList<double> &ms)
{
    std::printf("%-28s runs %3lld  median %8.1f ms  p90 %8.1f ms  max %8.1f ms\n", what, qint64(ms.size()),
                percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 1.0));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Failover and handover times of a coordinator cluster"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("runs"), QStringLiteral("kills and drains each (default 20)"), QStringLiteral("N"),
                      QStringLiteral("20")});
    parser.addOption({QStringLiteral("instances"), QStringLiteral("coordinator instances (default 3)"),
                      QStringLiteral("K"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("CSV output (default bench-failover.csv)"),
                      QStringLiteral("FILE"), QStringLiteral("bench-failover.csv")});
    parser.process(app);
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const size_t count = size_t(std::max(2, parser.value(QStringLiteral("instances")).toInt()));

    Cluster c;
    if (auto db = c.db.start(); !db) {
        std::fprintf(stderr, "bench_failover: MariaDB: %s\n", qPrintable(db.error().message));
        return 1;
    }
    if (auto node = c.node.start(); !node) {
        std::fprintf(stderr, "bench_failover: bcoin: %s\n", qPrintable(node.error().message));
        return 1;
    }
    c.instances.resize(count);
    for (size_t i = 0; i < count; ++i) {
        if (auto started = c.start(i); !started) {
            std::fprintf(stderr, "bench_failover: %s\n", qPrintable(started.error().message));
            return 1;
        }
    }
    c.conn = std::make_unique<server::db::DbConnection>(test::dbConfigForCoordinator(c.db.address()));
    if (auto connected = c.conn->connect(); !connected) {
        std::fprintf(stderr, "bench_failover: %s\n", qPrintable(connected.error().message));
        return 1;
    }

    // Baseline: a bare lease-renewal-shaped UPDATE on the same server.
    QList<double> updateMs;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        if (!c.conn->exec("UPDATE pool_lease SET expires_at = expires_at WHERE pool_id = 'none'"))
            break;
        updateMs.append(double(t.nsecsElapsed()) / 1e6);
    }

    QFile csv(parser.value(QStringLiteral("csv")));
    if (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "bench_failover: cannot write %s\n", qPrintable(csv.fileName()));
        return 1;
    }
    csv.write("kind,run,victim,new_owner,ms\n");

    QList<double> killMs;
    QList<double> drainMs;
    for (int run = 0; run < 2 * runs; ++run) {
        const bool kill = run % 2 == 0;
        if (!waitUntil([&] { return c.ownedPools() == 4; }, 20000)) {
            std::fprintf(stderr, "bench_failover: pools without owner after 20 s\n");
            return 1;
        }
        const QString victim = c.owner(kPool);
        const size_t index = size_t(victim.mid(1).toInt());
        QElapsedTimer clock;
        clock.start();
        c.instances[index]->signal(kill ? SIGKILL : SIGTERM);
        QString newOwner;
        if (!waitUntil(
                [&] {
                    newOwner = c.owner(kPool);
                    return !newOwner.isEmpty() && newOwner != victim;
                },
                20000)) {
            std::fprintf(stderr, "bench_failover: %s not owned again within 20 s\n", qPrintable(kPool));
            return 1;
        }
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        (kill ? killMs : drainMs).append(ms);
        csv.write(QStringLiteral("%1,%2,%3,%4,%5\n")
                      .arg(QLatin1String(kill ? "kill9" : "sigterm"))
                      .arg(run / 2)
                      .arg(victim, newOwner)
                      .arg(ms, 0, 'f', 1)
                      .toUtf8());
        std::printf("%s %-8s %s -> %s  %.0f ms\n", kill ? "kill -9" : "SIGTERM", qPrintable(victim), qPrintable(kPool),
                    qPrintable(newOwner), ms);
        std::fflush(stdout);
        c.instances[index]->stop(kTtlMs);
        if (auto restarted = c.start(index); !restarted) {
            std::fprintf(stderr, "bench_failover: restart: %s\n", qPrintable(restarted.error().message));
            return 1;
        }
    }

    std::printf("\nlease TTL %d ms, renew %d ms, fence %d ms, %zu instances, 4 pools\n", kTtlMs, kRenewMs, kFenceMs,
                count);
    printStats("baseline: bare UPDATE", updateMs);
    printStats("kill -9 -> owned again", killMs);
    printStats("SIGTERM drain -> owned", drainMs);
    std::printf("target: kill -9 median <= %d ms (TTL + 500 ms); drain <= 2000 ms\nCSV: %s\n", kTtlMs + 500,
                qPrintable(csv.fileName()));
    return percentile(killMs, 0.5) <= kTtlMs + 500 && percentile(drainMs, 1.0) <= 2000 ? 0 : 2;
}
