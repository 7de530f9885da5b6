#include "dbconnection.h"

#include "dberror.h"
#include "dblogging.h"

#include <mysql.h>

#include <QDate>
#include <QTime>

#include <cstring>
#include <mutex>
#include <vector>

namespace wp::server::db {

namespace {

/// A failure faster than this closed the socket (server restart, KILL): the next
/// job may reconnect at once. A slower one was a timeout: back off.
constexpr qint64 kSlowFailureMs = 500;
constexpr int kCrUnknownError = 2000; // CR_UNKNOWN_ERROR
constexpr int kCrOutOfMemory = 2008;  // CR_OUT_OF_MEMORY
constexpr quint64 kNoRows = ~quint64(0);

/// mysql_library_init() is not thread-safe: run it once, before any worker
/// thread calls mysql_init().
Result<void> initLibrary()
{
    static std::once_flag once;
    static int rc = 0;
    std::call_once(once, [] { rc = mysql_library_init(0, nullptr, nullptr); });
    if (rc != 0)
        return fail(kCrUnknownError, QStringLiteral("mysql_library_init failed"));
    return {};
}

struct StmtCloser {
    void operator()(MYSQL_STMT *stmt) const
    {
        if (mysql_stmt_close(stmt) != 0)
            qCDebug(lcDb) << "mysql_stmt_close failed (connection already gone)";
    }
};

struct ResCloser {
    void operator()(MYSQL_RES *res) const { mysql_free_result(res); }
};

QByteArray toUtf8(QAnyStringView sql)
{
    return sql.toString().toUtf8();
}

/// Owns the buffers MYSQL_BIND points into until the statement has executed.
class ParamBinder {
public:
    explicit ParamBinder(qsizetype n)
        : m_binds(size_t(n)), m_ints(size_t(n)), m_doubles(size_t(n)), m_tinies(size_t(n)), m_times(size_t(n)),
          m_bytes(size_t(n)), m_lengths(size_t(n))
    {
        std::memset(m_binds.data(), 0, m_binds.size() * sizeof(MYSQL_BIND));
        std::memset(m_times.data(), 0, m_times.size() * sizeof(MYSQL_TIME));
    }

    /// Returns: an error naming the parameter if its type is not supported.
    Result<void> bind(qsizetype i, const QVariant &v)
    {
        MYSQL_BIND &b = m_binds[size_t(i)];
        if (!v.isValid() || v.metaType().id() == QMetaType::Nullptr) {
            b.buffer_type = MYSQL_TYPE_NULL;
            return {};
        }
        switch (v.metaType().id()) {
        case QMetaType::Bool:
            m_tinies[size_t(i)] = v.toBool() ? 1 : 0;
            b.buffer_type = MYSQL_TYPE_TINY;
            b.buffer = &m_tinies[size_t(i)];
            return {};
        case QMetaType::Int:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::Short:
        case QMetaType::Char:
        case QMetaType::SChar:
            m_ints[size_t(i)] = v.toLongLong();
            b.buffer_type = MYSQL_TYPE_LONGLONG;
            b.buffer = &m_ints[size_t(i)];
            return {};
        case QMetaType::UInt:
        case QMetaType::ULong:
        case QMetaType::ULongLong:
        case QMetaType::UShort:
        case QMetaType::UChar:
            m_ints[size_t(i)] = qint64(v.toULongLong()); // same bits, flagged unsigned
            b.buffer_type = MYSQL_TYPE_LONGLONG;
            b.buffer = &m_ints[size_t(i)];
            b.is_unsigned = 1;
            return {};
        case QMetaType::Double:
        case QMetaType::Float:
            m_doubles[size_t(i)] = v.toDouble();
            b.buffer_type = MYSQL_TYPE_DOUBLE;
            b.buffer = &m_doubles[size_t(i)];
            return {};
        case QMetaType::QString:
            return bindBytes(i, v.toString().toUtf8(), MYSQL_TYPE_STRING);
        case QMetaType::QByteArray:
            return bindBytes(i, v.toByteArray(), MYSQL_TYPE_BLOB);
        case QMetaType::QDateTime: {
            const QDateTime dt = v.toDateTime().toUTC();
            if (!dt.isValid())
                return fail(kErrorBadParameter, QStringLiteral("parameter %1: invalid QDateTime").arg(i + 1));
            MYSQL_TIME &t = m_times[size_t(i)];
            t.year = unsigned(dt.date().year());
            t.month = unsigned(dt.date().month());
            t.day = unsigned(dt.date().day());
            t.hour = unsigned(dt.time().hour());
            t.minute = unsigned(dt.time().minute());
            t.second = unsigned(dt.time().second());
            t.second_part = static_cast<unsigned long>(dt.time().msec()) * 1000;
            t.time_type = MYSQL_TIMESTAMP_DATETIME;
            b.buffer_type = MYSQL_TYPE_DATETIME;
            b.buffer = &t;
            return {};
        }
        default:
            return fail(kErrorBadParameter, QStringLiteral("parameter %1: unsupported type %2")
                                                .arg(i + 1)
                                                .arg(QString::fromLatin1(v.metaType().name())));
        }
    }

