#include "servernettest.h"

#include <net/processsetup.h>
#include <net/frontdoor.h>
#include <net/httpapi.h>
#include <net/netserver.h>
#include <net/stompserver.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <unistd.h>

#include <memory>

using namespace wp::server::net;
using wp::test::RawClient;
using wp::test::StompTestClient;

class TestFrontDoor : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<NetServer> m_server;

    void start(NetConfig config)
    {
        m_server = std::make_unique<NetServer>(config);
        m_server->http().get(QStringLiteral("/rest/pools"), [](const HttpRequest &, HttpReply reply) {
            reply.send(HttpResponse::json(QJsonObject{}));
        });
        const auto port = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY2(port.has_value(), qPrintable(port ? QString() : port.error().message));
    }

    static NetConfig noPeerCap()
    {
        NetConfig config;
        config.door.maxConnectionsPerIp = 0;
        return config;
    }

    quint16 port() const { return m_server->port(); }
    int open() const { return m_server->frontDoor().openConnections(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(raiseFileLimit().has_value()); }
    void cleanup() { m_server.reset(); }

    void listenFailureIsReported()
    {
        start(noPeerCap());
        FrontDoor other(FrontDoorConfig{}, HttpConfig{});
        const auto result = other.start(QHostAddress::LocalHost, port()); // already taken
        QVERIFY(!result.has_value());
        QVERIFY(result.error().message.contains(QString::number(port())));
    }

    void backlogIsApplied()
    {
        start(noPeerCap());
        QCOMPARE(m_server->frontDoor().listenBacklogSize(), 1024);
    }

    void headTimeoutClosesIdleSocket()
    {
        NetConfig config = noPeerCap();
        config.door.headTimeoutMs = 150;
        start(config);
        RawClient raw;
        raw.connectTo(port());
        QTRY_VERIFY(raw.connected());
        QTRY_COMPARE(open(), 1);
        QTRY_VERIFY(raw.closed); // never sent a byte
        QVERIFY(raw.received.isEmpty());
        QTRY_COMPARE(open(), 0);
    }

    void headTimeoutClosesSlowHead()
    {
        NetConfig config = noPeerCap();
        config.door.headTimeoutMs = 150;
        start(config);
        RawClient raw;
        raw.connectTo(port());
        QTRY_VERIFY(raw.connected());
        raw.socket.write("GET /rest/pools HTTP/1.1\r\nHost: x\r\n"); // no blank line, ever
        QTRY_VERIFY(raw.closed);
        QTRY_COMPARE(open(), 0);
    }

    void headTooLargeIs431()
    {
        NetConfig config = noPeerCap();
        config.door.headMaxBytes = 1024;
        start(config);
        RawClient raw;
        raw.connectTo(port());
        QTRY_VERIFY(raw.connected());
        raw.socket.write("GET /rest/pools HTTP/1.1\r\nX-Filler: " + QByteArray(2000, 'a'));
        QTRY_VERIFY(raw.closed);
        QCOMPARE(raw.status(), 431);
    }

    void malformedHeadIs400()
    {
        start(noPeerCap());
        RawClient raw;
        raw.connectTo(port());
        QTRY_VERIFY(raw.connected());
        raw.socket.write("HELLO\r\n\r\n");
        QTRY_VERIFY(raw.closed);
        QCOMPARE(raw.status(), 400);
    }

    void upgradeToAnotherPathIs404()
    {
        start(noPeerCap());
        RawClient raw;
        raw.connectTo(port());
        QTRY_VERIFY(raw.connected());
        raw.socket.write("GET /ws/other HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        QTRY_VERIFY(raw.closed);
        QCOMPARE(raw.status(), 404);
    }

    void rawUpgradeNegotiatesStompSubprotocol()
    {
        start(noPeerCap());
        RawClient raw;
        raw.connectTo(port());
        QTRY_VERIFY(raw.connected());
        // Split across two writes: the head is only peeked once complete.
        raw.socket.write("GET /ws/connect HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n");
        raw.socket.flush();
        raw.socket.write("Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                         "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp, v11.stomp, v10.stomp\r\n\r\n");
        QTRY_VERIFY(raw.received.contains("\r\n\r\n"));
        QCOMPARE(raw.status(), 101);
        QVERIFY(raw.received.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        QVERIFY(raw.received.contains("Sec-WebSocket-Protocol: v12.stomp\r\n"));
        QTRY_COMPARE(m_server->stomp().sessionCount(), 1);
    }

    void badWebSocketHandshakeIsClosedAndUncounted()
    {
        start(noPeerCap());
        RawClient raw;
        raw.connectTo(port());
        QTRY_VERIFY(raw.connected());
        raw.socket.write("GET /ws/connect HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        QTRY_VERIFY(raw.closed); // no Sec-WebSocket-Key: QWebSocketServer refuses
        QVERIFY(raw.status() != 101);
        QTRY_COMPARE(open(), 0);
        QCOMPARE(m_server->stomp().sessionCount(), 0);
    }

    void perIpCapRefusesExtraConnection()
    {
        NetConfig config;
        config.door.maxConnectionsPerIp = 3;
        config.door.perIpExempt = {}; // loopback is exempt by default (Tor)
        start(config);
        std::vector<std::unique_ptr<StompTestClient>> clients;
        for (int i = 0; i < 3; ++i) {
            clients.push_back(std::make_unique<StompTestClient>());
            clients.back()->open(port());
            QTRY_VERIFY(clients.back()->opened);
        }
        QCOMPARE(open(), 3);

        StompTestClient refused; // the handshake gets 503
        QSignalSpy errors(&refused.ws, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error));
        refused.open(port());
        QTRY_VERIFY(!errors.isEmpty() || refused.closed);
        QVERIFY(!refused.opened);

        RawClient raw; // a plain TCP client is answered 503 at once
        raw.connectTo(port());
        QTRY_VERIFY(raw.closed);
        QCOMPARE(raw.status(), 503);
        QVERIFY(raw.received.contains("Retry-After:"));

        clients.front()->ws.close();
        QTRY_COMPARE(open(), 2);
        StompTestClient again;
        again.open(port());
        QTRY_VERIFY(again.opened);
    }

    void loopbackIsExemptByDefault()
    {
        NetConfig config;
        config.door.maxConnectionsPerIp = 1;
        start(config);
        StompTestClient a;
        StompTestClient b;
        a.open(port());
        b.open(port());
        QTRY_VERIFY(a.opened && b.opened);
    }

    void totalCapRefusesExtraConnection()
    {
        NetConfig config = noPeerCap();
        config.door.maxConnections = 2;
        start(config);
        QCOMPARE(m_server->frontDoor().connectionCap(), 2);
        StompTestClient a;
        StompTestClient b;
        a.open(port());
        b.open(port());
        QTRY_VERIFY(a.opened && b.opened);
        RawClient raw;
        raw.connectTo(port());
        QTRY_VERIFY(raw.closed);
        QCOMPARE(raw.status(), 503);
    }

    void fdGuardAnswers503NearTheLimit()
    {
        // Pretend the fd limit is just above the fds in use now: the next accepted fds cross
        // the guard (Linux hands out the lowest free fd).
        const int probe = ::dup(0);
        QVERIFY(probe >= 0);
        ::close(probe);
        NetConfig config = noPeerCap();
        config.door.fdReserve = 64;
        config.door.fdLimit = probe + 64 + 6; // a few fds for the listening socket and the first client
        start(config);
        std::vector<std::unique_ptr<RawClient>> clients;
        bool refused = false;
        bool served = false;
        for (int i = 0; i < 10 && !refused; ++i) {
            clients.push_back(std::make_unique<RawClient>());
            RawClient &raw = *clients.back();
            raw.connectTo(port());
            QTRY_VERIFY(raw.connected() || raw.closed);
            raw.socket.write("GET /rest/pools HTTP/1.1\r\nHost: x\r\n\r\n");
            QTRY_VERIFY(raw.status() != 0);
            refused = raw.status() == 503;
            served = served || raw.status() == 200;
        }
        QVERIFY(served);
        QVERIFY(refused);
        QVERIFY(m_server->frontDoor().isListening()); // still accepting, not spinning
    }

    void connectionsAreUncountedWhenClosed()
    {
        start(noPeerCap());
        {
            StompTestClient ws;
            ws.open(port());
            QTRY_VERIFY(ws.opened);
            RawClient http;
            http.connectTo(port());
            QTRY_VERIFY(http.connected());
            http.socket.write("GET /rest/pools HTTP/1.1\r\nHost: x\r\n\r\n");
            QTRY_COMPARE(http.status(), 200);
            QCOMPARE(open(), 2);
        } // both clients abort
        QTRY_COMPARE(open(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFrontDoor)
#include "tst_frontdoor.moc"
