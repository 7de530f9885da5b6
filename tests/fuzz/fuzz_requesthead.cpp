// Fuzz target: the coordinator front door's HTTP/1.x request-head parser
// (server/net/requesthead.h), which peeks at the first bytes of every TCP
// connection before anything else reads them.
// Invariants: never crashes or reads past the input; a complete head lies within
// the input and within maxBytes; the answer depends only on the head's bytes
// (appending data after a complete head changes nothing); TooLarge only when the
// input is at least maxBytes long; Incomplete only below maxBytes.

#include "fuzzcheck.h"

#include <net/requesthead.h>

using namespace wp;
using namespace wp::server::net;

namespace {

bool sameHead(const RequestHead &a, const RequestHead &b)
{
    return a.method == b.method && a.path == b.path && a.size == b.size && a.webSocketUpgrade == b.webSocketUpgrade
        && a.contentLength == b.contentLength && a.chunked == b.chunked;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // The first two bytes choose maxBytes (0..65535), the rest is what the socket received.
    const int maxBytes = (data[0] << 8) | data[1];
    const QByteArray input = fuzz::bytes(data + 2, size - 2);

    const PeekedHead peeked = parseRequestHead(input, maxBytes);
    switch (peeked.status) {
    case HeadStatus::Complete: {
        const RequestHead &head = peeked.head;
        WP_FUZZ_CHECK(head.size > 0 && head.size <= input.size());
        WP_FUZZ_CHECK(head.size <= maxBytes);
        WP_FUZZ_CHECK(!head.method.isEmpty());
        WP_FUZZ_CHECK(!(head.chunked && head.contentLength.has_value()));
        WP_FUZZ_CHECK(!head.contentLength.has_value() || *head.contentLength >= 0);
        const PeekedHead exact = parseRequestHead(input.first(head.size), maxBytes);
        WP_FUZZ_CHECK(exact.status == HeadStatus::Complete && sameHead(exact.head, head));
        const PeekedHead longer = parseRequestHead(input + QByteArray("GET / HTTP/1.1\r\n\r\n"), maxBytes);
        WP_FUZZ_CHECK(longer.status == HeadStatus::Complete && sameHead(longer.head, head));
        break;
    }
    case HeadStatus::Incomplete:
        WP_FUZZ_CHECK(input.size() < maxBytes);
        break;
    case HeadStatus::TooLarge:
        WP_FUZZ_CHECK(input.size() >= maxBytes);
        break;
    case HeadStatus::Malformed:
        break;
    }
    return 0;
}
