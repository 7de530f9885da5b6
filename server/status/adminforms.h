#pragma once

#include <util/result.h>

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace wp::server::status {

/// Decodes an application/x-www-form-urlencoded body ("+" is a space, %XX bytes,
/// UTF-8). The first occurrence of a name wins. Returns nullopt if the body is not
/// valid UTF-8 after decoding or has more than 64 fields. Safe on any input.
std::optional<QHash<QString, QString>> parseFormUrlEncoded(QByteArrayView body);

/// The value of cookie @p name in a Cookie request header ("a=1; b=2"), or a null
/// QByteArray.
QByteArray cookieValue(QByteArrayView cookieHeader, QByteArrayView name);

/// A txid as typed by an operator: trimmed, 64 hex characters, lowercased.
/// Returns: an error message fit for the page otherwise.
Result<QString> normalizeTxid(const QString &text);

/// A ban identifier: "txid:index" (one input) or a bare txid (a whole Tx0, as the
/// automatic bans of mustMix inputs), trimmed and lowercased; index in [0, 2^32-1].
/// Returns: an error message fit for the page otherwise.
Result<QString> normalizeBanIdentifier(const QString &text);

/// A ban as submitted by the admin form.
struct BanRequest {
    QString identifier;               ///< normalized
    std::optional<int> expiryMinutes; ///< nullopt: permanent
    QString response;                 ///< shown to the user after "Banned from service. "
};

/// Longest ban response text (ban.response is VARCHAR(255)).
inline constexpr int kBanResponseMaxLength = 255;
/// Longest timed ban: ten years, in minutes.
inline constexpr int kBanMaxMinutes = 10 * 366 * 24 * 60;

/// Validates the add-ban form (fields "utxo", "expiry", "response").
/// Returns: the request, or one message naming what is wrong.
Result<BanRequest> parseBanForm(const QHash<QString, QString> &form);

} // namespace wp::server::status
