#pragma once

#include <net/netconfig.h>
#include <util/result.h>

#include <QHostAddress>
#include <QObject>

namespace wp::server::net {

class FrontDoor;
class HttpApi;
class StompServer;

/// The coordinator's network endpoint, wired: one FrontDoor (the only listening socket),
/// HttpApi serving its plain HTTP connections, StompServer taking its /ws/connect WebSockets.
/// Register routes on http() and connect to stomp()'s signals, then listen().
///
/// Thread affinity: the thread that creates it (the event loop); not thread-safe.
class NetServer : public QObject {
    Q_OBJECT
public:
    /// Reads RLIMIT_NOFILE now: call raiseFileLimit() before constructing.
    explicit NetServer(NetConfig config = {}, QObject *parent = nullptr);
    ~NetServer() override;

    /// Listens on @p address:@p port (0 = a free port). Returns the bound port or the listen error.
    Result<quint16> listen(const QHostAddress &address, quint16 port);
    quint16 port() const;

    HttpApi &http() { return *m_http; }
    StompServer &stomp() { return *m_stomp; }
    FrontDoor &frontDoor() { return *m_door; }
    const NetConfig &config() const { return m_config; }

private:
    NetConfig m_config;
    StompServer *m_stomp;
    HttpApi *m_http;
    FrontDoor *m_door;
};

} // namespace wp::server::net
