// Fuzz target: the encrypted wallet file (client/wallet/walletfileformat.h), read
// from disk where anything may have happened to it. Three layers:
//  1. parse() of the raw file bytes;
//  2. parse() of the input with its checksum recomputed (when the input is a JSON
//     object), so the fuzzer reaches the KDF, cipher and ciphertext checks;
//  3. decrypt() of the input used as the decrypted payload (sealed under a fixed
//     cheap test key), which exercises the binary plaintext decoder.
// Invariants: never crashes; a parsed envelope has a 16-byte salt, a 12-byte nonce
// and KDF parameters in bounds; decrypted contents that pass checkContents()
// encrypt to a file that parses and decrypts to the same contents.

#include "fuzzcheck.h"

#include <crypto/aesgcm.h>
#include <crypto/hash.h>
#include <util/hex.h>
#include <wallet/walletfileformat.h>

#include <QJsonDocument>

using namespace wp;
using wp::client::WalletFileFormat;

namespace {

const client::WalletFileKey &testKey()
{
    static const client::WalletFileKey key = [] {
        auto derived = WalletFileFormat::deriveKey(QStringLiteral("fuzz"), crypto::ScryptParams{1024, 1, 1},
                                                   QByteArray(WalletFileFormat::kSaltSize, 's'));
        WP_FUZZ_CHECK(derived.has_value());
        return std::move(derived).value();
    }();
    return key;
}

QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

void checkEnvelope(const QByteArray &file)
{
    const auto envelope = WalletFileFormat::parse(file);
    if (!envelope)
        return;
    WP_FUZZ_CHECK(envelope->version == WalletFileFormat::kVersion);
    WP_FUZZ_CHECK(envelope->salt.size() == WalletFileFormat::kSaltSize);
    WP_FUZZ_CHECK(envelope->nonce.size() == crypto::kAesGcmNonceSize);
    WP_FUZZ_CHECK(envelope->sealed.size() >= crypto::kAesGcmTagSize);
    WP_FUZZ_CHECK(WalletFileFormat::checkKdfParams(envelope->kdf).has_value());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    // 1. raw bytes
    checkEnvelope(input);

    // 2. with the checksum made right
    const QJsonDocument doc = QJsonDocument::fromJson(input);
    if (doc.isObject()) {
        QJsonObject body = doc.object();
        body.remove(QStringLiteral("checksum"));
        QJsonObject file = body;
        file.insert(QStringLiteral("checksum"), util::toHex(crypto::sha256(compact(body))));
        checkEnvelope(compact(file) + '\n');
    }

    // 3. the input as the decrypted payload
    const client::WalletFileKey &key = testKey();
    client::WalletEnvelope envelope;
    envelope.version = WalletFileFormat::kVersion;
    envelope.kdf = key.params;
    envelope.salt = key.salt;
    envelope.nonce = QByteArray(crypto::kAesGcmNonceSize, 'n');
    envelope.aad = QByteArrayLiteral("fuzz");
    envelope.sealed = crypto::aes256GcmEncrypt(key.key.view(), envelope.nonce, input, envelope.aad);
    const auto contents = WalletFileFormat::decrypt(envelope, key);
    if (contents && WalletFileFormat::checkContents(*contents)) {
        const QByteArray file = WalletFileFormat::encrypt(*contents, key);
        const auto parsed = WalletFileFormat::parse(file);
        WP_FUZZ_CHECK(parsed.has_value());
        const auto again = WalletFileFormat::decrypt(*parsed, key);
        WP_FUZZ_CHECK(again.has_value() && *again == *contents);
    }
    return 0;
}
