#include <crypto/eckey.h>

#include <crypto/random.h>
#include <util/assert.h>

#include <secp256k1.h>
#include <secp256k1_ecdh.h>
#include <secp256k1_recovery.h>

#include <cstring>

namespace wp::crypto {

namespace {

/// One randomized context for the whole process. libsecp256k1 functions that
/// take a const context are thread-safe, so it is shared by all threads.
const secp256k1_context *context()
{
    static secp256k1_context *ctx = [] {
        secp256k1_context *c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        WP_ASSERT(c != nullptr);
        const QByteArray seed = randomBytes(32);
        WP_ASSERT(secp256k1_context_randomize(c, reinterpret_cast<const unsigned char *>(seed.constData())) == 1);
        return c;
    }();
    return ctx;
}

const unsigned char *u8(QByteArrayView v) { return reinterpret_cast<const unsigned char *>(v.data()); }

secp256k1_pubkey toLib(const std::array<unsigned char, 64> &data)
{
    secp256k1_pubkey pk;
    std::memcpy(pk.data, data.data(), data.size());
    return pk;
}

int copyX(unsigned char *output, const unsigned char *x32, const unsigned char *, void *)
{
    std::memcpy(output, x32, 32);
    return 1;
}

} // namespace

std::optional<PubKey> PubKey::fromBytes(QByteArrayView serialized)
{
    if (serialized.size() != 33 && serialized.size() != 65)
        return std::nullopt;
    secp256k1_pubkey pk;
    if (!secp256k1_ec_pubkey_parse(context(), &pk, u8(serialized), size_t(serialized.size())))
        return std::nullopt;
    PubKey out;
    std::memcpy(out.m_data.data(), pk.data, out.m_data.size());
    return out;
}

QByteArray PubKey::serialize(bool compressed) const
{
    const secp256k1_pubkey pk = toLib(m_data);
    QByteArray out(compressed ? 33 : 65, Qt::Uninitialized);
    size_t len = size_t(out.size());
    WP_ASSERT(secp256k1_ec_pubkey_serialize(context(), reinterpret_cast<unsigned char *>(out.data()), &len, &pk,
                                            compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED) == 1);
    return out;
}

bool PubKey::verifyDer(QByteArrayView hash32, QByteArrayView derSignature) const
{
    if (hash32.size() != 32 || derSignature.isEmpty())
        return false;
    secp256k1_ecdsa_signature sig;
    if (!secp256k1_ecdsa_signature_parse_der(context(), &sig, u8(derSignature), size_t(derSignature.size())))
        return false;
    secp256k1_ecdsa_signature_normalize(context(), &sig, &sig);
    const secp256k1_pubkey pk = toLib(m_data);
    return secp256k1_ecdsa_verify(context(), &sig, u8(hash32), &pk) == 1;
}

std::optional<PubKey> PubKey::tweakAdd(QByteArrayView tweak32) const
{
    if (tweak32.size() != 32)
        return std::nullopt;
    secp256k1_pubkey pk = toLib(m_data);
    if (!secp256k1_ec_pubkey_tweak_add(context(), &pk, u8(tweak32)))
        return std::nullopt;
    PubKey out;
    std::memcpy(out.m_data.data(), pk.data, out.m_data.size());
    return out;
}

std::optional<PrivKey> PrivKey::fromBytes(QByteArrayView bytes)
{
    if (bytes.size() != 32 || !secp256k1_ec_seckey_verify(context(), u8(bytes)))
        return std::nullopt;
    return PrivKey(SecureBytes(bytes));
}

PrivKey PrivKey::generate()
{
    for (;;) {
        SecureBytes candidate(randomBytes(32));
        if (secp256k1_ec_seckey_verify(context(), candidate.data()))
            return PrivKey(std::move(candidate));
    }
}

PubKey PrivKey::pubKey() const
{
    secp256k1_pubkey pk;
    WP_ASSERT(secp256k1_ec_pubkey_create(context(), &pk, m_secret.data()) == 1);
    PubKey out;
    std::memcpy(out.m_data.data(), pk.data, out.m_data.size());
    return out;
}

QByteArray PrivKey::signDer(QByteArrayView hash32) const
{
    WP_ASSERT(hash32.size() == 32);
    secp256k1_ecdsa_signature sig;
    WP_ASSERT(secp256k1_ecdsa_sign(context(), &sig, u8(hash32), m_secret.data(), nullptr, nullptr) == 1);
    QByteArray der(72, Qt::Uninitialized);
    size_t len = size_t(der.size());
    WP_ASSERT(secp256k1_ecdsa_signature_serialize_der(context(), reinterpret_cast<unsigned char *>(der.data()),
                                                      &len, &sig) == 1);
    der.truncate(qsizetype(len));
    return der;
}

QByteArray PrivKey::signCompact(QByteArrayView hash32, bool compressed) const
{
    WP_ASSERT(hash32.size() == 32);
    secp256k1_ecdsa_recoverable_signature sig;
    WP_ASSERT(secp256k1_ecdsa_sign_recoverable(context(), &sig, u8(hash32), m_secret.data(), nullptr, nullptr) == 1);
    QByteArray out(65, Qt::Uninitialized);
    int recid = 0;
    WP_ASSERT(secp256k1_ecdsa_recoverable_signature_serialize_compact(
                  context(), reinterpret_cast<unsigned char *>(out.data()) + 1, &recid, &sig) == 1);
    out[0] = char(27 + recid + (compressed ? 4 : 0));
    return out;
}

std::optional<PrivKey> PrivKey::tweakAdd(QByteArrayView tweak32) const
{
    if (tweak32.size() != 32)
        return std::nullopt;
    SecureBytes key = m_secret;
    if (!secp256k1_ec_seckey_tweak_add(context(), key.data(), u8(tweak32)))
        return std::nullopt;
    return PrivKey(std::move(key));
}

SecureBytes PrivKey::ecdhX(const PubKey &other) const
{
    SecureBytes x(32);
    const secp256k1_pubkey pk = toLib(other.m_data);
    WP_ASSERT(secp256k1_ecdh(context(), x.data(), &pk, m_secret.data(), copyX, nullptr) == 1);
    return x;
}

std::optional<PubKey> recoverCompact(QByteArrayView hash32, QByteArrayView signature65, bool *compressed)
{
    if (hash32.size() != 32 || signature65.size() != 65)
        return std::nullopt;
    const int header = uchar(signature65[0]);
    if (header < 27 || header > 34)
        return std::nullopt;
    const int recid = (header - 27) & 3;
    secp256k1_ecdsa_recoverable_signature sig;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &sig, u8(signature65) + 1, recid))
        return std::nullopt;
    secp256k1_pubkey pk;
    if (!secp256k1_ecdsa_recover(context(), &pk, &sig, u8(hash32)))
        return std::nullopt;
    if (compressed)
        *compressed = header >= 31;
    PubKey out;
    std::memcpy(out.m_data.data(), pk.data, out.m_data.size());
    return out;
}

} // namespace wp::crypto
