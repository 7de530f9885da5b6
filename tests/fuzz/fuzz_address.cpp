// Fuzz target: the text encodings a user or a peer hands us — bitcoin addresses of
// every network (common/bitcoin/address.h: base58check P2PKH/P2SH, bech32/bech32m
// segwit), the raw bech32, base58 and base58check decoders, WIF keys, extended
// public keys (xpub/zpub), BIP47 payment codes and base64 signed-message signatures.
// Invariants: never crashes; whatever decodes re-encodes to the canonical text,
// which decodes to the same value; an address's script maps back to the address.

#include "fuzzcheck.h"

#include <bitcoin/address.h>
#include <bitcoin/base58.h>
#include <bitcoin/bech32.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip47.h>
#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <bitcoin/wif.h>
#include <crypto/signedmessage.h>

using namespace wp;
using namespace wp::btc;

namespace {

constexpr Network kNetworks[] = {Network::Main, Network::Test, Network::Regtest};

void checkAddress(const QString &text, const NetworkParams &params)
{
    const auto address = Address::fromString(text, params);
    const auto script = addressToScript(text, params);
    WP_FUZZ_CHECK(address.has_value() == script.has_value());
    if (!address)
        return;
    WP_FUZZ_CHECK(address->network() == params.network);
    WP_FUZZ_CHECK(script->bytes() == address->scriptPubKey().bytes());
    const QString canonical = address->toString();
    WP_FUZZ_CHECK(canonical.compare(text, Qt::CaseInsensitive) == 0);
    const auto again = Address::fromString(canonical, params);
    WP_FUZZ_CHECK(again.has_value() && *again == *address);
    const auto fromScript = Address::fromScript(address->scriptPubKey(), params);
    WP_FUZZ_CHECK(fromScript.has_value() && *fromScript == *address);
    WP_FUZZ_CHECK(scriptToAddress(address->scriptPubKey(), params) == canonical);
}

void checkScript(const QByteArray &bytes, const NetworkParams &params)
{
    const Script script(bytes);
    const auto address = Address::fromScript(script, params);
    if (!address)
        return;
    WP_FUZZ_CHECK(address->scriptPubKey().bytes() == bytes);
    const auto again = Address::fromString(address->toString(), params);
    WP_FUZZ_CHECK(again.has_value() && *again == *address);
}

void checkBech32(const QString &text)
{
    const auto decoded = decodeBech32(text);
    if (decoded) {
        WP_FUZZ_CHECK(encodeBech32(decoded->variant, decoded->hrp, decoded->data) == text.toLower());
        const auto bytes8 = convertBits(decoded->data, 5, 8, false);
        if (bytes8) {
            const auto back = convertBits(*bytes8, 8, 5, true);
            WP_FUZZ_CHECK(back.has_value() && *back == decoded->data);
        }
    }
    for (const char *hrp : {"bc", "tb", "bcrt", kBcoinRegtestHrp}) {
        const auto program = decodeSegwitAddress(QString::fromLatin1(hrp), text);
        if (!program)
            continue;
        WP_FUZZ_CHECK(decoded.has_value());
        WP_FUZZ_CHECK(encodeSegwitAddress(QString::fromLatin1(hrp), *program) == text.toLower());
    }
}

void checkBase58(const QString &text)
{
    if (const auto decoded = decodeBase58(text))
        WP_FUZZ_CHECK(encodeBase58(*decoded) == text);
    if (const auto payload = decodeBase58Check(text))
        WP_FUZZ_CHECK(encodeBase58Check(*payload) == text);
}

void checkKeys(const QString &text, const NetworkParams &params)
{
    if (const auto wif = decodeWif(text, params)) {
        const QString encoded = encodeWif(wif->key, wif->compressed, params);
        WP_FUZZ_CHECK(encoded == text);
    }
    if (const auto xpub = ExtendedPubKey::parse(text, params))
        WP_FUZZ_CHECK(xpub->serialize(xpub->parsedVersion()) == text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const QString text = QString::fromUtf8(input);
    for (const Network network : kNetworks) {
        const NetworkParams &params = networkParams(network);
        checkAddress(text, params);
        checkScript(input, params);
        checkKeys(text, params);
    }
    checkBech32(text);
    checkBase58(text);
    if (const auto code = PaymentCode::parse(text))
        WP_FUZZ_CHECK(code->toString() == text);
    // A signature of the message "whirlpool" (base64 text from the input).
    (void)crypto::recoverMessageSigner("whirlpool", text);
    return 0;
}
