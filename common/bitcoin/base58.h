#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace wp::btc {

/// Base58 (bitcoin alphabet) of @p bytes; leading zero bytes become '1'.
QString encodeBase58(QByteArrayView bytes);
/// Returns: nullopt for characters outside the alphabet, whitespace, or input longer than @p maxDecodedSize allows.
std::optional<QByteArray> decodeBase58(QStringView text, int maxDecodedSize = 256);

/// Base58 with a 4-byte double-SHA256 checksum appended (addresses, WIF, xpub).
QString encodeBase58Check(QByteArrayView payload);
/// Returns: the payload without checksum, or nullopt if malformed or the checksum does not match.
std::optional<QByteArray> decodeBase58Check(QStringView text, int maxPayloadSize = 256);

} // namespace wp::btc
