#include <protocol/stompframe.h>

#include <crypto/random.h>

#include <QTest>

using namespace wp;
using proto::StompFrame;

namespace {
/// A literal with its embedded NULs (all but the terminating one).
template <size_t N>
QByteArray raw(const char (&s)[N])
{
    return QByteArray(s, N - 1);
}
} // namespace

class TestStompFrame : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesSpecExamples()
    {
        // The CONNECT of Appendix B (raw WebSocket client, heart-beats 20 s).
        const QByteArray connect = raw("CONNECT\naccept-version:1.2\nhost:pool.whirl.mx\nheart-beat:20000,20000\n\n\0");
        auto frame = StompFrame::parse(connect);
        QVERIFY2(frame, frame ? "" : qPrintable(frame.error().message));
        QCOMPARE(frame->command(), QByteArray("CONNECT"));
        QCOMPARE(frame->header("heart-beat"), QByteArray("20000,20000"));
        QVERIFY(frame->body().isEmpty());

        const QByteArray send = raw("SEND\r\ndestination:/ws/registerInput\r\nprotocolVersion:0.23\r\n\r\n{\"poolId\":\"0.01btc\"}\0\n");
        auto s = StompFrame::parse(send);
        QVERIFY(s);
        QCOMPARE(s->header("destination"), QByteArray("/ws/registerInput"));
        QCOMPARE(s->body(), QByteArray("{\"poolId\":\"0.01btc\"}"));
    }

    void roundTripEscapesHeaders()
    {
        StompFrame f(proto::stomp::kMessage);
        f.addHeader("message", "a:b\nc\\d\re");
        f.addHeader("empty", "");
        f.setBody(raw("with\0nul"));
        const QByteArray wire = f.serialize();
        QVERIFY(wire.contains("a\\cb\\nc\\\\d\\re"));
        QVERIFY(wire.contains("content-length:8\n"));
        auto back = StompFrame::parse(wire);
        QVERIFY(back);
        QCOMPARE(back->header("message"), QByteArray("a:b\nc\\d\re"));
        QVERIFY(back->hasHeader("empty"));
        QVERIFY(!back->hasHeader("absent"));
        QCOMPARE(back->body(), raw("with\0nul"));
    }

    void connectHeadersAreNotEscaped()
    {
        StompFrame f(proto::stomp::kConnected);
        f.addHeader("server", "wp:1");
        QVERIFY(f.serialize().contains("server:wp:1\n"));
        auto back = StompFrame::parse(f.serialize());
        QVERIFY(back);
        QCOMPARE(back->header("server"), QByteArray("wp:1"));
    }

    void firstHeaderWins()
    {
        auto f = StompFrame::parse(raw("MESSAGE\nfoo:1\nfoo:2\n\n\0"));
        QVERIFY(f);
        QCOMPARE(f->header("foo"), QByteArray("1"));
    }

    void heartBeatsAndSeveralFrames()
    {
        auto none = StompFrame::parseAll("\n");
        QVERIFY(none);
        QVERIFY(none->isEmpty());
        QVERIFY(!StompFrame::parse("\r\n"));
        const QByteArray two = StompFrame(proto::stomp::kDisconnect).serialize() + "\n" +
                               StompFrame(proto::stomp::kSend).serialize();
        auto frames = StompFrame::parseAll(two);
        QVERIFY(frames);
        QCOMPARE(frames->size(), 2);
        QVERIFY(!StompFrame::parse(two)); // parse() wants exactly one
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("unknown-command") << raw("HELLO\n\n\0");
        QTest::newRow("lowercase-command") << raw("send\n\n\0");
        QTest::newRow("no-nul") << QByteArray("SEND\ndestination:/x\n\nbody");
        QTest::newRow("no-blank-line") << QByteArray("SEND\ndestination:/x\n");
        QTest::newRow("header-without-colon") << raw("SEND\ndestination\n\n\0");
        QTest::newRow("header-empty-name") << raw("SEND\n:v\n\n\0");
        QTest::newRow("bad-escape") << raw("SEND\nx:\\t\n\n\0");
        QTest::newRow("dangling-escape") << raw("SEND\nx:\\\n\n\0");
        QTest::newRow("content-length-too-long") << raw("SEND\ncontent-length:10\n\nabc\0");
        QTest::newRow("content-length-negative") << raw("SEND\ncontent-length:-1\n\nabc\0");
        QTest::newRow("content-length-garbage") << raw("SEND\ncontent-length:x\n\nabc\0");
        QTest::newRow("content-length-no-nul") << raw("SEND\ncontent-length:2\n\nabc\0");
        QTest::newRow("trailing-garbage") << raw("SEND\n\n\0garbage");
        QByteArray many("SEND\n");
        for (int i = 0; i <= StompFrame::kMaxHeaders; ++i)
            many += "h" + QByteArray::number(i) + ":v\n";
        QTest::newRow("too-many-headers") << many + raw("\n\0");
        QTest::newRow("header-too-long")
            << QByteArray("SEND\nh:" + QByteArray(StompFrame::kMaxHeaderLineLength, 'a') + "\n\n") + QByteArray(1, '\0');
    }
    void rejectsMalformed()
    {
        QFETCH(QByteArray, wire);
        auto f = StompFrame::parse(wire);
        QVERIFY(!f);
        QVERIFY(!f.error().message.isEmpty());
    }

    void truncationAndGarbageNeverCrash()
    {
        StompFrame f(proto::stomp::kSend);
        f.addHeader("destination", "/ws/confirmInput");
        f.addHeader("protocolVersion", "0.23");
        f.setBody("{\"mixId\":\"00\",\"blindedBordereau64\":\"abc\"}");
        const QByteArray wire = f.serialize();
        for (qsizetype n = 0; n < wire.size(); ++n)
            QVERIFY(!StompFrame::parse(wire.left(n)));
        for (int i = 0; i < 2000; ++i) {
            QByteArray junk = crypto::randomBytes(int(crypto::randomBelow(300)));
            if (i % 2)
                junk.prepend("SEND\n");
            (void)StompFrame::parseAll(junk); // must return, never crash
        }
    }

    /// Found by fuzzing: a frame with the most headers and a body parsed, but what its own
    /// serialize() wrote (one content-length more) did not.
    void mostHeadersPlusContentLengthRoundTrips()
    {
        QByteArray wire("SEND\n");
        for (int i = 0; i < StompFrame::kMaxHeaders; ++i)
            wire += "h" + QByteArray::number(i) + ":v\n";
        wire += "\nbody";
        wire += '\0';
        const auto parsed = StompFrame::parse(wire);
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        const auto again = StompFrame::parse(parsed->serialize());
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(again->body(), QByteArray("body"));
        // One header more than allowed is still refused.
        QByteArray tooMany("SEND\nextra:v\n");
        tooMany += wire.mid(5);
        QVERIFY(!StompFrame::parse(tooMany));
    }
};

QTEST_GUILESS_MAIN(TestStompFrame)
#include "tst_stompframe.moc"
