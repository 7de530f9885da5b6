// StompClient against an in-process QWebSocketServer that speaks raw STOMP frames.
#include <mixer/stompclient.h>

#include "socks5relay.h"

#include <protocol/messages.h>
#include <protocol/stompframe.h>

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace wp;
using namespace wp::client;

namespace {

/// A scripted STOMP server: records what it receives, answers CONNECT with
/// @p connectedFrame (empty: no answer), and lets the test push raw messages.
struct FakeStompServer {
    explicit FakeStompServer(const QStringList &subprotocols = StompClient::offeredSubprotocols())
        : server(QStringLiteral("fake"), QWebSocketServer::NonSecureMode)
    {
        server.setSupportedSubprotocols(subprotocols);
        QObject::connect(&server, &QWebSocketServer::newConnection, &server, [this] {
            while (QWebSocket *s = server.nextPendingConnection()) {
                socket = s;
                offered = QString::fromLatin1(s->request().rawHeader("Sec-WebSocket-Protocol"));
                QObject::connect(s, &QWebSocket::textMessageReceived, s, [this](const QString &m) { onText(m.toUtf8()); });
            }
        });
    }
    bool listen() { return server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/connect").arg(server.serverPort())); }

    void onText(const QByteArray &m)
    {
        if (m == "\n" || m == "\r\n") {
            ++heartbeats;
            return;
        }
        auto parsed = proto::StompFrame::parseAll(m);
        QVERIFY2(parsed.has_value(), "client sent a malformed frame");
        for (const proto::StompFrame &f : *parsed) {
            frames.append(f);
            if (f.command() == proto::stomp::kConnect && !connectedFrame.isEmpty())
                socket->sendTextMessage(QString::fromUtf8(connectedFrame));
        }
    }
    void sendRaw(const QByteArray &m) { socket->sendTextMessage(QString::fromUtf8(m)); }

    QWebSocketServer server;
    QPointer<QWebSocket> socket;
    QString offered;
    QByteArray connectedFrame = QByteArray("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0", 39);
    QList<proto::StompFrame> frames;
    int heartbeats = 0;
};

QByteArray frame(const char *text) { return QByteArray(text) + '\0'; }

} // namespace

class TestStompClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void connectHandshake()
    {
        FakeStompServer server;
        QVERIFY(server.listen());
        StompClient client;
        QSignalSpy connected(&client, &StompClient::connected);
        client.connectToServer(server.url());
        QCOMPARE(client.state(), StompClient::State::Connecting);
        QTRY_COMPARE(connected.size(), 1);
        QCOMPARE(client.state(), StompClient::State::Connected);
        QCOMPARE(server.offered, QStringLiteral("v12.stomp, v11.stomp, v10.stomp"));
        QCOMPARE(client.subprotocol(), QStringLiteral("v12.stomp"));
        QCOMPARE(server.frames.size(), 1);
        const proto::StompFrame &connect = server.frames.first();
        QCOMPARE(connect.command(), QByteArray("CONNECT"));
        QCOMPARE(connect.header("accept-version"), QByteArray("1.2"));
        QCOMPARE(connect.header("heart-beat"), QByteArray("20000,20000"));
        QCOMPARE(connect.header("host"), QByteArray("127.0.0.1"));
        // the server offered no heart-beat: none either way
        QCOMPARE(client.outgoingHeartbeatMs(), 0);
        QCOMPARE(client.incomingHeartbeatMs(), 0);
    }

    void subprotocolNegotiation_data()
    {
        QTest::addColumn<QStringList>("serverSupports");
        QTest::addColumn<QString>("expected");
        QTest::newRow("all") << StompClient::offeredSubprotocols() << QStringLiteral("v12.stomp");
        QTest::newRow("v11-only") << QStringList{QStringLiteral("v11.stomp")} << QStringLiteral("v11.stomp");
        QTest::newRow("v10-only") << QStringList{QStringLiteral("v10.stomp")} << QStringLiteral("v10.stomp");
        QTest::newRow("none") << QStringList{} << QString();
        QTest::newRow("foreign") << QStringList{QStringLiteral("mqtt")} << QString();
    }
    void subprotocolNegotiation()
    {
        QFETCH(QStringList, serverSupports);
        QFETCH(QString, expected);
        FakeStompServer server(serverSupports);
        QVERIFY(server.listen());
        StompClient client;
        QSignalSpy connected(&client, &StompClient::connected);
        client.connectToServer(server.url());
        QTRY_COMPARE(connected.size(), 1);
        QCOMPARE(client.subprotocol(), expected);
    }

