#pragma once

#include <net/netconfig.h>

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <map>

class QTcpSocket;

namespace wp::server::net {

/// Per-connection bookkeeping for an HTTP connection served by QHttpServer, which in
/// Qt 6.4 has none of it:
///  - caps the bytes of one request (head + body); over the cap it answers 413 and closes;
///  - closes a connection whose request takes longer than requestTimeoutMs to arrive, or
///    that stays idle (no request, no response owed) for idleTimeoutMs;
///  - writes responses in request order: QHttpServer 6.4 hands the next pipelined request
///    to its handler as soon as the previous handler returns, so an asynchronous answer
///    could otherwise overtake or be overtaken (measured).
///
/// FrontDoor creates it as a child of the socket *before* QHttpServer connects to the
/// socket, so its readyRead slot runs first. It dies with the socket.
/// Thread affinity: the socket's thread.
class HttpConnection : public QObject {
    Q_OBJECT
public:
    /// @param maxRequestBytes cap on the bytes of one request, head included.
    /// @param drainMs how long input is drained after a 413 (see respondAndDrain()).
    HttpConnection(QTcpSocket *socket, quint64 connectionId, qint64 maxRequestBytes, const HttpConfig &config,
                   int drainMs);
    ~HttpConnection() override;

    /// The HttpConnection attached to @p socket, or nullptr.
    static HttpConnection *of(const QTcpSocket *socket);

    quint64 connectionId() const { return m_connectionId; }

    /// A complete request was handed to the application: returns the ticket its response
    /// must be given to respond() with. Restarts the per-request byte count.
    quint64 beginRequest();
    /// The complete wire form of the response to @p ticket. It is written once every
    /// earlier response is; with @p closeAfter the connection is closed after it.
    /// Answering a ticket twice is a bug.
    void respond(quint64 ticket, QByteArray wire, bool closeAfter);
    /// True while the socket is open and not closing.
    bool isOpen() const;

private:
    void onReadyRead();
    void onTimeout();
    void flush();
    void rejectOversized();
    void armTimer();

    QTcpSocket *m_socket;
    quint64 m_connectionId;
    qint64 m_maxRequestBytes;
    int m_drainMs;
    HttpConfig m_config;
    QTimer m_timer;
    qint64 m_requestBytes = 0;
    bool m_inRequest = false;
    bool m_closing = false;
    quint64 m_nextTicket = 0;
    quint64 m_nextToWrite = 0;
    std::map<quint64, std::pair<QByteArray, bool>> m_ready;
};

} // namespace wp::server::net
