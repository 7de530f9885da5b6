#include <crypto/rsablind.h>

#include <crypto/hash.h>
#include <crypto/random.h>
#include <util/assert.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstring>

namespace wp::crypto {

namespace {

// ---- RAII for every OpenSSL handle used here -------------------------------

struct EvpPkeyFree { void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); } };
struct EvpPkeyCtxFree { void operator()(EVP_PKEY_CTX *p) const { EVP_PKEY_CTX_free(p); } };
struct BnFree { void operator()(BIGNUM *p) const { BN_free(p); } };
struct BnClearFree { void operator()(BIGNUM *p) const { BN_clear_free(p); } };
struct BnCtxFree { void operator()(BN_CTX *p) const { BN_CTX_free(p); } };
struct BnMontFree { void operator()(BN_MONT_CTX *p) const { BN_MONT_CTX_free(p); } };
struct BioFree { void operator()(BIO *p) const { BIO_free(p); } };
struct P8Free { void operator()(PKCS8_PRIV_KEY_INFO *p) const { PKCS8_PRIV_KEY_INFO_free(p); } };

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, EvpPkeyCtxFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;           // public numbers
using SecretBnPtr = std::unique_ptr<BIGNUM, BnClearFree>; // r, r^-1, anything derived from them
using BnCtxPtr = std::unique_ptr<BN_CTX, BnCtxFree>;
using BnMontPtr = std::unique_ptr<BN_MONT_CTX, BnMontFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using P8Ptr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, P8Free>;

constexpr int kHashLength = 32; // SHA-256
constexpr int kMinModulusBits = 2048;
constexpr int kMaxModulusBits = 4096;

const unsigned char *u8(QByteArrayView v) { return reinterpret_cast<const unsigned char *>(v.data()); }
unsigned char *u8(QByteArray &v) { return reinterpret_cast<unsigned char *>(v.data()); }

Error error(RsaBlindError code, const char *message) { return fail(int(code), QString::fromLatin1(message)); }

/// Failures on untrusted input leave entries in OpenSSL's per-thread error
/// queue; drop them so they cannot be mistaken for a later call's error.
void clearOpenSslErrors() { ERR_clear_error(); }

BnCtxPtr newBnCtx()
{
    BnCtxPtr ctx(BN_CTX_new());
    WP_ASSERT(ctx != nullptr);
    return ctx;
}

BnPtr bnFromBytes(QByteArrayView bytes)
{
    BnPtr bn(BN_bin2bn(u8(bytes), int(bytes.size()), nullptr));
    WP_ASSERT(bn != nullptr);
    return bn;
}

SecretBnPtr secretBnFromBytes(QByteArrayView bytes)
{
    SecretBnPtr bn(BN_bin2bn(u8(bytes), int(bytes.size()), nullptr));
    WP_ASSERT(bn != nullptr);
    BN_set_flags(bn.get(), BN_FLG_CONSTTIME);
    return bn;
}

QByteArray bnToBytes(const BIGNUM *bn, int size)
{
    QByteArray out(size, Qt::Uninitialized);
    WP_ASSERT(BN_bn2binpad(bn, u8(out), size) == size);
    return out;
}

/// n, e of an RSA EVP_PKEY, or null if it is not an acceptable key.
struct RsaNumbers {
    BnPtr n;
    BnPtr e;
    int bits = 0;
};

std::optional<RsaNumbers> acceptableRsa(const EVP_PKEY *pkey)
{
    if (pkey == nullptr || !EVP_PKEY_is_a(pkey, "RSA"))
        return std::nullopt;
    BIGNUM *n = nullptr;
    BIGNUM *e = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n) != 1)
        return std::nullopt;
    BnPtr nOwned(n);
    if (EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e) != 1)
        return std::nullopt;
    BnPtr eOwned(e);
    const int bits = BN_num_bits(n);
    if (bits < kMinModulusBits || bits > kMaxModulusBits || !BN_is_odd(n) || !BN_is_word(e, kRsaPublicExponent))
        return std::nullopt;
    return RsaNumbers{std::move(nOwned), std::move(eOwned), bits};
}

