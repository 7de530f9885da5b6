#pragma once

#include <bitcoin/amount.h>
#include <bitcoin/transaction.h>

#include <QLocale>
#include <QString>
#include <QStringView>

#include <optional>

namespace wp::gui {

/// @p sats as bitcoin with all 8 decimals ("0.01000000 BTC"), with @p locale's
/// decimal separator and minus sign. Exact (integer arithmetic). Never fails.
QString formatBtc(btc::Amount sats, const QLocale &locale = QLocale(), bool withUnit = true);

/// @p sats as satoshis with @p locale's digit grouping ("12,345 sat"). Never fails.
QString formatSats(btc::Amount sats, const QLocale &locale = QLocale());

/// Parses an amount in BTC typed by a user: digits, optionally one decimal
/// separator ('.' or @p locale's) followed by at most 8 digits; surrounding
/// spaces and a trailing "BTC" are ignored; no sign, no grouping.
/// Returns: nullopt for anything else or above 21 million BTC.
std::optional<btc::Amount> parseBtc(QStringView text, const QLocale &locale = QLocale());

/// "abcd1234:1": the first 8 hex digits of the txid and the output index.
QString shortOutpoint(const btc::OutPoint &outpoint);

/// A duration for people, translated: "45 s", "12 min", "3 h 5 min", "2 d 4 h".
/// Negative durations count as 0.
QString formatDuration(qint64 ms);

/// A countdown, "0:17" or "1:02:05". Negative values count as 0.
QString formatCountdown(qint64 ms);

/// Wall clock @p ms (since the epoch) as local date (@p locale's short format) and 24 h time with seconds.
QString formatDateTime(qint64 ms, const QLocale &locale = QLocale());

} // namespace wp::gui
