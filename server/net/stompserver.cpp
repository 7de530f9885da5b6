#include <net/stompserver.h>

#include <net/logging.h>

#include <QWebSocket>

namespace wp::server::net {

StompServer::StompServer(StompConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    connect(&m_sweep, &QTimer::timeout, this, &StompServer::sweep);
    m_sweep.start(qMax(1, m_config.sweepIntervalMs));
}

StompServer::~StompServer() = default;

StompSession *StompServer::attach(QWebSocket *socket, quint64 connectionId, const QHostAddress &peer)
{
    auto *session = new StompSession(socket, connectionId, peer, m_config, this);
    m_sessions.insert(session->id(), session);
    connect(session, &StompSession::connected, this, &StompServer::sessionConnected);
    connect(session, &StompSession::subscribed, this, &StompServer::subscribed);
    connect(session, &StompSession::unsubscribed, this, &StompServer::unsubscribed);
    connect(session, &StompSession::messageReceived, this, &StompServer::messageReceived);
    connect(session, &StompSession::closed, this, [this](StompSession *s) {
        m_sessions.remove(s->id());
        Q_EMIT sessionClosed(s);
    });
    return session;
}

void StompServer::sweep()
{
    const qint64 now = StompSession::nowMs();
    // A snapshot: ticks may close sessions (removing them from the hash); closed sessions
    // are only deleted later, so the pointers stay valid for this loop.
    const QList<StompSession *> sessions = m_sessions.values();
    for (StompSession *session : sessions)
        session->tick(now, m_config.sweepIntervalMs);
}

} // namespace wp::server::net
