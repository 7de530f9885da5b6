#include "database.h"

#include "dblogging.h"
#include "dbworker.h"

#include <QCoreApplication>
#include <QThread>

namespace wp::server::db {

namespace {

Error shutdownError()
{
    return Error(kErrorShutdown, QStringLiteral("the database layer is shutting down"));
}

} // namespace

Database::Database(const DbConfig &config, QObject *parent) : QObject(parent), m_config(config)
{
    WP_ASSERT(config.poolSize >= 1);
    m_workers.resize(size_t(config.poolSize));
    for (int i = 0; i < config.poolSize; ++i) {
        Slot &slot = m_workers[size_t(i)];
        slot.thread = std::make_unique<QThread>();
        slot.thread->setObjectName(QStringLiteral("wp-db-%1").arg(i));
        slot.worker = new DbWorker(i, config);
        slot.worker->moveToThread(slot.thread.get());
        connect(slot.thread.get(), &QThread::finished, slot.worker, &QObject::deleteLater);
        slot.thread->start();
        m_idle.append(i);
    }
}

Database::~Database()
{
    WP_ASSERT(QThread::currentThread() == thread());
    m_accepting = false;
    m_destroying = true;
    std::deque<DbJob> waiting;
    waiting.swap(m_queue);
    for (const DbJob &job : waiting)
        deliver(job.fail(shutdownError()), job.context);

    for (Slot &slot : m_workers)
        slot.thread->quit();
    for (Slot &slot : m_workers)
        slot.thread->wait();
    // Results of the jobs that were running, posted by the workers before they stopped.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

void Database::enqueue(DbJob job)
{
    WP_ASSERT(QThread::currentThread() == thread());
    if (m_destroying) {
        qCWarning(lcDb) << "database job submitted while the database is being destroyed: dropped";
        return;
    }
    if (!m_accepting) {
        postFailure(job, shutdownError());
        return;
    }
    if (m_queue.size() >= size_t(qMax(0, m_config.maxQueuedJobs))) {
        postFailure(job, Error(kErrorOverloaded, QStringLiteral("too many database jobs waiting (%1)")
                                                     .arg(m_queue.size())));
        return;
    }
    m_queue.push_back(std::move(job));
    dispatch();
}

void Database::postFailure(const DbJob &job, const Error &error)
{
    QMetaObject::invokeMethod(
        this, [this, completion = job.fail(error), context = job.context]() { deliver(completion, context); },
        Qt::QueuedConnection);
}

void Database::dispatch()
{
    while (!m_queue.empty() && !m_idle.isEmpty()) {
        const int index = m_idle.takeLast();
        DbWorker *worker = m_workers[size_t(index)].worker;
        DbJob job = std::move(m_queue.front());
        m_queue.pop_front();
        // Runs on the worker's thread. `this` outlives it: ~Database joins the threads.
        QMetaObject::invokeMethod(
            worker,
            [this, worker, index, job = std::move(job)]() mutable {
                DbJob::Completion completion = worker->execute(job);
                // The job (and the callbacks it holds) travels back, so it is destroyed
                // on this Database's thread, not on the worker's.
                QMetaObject::invokeMethod(
                    this,
                    [this, index, completion = std::move(completion), job = std::move(job)]() {
                        onJobFinished(index, completion, job.context);
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }
}

void Database::onJobFinished(int worker, const DbJob::Completion &completion, const QPointer<QObject> &context)
{
    m_idle.append(worker);
    dispatch();
    QPointer<Database> self(this);
    deliver(completion, context); // may delete this Database
    if (self)
        maybeEmitDrained();
}

void Database::deliver(const DbJob::Completion &completion, const QPointer<QObject> &context)
{
    QObject *target = context.data();
    if (!target)
        return;
    if (target->thread() == thread())
        completion();
    else
        QMetaObject::invokeMethod(target, completion, Qt::QueuedConnection);
}

void Database::runBlocking(const DbJob &job)
{
    WP_ASSERT(QThread::currentThread() == thread());
    if (!m_accepting) {
        job.fail(shutdownError())();
        return;
    }
    DbWorker *worker = m_workers.front().worker;
    DbJob::Completion completion;
    QMetaObject::invokeMethod(
        worker, [&completion, worker, &job]() { completion = worker->execute(job); }, Qt::BlockingQueuedConnection);
    completion();
}

void Database::shutdown()
{
    WP_ASSERT(QThread::currentThread() == thread());
    if (!m_accepting)
        return;
    m_accepting = false;
    QMetaObject::invokeMethod(this, &Database::maybeEmitDrained, Qt::QueuedConnection);
}

void Database::maybeEmitDrained()
{
    if (m_accepting || m_drainedEmitted || m_destroying || !m_queue.empty() ||
        m_idle.size() != qsizetype(m_workers.size()))
        return;
    m_drainedEmitted = true;
    Q_EMIT drained();
}

} // namespace wp::server::db
