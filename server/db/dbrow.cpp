#include "dbrow.h"

#include <QDate>

#include <limits>

namespace wp::server::db {

namespace {

constexpr qint64 kUnixEpochJulianDay = 2440588;
constexpr qint64 kMicrosPerSecond = 1000000;

const DbValue &nullValue()
{
    static const DbValue null;
    return null;
}

/// An exact integer in text ("-42", "42", "42.000" from DECIMAL is refused).
std::optional<qint64> parseInt(const QString &s)
{
    bool ok = false;
    const qint64 v = s.toLongLong(&ok);
    return ok ? std::optional<qint64>(v) : std::nullopt;
}

} // namespace

std::optional<qint64> DbTime::toEpochMicros() const
{
    if (kind == Kind::Time)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid() || hour > 23 || minute > 59 || second > 59 || microsecond < 0 || microsecond > 999999)
        return std::nullopt;
    const qint64 days = date.toJulianDay() - kUnixEpochJulianDay;
    const qint64 seconds = days * 86400 + hour * 3600 + minute * 60 + second;
    return seconds * kMicrosPerSecond + microsecond;
}

QString DbTime::toString() const
{
    const auto two = [](int v) { return QString::number(v).rightJustified(2, u'0'); };
    const QString micros = QString::number(microsecond).rightJustified(6, u'0');
    switch (kind) {
    case Kind::Date:
        return QStringLiteral("%1-%2-%3").arg(QString::number(year).rightJustified(4, u'0'), two(month), two(day));
    case Kind::Time:
        return QStringLiteral("%1%2:%3:%4.%5")
            .arg(negative ? QStringLiteral("-") : QString(), two(hour), two(minute), two(second), micros);
    case Kind::DateTime:
        break;
    }
    return QStringLiteral("%1-%2-%3 %4:%5:%6.%7")
        .arg(QString::number(year).rightJustified(4, u'0'), two(month), two(day), two(hour), two(minute),
             two(second), micros);
}

bool DbRow::isNull(int column) const
{
    return std::holds_alternative<std::monostate>(at(column));
}

const DbValue &DbRow::at(int column) const
{
    if (column < 0 || column >= m_values.size())
        return nullValue();
    return m_values[column];
}

std::optional<qint64> DbRow::toInt64(int column) const
{
    const DbValue &v = at(column);
    if (const auto *i = std::get_if<qint64>(&v))
        return *i;
    if (const auto *u = std::get_if<quint64>(&v)) {
        if (*u <= quint64(std::numeric_limits<qint64>::max()))
            return qint64(*u);
        return std::nullopt;
    }
    if (const auto *s = std::get_if<QString>(&v))
        return parseInt(*s);
    return std::nullopt;
}

std::optional<bool> DbRow::toBool(int column) const
{
    if (const auto i = toInt64(column))
        return *i != 0;
    if (const auto *u = std::get_if<quint64>(&at(column)))
        return *u != 0;
    return std::nullopt;
}

std::optional<double> DbRow::toDouble(int column) const
{
    const DbValue &v = at(column);
    if (const auto *d = std::get_if<double>(&v))
        return *d;
    if (const auto *i = std::get_if<qint64>(&v))
        return double(*i);
    if (const auto *u = std::get_if<quint64>(&v))
        return double(*u);
    if (const auto *s = std::get_if<QString>(&v)) {
        bool ok = false;
        const double d = s->toDouble(&ok);
        return ok ? std::optional<double>(d) : std::nullopt;
    }
    return std::nullopt;
}

std::optional<QString> DbRow::toString(int column) const
{
    const DbValue &v = at(column);
    if (const auto *s = std::get_if<QString>(&v))
        return *s;
    if (const auto *i = std::get_if<qint64>(&v))
        return QString::number(*i);
    if (const auto *u = std::get_if<quint64>(&v))
        return QString::number(*u);
    if (const auto *d = std::get_if<double>(&v))
        return QString::number(*d, 'g', 17);
    if (const auto *t = std::get_if<DbTime>(&v))
        return t->toString();
    return std::nullopt;
}

std::optional<QByteArray> DbRow::toBytes(int column) const
{
    const DbValue &v = at(column);
    if (const auto *b = std::get_if<QByteArray>(&v))
        return *b;
    if (const auto *s = std::get_if<QString>(&v))
        return s->toUtf8();
    return std::nullopt;
}

std::optional<DbTime> DbRow::toTime(int column) const
{
    if (const auto *t = std::get_if<DbTime>(&at(column)))
        return *t;
    return std::nullopt;
}

std::optional<qint64> DbRow::toEpochMicros(int column) const
{
    if (const auto *t = std::get_if<DbTime>(&at(column)))
        return t->toEpochMicros();
    return std::nullopt;
}

std::optional<QDateTime> DbRow::toDateTime(int column) const
{
    const auto micros = toEpochMicros(column);
    if (!micros)
        return std::nullopt;
    // Floor division so times before 1970 truncate towards the past too.
    qint64 ms = *micros / 1000;
    if (*micros % 1000 < 0)
        --ms;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

QVariant DbRow::value(int column) const
{
    const DbValue &v = at(column);
    return std::visit(
        [](const auto &x) -> QVariant {
            using X = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::monostate>)
                return QVariant();
            else if constexpr (std::is_same_v<X, DbTime>)
                return x.toString();
            else
                return QVariant::fromValue(x);
        },
        v);
}

} // namespace wp::server::db