QByteArray spkiDer(const EVP_PKEY *pkey)
{
    const int len = i2d_PUBKEY(pkey, nullptr);
    WP_ASSERT(len > 0);
    QByteArray der(len, Qt::Uninitialized);
    unsigned char *p = u8(der);
    WP_ASSERT(i2d_PUBKEY(pkey, &p) == len);
    return der;
}

/// MGF1 with SHA-256 (RFC 8017 B.2.1).
QByteArray mgf1Sha256(QByteArrayView seed, int length)
{
    QByteArray mask;
    mask.reserve(length + kHashLength);
    QByteArray block = seed.toByteArray();
    block.append(4, '\0');
    for (quint32 counter = 0; mask.size() < length; ++counter) {
        const qsizetype c = block.size() - 4;
        block[c] = char(counter >> 24);
        block[c + 1] = char(counter >> 16);
        block[c + 2] = char(counter >> 8);
        block[c + 3] = char(counter);
        mask.append(sha256(block));
    }
    mask.truncate(length);
    return mask;
}

/// (a · b) mod n through Montgomery multiplication (fixed-size, as OpenSSL's own RSA blinding).
/// a is secret; b and n are public; both a, b < n.
SecretBnPtr modMulSecret(const BIGNUM *a, const BIGNUM *b, BN_MONT_CTX *mont, BN_CTX *ctx)
{
    SecretBnPtr aMont(BN_new());
    SecretBnPtr out(BN_new());
    WP_ASSERT(aMont && out);
    BN_set_flags(aMont.get(), BN_FLG_CONSTTIME);
    BN_set_flags(out.get(), BN_FLG_CONSTTIME);
    WP_ASSERT(BN_to_montgomery(aMont.get(), a, mont, ctx) == 1);
    WP_ASSERT(BN_mod_mul_montgomery(out.get(), aMont.get(), b, mont, ctx) == 1); // a·R·b·R^-1 = a·b
    return out;
}

BnMontPtr montgomeryFor(const BIGNUM *n, BN_CTX *ctx)
{
    BnMontPtr mont(BN_MONT_CTX_new());
    WP_ASSERT(mont != nullptr);
    WP_ASSERT(BN_MONT_CTX_set(mont.get(), n, ctx) == 1);
    return mont;
}


} // namespace

// ---- RsaPublicKey -----------------------------------------------------------

struct RsaPublicKey::Data {
    EvpPkeyPtr pkey; // public key only
    BnPtr n;
    BnPtr e;
    int bits = 0;
    QByteArray der;
    QByteArray fingerprint;
};

std::optional<RsaPublicKey> RsaPublicKey::fromDer(QByteArrayView spki)
{
    if (spki.isEmpty() || spki.size() > 4096)
        return std::nullopt;
    const unsigned char *p = u8(spki);
    EvpPkeyPtr pkey(d2i_PUBKEY(nullptr, &p, long(spki.size())));
    if (!pkey || p != u8(spki) + spki.size()) {
        clearOpenSslErrors();
        return std::nullopt;
    }
    auto numbers = acceptableRsa(pkey.get());
    if (!numbers) {
        clearOpenSslErrors();
        return std::nullopt;
    }
    QByteArray der = spkiDer(pkey.get());
    if (der != spki) // BER or any other non-canonical form: its fingerprint would be ambiguous
        return std::nullopt;
    auto d = std::make_shared<Data>();
    d->pkey = std::move(pkey);
    d->n = std::move(numbers->n);
    d->e = std::move(numbers->e);
    d->bits = numbers->bits;
    d->fingerprint = sha256(der);
    d->der = std::move(der);
    return RsaPublicKey(std::move(d));
}

QByteArray RsaPublicKey::der() const { return m_d->der; }
QByteArray RsaPublicKey::fingerprint() const { return m_d->fingerprint; }
int RsaPublicKey::modulusBits() const { return m_d->bits; }
int RsaPublicKey::modulusBytes() const { return (m_d->bits + 7) / 8; }
QByteArray RsaPublicKey::modulus() const { return bnToBytes(m_d->n.get(), modulusBytes()); }

