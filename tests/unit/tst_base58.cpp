// Base58 and Base58Check against Bitcoin Core's base58_encode_decode.json and
// bitcoinjs bs58check fixtures (sources in tests/data/SOURCES-a.md), plus
// malformed input: bad checksums, characters outside the alphabet, whitespace,
// oversized input and random garbage, none of which may crash.

#include <bitcoin/base58.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <util/hex.h>

#include <testdata.h>

#include <QRandomGenerator>
#include <QTest>

using namespace wp;

class TestBase58 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void coreVectors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        const QJsonArray vectors = test::loadJson(QStringLiteral("base58_encode_decode.json")).array();
        QVERIFY(vectors.size() >= 21);
        for (const auto &item : vectors) {
            const QJsonArray v = item.toArray();
            const QString hexBytes = v[0].toString();
            const QString name = hexBytes.isEmpty() ? QStringLiteral("empty") : hexBytes.left(40);
            QTest::newRow(qPrintable(name)) << test::hex(hexBytes) << v[1].toString();
        }
    }
    void coreVectors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QCOMPARE(btc::encodeBase58(bytes), text);
        const auto decoded = btc::decodeBase58(text);
        QVERIFY(decoded.has_value());
        QCOMPARE(*decoded, bytes);
    }

    void checkValid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("payload");
        const QJsonArray vectors = test::loadJson(QStringLiteral("bs58check.json")).object()[QLatin1String("valid")].toArray();
        QVERIFY(vectors.size() >= 50);
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            const QString text = v[QLatin1String("string")].toString();
            QTest::newRow(qPrintable(text)) << text << test::hex(v[QLatin1String("payload")].toString());
        }
    }
    void checkValid()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, payload);
        QCOMPARE(btc::encodeBase58Check(payload), text);
        const auto decoded = btc::decodeBase58Check(text);
        QVERIFY(decoded.has_value());
        QCOMPARE(*decoded, payload);
        // Every single-character substitution breaks the checksum (or the alphabet).
        for (qsizetype i = 0; i < text.size(); ++i) {
            QString altered = text;
            altered[i] = altered[i] == u'2' ? u'3' : u'2';
            QVERIFY2(!btc::decodeBase58Check(altered).has_value(), qPrintable(altered));
        }
    }

    void checkInvalid_data()
    {
        QTest::addColumn<QString>("text");
        const QJsonArray vectors = test::loadJson(QStringLiteral("bs58check.json")).object()[QLatin1String("invalid")].toArray();
        QVERIFY(vectors.size() >= 4);
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            const QString text = v[QLatin1String("string")].toString();
            QTest::newRow(qPrintable(v[QLatin1String("exception")].toString() + u':' + text)) << text;
        }
        const QString good = QStringLiteral("1AGNa15ZQXAZUgFiqJ2i7Z2DPU2J6hW62i");
        QTest::newRow("empty") << QString();
        QTest::newRow("too-short-for-checksum") << btc::encodeBase58(QByteArray("\x01\x02\x03", 3));
        QTest::newRow("leading-space") << (u' ' + good);
        QTest::newRow("trailing-newline") << (good + u'\n');
        QTest::newRow("inner-space") << (good.left(10) + u' ' + good.mid(10));
        QTest::newRow("tab") << (good + u'\t');
        for (const char16_t bad : {u'0', u'O', u'I', u'l', u'+', u'/', u'=', u'-'})
            QTest::newRow(qPrintable(QStringLiteral("not-in-alphabet-") + QChar(bad))) << (good.left(5) + QChar(bad) + good.mid(6));
        QTest::newRow("non-ascii") << (good.left(5) + QChar(0x00e9) + good.mid(6));
        QTest::newRow("fullwidth-digit") << (good.left(5) + QChar(0xff11) + good.mid(6));
        QTest::newRow("nul") << (good.left(5) + QChar(0) + good.mid(6));
        QTest::newRow("truncated") << good.left(good.size() - 1);
        QTest::newRow("extended") << (good + u'1');
    }
    void checkInvalid()
    {
        QFETCH(QString, text);
        QVERIFY(!btc::decodeBase58Check(text).has_value());
    }

    // Whitespace is rejected everywhere (Bitcoin Core would skip it at both ends: we are stricter).
    void plainRejectsMalformed()
    {
        for (const QString &text : {QStringLiteral(" 2g"), QStringLiteral("2g "), QStringLiteral("2 g"),
                                    QStringLiteral("0"), QStringLiteral("2g0"), QStringLiteral("\u00e9")})
            QVERIFY2(!btc::decodeBase58(text).has_value(), qPrintable(text));
        QCOMPARE(*btc::decodeBase58(QString()), QByteArray());
    }

    // maxDecodedSize bounds the work and the output, for leading '1's and for the rest.
    void oversized()
    {
        const QByteArray bytes = crypto::randomBytes(300);
        const QString text = btc::encodeBase58(bytes);
        QVERIFY(!btc::decodeBase58(text).has_value()); // default limit 256
        QCOMPARE(*btc::decodeBase58(text, 300), bytes);
        QVERIFY(!btc::decodeBase58(text, 299).has_value());

        QVERIFY(!btc::decodeBase58(QString(257, u'1')).has_value());
        QCOMPARE(*btc::decodeBase58(QString(256, u'1')), QByteArray(256, '\0'));
        QVERIFY(!btc::decodeBase58(QString(1'000'000, u'z')).has_value());
        QVERIFY(!btc::decodeBase58Check(QString(1'000'000, u'z')).has_value());

        const QByteArray payload = crypto::randomBytes(100);
        const QString check = btc::encodeBase58Check(payload);
        QCOMPARE(*btc::decodeBase58Check(check, 100), payload);
        QVERIFY(!btc::decodeBase58Check(check, 99).has_value());
    }

    void checksumIsSha256d()
    {
        const QByteArray payload = crypto::randomBytes(21);
        const auto raw = btc::decodeBase58(btc::encodeBase58Check(payload));
        QVERIFY(raw.has_value());
        QCOMPARE(*raw, payload + crypto::sha256d(payload).left(4));
    }

    void randomRoundTrips()
    {
        for (int i = 0; i < 500; ++i) {
            QByteArray bytes = crypto::randomBytes(int(QRandomGenerator::global()->bounded(0, 80)));
            const int zeros = int(QRandomGenerator::global()->bounded(0, 4));
            bytes.prepend(QByteArray(zeros, '\0'));
            QCOMPARE(*btc::decodeBase58(btc::encodeBase58(bytes)), bytes);
            QCOMPARE(*btc::decodeBase58Check(btc::encodeBase58Check(bytes)), bytes);
        }
    }

    // Garbage of every shape must come back as nullopt or a value, never a crash.
    void garbageNeverCrashes()
    {
        const QString pool = QStringLiteral("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0OIl \t\n+/=\u00e9\u0000");
        auto *rng = QRandomGenerator::global();
        int decoded = 0;
        for (int i = 0; i < 5000; ++i) {
            QString text;
            const int length = int(rng->bounded(0, 120));
            for (int j = 0; j < length; ++j)
                text.append(pool[int(rng->bounded(pool.size()))]);
            if (btc::decodeBase58(text).has_value())
                ++decoded;
            (void)btc::decodeBase58Check(text);
        }
        QVERIFY(decoded > 0); // some random strings are valid base58
    }
};

QTEST_GUILESS_MAIN(TestBase58)
#include "tst_base58.moc"
