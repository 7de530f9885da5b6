#pragma once

// Helpers shared by the server/net tests: a minimal STOMP client over a real QWebSocket
// and raw-socket HTTP helpers. Header-only, no Q_OBJECT.

#include <protocol/stompframe.h>

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QString>
#include <QStringList>
#include <QTcpSocket>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

namespace wp::test {

/// A STOMP client on a real QWebSocket that records what it receives.
class StompTestClient {
public:
    StompTestClient()
    {
        ws.setProxy(QNetworkProxy::NoProxy);
        QObject::connect(&ws, &QWebSocket::connected, &ws, [this] { opened = true; });
        QObject::connect(&ws, &QWebSocket::disconnected, &ws, [this] {
            closed = true;
            closeCode = int(ws.closeCode());
        });
        QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws,
                         [this](const QString &message) { onData(message.toUtf8()); });
        QObject::connect(&ws, &QWebSocket::binaryMessageReceived, &ws, [this](const QByteArray &data) { onData(data); });
    }
    StompTestClient(const StompTestClient &) = delete;
    StompTestClient &operator=(const StompTestClient &) = delete;

    void open(quint16 port, const QStringList &protocols = {"v12.stomp", "v11.stomp", "v10.stomp"})
    {
        QWebSocketHandshakeOptions options;
        options.setSubprotocols(protocols);
        ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/connect").arg(port)), options);
    }

    void send(const proto::StompFrame &frame) { ws.sendTextMessage(QString::fromUtf8(frame.serialize())); }

    static proto::StompFrame connectFrame(const QByteArray &heartBeat = "0,0", const QByteArray &versions = "1.2,1.1,1.0")
    {
        proto::StompFrame f(proto::stomp::kConnect);
        f.addHeader("accept-version", versions);
        f.addHeader("host", "coordinator");
        f.addHeader("heart-beat", heartBeat);
        return f;
    }

    static proto::StompFrame subscribeFrame(const QByteArray &id, const QByteArray &destination, const QByteArray &poolId = {})
    {
        proto::StompFrame f(proto::stomp::kSubscribe);
        f.addHeader("id", id);
        f.addHeader("destination", destination);
        if (!poolId.isEmpty())
            f.addHeader("poolId", poolId);
        return f;
    }

    static proto::StompFrame sendFrame(const QByteArray &destination, const QByteArray &body)
    {
        proto::StompFrame f(proto::stomp::kSend);
        f.addHeader("destination", destination);
        f.addHeader("protocolVersion", "0.23");
        f.addHeader("content-type", "application/json");
        f.setBody(body);
        return f;
    }

    int count(QByteArrayView command) const
    {
        int n = 0;
        for (const auto &f : frames)
            n += f.command() == command;
        return n;
    }

    /// The last frame with @p command (a default frame when there is none).
    proto::StompFrame last(QByteArrayView command) const
    {
        for (auto it = frames.crbegin(); it != frames.crend(); ++it)
            if (it->command() == command)
                return *it;
        return {};
    }

    QWebSocket ws;
    QList<proto::StompFrame> frames;
    int heartBeats = 0;
    bool opened = false;
    bool closed = false;
    int closeCode = -1;
    QString parseError;

private:
    void onData(const QByteArray &data)
    {
        const auto parsed = proto::StompFrame::parseAll(data);
        if (!parsed)
            parseError = parsed.error().message;
        else if (parsed->isEmpty())
            ++heartBeats;
        else
            frames += *parsed;
    }
};

/// A raw TCP client recording everything it receives, for tests below HTTP/WebSocket.
class RawClient {
public:
    RawClient()
    {
        socket.setProxy(QNetworkProxy::NoProxy);
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] { closed = true; });
    }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    void connectTo(quint16 port) { socket.connectToHost(QStringLiteral("127.0.0.1"), port); }
    bool connected() const { return socket.state() == QAbstractSocket::ConnectedState; }
    /// The status code of the first response received, or 0.
    int status() const
    {
        if (!received.startsWith("HTTP/1.1 "))
            return 0;
        return received.mid(9, 3).toInt();
    }

    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
};

} // namespace wp::test
