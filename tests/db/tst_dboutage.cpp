// The Database facade while the real MariaDB dies or freezes: jobs fail with a
// clear error within about one timeout (3 s) instead of hanging, the event loop
// keeps running (a QTimer keeps ticking, its largest gap is measured), and the
// pool recovers by itself when the server is back.
#include <db/database.h>
#include <db/dberror.h>

#include "dbtestconfig.h"
#include <mariadbserver.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QTest>
#include <QTimer>

#include <csignal>

using namespace wp;
using namespace wp::server::db;

namespace {

/// Counts timer ticks on the test's event loop and the longest gap between two.
class LoopWatch {
public:
    LoopWatch()
    {
        m_since.start();
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            m_maxGapMs = qMax(m_maxGapMs, m_since.restart());
            ++m_ticks;
        });
        m_timer.start();
    }
    int ticks() const { return m_ticks; }
    qint64 maxGapMs() const { return m_maxGapMs; }
    void reset()
    {
        m_ticks = 0;
        m_maxGapMs = 0;
        m_since.restart();
    }

private:
    QTimer m_timer;
    QElapsedTimer m_since;
    int m_ticks = 0;
    qint64 m_maxGapMs = 0;
};

Result<int> selectOne(DbConnection &c)
{
    auto row = c.queryOne("SELECT 1");
    if (!row)
        return row.error();
    return int((*row)->toInt64(0).value_or(0));
}

QString describe(const Result<int> &r)
{
    return r ? QStringLiteral("ok") : QStringLiteral("%1: %2").arg(r.error().code).arg(r.error().message);
}

/// True when every thread of @p pid is stopped (state 'T' in /proc/PID/task/TID/stat).
bool allThreadsStopped(qint64 pid)
{
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    const QStringList tids = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (tids.isEmpty())
        return false;
    for (const QString &tid : tids) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')'); // "tid (comm) S ..."
        if (close < 0 || close + 2 >= line.size() || line.at(close + 2) != 'T')
            return false;
    }
    return true;
}

struct Outcome {
    std::optional<Result<int>> result;
    qint64 ms = -1;
};

/// Submits @p n jobs at once; each outcome records its result and latency.
std::shared_ptr<QList<Outcome>> submit(Database &db, QObject *context, int n)
{
    auto outcomes = std::make_shared<QList<Outcome>>(n);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    for (int i = 0; i < n; ++i) {
        db.run<int>(context, selectOne, [outcomes, clock, i](Result<int> r) {
            (*outcomes)[i].ms = clock->elapsed();
            (*outcomes)[i].result = std::move(r);
        });
    }
    return outcomes;
}

bool allDone(const QList<Outcome> &outcomes)
{
    return std::all_of(outcomes.begin(), outcomes.end(), [](const Outcome &o) { return o.result.has_value(); });
}

qint64 slowest(const QList<Outcome> &outcomes)
{
    qint64 ms = 0;
    for (const Outcome &o : outcomes)
        ms = qMax(ms, o.ms);
    return ms;
}

} // namespace

