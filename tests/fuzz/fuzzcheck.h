#pragma once

// Invariant checks for the fuzz targets: a failed check is a bug the fuzzer
// found, so it aborts (libFuzzer and the replay driver both record the input).

#include <QByteArray>
#include <QString>

#include <cstdio>
#include <cstdlib>

#define WP_FUZZ_CHECK(cond)                                                                \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                  \
        }                                                                                  \
    } while (false)

namespace wp::fuzz {

/// The fuzz input as a QByteArray (a copy, so Qt's implicit sharing never aliases the fuzzer's buffer).
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace wp::fuzz