    void subscribeSendAndReceive()
    {
        FakeStompServer server;
        QVERIFY(server.listen());
        StompClient client;
        QSignalSpy connected(&client, &StompClient::connected);
        QSignalSpy messages(&client, &StompClient::messageReceived);
        QCOMPARE(client.subscribe("/private/reply"), QByteArray()); // not connected: nothing sent
        QVERIFY(!client.send("/ws/registerInput", "{}"));
        client.connectToServer(server.url());
        QTRY_COMPARE(connected.size(), 1);

        const QByteArray id = client.subscribe("/private/reply", {{"poolId", "0.01btc"}});
        QVERIFY(!id.isEmpty());
        QVERIFY(client.send("/ws/registerInput", R"({"poolId":"0.01btc"})"));
        QTRY_COMPARE(server.frames.size(), 3);
        const proto::StompFrame &sub = server.frames[1];
        QCOMPARE(sub.command(), QByteArray("SUBSCRIBE"));
        QCOMPARE(sub.header("destination"), QByteArray("/private/reply"));
        QCOMPARE(sub.header("id"), id);
        QCOMPARE(sub.header("poolId"), QByteArray("0.01btc"));
        QCOMPARE(sub.header("protocolVersion"), QByteArray("0.23"));
        const proto::StompFrame &send = server.frames[2];
        QCOMPARE(send.command(), QByteArray("SEND"));
        QCOMPARE(send.header("destination"), QByteArray("/ws/registerInput"));
        QCOMPARE(send.header("protocolVersion"), QByteArray("0.23"));
        QCOMPARE(send.header("content-type"), QByteArray("application/json"));
        QCOMPARE(send.body(), QByteArray(R"({"poolId":"0.01btc"})"));

        // a second subscription gets a distinct id
        QVERIFY(client.subscribe("/private/other") != id);

        // MESSAGE delivered with its messageType; two frames in one WebSocket message
        const QByteArray type = proto::type::kSubscribePoolResponse;
        server.sendRaw(frame("MESSAGE\ndestination:/private/reply\nmessageType:" + type +
                             "\nprotocolVersion:0.23\n\n{\"denomination\":1}") +
                       "\n" + frame("MESSAGE\nmessageType:x.Y\n\nsecond"));
        QTRY_COMPARE(messages.size(), 2);
        QCOMPARE(messages[0][0].toString(), QString::fromLatin1(type));
        const auto first = messages[0][1].value<proto::StompFrame>();
        QCOMPARE(first.body(), QByteArray("{\"denomination\":1}"));
        QCOMPARE(first.header("protocolVersion"), QByteArray("0.23"));
        QCOMPARE(messages[1][0].toString(), QStringLiteral("x.Y"));
        QCOMPARE(client.state(), StompClient::State::Connected);
    }

    void heartbeatsBothWays()
    {
        FakeStompServer server;
        server.connectedFrame = frame("CONNECTED\nversion:1.2\nheart-beat:100,50\n\n");
        QVERIFY(server.listen());
        StompClient client;
        client.setHeartbeat(50, 100);
        QSignalSpy connected(&client, &StompClient::connected);
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(server.url());
        QTRY_COMPARE(connected.size(), 1);
        QCOMPARE(client.outgoingHeartbeatMs(), 50);  // max(50, server wants 50)
        QCOMPARE(client.incomingHeartbeatMs(), 100); // max(100, server sends 100)
        // the server keeps beating every 40 ms: the client stays connected and beats too
        QTimer beat;
        QObject::connect(&beat, &QTimer::timeout, &beat, [&] { server.sendRaw("\n"); });
        beat.start(40);
        QTRY_VERIFY(server.heartbeats >= 5);
        QCOMPARE(disconnected.size(), 0);
        QCOMPARE(client.state(), StompClient::State::Connected);
    }

