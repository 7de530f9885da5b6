#include "walletfileformat.h"

#include <bitcoin/bip39.h>
#include <bitcoin/serialize.h>
#include <crypto/aesgcm.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <util/hex.h>

#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>
#include <cstring>
#include <limits>

namespace wp::client {

namespace {

constexpr char kFormatName[] = "whirlpool-wallet";
constexpr char kKdfName[] = "scrypt";
constexpr char kCipherName[] = "aes-256-gcm";
constexpr std::uint64_t kMinN = std::uint64_t(1) << 10;
constexpr std::uint64_t kMaxN = std::uint64_t(1) << 20;
constexpr std::uint32_t kMaxR = 16;
constexpr std::uint32_t kMaxP = 4;
constexpr std::uint64_t kMaxKdfMemory = std::uint64_t(512) << 20;
/// network byte + birthday + three empty CompactSize lengths
constexpr qsizetype kMinPlaintext = 1 + 4 + 1 + 1 + 1;

Error fileFail(WalletFileError code, QString message)
{
    return Error(int(code), std::move(message));
}

Error damaged(const QString &what)
{
    return fileFail(WalletFileError::Damaged, QStringLiteral("the wallet file is damaged: %1").arg(what));
}

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// Exactly the keys @p expected, no more, no fewer.
Result<void> checkKeys(const QJsonObject &o, const QStringList &expected, const QString &where)
{
    for (const QString &k : expected)
        if (!o.contains(k))
            return damaged(QStringLiteral("%1 has no \"%2\" field").arg(where, k));
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!expected.contains(it.key()))
            return damaged(QStringLiteral("%1 has an unexpected field \"%2\"").arg(where, it.key()));
    return {};
}

/// A JSON number that is an integer in [min, max].
std::optional<qint64> integer(const QJsonValue &v, qint64 min, qint64 max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d || d < double(min) || d > double(max))
        return std::nullopt;
    return qint64(d);
}

/// Base64 that decodes to exactly @p size bytes (any size if negative) and is
/// the canonical encoding of what it decodes to.
std::optional<QByteArray> base64(const QJsonValue &v, qsizetype size)
{
    if (!v.isString())
        return std::nullopt;
    const QByteArray text = v.toString().toLatin1();
    auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.toBase64() != text)
        return std::nullopt;
    if (size >= 0 && decoded.decoded.size() != size)
        return std::nullopt;
    return decoded.decoded;
}

/// Normalized UTF-8 bytes of a password, in wiped memory.
crypto::SecureBytes passwordBytes(QStringView password)
{
    QString normalized = password.toString().normalized(QString::NormalizationForm_KD);
    QByteArray utf8 = normalized.toUtf8();
    crypto::SecureBytes out(utf8);
    // Best effort: overwrite the temporary copies (QString/QByteArray are not wiped on destruction).
    std::memset(utf8.data(), 0, std::size_t(utf8.size()));
    std::fill(normalized.begin(), normalized.end(), QChar(0));
    return out;
}

std::uint8_t networkByte(btc::Network network)
{
    switch (network) {
    case btc::Network::Main:
        return 0;
    case btc::Network::Test:
        return 1;
    case btc::Network::Regtest:
        return 2;
    }
    WP_ASSERT(false);
    return 0;
}

void putCompactSize(unsigned char *&p, std::uint64_t v)
{
    btc::ByteWriter w;
    w.writeCompactSize(v);
    std::memcpy(p, w.data().constData(), std::size_t(w.data().size()));
    p += w.data().size();
}

void putBytes(unsigned char *&p, QByteArrayView bytes)
{
    putCompactSize(p, std::uint64_t(bytes.size()));
    if (!bytes.isEmpty())
        std::memcpy(p, bytes.data(), std::size_t(bytes.size()));
    p += bytes.size();
}

crypto::SecureBytes encodePlaintext(const WalletContents &c)
{
    const QByteArray state = compact(c.appState);
    auto sized = [](qsizetype n) { return btc::ByteWriter::compactSizeLength(std::uint64_t(n)) + n; };
    const qsizetype size = 1 + 4 + sized(qsizetype(c.mnemonic.size())) + sized(qsizetype(c.passphrase.size()))
                           + sized(state.size());
    crypto::SecureBytes out{std::size_t(size)};
    unsigned char *p = out.data();
    *p++ = networkByte(c.network);
    const auto birthday = std::uint32_t(c.birthdayHeight);
    for (int i = 0; i < 4; ++i)
        *p++ = static_cast<unsigned char>(birthday >> (8 * i));
    putBytes(p, c.mnemonic.view());
    putBytes(p, c.passphrase.view());
    putBytes(p, state);
    WP_ASSERT(p == out.data() + out.size());
    return out;
}

