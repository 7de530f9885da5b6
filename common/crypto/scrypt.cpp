#include <crypto/scrypt.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <limits>
#include <memory>

namespace wp::crypto {

std::uint64_t ScryptParams::memoryBytes() const
{
    constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t blocks = n > kMax - p ? kMax : n + p;
    const std::uint64_t perBlock = 128 * std::uint64_t(r);
    if (perBlock != 0 && blocks > kMax / perBlock)
        return kMax;
    return perBlock * blocks;
}

Result<SecureBytes> scrypt(QByteArrayView password, QByteArrayView salt, const ScryptParams &params, std::size_t length)
{
    if (params.n < 2 || (params.n & (params.n - 1)) != 0)
        return fail(QStringLiteral("scrypt: N=%1 is not a power of two above 1").arg(params.n));
    if (params.r < 1 || params.p < 1)
        return fail(QStringLiteral("scrypt: r and p must be at least 1"));
    if (params.memoryBytes() > kScryptMaxMemory)
        return fail(QStringLiteral("scrypt: N=%1, r=%2, p=%3 need more than %4 MiB of memory")
                        .arg(params.n)
                        .arg(params.r)
                        .arg(params.p)
                        .arg(kScryptMaxMemory >> 20));
    if (length < 1 || length > 1024)
        return fail(QStringLiteral("scrypt: output length %1 is outside [1, 1024]").arg(length));

    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_SCRYPT, nullptr),
                                                          &EVP_KDF_free);
    if (!kdf)
        return fail(QStringLiteral("scrypt: OpenSSL has no SCRYPT KDF"));
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
    if (!ctx)
        return fail(QStringLiteral("scrypt: out of memory"));

    // OpenSSL reads empty octet strings through a non-null pointer.
    static const unsigned char kEmpty = 0;
    auto bytes = [](QByteArrayView v) {
        return v.isEmpty() ? const_cast<unsigned char *>(&kEmpty)
                           : const_cast<unsigned char *>(reinterpret_cast<const unsigned char *>(v.data()));
    };
    std::uint64_t n = params.n;
    std::uint32_t r = params.r;
    std::uint32_t p = params.p;
    // The limit is checked above; OpenSSL's own default (32 MiB) would refuse n = 2^17, r = 8.
    std::uint64_t maxMem = params.memoryBytes() + (std::uint64_t(1) << 20);
    const OSSL_PARAM osslParams[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, bytes(password), std::size_t(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, bytes(salt), std::size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMem),
        OSSL_PARAM_construct_end(),
    };
    SecureBytes out(length);
    if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), osslParams) != 1)
        return fail(QStringLiteral("scrypt: derivation failed (out of memory?)"));
    return out;
}

} // namespace wp::crypto
