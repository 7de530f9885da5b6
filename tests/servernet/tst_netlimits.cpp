#include <net/connectionlimiter.h>
#include <net/processsetup.h>
#include <net/ratelimiter.h>
#include <net/requesthead.h>

#include <QTest>

using namespace wp::server::net;

class TestNetLimits : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rateLimiterBurstThenRate()
    {
        RateLimiter limiter(10, 5); // 10/s, burst 5
        for (int i = 0; i < 5; ++i)
            QVERIFY(limiter.tryTake(1000));
        QVERIFY(!limiter.tryTake(1000));
        QVERIFY(!limiter.tryTake(1050)); // half a token refilled
        QVERIFY(limiter.tryTake(1100));  // one token after 100 ms
        QVERIFY(!limiter.tryTake(1100));
        QVERIFY(limiter.tryTake(100000, 5)); // refills to the burst, not beyond
        QVERIFY(!limiter.tryTake(100000));
        QVERIFY(!limiter.tryTake(99000)); // time going backwards refills nothing
    }

    void rateLimiterTakesNothingWhenShort()
    {
        RateLimiter limiter(1, 3);
        QVERIFY(!limiter.tryTake(0, 4));
        QVERIFY(limiter.tryTake(0, 3));
    }

    void rateLimiterDisabled()
    {
        RateLimiter limiter(0, 1);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(limiter.tryTake(0));
    }

    void connectionLimiterCaps()
    {
        ConnectionLimiter limiter(3, 2, {});
        const QHostAddress a(QStringLiteral("192.0.2.1"));
        const QHostAddress b(QStringLiteral("192.0.2.2"));
        QCOMPARE(limiter.tryAcquire(a), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(limiter.tryAcquire(a), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(limiter.tryAcquire(a), ConnectionLimiter::Verdict::PeerCapReached);
        QCOMPARE(limiter.tryAcquire(b), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(limiter.tryAcquire(b), ConnectionLimiter::Verdict::TotalCapReached);
        QCOMPARE(limiter.total(), 3);
        limiter.release(a);
        QCOMPARE(limiter.countFor(a), 1);
        QCOMPARE(limiter.tryAcquire(b), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(limiter.countFor(b), 2);
    }

    void connectionLimiterIpv6Prefix()
    {
        ConnectionLimiter limiter(0, 2, {});
        // One /64 is one peer; a different /64 is another.
        QCOMPARE(limiter.tryAcquire(QHostAddress(QStringLiteral("2001:db8:1:2::1"))), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(limiter.tryAcquire(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::9"))), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(limiter.tryAcquire(QHostAddress(QStringLiteral("2001:db8:1:2::77"))), ConnectionLimiter::Verdict::PeerCapReached);
        QCOMPARE(limiter.tryAcquire(QHostAddress(QStringLiteral("2001:db8:1:3::1"))), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(ConnectionLimiter::peerKey(QHostAddress(QStringLiteral("2001:db8:1:2:aaaa::1"))),
                 QHostAddress(QStringLiteral("2001:db8:1:2::")));
    }

    void connectionLimiterMappedAndExempt()
    {
        ConnectionLimiter limiter(0, 1, {QHostAddress(QHostAddress::LocalHost)});
        const QHostAddress v4(QStringLiteral("198.51.100.7"));
        const QHostAddress mapped(QStringLiteral("::ffff:198.51.100.7"));
        QCOMPARE(limiter.tryAcquire(v4), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(limiter.tryAcquire(mapped), ConnectionLimiter::Verdict::PeerCapReached); // same peer
        const QHostAddress loopback(QHostAddress::LocalHost);
        const QHostAddress mappedLoopback(QStringLiteral("::ffff:127.0.0.1"));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(limiter.tryAcquire(i % 2 ? loopback : mappedLoopback), ConnectionLimiter::Verdict::Accepted);
        QCOMPARE(limiter.countFor(loopback), 0);
        QCOMPARE(limiter.total(), 11);
        limiter.release(mapped);
        QCOMPARE(limiter.countFor(v4), 0);
    }

    void requestHead_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("maxBytes");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("webSocket");
        QTest::addColumn<qint64>("contentLength"); // -1 = absent

        const int ok = int(HeadStatus::Complete);
        QTest::newRow("get") << QByteArray("GET /rest/pools HTTP/1.1\r\nHost: x\r\n\r\n") << 8192 << ok
                             << QByteArray("GET") << QByteArray("/rest/pools") << false << qint64(-1);
        QTest::newRow("query and lf-only") << QByteArray("GET /rest/tx0?poolId=0.01btc HTTP/1.0\nHost: x\n\n") << 8192 << ok
                                           << QByteArray("GET") << QByteArray("/rest/tx0") << false << qint64(-1);
        QTest::newRow("leading empty lines") << QByteArray("\r\n\r\nGET / HTTP/1.1\r\n\r\n") << 8192 << ok << QByteArray("GET")
                                             << QByteArray("/") << false << qint64(-1);
        QTest::newRow("absolute form") << QByteArray("GET http://host:8080/ws/connect?x HTTP/1.1\r\n\r\n") << 8192 << ok
                                       << QByteArray("GET") << QByteArray("/ws/connect") << false << qint64(-1);
        QTest::newRow("websocket upgrade")
            << QByteArray("GET /ws/connect HTTP/1.1\r\nHost: x\r\nUpgrade: WebSocket\r\nConnection: Upgrade\r\n"
                          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            << 8192 << ok << QByteArray("GET") << QByteArray("/ws/connect") << true << qint64(-1);
        QTest::newRow("upgrade list") << QByteArray("GET /a HTTP/1.1\r\nupgrade: h2c, websocket\r\n\r\n") << 8192 << ok
                                      << QByteArray("GET") << QByteArray("/a") << true << qint64(-1);
        QTest::newRow("post with body") << QByteArray("POST /rest/tx0 HTTP/1.1\r\nContent-Length: 12\r\n\r\n{\"a\":1}") << 8192
                                        << ok << QByteArray("POST") << QByteArray("/rest/tx0") << false << qint64(12);
        QTest::newRow("same content-length twice")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n") << 8192 << ok
            << QByteArray("POST") << QByteArray("/") << false << qint64(5);

        const int incomplete = int(HeadStatus::Incomplete);
        QTest::newRow("empty") << QByteArray() << 8192 << incomplete << QByteArray() << QByteArray() << false << qint64(-1);
        QTest::newRow("partial") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n") << 8192 << incomplete << QByteArray()
                                 << QByteArray() << false << qint64(-1);
        QTest::newRow("partial line") << QByteArray("GE") << 8192 << incomplete << QByteArray() << QByteArray() << false
                                      << qint64(-1);

        const int tooLarge = int(HeadStatus::TooLarge);
        QTest::newRow("no end within cap") << (QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(100, 'a')) << 64 << tooLarge
                                           << QByteArray() << QByteArray() << false << qint64(-1);
        QTest::newRow("end past cap") << QByteArray("GET / HTTP/1.1\r\nX: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n")
                                      << 32 << tooLarge << QByteArray() << QByteArray() << false << qint64(-1);

        const int malformed = int(HeadStatus::Malformed);
        QTest::newRow("garbage line") << QByteArray("\x16\x03\x01\x02\x00\x01\n", 7) << 8192 << malformed << QByteArray()
                                      << QByteArray() << false << qint64(-1);
        QTest::newRow("two tokens") << QByteArray("GET /\r\n\r\n") << 8192 << malformed << QByteArray() << QByteArray()
                                    << false << qint64(-1);
        QTest::newRow("http/2") << QByteArray("PRI * HTTP/2.0\r\n\r\n") << 8192 << malformed << QByteArray() << QByteArray()
                                << false << qint64(-1);
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << 8192 << malformed
                                              << QByteArray() << QByteArray() << false << qint64(-1);
        QTest::newRow("folded header") << QByteArray("GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n") << 8192 << malformed
                                       << QByteArray() << QByteArray() << false << qint64(-1);
        QTest::newRow("bad content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 8192
                                            << malformed << QByteArray() << QByteArray() << false << qint64(-1);
        QTest::newRow("huge content-length") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n")
                                             << 8192 << malformed << QByteArray() << QByteArray() << false << qint64(-1);
        QTest::newRow("conflicting content-length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n") << 8192 << malformed
            << QByteArray() << QByteArray() << false << qint64(-1);
        QTest::newRow("content-length and chunked")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n") << 8192 << malformed
            << QByteArray() << QByteArray() << false << qint64(-1);
        QTest::newRow("control char in target") << QByteArray("GET /a\x01 HTTP/1.1\r\n\r\n") << 8192 << malformed
                                                << QByteArray() << QByteArray() << false << qint64(-1);
    }

    void requestHead()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, maxBytes);
        QFETCH(int, status);
        const PeekedHead peeked = parseRequestHead(data, maxBytes);
        QCOMPARE(int(peeked.status), status);
        if (peeked.status != HeadStatus::Complete)
            return;
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(bool, webSocket);
        QFETCH(qint64, contentLength);
        QCOMPARE(peeked.head.method, method);
        QCOMPARE(peeked.head.path, path);
        QCOMPARE(peeked.head.webSocketUpgrade, webSocket);
        QCOMPARE(peeked.head.contentLength.value_or(-1), contentLength);
        QVERIFY(peeked.head.size > 0 && peeked.head.size <= data.size());
        QCOMPARE(data.left(peeked.head.size).right(2).back(), '\n');
    }

    void requestHeadNeverCrashesOnPrefixes()
    {
        const QByteArray full("POST /rest/tx0 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nUpgrade: websocket\r\n\r\nabc");
        for (int i = 0; i <= full.size(); ++i) {
            const PeekedHead peeked = parseRequestHead(QByteArrayView(full).first(i), 8192);
            QVERIFY(peeked.status == HeadStatus::Incomplete || peeked.status == HeadStatus::Complete);
        }
        QByteArray noise;
        for (int i = 0; i < 4096; ++i)
            noise += char((i * 7919) & 0xff);
        for (int cap : {1, 16, 8192})
            (void)parseRequestHead(noise, cap);
    }

    void unixEventDispatcherComesTooLateHere()
    {
        QVERIFY(!preferUnixEventDispatcher()); // the test's QCoreApplication already exists
        QVERIFY(qEnvironmentVariableIsSet("QT_NO_GLIB"));
    }

    void fileLimitRaisesSoftToHard()
    {
        const auto before = fileLimit();
        QVERIFY2(before.has_value(), qPrintable(before ? QString() : before.error().message));
        const auto after = raiseFileLimit();
        QVERIFY2(after.has_value(), qPrintable(after ? QString() : after.error().message));
        QVERIFY(after->soft >= before->soft || after->soft < 0);
        if (before->hard > 0)
            QCOMPARE(after->soft, before->hard);
    }
};

QTEST_GUILESS_MAIN(TestNetLimits)
#include "tst_netlimits.moc"
