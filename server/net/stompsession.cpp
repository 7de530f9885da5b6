#include <net/stompsession.h>

#include <net/logging.h>
#include <crypto/random.h>
#include <protocol/stompframe.h>
#include <util/hex.h>

#include <QStringDecoder>
#include <QWebSocket>

#include <algorithm>
#include <chrono>

namespace wp::server::net {

using proto::StompFrame;
namespace cmd = proto::stomp;

namespace {

constexpr int kMaxIncomingHeartBeatFactor = 4; ///< a client may not ask for more than 4x our sy
const QByteArrayList kSupportedVersions{"1.2", "1.1", "1.0"}; // preference order

/// Parses a "cx,cy" heart-beat header.
bool parseHeartBeat(const QByteArray &value, int *first, int *second)
{
    const QByteArrayList parts = value.split(',');
    if (parts.size() != 2)
        return false;
    bool ok1 = false;
    bool ok2 = false;
    const int a = parts[0].trimmed().toInt(&ok1);
    const int b = parts[1].trimmed().toInt(&ok2);
    if (!ok1 || !ok2 || a < 0 || b < 0)
        return false;
    *first = a;
    *second = b;
    return true;
}

} // namespace

StompSession::StompSession(QWebSocket *socket, quint64 connectionId, const QHostAddress &peer,
                           const StompConfig &config, QObject *parent)
    : QObject(parent), m_socket(socket), m_id(util::toHex(crypto::randomBytes(16))), m_connectionId(connectionId),
      m_peer(peer), m_config(config), m_createdMs(nowMs()), m_lastReceivedMs(m_createdMs),
      m_lastSentMs(m_createdMs), m_rate(config.rateLimitPerSecond, config.rateLimitBurst)
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_config.maxMessageBytes));
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_config.maxMessageBytes));
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) { onMessage(message.toUtf8()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &StompSession::onMessage);
    connect(m_socket, &QWebSocket::pong, this, [this] { m_lastReceivedMs = nowMs(); });
    connect(m_socket, &QWebSocket::disconnected, this, &StompSession::onDisconnected);
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        QMetaObject::invokeMethod(this, &StompSession::onDisconnected, Qt::QueuedConnection);
    qCDebug(lcStomp) << "connection" << m_connectionId << "session" << m_id << "opened";
}

StompSession::~StompSession() = default;

qint64 StompSession::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

bool StompSession::isSubscribed(QByteArrayView destination) const
{
    return std::any_of(m_subscriptions.cbegin(), m_subscriptions.cend(),
                       [&](const Subscription &s) { return s.destination == destination; });
}

void StompSession::onMessage(const QByteArray &data)
{
    if (m_state == State::Closed)
        return;
    const qint64 now = nowMs();
    m_lastReceivedMs = now;
    if (!m_rate.tryTake(now)) {
        fail("rate limit exceeded", {}, QWebSocketProtocol::CloseCodePolicyViolated);
        return;
    }
    const auto frames = StompFrame::parseAll(data);
    if (!frames) {
        fail("malformed frame", frames.error().message.toUtf8(), QWebSocketProtocol::CloseCodeProtocolError);
        return;
    }
    if (frames->size() > 1 && !m_rate.tryTake(now, int(frames->size()) - 1)) {
        fail("rate limit exceeded", {}, QWebSocketProtocol::CloseCodePolicyViolated);
        return;
    }
    for (const StompFrame &frame : *frames) {
        handleFrame(frame);
        if (m_state == State::Closed)
            return;
    }
}

void StompSession::handleFrame(const StompFrame &frame)
{
    const QByteArray &command = frame.command();
    if (m_state == State::AwaitingConnect) {
        if (command == cmd::kConnect || command == cmd::kStomp)
            onConnect(frame);
        else
            fail("expected CONNECT", "The first frame must be CONNECT or STOMP.", QWebSocketProtocol::CloseCodeProtocolError,
                 &frame);
        return;
    }
    if (command == cmd::kSend) {
        onSend(frame);
    } else if (command == cmd::kSubscribe) {
        onSubscribe(frame);
    } else if (command == cmd::kUnsubscribe) {
        onUnsubscribe(frame);
    } else if (command == cmd::kDisconnect) {
        sendReceipt(frame);
        end(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("disconnect"));
    } else if (command == "ACK" || command == "NACK") {
        // auto acknowledgement: nothing to do
    } else if (command == cmd::kConnect || command == cmd::kStomp) {
        fail("already connected", {}, QWebSocketProtocol::CloseCodeProtocolError, &frame);
    } else {
        fail("unsupported frame", command, QWebSocketProtocol::CloseCodeProtocolError, &frame);
    }
}

