#pragma once

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
    /// Finds the pool this instance runs under @p poolId, or nullptr.
    using PoolLookup = std::function<PoolService *(const QString &poolId)>;
    /// What to answer a subscription to a pool this instance does not run: a
    /// RedirectResponse / ErrorResponse pair (cluster, issue #4). Returns false to
    /// answer "pool not found".
    using Redirector = std::function<bool(net::StompSession *session, const QString &poolId)>;

    StompController(net::StompServer &stomp, InputValidator &validator, btc::Network network, PoolLookup pools,
                    QObject *parent = nullptr);

    void setRedirector(Redirector redirector) { m_redirector = std::move(redirector); }

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

    net::StompServer &m_stomp;
    InputValidator &m_validator;
    btc::Network m_network;
    PoolLookup m_pools;
    Redirector m_redirector;
    QHash<QString, QString> m_poolBySession;
};

/// The value of header @p name in @p headers (first occurrence), or a null QByteArray.
QByteArray stompHeader(const net::StompHeaders &headers, QByteArrayView name);

} // namespace wp::server
