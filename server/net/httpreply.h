#pragma once

#include <net/httptypes.h>

#include <memory>

namespace wp::server::net {

class HttpConnection;

/// The application's handle for answering one HTTP request, at once or later (after a
/// database or RPC round trip).
///
/// Copyable, so it fits in std::function callbacks; all copies share one answer: the first
/// send() wins and later calls are ignored. When the last copy is destroyed unanswered the
/// client gets 500 (a handler bug, logged). When the client has gone, send() does nothing:
/// nothing ever touches a deleted socket (QHttpServerResponder would, see httpapi.h).
/// Responses on one connection go out in request order whatever order they are sent in.
///
/// Thread affinity: the connection's thread (the event loop). Not thread-safe; post results
/// from worker threads back to the event loop before calling send().
class HttpReply {
public:
    /// Answers the request. Under /rest/ the header `protocolVersion: 0.23` is added.
    void send(HttpResponse response) const;
    /// True once send() was called on any copy.
    bool isAnswered() const;
    /// True while the client connection is open (an answer can still reach it).
    bool isConnected() const;
    quint64 connectionId() const;

private:
    friend class HttpApi;
    struct State;
    HttpReply(HttpConnection *connection, quint64 ticket, bool rest, bool headRequest, bool closeAfter);

    std::shared_ptr<State> m_state;
};

} // namespace wp::server::net
