#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace wp::server::net {

/// What the front door needs to know about an HTTP/1.x request head it has peeked at.
struct RequestHead {
    QByteArray method;                   ///< e.g. "GET"
    QByteArray path;                     ///< request target without query and fragment (not decoded)
    int size = 0;                        ///< bytes of the head, blank line included
    bool webSocketUpgrade = false;       ///< an Upgrade header lists "websocket"
    std::optional<qint64> contentLength; ///< absent when the request has no Content-Length
    bool chunked = false;                ///< Transfer-Encoding lists "chunked"
};

enum class HeadStatus {
    Complete,   ///< the blank line was found and the head is well formed
    Incomplete, ///< no blank line yet, and fewer than maxBytes bytes
    TooLarge,   ///< no blank line within maxBytes bytes (answer 431)
    Malformed,  ///< bad request line, header line or Content-Length (answer 400)
};

struct PeekedHead {
    HeadStatus status = HeadStatus::Incomplete;
    RequestHead head; ///< filled when status is Complete
};

/// Parses the HTTP/1.0 or HTTP/1.1 request head at the start of @p data (leading empty lines
/// are skipped, lines may end in CRLF or LF). Never reads past @p data and never fails on any
/// input: garbage gives Malformed, a missing blank line Incomplete or TooLarge. A request with
/// both Content-Length and Transfer-Encoding, or with conflicting Content-Lengths, is Malformed
/// (request smuggling).
PeekedHead parseRequestHead(QByteArrayView data, int maxBytes);

} // namespace wp::server::net
