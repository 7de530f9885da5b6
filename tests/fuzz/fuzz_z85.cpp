// Fuzz target: Samourai's Z85 variant (common/protocol/z85.h), which carries every
// "...64" field of the protocol (keys, bordereaux, transactions, witnesses).
// Invariants: never crashes; decoding is canonical on whole groups and stable:
// encode(decode(s)) decodes to the same bytes; any bytes encode to
// ceil(5 * n / 4) characters that decode back to them.

#include "fuzzcheck.h"

#include <protocol/z85.h>

using namespace wp;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);

    for (const QString &text : {QString::fromLatin1(input), QString::fromUtf8(input)}) {
        const auto decoded = proto::decodeZ85(text);
        if (!decoded)
            continue;
        const qsizetype n = text.size();
        WP_FUZZ_CHECK(n % 5 != 1);
        WP_FUZZ_CHECK(decoded->size() == n / 5 * 4 + (n % 5 == 0 ? 0 : n % 5 - 1));
        const QString reencoded = proto::encodeZ85(*decoded);
        WP_FUZZ_CHECK(reencoded.size() == n);
        const auto again = proto::decodeZ85(reencoded);
        WP_FUZZ_CHECK(again.has_value() && *again == *decoded);
        if (n % 5 == 0)
            WP_FUZZ_CHECK(reencoded == text);
    }

    const QString encoded = proto::encodeZ85(input);
    WP_FUZZ_CHECK(encoded.size() == (5 * input.size() + 3) / 4);
    const auto back = proto::decodeZ85(encoded);
    WP_FUZZ_CHECK(back.has_value() && *back == input);
    return 0;
}
