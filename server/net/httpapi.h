#pragma once

#include <net/httpreply.h>
#include <net/httptypes.h>
#include <net/netconfig.h>

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace wp::server::net {

class FrontDoor;

/// HTTP routing for the coordinator on QHttpServer (a tech preview in Qt 6.4: this class and
/// its .cpp are the only place that uses it).
///
/// QHttpServer does the HTTP/1.1 parsing, keep-alive and pipelining; routing, limits and
/// responses are ours. Every request reaches one entry point (QHttpServer's missing handler),
/// which copies the request, matches an exact route, then a prefix route, else answers 404
/// (405 with Allow when the path exists for another method). HEAD uses the GET route without
/// the body. Every response under /rest/ carries `protocolVersion: 0.23`; REST errors are
/// HttpResponse::restError() (HTTP 500, {"message": ...}). Bodies over maxBodyBytes get 413.
///
/// Asynchronous answers. Handlers get an HttpReply they may keep and answer later. What
/// Qt 6.4.2 itself offers was checked (source of v6.4.2 and a test program):
///  - A route handler may take `QHttpServerResponder &&`, move it away and write later: it
///    works, but the responder keeps a raw QTcpSocket pointer (a QPointer only in debug
///    builds). When the client disconnects first, QHttpServer deletes the socket and a late
///    write is a use-after-free.
///  - The next pipelined request on the connection is dispatched as soon as the handler
///    returns, so a late answer goes out after the next one's (measured: responses out of order).
///  - Returning QFuture<QHttpServerResponse> captures the request by reference and the socket
///    raw (QHttpServer::sendResponse), with the same two problems.
/// So HttpReply writes through an HttpConnection that is a child of the socket (it dies with
/// it, and a late send() is then a no-op) and that orders responses by request.
///
/// Thread affinity: the event-loop thread; handlers are called on it and must not block.
class HttpApi : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &request, HttpReply reply)>;

    explicit HttpApi(HttpConfig config = {}, QObject *parent = nullptr);
    ~HttpApi() override;

    /// Serves the plain HTTP connections @p door hands over (call after door->start()).
    /// The door's parent is left unchanged. Attaching twice is a bug.
    void attach(FrontDoor *door);

    /// Registers @p handler for exactly @p path (e.g. "/rest/pools"). Registering the same
    /// method and path twice is a bug.
    void route(HttpMethod method, const QString &path, Handler handler);
    void get(const QString &path, Handler handler) { route(HttpMethod::Get, path, std::move(handler)); }
    void post(const QString &path, Handler handler) { route(HttpMethod::Post, path, std::move(handler)); }
    /// Registers @p handler for every path starting with @p prefix that has no exact route
    /// (e.g. "/status/" for dashboard assets). The longest matching prefix wins.
    void routePrefix(HttpMethod method, const QString &prefix, Handler handler);

    const HttpConfig &config() const { return m_config; }

private:
    struct PrefixRoute {
        QString prefix;
        HttpMethod method;
        Handler handler;
    };

    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    const Handler *find(HttpMethod method, const QString &path, QList<HttpMethod> *allowed) const;

    HttpConfig m_config;
    QHttpServer *m_server;
    QHash<QString, QHash<int, Handler>> m_exact;
    QList<PrefixRoute> m_prefixes; ///< longest prefix first
};

} // namespace wp::server::net
