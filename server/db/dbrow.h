#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>
#include <variant>

namespace wp::server::db {

/// A DATE, DATETIME, TIMESTAMP or TIME value exactly as the server sent it,
/// microseconds included (QDateTime and QtSql's QMYSQL stop at milliseconds).
/// The session runs with time_zone '+00:00', so DATETIME/TIMESTAMP are UTC.
struct DbTime {
    enum class Kind { Date, DateTime, Time };
    Kind kind = Kind::DateTime;
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0; ///< TIME values may exceed 23
    int minute = 0;
    int second = 0;
    int microsecond = 0;
    bool negative = false; ///< TIME only

    /// Microseconds since 1970-01-01 00:00:00 UTC (DATE: at midnight).
    /// Returns: nullopt for TIME values and for invalid/zero dates ('0000-00-00').
    std::optional<qint64> toEpochMicros() const;
    /// 'YYYY-MM-DD HH:MM:SS.ffffff' (DATETIME), 'YYYY-MM-DD' (DATE),
    /// '[-]HH:MM:SS.ffffff' (TIME): the form the server accepts back as a parameter.
    QString toString() const;
    bool operator==(const DbTime &) const = default;
};

/// One value of a result row.
using DbValue = std::variant<std::monostate, qint64, quint64, double, QString, QByteArray, DbTime>;

/// One row of a query result, with typed getters. Rows are untrusted input: every
/// getter returns nullopt when the column is NULL, out of range, or of a type
/// that does not convert exactly (never asserts). A plain value type, usable on
/// any thread.
///
/// Column types as they arrive: integers -> qint64 (quint64 for UNSIGNED values
/// above INT64_MAX), FLOAT/DOUBLE -> double, DECIMAL (and SUM(), AVG()) -> QString
/// text, character columns -> QString (UTF-8), binary columns (BLOB, BINARY,
/// VARBINARY, BIT) -> QByteArray, DATE/DATETIME/TIMESTAMP/TIME -> DbTime.
class DbRow {
public:
    DbRow() = default;
    /// A row of @p values, one per column (built by DbConnection; tests).
    explicit DbRow(QList<DbValue> values) : m_values(std::move(values)) {}

    /// Number of columns.
    int size() const { return int(m_values.size()); }
    /// True for SQL NULL and for an out-of-range column.
    bool isNull(int column) const;
    /// The raw value (std::monostate for NULL or out of range).
    const DbValue &at(int column) const;

    /// Integers; UNSIGNED values up to INT64_MAX; DECIMAL/strings holding an exact
    /// integer ("42", not "4.2"); doubles are refused.
    std::optional<qint64> toInt64(int column) const;
    /// toInt64() != 0.
    std::optional<bool> toBool(int column) const;
    /// Doubles, integers, and numeric text (DECIMAL).
    std::optional<double> toDouble(int column) const;
    /// Character columns; numbers and times are formatted (DbTime::toString()).
    /// Binary columns are refused (use toBytes()).
    std::optional<QString> toString(int column) const;
    /// Binary columns as they are; character columns as UTF-8.
    std::optional<QByteArray> toBytes(int column) const;
    /// DATE/DATETIME/TIMESTAMP as microseconds since the epoch, UTC.
    std::optional<qint64> toEpochMicros(int column) const;
    /// DATE/DATETIME/TIMESTAMP as a UTC QDateTime (microseconds truncated to ms).
    std::optional<QDateTime> toDateTime(int column) const;
    /// DATE/DATETIME/TIMESTAMP/TIME as the server sent it.
    std::optional<DbTime> toTime(int column) const;

    /// A QVariant for generic code (tests, CSV export): NULL -> invalid QVariant,
    /// times -> QString with microseconds, other types as listed above.
    QVariant value(int column) const;

private:
    QList<DbValue> m_values;
};

} // namespace wp::server::db
