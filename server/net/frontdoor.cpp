#include <net/frontdoor.h>

#include <net/processsetup.h>
#include <net/httpconnection.h>
#include <net/httptypes.h>
#include <net/logging.h>
#include <net/requesthead.h>
#include <net/socketdrain.h>
#include <protocol/messages.h>

#include <QMetaMethod>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <sys/socket.h>
#include <unistd.h>

#include <climits>
#include <functional>

namespace wp::server::net {

namespace {

constexpr char kConnectionIdProperty[] = "wpConnectionId";
constexpr char kHeadTimerName[] = "wpHeadTimer";
constexpr char kHandshakeTimerName[] = "wpHandshakeTimer";
constexpr int kFdKeptForOthers = 256; // database, node RPC, files, logs
constexpr int kLogsPerSecond = 5;

QByteArray bodylessResponse(int status)
{
    QByteArray r = "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) +
                   "\r\nContent-Length: 0\r\nConnection: close\r\n";
    if (status == 503)
        r += "Retry-After: 5\r\n";
    return r + "\r\n";
}

int effectiveFdLimit(const FrontDoorConfig &config)
{
    if (config.fdLimit > 0)
        return config.fdLimit;
    const auto limit = fileLimit();
    if (!limit || limit->soft < 0 || limit->soft > INT_MAX)
        return INT_MAX;
    return int(limit->soft);
}

QTimer *startAbortTimer(QTcpSocket *socket, const char *name, int ms)
{
    auto *timer = new QTimer(socket);
    timer->setObjectName(QLatin1String(name));
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, socket, [socket] { socket->abort(); });
    timer->start(ms);
    return timer;
}

void stopTimer(QTcpSocket *socket, const char *name)
{
    delete socket->findChild<QTimer *>(QLatin1String(name), Qt::FindDirectChildrenOnly);
}

/// A child of an accepted socket that runs @p release when the socket is destroyed.
class ConnectionSlot : public QObject {
public:
    ConnectionSlot(QTcpSocket *socket, std::function<void()> release) : QObject(socket), m_release(std::move(release)) {}
    ~ConnectionSlot() override { m_release(); }

private:
    std::function<void()> m_release;
};

} // namespace

FrontDoor::FrontDoor(FrontDoorConfig config, HttpConfig http, QObject *parent)
    : QTcpServer(parent), m_config(std::move(config)), m_http(http),
      m_limiter(0, 0, {}),
      m_webSockets(new QWebSocketServer(QStringLiteral("whirlpool-coordinator"), QWebSocketServer::NonSecureMode, this))
{
    const int fdLimit = effectiveFdLimit(m_config);
    m_fdCap = fdLimit - m_config.fdReserve;
    const int cap = m_config.maxConnections > 0 ? m_config.maxConnections : qMax(1, fdLimit - kFdKeptForOthers);
    m_limiter = ConnectionLimiter(cap, m_config.maxConnectionsPerIp, m_config.perIpExempt);

    m_webSockets->setSupportedSubprotocols({QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"),
                                            QStringLiteral("v10.stomp")});
    m_webSockets->setMaxPendingConnections(INT_MAX); // drained on every newConnection
    connect(m_webSockets, &QWebSocketServer::newConnection, this, &FrontDoor::onWebSocketReady);
    setMaxPendingConnections(1000); // QHttpServer drains these synchronously
    m_logWindow.start();
}

FrontDoor::~FrontDoor() = default;

Result<quint16> FrontDoor::start(const QHostAddress &address, quint16 port)
{
    setListenBacklogSize(m_config.listenBacklog);
    if (!listen(address, port))
        return fail(QStringLiteral("cannot listen on %1:%2: %3").arg(address.toString()).arg(port).arg(errorString()));
    qCInfo(lcNet) << "listening on port" << serverPort() << "backlog" << m_config.listenBacklog << "fd cap" << m_fdCap
                  << "connection cap" << connectionCap();
    return serverPort();
}

