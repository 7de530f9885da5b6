#pragma once

#include <util/result.h>

#include <QObject>
#include <QPointer>

#include <functional>

namespace wp::server::db {

class DbConnection;

/// One unit of work handed by Database to a DbWorker (internal to the db layer;
/// built by Database::run()). Copyable, passed by value between threads.
struct DbJob {
    /// What to call on the caller's thread once the job is over.
    using Completion = std::function<void()>;

    /// Worker thread: runs the job on a usable connection; returns its completion.
    std::function<Completion(DbConnection &)> run;
    /// Any thread: the completion that delivers @p error without running the job
    /// (database unavailable, shutdown, overload).
    std::function<Completion(const Error &)> fail;
    /// The completion is dropped once this is destroyed.
    QPointer<QObject> context;
};

} // namespace wp::server::db
