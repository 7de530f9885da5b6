#include <protocol/feepayload.h>

#include <util/hex.h>

#include "testdata.h"

#include <QTest>

using namespace wp;

namespace {

QString vectorName(const QJsonObject &v)
{
    const QJsonObject source = v.value(u"source").toObject();
    return source.value(u"test").toString() + u':' + QString::number(source.value(u"line").toInt());
}

QByteArray bytesOf(const QJsonValue &array)
{
    QByteArray out;
    for (const auto &b : array.toArray())
        out.append(char(b.toInt()));
    return out;
}

QJsonArray feePayloadVectors()
{
    return test::loadJson(QStringLiteral("whirlpool-vectors.json")).object().value(u"feePayload").toArray();
}

} // namespace

class TestFeePayload : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vectorCount()
    {
        // 18 compute+parse vectors, 2 legacy decode negatives, 2 legacy encode
        // negatives. The latter pass a byte[] of the wrong size as the legacy
        // 2-byte feePayload argument of WhirlpoolFee#encodeBytes; our
        // scodePayload is a qint16, so that input cannot be constructed (the
        // type rules it out) and those two have no row below.
        int computeParse = 0, decodeNegative = 0, encodeNegative = 0;
        for (const auto &value : feePayloadVectors()) {
            const QString direction = value.toObject().value(u"direction").toString();
            if (direction.startsWith(u"compute+parse"))
                ++computeParse;
            else if (direction == u"decode (negative)")
                ++decodeNegative;
            else if (direction == u"encode (negative)")
                ++encodeNegative;
        }
        QCOMPARE(computeParse, 18);
        QCOMPARE(decodeNegative, 2);
        QCOMPARE(encodeNegative, 2);
    }

    void computeAndParse_data()
    {
        QTest::addColumn<int>("feeIndice");
        QTest::addColumn<int>("scodePayload");
        QTest::addColumn<int>("feePartner");
        QTest::addColumn<int>("length");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<bool>("hasLegacy");
        QTest::addColumn<QByteArray>("legacyArg");        // legacy 2-byte feePayload passed to encodeBytes
        QTest::addColumn<QByteArray>("legacyDecoded");    // what legacy decodeBytes returned (empty = null)

        for (const auto &value : feePayloadVectors()) {
            const QJsonObject v = value.toObject();
            if (!v.value(u"direction").toString().startsWith(u"compute+parse"))
                continue;
            QCOMPARE(v.value(u"feeVersion").toInt(), 1);
            const bool hasLegacy = v.contains(u"legacy_feePayload_arg");
            QTest::newRow(qPrintable(vectorName(v)))
                << v.value(u"feeIndice").toInt() << v.value(u"scodePayload").toInt() << v.value(u"feePartner").toInt()
                << v.value(u"length").toInt() << test::hex(v.value(u"expected_hex").toString()) << hasLegacy
                << bytesOf(v.value(u"legacy_feePayload_arg")) << bytesOf(v.value(u"legacy_expected_feePayload"));
        }
    }
    void computeAndParse()
    {
        QFETCH(int, feeIndice);
        QFETCH(int, scodePayload);
        QFETCH(int, feePartner);
        QFETCH(int, length);
        QFETCH(QByteArray, expected);
        QFETCH(bool, hasLegacy);
        QFETCH(QByteArray, legacyArg);
        QFETCH(QByteArray, legacyDecoded);

        proto::FeePayloadV1 payload;
        payload.feeIndice = feeIndice;
        payload.scodePayload = qint16(scodePayload);
        payload.feePartner = qint16(feePartner);

        QCOMPARE(expected.size(), qsizetype(length));
        QCOMPARE(util::toHex(payload.encode(length)), util::toHex(expected));

        const auto parsed = proto::FeePayloadV1::decode(expected);
        QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->feeIndice, payload.feeIndice);
        QCOMPARE(parsed->scodePayload, payload.scodePayload);
        QCOMPARE(parsed->feePartner, payload.feePartner);
        QVERIFY(*parsed == payload);
        QVERIFY(proto::FeePayloadV1::decode(expected, length).has_value());

        if (hasLegacy) {
            // Legacy WhirlpoolFee (64 bytes): its 2-byte feePayload sits in the
            // scodePayload slot (null meant 00 00) and the partner slot is zero.
            QCOMPARE(length, 64);
            QCOMPARE(feePartner, 0);
            const QByteArray scodeSlot = expected.mid(6, 2);
            QCOMPARE(scodeSlot, legacyArg.isEmpty() ? QByteArray(2, '\0') : legacyArg);
            QCOMPARE(legacyDecoded.isEmpty() ? QByteArray(2, '\0') : legacyDecoded, scodeSlot);
            QCOMPARE(legacyDecoded.isEmpty(), scodePayload == 0);
        }
    }

    void legacyDecodeRejectsLength_data()
    {
        QTest::addColumn<QByteArray>("input");
        for (const auto &value : feePayloadVectors()) {
            const QJsonObject v = value.toObject();
            if (v.value(u"direction").toString() != u"decode (negative)")
                continue;
            const QByteArray input = test::hex(v.value(u"input_hex").toString());
            QCOMPARE(input.size(), qsizetype(v.value(u"length").toInt()));
            QTest::newRow(qPrintable(vectorName(v))) << input;
        }
    }
    void legacyDecodeRejectsLength()
    {
        // The legacy decoder accepted exactly 64 bytes, as the OP_RETURN V0
        // format still does.
        QFETCH(QByteArray, input);
        const auto parsed = proto::FeePayloadV1::decode(input, 64);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().code, int(proto::FeePayloadV1::DecodeError::WrongLength));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("code");
        QTest::newRow("empty") << QByteArray() << int(proto::FeePayloadV1::DecodeError::TooShort);
        QTest::newRow("9-bytes") << util::hexLiteral("000100000001000100") << int(proto::FeePayloadV1::DecodeError::TooShort);
        QTest::newRow("version-0") << util::hexLiteral("00000000000100010000") << int(proto::FeePayloadV1::DecodeError::UnknownVersion);
        QTest::newRow("version-2") << util::hexLiteral("00020000000100010000") << int(proto::FeePayloadV1::DecodeError::UnknownVersion);
        QTest::newRow("version-0100") << util::hexLiteral("01000000000100010000") << int(proto::FeePayloadV1::DecodeError::UnknownVersion);
        QTest::newRow("version-ffff") << QByteArray(64, '\xff') << int(proto::FeePayloadV1::DecodeError::UnknownVersion);
    }
    void rejects()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, code);
        const auto parsed = proto::FeePayloadV1::decode(input);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().code, code);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void extremesRoundTrip()
    {
        const proto::FeePayloadV1 payload{-1, -32768, 32767};
        const QByteArray bytes = payload.encode(46);
        QCOMPARE(util::toHex(bytes.left(10)), QStringLiteral("0001ffffffff80007fff"));
        QCOMPARE(bytes.mid(10), QByteArray(36, '\0'));
        const auto parsed = proto::FeePayloadV1::decode(bytes, 46);
        QVERIFY(parsed.has_value());
        QVERIFY(*parsed == payload);
        // Minimum length, and padding that is not zero is ignored (as in Java).
        QVERIFY(proto::FeePayloadV1::decode(payload.encode(proto::FeePayloadV1::kMinLength)).has_value());
        QByteArray dirty = bytes;
        dirty[45] = '\x7f';
        QVERIFY(*proto::FeePayloadV1::decode(dirty) == payload);
        QVERIFY(!proto::FeePayloadV1::decode(bytes, 64).has_value());
    }

    void garbageNeverCrashes()
    {
        for (int length = 0; length <= 80; ++length) {
            for (int fill : {0x00, 0x01, 0x7f, 0xff}) {
                const auto parsed = proto::FeePayloadV1::decode(QByteArray(length, char(fill)));
                QCOMPARE(parsed.has_value(), false); // version is never 0x0001 for a uniform fill
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFeePayload)
#include "tst_feepayload.moc"