    MYSQL_BIND *binds() { return m_binds.data(); }

private:
    Result<void> bindBytes(qsizetype i, QByteArray bytes, enum_field_types type)
    {
        MYSQL_BIND &b = m_binds[size_t(i)];
        m_bytes[size_t(i)] = std::move(bytes);
        QByteArray &data = m_bytes[size_t(i)];
        m_lengths[size_t(i)] = static_cast<unsigned long>(data.size());
        b.buffer_type = type;
        b.buffer = data.data();
        b.buffer_length = static_cast<unsigned long>(data.size());
        b.length = &m_lengths[size_t(i)];
        return {};
    }

    // Sized once: MYSQL_BIND keeps pointers into these.
    std::vector<MYSQL_BIND> m_binds;
    std::vector<long long> m_ints;
    std::vector<double> m_doubles;
    std::vector<signed char> m_tinies;
    std::vector<MYSQL_TIME> m_times;
    std::vector<QByteArray> m_bytes;
    std::vector<unsigned long> m_lengths;
};

/// One result column: how it is bound and where its value lands.
struct Column {
    enum class Kind { Int, Double, Time, Text, Bytes };
    Kind kind = Kind::Text;
    DbTime::Kind timeKind = DbTime::Kind::DateTime;
    bool isUnsigned = false;
    long long i = 0;
    double d = 0;
    MYSQL_TIME t{};
    QByteArray buffer;
    unsigned long length = 0;
    my_bool isNull = 0;
    my_bool error = 0;
};

void setupColumn(const MYSQL_FIELD &field, Column &col, MYSQL_BIND &bind)
{
    switch (field.type) {
    case MYSQL_TYPE_TINY:
    case MYSQL_TYPE_SHORT:
    case MYSQL_TYPE_INT24:
    case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG:
    case MYSQL_TYPE_YEAR:
        col.kind = Column::Kind::Int;
        col.isUnsigned = (field.flags & UNSIGNED_FLAG) != 0;
        bind.buffer_type = MYSQL_TYPE_LONGLONG;
        bind.buffer = &col.i;
        bind.is_unsigned = col.isUnsigned ? 1 : 0;
        break;
    case MYSQL_TYPE_FLOAT:
    case MYSQL_TYPE_DOUBLE:
        col.kind = Column::Kind::Double;
        bind.buffer_type = MYSQL_TYPE_DOUBLE;
        bind.buffer = &col.d;
        break;
    case MYSQL_TYPE_DATE:
    case MYSQL_TYPE_NEWDATE:
        col.kind = Column::Kind::Time;
        col.timeKind = DbTime::Kind::Date;
        bind.buffer_type = MYSQL_TYPE_DATE;
        bind.buffer = &col.t;
        break;
    case MYSQL_TYPE_TIME:
        col.kind = Column::Kind::Time;
        col.timeKind = DbTime::Kind::Time;
        bind.buffer_type = MYSQL_TYPE_TIME;
        bind.buffer = &col.t;
        break;
    case MYSQL_TYPE_DATETIME:
    case MYSQL_TYPE_TIMESTAMP:
        col.kind = Column::Kind::Time;
        col.timeKind = DbTime::Kind::DateTime;
        bind.buffer_type = MYSQL_TYPE_DATETIME;
        bind.buffer = &col.t;
        break;
    default: {
        // DECIMAL is text; other columns are text unless their charset is binary (63).
        const bool decimal = field.type == MYSQL_TYPE_DECIMAL || field.type == MYSQL_TYPE_NEWDECIMAL;
        col.kind = (!decimal && field.charsetnr == 63) ? Column::Kind::Bytes : Column::Kind::Text;
        col.buffer.resize(qsizetype(qMax<unsigned long>(field.max_length, 1)));
        bind.buffer_type = col.kind == Column::Kind::Bytes ? MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
        bind.buffer = col.buffer.data();
        bind.buffer_length = static_cast<unsigned long>(col.buffer.size());
        break;
    }
    }
    bind.length = &col.length;
    bind.is_null = &col.isNull;
    bind.error = &col.error;
}

DbValue columnValue(const Column &col)
{
    if (col.isNull)
        return std::monostate();
    switch (col.kind) {
    case Column::Kind::Int:
        if (col.isUnsigned && static_cast<unsigned long long>(col.i) > quint64(std::numeric_limits<qint64>::max()))
            return quint64(static_cast<unsigned long long>(col.i));
        return qint64(col.i);
    case Column::Kind::Double:
        return col.d;
    case Column::Kind::Time: {
        DbTime t;
        t.kind = col.timeKind;
        t.year = int(col.t.year);
        t.month = int(col.t.month);
        t.day = int(col.t.day);
        t.hour = int(col.t.hour);
        t.minute = int(col.t.minute);
        t.second = int(col.t.second);
        t.microsecond = int(col.t.second_part);
        t.negative = col.t.neg != 0;
        return t;
    }
    case Column::Kind::Text:
        return QString::fromUtf8(col.buffer.constData(), qsizetype(col.length));
    case Column::Kind::Bytes:
        return QByteArray(col.buffer.constData(), qsizetype(col.length));
    }
    return std::monostate();
}

} // namespace

struct DbConnection::Statement {
    std::unique_ptr<MYSQL_STMT, StmtCloser> handle;
};

DbConnection::DbConnection(DbConfig config)
    : m_config(std::move(config)), m_mysql(nullptr, [](st_mysql *m) { mysql_close(m); })
{
}

DbConnection::~DbConnection() = default;

quint64 DbConnection::connectionId() const
{
    return m_mysql ? quint64(mysql_thread_id(m_mysql.get())) : 0;
}

void DbConnection::disconnect()
{
    m_mysql.reset();
    m_inTransaction = false;
}

Result<void> DbConnection::connect()
{
    disconnect();
    m_statementTimer.start();
    auto result = [this]() -> Result<void> {
        if (auto init = initLibrary(); !init)
            return init;
        MysqlPtr owner(mysql_init(nullptr), [](st_mysql *m) { mysql_close(m); });
        MYSQL *m = owner.get();
        if (!m)
            return fail(kCrOutOfMemory, QStringLiteral("mysql_init: out of memory"));

        const unsigned int connectTimeout = unsigned(qMax<qint64>(1, m_config.connectTimeout.count()));
        const unsigned int readTimeout = unsigned(qMax<qint64>(1, m_config.readTimeout.count()));
        const unsigned int writeTimeout = unsigned(qMax<qint64>(1, m_config.writeTimeout.count()));
        int rc = mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &connectTimeout);
        rc |= mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &readTimeout);
        rc |= mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &writeTimeout);
        rc |= mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
        if (!m_config.host.isEmpty()) {
            const unsigned int protocol = MYSQL_PROTOCOL_TCP;
            rc |= mysql_options(m, MYSQL_OPT_PROTOCOL, &protocol);
        }
        if (rc != 0)
            return fail(int(mysql_errno(m)) ? int(mysql_errno(m)) : kCrUnknownError,
                        QStringLiteral("mysql_options failed: %1").arg(QString::fromUtf8(mysql_error(m))));

        const QByteArray host = m_config.host.toUtf8();
        const QByteArray user = m_config.user.toUtf8();
        const QByteArray password = m_config.password.toUtf8();
        const QByteArray database = m_config.database.toUtf8();
        const QByteArray socket = m_config.unixSocket.toUtf8();
        if (!mysql_real_connect(m, host.isEmpty() ? nullptr : host.constData(), user.constData(),
                                password.constData(), database.isEmpty() ? nullptr : database.constData(),
                                m_config.port, (host.isEmpty() && !socket.isEmpty()) ? socket.constData() : nullptr,
                                0)) {
            return fail(int(mysql_errno(m)) ? int(mysql_errno(m)) : kCrUnknownError, QString::fromUtf8(mysql_error(m)));
        }
        m_mysql = std::move(owner);
        markUsed();

        // UTC session clock; strict mode whatever the server's default, so an
        // over-long address or a bad date is an error and never silently truncated.
        if (auto tz = exec("SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,"
                           "NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
            !tz)
            return tz.error();
        if (m_config.readCommitted) {
            if (auto iso = exec("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"); !iso)
                return iso.error();
        }
        const qint64 lockWait = qMax<qint64>(1, m_config.lockWaitTimeout.count());
        if (auto lw = exec("SET SESSION innodb_lock_wait_timeout = ?", {lockWait}); !lw)
            return lw.error();
        return {};
    }();

    if (!result) {
        disconnect();
        m_lastConnectionError = result.error();
        m_backoffSince.start();
        qCWarning(lcDb).nospace() << "cannot connect to the database (" << result.error().code
                                  << "): " << result.error().message << " after " << m_statementTimer.elapsed()
                                  << " ms";
        return result;
    }
    m_backoffSince.invalidate();
    m_lastConnectionError.reset();
    qCDebug(lcDb) << "connected, session" << connectionId();
    return {};
}

