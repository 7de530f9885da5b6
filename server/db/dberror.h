#pragma once

namespace wp::server::db {

// Error::code values of the db layer that are not MySQL errnos. Everything else in
// Error::code is a MySQL / MariaDB errno: server errors (1000-1999, 3000+, 4000+)
// and client errors (2000-2999, Connector/C 5000+), with the mysql_error() text as
// Error::message.
inline constexpr int kErrorShutdown = 9001;     ///< the Database is shutting down or destroyed
inline constexpr int kErrorBadParameter = 9002; ///< unsupported parameter type, or a count mismatch
inline constexpr int kErrorJobException = 9003; ///< a job threw (a bug in the job; its connection is reset)
inline constexpr int kErrorOverloaded = 9004;   ///< too many queued jobs (DbConfig::maxQueuedJobs)
inline constexpr int kErrorMigration = 9005;    ///< a bad migration file, or the migration lock not obtained

// MariaDB errnos the layer (and its users) react to.
inline constexpr int kErDupEntry = 1062;       ///< ER_DUP_ENTRY: unique key violation (message quotes the value)
inline constexpr int kErLockWaitTimeout = 1205; ///< ER_LOCK_WAIT_TIMEOUT: only the statement rolled back
inline constexpr int kErLockDeadlock = 1213;   ///< ER_LOCK_DEADLOCK: the whole transaction rolled back
inline constexpr int kCrServerGone = 2006;     ///< CR_SERVER_GONE_ERROR (also: not connected)
inline constexpr int kCrServerLost = 2013;     ///< CR_SERVER_LOST (read/write timeouts too)

/// True for errors after which the connection cannot be used any more (server gone,
/// lost, timed out, killed, shut down, protocol out of sync, connect failures): the
/// connection is closed and the next job reconnects. Never retried inside a job.
bool isConnectionError(int code);

/// True for 1213 (deadlock) and 1205 (lock wait timeout): the transaction can be
/// retried from the start (withTransaction does).
inline bool isRetryableTransactionError(int code)
{
    return code == kErLockDeadlock || code == kErLockWaitTimeout;
}

} // namespace wp::server::db