bool RsaPublicKey::verifyPss(QByteArrayView message, QByteArrayView signature) const
{
    const int k = modulusBytes();
    if (signature.isEmpty() || signature.size() > k)
        return false;
    QByteArray padded(k - signature.size(), '\0');
    padded.append(signature);

    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_d->pkey.get(), nullptr));
    WP_ASSERT(ctx != nullptr);
    WP_ASSERT(EVP_PKEY_verify_init(ctx.get()) == 1);
    WP_ASSERT(EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PSS_PADDING) == 1);
    WP_ASSERT(EVP_PKEY_CTX_set_signature_md(ctx.get(), EVP_sha256()) == 1);
    WP_ASSERT(EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha256()) == 1);
    WP_ASSERT(EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), kPssSaltLength) == 1); // exactly 32, as BouncyCastle
    const QByteArray digest = sha256(message);
    const int rc = EVP_PKEY_verify(ctx.get(), u8(padded), size_t(padded.size()), u8(digest), size_t(digest.size()));
    if (rc != 1)
        clearOpenSslErrors();
    return rc == 1;
}

// ---- RsaKeyPair -------------------------------------------------------------

struct RsaKeyPair::Data {
    EvpPkeyPtr pkey; // private key
    BnPtr n;
    int bytes = 0;
};

namespace {

/// The key-pair data of an acceptable RSA private key, or null.
std::shared_ptr<RsaKeyPair::Data> keyPairData(EvpPkeyPtr pkey)
{
    auto numbers = acceptableRsa(pkey.get());
    if (!numbers) {
        clearOpenSslErrors();
        return nullptr;
    }
    auto d = std::make_shared<RsaKeyPair::Data>();
    d->pkey = std::move(pkey);
    d->n = std::move(numbers->n);
    d->bytes = (numbers->bits + 7) / 8;
    return d;
}

/// The public half of an acceptable key pair (re-parsed, so it carries no private parts).
RsaPublicKey publicHalf(const EVP_PKEY *pkey)
{
    auto pub = RsaPublicKey::fromDer(spkiDer(pkey));
    WP_ASSERT(pub.has_value());
    return *pub;
}

} // namespace

RsaKeyPair::RsaKeyPair(std::shared_ptr<const Data> d) : m_d(std::move(d)), m_public(publicHalf(m_d->pkey.get())) {}

RsaKeyPair RsaKeyPair::generate(int bits)
{
    WP_ASSERT(bits >= kMinModulusBits && bits <= kMaxModulusBits);
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    WP_ASSERT(ctx != nullptr);
    WP_ASSERT(EVP_PKEY_keygen_init(ctx.get()) == 1);
    WP_ASSERT(EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), bits) == 1);
    BnPtr e(BN_new());
    WP_ASSERT(e && BN_set_word(e.get(), kRsaPublicExponent) == 1);
    WP_ASSERT(EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx.get(), e.get()) == 1);
    EVP_PKEY *raw = nullptr;
    WP_ASSERT(EVP_PKEY_generate(ctx.get(), &raw) == 1);
    auto d = keyPairData(EvpPkeyPtr(raw));
    WP_ASSERT(d != nullptr);
    return RsaKeyPair(std::move(d));
}

std::optional<RsaKeyPair> RsaKeyPair::fromPkcs8Pem(QByteArrayView pem)
{
    if (pem.isEmpty() || pem.size() > 64 * 1024)
        return std::nullopt;
    BioPtr bio(BIO_new_mem_buf(pem.data(), int(pem.size())));
    WP_ASSERT(bio != nullptr);
    char *name = nullptr;
    char *header = nullptr;
    unsigned char *data = nullptr;
    long length = 0;
    if (PEM_read_bio(bio.get(), &name, &header, &data, &length) != 1) {
        clearOpenSslErrors();
        return std::nullopt;
    }
    const bool isPkcs8 = std::strcmp(name, PEM_STRING_PKCS8INF) == 0 && header[0] == '\0'; // "PRIVATE KEY"
    P8Ptr p8;
    if (isPkcs8) {
        const unsigned char *p = data;
        p8.reset(d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, length));
        if (p != data + length)
            p8.reset();
    }
    OPENSSL_free(name);
    OPENSSL_free(header);
    OPENSSL_clear_free(data, size_t(length));
    if (!p8) {
        clearOpenSslErrors();
        return std::nullopt;
    }
    EvpPkeyPtr pkey(EVP_PKCS82PKEY(p8.get()));
    if (!pkey) {
        clearOpenSslErrors();
        return std::nullopt;
    }
    // A corrupted key would sign garbage: check that d, p, q belong to n, e.
    EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    WP_ASSERT(check != nullptr);
    if (EVP_PKEY_pairwise_check(check.get()) != 1) {
        clearOpenSslErrors();
        return std::nullopt;
    }
    auto d = keyPairData(std::move(pkey));
    if (!d)
        return std::nullopt;
    return RsaKeyPair(std::move(d));
}