Result<void> DbConnection::ensureConnected()
{
    if (m_mysql) {
        if (!m_lastUsed.isValid() || m_lastUsed.elapsed() <= m_config.pingAfterIdle.count())
            return {};
        m_statementTimer.start();
        if (mysql_ping(m_mysql.get()) == 0) {
            markUsed();
            return {};
        }
        const Error error = sessionError("ping");
        if (m_mysql)
            return error; // not a connection error: report it as it is
        if (m_backoffSince.isValid()) // the ping timed out: the server is not answering
            return fail(error.code, QStringLiteral("database unavailable: %1").arg(error.message));
        // The session was closed under us (server restart, KILL, wait_timeout): replace it now.
    }
    if (m_backoffSince.isValid() && m_backoffSince.elapsed() < m_config.reconnectBackoff.count() &&
        m_lastConnectionError) {
        return fail(m_lastConnectionError->code,
                    QStringLiteral("database unavailable: %1 (next attempt in %2 ms)")
                        .arg(m_lastConnectionError->message)
                        .arg(m_config.reconnectBackoff.count() - m_backoffSince.elapsed()));
    }
    return connect();
}

void DbConnection::markUsed()
{
    m_lastUsed.start();
}

void DbConnection::onConnectionError(const Error &error)
{
    const qint64 elapsed = m_statementTimer.isValid() ? m_statementTimer.elapsed() : 0;
    qCWarning(lcDb).nospace() << "database session " << connectionId() << " lost (" << error.code
                              << "): " << error.message << " after " << elapsed << " ms";
    disconnect();
    m_lastConnectionError = error;
    if (elapsed >= kSlowFailureMs)
        m_backoffSince.start();
    else
        m_backoffSince.invalidate();
}

