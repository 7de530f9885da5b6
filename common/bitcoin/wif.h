#pragma once

#include <bitcoin/network.h>
#include <crypto/eckey.h>
#include <util/result.h>

#include <QString>
#include <QStringView>

namespace wp::btc {

/// A private key as Wallet Import Format carries it.
struct WifKey {
    crypto::PrivKey key;
    bool compressed = true; ///< the key's addresses use the compressed public key
};

/// Decodes a WIF private key of @p params' network (base58check: version byte,
/// 32-byte key, optional 0x01 compression flag), as Bitcoin Core's DecodeSecret.
/// Returns: an error saying why @p text is not a private key of this network
/// (bad checksum, other network, wrong length, key out of range). Safe on any input.
Result<WifKey> decodeWif(QStringView text, const NetworkParams &params);

/// The WIF encoding of @p key for @p params' network.
QString encodeWif(const crypto::PrivKey &key, bool compressed, const NetworkParams &params);

} // namespace wp::btc
