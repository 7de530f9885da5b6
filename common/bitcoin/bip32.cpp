#include <bitcoin/bip32.h>

#include <bitcoin/base58.h>
#include <crypto/hash.h>

#include <QList>

#include <array>
#include <cstring>

namespace wp::btc {

namespace {

constexpr int kChainCodeSize = 32;
constexpr int kMaxDepth = 255;

void writeBe32(unsigned char *out, std::uint32_t v)
{
    out[0] = static_cast<unsigned char>(v >> 24);
    out[1] = static_cast<unsigned char>(v >> 16);
    out[2] = static_cast<unsigned char>(v >> 8);
    out[3] = static_cast<unsigned char>(v);
}

std::uint32_t readBe32(const unsigned char *in)
{
    return (std::uint32_t(in[0]) << 24) | (std::uint32_t(in[1]) << 16) | (std::uint32_t(in[2]) << 8)
         | std::uint32_t(in[3]);
}

/// Overwrites a QByteArray that held secret material (HMAC output) before it is freed.
void wipe(QByteArray &bytes)
{
    volatile char *p = bytes.data();
    for (qsizetype i = 0; i < bytes.size(); ++i)
        p[i] = 0;
}

std::uint32_t fingerprintOf(const crypto::PubKey &key)
{
    const QByteArray id = crypto::hash160(key.serialize(true));
    return readBe32(reinterpret_cast<const unsigned char *>(id.constData()));
}

QString hex32(std::uint32_t v) { return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0')); }

/// Fields shared by both key kinds, decoded from a 78-byte payload held in wiped memory.
struct DecodedKey {
    std::uint32_t version = 0;
    std::uint8_t depth = 0;
    std::uint32_t parentFingerprint = 0;
    std::uint32_t childNumber = 0;
    crypto::SecureBytes payload; // all 78 bytes
    QByteArrayView chainCode() const { return payload.view().sliced(13, kChainCodeSize); }
    QByteArrayView keyData() const { return payload.view().sliced(45, 33); }
};

Result<DecodedKey> decodeExtendedKey(QStringView text, std::span<const std::uint32_t> acceptedVersions)
{
    std::optional<QByteArray> raw = decodeBase58Check(text, 128);
    if (!raw)
        return hdFail(HdError::BadEncoding, QStringLiteral("extended key is not valid base58check (bad character or checksum)"));
    DecodedKey key;
    key.payload = crypto::SecureBytes(QByteArrayView(*raw));
    wipe(*raw);
    if (key.payload.size() != std::size_t(kExtendedKeySize))
        return hdFail(HdError::BadEncoding, QStringLiteral("extended key payload is %1 bytes, expected %2")
                                                .arg(key.payload.size()).arg(kExtendedKeySize));
    const unsigned char *p = key.payload.data();
    key.version = readBe32(p);
    key.depth = p[4];
    key.parentFingerprint = readBe32(p + 5);
    key.childNumber = readBe32(p + 9);
    bool known = false;
    for (std::uint32_t v : acceptedVersions)
        known = known || v == key.version;
    if (!known)
        return hdFail(HdError::BadVersion, QStringLiteral("unexpected extended key version %1").arg(hex32(key.version)));
    if (key.depth == 0 && key.parentFingerprint != 0)
        return hdFail(HdError::BadStructure, QStringLiteral("zero depth with non-zero parent fingerprint"));
    if (key.depth == 0 && key.childNumber != 0)
        return hdFail(HdError::BadStructure, QStringLiteral("zero depth with non-zero child number"));
    return key;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Paths

Result<std::vector<std::uint32_t>> parseDerivationPath(QStringView path, bool *absolute)
{
    if (absolute)
        *absolute = false;
    if (path.isEmpty())
        return hdFail(HdError::BadPath, QStringLiteral("empty derivation path"));
    const QList<QStringView> parts = path.split(u'/');
    std::vector<std::uint32_t> out;
    qsizetype first = 0;
    if (parts.front() == u"m") {
        if (absolute)
            *absolute = true;
        first = 1;
    }
    if (parts.size() - first > kMaxDepth)
        return hdFail(HdError::BadPath, QStringLiteral("derivation path deeper than %1").arg(kMaxDepth));
    for (qsizetype i = first; i < parts.size(); ++i) {
        QStringView part = parts[i];
        const auto bad = [&](const QString &why) {
            return hdFail(HdError::BadPath, QStringLiteral("bad path component %1 \"%2\": %3")
                                                .arg(i).arg(part.toString().left(20), why));
        };
        bool hardened = false;
        if (!part.isEmpty() && (part.back() == u'\'' || part.back() == u'h' || part.back() == u'H')) {
            hardened = true;
            part.chop(1);
        }
        if (part.isEmpty())
            return bad(QStringLiteral("no index"));
        if (part.size() > 10)
            return bad(QStringLiteral("index out of range"));
        std::uint64_t value = 0;
        for (QChar c : part) {
            if (c < u'0' || c > u'9')
                return bad(QStringLiteral("not a decimal index"));
            value = value * 10 + std::uint64_t(c.unicode() - u'0');
        }
        if (value >= kHardened)
            return bad(QStringLiteral("index must be below 2^31 (use ' for hardened)"));
        out.push_back(std::uint32_t(value) | (hardened ? kHardened : 0u));
    }
    return out;
}

QString formatDerivationPath(std::span<const std::uint32_t> path)
{
    QString out = QStringLiteral("m");
    for (std::uint32_t child : path) {
        out += u'/';
        out += QString::number(child & ~kHardened);
        if (child & kHardened)
            out += u'\'';
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// ExtendedPubKey

std::optional<ExtendedPubKey> ExtendedPubKey::fromParts(std::uint8_t depth, std::uint32_t parentFingerprint,
                                                        std::uint32_t childNumber, QByteArrayView chainCode,
                                                        const crypto::PubKey &pubKey)
{
    if (chainCode.size() != kChainCodeSize)
        return std::nullopt;
    if (depth == 0 && (parentFingerprint != 0 || childNumber != 0))
        return std::nullopt;
    return ExtendedPubKey(depth, parentFingerprint, childNumber, chainCode.toByteArray(), pubKey);
}

Result<ExtendedPubKey> ExtendedPubKey::parse(QStringView text, std::span<const std::uint32_t> acceptedVersions)
{
    Result<DecodedKey> decoded = decodeExtendedKey(text, acceptedVersions);
    if (!decoded)
        return decoded.error();
    const QByteArrayView keyData = decoded->keyData();
    if (keyData[0] != 0x02 && keyData[0] != 0x03)
        return hdFail(HdError::BadKey, keyData[0] == 0 ? QStringLiteral("private key data in an extended public key")
                                                       : QStringLiteral("public key prefix is not 02 or 03"));
    std::optional<crypto::PubKey> key = crypto::PubKey::fromBytes(keyData);
    if (!key)
        return hdFail(HdError::BadKey, QStringLiteral("public key is not a point on secp256k1"));
    ExtendedPubKey out(decoded->depth, decoded->parentFingerprint, decoded->childNumber,
                       decoded->chainCode().toByteArray(), *key);
    out.m_parsedVersion = decoded->version;
    return out;
}

Result<ExtendedPubKey> ExtendedPubKey::parse(QStringView text, const NetworkParams &params)
{
    const std::array<std::uint32_t, 2> versions{params.xpubVersion, params.zpubVersion};
    return parse(text, versions);
}

std::uint32_t ExtendedPubKey::fingerprint() const { return fingerprintOf(m_pubKey); }

Result<ExtendedPubKey> ExtendedPubKey::derive(std::uint32_t index) const
{
    if (index >= kHardened)
        return hdFail(HdError::HardenedFromPublic,
                      QStringLiteral("hardened child %1' cannot be derived from a public key").arg(index & ~kHardened));
    if (m_depth == kMaxDepth)
        return hdFail(HdError::InvalidChild, QStringLiteral("derivation depth would exceed %1").arg(kMaxDepth));
    std::array<unsigned char, 37> data{};
    const QByteArray pub = m_pubKey.serialize(true);
    std::memcpy(data.data(), pub.constData(), 33);
    writeBe32(data.data() + 33, index);
    const QByteArray i = crypto::hmacSha512(m_chainCode, QByteArrayView(data.data(), qsizetype(data.size())));
    std::optional<crypto::PubKey> child = m_pubKey.tweakAdd(QByteArrayView(i).first(32));
    if (!child)
        return hdFail(HdError::InvalidChild, QStringLiteral("child %1 is invalid, use the next index").arg(index));
    return ExtendedPubKey(std::uint8_t(m_depth + 1), fingerprint(), index, i.sliced(32), *child);
}

namespace {

/// Derives @p path step by step from @p start (shared by private and public keys).
template <typename Key>
Result<Key> deriveSteps(const Key &start, std::span<const std::uint32_t> path)
{
    Key key = start;
    for (std::uint32_t child : path) {
        Result<Key> next = key.derive(child);
        if (!next)
            return next.error();
        key = std::move(*next);
    }
    return key;
}

/// Parses and derives a textual path; "m/..." only from a master key (depth 0).
template <typename Key>
Result<Key> deriveText(const Key &start, QStringView path, int depth)
{
    bool absolute = false;
    Result<std::vector<std::uint32_t>> steps = parseDerivationPath(path, &absolute);
    if (!steps)
        return steps.error();
    if (absolute && depth != 0)
        return hdFail(HdError::BadPath, QStringLiteral("absolute path on a non-master key (depth %1)").arg(depth));
    return deriveSteps(start, std::span<const std::uint32_t>(*steps));
}

} // namespace

Result<ExtendedPubKey> ExtendedPubKey::derivePath(std::span<const std::uint32_t> path) const
{
    return deriveSteps(*this, path);
}

Result<ExtendedPubKey> ExtendedPubKey::derivePath(QStringView path) const
{
    return deriveText(*this, path, m_depth);
}

QByteArray ExtendedPubKey::toBytes(std::uint32_t version) const
{
    QByteArray out(kExtendedKeySize, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(out.data());
    writeBe32(p, version);
    p[4] = m_depth;
    writeBe32(p + 5, m_parentFingerprint);
    writeBe32(p + 9, m_childNumber);
    std::memcpy(p + 13, m_chainCode.constData(), kChainCodeSize);
    const QByteArray pub = m_pubKey.serialize(true);
    std::memcpy(p + 45, pub.constData(), 33);
    return out;
}

QString ExtendedPubKey::serialize(std::uint32_t version) const { return encodeBase58Check(toBytes(version)); }

// ---------------------------------------------------------------------------------------------
// ExtendedPrivKey

Result<ExtendedPrivKey> ExtendedPrivKey::fromSeed(QByteArrayView seed)
{
    if (seed.size() < 16 || seed.size() > 64)
        return hdFail(HdError::BadSeed, QStringLiteral("seed is %1 bytes, BIP32 needs 16 to 64").arg(seed.size()));
    QByteArray i = crypto::hmacSha512(QByteArrayView("Bitcoin seed"), seed);
    std::optional<crypto::PrivKey> key = crypto::PrivKey::fromBytes(QByteArrayView(i).first(32));
    crypto::SecureBytes chainCode(QByteArrayView(i).sliced(32));
    wipe(i);
    if (!key)
        return hdFail(HdError::BadSeed, QStringLiteral("seed gives an invalid master key"));
    return ExtendedPrivKey(0, 0, 0, std::move(chainCode), std::move(*key));
}

Result<ExtendedPrivKey> ExtendedPrivKey::parse(QStringView text, std::span<const std::uint32_t> acceptedVersions)
{
    Result<DecodedKey> decoded = decodeExtendedKey(text, acceptedVersions);
    if (!decoded)
        return decoded.error();
    const QByteArrayView keyData = decoded->keyData();
    if (keyData[0] != 0)
        return hdFail(HdError::BadKey, (keyData[0] == 0x02 || keyData[0] == 0x03)
                                           ? QStringLiteral("public key data in an extended private key")
                                           : QStringLiteral("private key prefix is not 00"));
    std::optional<crypto::PrivKey> key = crypto::PrivKey::fromBytes(keyData.sliced(1));
    if (!key)
        return hdFail(HdError::BadKey, QStringLiteral("private key not in 1..n-1"));
    ExtendedPrivKey out(decoded->depth, decoded->parentFingerprint, decoded->childNumber,
                        crypto::SecureBytes(decoded->chainCode()), std::move(*key));
    out.m_parsedVersion = decoded->version;
    return out;
}

Result<ExtendedPrivKey> ExtendedPrivKey::parse(QStringView text, const NetworkParams &params)
{
    const std::array<std::uint32_t, 2> versions{params.xprvVersion, params.zprvVersion};
    return parse(text, versions);
}

std::uint32_t ExtendedPrivKey::fingerprint() const { return fingerprintOf(m_privKey.pubKey()); }

Result<ExtendedPrivKey> ExtendedPrivKey::derive(std::uint32_t index) const
{
    if (m_depth == kMaxDepth)
        return hdFail(HdError::InvalidChild, QStringLiteral("derivation depth would exceed %1").arg(kMaxDepth));
    crypto::SecureBytes data(37);
    if (index >= kHardened) {
        data.data()[0] = 0;
        std::memcpy(data.data() + 1, m_privKey.bytes().data(), 32);
    } else {
        const QByteArray pub = m_privKey.pubKey().serialize(true);
        std::memcpy(data.data(), pub.constData(), 33);
    }
    writeBe32(data.data() + 33, index);
    QByteArray i = crypto::hmacSha512(m_chainCode.view(), data.view());
    std::optional<crypto::PrivKey> child = m_privKey.tweakAdd(QByteArrayView(i).first(32));
    crypto::SecureBytes chainCode(QByteArrayView(i).sliced(32));
    wipe(i);
    if (!child)
        return hdFail(HdError::InvalidChild, QStringLiteral("child %1 is invalid, use the next index").arg(index));
    return ExtendedPrivKey(std::uint8_t(m_depth + 1), fingerprint(), index, std::move(chainCode), std::move(*child));
}

Result<ExtendedPrivKey> ExtendedPrivKey::derivePath(std::span<const std::uint32_t> path) const
{
    return deriveSteps(*this, path);
}

Result<ExtendedPrivKey> ExtendedPrivKey::derivePath(QStringView path) const
{
    return deriveText(*this, path, m_depth);
}

ExtendedPubKey ExtendedPrivKey::neuter() const
{
    return ExtendedPubKey(m_depth, m_parentFingerprint, m_childNumber, m_chainCode.toByteArray(), m_privKey.pubKey());
}

QString ExtendedPrivKey::serialize(std::uint32_t version) const
{
    crypto::SecureBytes payload(kExtendedKeySize);
    unsigned char *p = payload.data();
    writeBe32(p, version);
    p[4] = m_depth;
    writeBe32(p + 5, m_parentFingerprint);
    writeBe32(p + 9, m_childNumber);
    std::memcpy(p + 13, m_chainCode.data(), kChainCodeSize);
    p[45] = 0;
    std::memcpy(p + 46, m_privKey.bytes().data(), 32);
    return encodeBase58Check(payload.view());
}

} // namespace wp::btc