Error DbConnection::sessionError(const char *what)
{
    if (!m_mysql)
        return fail(kCrServerGone, QStringLiteral("%1: not connected to the database").arg(QLatin1String(what)));
    int code = int(mysql_errno(m_mysql.get()));
    const QString message = QString::fromUtf8(mysql_error(m_mysql.get()));
    if (code == 0)
        code = kCrUnknownError;
    Error error(code, message);
    if (isConnectionError(code))
        onConnectionError(error);
    return error;
}

Error DbConnection::statementError(Statement &stmt, const char *what)
{
    int code = int(mysql_stmt_errno(stmt.handle.get()));
    if (code == 0 && m_mysql)
        return sessionError(what);
    if (code == 0)
        code = kCrUnknownError;
    Error error(code, QString::fromUtf8(mysql_stmt_error(stmt.handle.get())));
    if (isConnectionError(code) && m_mysql)
        onConnectionError(error);
    return error;
}

Result<void> DbConnection::simpleCommand(const char *sql)
{
    if (!m_mysql)
        return sessionError(sql);
    m_statementTimer.start();
    if (mysql_real_query(m_mysql.get(), sql, static_cast<unsigned long>(std::strlen(sql))) != 0)
        return sessionError(sql);
    if (mysql_field_count(m_mysql.get()) != 0) {
        // Not expected for transaction control; drain it to keep the session in sync.
        std::unique_ptr<MYSQL_RES, ResCloser> res(mysql_store_result(m_mysql.get()));
        if (!res)
            return sessionError(sql);
    }
    markUsed();
    return {};
}

