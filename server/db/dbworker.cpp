#include "dbworker.h"

#include "dbconnection.h"
#include "dberror.h"
#include "dblogging.h"

#include <QElapsedTimer>

#include <exception>

namespace wp::server::db {

DbWorker::DbWorker(int index, const DbConfig &config)
    : m_index(index), m_connection(std::make_unique<DbConnection>(config))
{
}

DbWorker::~DbWorker() = default;

DbJob::Completion DbWorker::execute(const DbJob &job)
{
    QElapsedTimer timer;
    timer.start();
    if (auto usable = m_connection->ensureConnected(); !usable)
        return job.fail(usable.error());

    DbJob::Completion completion;
    try {
        completion = job.run(*m_connection);
    } catch (const std::exception &e) {
        m_connection->disconnect(); // unknown session state (maybe mid-transaction)
        completion = job.fail(Error(kErrorJobException, QStringLiteral("database job threw: %1")
                                                            .arg(QString::fromLocal8Bit(e.what()))));
    } catch (...) {
        m_connection->disconnect();
        completion = job.fail(Error(kErrorJobException, QStringLiteral("database job threw")));
    }
    WP_ASSERT(!m_connection->inTransaction()); // Transaction is RAII: a job cannot leak one

    const qint64 elapsed = timer.elapsed();
    if (elapsed >= m_connection->config().slowJobWarning.count())
        qCWarning(lcDb).nospace() << "slow database job on worker " << m_index << ": " << elapsed << " ms";
    return completion;
}

} // namespace wp::server::db