void StompSession::onConnect(const StompFrame &frame)
{
    const QByteArray accept = frame.header("accept-version");
    QByteArrayList offered;
    for (const QByteArray &v : (accept.isNull() ? QByteArray("1.0") : accept).split(','))
        offered.append(v.trimmed());
    QByteArray version;
    for (const QByteArray &v : kSupportedVersions) {
        if (offered.contains(v)) {
            version = v;
            break;
        }
    }
    if (version.isEmpty()) {
        StompFrame error(cmd::kError);
        error.addHeader("version", "1.2,1.1,1.0");
        error.addHeader("message", "unsupported STOMP version");
        error.addHeader("content-type", "text/plain");
        error.setBody("Supported protocol versions are 1.2, 1.1 and 1.0.");
        writeFrame(error);
        end(QWebSocketProtocol::CloseCodeProtocolError, QStringLiteral("unsupported STOMP version"));
        return;
    }
    int clientSends = 0;
    int clientWants = 0;
    const QByteArray heartBeat = frame.header("heart-beat");
    if (!heartBeat.isNull() && !parseHeartBeat(heartBeat, &clientSends, &clientWants)) {
        fail("malformed heart-beat header", heartBeat, QWebSocketProtocol::CloseCodeProtocolError, &frame);
        return;
    }
    const int sx = std::max(0, m_config.heartBeatSendMs);
    const int sy = std::max(0, m_config.heartBeatExpectMs);
    m_outgoingMs = (sx > 0 && clientWants > 0) ? std::max(sx, clientWants) : 0;
    m_incomingMs = (sy > 0 && clientSends > 0) ? std::max(sy, int(std::min<qint64>(clientSends, qint64(kMaxIncomingHeartBeatFactor) * sy))) : 0;
    m_pingMs = m_incomingMs == 0 ? sy : 0;
    m_version = version;
    m_state = State::Connected;

    StompFrame reply(cmd::kConnected);
    reply.addHeader("version", version);
    reply.addHeader("heart-beat", QByteArray::number(sx) + ',' + QByteArray::number(sy));
    reply.addHeader("server", m_config.serverName);
    reply.addHeader("session", m_id.toLatin1());
    reply.addHeader("user-name", m_id.toLatin1());
    writeFrame(reply);
    m_lastPingMs = nowMs();
    qCDebug(lcStomp) << "connection" << m_connectionId << "session" << m_id << "STOMP" << version << "heart-beats out"
                     << m_outgoingMs << "in" << m_incomingMs;
    Q_EMIT connected(this);
}

void StompSession::onSubscribe(const StompFrame &frame)
{
    const QByteArray id = frame.header("id");
    const QByteArray destination = frame.header("destination");
    if (id.isEmpty() || destination.isEmpty()) {
        fail("SUBSCRIBE needs id and destination", {}, QWebSocketProtocol::CloseCodeProtocolError, &frame);
        return;
    }
    if (std::any_of(m_subscriptions.cbegin(), m_subscriptions.cend(), [&](const Subscription &s) { return s.id == id; })) {
        fail("duplicate subscription id", id, QWebSocketProtocol::CloseCodeProtocolError, &frame);
        return;
    }
    if (m_subscriptions.size() >= m_config.maxSubscriptions) {
        fail("too many subscriptions", {}, QWebSocketProtocol::CloseCodePolicyViolated, &frame);
        return;
    }
    m_subscriptions.append(Subscription{id, destination, frame.headers()});
    Q_EMIT subscribed(this, destination, frame.headers());
    if (m_state != State::Closed)
        sendReceipt(frame);
}

void StompSession::onUnsubscribe(const StompFrame &frame)
{
    const QByteArray id = frame.header("id");
    if (id.isEmpty()) {
        fail("UNSUBSCRIBE needs id", {}, QWebSocketProtocol::CloseCodeProtocolError, &frame);
        return;
    }
    const auto it = std::find_if(m_subscriptions.begin(), m_subscriptions.end(),
                                 [&](const Subscription &s) { return s.id == id; });
    if (it != m_subscriptions.end()) {
        const QByteArray destination = it->destination;
        m_subscriptions.erase(it);
        Q_EMIT unsubscribed(this, destination);
        if (m_state == State::Closed)
            return;
    }
    sendReceipt(frame);
}