Result<QByteArray> RsaKeyPair::signBlinded(QByteArrayView blinded) const
{
    const int k = m_d->bytes;
    if (blinded.size() != k)
        return error(RsaBlindError::WrongLength, "Blinded value must be as long as the modulus");
    const BnPtr value = bnFromBytes(blinded);
    if (BN_is_zero(value.get()) || BN_cmp(value.get(), m_d->n.get()) >= 0)
        return error(RsaBlindError::OutOfRange, "Blinded value out of range");

    // RSA_NO_PADDING through EVP_PKEY_sign is OpenSSL's raw private-key
    // operation: base blinding, constant-time CRT exponentiation and a check of
    // the result against the public key (fault-attack protection).
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, m_d->pkey.get(), nullptr));
    WP_ASSERT(ctx != nullptr);
    if (EVP_PKEY_sign_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1) {
        clearOpenSslErrors();
        return error(RsaBlindError::Internal, "OpenSSL refused raw RSA signing");
    }
    QByteArray out(k, Qt::Uninitialized);
    size_t outLength = size_t(k);
    if (EVP_PKEY_sign(ctx.get(), u8(out), &outLength, u8(blinded), size_t(k)) != 1 || outLength != size_t(k)) {
        clearOpenSslErrors();
        return error(RsaBlindError::Internal, "RSA signing failed");
    }
    return out;
}

// ---- client side ------------------------------------------------------------

Result<QByteArray> pssEncode(QByteArrayView message, QByteArrayView salt, int emBits)
{
    // RFC 8017 §9.1.1: emBits >= 8·hLen + 8·sLen + 9.
    if (emBits > 8 * 1024 || salt.size() > 1024 || emBits < 8 * (kHashLength + int(salt.size())) + 9)
        return error(RsaBlindError::WrongLength, "Encoded message too short for this salt");
    const int emLength = (emBits + 7) / 8;
    const QByteArray mHash = sha256(message);

    QByteArray mPrime(8, '\0');
    mPrime.append(mHash);
    mPrime.append(salt);
    const QByteArray h = sha256(mPrime);

    const int dbLength = emLength - kHashLength - 1;
    QByteArray db(dbLength - int(salt.size()) - 1, '\0'); // PS
    db.append(char(0x01));
    db.append(salt);
    const QByteArray mask = mgf1Sha256(h, dbLength);
    for (int i = 0; i < dbLength; ++i)
        db[i] = char(db[i] ^ mask[i]);
    db[0] = char(uchar(db[0]) & (0xffu >> (8 * emLength - emBits)));

    QByteArray em = db;
    em.append(h);
    em.append(char(0xbc));
    return em;
}

