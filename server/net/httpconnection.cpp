#include <net/httpconnection.h>

#include <net/logging.h>
#include <net/socketdrain.h>
#include <util/assert.h>

#include <QTcpSocket>

namespace wp::server::net {

namespace {
constexpr char kObjectName[] = "wpHttpConnection";
}

HttpConnection::HttpConnection(QTcpSocket *socket, quint64 connectionId, qint64 maxRequestBytes,
                               const HttpConfig &config, int drainMs)
    : QObject(socket), m_socket(socket), m_connectionId(connectionId), m_maxRequestBytes(maxRequestBytes),
      m_drainMs(drainMs), m_config(config)
{
    setObjectName(QLatin1String(kObjectName));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(socket, &QIODevice::readyRead, this, &HttpConnection::onReadyRead);
    armTimer();
}

HttpConnection::~HttpConnection() = default;

HttpConnection *HttpConnection::of(const QTcpSocket *socket)
{
    return socket ? socket->findChild<HttpConnection *>(QLatin1String(kObjectName), Qt::FindDirectChildrenOnly) : nullptr;
}

bool HttpConnection::isOpen() const
{
    return !m_closing && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpConnection::onReadyRead()
{
    if (m_closing)
        return;
    // Runs before QHttpServer's slot: what is available now is new data (or pipelined data
    // left after the previous request, which beginRequest() uncounted).
    if (!m_inRequest) {
        m_inRequest = true;
        armTimer();
    }
    m_requestBytes += m_socket->bytesAvailable();
    if (m_requestBytes > m_maxRequestBytes)
        rejectOversized();
}

quint64 HttpConnection::beginRequest()
{
    m_inRequest = false;
    m_requestBytes = 0;
    const quint64 ticket = m_nextTicket++;
    armTimer();
    return ticket;
}

void HttpConnection::respond(quint64 ticket, QByteArray wire, bool closeAfter)
{
    WP_ASSERT(ticket >= m_nextToWrite && ticket < m_nextTicket && m_ready.count(ticket) == 0);
    m_ready.emplace(ticket, std::make_pair(std::move(wire), closeAfter));
    flush();
}

void HttpConnection::flush()
{
    while (!m_closing) {
        const auto it = m_ready.find(m_nextToWrite);
        if (it == m_ready.end())
            break;
        const bool close = it->second.second;
        m_socket->write(it->second.first);
        m_ready.erase(it);
        ++m_nextToWrite;
        if (close) {
            m_closing = true;
            m_timer.stop();
            m_socket->disconnectFromHost(); // after the write buffer drains
        }
    }
    if (!m_closing)
        armTimer();
}

void HttpConnection::armTimer()
{
    if (m_closing)
        return;
    if (m_inRequest)
        m_timer.start(m_config.requestTimeoutMs);
    else if (m_nextToWrite == m_nextTicket)
        m_timer.start(m_config.idleTimeoutMs);
    else
        m_timer.stop(); // the application owes a response; its own deadlines apply
}

void HttpConnection::onTimeout()
{
    qCDebug(lcHttp) << "connection" << m_connectionId << (m_inRequest ? "request timeout" : "idle timeout");
    m_closing = true;
    m_socket->abort();
}

void HttpConnection::rejectOversized()
{
    qCInfo(lcHttp) << "connection" << m_connectionId << "request over" << m_maxRequestBytes << "bytes: 413";
    m_closing = true;
    m_timer.stop();
    m_ready.clear();
    // Take the socket away from QHttpServer (its slot runs after ours): answer, drain, close.
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    static const QByteArray response =
        "HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: text/plain\r\nContent-Length: 18\r\n"
        "Connection: close\r\n\r\nrequest too large\n";
    respondAndDrain(m_socket, response, m_drainMs);
}

} // namespace wp::server::net
