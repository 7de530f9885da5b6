#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace wp::util {

/// Lowercase hex of @p bytes.
QString toHex(QByteArrayView bytes);

/// Decodes hex (either case, even length, no prefix or spaces).
/// Returns nullopt for anything else. Safe on any input.
std::optional<QByteArray> fromHex(QStringView hex);
std::optional<QByteArray> fromHex(QByteArrayView hex);

/// Decodes hex that is part of the program (test vectors, constants).
/// Invalid hex is a bug (WP_ASSERT).
QByteArray hexLiteral(const char *hex);

/// Reversed copy: txids are shown in the reverse of their internal byte order.
QByteArray reversed(QByteArrayView bytes);

} // namespace wp::util