quint64 FrontDoor::connectionIdOf(const QTcpSocket *socket)
{
    return socket ? socket->property(kConnectionIdProperty).toULongLong() : 0;
}

bool FrontDoor::logAllowed()
{
    if (m_logWindow.elapsed() >= 1000) {
        if (m_suppressedLogs > 0)
            qCInfo(lcNet) << m_suppressedLogs << "refusal messages suppressed";
        m_logWindow.restart();
        m_logsInWindow = 0;
        m_suppressedLogs = 0;
    }
    if (m_logsInWindow < kLogsPerSecond) {
        ++m_logsInWindow;
        return true;
    }
    ++m_suppressedLogs;
    return false;
}

void FrontDoor::incomingConnection(qintptr fd)
{
    if (fd >= m_fdCap) {
        // Near the fd limit: no QTcpSocket, no allocation. Linux hands out the lowest free fd,
        // so a high fd means the process is almost out of them.
        static const QByteArray busy = bodylessResponse(503);
        (void)::send(int(fd), busy.constData(), size_t(busy.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        ::close(int(fd));
        if (logAllowed())
            qCWarning(lcNet) << "fd" << fd << "at the fd cap" << m_fdCap << ": 503";
        return;
    }
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(fd)) {
        qCWarning(lcNet) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
        ::close(int(fd));
        return;
    }
    const quint64 id = m_nextConnectionId++;
    socket->setProperty(kConnectionIdProperty, id);
    watchClosing(socket);
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);

    const QHostAddress peer = socket->peerAddress();
    const auto verdict = m_limiter.tryAcquire(peer);
    if (verdict != ConnectionLimiter::Verdict::Accepted) {
        if (logAllowed())
            qCInfo(lcNet) << "connection" << id
                          << (verdict == ConnectionLimiter::Verdict::TotalCapReached ? "over the connection cap"
                                                                                     : "over the per-peer cap")
                          << ": 503";
        closeWithStatus(socket, 503);
        return;
    }
    // Counted until the socket object dies. Not through its destroyed() signal: a server-side
    // QWebSocket (Qt 6.4) disconnects *every* signal of its QTcpSocket when it is destroyed.
    new ConnectionSlot(socket, [door = QPointer<FrontDoor>(this), peer] {
        if (door)
            door->m_limiter.release(peer);
    });
    qCDebug(lcNet) << "connection" << id << "accepted," << m_limiter.total() << "open";

    startAbortTimer(socket, kHeadTimerName, m_config.headTimeoutMs);
    connect(socket, &QIODevice::readyRead, this, [this, socket] { sniff(socket); });
}

void FrontDoor::watchClosing(QTcpSocket *socket)
{
    connect(socket, &QAbstractSocket::stateChanged, this, [this, socket](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::ClosingState)
            QTimer::singleShot(m_config.lingerMs, socket, [socket] { socket->abort(); });
    });
}

void FrontDoor::sniff(QTcpSocket *socket)
{
    const QByteArray data = socket->peek(qMin<qint64>(socket->bytesAvailable(), m_config.headMaxBytes));
    const PeekedHead peeked = parseRequestHead(data, m_config.headMaxBytes);
    const quint64 id = connectionIdOf(socket);
    switch (peeked.status) {
    case HeadStatus::Incomplete:
        return;
    case HeadStatus::TooLarge:
        qCDebug(lcNet) << "connection" << id << "head too large: 431";
        closeWithStatus(socket, 431);
        return;
    case HeadStatus::Malformed:
        qCDebug(lcNet) << "connection" << id << "malformed head: 400";
        closeWithStatus(socket, 400);
        return;
    case HeadStatus::Complete:
        break;
    }
    const RequestHead &head = peeked.head;
    if (head.webSocketUpgrade) {
        if (head.path == proto::endpoint::kWsConnect) {
            handOffToWebSocket(socket);
        } else {
            qCDebug(lcNet) << "connection" << id << "upgrade to an unknown path: 404";
            closeWithStatus(socket, 404);
        }
        return;
    }
    if (head.contentLength && *head.contentLength > m_http.maxBodyBytes) {
        qCDebug(lcNet) << "connection" << id << "declared body too large: 413";
        closeWithStatus(socket, 413);
        return;
    }
    handOffToHttp(socket);
}