Result<DbConnection::Statement> DbConnection::prepareAndExecute(const QByteArray &sql, const DbParams &params)
{
    if (!m_mysql)
        return sessionError("prepare");
    m_statementTimer.start();
    Statement stmt{std::unique_ptr<MYSQL_STMT, StmtCloser>(mysql_stmt_init(m_mysql.get()))};
    if (!stmt.handle)
        return sessionError("mysql_stmt_init");
    const my_bool updateMaxLength = 1;
    if (mysql_stmt_attr_set(stmt.handle.get(), STMT_ATTR_UPDATE_MAX_LENGTH, &updateMaxLength) != 0)
        return statementError(stmt, "mysql_stmt_attr_set");
    if (mysql_stmt_prepare(stmt.handle.get(), sql.constData(), static_cast<unsigned long>(sql.size())) != 0)
        return statementError(stmt, "mysql_stmt_prepare");

    const unsigned long expected = mysql_stmt_param_count(stmt.handle.get());
    if (expected != static_cast<unsigned long>(params.size()))
        return fail(kErrorBadParameter,
                    QStringLiteral("statement has %1 placeholders but %2 parameters were given")
                        .arg(expected)
                        .arg(params.size()));
    ParamBinder binder(params.size());
    for (qsizetype i = 0; i < params.size(); ++i) {
        if (auto bound = binder.bind(i, params[i]); !bound)
            return bound.error();
    }
    if (!params.isEmpty() && mysql_stmt_bind_param(stmt.handle.get(), binder.binds()) != 0)
        return statementError(stmt, "mysql_stmt_bind_param");
    if (mysql_stmt_execute(stmt.handle.get()) != 0)
        return statementError(stmt, "mysql_stmt_execute");
    return stmt;
}

