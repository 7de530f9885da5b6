#pragma once

#include "dbconfig.h"
#include "dbjob.h"

#include <QObject>

#include <memory>

namespace wp::server::db {

class DbConnection;

/// One database connection and the thread that uses it (the ASql pattern).
///
/// Thread affinity: created on the Database's thread, then moved to its own
/// QThread; execute() runs there only. Owned by Database, which quits and joins
/// the thread before anything else is destroyed; the worker (and so its
/// MYSQL*) is deleted on its own thread when that thread finishes.
class DbWorker : public QObject {
    Q_OBJECT
public:
    DbWorker(int index, const DbConfig &config);
    ~DbWorker() override;

    /// Position in the Database's pool (thread name wp-db-<index>).
    int index() const { return m_index; }

    /// Worker thread: makes the connection usable (DbConnection::ensureConnected(),
    /// so failing fast while the database is unavailable), runs @p job on it and
    /// returns the completion to deliver on the caller's thread. A job that throws
    /// fails with kErrorJobException and its connection is reset. Never throws.
    DbJob::Completion execute(const DbJob &job);

private:
    int m_index;
    std::unique_ptr<DbConnection> m_connection;
};

} // namespace wp::server::db
