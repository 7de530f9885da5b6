#include <protocol/z85.h>

#include <crypto/hash.h>
#include <util/hex.h>

#include "testdata.h"

#include <QTest>

using namespace wp;

namespace {

/// Deterministic pseudo-random bytes (SHA-512 chain), so failures reproduce.
QByteArray pseudoRandom(int length, QByteArrayView seed)
{
    QByteArray out;
    QByteArray block = crypto::sha512(seed);
    while (out.size() < length) {
        out += block;
        block = crypto::sha512(block);
    }
    return out.left(length);
}

qsizetype expectedEncodedLength(qsizetype bytes) { return (bytes * 5 + 3) / 4; }

QString vectorName(const QJsonObject &v)
{
    const QJsonObject source = v.value(u"source").toObject();
    return source.value(u"test").toString() + u':' + QString::number(source.value(u"line").toInt());
}

} // namespace

class TestZ85 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Whirlpool vectors (extlibj Z85Test, whirlpool-server CryptoServiceTest).
    void whirlpoolVectors_data()
    {
        QTest::addColumn<QByteArray>("input");          // encode vectors: the bytes to encode
        QTest::addColumn<QString>("encoded");
        QTest::addColumn<QByteArray>("decodedSha256");  // what the Java test asserts for decode
        QTest::addColumn<int>("decodedLength");

        const QJsonArray vectors = test::loadJson(QStringLiteral("whirlpool-vectors.json")).object().value(u"z85").toArray();
        QCOMPARE(vectors.size(), 3);
        for (const auto &value : vectors) {
            const QJsonObject v = value.toObject();
            const QString direction = v.value(u"direction").toString();
            if (direction == u"encode") {
                QByteArray input = v.contains(u"input_ascii") ? v.value(u"input_ascii").toString().toUtf8()
                                                              : test::hex(v.value(u"input_hex").toString());
                QCOMPARE(input.size(), v.value(u"input_length").toInt());
                const QByteArray sha = crypto::sha256(input);
                const int length = int(input.size());
                QTest::newRow(qPrintable(vectorName(v))) << input << v.value(u"expected_encoded").toString() << sha << length;
            } else {
                QCOMPARE(direction, QStringLiteral("decode"));
                QTest::newRow(qPrintable(vectorName(v)))
                    << QByteArray() << v.value(u"input_encoded").toString()
                    << test::hex(v.value(u"expected_decoded_sha256").toString())
                    << v.value(u"expected_decoded_length").toInt();
            }
        }
    }
    void whirlpoolVectors()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, encoded);
        QFETCH(QByteArray, decodedSha256);
        QFETCH(int, decodedLength);

        const auto decoded = proto::decodeZ85(encoded);
        QVERIFY(decoded.has_value());
        QCOMPARE(decoded->size(), qsizetype(decodedLength));
        QCOMPARE(crypto::sha256(*decoded), decodedSha256);
        QCOMPARE(proto::encodeZ85(*decoded), encoded);
        if (!input.isEmpty()) {
            QCOMPARE(proto::encodeZ85(input), encoded);
            QCOMPARE(*decoded, input);
        }
    }

    // The official ZeroMQ Z85 test case (input length is a multiple of 4: the
    // variant must equal strict Z85 there).
    void zeromqSpec_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoded");
        const QJsonArray vectors = test::loadJson(QStringLiteral("zeromq-z85-spec32.json")).object().value(u"vectors").toArray();
        QVERIFY(!vectors.isEmpty());
        for (const auto &value : vectors) {
            const QJsonObject v = value.toObject();
            QTest::newRow(qPrintable(v.value(u"id").toString()))
                << test::hex(v.value(u"bytes_hex").toString()) << v.value(u"encoded").toString();
        }
    }
    void zeromqSpec()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoded);
        QCOMPARE(proto::encodeZ85(bytes), encoded);
        QCOMPARE(proto::decodeZ85(encoded), std::optional<QByteArray>(bytes));
    }

    void roundTripEveryLength_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        for (int length = 0; length <= 64; ++length) {
            const QByteArray seed = QByteArray::number(length);
            QTest::newRow(qPrintable(QStringLiteral("random-%1").arg(length))) << pseudoRandom(length, seed);
            QTest::newRow(qPrintable(QStringLiteral("zeros-%1").arg(length))) << QByteArray(length, '\0');
            QTest::newRow(qPrintable(QStringLiteral("ff-%1").arg(length))) << QByteArray(length, '\xff');
        }
    }
    void roundTripEveryLength()
    {
        QFETCH(QByteArray, bytes);
        const QString encoded = proto::encodeZ85(bytes);
        QCOMPARE(encoded.size(), expectedEncodedLength(bytes.size()));
        QCOMPARE(proto::decodeZ85(encoded), std::optional<QByteArray>(bytes));
    }

    void partialGroups()
    {
        // Zeros map to '0'; a partial group of r bytes gives r + 1 characters.
        QCOMPARE(proto::encodeZ85(QByteArray(1, '\0')), QStringLiteral("00"));
        QCOMPARE(proto::encodeZ85(QByteArray(3, '\0')), QStringLiteral("0000"));
        QCOMPARE(proto::decodeZ85(u"00"), std::optional<QByteArray>(QByteArray(1, '\0')));
        // Group boundaries: 0xFFFFFFFF is the largest group value.
        QCOMPARE(proto::encodeZ85(util::hexLiteral("ffffffff")), QStringLiteral("%nSc0"));
        QCOMPARE(proto::decodeZ85(u"%nSc0"), std::optional<QByteArray>(util::hexLiteral("ffffffff")));
        // ff ff ff 00 encodes as "%nS90"; the partial group keeps 4 characters.
        QCOMPARE(proto::encodeZ85(util::hexLiteral("ffffff")), QStringLiteral("%nS9"));
        QCOMPARE(proto::decodeZ85(u"%nS9"), std::optional<QByteArray>(util::hexLiteral("ffffff")));
        QCOMPARE(proto::encodeZ85(QByteArray()), QString());
        QCOMPARE(proto::decodeZ85(QStringView()), std::optional<QByteArray>(QByteArray()));
    }

    void rejectsMalformed_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("lone-char") << QStringLiteral("0");
        QTest::newRow("group-plus-lone-char") << QStringLiteral("HelloW");
        QTest::newRow("space") << QStringLiteral("Hello World");
        QTest::newRow("newline") << QStringLiteral("Hello\nWorld");
        QTest::newRow("tab") << QStringLiteral("\tello");
        QTest::newRow("nul") << QString(QChar(0)) + QStringLiteral("0000");
        QTest::newRow("double-quote") << QStringLiteral("\"0000");
        QTest::newRow("single-quote") << QStringLiteral("'0000");
        QTest::newRow("comma") << QStringLiteral("0,000");
        QTest::newRow("semicolon") << QStringLiteral("000;0");
        QTest::newRow("backslash") << QStringLiteral("0\\000");
        QTest::newRow("underscore") << QStringLiteral("0000_");
        QTest::newRow("backtick") << QStringLiteral("`0000");
        QTest::newRow("pipe") << QStringLiteral("00|00");
        QTest::newRow("tilde") << QStringLiteral("00~00");
        QTest::newRow("del") << QStringLiteral("0000") + QChar(0x7f);
        QTest::newRow("latin1") << QStringLiteral("0000\u00e9");
        QTest::newRow("cjk") << QStringLiteral("00\u4e2d00");
        QTest::newRow("surrogate-pair") << QStringLiteral("000") + QString::fromUcs4(U"\U0001F600");
        QTest::newRow("fullwidth-zero") << QStringLiteral("0000\uff10");
        QTest::newRow("overflow-max") << QStringLiteral("#####");
        QTest::newRow("overflow-just-above") << QStringLiteral("%nSc1");
        QTest::newRow("overflow-second-group") << QStringLiteral("00000$$$$$");
        QTest::newRow("overflow-partial-group") << QStringLiteral("00000####");
    }
    void rejectsMalformed()
    {
        QFETCH(QString, text);
        QVERIFY(!proto::decodeZ85(text).has_value());
    }

    // Every prefix of a real vector (truncated transmissions) decodes to the
    // expected size or is rejected (length 1 mod 5); nothing crashes.
    void truncatedInputs()
    {
        const QJsonArray vectors = test::loadJson(QStringLiteral("whirlpool-vectors.json")).object().value(u"z85").toArray();
        const QString full = vectors.at(1).toObject().value(u"input_encoded").toString();
        QVERIFY(full.size() > 100);
        const auto fullDecoded = proto::decodeZ85(full);
        QVERIFY(fullDecoded.has_value());
        for (qsizetype n = 0; n <= full.size(); ++n) {
            const auto decoded = proto::decodeZ85(QStringView(full).left(n));
            if (n % 5 == 1) {
                QVERIFY2(!decoded.has_value(), qPrintable(QString::number(n)));
                continue;
            }
            QVERIFY2(decoded.has_value(), qPrintable(QString::number(n)));
            QCOMPARE(decoded->size(), n / 5 * 4 + std::max<qsizetype>(0, n % 5 - 1));
            // Whole groups are exact; a partial group may round its last byte.
            const qsizetype exact = n / 5 * 4;
            QCOMPARE(decoded->left(exact), fullDecoded->left(exact));
        }
    }

    // Pseudo-random strings over the alphabet plus a few foreign characters:
    // the decoder answers (value or nullopt) and never crashes; when it
    // succeeds its output size follows from the input size.
    void garbageNeverCrashes()
    {
        const QString alphabet = QStringLiteral("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
                                                " _~\u00e9\u4e2d");
        QByteArray entropy = pseudoRandom(64, "garbage");
        for (int round = 0; round < 2000; ++round) {
            entropy = crypto::sha512(entropy);
            const int length = static_cast<unsigned char>(entropy[0]) % 40;
            QString text;
            for (int i = 0; i < length; ++i)
                text.append(alphabet.at(static_cast<unsigned char>(entropy[1 + i]) % alphabet.size()));
            const auto decoded = proto::decodeZ85(text);
            if (decoded)
                QCOMPARE(decoded->size(), length / 5 * 4 + std::max(0, length % 5 - 1));
        }
    }

    void oversizedInput()
    {
        const QByteArray big = pseudoRandom(4 * 1024 * 1024 + 3, "oversized");
        const QString encoded = proto::encodeZ85(big);
        QCOMPARE(encoded.size(), expectedEncodedLength(big.size()));
        QCOMPARE(proto::decodeZ85(encoded), std::optional<QByteArray>(big));
        QVERIFY(!proto::decodeZ85(QString(1000001, QLatin1Char('#'))).has_value());
    }
};

QTEST_GUILESS_MAIN(TestZ85)
#include "tst_z85.moc"
