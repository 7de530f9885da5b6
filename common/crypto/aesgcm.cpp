#include <crypto/aesgcm.h>

#include <util/assert.h>

#include <openssl/evp.h>

#include <memory>

namespace wp::crypto {

namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char *u8(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char *>(v.data());
}

/// A context set up for AES-256-GCM with @p key and @p nonce in the given direction.
CipherCtx makeContext(QByteArrayView key, QByteArrayView nonce, bool encrypt)
{
    WP_ASSERT(key.size() == kAesGcmKeySize && nonce.size() == kAesGcmNonceSize);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    WP_ASSERT(ctx != nullptr);
    WP_ASSERT(EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr, encrypt ? 1 : 0) == 1);
    WP_ASSERT(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kAesGcmNonceSize, nullptr) == 1);
    WP_ASSERT(EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, u8(key), u8(nonce), -1) == 1);
    return ctx;
}

void addAad(EVP_CIPHER_CTX *ctx, QByteArrayView aad)
{
    int len = 0;
    if (!aad.isEmpty())
        WP_ASSERT(EVP_CipherUpdate(ctx, nullptr, &len, u8(aad), int(aad.size())) == 1);
}

} // namespace

QByteArray aes256GcmEncrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView plaintext, QByteArrayView aad)
{
    CipherCtx ctx = makeContext(key, nonce, true);
    addAad(ctx.get(), aad);
    QByteArray out(plaintext.size() + kAesGcmTagSize, Qt::Uninitialized);
    auto *dst = reinterpret_cast<unsigned char *>(out.data());
    int len = 0;
    if (!plaintext.isEmpty())
        WP_ASSERT(EVP_CipherUpdate(ctx.get(), dst, &len, u8(plaintext), int(plaintext.size())) == 1);
    int total = len;
    WP_ASSERT(EVP_CipherFinal_ex(ctx.get(), dst + total, &len) == 1);
    total += len;
    WP_ASSERT(total == plaintext.size());
    WP_ASSERT(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kAesGcmTagSize, dst + total) == 1);
    return out;
}

Result<SecureBytes> aes256GcmDecrypt(QByteArrayView key, QByteArrayView nonce, QByteArrayView sealed, QByteArrayView aad)
{
    if (sealed.size() < kAesGcmTagSize)
        return fail(QStringLiteral("AES-GCM: the data is shorter than its authentication tag"));
    const QByteArrayView ciphertext = sealed.first(sealed.size() - kAesGcmTagSize);
    QByteArray tag = sealed.last(kAesGcmTagSize).toByteArray();

    CipherCtx ctx = makeContext(key, nonce, false);
    addAad(ctx.get(), aad);
    SecureBytes out(std::size_t(ciphertext.size()));
    unsigned char *dst = out.data();
    int len = 0;
    if (!ciphertext.isEmpty())
        WP_ASSERT(EVP_CipherUpdate(ctx.get(), dst, &len, u8(ciphertext), int(ciphertext.size())) == 1);
    int total = len;
    WP_ASSERT(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kAesGcmTagSize, tag.data()) == 1);
    if (EVP_CipherFinal_ex(ctx.get(), dst + total, &len) != 1)
        return fail(QStringLiteral("AES-GCM: authentication failed")); // `out` is wiped on return
    total += len;
    WP_ASSERT(total == ciphertext.size());
    return out;
}

} // namespace wp::crypto
