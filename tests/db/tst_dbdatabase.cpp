// The asynchronous Database facade against a real private MariaDB: jobs run on
// worker threads and results come back on the caller's thread, never to a
// destroyed context; runSync for start-up; shutdown drains, destruction fails
// what is still waiting; overload and throwing jobs; and an end-to-end example
// of the API without repositories (migrate, write in a transaction, read back).
#include <db/database.h>
#include <db/dberror.h>
#include <db/migrations.h>
#include <db/transaction.h>

#include "dbtestconfig.h"
#include <mariadbserver.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <stdexcept>

using namespace wp;
using namespace wp::server::db;

namespace {

#define VERIFY_OK(expr)                                                                              \
    do {                                                                                             \
        const auto &r_ = (expr);                                                                     \
        QVERIFY2(bool(r_), bool(r_) ? "" : qPrintable(QStringLiteral("%1: %2").arg(r_.error().code).arg(r_.error().message))); \
    } while (false)

/// Example of what a repository will do on top of the API (the lead writes the real
/// ones): a ban written in a transaction, and the active bans of an identifier.
Result<qint64> insertBan(DbConnection &conn, const QString &identifier, const QString &response)
{
    return withTransaction(conn, [&](DbConnection &c) -> Result<qint64> {
        auto r = c.exec("INSERT INTO ban (identifier, expiration, response, notes, created) "
                        "VALUES (?, UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, ?, NULL, UTC_TIMESTAMP(6))",
                        {identifier, response});
        if (!r)
            return r.error();
        return qint64(r->insertId);
    });
}

Result<QStringList> activeBanResponses(DbConnection &conn, const QString &identifier)
{
    auto rows = conn.query("SELECT response FROM ban WHERE identifier = ? "
                           "AND (expiration IS NULL OR expiration > UTC_TIMESTAMP(6)) ORDER BY id",
                           {identifier});
    if (!rows)
        return rows.error();
    QStringList out;
    for (const DbRow &row : *rows)
        out.append(row.toString(0).value_or(QString()));
    return out;
}

} // namespace