Result<WalletContents> decodePlaintext(const crypto::SecureBytes &plain)
{
    const QByteArrayView all = plain.view();
    if (all.size() < kMinPlaintext)
        return damaged(QStringLiteral("the decrypted payload is too short"));
    WalletContents c;
    switch (std::uint8_t(all[0])) {
    case 0:
        c.network = btc::Network::Main;
        break;
    case 1:
        c.network = btc::Network::Test;
        break;
    case 2:
        c.network = btc::Network::Regtest;
        break;
    default:
        return damaged(QStringLiteral("unknown network %1 in the payload").arg(std::uint8_t(all[0])));
    }
    std::uint32_t birthday = 0;
    for (int i = 0; i < 4; ++i)
        birthday |= std::uint32_t(std::uint8_t(all[1 + i])) << (8 * i);
    c.birthdayHeight = int(std::min<std::uint32_t>(birthday, 0x7fffffff));

    qsizetype pos = 5;
    // Reads one CompactSize-prefixed field without copying it outside wiped memory.
    auto field = [&](QByteArrayView &out) {
        btc::ByteReader reader(all.sliced(pos));
        const std::uint64_t length = reader.readCompactSize();
        if (!reader.ok() || length > std::uint64_t(reader.remaining()))
            return false;
        out = all.sliced(pos + reader.position(), qsizetype(length));
        pos += reader.position() + qsizetype(length);
        return true;
    };
    QByteArrayView mnemonic, passphrase, state;
    if (!field(mnemonic) || !field(passphrase) || !field(state))
        return damaged(QStringLiteral("the decrypted payload is truncated"));
    if (pos != all.size())
        return damaged(QStringLiteral("the decrypted payload has trailing bytes"));
    c.mnemonic = crypto::SecureBytes(mnemonic);
    c.passphrase = crypto::SecureBytes(passphrase);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(state.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return damaged(QStringLiteral("the app state in the payload is not a JSON object"));
    c.appState = doc.object();
    if (c.birthdayHeight < 1)
        return damaged(QStringLiteral("the birthday height in the payload is 0"));
    return c;
}

} // namespace

WalletContents WalletContents::fromText(QStringView mnemonic, QStringView passphrase, btc::Network network,
                                        int birthdayHeight, QJsonObject appState)
{
    WalletContents c;
    c.mnemonic = crypto::SecureBytes(btc::normalizeMnemonic(mnemonic).toUtf8());
    c.passphrase = crypto::SecureBytes(passphrase.toUtf8());
    c.network = network;
    c.birthdayHeight = birthdayHeight;
    c.appState = std::move(appState);
    return c;
}

Result<void> WalletFileFormat::checkKdfParams(const crypto::ScryptParams &params)
{
    if (params.n < kMinN || params.n > kMaxN || (params.n & (params.n - 1)) != 0 || params.r < 1 || params.r > kMaxR
        || params.p < 1 || params.p > kMaxP || params.memoryBytes() > kMaxKdfMemory)
        return fileFail(WalletFileError::BadContents,
                        QStringLiteral("scrypt parameters N=%1, r=%2, p=%3 are outside the accepted bounds "
                                       "(N a power of two in [2^10, 2^20], r in [1, %4], p in [1, %5], at most %6 MiB)")
                            .arg(params.n)
                            .arg(params.r)
                            .arg(params.p)
                            .arg(kMaxR)
                            .arg(kMaxP)
                            .arg(kMaxKdfMemory >> 20));
    return {};
}

Result<void> WalletFileFormat::checkNewPassword(QStringView password)
{
    if (password.isEmpty())
        return fileFail(WalletFileError::BadContents, QStringLiteral("the wallet password must not be empty"));
    return {};
}

