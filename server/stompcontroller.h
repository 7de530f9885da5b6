#pragma once

#include <cluster/poolrouter.h>
#include <mix/sessionmessenger.h>

#include <bitcoin/network.h>
#include <net/stompsession.h>

#include <QHash>
#include <QObject>

#include <functional>

namespace wp::server {

namespace net {
class StompServer;
}
class InputValidator;
class PoolService;

/// The classic Whirlpool STOMP API (protocol reference §1.3, §2.1-2.2): the pool
/// subscription on `/private/reply`, the four SEND destinations with their
/// protocol-version check, and the replies to one session. Knows which pool each
/// session subscribed to; tells that pool when the session closes.
///
/// Thread affinity: the event-loop thread.
class StompController : public QObject, public mix::SessionMessenger {
    Q_OBJECT
public:
    /// Where pool @p poolId is served now (cluster::PoolRouter::route()). Asked for every
    /// subscription and every message of a pool, so a pool this instance stopped owning
    /// is never answered for: its clients get a RedirectResponse followed by error 630
    /// (another instance owns it) or 631 (retry later), an unknown pool "Pool not found".
    using PoolRouting = std::function<cluster::PoolRoute(const QString &poolId)>;

    StompController(net::StompServer &stomp, InputValidator &validator, btc::Network network, PoolRouting routing,
                    QObject *parent = nullptr);

    void sendToSession(const QString &sessionId, const char *messageType, const QJsonObject &body) override;
    /// Sends an ErrorResponse to @p sessionId.
    void sendError(const QString &sessionId, int code, const QString &message);
    int sessionsInPool(const QString &poolId) const;

private:
    void onSubscribed(net::StompSession *session, const QByteArray &destination, const net::StompHeaders &headers);
    void onMessage(net::StompSession *session, const QByteArray &destination, const net::StompHeaders &headers,
                   const QByteArray &body);
    void onClosed(net::StompSession *session);
    PoolService *poolOfSession(const QString &sessionId) const;
    /// The pool @p poolId if it is served here now; otherwise answers @p sessionId
    /// (redirect, retry or "Pool not found") and returns nullptr.
    PoolService *localPoolOrAnswer(const QString &sessionId, const QString &poolId);

    net::StompServer &m_stomp;
    InputValidator &m_validator;
    btc::Network m_network;
    PoolRouting m_routing;
    QHash<QString, QString> m_poolBySession;
};

/// The value of header @p name in @p headers (first occurrence), or a null QByteArray.
QByteArray stompHeader(const net::StompHeaders &headers, QByteArrayView name);

} // namespace wp::server
