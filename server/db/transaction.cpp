#include "transaction.h"

#include "dblogging.h"

#include <crypto/random.h>

#include <QThread>

namespace wp::server::db {

Result<Transaction> Transaction::begin(DbConnection &conn)
{
    WP_ASSERT(!conn.inTransaction());
    if (auto started = conn.simpleCommand("START TRANSACTION"); !started)
        return started.error();
    conn.m_inTransaction = true;
    return Transaction(&conn);
}

Transaction::Transaction(Transaction &&other) noexcept : m_conn(other.m_conn)
{
    other.m_conn = nullptr;
}

Transaction::~Transaction()
{
    if (!m_conn)
        return;
    if (auto r = rollback(); !r)
        qCDebug(lcDb) << "rollback failed:" << r.error().code << r.error().message;
}

Result<void> Transaction::commit()
{
    return finish("COMMIT");
}

Result<void> Transaction::rollback()
{
    return finish("ROLLBACK");
}

Result<void> Transaction::finish(const char *sql)
{
    if (!m_conn)
        return {};
    DbConnection *conn = m_conn;
    m_conn = nullptr;
    if (!conn->isConnected()) {
        // The session died: the server rolled the transaction back with it.
        conn->m_inTransaction = false;
        return fail(kCrServerGone, QStringLiteral("%1: the connection was lost; the transaction was rolled back")
                              .arg(QLatin1String(sql)));
    }
    auto result = conn->simpleCommand(sql);
    conn->m_inTransaction = false;
    return result;
}

namespace detail {

void transactionRetryPause(int attempt)
{
    const int ms = 2 * attempt + int(crypto::randomBelow(quint64(5 * attempt + 1)));
    QThread::msleep(ulong(ms));
}

} // namespace detail

} // namespace wp::server::db
