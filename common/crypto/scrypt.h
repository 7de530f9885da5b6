#pragma once

#include <crypto/securebytes.h>
#include <util/result.h>

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

namespace wp::crypto {

/// scrypt cost parameters (RFC 7914): CPU/memory cost @c n (a power of two
/// above 1), block size @c r, parallelization @c p. Memory use is about
/// 128 * r * (n + p) bytes.
struct ScryptParams {
    std::uint64_t n = 1u << 17;
    std::uint32_t r = 8;
    std::uint32_t p = 1;

    /// Bytes of memory one derivation needs (128 * r * (n + p)), saturated at UINT64_MAX.
    std::uint64_t memoryBytes() const;

    friend bool operator==(const ScryptParams &, const ScryptParams &) = default;
};

/// Upper bound on the memory scrypt() may use, and so on the parameters it accepts.
inline constexpr std::uint64_t kScryptMaxMemory = std::uint64_t(1) << 30; // 1 GiB

/// scrypt key derivation (RFC 7914) through OpenSSL 3's EVP_KDF "SCRYPT".
/// Deliberately slow and memory-hard: with n = 2^17, r = 8 it takes about a
/// second and 128 MiB, so never call it on an event-loop thread
/// (use util::runInThreadPool). Thread-safe.
///
/// In:      @p password, @p salt: any bytes (may be empty).
///          @p params: n a power of two >= 2, r >= 1, p >= 1, memoryBytes() <= kScryptMaxMemory.
///          @p length: 1 .. 1024 bytes of output.
/// Returns: the derived key in wiped memory, or an error when the
///          parameters are out of range or OpenSSL fails (out of memory).
[[nodiscard]] Result<SecureBytes> scrypt(QByteArrayView password, QByteArrayView salt, const ScryptParams &params,
                                         std::size_t length);

} // namespace wp::crypto
