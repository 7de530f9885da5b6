#pragma once

#include <QByteArray>

#include <cstdint>

namespace wp::crypto {

/// @p count bytes from OpenSSL's CSPRNG (RAND_bytes). Never returns weak
/// randomness: a failing generator aborts (WP_ASSERT), as keys depend on it.
QByteArray randomBytes(int count);

/// Uniform integer in [0, bound) from the CSPRNG (no modulo bias). bound > 0.
std::uint64_t randomBelow(std::uint64_t bound);

} // namespace wp::crypto
