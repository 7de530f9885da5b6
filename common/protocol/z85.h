#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace wp::proto {

// Samourai's Z85 variant, used for every "...64" field of the Whirlpool
// protocol (publicKey64, feePayload64, transaction64, ...). It uses the
// ZeroMQ Z85 alphabet (rfc.zeromq.org spec 32) and its big-endian 4-byte to
// 5-character groups, but accepts any input length: a final group of r bytes
// (1..3) is zero-padded to 4 and only its first r + 1 characters are emitted.
// For inputs whose length is a multiple of 4 it equals strict ZeroMQ Z85.

/// Encodes @p bytes (any length) in Samourai's Z85 variant.
/// Never fails; the result is ceil(5 * size / 4) ASCII characters.
QString encodeZ85(QByteArrayView bytes);

/// Decodes Samourai's Z85 variant. A final partial group of n characters
/// (2..4) is padded with the last alphabet character '#' and yields n - 1 bytes.
/// Returns: nullopt for a character outside the Z85 alphabet (including any
/// whitespace or non-ASCII character), a length of 1 mod 5 (a lone character
/// cannot carry a byte) or a group whose value exceeds 2^32 - 1.
/// Safe on any input; the empty string decodes to an empty array.
/// Whole groups decode one-to-one; a final partial group is not checked for
/// canonical form (several strings decode to the same last bytes), so compare
/// decoded bytes, never encoded strings.
std::optional<QByteArray> decodeZ85(QStringView text);

} // namespace wp::proto
