#include <crypto/hash.h>

#include <util/assert.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/core_names.h>

#include <memory>

namespace wp::crypto {

namespace {

using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

QByteArray digest(const EVP_MD *md, QByteArrayView data)
{
    WP_ASSERT(md != nullptr);
    MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    WP_ASSERT(ctx != nullptr);
    QByteArray out(EVP_MD_get_size(md), Qt::Uninitialized);
    unsigned int len = 0;
    WP_ASSERT(EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1);
    WP_ASSERT(EVP_DigestUpdate(ctx.get(), data.data(), size_t(data.size())) == 1);
    WP_ASSERT(EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len) == 1);
    WP_ASSERT(int(len) == out.size());
    return out;
}

QByteArray hmac(const EVP_MD *md, QByteArrayView key, QByteArrayView data)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int len = 0;
    // HMAC() with an empty key needs a non-null pointer.
    static const unsigned char kEmpty = 0;
    const auto *keyPtr = key.isEmpty() ? &kEmpty : reinterpret_cast<const unsigned char *>(key.data());
    const unsigned char *res = HMAC(md, keyPtr, int(key.size()),
                                    reinterpret_cast<const unsigned char *>(data.data()), size_t(data.size()),
                                    reinterpret_cast<unsigned char *>(out.data()), &len);
    WP_ASSERT(res != nullptr);
    out.truncate(int(len));
    return out;
}

} // namespace

QByteArray sha256(QByteArrayView data) { return digest(EVP_sha256(), data); }
QByteArray sha256d(QByteArrayView data) { return sha256(sha256(data)); }
QByteArray sha512(QByteArrayView data) { return digest(EVP_sha512(), data); }
QByteArray ripemd160(QByteArrayView data) { return digest(EVP_ripemd160(), data); }
QByteArray hash160(QByteArrayView data) { return ripemd160(sha256(data)); }

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data) { return hmac(EVP_sha256(), key, data); }
QByteArray hmacSha512(QByteArrayView key, QByteArrayView data) { return hmac(EVP_sha512(), key, data); }

QByteArray pbkdf2HmacSha512(QByteArrayView password, QByteArrayView salt, int iterations, int length)
{
    WP_ASSERT(iterations > 0 && length > 0);
    QByteArray out(length, Qt::Uninitialized);
    const int ok = PKCS5_PBKDF2_HMAC(password.data(), int(password.size()),
                                     reinterpret_cast<const unsigned char *>(salt.data()), int(salt.size()),
                                     iterations, EVP_sha512(), length,
                                     reinterpret_cast<unsigned char *>(out.data()));
    WP_ASSERT(ok == 1);
    return out;
}

QByteArray taggedHash(QByteArrayView tag, QByteArrayView data)
{
    const QByteArray tagHash = sha256(tag);
    return sha256(tagHash + tagHash + data.toByteArray());
}

} // namespace wp::crypto
