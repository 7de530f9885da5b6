#pragma once

#include <crypto/eckey.h>
#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace wp::crypto {

// "Bitcoin Signed Message" (Bitcoin Core signmessage/verifymessage, bitcoinj
// ECKey.signMessage, Whirlpool protocol reference §4.2): a recoverable ECDSA
// signature over
//   sha256d(varint(24) "Bitcoin Signed Message:\n" varint(len) message)
// in the 65-byte compact form (header 27 + recid, +4 for a compressed key,
// then r and s), transported as base64.

/// Why recoverMessageSigner() rejected a signature (Error::code).
enum class SignedMessageError : int {
    MalformedBase64 = 1, ///< not canonical padded base64 (bad character, whitespace, length % 4 != 0)
    WrongLength = 2,     ///< decodes to other than 65 bytes
    BadHeader = 3,       ///< header byte outside 27..34 (segwit headers 35..42 included, as Core and bitcoinj)
    RecoveryFailed = 4,  ///< r/s out of range or no public key recovers from this signature
};

/// The key that produced a signed message, and whether the signer asked for
/// its compressed serialization (which selects the address to compare with).
struct RecoveredSigner {
    PubKey pubKey;
    bool compressed;
};

/// The 32-byte digest a Bitcoin signed message commits to:
/// sha256d(varint(24) "Bitcoin Signed Message:\n" varint(len) message).
/// @param message raw bytes (UTF-8 for text); any length. Never fails.
QByteArray messageHash(QByteArrayView message);

/// Signs @p message as Bitcoin Core's signmessagewithprivkey does (RFC 6979,
/// low-S, deterministic).
/// @param compressed selects the header (+4) and therefore the address the
///        signature verifies against (P2PKH of the compressed or uncompressed key).
/// Returns: the base64 of the 65-byte compact signature (88 characters). Never fails.
QString signMessage(const PrivKey &key, QByteArrayView message, bool compressed = true);

/// Recovers the signer of a base64 compact signature over @p message.
/// The caller decides what the key must match (an address, a known pubkey):
/// an altered message recovers a *different* key rather than failing, so a
/// successful recovery alone proves nothing.
/// Returns: the signer, or an Error whose code is a SignedMessageError.
/// Safe on any input (garbage, huge strings, non-ASCII).
Result<RecoveredSigner> recoverMessageSigner(QByteArrayView message, QStringView signatureBase64);

} // namespace wp::crypto
