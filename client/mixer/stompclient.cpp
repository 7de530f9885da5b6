#include <mixer/stompclient.h>

#include <mixer/logging.h>
#include <protocol/messages.h>
#include <util/assert.h>

#include <QNetworkRequest>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace wp::client {

namespace {

/// The STOMP spec's rule: a side sends every max(own offer, peer's wish) ms,
/// and nothing when either is 0.
int negotiate(int mine, int theirs) { return mine == 0 || theirs == 0 ? 0 : qMax(mine, theirs); }

/// Parses "cx,cy". Returns: false for anything else.
bool parseHeartbeat(const QByteArray &value, int &first, int &second)
{
    const QList<QByteArray> parts = value.split(',');
    if (parts.size() != 2)
        return false;
    bool ok1 = false;
    bool ok2 = false;
    const qlonglong a = parts[0].trimmed().toLongLong(&ok1);
    const qlonglong b = parts[1].trimmed().toLongLong(&ok2);
    if (!ok1 || !ok2 || a < 0 || b < 0 || a > 3'600'000 || b > 3'600'000)
        return false;
    first = int(a);
    second = int(b);
    return true;
}

} // namespace

StompClient::StompClient(QObject *parent) : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    m_silenceTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { fail(QStringLiteral("connect timeout after %1 ms").arg(m_connectTimeoutMs)); });
    connect(&m_silenceTimer, &QTimer::timeout, this, [this] {
        fail(QStringLiteral("server silent for %1 ms (heart-beat lost)").arg(m_silenceTimer.interval()));
    });
    connect(&m_sendHeartbeat, &QTimer::timeout, this, [this] {
        if (m_socket && m_state == State::Connected)
            m_socket->sendTextMessage(QStringLiteral("\n"));
    });
}

StompClient::~StompClient()
{
    closeSocket();
}

QStringList StompClient::offeredSubprotocols()
{
    return {QStringLiteral("v12.stomp"), QStringLiteral("v11.stomp"), QStringLiteral("v10.stomp")};
}

void StompClient::setHeartbeat(int outgoingMs, int incomingMs)
{
    WP_ASSERT(outgoingMs >= 0 && incomingMs >= 0);
    m_offerOutgoingMs = outgoingMs;
    m_offerIncomingMs = incomingMs;
}

void StompClient::connectToServer(const QUrl &url)
{
    WP_ASSERT(m_state == State::Disconnected);
    m_state = State::Connecting;
    m_host = url.host();
    m_subprotocol.clear();
    m_outgoingMs = 0;
    m_incomingMs = 0;

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setProxy(m_identity.toQNetworkProxy());
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_maxIncoming));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_maxIncoming));
    QWebSocket *socket = m_socket;
    connect(socket, &QWebSocket::connected, this, [this, socket] {
        if (socket == m_socket)
            onSocketConnected();
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &message) {
        if (socket == m_socket)
            onData(message.toUtf8());
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this, socket](const QByteArray &message) {
        if (socket == m_socket)
            onData(message);
    });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this, socket] {
        if (socket == m_socket)
            fail(QStringLiteral("connection error: %1").arg(socket->errorString()));
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        if (socket != m_socket)
            return;
        const QString why = socket->closeReason().isEmpty() ? QString() : QStringLiteral(": ") + socket->closeReason();
        fail(QStringLiteral("connection closed by server (code %1)%2").arg(int(socket->closeCode())).arg(why));
    });

    m_connectTimer.start(m_connectTimeoutMs);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols(offeredSubprotocols());
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("whirlpool-client/%1").arg(QLatin1String(proto::kProtocolVersion)));
    qCDebug(lcStomp) << "connecting" << url.host();
    m_socket->open(request, options);
}

void StompClient::onSocketConnected()
{
    m_subprotocol = m_socket->subprotocol();
    if (!m_subprotocol.isEmpty() && !offeredSubprotocols().contains(m_subprotocol)) {
        fail(QStringLiteral("server chose an unknown subprotocol"));
        return;
    }
    proto::StompFrame connect(proto::stomp::kConnect);
    connect.addHeader("accept-version", "1.2");
    connect.addHeader("heart-beat", QByteArray::number(m_offerOutgoingMs) + ',' + QByteArray::number(m_offerIncomingMs));
    connect.addHeader("host", m_host.toUtf8());
    sendFrame(connect);
    // Silence during the STOMP handshake is covered by the connect timer.
}

void StompClient::onData(const QByteArray &data)
{
    if (m_state == State::Disconnected)
        return;
    if (m_incomingMs > 0)
        m_silenceTimer.start(); // any byte, frame or heart-beat, proves the server alive
    auto frames = proto::StompFrame::parseAll(data);
    if (!frames) {
        fail(QStringLiteral("malformed STOMP frame from server: %1").arg(frames.error().message));
        return;
    }
    for (const proto::StompFrame &frame : *frames) {
        if (m_state == State::Disconnected)
            return; // a previous frame of this message ended the connection
        onFrame(frame);
    }
}