class TestDbDatabase : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        auto started = m_server.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        m_config = test::dbConfigFor(m_server.address());
    }

    void endToEndExample()
    {
        Database db(m_config);
        // Start-up: migrations through the blocking runSync (never used later).
        auto migrated = db.runSync<QList<int>>([](DbConnection &c) -> Result<QList<int>> {
            auto m = Migrations::embedded();
            if (!m)
                return m.error();
            return m->apply(c);
        });
        VERIFY_OK(migrated);
        QCOMPARE(migrated->first(), 1);

        // Running server: asynchronous jobs, results on this thread.
        QObject context;
        std::optional<Result<qint64>> inserted;
        db.run<qint64>(
            &context, [](DbConnection &c) { return insertBan(c, QStringLiteral("txid:0"), QStringLiteral("banned")); },
            [&](Result<qint64> r) { inserted = std::move(r); });
        QTRY_VERIFY(inserted.has_value());
        VERIFY_OK(*inserted);
        QVERIFY(**inserted > 0);

        std::optional<Result<QStringList>> responses;
        db.run<QStringList>(
            &context, [](DbConnection &c) { return activeBanResponses(c, QStringLiteral("TXID:0")); },
            [&](Result<QStringList> r) { responses = std::move(r); });
        QTRY_VERIFY(responses.has_value());
        VERIFY_OK(*responses);
        QCOMPARE(**responses, QStringList{QStringLiteral("banned")});

        // Result<void> jobs and errors travel the same way.
        std::optional<Result<void>> failed;
        db.run<void>(
            &context,
            [](DbConnection &c) -> Result<void> {
                if (auto r = c.exec("INSERT INTO no_such_table VALUES (1)"); !r)
                    return r.error();
                return {};
            },
            [&](Result<void> r) { failed = std::move(r); });
        QTRY_VERIFY(failed.has_value());
        QVERIFY(!*failed);
        QCOMPARE(failed->error().code, 1146);
    }

    void deliversOnCallerThread()
    {
        Database db(m_config);
        QThread *const caller = QThread::currentThread();
        QObject context;
        constexpr int kJobs = 20;
        int delivered = 0;
        QSet<QThread *> jobThreads;
        QMutex jobThreadsMutex; // the test's own bookkeeping across workers
        for (int i = 0; i < kJobs; ++i) {
            db.run<qint64>(
                &context,
                [&, i](DbConnection &c) -> Result<qint64> {
                    {
                        QMutexLocker lock(&jobThreadsMutex);
                        jobThreads.insert(QThread::currentThread());
                    }
                    auto row = c.queryOne("SELECT ? + 1", {i});
                    if (!row)
                        return row.error();
                    return (*row)->toInt64(0).value_or(-1);
                },
                [&, i](Result<qint64> r) {
                    QCOMPARE(QThread::currentThread(), caller);
                    QVERIFY(r);
                    QCOMPARE(*r, qint64(i + 1));
                    ++delivered;
                });
        }
        QCOMPARE(delivered, 0); // never from inside run()
        QTRY_COMPARE(delivered, kJobs);
        QVERIFY(!jobThreads.contains(caller));
        QVERIFY(jobThreads.size() >= 1 && jobThreads.size() <= db.poolSize());
        QCOMPARE(db.queuedJobs(), 0);
        QTRY_COMPARE(db.busyWorkers(), 0);
    }

    void jobsStartInSubmissionOrder()
    {
        DbConfig config = m_config;
        config.poolSize = 1;
        Database db(config);
        QObject context;
        QList<int> started;
        QList<int> finished;
        for (int i = 0; i < 10; ++i) {
            db.run<int>(
                &context, [&started, i](DbConnection &) -> Result<int> { started.append(i); return i; },
                [&finished](Result<int> r) { finished.append(*r); });
        }
        QTRY_COMPARE(finished.size(), 10);
        const QList<int> expected{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        QCOMPARE(started, expected);
        QCOMPARE(finished, expected);
    }

    void notDeliveredAfterContextDeleted()
    {
        Database db(m_config);
        auto context = std::make_unique<QObject>();
        std::atomic<bool> ranJob{false};
        bool calledBack = false;
        db.run<int>(
            context.get(),
            [&ranJob](DbConnection &c) -> Result<int> {
                auto r = c.queryOne("SELECT SLEEP(0.2)");
                ranJob = bool(r);
                return 1;
            },
            [&calledBack](Result<int>) { calledBack = true; });
        context.reset(); // while the job runs

        // A later job on a live context completes; by then the first is over too.
        QObject alive;
        bool second = false;
        db.run<int>(&alive, [](DbConnection &) -> Result<int> { return 2; }, [&second](Result<int>) { second = true; });
        QTRY_VERIFY(second);
        QTRY_COMPARE(db.busyWorkers(), 0); // the first job's result has been handled (dropped)
        QVERIFY(ranJob);                    // the job itself still ran
        QVERIFY(!calledBack);
    }

    void contextOnAnotherThread()
    {
        Database db(m_config);
        QThread other;
        other.start();
        QObject context;
        context.moveToThread(&other);
        std::atomic<QThread *> deliveredOn{nullptr};
        db.run<int>(&context, [](DbConnection &) -> Result<int> { return 1; },
                    [&deliveredOn](Result<int>) { deliveredOn = QThread::currentThread(); });
        QTRY_VERIFY(deliveredOn.load() != nullptr);
        QCOMPARE(deliveredOn.load(), &other);
        other.quit(); // context is destroyed after its thread has finished
        other.wait();
    }

    void shutdownDrainsQueuedJobs()
    {
        DbConfig config = m_config;
        config.poolSize = 1;
        Database db(config);
        QSignalSpy drained(&db, &Database::drained);
        QObject context;
        int ok = 0;
        for (int i = 0; i < 5; ++i)
            db.run<int>(&context, [](DbConnection &c) -> Result<int> {
                if (auto r = c.queryOne("SELECT SLEEP(0.02)"); !r)
                    return r.error();
                return 1;
            }, [&ok](Result<int> r) { ok += r ? 1 : 0; });
        db.shutdown();
        QVERIFY(!db.isAccepting());
        std::optional<Result<int>> late;
        db.run<int>(&context, [](DbConnection &) -> Result<int> { return 1; },
                    [&late](Result<int> r) { late = std::move(r); });
        QVERIFY(!late.has_value()); // asynchronous even when failing at once
        QTRY_COMPARE(drained.count(), 1);
        QCOMPARE(ok, 5); // every queued job finished before drained()
        QVERIFY(late.has_value());
        QVERIFY(!*late);
        QCOMPARE(late->error().code, int(kErrorShutdown));
        auto sync = db.runSync<int>([](DbConnection &) -> Result<int> { return 1; });
        QVERIFY(!sync);
        QCOMPARE(sync.error().code, int(kErrorShutdown));
    }

    void destructionFailsWaitingJobs()
    {
        DbConfig config = m_config;
        config.poolSize = 1;
        auto db = std::make_unique<Database>(config);
        QObject context;
        std::atomic<bool> firstStarted{false};
        QList<int> codes;
        std::optional<Result<int>> first;
        db->run<int>(
            &context,
            [&firstStarted](DbConnection &c) -> Result<int> {
                firstStarted = true;
                if (auto r = c.queryOne("SELECT SLEEP(0.3)"); !r)
                    return r.error();
                return 7;
            },
            [&first](Result<int> r) { first = std::move(r); });
        for (int i = 0; i < 3; ++i)
            db->run<int>(&context, [](DbConnection &) -> Result<int> { return 1; },
                         [&codes](Result<int> r) { codes.append(r ? 0 : r.error().code); });
        QTRY_VERIFY(firstStarted);
        db.reset(); // waits for the running job and delivers it; fails the 3 waiting
        QVERIFY(first.has_value());
        VERIFY_OK(*first);
        QCOMPARE(**first, 7);
        QCOMPARE(codes, QList<int>({kErrorShutdown, kErrorShutdown, kErrorShutdown}));
    }

    void overloadFailsAtOnce()
    {
        DbConfig config = m_config;
        config.poolSize = 1;
        config.maxQueuedJobs = 2;
        Database db(config);
        QObject context;
        QList<int> codes;
        const auto sleepy = [](DbConnection &c) -> Result<int> {
            if (auto r = c.queryOne("SELECT SLEEP(0.1)"); !r)
                return r.error();
            return 1;
        };
        const auto record = [&codes](Result<int> r) { codes.append(r ? 0 : r.error().code); };
        for (int i = 0; i < 4; ++i) // 1 running + 2 waiting + 1 refused
            db.run<int>(&context, sleepy, record);
        QTRY_COMPARE(codes.size(), 4);
        QCOMPARE(codes.first(), int(kErrorOverloaded)); // refused before the others finish
        QCOMPARE(codes.count(0), 3);
    }

    void throwingJobFails()
    {
        Database db(m_config);
        QObject context;
        std::optional<Result<int>> r;
        db.run<int>(&context, [](DbConnection &) -> Result<int> { throw std::runtime_error("boom"); },
                    [&r](Result<int> x) { r = std::move(x); });
        QTRY_VERIFY(r.has_value());
        QVERIFY(!*r);
        QCOMPARE(r->error().code, int(kErrorJobException));
        QVERIFY(r->error().message.contains(QStringLiteral("boom")));
        // The worker carries on.
        auto next = db.runSync<int>([](DbConnection &c) -> Result<int> {
            auto row = c.queryOne("SELECT 5");
            if (!row)
                return row.error();
            return int((*row)->toInt64(0).value_or(0));
        });
        VERIFY_OK(next);
        QCOMPARE(*next, 5);
    }

    void throughputFigure()
    {
        // A figure for the report, not a timed assertion: point selects and single-row
        // autocommit updates through the pool (prepare + execute + close per statement).
        Database db(m_config);
        auto setup = db.runSync<int>([](DbConnection &c) -> Result<int> {
            if (auto r = c.exec("CREATE TABLE bench (id INT PRIMARY KEY, v BIGINT NOT NULL) ENGINE=InnoDB"); !r)
                return r.error();
            if (auto r = c.exec("INSERT INTO bench SELECT seq, 0 FROM seq_1_to_100"); !r)
                return r.error();
            return 0;
        });
        VERIFY_OK(setup);
        QObject context;
        for (const bool write : {false, true}) {
            constexpr int kJobs = 2000;
            int done = 0;
            int failed = 0;
            QEventLoop loop;
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < kJobs; ++i) {
                db.run<qint64>(
                    &context,
                    [i, write](DbConnection &c) -> Result<qint64> {
                        if (write) {
                            auto r = c.exec("UPDATE bench SET v = v + 1 WHERE id = ?", {i % 100 + 1});
                            if (!r)
                                return r.error();
                            return qint64(r->affectedRows);
                        }
                        auto row = c.queryOne("SELECT v FROM bench WHERE id = ?", {i % 100 + 1});
                        if (!row)
                            return row.error();
                        return (*row)->toInt64(0).value_or(-1);
                    },
                    [&](Result<qint64> r) {
                        ++done;
                        failed += r ? 0 : 1;
                        if (done == kJobs)
                            loop.quit();
                    });
            }
            // A real event loop: QTRY_*'s qWait() sleeps 10 ms between event batches.
            QTimer::singleShot(60000, &loop, &QEventLoop::quit);
            loop.exec();
            QCOMPARE(done, kJobs);
            QCOMPARE(failed, 0);
            qInfo("%s: %d jobs on %d workers in %lld ms = %.0f jobs/s", write ? "PK update" : "PK select", kJobs,
                  db.poolSize(), timer.elapsed(), kJobs * 1000.0 / qMax<qint64>(1, timer.elapsed()));
        }
    }

private:
    test::MariaDbServer m_server;
    DbConfig m_config;
};

QTEST_GUILESS_MAIN(TestDbDatabase)
#include "tst_dbdatabase.moc"
