#include <widgets/formatting.h>

#include <QCoreApplication>
#include <QDateTime>

namespace wp::gui {

QString formatBtc(btc::Amount sats, const QLocale &locale, bool withUnit)
{
    const bool negative = sats < 0;
    // |INT64_MIN| does not fit: amounts never get there, but stay defined.
    const quint64 magnitude = negative ? quint64(-(sats + 1)) + 1 : quint64(sats);
    const quint64 whole = magnitude / quint64(btc::kCoin);
    const quint64 fraction = magnitude % quint64(btc::kCoin);
    QString text = (negative ? locale.negativeSign() : QString()) + QString::number(whole) + locale.decimalPoint()
                   + QStringLiteral("%1").arg(fraction, 8, 10, QLatin1Char('0'));
    if (withUnit)
        text += QStringLiteral(" BTC");
    return text;
}

QString formatSats(btc::Amount sats, const QLocale &locale)
{
    return locale.toString(qlonglong(sats)) + QStringLiteral(" sat");
}

std::optional<btc::Amount> parseBtc(QStringView text, const QLocale &locale)
{
    QString t = text.trimmed().toString();
    if (t.endsWith(QLatin1String("btc"), Qt::CaseInsensitive))
        t = t.chopped(3).trimmed();
    if (t.isEmpty())
        return std::nullopt;
    const QString localPoint = locale.decimalPoint();
    qsizetype point = t.indexOf(QLatin1Char('.'));
    qsizetype pointLength = 1;
    if (point < 0 && !localPoint.isEmpty()) {
        point = t.indexOf(localPoint);
        pointLength = localPoint.size();
    }
    const QString wholeText = point < 0 ? t : t.left(point);
    const QString fractionText = point < 0 ? QString() : t.mid(point + pointLength);
    auto allDigits = [](const QString &s) {
        for (QChar c : s)
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return false;
        return true;
    };
    if ((wholeText.isEmpty() && fractionText.isEmpty()) || !allDigits(wholeText) || !allDigits(fractionText)
        || fractionText.size() > 8 || wholeText.size() > 8)
        return std::nullopt;
    const btc::Amount whole = wholeText.isEmpty() ? 0 : wholeText.toLongLong();
    const btc::Amount fraction = (fractionText + QString(8 - fractionText.size(), QLatin1Char('0'))).toLongLong();
    const btc::Amount sats = whole * btc::kCoin + fraction;
    if (!btc::moneyRange(sats))
        return std::nullopt;
    return sats;
}

QString shortOutpoint(const btc::OutPoint &outpoint)
{
    return outpoint.txid.toHex().left(8) + QLatin1Char(':') + QString::number(outpoint.index);
}

QString formatDuration(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    if (s < 60)
        return QCoreApplication::translate("wp::gui::Format", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("wp::gui::Format", "%1 min").arg(s / 60);
    if (s < 86400) {
        if (const qint64 minutes = (s % 3600) / 60)
            return QCoreApplication::translate("wp::gui::Format", "%1 h %2 min").arg(s / 3600).arg(minutes);
        return QCoreApplication::translate("wp::gui::Format", "%1 h").arg(s / 3600);
    }
    if (const qint64 hours = (s % 86400) / 3600)
        return QCoreApplication::translate("wp::gui::Format", "%1 d %2 h").arg(s / 86400).arg(hours);
    return QCoreApplication::translate("wp::gui::Format", "%1 d").arg(s / 86400);
}

QString formatCountdown(qint64 ms)
{
    const qint64 s = (std::max<qint64>(0, ms) + 999) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s % 3600) / 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString formatDateTime(qint64 ms, const QLocale &locale)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    return locale.toString(t.date(), QLocale::ShortFormat) + QLatin1Char(' ')
           + t.time().toString(QStringLiteral("HH:mm:ss"));
}

} // namespace wp::gui
