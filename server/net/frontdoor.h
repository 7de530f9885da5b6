#pragma once

#include <net/connectionlimiter.h>
#include <net/netconfig.h>
#include <util/result.h>

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QPair>
#include <QPointer>
#include <QTcpServer>
#include <QWebSocket>

class QTcpSocket;
class QWebSocketServer;

namespace wp::server::net {

/// The coordinator's only listening socket: HTTP and WebSocket on one port
/// (reference/qt-port-scale.md, design C).
///
/// For every accepted connection it
///  - answers 503 at once when the fd is within fdReserve of the fd limit (Qt 6.4's
///    QTcpServer spins at 100 % CPU when accept() hits EMFILE), or when the connection cap or
///    the per-peer cap is reached;
///  - peeks (never reads) the request head, within headTimeoutMs and headMaxBytes;
///  - hands `/ws/connect` WebSocket upgrades to its own QWebSocketServer (subprotocols
///    v12.stomp, v11.stomp, v10.stomp) with its own handshake timeout, and emits
///    webSocketConnected() for each upgraded socket;
///  - answers other upgrade requests 404, bad heads 400, long heads 431, declared bodies over
///    HttpConfig::maxBodyBytes 413;
///  - hands every other connection to the QHttpServer bound to it (HttpApi::attach) through
///    addPendingConnection(), with an HttpConnection guard attached first.
/// Closing sockets that cannot flush are aborted after lingerMs.
///
/// Logs carry connection ids, never peer addresses.
/// Thread affinity: the thread that creates it (the event loop); not thread-safe.
class FrontDoor : public QTcpServer {
    Q_OBJECT
public:
    /// Reads RLIMIT_NOFILE now: call raiseFileLimit() before constructing.
    explicit FrontDoor(FrontDoorConfig config, HttpConfig http, QObject *parent = nullptr);
    ~FrontDoor() override;

    /// Listens on @p address:@p port (0 = any free port) with the configured backlog.
    /// Returns the bound port, or the listen error (the caller should fail start-up loudly).
    Result<quint16> start(const QHostAddress &address, quint16 port);

    /// Connections counted against the caps (heads in flight, HTTP and WebSocket).
    int openConnections() const { return m_limiter.total(); }
    /// Accepted fds at or above this number get 503.
    int fdCap() const { return m_fdCap; }
    /// The total connection cap in force.
    int connectionCap() const { return m_limiter.maxTotal(); }
    const FrontDoorConfig &config() const { return m_config; }

    /// The id FrontDoor gave @p socket (> 0), or 0 for a socket it did not accept.
    static quint64 connectionIdOf(const QTcpSocket *socket);

Q_SIGNALS:
    /// A WebSocket completed its handshake at /ws/connect. The receiver takes ownership of
    /// @p socket (it has no parent); if nothing is connected the socket is closed.
    void webSocketConnected(QWebSocket *socket, quint64 connectionId, const QHostAddress &peer);

protected:
    void incomingConnection(qintptr fd) override;

private:
    using PeerKey = QPair<QHostAddress, quint16>;

    void sniff(QTcpSocket *socket);
    void endHeadPhase(QTcpSocket *socket);
    void handOffToWebSocket(QTcpSocket *socket);
    void handOffToHttp(QTcpSocket *socket);
    void onWebSocketReady();
    void adoptAfterWebSocket(QTcpSocket *socket);
    /// Answers with a bodyless response and "Connection: close", then drains and closes.
    void closeWithStatus(QTcpSocket *socket, int status);
    void watchClosing(QTcpSocket *socket);
    bool logAllowed();

    FrontDoorConfig m_config;
    HttpConfig m_http;
    int m_fdCap = 0;
    ConnectionLimiter m_limiter;
    QWebSocketServer *m_webSockets;
    QHash<PeerKey, QPointer<QTcpSocket>> m_handshaking;
    quint64 m_nextConnectionId = 1;
    QElapsedTimer m_logWindow;
    int m_logsInWindow = 0;
    int m_suppressedLogs = 0;
};

} // namespace wp::server::net
