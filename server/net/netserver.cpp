#include <net/netserver.h>

#include <net/frontdoor.h>
#include <net/httpapi.h>
#include <net/stompserver.h>

namespace wp::server::net {

NetServer::NetServer(NetConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_stomp(new StompServer(m_config.stomp, this)),
      m_http(new HttpApi(m_config.http, this)), m_door(new FrontDoor(m_config.door, m_config.http, this))
{
    connect(m_door, &FrontDoor::webSocketConnected, m_stomp, &StompServer::attach);
}

NetServer::~NetServer()
{
    // Sessions first (they own QWebSockets whose TCP sockets the door owns), then the door.
    delete m_stomp;
    delete m_door;
    delete m_http;
}

Result<quint16> NetServer::listen(const QHostAddress &address, quint16 port)
{
    auto bound = m_door->start(address, port);
    if (bound)
        m_http->attach(m_door);
    return bound;
}

quint16 NetServer::port() const { return m_door->serverPort(); }

} // namespace wp::server::net