class TestDbOutage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_server.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_config = test::dbConfigFor(m_server.address());
    }

    void stoppedServerFailsFastThenRecovers()
    {
        Database db(m_config);
        QObject context;
        auto warm = submit(db, &context, 4);
        QTRY_VERIFY(allDone(*warm));
        for (const Outcome &o : *warm)
            QVERIFY(*o.result);

        m_server.stop();
        LoopWatch loop;
        auto down = submit(db, &context, 10);
        QTRY_VERIFY_WITH_TIMEOUT(allDone(*down), 10000);
        for (const Outcome &o : *down) {
            QVERIFY(!*o.result);
            QVERIFY2(isConnectionError(o.result->error().code), qPrintable(describe(*o.result)));
        }
        const qint64 failMs = slowest(*down);
        qInfo("server stopped: 10 jobs failed within %lld ms (first error: %d %s); loop ticks %d, max gap %lld ms",
              failMs, down->first().result->error().code, qPrintable(down->first().result->error().message),
              loop.ticks(), loop.maxGapMs());
        QVERIFY2(failMs < 4000, qPrintable(QString::number(failMs)));
        QVERIFY(loop.maxGapMs() < 500);

        auto restarted = m_server.restart();
        QVERIFY2(restarted, restarted ? "" : qPrintable(restarted.error().message));
        QElapsedTimer recovery;
        recovery.start();
        loop.reset();
        bool ok = false;
        bool inFlight = false;
        int attempts = 0;
        const auto poll = [&] {
            if (!ok && !inFlight) {
                inFlight = true;
                ++attempts;
                db.run<int>(&context, selectOne, [&](Result<int> r) {
                    ok = bool(r);
                    inFlight = false;
                });
            }
            return ok;
        };
        QTRY_VERIFY_WITH_TIMEOUT(poll(), 15000);
        qInfo("server restarted: first successful job after %lld ms (%d attempts); loop max gap %lld ms",
              recovery.elapsed(), attempts, loop.maxGapMs());
        QVERIFY(recovery.elapsed() < m_config.reconnectBackoff.count() + 3000);

        auto after = submit(db, &context, 10);
        QTRY_VERIFY(allDone(*after));
        for (const Outcome &o : *after)
            QVERIFY2(*o.result, qPrintable(describe(*o.result)));
    }

    void frozenServerTimesOutThenRecovers()
    {
        Database db(m_config);
        QObject context;
        auto warm = submit(db, &context, 4);
        QTRY_VERIFY(allDone(*warm));
        for (const Outcome &o : *warm)
            QVERIFY(*o.result);

        QVERIFY(m_server.process().signalService(SIGSTOP));
        auto thaw = qScopeGuard([this] { m_server.process().signalService(SIGCONT); });
        // kill() returns before every server thread has stopped: a busy thread can
        // still answer a query. Wait until the whole process is in state T.
        const qint64 pid = m_server.process().value(QStringLiteral("pid")).toLongLong();
        QTRY_VERIFY(allThreadsStopped(pid));
        LoopWatch loop;
        auto frozen = submit(db, &context, 10);
        QTRY_VERIFY_WITH_TIMEOUT(allDone(*frozen), 15000);
        for (const Outcome &o : *frozen) {
            QVERIFY(!*o.result);
            QVERIFY2(isConnectionError(o.result->error().code), qPrintable(describe(*o.result)));
        }
        const qint64 failMs = slowest(*frozen);
        qInfo("server frozen (SIGSTOP): 10 jobs failed within %lld ms (first error: %d %s); loop ticks %d, max gap "
              "%lld ms",
              failMs, frozen->first().result->error().code, qPrintable(frozen->first().result->error().message),
              loop.ticks(), loop.maxGapMs());
        QVERIFY2(failMs >= 2500 && failMs < 4500, qPrintable(QString::number(failMs)));
        QVERIFY(loop.ticks() > 50);
        QVERIFY(loop.maxGapMs() < 500);

        // While it stays frozen, new jobs keep failing within one timeout, never hanging.
        auto still = submit(db, &context, 3);
        QTRY_VERIFY_WITH_TIMEOUT(allDone(*still), 15000);
        qInfo("still frozen: 3 more jobs failed within %lld ms", slowest(*still));
        QVERIFY(slowest(*still) < 4500);

        // After the backoff a job tries to connect again: the server's kernel accepts
        // the TCP connection but the frozen server never greets; the connect timeout
        // ends that attempt. Jobs are sent one at a time until one has tried.
        QElapsedTimer attemptClock;
        std::optional<Result<int>> attempt;
        qint64 attemptMs = 0;
        bool attemptInFlight = false;
        const auto pollAttempt = [&] {
            if (attemptMs >= 2000)
                return true;
            if (!attemptInFlight) {
                attemptInFlight = true;
                attemptClock.start();
                db.run<int>(&context, selectOne, [&](Result<int> r) {
                    attemptMs = attemptClock.elapsed();
                    attempt = std::move(r);
                    attemptInFlight = false;
                });
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(pollAttempt(), 20000);
        QVERIFY(attempt.has_value() && !*attempt);
        QVERIFY2(isConnectionError(attempt->error().code), qPrintable(describe(*attempt)));
        qInfo("still frozen, reconnect attempt failed after %lld ms: %s", attemptMs, qPrintable(describe(*attempt)));
        QVERIFY(attemptMs < 4500);

        thaw.dismiss();
        QVERIFY(m_server.process().signalService(SIGCONT));
        QElapsedTimer recovery;
        recovery.start();
        bool ok = false;
        bool inFlight = false;
        int attempts = 0;
        const auto poll = [&] {
            if (!ok && !inFlight) {
                inFlight = true;
                ++attempts;
                db.run<int>(&context, selectOne, [&](Result<int> r) {
                    ok = bool(r);
                    inFlight = false;
                });
            }
            return ok;
        };
        QTRY_VERIFY_WITH_TIMEOUT(poll(), 15000);
        qInfo("server resumed (SIGCONT): first successful job after %lld ms (%d attempts)", recovery.elapsed(),
              attempts);
        auto after = submit(db, &context, 10);
        QTRY_VERIFY_WITH_TIMEOUT(allDone(*after), 10000);
        for (const Outcome &o : *after)
            QVERIFY2(*o.result, qPrintable(describe(*o.result)));
    }

    void deadDatabaseAtStartup()
    {
        DbConfig config = m_config;
        config.port = test::freePort(); // nothing listens there
        Database db(config);
        QElapsedTimer timer;
        timer.start();
        auto sync = db.runSync<int>(selectOne); // start-up path: clear error, no hang
        QVERIFY(!sync);
        QVERIFY(isConnectionError(sync.error().code));
        QObject context;
        auto jobs = submit(db, &context, 5);
        QTRY_VERIFY(allDone(*jobs));
        for (const Outcome &o : *jobs)
            QVERIFY(!*o.result);
        qInfo("nothing listening: runSync + 5 jobs failed within %lld ms", timer.elapsed());
        QVERIFY(timer.elapsed() < 1000);
    }

private:
    test::MariaDbServer m_server;
    DbConfig m_config;
};

QTEST_GUILESS_MAIN(TestDbOutage)
#include "tst_dboutage.moc"
