#pragma once

#include <net/netconfig.h>
#include <net/ratelimiter.h>

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QWebSocketProtocol>

class QWebSocket;

namespace wp::proto {
class StompFrame;
}

namespace wp::server::net {

using StompHeaders = QList<QPair<QByteArray, QByteArray>>;

/// One STOMP 1.2 session (server side) over one WebSocket: the transport under the
/// classic Whirlpool protocol (reference §1.3). It speaks STOMP 1.0/1.1/1.2 over text or
/// binary messages and leaves the meaning of destinations to the application:
///  - CONNECT/STOMP -> CONNECTED with the negotiated version and heart-beats (we send every
///    max(sx, cy) ms a "\n"; a client silent for twice max(sy, cx) ms is disconnected; a client
///    that refuses heart-beats is pinged at sy and must answer within twice that);
///  - SUBSCRIBE/UNSUBSCRIBE/SEND/DISCONNECT with RECEIPT when a `receipt` header asks for one;
///    ACK/NACK are ignored (auto acknowledgement), transactions are refused;
///  - a malformed frame, a frame before CONNECT, a second CONNECT or a missing required
///    header -> ERROR frame, then close (1002); too many frames (token bucket) -> ERROR, close
///    (1008); a WebSocket message or frame over maxMessageBytes closes with 1009 (QWebSocket).
/// Headers are escaped as STOMP 1.1/1.2 define, whatever version was negotiated: a 1.0 client
/// would see "\c" for ':' in a header value, so keep ':' and newlines out of header values.
/// The session id (32 random hex digits) is the classic "username": the principal the
/// application addresses `/private/reply` messages to.
///
/// Lifetime: owned by StompServer. It owns its QWebSocket. It emits closed() exactly once,
/// whatever ends it (peer, timeout, error, close()), then deletes itself with deleteLater():
/// hold it in a QPointer or forget it on closed(). Never delete it directly.
/// Logs carry the connection id and session id, never the peer address.
/// Thread affinity: the thread it is created on (the event loop); not thread-safe.
class StompSession : public QObject {
    Q_OBJECT
public:
    enum class State { AwaitingConnect, Connected, Closed };

    struct Subscription {
        QByteArray id;
        QByteArray destination;
        StompHeaders headers; ///< all SUBSCRIBE headers (e.g. poolId, protocolVersion)
    };

    /// Takes ownership of @p socket (an upgraded server-side WebSocket) and applies
    /// the message and frame size limits of @p config.
    StompSession(QWebSocket *socket, quint64 connectionId, const QHostAddress &peer, const StompConfig &config,
                 QObject *parent = nullptr);
    ~StompSession() override;

    /// 32 lowercase hex digits, unique per session.
    const QString &id() const { return m_id; }
    quint64 connectionId() const { return m_connectionId; }
    /// For bans, rate limits and "is Tor" only; never log it next to coins.
    const QHostAddress &peerAddress() const { return m_peer; }
    State state() const { return m_state; }
    /// The negotiated STOMP version ("1.2", "1.1" or "1.0"); empty before CONNECT.
    const QByteArray &version() const { return m_version; }
    /// Negotiated heart-beat periods in ms (0 = none).
    int outgoingHeartBeatMs() const { return m_outgoingMs; }
    int incomingHeartBeatMs() const { return m_incomingMs; }
    const QList<Subscription> &subscriptions() const { return m_subscriptions; }
    bool isSubscribed(QByteArrayView destination) const;

    /// Sends a MESSAGE to each subscription of this session to @p destination, with the
    /// headers destination, subscription (the SUBSCRIBE's id) and message-id, then @p headers
    /// (those three names and content-length in @p headers are ignored). Returns the number
    /// of frames sent: 0 when not connected or not subscribed to @p destination.
    int sendMessage(const QByteArray &destination, const StompHeaders &headers, const QByteArray &body);

    /// Sends an ERROR frame (header `message`, body @p details) and closes with 1002.
    void closeWithError(const QByteArray &message, const QByteArray &details = {});
    /// Closes normally (1000). No-op when already closed.
    void close();

    /// Sends due heart-beats and enforces the CONNECT and heart-beat deadlines; called by
    /// StompServer's periodic sweep with the current monotonic time.
    void tick(qint64 nowMs, int sweepIntervalMs);

    /// The monotonic clock sessions use (milliseconds).
    static qint64 nowMs();

Q_SIGNALS:
    void connected(wp::server::net::StompSession *session);
    void subscribed(wp::server::net::StompSession *session, const QByteArray &destination,
                    const wp::server::net::StompHeaders &headers);
    void unsubscribed(wp::server::net::StompSession *session, const QByteArray &destination);
    void messageReceived(wp::server::net::StompSession *session, const QByteArray &destination,
                         const wp::server::net::StompHeaders &headers, const QByteArray &body);
    void closed(wp::server::net::StompSession *session);

private:
    void onMessage(const QByteArray &data);
    void handleFrame(const proto::StompFrame &frame);
    void onConnect(const proto::StompFrame &frame);
    void onSubscribe(const proto::StompFrame &frame);
    void onUnsubscribe(const proto::StompFrame &frame);
    void onSend(const proto::StompFrame &frame);
    void sendReceipt(const proto::StompFrame &frame);
    void writeFrame(const proto::StompFrame &frame);
    void fail(const QByteArray &message, const QByteArray &details, QWebSocketProtocol::CloseCode code,
              const proto::StompFrame *cause = nullptr);
    void end(QWebSocketProtocol::CloseCode code, const QString &reason);
    void onDisconnected();

    QWebSocket *m_socket;
    QString m_id;
    quint64 m_connectionId;
    QHostAddress m_peer;
    StompConfig m_config;
    State m_state = State::AwaitingConnect;
    QByteArray m_version;
    int m_outgoingMs = 0;
    int m_incomingMs = 0;
    int m_pingMs = 0; ///< WebSocket ping liveness check for clients without heart-beats
    qint64 m_createdMs;
    qint64 m_lastReceivedMs;
    qint64 m_lastSentMs;
    qint64 m_lastPingMs = 0;
    RateLimiter m_rate;
    QList<Subscription> m_subscriptions;
    quint64 m_messageCounter = 0;
};

} // namespace wp::server::net