Result<void> WalletFileFormat::checkContents(const WalletContents &contents)
{
    const QString mnemonic = contents.mnemonicText();
    if (auto valid = btc::validateMnemonic(mnemonic); !valid)
        return fileFail(WalletFileError::BadContents,
                        QStringLiteral("invalid recovery phrase: %1").arg(valid.error().message));
    if (contents.birthdayHeight < 1)
        return fileFail(WalletFileError::BadContents,
                        QStringLiteral("the birthday height must be at least 1, not %1").arg(contents.birthdayHeight));
    if (compact(contents.appState).size() > kMaxFileSize / 2)
        return fileFail(WalletFileError::BadContents, QStringLiteral("the app state is too large for the wallet file"));
    return {};
}

Result<WalletFileKey> WalletFileFormat::deriveKey(QStringView password, const crypto::ScryptParams &params,
                                                  const QByteArray &salt)
{
    if (auto ok = checkKdfParams(params); !ok)
        return ok.error();
    if (salt.size() != kSaltSize)
        return fileFail(WalletFileError::BadContents, QStringLiteral("the scrypt salt must be %1 bytes").arg(kSaltSize));
    const crypto::SecureBytes pw = passwordBytes(password);
    auto derived = crypto::scrypt(pw.view(), salt, params, crypto::kAesGcmKeySize);
    if (!derived)
        return fileFail(WalletFileError::Io, derived.error().message);
    WalletFileKey key;
    key.key = std::move(*derived);
    key.salt = salt;
    key.params = params;
    return key;
}

Result<WalletFileKey> WalletFileFormat::deriveNewKey(QStringView password, const crypto::ScryptParams &params)
{
    return deriveKey(password, params, crypto::randomBytes(kSaltSize));
}

