#pragma once

#include "dbconnection.h"
#include "dberror.h"

#include <util/result.h>

#include <optional>
#include <type_traits>

namespace wp::server::db {

/// An open transaction on a DbConnection, rolled back when it goes out of scope
/// unless commit() succeeded (the Akonadi rule).
///
/// Thread affinity: that of its connection (a worker thread). Transactions do
/// not nest: beginning one on a connection that already has one is a bug
/// (WP_ASSERT), since MySQL would silently commit the first.
///
///     auto tx = Transaction::begin(conn);
///     if (!tx) return tx.error();
///     if (auto r = conn.exec("UPDATE ...", {id}); !r) return r.error();
///     return tx->commit();
class Transaction {
public:
    /// Sends START TRANSACTION.
    /// Returns: the transaction, or the MySQL error (the connection is not in a transaction).
    [[nodiscard]] static Result<Transaction> begin(DbConnection &conn);

    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&) = delete;
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    /// Rolls back if still active; errors are logged (a lost connection has
    /// already rolled back on the server).
    ~Transaction();

    /// Sends COMMIT. Success or failure, the transaction is over afterwards.
    /// Returns: the MySQL error, e.g. 1213 when the commit lost a deadlock.
    [[nodiscard]] Result<void> commit();
    /// Sends ROLLBACK (idempotent: no-op when no longer active).
    [[nodiscard]] Result<void> rollback();
    /// True until commit() or rollback() was called (whatever their result).
    bool isActive() const { return m_conn != nullptr; }

private:
    explicit Transaction(DbConnection *conn) : m_conn(conn) {}
    Result<void> finish(const char *sql);
    DbConnection *m_conn = nullptr;
};

/// Default number of attempts of withTransaction().
inline constexpr int kTransactionAttempts = 5;

namespace detail {
/// Short randomized pause before retry @p attempt (1-based), a few ms growing
/// with the attempt; runs on the worker thread.
void transactionRetryPause(int attempt);
} // namespace detail

/// Runs @p fn(conn) inside a transaction and commits it, retrying the whole thing
/// from the start when the transaction, @p fn or the commit fails with deadlock
/// (1213) or lock wait timeout (1205), up to @p maxAttempts attempts in all.
/// @p fn returns a Result<T>: an error rolls the transaction back and is returned
/// (after retries when retryable). @p fn may run several times, so it must not
/// have effects outside this connection. Other errors are returned at once.
/// Must not be called inside a transaction (transactions do not nest).
/// Returns: @p fn's value after a successful commit, or the last error.
template <typename F>
auto withTransaction(DbConnection &conn, F &&fn, int maxAttempts = kTransactionAttempts)
    -> std::invoke_result_t<F &, DbConnection &>
{
    using R = std::invoke_result_t<F &, DbConnection &>;
    for (int attempt = 1;; ++attempt) {
        std::optional<Error> failure;
        {
            auto tx = Transaction::begin(conn);
            if (!tx) {
                failure = tx.error();
            } else {
                R result = fn(conn);
                if (!result) {
                    failure = result.error();
                } else {
                    auto committed = tx->commit();
                    if (committed)
                        return result;
                    failure = committed.error();
                }
            }
        } // rolled back here unless committed
        if (!isRetryableTransactionError(failure->code) || attempt >= maxAttempts)
            return R(*failure);
        detail::transactionRetryPause(attempt);
    }
}

} // namespace wp::server::db