void FrontDoor::endHeadPhase(QTcpSocket *socket)
{
    stopTimer(socket, kHeadTimerName);
    disconnect(socket, &QIODevice::readyRead, this, nullptr);
    // QHttpServer and QWebSocketServer delete the socket on disconnect themselves.
    disconnect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
}

void FrontDoor::handOffToWebSocket(QTcpSocket *socket)
{
    endHeadPhase(socket);
    const PeerKey key{socket->peerAddress(), socket->peerPort()};
    m_handshaking.insert(key, socket);
    connect(socket, &QObject::destroyed, this, [this, key] {
        const auto it = m_handshaking.find(key);
        if (it != m_handshaking.end() && it->isNull())
            m_handshaking.erase(it);
    });
    startAbortTimer(socket, kHandshakeTimerName, m_config.handshakeTimeoutMs);
    // QWebSocketServer peeks and skips the head itself and re-emits readyRead.
    m_webSockets->handleConnection(socket);
}

void FrontDoor::onWebSocketReady()
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&FrontDoor::webSocketConnected);
    while (QWebSocket *ws = m_webSockets->nextPendingConnection()) {
        const QPointer<QTcpSocket> tcp = m_handshaking.take(PeerKey{ws->peerAddress(), ws->peerPort()});
        quint64 id = 0;
        if (tcp) {
            stopTimer(tcp, kHandshakeTimerName);
            id = connectionIdOf(tcp);
            connect(ws, &QObject::destroyed, this, [this, tcp] {
                if (tcp)
                    adoptAfterWebSocket(tcp);
            });
        }
        if (!isSignalConnected(signal)) {
            ws->close(QWebSocketProtocol::CloseCodeGoingAway);
            ws->deleteLater();
            continue;
        }
        qCDebug(lcNet) << "connection" << id << "upgraded to WebSocket, subprotocol" << ws->subprotocol();
        Q_EMIT webSocketConnected(ws, id, ws->peerAddress());
    }
}

void FrontDoor::adoptAfterWebSocket(QTcpSocket *socket)
{
    // ~QWebSocket closed the socket and disconnected all of its signals, QWebSocketServer's
    // "delete on disconnect" included: without this the QTcpSocket object would stay alive
    // (and counted) until the door is destroyed.
    if (socket->state() == QAbstractSocket::UnconnectedState) {
        socket->deleteLater();
        return;
    }
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    watchClosing(socket);
    if (socket->state() == QAbstractSocket::ClosingState)
        QTimer::singleShot(m_config.lingerMs, socket, [socket] { socket->abort(); });
}

void FrontDoor::handOffToHttp(QTcpSocket *socket)
{
    static const QMetaMethod pending = QMetaMethod::fromSignal(&QTcpServer::pendingConnectionAvailable);
    if (!isSignalConnected(pending)) {
        closeWithStatus(socket, 404); // no HTTP server bound: nothing serves plain HTTP
        return;
    }
    endHeadPhase(socket);
    // Connected before QHttpServer's slot, so it sees every byte first.
    new HttpConnection(socket, connectionIdOf(socket), qint64(m_config.headMaxBytes) + m_http.maxBodyBytes, m_http,
                       m_config.drainMs);
    addPendingConnection(socket); // emits pendingConnectionAvailable -> QHttpServer connects
    QMetaObject::invokeMethod(socket, [socket] { Q_EMIT socket->readyRead(); }, Qt::QueuedConnection);
}

void FrontDoor::closeWithStatus(QTcpSocket *socket, int status)
{
    stopTimer(socket, kHeadTimerName);
    disconnect(socket, &QIODevice::readyRead, this, nullptr);
    respondAndDrain(socket, bodylessResponse(status), m_config.drainMs);
}

} // namespace wp::server::net
