#pragma once

#include <mixer/networkidentity.h>
#include <protocol/stompframe.h>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace wp::client {

/// STOMP headers as (name, value) pairs, in order.
using StompHeaders = QList<QPair<QByteArray, QByteArray>>;

/// A STOMP 1.2 client over a raw WebSocket, as the classic Whirlpool
/// coordinator expects it (protocol reference §1.3): it offers the
/// subprotocols v12.stomp, v11.stomp and v10.stomp, sends CONNECT with
/// accept-version 1.2, heart-beat and host, adds `protocolVersion: 0.23` to
/// every SUBSCRIBE and SEND, sends heart-beats ("\n") when idle and drops the
/// connection when the server stays silent past twice its heart-beat interval.
/// One connection per object; after disconnected() it may be reused by calling
/// connectToServer() again.
///
/// Thread affinity: the thread that creates it; every method is asynchronous
/// and must be called on that thread. Not thread-safe.
class StompClient : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected };

    /// An idle client; configure it, then connectToServer().
    explicit StompClient(QObject *parent = nullptr);
    ~StompClient() override;

    /// The network identity (SOCKS5 proxy and isolation credentials) of the
    /// next connection. Default: direct.
    void setIdentity(const NetworkIdentity &identity) { m_identity = identity; }
    /// Time allowed from connectToServer() to CONNECTED (default 30 s).
    void setConnectTimeout(int ms) { m_connectTimeoutMs = ms; }
    /// The heart-beat this client offers in CONNECT, in ms (default 20000,20000;
    /// 0 disables a direction). The effective intervals are negotiated with the
    /// server's CONNECTED header as the STOMP spec says.
    void setHeartbeat(int outgoingMs, int incomingMs);
    /// Largest WebSocket message accepted from the server (default 1 MiB); larger closes.
    void setMaxIncomingMessageSize(qint64 bytes) { m_maxIncoming = bytes; }

    /// Opens @p url (ws:// or wss://, normally base + /ws/connect) and performs
    /// the STOMP handshake. Emits connected() or disconnected(reason).
    /// Precondition: state() == Disconnected (WP_ASSERT).
    void connectToServer(const QUrl &url);

    /// Sends SUBSCRIBE with a fresh `id`, @p destination, `protocolVersion`
    /// and @p headers. Returns: the subscription id, or an empty array when
    /// not connected (nothing is sent).
    QByteArray subscribe(const QByteArray &destination, const StompHeaders &headers = {});

    /// Sends SEND with @p destination, `content-type: application/json`,
    /// `protocolVersion`, @p headers and @p body.
    /// Returns: false when not connected (nothing is sent).
    bool send(const QByteArray &destination, const QByteArray &body, const StompHeaders &headers = {});

    /// Sends DISCONNECT (when connected) and closes the socket. Emits
    /// disconnected("closed by client") unless already disconnected.
    void disconnectFromServer();

    /// Disconnected, Connecting (WebSocket or STOMP handshake under way) or Connected.
    State state() const { return m_state; }
    /// The subprotocol the server chose ("v12.stomp", ...), empty if none.
    QString subprotocol() const { return m_subprotocol; }
    /// Effective interval of our heart-beats after negotiation (0 = none).
    int outgoingHeartbeatMs() const { return m_outgoingMs; }
    /// Effective interval expected from the server (0 = none); silence for twice that drops the connection.
    int incomingHeartbeatMs() const { return m_incomingMs; }

    /// The subprotocols offered in the WebSocket handshake, preferred first.
    static QStringList offeredSubprotocols();

Q_SIGNALS:
    /// CONNECTED was received: subscribe() and send() may be used.
    void connected();
    /// A MESSAGE frame; @p messageType is its `messageType` header (may be empty).
    void messageReceived(const QString &messageType, const wp::proto::StompFrame &frame);
    /// An ERROR frame (its `message` header and body). disconnected() follows.
    void errorReceived(const QString &message, const QByteArray &body);
    /// The connection is gone (or could not be made); emitted once per connectToServer().
    void disconnected(const QString &reason);

private:
    void onSocketConnected();
    void onData(const QByteArray &data);
    void onFrame(const proto::StompFrame &frame);
    void sendFrame(const proto::StompFrame &frame);
    void fail(const QString &reason);
    void closeSocket();

    QWebSocket *m_socket = nullptr;
    State m_state = State::Disconnected;
    NetworkIdentity m_identity;
    QString m_host;
    QString m_subprotocol;
    int m_connectTimeoutMs = 30000;
    int m_offerOutgoingMs = 20000;
    int m_offerIncomingMs = 20000;
    int m_outgoingMs = 0;
    int m_incomingMs = 0;
    qint64 m_maxIncoming = 1 << 20;
    int m_nextSubscription = 0;
    QTimer m_connectTimer;
    QTimer m_sendHeartbeat;
    QTimer m_silenceTimer;
};

} // namespace wp::client