void StompSession::onSend(const StompFrame &frame)
{
    const QByteArray destination = frame.header("destination");
    if (destination.isEmpty()) {
        fail("SEND needs a destination", {}, QWebSocketProtocol::CloseCodeProtocolError, &frame);
        return;
    }
    Q_EMIT messageReceived(this, destination, frame.headers(), frame.body());
    if (m_state != State::Closed)
        sendReceipt(frame);
}

void StompSession::sendReceipt(const StompFrame &frame)
{
    const QByteArray receipt = frame.header("receipt");
    if (receipt.isNull())
        return;
    StompFrame frameOut(cmd::kReceipt);
    frameOut.addHeader("receipt-id", receipt);
    writeFrame(frameOut);
}

int StompSession::sendMessage(const QByteArray &destination, const StompHeaders &headers, const QByteArray &body)
{
    if (m_state != State::Connected)
        return 0;
    int sent = 0;
    for (const Subscription &subscription : std::as_const(m_subscriptions)) {
        if (subscription.destination != destination)
            continue;
        StompFrame message(cmd::kMessage);
        message.addHeader("destination", destination);
        message.addHeader("subscription", subscription.id);
        message.addHeader("message-id", m_id.toLatin1() + '-' + QByteArray::number(++m_messageCounter));
        for (const auto &[name, value] : headers) {
            if (name == "destination" || name == "subscription" || name == "message-id" || name == "content-length")
                continue;
            message.addHeader(name, value);
        }
        message.setBody(body);
        writeFrame(message);
        ++sent;
    }
    return sent;
}

void StompSession::writeFrame(const StompFrame &frame)
{
    const QByteArray wire = frame.serialize();
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(wire);
    if (decoder.hasError())
        m_socket->sendBinaryMessage(wire);
    else
        m_socket->sendTextMessage(text);
    m_lastSentMs = nowMs();
}

void StompSession::closeWithError(const QByteArray &message, const QByteArray &details)
{
    fail(message, details, QWebSocketProtocol::CloseCodeProtocolError);
}

void StompSession::close()
{
    end(QWebSocketProtocol::CloseCodeNormal, QString());
}

void StompSession::fail(const QByteArray &message, const QByteArray &details, QWebSocketProtocol::CloseCode code,
                        const StompFrame *cause)
{
    if (m_state == State::Closed)
        return;
    qCInfo(lcStomp) << "connection" << m_connectionId << "session" << m_id << "error:" << message;
    StompFrame error(cmd::kError);
    error.addHeader("message", message);
    if (cause && cause->hasHeader("receipt"))
        error.addHeader("receipt-id", cause->header("receipt"));
    if (!details.isEmpty()) {
        error.addHeader("content-type", "text/plain");
        error.setBody(details);
    }
    writeFrame(error);
    end(code, QString::fromUtf8(message));
}

void StompSession::end(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_socket->close(code, reason); // queued after what was written: an ERROR frame arrives first
    qCDebug(lcStomp) << "connection" << m_connectionId << "session" << m_id << "closed by us:" << int(code) << reason;
    Q_EMIT closed(this);
    deleteLater();
}

void StompSession::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    qCDebug(lcStomp) << "connection" << m_connectionId << "session" << m_id << "disconnected:" << int(m_socket->closeCode())
                     << m_socket->closeReason();
    Q_EMIT closed(this);
    deleteLater();
}

void StompSession::tick(qint64 now, int sweepIntervalMs)
{
    switch (m_state) {
    case State::Closed:
        return;
    case State::AwaitingConnect:
        if (now - m_createdMs >= m_config.connectTimeoutMs)
            fail("CONNECT timeout", {}, QWebSocketProtocol::CloseCodePolicyViolated);
        return;
    case State::Connected:
        break;
    }
    const int liveness = m_incomingMs > 0 ? m_incomingMs : m_pingMs;
    if (liveness > 0 && now - m_lastReceivedMs > 2 * qint64(liveness)) {
        qCInfo(lcStomp) << "connection" << m_connectionId << "session" << m_id << "heart-beat timeout";
        end(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("heart-beat timeout"));
        return;
    }
    // Send a little early rather than late: the sweep only runs every sweepIntervalMs.
    if (m_outgoingMs > 0 && now - m_lastSentMs + sweepIntervalMs >= m_outgoingMs) {
        m_socket->sendTextMessage(QStringLiteral("\n"));
        m_lastSentMs = now;
    }
    if (m_incomingMs == 0 && m_pingMs > 0 && now - m_lastPingMs >= m_pingMs) {
        m_socket->ping();
        m_lastPingMs = now;
    }
}

} // namespace wp::server::net