Result<WalletEnvelope> WalletFileFormat::parse(QByteArrayView fileBytes)
{
    if (fileBytes.isEmpty())
        return damaged(QStringLiteral("the file is empty"));
    if (fileBytes.size() > kMaxFileSize)
        return damaged(QStringLiteral("the file is larger than %1 KiB").arg(kMaxFileSize >> 10));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(fileBytes.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return damaged(QStringLiteral("it is not valid JSON (%1 at byte %2; truncated?)")
                           .arg(error.errorString())
                           .arg(error.offset));
    if (!doc.isObject())
        return damaged(QStringLiteral("it is not a JSON object"));
    const QJsonObject o = doc.object();

    if (o.value(key("format")) != QJsonValue(key(kFormatName)))
        return damaged(QStringLiteral("it is not a whirlpool wallet file (no \"format\": \"%1\")").arg(key(kFormatName)));
    const auto version = integer(o.value(key("version")), 1, std::numeric_limits<int>::max());
    if (!version)
        return damaged(QStringLiteral("its \"version\" is not a positive integer"));
    if (*version > kVersion)
        return fileFail(WalletFileError::UnsupportedVersion,
                        QStringLiteral("the wallet file has format version %1, written by a newer version of this "
                                       "program; this one reads version %2 only. Update the program to open it.")
                            .arg(*version)
                            .arg(kVersion));

    if (fileBytes != compact(o) + '\n')
        return damaged(QStringLiteral("it is not in its canonical form (changed characters, spacing or line end)"));
    if (auto keys = checkKeys(o, {QStringLiteral("checksum"), QStringLiteral("cipher"), QStringLiteral("ciphertext"),
                                  QStringLiteral("format"), QStringLiteral("kdf"), QStringLiteral("version")},
                              QStringLiteral("the envelope"));
        !keys)
        return keys.error();

    QJsonObject body = o;
    body.remove(key("checksum"));
    const QString checksumText = o.value(key("checksum")).toString();
    const auto checksum = util::fromHex(checksumText);
    if (!checksum || checksum->size() != 32 || util::toHex(*checksum) != checksumText)
        return damaged(QStringLiteral("its checksum is not 64 lowercase hex digits"));
    if (*checksum != crypto::sha256(compact(body)))
        return damaged(QStringLiteral("the checksum does not match the contents (altered or corrupted bytes)"));

    WalletEnvelope env;
    env.version = int(*version);
    const QJsonObject kdf = o.value(key("kdf")).toObject();
    if (!o.value(key("kdf")).isObject())
        return damaged(QStringLiteral("\"kdf\" is not an object"));
    if (auto keys = checkKeys(kdf, {QStringLiteral("n"), QStringLiteral("name"), QStringLiteral("p"),
                                    QStringLiteral("r"), QStringLiteral("salt")},
                              QStringLiteral("\"kdf\""));
        !keys)
        return keys.error();
    if (kdf.value(key("name")) != QJsonValue(key(kKdfName)))
        return damaged(QStringLiteral("unknown key derivation \"%1\"").arg(kdf.value(key("name")).toString()));
    const auto n = integer(kdf.value(key("n")), 0, qint64(kMaxN));
    const auto r = integer(kdf.value(key("r")), 0, kMaxR);
    const auto p = integer(kdf.value(key("p")), 0, kMaxP);
    if (!n || !r || !p)
        return damaged(QStringLiteral("the scrypt parameters are not integers in range"));
    env.kdf = crypto::ScryptParams{std::uint64_t(*n), std::uint32_t(*r), std::uint32_t(*p)};
    if (auto params = checkKdfParams(env.kdf); !params)
        return damaged(params.error().message);
    const auto salt = base64(kdf.value(key("salt")), kSaltSize);
    if (!salt)
        return damaged(QStringLiteral("the scrypt salt is not %1 bytes of canonical base64").arg(kSaltSize));
    env.salt = *salt;

    const QJsonObject cipher = o.value(key("cipher")).toObject();
    if (!o.value(key("cipher")).isObject())
        return damaged(QStringLiteral("\"cipher\" is not an object"));
    if (auto keys = checkKeys(cipher, {QStringLiteral("name"), QStringLiteral("nonce")}, QStringLiteral("\"cipher\""));
        !keys)
        return keys.error();
    if (cipher.value(key("name")) != QJsonValue(key(kCipherName)))
        return damaged(QStringLiteral("unknown cipher \"%1\"").arg(cipher.value(key("name")).toString()));
    const auto nonce = base64(cipher.value(key("nonce")), crypto::kAesGcmNonceSize);
    if (!nonce)
        return damaged(QStringLiteral("the nonce is not %1 bytes of canonical base64").arg(crypto::kAesGcmNonceSize));
    env.nonce = *nonce;

    const auto sealed = base64(o.value(key("ciphertext")), -1);
    if (!sealed)
        return damaged(QStringLiteral("the ciphertext is not canonical base64"));
    if (sealed->size() < kMinPlaintext + crypto::kAesGcmTagSize)
        return damaged(QStringLiteral("the ciphertext is too short (%1 bytes)").arg(sealed->size()));
    env.sealed = *sealed;

    QJsonObject header = body;
    header.remove(key("ciphertext"));
    env.aad = compact(header);
    return env;
}

Result<WalletContents> WalletFileFormat::decrypt(const WalletEnvelope &envelope, const WalletFileKey &key)
{
    WP_ASSERT(key.key.size() == std::size_t(crypto::kAesGcmKeySize));
    auto plain = crypto::aes256GcmDecrypt(key.key.view(), envelope.nonce, envelope.sealed, envelope.aad);
    if (!plain)
        return fileFail(WalletFileError::WrongPassword, QStringLiteral("wrong password"));
    return decodePlaintext(*plain);
}

QByteArray WalletFileFormat::encrypt(const WalletContents &contents, const WalletFileKey &fileKey)
{
    WP_ASSERT(checkContents(contents).has_value());
    WP_ASSERT(checkKdfParams(fileKey.params).has_value());
    WP_ASSERT(fileKey.key.size() == std::size_t(crypto::kAesGcmKeySize) && fileKey.salt.size() == kSaltSize);
    const QByteArray nonce = crypto::randomBytes(crypto::kAesGcmNonceSize);

    QJsonObject header{
        {key("format"), key(kFormatName)},
        {key("version"), kVersion},
        {key("kdf"),
         QJsonObject{{key("name"), key(kKdfName)},
                     {key("n"), qint64(fileKey.params.n)},
                     {key("r"), qint64(fileKey.params.r)},
                     {key("p"), qint64(fileKey.params.p)},
                     {key("salt"), QString::fromLatin1(fileKey.salt.toBase64())}}},
        {key("cipher"), QJsonObject{{key("name"), key(kCipherName)}, {key("nonce"), QString::fromLatin1(nonce.toBase64())}}},
    };
    const crypto::SecureBytes plain = encodePlaintext(contents);
    const QByteArray sealed = crypto::aes256GcmEncrypt(fileKey.key.view(), nonce, plain.view(), compact(header));

    QJsonObject body = header;
    body.insert(key("ciphertext"), QString::fromLatin1(sealed.toBase64()));
    QJsonObject file = body;
    file.insert(key("checksum"), util::toHex(crypto::sha256(compact(body))));
    return compact(file) + '\n';
}

} // namespace wp::client