Result<BlindingContext> blindWith(const RsaPublicKey &key, QByteArrayView message, QByteArrayView salt,
                                  QByteArrayView r)
{
    if (salt.size() != kPssSaltLength)
        return error(RsaBlindError::WrongLength, "PSS salt must be 32 bytes");
    const int k = key.modulusBytes();
    const BIGNUM *n = key.m_d->n.get();
    if (r.isEmpty() || r.size() > k)
        return error(RsaBlindError::WrongLength, "Blinding factor longer than the modulus");

    BnCtxPtr ctx = newBnCtx();
    SecretBnPtr rBn = secretBnFromBytes(r);
    if (BN_is_zero(rBn.get()) || BN_is_one(rBn.get()) || BN_cmp(rBn.get(), n) >= 0)
        return error(RsaBlindError::OutOfRange, "Blinding factor out of range");
    SecretBnPtr rInverse(BN_new());
    WP_ASSERT(rInverse != nullptr);
    BN_set_flags(rInverse.get(), BN_FLG_CONSTTIME);
    if (BN_mod_inverse(rInverse.get(), rBn.get(), n, ctx.get()) == nullptr) { // constant-time path (flag set)
        clearOpenSslErrors();
        return error(RsaBlindError::OutOfRange, "Blinding factor not invertible modulo n");
    }

    auto em = pssEncode(message, salt, key.modulusBits() - 1);
    if (!em)
        return em.error();
    const BnPtr m = bnFromBytes(*em); // < 2^(modBits-1) <= n

    BnMontPtr mont = montgomeryFor(n, ctx.get());
    SecretBnPtr rToE(BN_new());
    WP_ASSERT(rToE != nullptr);
    BN_set_flags(rToE.get(), BN_FLG_CONSTTIME);
    WP_ASSERT(BN_mod_exp_mont_consttime(rToE.get(), rBn.get(), key.m_d->e.get(), n, ctx.get(), mont.get()) == 1);
    const SecretBnPtr blinded = modMulSecret(rToE.get(), m.get(), mont.get(), ctx.get());

    BlindingContext context;
    context.m_blinded = bnToBytes(blinded.get(), k);
    context.m_message = message.toByteArray();
    context.m_keyFingerprint = key.fingerprint();
    context.m_rInverse = SecureBytes(size_t(k));
    WP_ASSERT(BN_bn2binpad(rInverse.get(), context.m_rInverse.data(), k) == k);
    return context;
}

Result<BlindingContext> blind(const RsaPublicKey &key, QByteArrayView message)
{
    BnCtxPtr ctx = newBnCtx();
    const BIGNUM *n = key.m_d->n.get();
    const QByteArray salt = randomBytes(kPssSaltLength);
    // r uniform in [2, n) and invertible; a non-invertible r would reveal a factor of n,
    // so that loop practically never runs twice.
    for (int attempt = 0; attempt < 64; ++attempt) {
        SecretBnPtr r(BN_new());
        WP_ASSERT(r != nullptr);
        if (BN_priv_rand_range(r.get(), n) != 1) {
            clearOpenSslErrors();
            return error(RsaBlindError::Internal, "CSPRNG failure");
        }
        SecureBytes rBytes(size_t(key.modulusBytes()));
        WP_ASSERT(BN_bn2binpad(r.get(), rBytes.data(), int(rBytes.size())) == int(rBytes.size()));
        auto context = blindWith(key, message, salt, rBytes.view());
        if (context || context.error().code != int(RsaBlindError::OutOfRange))
            return context;
    }
    return error(RsaBlindError::Internal, "No usable blinding factor");
}

Result<QByteArray> unblind(const RsaPublicKey &key, const BlindingContext &context, QByteArrayView blindSignature)
{
    if (key.fingerprint() != context.m_keyFingerprint)
        return error(RsaBlindError::KeyMismatch, "Blinded with another key");
    const int k = key.modulusBytes();
    if (blindSignature.size() != k)
        return error(RsaBlindError::WrongLength, "Blind signature must be as long as the modulus");
    const BIGNUM *n = key.m_d->n.get();
    const BnPtr blindSig = bnFromBytes(blindSignature);
    if (BN_is_zero(blindSig.get()) || BN_cmp(blindSig.get(), n) >= 0)
        return error(RsaBlindError::OutOfRange, "Blind signature out of range");

    BnCtxPtr ctx = newBnCtx();
    BnMontPtr mont = montgomeryFor(n, ctx.get());
    const SecretBnPtr rInverse = secretBnFromBytes(context.m_rInverse.view());
    const SecretBnPtr s = modMulSecret(rInverse.get(), blindSig.get(), mont.get(), ctx.get());
    QByteArray signature = bnToBytes(s.get(), k);
    if (!key.verifyPss(context.m_message, signature))
        return error(RsaBlindError::InvalidSignature, "Unblinded signature does not verify");
    return signature;
}

} // namespace wp::crypto
