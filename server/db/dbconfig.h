#pragma once

#include <QString>

#include <chrono>

namespace wp::server::db {

/// How to reach the database and how the connection pool behaves. A plain value
/// type: copy it freely, read it from any thread.
///
/// Timeouts are whole seconds because that is what Connector/C takes. The read
/// timeout is also the longest a single statement may run: a statement still
/// running after it fails with 2013 and the connection is replaced, so keep
/// long DDL (big migrations) on a connection with a larger readTimeout.
struct DbConfig {
    /// TCP host. Empty: connect through unixSocket (or the client default socket).
    QString host;
    quint16 port = 3306;
    QString user;
    QString password;
    QString database;
    /// Unix socket path, used only when host is empty.
    QString unixSocket;

    std::chrono::seconds connectTimeout{3}; ///< TCP connect + server greeting
    std::chrono::seconds readTimeout{3};    ///< per network read (so per statement)
    std::chrono::seconds writeTimeout{3};   ///< per network write

    /// innodb_lock_wait_timeout of every session. Must stay below readTimeout so a
    /// row-lock wait ends with error 1205 (retried by withTransaction) rather than a
    /// client-side read timeout that throws the connection away.
    std::chrono::seconds lockWaitTimeout{2};

    /// Every session runs READ COMMITTED (false: the server default, normally
    /// REPEATABLE READ). READ COMMITTED takes no gap locks outside foreign-key and
    /// duplicate-key checks, so concurrent inserts/deletes deadlock far less.
    bool readCommitted = true;

    /// After a connection failed slowly (a timeout) or a connect attempt failed, jobs
    /// fail at once with the last error for this long before the next attempt.
    std::chrono::milliseconds reconnectBackoff{1000};
    /// A connection idle for longer than this is pinged before the next job, so a
    /// server restart or a server-side kill costs a reconnect instead of a failed job.
    std::chrono::milliseconds pingAfterIdle{1000};

    /// Database pool: worker threads, one connection each.
    int poolSize = 2;
    /// Database pool: jobs waiting for a worker beyond this fail at once (overload).
    int maxQueuedJobs = 10000;
    /// Jobs slower than this are logged at warning level.
    std::chrono::milliseconds slowJobWarning{1000};
};

} // namespace wp::server::db
