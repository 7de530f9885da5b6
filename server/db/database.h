#pragma once

#include "dbconfig.h"
#include "dbconnection.h"
#include "dberror.h"
#include "dbjob.h"

#include <util/assert.h>
#include <util/result.h>

#include <QList>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace wp::server::db {

class DbWorker;

/// Asynchronous access to the database for the event-loop thread: a pool of
/// DbConfig::poolSize DbWorkers, each a QObject in its own QThread with its own
/// DbConnection (the ASql pattern), so no mysql_* call ever runs on the caller's
/// thread.
///
/// Thread affinity: the thread that creates it (normally the main event loop);
/// every method must be called there (WP_ASSERT). Jobs run on worker threads.
///
/// Scheduling: one FIFO queue, owned by this thread. A job is handed to an idle
/// worker as soon as there is one, so jobs *start* in submission order, but with
/// several workers they run concurrently and may *finish* in any order. Work that
/// must be ordered goes into one job (one transaction), or into a Database with
/// poolSize 1. Workers connect lazily, on their first job: constructing a Database
/// never blocks.
///
/// Failure: each job makes its worker's connection usable first. While the
/// database is down, jobs fail with its error: fast when connections are refused,
/// after at most one timeout (DbConfig, 3 s) when the server hangs, and within a
/// backoff window (DbConfig::reconnectBackoff) at once without trying. The next
/// job after the window tries again, so the pool recovers by itself when the
/// database comes back.
class Database : public QObject {
    Q_OBJECT
public:
    /// Starts the worker threads (no connection yet). @p config.poolSize >= 1.
    explicit Database(const DbConfig &config, QObject *parent = nullptr);
    /// Fails the jobs still waiting with kErrorShutdown (their done callbacks run
    /// here, synchronously, if their context is alive), waits for the running
    /// ones (bounded by the read timeout) and delivers their results, then joins
    /// the threads. Callbacks running here must not use this Database again
    /// (run() is then a no-op).
    ~Database() override;

    /// Runs @p job(connection) on a worker thread and then @p done(result) on
    /// @p context's thread, through the event loop (never from inside run()).
    /// @p done is not called at all if @p context has been destroyed by then; the
    /// job itself still runs (a write is not lost because its requester left).
    /// Errors reach @p done as Result errors: the job's own, the connection's
    /// (MySQL errno), kErrorShutdown after shutdown(), kErrorOverloaded when
    /// DbConfig::maxQueuedJobs jobs are already waiting, kErrorJobException if the
    /// job threw. T must be copyable. @p job runs on a worker thread: it may use its
    /// connection and thread-safe data only. @p job and @p done are destroyed on this
    /// Database's thread. @p context must not be null; a context living
    /// on another thread than this Database must not be destroyed concurrently
    /// with its completion being posted (keep contexts on this thread).
    template <class T>
    void run(QObject *context, std::function<Result<T>(DbConnection &)> job,
             std::function<void(Result<T>)> done)
    {
        WP_ASSERT(context && job && done);
        enqueue(makeJob<T>(context, std::move(job), std::move(done)));
    }

    /// Blocking variant for start-up (migrations) and tests ONLY: runs @p job on
    /// the first worker's thread and waits for it, blocking the caller's event loop
    /// meanwhile (behind at most that worker's current job). Never call it from
    /// the running server's event loop. Returns: the job's result, or the
    /// connection's / kErrorShutdown error.
    template <class T>
    Result<T> runSync(std::function<Result<T>(DbConnection &)> job)
    {
        WP_ASSERT(job);
        std::optional<Result<T>> out;
        runBlocking(makeJob<T>(this, std::move(job), [&out](Result<T> r) { out.emplace(std::move(r)); }));
        WP_ASSERT(out.has_value());
        return std::move(*out);
    }

    /// Stops accepting jobs: later run() calls fail with kErrorShutdown (delivered
    /// asynchronously). Jobs already queued still run; drained() is emitted once
    /// the last of them has been delivered (or soon if there are none).
    void shutdown();

    /// False after shutdown().
    bool isAccepting() const { return m_accepting; }
    /// Jobs waiting for a worker (for /metrics and tests).
    int queuedJobs() const { return int(m_queue.size()); }
    /// Workers running a job, or whose result is not yet delivered.
    int busyWorkers() const { return int(m_workers.size() - m_idle.size()); }
    /// Number of worker threads (DbConfig::poolSize).
    int poolSize() const { return int(m_workers.size()); }

Q_SIGNALS:
    /// After shutdown(): every accepted job has finished and been delivered.
    void drained();

private:
    template <class T>
    static DbJob makeJob(QObject *context, std::function<Result<T>(DbConnection &)> job,
                         std::function<void(Result<T>)> done)
    {
        DbJob j;
        j.context = context;
        j.run = [job = std::move(job), done](DbConnection &conn) -> DbJob::Completion {
            return [done, result = job(conn)]() mutable { done(std::move(result)); };
        };
        j.fail = [done](const Error &error) -> DbJob::Completion {
            return [done, error]() { done(Result<T>(error)); };
        };
        return j;
    }

    void enqueue(DbJob job);
    void runBlocking(const DbJob &job);
    void dispatch();
    void onJobFinished(int worker, const DbJob::Completion &completion, const QPointer<QObject> &context);
    /// Calls @p completion on @p context's thread if the context is still alive.
    void deliver(const DbJob::Completion &completion, const QPointer<QObject> &context);
    void postFailure(const DbJob &job, const Error &error);
    void maybeEmitDrained();

    struct Slot {
        std::unique_ptr<QThread> thread;
        DbWorker *worker = nullptr; // deleted on its thread when the thread finishes
    };

    DbConfig m_config;
    std::vector<Slot> m_workers;
    QList<int> m_idle; ///< indices of idle workers
    std::deque<DbJob> m_queue;
    bool m_accepting = true;
    bool m_destroying = false;
    bool m_drainedEmitted = false;
};

} // namespace wp::server::db