Result<QList<DbRow>> DbConnection::fetchAll(Statement &stmt)
{
    MYSQL_STMT *s = stmt.handle.get();
    const unsigned int fieldCount = mysql_stmt_field_count(s);
    if (fieldCount == 0)
        return QList<DbRow>();
    if (mysql_stmt_store_result(s) != 0)
        return statementError(stmt, "mysql_stmt_store_result");
    auto freeResult = qScopeGuard([s] { mysql_stmt_free_result(s); });

    std::unique_ptr<MYSQL_RES, ResCloser> meta(mysql_stmt_result_metadata(s));
    if (!meta)
        return statementError(stmt, "mysql_stmt_result_metadata");
    const MYSQL_FIELD *fields = mysql_fetch_fields(meta.get());
    const unsigned int n = mysql_num_fields(meta.get());
    if (!fields || n != fieldCount)
        return fail(kCrUnknownError, QStringLiteral("result metadata does not match the statement"));

    std::vector<Column> columns(n);
    std::vector<MYSQL_BIND> binds(n);
    std::memset(binds.data(), 0, binds.size() * sizeof(MYSQL_BIND));
    for (unsigned int c = 0; c < n; ++c)
        setupColumn(fields[c], columns[c], binds[c]);
    if (mysql_stmt_bind_result(s, binds.data()) != 0)
        return statementError(stmt, "mysql_stmt_bind_result");

    QList<DbRow> rows;
    rows.reserve(qsizetype(mysql_stmt_num_rows(s)));
    for (;;) {
        const int rc = mysql_stmt_fetch(s);
        if (rc == MYSQL_NO_DATA)
            break;
        if (rc == 1)
            return statementError(stmt, "mysql_stmt_fetch");
        if (rc == MYSQL_DATA_TRUNCATED) {
            // max_length should prevent this; fetch any longer column on its own.
            for (unsigned int c = 0; c < n; ++c) {
                Column &col = columns[c];
                if (!col.error || col.kind == Column::Kind::Int || col.kind == Column::Kind::Double ||
                    col.kind == Column::Kind::Time)
                    continue;
                col.buffer.resize(qsizetype(col.length));
                binds[c].buffer = col.buffer.data();
                binds[c].buffer_length = col.length;
                if (mysql_stmt_fetch_column(s, &binds[c], c, 0) != 0)
                    return statementError(stmt, "mysql_stmt_fetch_column");
            }
            if (mysql_stmt_bind_result(s, binds.data()) != 0)
                return statementError(stmt, "mysql_stmt_bind_result");
        }
        QList<DbValue> values;
        values.reserve(n);
        for (const Column &col : columns)
            values.append(columnValue(col));
        rows.append(DbRow(std::move(values)));
    }
    return rows;
}

Result<DbExecResult> DbConnection::exec(QAnyStringView sql, const DbParams &params)
{
    auto stmt = prepareAndExecute(toUtf8(sql), params);
    if (!stmt)
        return stmt.error();
    MYSQL_STMT *s = stmt->handle.get();
    DbExecResult result;
    if (mysql_stmt_field_count(s) != 0) {
        auto rows = fetchAll(*stmt); // discard, but keep the session in sync
        if (!rows)
            return rows.error();
    } else {
        const quint64 affected = mysql_stmt_affected_rows(s);
        result.affectedRows = affected == kNoRows ? 0 : affected;
        result.insertId = mysql_stmt_insert_id(s);
    }
    markUsed();
    return result;
}

Result<QList<DbRow>> DbConnection::query(QAnyStringView sql, const DbParams &params)
{
    auto stmt = prepareAndExecute(toUtf8(sql), params);
    if (!stmt)
        return stmt.error();
    auto rows = fetchAll(*stmt);
    if (rows)
        markUsed();
    return rows;
}

Result<std::optional<DbRow>> DbConnection::queryOne(QAnyStringView sql, const DbParams &params)
{
    auto rows = query(sql, params);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<DbRow>();
    return std::optional<DbRow>(rows->first());
}

} // namespace wp::server::db
