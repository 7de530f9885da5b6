#include <crypto/random.h>

#include <util/assert.h>

#include <openssl/rand.h>

#include <cstring>

namespace wp::crypto {

QByteArray randomBytes(int count)
{
    WP_ASSERT(count >= 0);
    QByteArray out(count, Qt::Uninitialized);
    if (count > 0)
        WP_ASSERT(RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) == 1);
    return out;
}

std::uint64_t randomBelow(std::uint64_t bound)
{
    WP_ASSERT(bound > 0);
    // Reject the top partial range so every value is equally likely.
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % bound);
    for (;;) {
        std::uint64_t v = 0;
        const QByteArray r = randomBytes(sizeof v);
        std::memcpy(&v, r.constData(), sizeof v);
        if (v < limit)
            return v % bound;
    }
}

} // namespace wp::crypto
