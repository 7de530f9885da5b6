#pragma once

#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <util/result.h>

#include <QByteArrayView>
#include <QStringView>

namespace wp::btc {

/// Verifies a Bitcoin signed message (base64 compact signature, see
/// crypto/signedmessage.h) as proof of ownership of @p scriptPubKey, the way
/// Whirlpool checks input ownership (protocol reference §4.2): the key is
/// recovered from the signature and the script is derived again in the same
/// form: P2PKH (compressed or not, as the signature header says), P2WPKH or
/// P2SH-P2WPKH (compressed keys only).
/// Returns: an error saying why for a malformed signature, an unsupported script
/// type or a key that does not match. Never fails on any input.
Result<void> verifyMessageForScript(const Script &scriptPubKey, QByteArrayView message, QStringView signatureBase64);

/// The same for an address string of @p params' network.
Result<void> verifyMessage(QStringView address, QByteArrayView message, QStringView signatureBase64,
                           const NetworkParams &params);

} // namespace wp::btc
