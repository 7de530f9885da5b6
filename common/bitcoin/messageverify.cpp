#include <bitcoin/messageverify.h>

#include <bitcoin/address.h>
#include <crypto/hash.h>
#include <crypto/signedmessage.h>

namespace wp::btc {

Result<void> verifyMessageForScript(const Script &scriptPubKey, QByteArrayView message, QStringView signatureBase64)
{
    auto signer = crypto::recoverMessageSigner(message, signatureBase64);
    if (!signer)
        return signer.error();
    const auto keyHash = *Hash160::fromBytes(crypto::hash160(signer->pubKey.serialize(signer->compressed)));

    Script expected;
    if (scriptPubKey.p2pkhHash()) {
        expected = Script::p2pkh(keyHash);
    } else if (scriptPubKey.isP2wpkh() || scriptPubKey.p2shHash()) {
        if (!signer->compressed)
            return fail(QStringLiteral("segwit ownership needs a compressed-key signature"));
        expected = Script::p2wpkh(keyHash);
        if (scriptPubKey.p2shHash()) // P2SH-P2WPKH: the P2SH wraps the P2WPKH program
            expected = Script::p2sh(*Hash160::fromBytes(crypto::hash160(expected.bytes())));
    } else {
        return fail(QStringLiteral("signed messages cannot prove ownership of this script type"));
    }
    if (expected != scriptPubKey)
        return fail(QStringLiteral("the signature was made by another key"));
    return {};
}

Result<void> verifyMessage(QStringView address, QByteArrayView message, QStringView signatureBase64,
                           const NetworkParams &params)
{
    auto script = addressToScript(address, params);
    if (!script)
        return script.error();
    return verifyMessageForScript(*script, message, signatureBase64);
}

} // namespace wp::btc
