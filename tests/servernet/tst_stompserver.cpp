#include "servernettest.h"

#include <net/frontdoor.h>
#include <net/netserver.h>
#include <net/stompserver.h>
#include <protocol/messages.h>

#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

using namespace wp::server::net;
using wp::proto::StompFrame;
using wp::test::StompTestClient;

namespace {

QByteArray headerOf(const StompHeaders &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers)
        if (key == name)
            return value;
    return {};
}

} // namespace

class TestStompServer : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<NetServer> m_server;

    StompServer &stomp() { return m_server->stomp(); }

    void start(NetConfig config = {})
    {
        config.door.maxConnectionsPerIp = 0;
        m_server = std::make_unique<NetServer>(config);
        const auto port = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY2(port.has_value(), qPrintable(port ? QString() : port.error().message));
    }

    /// Opens a client and completes CONNECT with @p heartBeat.
    void connectClient(StompTestClient &client, const QByteArray &heartBeat = "0,0")
    {
        client.open(m_server->port());
        QTRY_VERIFY(client.opened);
        client.send(StompTestClient::connectFrame(heartBeat));
        QTRY_COMPARE(client.count("CONNECTED"), 1);
    }

private Q_SLOTS:
    void cleanup() { m_server.reset(); }

    void connectNegotiatesVersionAndHeartBeats()
    {
        start();
        QSignalSpy connected(&stomp(), &StompServer::sessionConnected);
        StompTestClient client;
        client.open(m_server->port());
        QTRY_VERIFY(client.opened);
        QCOMPARE(client.ws.subprotocol(), QStringLiteral("v12.stomp"));
        client.send(StompTestClient::connectFrame("10000,30000", "1.1,1.2"));
        QTRY_COMPARE(client.count("CONNECTED"), 1);
        const StompFrame frame = client.last("CONNECTED");
        QCOMPARE(frame.header("version"), QByteArray("1.2"));
        QCOMPARE(frame.header("heart-beat"), QByteArray("20000,20000"));
        QCOMPARE(frame.header("server"), QByteArray("whirlpool-coordinator"));
        const QByteArray id = frame.header("session");
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(QString::fromLatin1(id)).hasMatch());
        QCOMPARE(frame.header("user-name"), id);

        QCOMPARE(connected.size(), 1);
        auto *session = connected.first().first().value<StompSession *>();
        QCOMPARE(session, stomp().session(QString::fromLatin1(id)));
        QCOMPARE(session->state(), StompSession::State::Connected);
        QCOMPARE(session->version(), QByteArray("1.2"));
        QCOMPARE(session->outgoingHeartBeatMs(), 30000); // max(our 20000, the 30000 the client wants)
        QCOMPARE(session->incomingHeartBeatMs(), 20000); // max(our 20000, the 10000 the client offers)
        QVERIFY(session->connectionId() > 0);
        QVERIFY(session->peerAddress().isLoopback());
    }

    void subprotocolFollowsClientPreference()
    {
        start();
        StompTestClient client;
        client.open(m_server->port(), {"v10.stomp", "v12.stomp"});
        QTRY_VERIFY(client.opened);
        QCOMPARE(client.ws.subprotocol(), QStringLiteral("v10.stomp")); // Qt takes the client's first supported
    }

    void versionNegotiation_data()
    {
        QTest::addColumn<QByteArray>("acceptVersion"); // null = header absent
        QTest::addColumn<QByteArray>("expected");      // empty = refused
        QTest::newRow("absent means 1.0") << QByteArray() << QByteArray("1.0");
        QTest::newRow("1.0") << QByteArray("1.0") << QByteArray("1.0");
        QTest::newRow("1.0,1.1") << QByteArray("1.0,1.1") << QByteArray("1.1");
        QTest::newRow("spaces") << QByteArray(" 1.2 , 1.0") << QByteArray("1.2");
        QTest::newRow("2.0 only") << QByteArray("2.0") << QByteArray();
    }

    void versionNegotiation()
    {
        QFETCH(QByteArray, acceptVersion);
        QFETCH(QByteArray, expected);
        start();
        StompTestClient client;
        client.open(m_server->port());
        QTRY_VERIFY(client.opened);
        StompFrame connect(wp::proto::stomp::kStomp); // the STOMP command is CONNECT's 1.2 alias
        if (!acceptVersion.isNull())
            connect.addHeader("accept-version", acceptVersion);
        client.send(connect);
        if (expected.isEmpty()) {
            QTRY_VERIFY(client.closed);
            QCOMPARE(client.last("ERROR").header("version"), QByteArray("1.2,1.1,1.0"));
            QCOMPARE(client.closeCode, int(QWebSocketProtocol::CloseCodeProtocolError));
        } else {
            QTRY_COMPARE(client.count("CONNECTED"), 1);
            QCOMPARE(client.last("CONNECTED").header("version"), expected);
            QCOMPARE(client.last("CONNECTED").header("heart-beat"), QByteArray("20000,20000"));
        }
    }

    void subscribeThenServerMessage()
    {
        start();
        QSignalSpy subscribed(&stomp(), &StompServer::subscribed);
        StompTestClient client;
        connectClient(client);
        StompFrame subscribe = StompTestClient::subscribeFrame("sub-0", "/private/reply", "0.01btc");
        subscribe.addHeader("protocolVersion", "0.23");
        subscribe.addHeader("receipt", "r-1");
        client.send(subscribe);
        QTRY_COMPARE(client.count("RECEIPT"), 1);
        QCOMPARE(client.last("RECEIPT").header("receipt-id"), QByteArray("r-1"));
        QCOMPARE(subscribed.size(), 1);
        auto *session = subscribed.first().at(0).value<StompSession *>();
        QCOMPARE(subscribed.first().at(1).toByteArray(), QByteArray("/private/reply"));
        const auto headers = subscribed.first().at(2).value<StompHeaders>();
        QCOMPARE(headerOf(headers, "poolId"), QByteArray("0.01btc"));
        QVERIFY(session->isSubscribed("/private/reply"));

        const QByteArray body = R"({"networkId":"regtest","denomination":1000000})";
        const StompHeaders out{{wp::proto::header::kProtocolVersion, wp::proto::kProtocolVersion},
                               {wp::proto::header::kMessageType, wp::proto::type::kSubscribePoolResponse},
                               {"content-type", "application/json;charset=UTF-8"},
                               {"subscription", "forged"}};
        QCOMPARE(session->sendMessage("/private/reply", out, body), 1);
        QCOMPARE(session->sendMessage("/private/other", out, body), 0);
        QTRY_COMPARE(client.count("MESSAGE"), 1);
        const StompFrame message = client.last("MESSAGE");
        QCOMPARE(message.header("subscription"), QByteArray("sub-0"));
        QCOMPARE(message.header("destination"), QByteArray("/private/reply"));
        QVERIFY(!message.header("message-id").isEmpty());
        QCOMPARE(message.header("protocolVersion"), QByteArray("0.23"));
        QCOMPARE(message.header("messageType"), QByteArray(wp::proto::type::kSubscribePoolResponse));
        QCOMPARE(message.body(), body);
        QVERIFY(client.parseError.isEmpty());
    }

    void sendReachesApplication()
    {
        start();
        QSignalSpy received(&stomp(), &StompServer::messageReceived);
        StompTestClient client;
        connectClient(client);
        const QByteArray body = R"({"poolId":"0.01btc","utxoHash":"ab","utxoIndex":1})";
        StompFrame send = StompTestClient::sendFrame(wp::proto::endpoint::kWsRegisterInput, body);
        send.addHeader("receipt", "send-1");
        client.send(send);
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.first().at(1).toByteArray(), QByteArray("/ws/registerInput"));
        const auto headers = received.first().at(2).value<StompHeaders>();
        QCOMPARE(headerOf(headers, "protocolVersion"), QByteArray("0.23"));
        QCOMPARE(headerOf(headers, "content-type"), QByteArray("application/json"));
        QCOMPARE(received.first().at(3).toByteArray(), body);
        QTRY_COMPARE(client.count("RECEIPT"), 1);
        QCOMPARE(client.last("RECEIPT").header("receipt-id"), QByteArray("send-1"));
    }

    void binaryMessagesAndSeveralFramesPerMessage()
    {
        start();
        QSignalSpy subscribed(&stomp(), &StompServer::subscribed);
        StompTestClient client;
        client.open(m_server->port());
        QTRY_VERIFY(client.opened);
        client.ws.sendBinaryMessage(StompTestClient::connectFrame().serialize() + "\n" +
                                    StompTestClient::subscribeFrame("s", "/private/reply").serialize());
        QTRY_COMPARE(client.count("CONNECTED"), 1);
        QTRY_COMPARE(subscribed.size(), 1);
    }

    void unsubscribeStopsMessages()
    {
        start();
        QSignalSpy unsubscribed(&stomp(), &StompServer::unsubscribed);
        StompTestClient client;
        connectClient(client);
        client.send(StompTestClient::subscribeFrame("a", "/private/reply"));
        StompFrame unsubscribe(wp::proto::stomp::kUnsubscribe);
        unsubscribe.addHeader("id", "a");
        unsubscribe.addHeader("receipt", "u");
        client.send(unsubscribe);
        QTRY_COMPARE(client.count("RECEIPT"), 1);
        QCOMPARE(unsubscribed.size(), 1);
        auto *session = unsubscribed.first().first().value<StompSession *>();
        QCOMPARE(session->sendMessage("/private/reply", {}, "x"), 0);
        QVERIFY(session->subscriptions().isEmpty());
    }

    void disconnectWithReceipt()
    {
        start();
        QSignalSpy closed(&stomp(), &StompServer::sessionClosed);
        StompTestClient client;
        connectClient(client);
        QCOMPARE(stomp().sessionCount(), 1);
        StompFrame disconnect(wp::proto::stomp::kDisconnect);
        disconnect.addHeader("receipt", "bye");
        client.send(disconnect);
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.last("RECEIPT").header("receipt-id"), QByteArray("bye"));
        QCOMPARE(client.closeCode, int(QWebSocketProtocol::CloseCodeNormal));
        QCOMPARE(closed.size(), 1);
        QCOMPARE(stomp().sessionCount(), 0);
        QTRY_COMPARE(m_server->frontDoor().openConnections(), 0);
    }

    void peerCloseEndsSession()
    {
        start();
        QSignalSpy closed(&stomp(), &StompServer::sessionClosed);
        {
            StompTestClient client;
            connectClient(client);
        }
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(stomp().sessionCount(), 0);
        QTRY_COMPARE(m_server->frontDoor().openConnections(), 0);
    }

    void malformedFrameGivesErrorAndClose()
    {
        start();
        StompTestClient client;
        connectClient(client);
        client.ws.sendTextMessage(QStringLiteral("SEND\ndestination:/ws/registerInput\n\nno terminating NUL"));
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.count("ERROR"), 1);
        QCOMPARE(client.last("ERROR").header("message"), QByteArray("malformed frame"));
        QVERIFY(!client.last("ERROR").body().isEmpty());
        QCOMPARE(client.closeCode, int(QWebSocketProtocol::CloseCodeProtocolError));
    }

    void missingHeadersGiveError_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("subscribe without id") << QByteArray("SUBSCRIBE\ndestination:/private/reply\n\n", 38) + '\0';
        QTest::newRow("subscribe without destination") << QByteArray("SUBSCRIBE\nid:1\n\n") + '\0';
        QTest::newRow("send without destination") << QByteArray("SEND\n\nbody") + '\0';
        QTest::newRow("unsubscribe without id") << QByteArray("UNSUBSCRIBE\n\n") + '\0';
        QTest::newRow("second connect") << QByteArray("CONNECT\naccept-version:1.2\n\n") + '\0';
        QTest::newRow("transaction") << QByteArray("BEGIN\ntransaction:t\n\n") + '\0';
        QTest::newRow("server frame") << QByteArray("MESSAGE\ndestination:/x\n\n") + '\0';
        QTest::newRow("unknown command") << QByteArray("HELLO\n\n") + '\0';
    }

    void missingHeadersGiveError()
    {
        QFETCH(QByteArray, frame);
        start();
        StompTestClient client;
        connectClient(client);
        client.ws.sendTextMessage(QString::fromUtf8(frame));
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.count("ERROR"), 1);
        QVERIFY(!client.last("ERROR").header("message").isEmpty());
    }

    void frameBeforeConnectGivesError()
    {
        start();
        QSignalSpy received(&stomp(), &StompServer::messageReceived);
        StompTestClient client;
        client.open(m_server->port());
        QTRY_VERIFY(client.opened);
        StompFrame send = StompTestClient::sendFrame("/ws/registerInput", "{}");
        send.addHeader("receipt", "early");
        client.send(send);
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.last("ERROR").header("message"), QByteArray("expected CONNECT"));
        QCOMPARE(client.last("ERROR").header("receipt-id"), QByteArray("early"));
        QCOMPARE(received.size(), 0);
    }

    void oversizedMessageClosesWith1009()
    {
        NetConfig config;
        config.stomp.maxMessageBytes = 64 * 1024;
        start(config);
        StompTestClient client;
        connectClient(client);
        client.send(StompTestClient::sendFrame("/ws/registerInput", QByteArray(70 * 1024, 'a')));
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.closeCode, int(QWebSocketProtocol::CloseCodeTooMuchData));
        QTRY_COMPARE(stomp().sessionCount(), 0);
    }

    void messageJustUnderTheLimitPasses()
    {
        start();
        QSignalSpy received(&stomp(), &StompServer::messageReceived);
        StompTestClient client;
        connectClient(client);
        const QByteArray head = StompTestClient::sendFrame("/ws/x", {}).serialize();
        client.send(StompTestClient::sendFrame("/ws/x", QByteArray(64 * 1024 - head.size() - 64, 'b')));
        QTRY_COMPARE(received.size(), 1);
        QVERIFY(!client.closed);
    }

    void rateLimitCloses()
    {
        NetConfig config;
        config.stomp.rateLimitPerSecond = 5;
        config.stomp.rateLimitBurst = 10;
        start(config);
        QSignalSpy received(&stomp(), &StompServer::messageReceived);
        StompTestClient client;
        connectClient(client); // CONNECT took one token
        for (int i = 0; i < 30; ++i)
            client.send(StompTestClient::sendFrame("/ws/registerInput", "{}"));
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.last("ERROR").header("message"), QByteArray("rate limit exceeded"));
        QCOMPARE(client.closeCode, int(QWebSocketProtocol::CloseCodePolicyViolated));
        QVERIFY(received.size() >= 9 && received.size() < 30);
    }

    void heartBeatTimeoutDisconnectsSilentClient()
    {
        NetConfig config;
        config.stomp.heartBeatSendMs = 200;
        config.stomp.heartBeatExpectMs = 200;
        config.stomp.sweepIntervalMs = 25;
        start(config);
        QSignalSpy closed(&stomp(), &StompServer::sessionClosed);
        StompTestClient client;
        QElapsedTimer clock;
        clock.start();
        connectClient(client, "200,200");
        QTRY_VERIFY(client.closed); // it never sends a heart-beat
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(elapsed >= 400 && elapsed < 2000, qPrintable(QString::number(elapsed)));
        QVERIFY(client.heartBeats >= 1); // we sent ours meanwhile
        QCOMPARE(closed.size(), 1);
        QTRY_COMPARE(m_server->frontDoor().openConnections(), 0);
    }

    void heartBeatsKeepClientAlive()
    {
        NetConfig config;
        config.stomp.heartBeatSendMs = 100;
        config.stomp.heartBeatExpectMs = 100;
        config.stomp.sweepIntervalMs = 20;
        start(config);
        StompTestClient client;
        connectClient(client, "100,100");
        QTimer beat;
        QObject::connect(&beat, &QTimer::timeout, &client.ws, [&client] { client.ws.sendTextMessage(QStringLiteral("\n")); });
        beat.start(50);
        QTRY_VERIFY(client.heartBeats >= 8); // about 800 ms: four times the 2x timeout
        QVERIFY(!client.closed);
    }

    void clientWithoutHeartBeatsIsPinged()
    {
        NetConfig config;
        config.stomp.heartBeatSendMs = 200;
        config.stomp.heartBeatExpectMs = 200;
        config.stomp.sweepIntervalMs = 25;
        start(config);
        StompTestClient quiet; // asks for no heart-beats: QWebSocket answers our pings
        connectClient(quiet, "0,0");
        StompTestClient silent; // promised heart-beats and sends none: the clock for this test
        connectClient(silent, "200,200");
        QTRY_VERIFY(silent.closed);
        QVERIFY(!quiet.closed);
        QCOMPARE(stomp().sessionCount(), 1);
    }

    void connectTimeout()
    {
        NetConfig config;
        config.stomp.connectTimeoutMs = 150;
        config.stomp.sweepIntervalMs = 25;
        start(config);
        StompTestClient client;
        client.open(m_server->port());
        QTRY_VERIFY(client.opened);
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.last("ERROR").header("message"), QByteArray("CONNECT timeout"));
    }

    void applicationCanRefuseSubscription()
    {
        start();
        connect(&stomp(), &StompServer::subscribed, this,
                [](StompSession *session, const QByteArray &, const StompHeaders &headers) {
                    if (headerOf(headers, "poolId") != "0.01btc")
                        session->closeWithError("Pool not found", "unknown pool");
                });
        StompTestClient client;
        connectClient(client);
        StompFrame subscribe = StompTestClient::subscribeFrame("s", "/private/reply", "9btc");
        subscribe.addHeader("receipt", "never");
        client.send(subscribe);
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.last("ERROR").header("message"), QByteArray("Pool not found"));
        QCOMPARE(client.last("ERROR").body(), QByteArray("unknown pool"));
        QCOMPARE(client.count("RECEIPT"), 0);
    }

    void applicationClosesSession()
    {
        start();
        QSignalSpy connected(&stomp(), &StompServer::sessionConnected);
        QSignalSpy closed(&stomp(), &StompServer::sessionClosed);
        StompTestClient client;
        connectClient(client);
        QPointer<StompSession> session = connected.first().first().value<StompSession *>();
        session->close();
        QCOMPARE(closed.size(), 1); // synchronous, exactly once
        QCOMPARE(session->state(), StompSession::State::Closed);
        QTRY_VERIFY(client.closed);
        QCOMPARE(client.closeCode, int(QWebSocketProtocol::CloseCodeNormal));
        QTRY_VERIFY(session.isNull()); // deleted later
        QCOMPARE(closed.size(), 1);
        QTRY_COMPARE(m_server->frontDoor().openConnections(), 0);
    }

    void manySessionsExchangeMessages()
    {
        constexpr int kClients = 500;
        start();
        // The application: answer every SEND on the sender's /private/reply.
        connect(&stomp(), &StompServer::messageReceived, this,
                [](StompSession *session, const QByteArray &, const StompHeaders &, const QByteArray &body) {
                    session->sendMessage("/private/reply", {{"messageType", "Echo"}}, body);
                });
        QElapsedTimer clock;
        clock.start();
        std::vector<std::unique_ptr<StompTestClient>> clients;
        clients.reserve(kClients);
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<StompTestClient>());
            StompTestClient *client = clients.back().get();
            QObject::connect(&client->ws, &QWebSocket::connected, &client->ws, [client, i] {
                client->ws.sendTextMessage(QString::fromUtf8(
                    StompTestClient::connectFrame("20000,20000").serialize() +
                    StompTestClient::subscribeFrame("sub-0", "/private/reply", "0.01btc").serialize() +
                    StompTestClient::sendFrame("/ws/registerInput", "{\"n\":" + QByteArray::number(i) + "}").serialize()));
            });
            client->open(m_server->port());
        }
        const auto done = [&] {
            for (const auto &c : clients)
                if (c->count("MESSAGE") != 1)
                    return false;
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(done(), 60000);
        const qint64 elapsed = clock.elapsed();
        QCOMPARE(stomp().sessionCount(), kClients);
        for (int i = 0; i < kClients; ++i) {
            const StompFrame message = clients[size_t(i)]->last("MESSAGE");
            QCOMPARE(message.header("subscription"), QByteArray("sub-0"));
            QCOMPARE(message.body(), "{\"n\":" + QByteArray::number(i) + "}");
        }
        qInfo("%d sessions connected, subscribed and exchanged a message in %lld ms (client and server in one thread)",
              kClients, elapsed);
        clients.clear();
        QTRY_COMPARE_WITH_TIMEOUT(stomp().sessionCount(), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->frontDoor().openConnections(), 0, 30000);
    }
};

QTEST_GUILESS_MAIN(TestStompServer)
#include "tst_stompserver.moc"