void StompClient::onFrame(const proto::StompFrame &frame)
{
    const QByteArray &command = frame.command();
    if (command == proto::stomp::kError) {
        const QString message = QString::fromUtf8(frame.header("message"));
        qCInfo(lcStomp) << "server sent ERROR:" << message;
        Q_EMIT errorReceived(message, frame.body());
        fail(QStringLiteral("server sent ERROR: %1").arg(message));
        return;
    }
    if (m_state == State::Connecting) {
        if (command != proto::stomp::kConnected) {
            fail(QStringLiteral("expected CONNECTED, got %1").arg(QString::fromLatin1(command)));
            return;
        }
        const QByteArray version = frame.header("version");
        if (!version.isNull() && version != "1.2" && version != "1.1" && version != "1.0") {
            fail(QStringLiteral("server speaks an unsupported STOMP version"));
            return;
        }
        int serverOut = 0;
        int serverIn = 0;
        const QByteArray heartbeat = frame.header("heart-beat");
        if (!heartbeat.isNull() && !parseHeartbeat(heartbeat, serverOut, serverIn)) {
            fail(QStringLiteral("malformed heart-beat header in CONNECTED"));
            return;
        }
        m_outgoingMs = negotiate(m_offerOutgoingMs, serverIn);
        m_incomingMs = negotiate(m_offerIncomingMs, serverOut);
        m_connectTimer.stop();
        if (m_outgoingMs > 0)
            m_sendHeartbeat.start(m_outgoingMs);
        if (m_incomingMs > 0)
            m_silenceTimer.start(2 * m_incomingMs);
        m_state = State::Connected;
        qCDebug(lcStomp) << "connected, subprotocol" << m_subprotocol << "heart-beat" << m_outgoingMs << m_incomingMs;
        Q_EMIT connected();
        return;
    }
    if (command == proto::stomp::kMessage) {
        Q_EMIT messageReceived(QString::fromUtf8(frame.header(proto::header::kMessageType)), frame);
        return;
    }
    if (command == proto::stomp::kReceipt)
        return;
    fail(QStringLiteral("unexpected %1 frame from server").arg(QString::fromLatin1(command)));
}

QByteArray StompClient::subscribe(const QByteArray &destination, const StompHeaders &headers)
{
    if (m_state != State::Connected)
        return {};
    const QByteArray id = "sub-" + QByteArray::number(m_nextSubscription++);
    proto::StompFrame frame(proto::stomp::kSubscribe);
    frame.addHeader("destination", destination);
    frame.addHeader("id", id);
    bool hasVersion = false;
    for (const auto &[name, value] : headers) {
        hasVersion = hasVersion || name == proto::header::kProtocolVersion;
        frame.addHeader(name, value);
    }
    if (!hasVersion)
        frame.addHeader(proto::header::kProtocolVersion, proto::kProtocolVersion);
    sendFrame(frame);
    return id;
}

bool StompClient::send(const QByteArray &destination, const QByteArray &body, const StompHeaders &headers)
{
    if (m_state != State::Connected)
        return false;
    proto::StompFrame frame(proto::stomp::kSend);
    frame.addHeader("destination", destination);
    frame.addHeader("content-type", "application/json");
    bool hasVersion = false;
    for (const auto &[name, value] : headers) {
        hasVersion = hasVersion || name == proto::header::kProtocolVersion;
        frame.addHeader(name, value);
    }
    if (!hasVersion)
        frame.addHeader(proto::header::kProtocolVersion, proto::kProtocolVersion);
    frame.setBody(body);
    sendFrame(frame);
    return true;
}

void StompClient::sendFrame(const proto::StompFrame &frame)
{
    if (!m_socket)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(frame.serialize()));
    if (m_outgoingMs > 0)
        m_sendHeartbeat.start(); // a frame counts as a heart-beat
}

void StompClient::disconnectFromServer()
{
    if (m_state == State::Disconnected)
        return;
    if (m_state == State::Connected && m_socket)
        sendFrame(proto::StompFrame(proto::stomp::kDisconnect));
    fail(QStringLiteral("closed by client"));
}

void StompClient::fail(const QString &reason)
{
    if (m_state == State::Disconnected)
        return;
    m_state = State::Disconnected;
    closeSocket();
    qCDebug(lcStomp) << "disconnected:" << reason;
    Q_EMIT disconnected(reason);
}

void StompClient::closeSocket()
{
    m_connectTimer.stop();
    m_sendHeartbeat.stop();
    m_silenceTimer.stop();
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->close();
    socket->deleteLater(); // may be inside one of its own signals
}

} // namespace wp::client