    void silentServerIsDropped()
    {
        FakeStompServer server;
        server.connectedFrame = frame("CONNECTED\nversion:1.2\nheart-beat:100,0\n\n");
        QVERIFY(server.listen());
        StompClient client;
        client.setHeartbeat(0, 100);
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(server.url());
        QTRY_COMPARE(disconnected.size(), 1);
        QVERIFY2(disconnected[0][0].toString().contains(QLatin1String("heart-beat")),
                 qPrintable(disconnected[0][0].toString()));
        QCOMPARE(client.state(), StompClient::State::Disconnected);
        QCOMPARE(server.heartbeats, 0); // outgoing disabled
    }

    void errorFrame()
    {
        FakeStompServer server;
        QVERIFY(server.listen());
        StompClient client;
        QSignalSpy connected(&client, &StompClient::connected);
        QSignalSpy errors(&client, &StompClient::errorReceived);
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(server.url());
        QTRY_COMPARE(connected.size(), 1);
        server.sendRaw(frame("ERROR\nmessage:Session closed\ncontent-type:text/plain\n\ndetails"));
        QTRY_COMPARE(disconnected.size(), 1);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors[0][0].toString(), QStringLiteral("Session closed"));
        QCOMPARE(errors[0][1].toByteArray(), QByteArray("details"));
        QVERIFY(disconnected[0][0].toString().contains(QLatin1String("Session closed")));
        QCOMPARE(client.state(), StompClient::State::Disconnected);
    }

    void errorInsteadOfConnected()
    {
        FakeStompServer server;
        server.connectedFrame = frame("ERROR\nmessage:unsupported version\n\n");
        QVERIFY(server.listen());
        StompClient client;
        QSignalSpy errors(&client, &StompClient::errorReceived);
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(server.url());
        QTRY_COMPARE(disconnected.size(), 1);
        QCOMPARE(errors.size(), 1);
    }

    void malformedServerFrames_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("beforeConnected");
        QTest::newRow("unknown-command") << frame("HELLO\n\n") << false;
        QTest::newRow("header-without-colon") << frame("MESSAGE\nno-colon\n\n") << false;
        QTest::newRow("bad-escape") << frame("MESSAGE\nmessageType:a\\tb\n\n") << false;
        QTest::newRow("content-length-too-long") << frame("MESSAGE\ncontent-length:99\n\nab") << false;
        QTest::newRow("content-length-garbage") << frame("MESSAGE\ncontent-length:-1\n\nab") << false;
        QTest::newRow("missing-nul") << QByteArray("MESSAGE\nmessageType:x\n\n{}") << false;
        QTest::newRow("trailing-garbage") << frame("MESSAGE\n\n{}") + "xyz" << false;
        QTest::newRow("binary-noise") << QByteArray("\xff\xfe\x00\x01\x80garbage", 12) << false;
        QTest::newRow("too-many-headers") << frame(QByteArray("MESSAGE\n").append(QByteArray("h:v\n").repeated(100)).append("\n").constData()) << false;
        QTest::newRow("huge-header-line") << frame(("MESSAGE\nh:" + QByteArray(10000, 'a') + "\n\n").constData()) << false;
        QTest::newRow("connected-twice") << frame("CONNECTED\nversion:1.2\n\n") << false;
        QTest::newRow("message-before-connected") << frame("MESSAGE\nmessageType:x\n\n{}") << true;
        QTest::newRow("bad-heartbeat") << frame("CONNECTED\nversion:1.2\nheart-beat:abc\n\n") << true;
        QTest::newRow("negative-heartbeat") << frame("CONNECTED\nversion:1.2\nheart-beat:-5,10\n\n") << true;
        QTest::newRow("unknown-version") << frame("CONNECTED\nversion:9.9\n\n") << true;
    }
    void malformedServerFrames()
    {
        QFETCH(QByteArray, message);
        QFETCH(bool, beforeConnected);
        FakeStompServer server;
        if (beforeConnected)
            server.connectedFrame = message;
        QVERIFY(server.listen());
        StompClient client;
        QSignalSpy connected(&client, &StompClient::connected);
        QSignalSpy messages(&client, &StompClient::messageReceived);
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(server.url());
        if (!beforeConnected) {
            QTRY_COMPARE(connected.size(), 1);
            // binary and text messages are both parsed
            if (message.startsWith('\xff'))
                server.socket->sendBinaryMessage(message);
            else
                server.sendRaw(message);
        }
        QTRY_COMPARE(disconnected.size(), 1);
        QCOMPARE(messages.size(), 0);
        QCOMPARE(client.state(), StompClient::State::Disconnected);
        if (beforeConnected)
            QCOMPARE(connected.size(), 0);
    }

    void oversizedMessageCloses()
    {
        FakeStompServer server;
        QVERIFY(server.listen());
        StompClient client;
        client.setMaxIncomingMessageSize(1024);
        QSignalSpy connected(&client, &StompClient::connected);
        QSignalSpy messages(&client, &StompClient::messageReceived);
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(server.url());
        QTRY_COMPARE(connected.size(), 1);
        server.sendRaw(frame(("MESSAGE\nmessageType:x\n\n" + QByteArray(4096, 'a')).constData()));
        QTRY_COMPARE(disconnected.size(), 1);
        QCOMPARE(messages.size(), 0);
    }

    void connectTimeout()
    {
        FakeStompServer server;
        server.connectedFrame.clear(); // never answers CONNECT
        QVERIFY(server.listen());
        StompClient client;
        client.setConnectTimeout(200);
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(server.url());
        QTRY_COMPARE(disconnected.size(), 1);
        QVERIFY(disconnected[0][0].toString().contains(QLatin1String("timeout")));
    }

    void connectionRefused()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        StompClient client;
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws/connect").arg(port)));
        QTRY_COMPARE(disconnected.size(), 1);
        QCOMPARE(client.state(), StompClient::State::Disconnected);
    }

    void serverClosesAndClientReconnects()
    {
        FakeStompServer server;
        QVERIFY(server.listen());
        StompClient client;
        QSignalSpy connected(&client, &StompClient::connected);
        QSignalSpy disconnected(&client, &StompClient::disconnected);
        client.connectToServer(server.url());
        QTRY_COMPARE(connected.size(), 1);
        server.socket->close();
        QTRY_COMPARE(disconnected.size(), 1);
        client.connectToServer(server.url());
        QTRY_COMPARE(connected.size(), 2);
        client.disconnectFromServer();
        QCOMPARE(disconnected.size(), 2);
        QCOMPARE(disconnected[1][0].toString(), QStringLiteral("closed by client"));
        QTRY_VERIFY(!server.frames.isEmpty() && server.frames.last().command() == "DISCONNECT");
        client.disconnectFromServer(); // idempotent
        QCOMPARE(disconnected.size(), 2);
    }

    void throughSocks5WithIsolationCredentials()
    {
        FakeStompServer server;
        QVERIFY(server.listen());
        test::Socks5Relay relay;
        QVERIFY(relay.listen());
        NetworkIdentity identity;
        identity.proxyHost = QStringLiteral("127.0.0.1");
        identity.proxyPort = relay.port();
        identity = identity.isolated();
        QVERIFY(!identity.user.isEmpty());
        StompClient client;
        client.setIdentity(identity);
        QSignalSpy connected(&client, &StompClient::connected);
        client.connectToServer(server.url());
        QTRY_COMPARE(connected.size(), 1);
        QCOMPARE(relay.credentials.size(), 1);
        QCOMPARE(relay.credentials[0].first, identity.user);
        QCOMPARE(relay.credentials[0].second, identity.password);
        QCOMPARE(relay.targets, QList<quint16>{server.server.serverPort()});
        QCOMPARE(client.subprotocol(), QStringLiteral("v12.stomp"));
    }

    void isolatedIdentitiesDiffer()
    {
        NetworkIdentity direct;
        QVERIFY(!direct.usesProxy());
        QCOMPARE(direct.toQNetworkProxy().type(), QNetworkProxy::NoProxy);
        QVERIFY(!direct.isolated().usesProxy());
        NetworkIdentity tor{QStringLiteral("127.0.0.1"), 9050, {}, {}};
        const NetworkIdentity a = tor.isolated();
        const NetworkIdentity b = tor.isolated();
        QVERIFY(a.usesProxy());
        QVERIFY(a.user != b.user && a.password != b.password);
        const QNetworkProxy proxy = a.toQNetworkProxy();
        QCOMPARE(proxy.type(), QNetworkProxy::Socks5Proxy);
        QCOMPARE(proxy.user(), a.user);
        QVERIFY(proxy.capabilities() & QNetworkProxy::HostNameLookupCapability);
    }
};

QTEST_GUILESS_MAIN(TestStompClient)
#include "tst_stompclient.moc"
