#pragma once

#include <net/netconfig.h>
#include <net/stompsession.h>

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QWebSocket>


namespace wp::server::net {

/// All STOMP sessions of the coordinator: starts one StompSession per upgraded WebSocket,
/// finds sessions by id (the classic "username"), re-emits every session's signals, and
/// runs one periodic sweep for heart-beats and timeouts (one timer for all sessions rather
/// than timers per session: restarting a timer per message costs O(timers) in Qt 6.4's
/// timer list; the sweep costs O(sessions) per sweepIntervalMs, about 0.2 ms at 20k).
///
/// Thread affinity: the thread that creates it (the event loop), like its sessions;
/// not thread-safe.
class StompServer : public QObject {
    Q_OBJECT
public:
    explicit StompServer(StompConfig config = {}, QObject *parent = nullptr);
    ~StompServer() override;

    /// Starts a session on @p socket (ownership passes to the session). Connect this to
    /// FrontDoor::webSocketConnected. Returns the session (already closing if the socket is
    /// no longer connected).
    StompSession *attach(QWebSocket *socket, quint64 connectionId, const QHostAddress &peer);

    /// The open session with this id, or nullptr.
    StompSession *session(const QString &id) const { return m_sessions.value(id); }
    /// Open sessions (awaiting CONNECT or connected).
    int sessionCount() const { return int(m_sessions.size()); }
    QList<StompSession *> sessions() const { return m_sessions.values(); }
    const StompConfig &config() const { return m_config; }

Q_SIGNALS:
    void sessionConnected(wp::server::net::StompSession *session);
    void subscribed(wp::server::net::StompSession *session, const QByteArray &destination,
                    const wp::server::net::StompHeaders &headers);
    void unsubscribed(wp::server::net::StompSession *session, const QByteArray &destination);
    void messageReceived(wp::server::net::StompSession *session, const QByteArray &destination,
                         const wp::server::net::StompHeaders &headers, const QByteArray &body);
    /// The session ends; it is deleted later. Emitted exactly once per session.
    void sessionClosed(wp::server::net::StompSession *session);

private:
    void sweep();

    StompConfig m_config;
    QHash<QString, StompSession *> m_sessions;
    QTimer m_sweep;
};

} // namespace wp::server::net
