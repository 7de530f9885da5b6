#include <protocol/feeopreturn.h>

#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip47.h>
#include <protocol/feepayload.h>

#include <crypto/hash.h>
#include <util/hex.h>

#include "testdata.h"

#include <QTest>
#include <QtEndian>

using namespace wp;

namespace {

QJsonArray feeOpReturnVectors()
{
    return test::loadJson(QStringLiteral("whirlpool-vectors.json")).object().value(u"feeOpReturn").toArray();
}

QString vectorName(const QJsonObject &v)
{
    const QJsonObject source = v.value(u"source").toObject();
    return source.value(u"test").toString() + u':' + QString::number(source.value(u"line").toInt());
}

/// Outpoint as bitcoin serializes it: txid in internal (reversed display) order || vout LE32.
QByteArray serializeOutPoint(const QString &txidDisplayHex, quint32 index)
{
    QByteArray out = util::reversed(test::hex(txidDisplayHex));
    char le[4];
    qToLittleEndian<quint32>(index, le);
    out.append(le, 4);
    return out;
}

/// Minimal BIP39 seed + BIP32 derivation, local to this test, to obtain the
/// coordinator's BIP47 notification private key (account path, then
/// non-hardened child 0) from the secret-account mnemonic given in the vectors.
/// To be replaced by the project's bip32/bip39/bip47 code once it lands.
/// The coordinator's BIP47 notification private key (child 0 of the account
/// key at @p accountPath), derived with the real BIP39/BIP32/BIP47 code.
std::optional<crypto::PrivKey> deriveNotificationKey(const QString &words, const QString &passphrase,
                                                     const QString &accountPath)
{
    const auto master = btc::ExtendedPrivKey::fromSeed(btc::mnemonicToSeed(words, passphrase).view());
    if (!master)
        return std::nullopt;
    const auto accountKey = master->derivePath(accountPath);
    if (!accountKey)
        return std::nullopt;
    const auto account = btc::Bip47Account::fromAccountKey(*accountKey);
    if (!account)
        return std::nullopt;
    auto key = account->notificationPrivKey();
    return key ? std::optional<crypto::PrivKey>(*key) : std::nullopt;
}

crypto::PrivKey privKey(const QByteArray &bytes)
{
    auto key = crypto::PrivKey::fromBytes(bytes);
    if (!key)
        qFatal("invalid private key in test vector");
    return *key;
}

crypto::PubKey pubKey(const QByteArray &bytes)
{
    auto key = crypto::PubKey::fromBytes(bytes);
    if (!key)
        qFatal("invalid public key in test vector");
    return *key;
}

} // namespace

class TestFeeOpReturn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vectorCount()
    {
        // 4 compute (V0/V1 x 2), 4 server decode (V0/V1 x 2), 2 invalid lengths, 2 XorMask.
        QCOMPARE(feeOpReturnVectors().size(), 12);
    }

    // Client side: FeeOpReturnImplV0/V1Test#computeOpReturn.
    void compute_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QByteArray>("maskingPriv");
        QTest::addColumn<QByteArray>("maskingPub");
        QTest::addColumn<QByteArray>("notificationPub");
        QTest::addColumn<QString>("txid");
        QTest::addColumn<int>("index");
        QTest::addColumn<QByteArray>("outPoint");
        QTest::addColumn<QByteArray>("expectedPush");
        QTest::addColumn<QByteArray>("expectedScript");
        int rows = 0;
        for (const auto &value : feeOpReturnVectors()) {
            const QJsonObject v = value.toObject();
            if (!v.contains(u"expected_op_return_hex"))
                continue;
            const QJsonObject outPoint = v.value(u"masking_outpoint").toObject();
            QTest::newRow(qPrintable(vectorName(v)))
                << v.value(u"opReturnVersion").toInt() << test::hex(v.value(u"feePayload_hex").toString())
                << test::hex(v.value(u"masking_privkey_hex").toString()) << test::hex(v.value(u"masking_pubkey").toString())
                << test::hex(v.value(u"secret_account").toObject().value(u"notification_pubkey").toString())
                << outPoint.value(u"txid").toString() << outPoint.value(u"index").toInt()
                << test::hex(outPoint.value(u"serialized_hex").toString())
                << test::hex(v.value(u"expected_op_return_hex").toString())
                << test::hex(v.value(u"expected_output_script_hex").toString());
            ++rows;
        }
        QCOMPARE(rows, 4);
    }
    void compute()
    {
        QFETCH(int, version);
        QFETCH(QByteArray, payload);
        QFETCH(QByteArray, maskingPriv);
        QFETCH(QByteArray, maskingPub);
        QFETCH(QByteArray, notificationPub);
        QFETCH(QString, txid);
        QFETCH(int, index);
        QFETCH(QByteArray, outPoint);
        QFETCH(QByteArray, expectedPush);
        QFETCH(QByteArray, expectedScript);

        QCOMPARE(serializeOutPoint(txid, quint32(index)), outPoint);
        const crypto::PrivKey masking = privKey(maskingPriv);
        QCOMPARE(masking.pubKey().serialize(true), maskingPub);
        const crypto::PubKey notification = pubKey(notificationPub);

        QByteArray push;
        if (version == 0) {
            QCOMPARE(payload.size(), qsizetype(proto::kFeePayloadLengthV0));
            push = proto::computeFeeOpReturnV0(payload, masking, notification, outPoint);
        } else {
            QCOMPARE(version, 1);
            QCOMPARE(payload.size(), qsizetype(proto::kFeePayloadLengthV1));
            push = proto::computeFeeOpReturnV1(payload, masking, notification, outPoint);
            QCOMPARE(push.sliced(46, 33), maskingPub);
            QCOMPARE(push.back(), '\x01');
        }
        QCOMPARE(util::toHex(push), util::toHex(expectedPush));
        QCOMPARE(proto::detectFeeOpReturnVersion(push), std::optional(proto::FeeOpReturnVersion(version)));
        // The vector's output script is OP_RETURN + a single push of exactly these bytes
        // (0x40 for 64 bytes, OP_PUSHDATA1 0x50 for 80).
        const QByteArray pushOp = push.size() < 76 ? QByteArray(1, char(push.size()))
                                                   : QByteArray("\x4c", 1) + char(push.size());
        QCOMPARE(util::toHex(QByteArray("\x6a", 1) + pushOp + push), util::toHex(expectedScript));
    }

    // Coordinator side: FeePayloadServiceTest#decode_V0/V1, plus the compute vectors read back.
    // The notification private key is derived (test-local BIP32) from the secret account
    // mnemonic the vector names, and checked against the vector's notification pubkey.
    void unmask_data()
    {
        QTest::addColumn<QByteArray>("push");
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QString>("accountPath");
        QTest::addColumn<QByteArray>("notificationPub");
        QTest::addColumn<QByteArray>("input0Pub");
        QTest::addColumn<QByteArray>("outPoint");
        QTest::addColumn<QByteArray>("expectedPayload");
        QTest::addColumn<int>("feeIndice");
        QTest::addColumn<int>("scodePayload");
        QTest::addColumn<int>("feePartner");
        int rows = 0;
        for (const auto &value : feeOpReturnVectors()) {
            const QJsonObject v = value.toObject();
            const bool isCompute = v.contains(u"expected_op_return_hex");
            const bool isDecode = v.value(u"direction").toString().startsWith(u"decode (server");
            if (!isCompute && !isDecode)
                continue;
            const QJsonObject account = v.value(u"secret_account").toObject();
            const QJsonObject fields = v.value(isCompute ? u"feePayload_fields" : u"expected_fields").toObject();
            if (isDecode) {
                QCOMPARE(fields.value(u"opReturnVersion").toInt(), v.value(u"opReturnVersion").toInt());
                QCOMPARE(fields.value(u"feePayloadVersion").toInt(), 1);
            }
            QTest::newRow(qPrintable(vectorName(v)))
                << test::hex(v.value(isCompute ? u"expected_op_return_hex" : u"op_return_hex").toString())
                << v.value(u"opReturnVersion").toInt() << account.value(u"words").toString()
                << account.value(u"passphrase").toString() << account.value(u"bip47_path").toString()
                << test::hex(account.value(u"notification_pubkey").toString())
                << test::hex(v.value(u"masking_pubkey").toString())
                << test::hex(v.value(u"masking_outpoint").toObject().value(u"serialized_hex").toString())
                << test::hex(v.value(isCompute ? u"feePayload_hex" : u"decoded_fee_payload_hex").toString())
                << fields.value(u"feeIndice").toInt() << fields.value(u"scodePayload").toInt()
                << fields.value(u"feePartner").toInt();
            ++rows;
        }
        QCOMPARE(rows, 8);
    }
    void unmask()
    {
        QFETCH(QByteArray, push);
        QFETCH(int, version);
        QFETCH(QString, words);
        QFETCH(QString, passphrase);
        QFETCH(QString, accountPath);
        QFETCH(QByteArray, notificationPub);
        QFETCH(QByteArray, input0Pub);
        QFETCH(QByteArray, outPoint);
        QFETCH(QByteArray, expectedPayload);
        QFETCH(int, feeIndice);
        QFETCH(int, scodePayload);
        QFETCH(int, feePartner);

        const auto notificationKey = deriveNotificationKey(words, passphrase, accountPath);
        QVERIFY(notificationKey.has_value());
        QCOMPARE(util::toHex(notificationKey->pubKey().serialize(true)), util::toHex(notificationPub));

        // V0 needs input #0's public key; V1 ignores it and uses the embedded key.
        const std::optional<crypto::PubKey> input0 = version == 0 ? std::optional(pubKey(input0Pub)) : std::nullopt;
        const auto unmasked = proto::unmaskFeeOpReturn(push, *notificationKey, outPoint, input0);
        QVERIFY2(unmasked.has_value(), qPrintable(unmasked ? QString() : unmasked.error().message));
        QCOMPARE(unmasked->version, proto::FeeOpReturnVersion(version));
        QCOMPARE(util::toHex(unmasked->feePayload), util::toHex(expectedPayload));

        const auto payload = proto::FeePayloadV1::decode(
            unmasked->feePayload, version == 0 ? proto::kFeePayloadLengthV0 : proto::kFeePayloadLengthV1);
        QVERIFY(payload.has_value());
        QCOMPARE(payload->feeIndice, feeIndice);
        QCOMPARE(int(payload->scodePayload), scodePayload);
        QCOMPARE(int(payload->feePartner), feePartner);

        if (version == 0) {
            const auto noKey = proto::unmaskFeeOpReturn(push, *notificationKey, outPoint);
            QVERIFY(!noKey.has_value());
            QCOMPARE(noKey.error().code, int(proto::FeeOpReturnError::MissingInput0PubKey));
        }
        // Another outpoint gives another mask (V1: the payload no longer parses as this one).
        QByteArray otherOutPoint = outPoint;
        otherOutPoint[35] = '\x01';
        const auto wrong = proto::unmaskFeeOpReturn(push, *notificationKey, otherOutPoint, input0);
        QVERIFY(wrong.has_value());
        QVERIFY(wrong->feePayload != expectedPayload);
    }

    // FeePayloadServiceTest#decode_invalid and other shapes no format accepts.
    void rejectsUnknownFormat_data()
    {
        QTest::addColumn<QByteArray>("push");
        for (const auto &value : feeOpReturnVectors()) {
            const QJsonObject v = value.toObject();
            if (v.value(u"direction").toString() != u"decode (negative)")
                continue;
            const QByteArray push = test::hex(v.value(u"op_return_hex").toString());
            QCOMPARE(push.size(), qsizetype(v.value(u"op_return_len").toInt()));
            QTest::newRow(qPrintable(vectorName(v))) << push;
        }
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("63-bytes") << QByteArray(63, '\x01');
        QTest::newRow("65-bytes") << QByteArray(65, '\x01');
        QTest::newRow("79-bytes-ending-01") << QByteArray(79, '\x01');
        QTest::newRow("81-bytes-ending-01") << QByteArray(81, '\x01');
        QTest::newRow("80-bytes-ending-00") << QByteArray(80, '\0');
        QTest::newRow("80-bytes-ending-02") << QByteArray(79, '\0') + '\x02';
        QTest::newRow("oversized") << QByteArray(100000, '\x01');
    }
    void rejectsUnknownFormat()
    {
        QFETCH(QByteArray, push);
        QVERIFY(!proto::detectFeeOpReturnVersion(push).has_value());
        const crypto::PrivKey key = crypto::PrivKey::generate();
        const auto result = proto::unmaskFeeOpReturn(push, key, QByteArray(36, '\0'), key.pubKey());
        QVERIFY(!result.has_value());
        QCOMPARE(result.error().code, int(proto::FeeOpReturnError::UnknownFormat));
        QVERIFY(!result.error().message.isEmpty());
    }

    void rejectsBadInputs()
    {
        const crypto::PrivKey key = crypto::PrivKey::generate();
        const QByteArray outPoint(36, '\x11');
        const QByteArray payload46 = proto::FeePayloadV1{7, 0, 0}.encode(46);
        const QByteArray v1 = proto::computeFeeOpReturnV1(payload46, key.pubKey(), outPoint);
        QCOMPARE(v1.size(), qsizetype(80));

        // Outpoint of the wrong size (untrusted input on the unmasking side).
        for (int size : {0, 35, 37, 64}) {
            const auto r = proto::unmaskFeeOpReturn(v1, key, QByteArray(size, '\0'));
            QVERIFY(!r.has_value());
            QCOMPARE(r.error().code, int(proto::FeeOpReturnError::InvalidOutPoint));
        }
        // V1 whose embedded key is not a point: bad prefix, x not on the curve, uncompressed prefix.
        for (const QByteArray &badKey : {QByteArray(33, '\0'), QByteArray(1, '\x02') + QByteArray(32, '\xff'),
                                         QByteArray(1, '\x04') + v1.sliced(47, 32)}) {
            QByteArray bad = v1;
            bad.replace(46, 33, badKey);
            const auto r = proto::unmaskFeeOpReturn(bad, key, outPoint);
            QVERIFY(!r.has_value());
            QCOMPARE(r.error().code, int(proto::FeeOpReturnError::InvalidMaskingPubKey));
        }
        // Fresh ephemeral keys: two Tx0s with the same payload do not look alike, both unmask.
        const QByteArray v1b = proto::computeFeeOpReturnV1(payload46, key.pubKey(), outPoint);
        QVERIFY(v1b != v1);
        QCOMPARE(proto::unmaskFeeOpReturn(v1, key, outPoint)->feePayload, payload46);
        QCOMPARE(proto::unmaskFeeOpReturn(v1b, key, outPoint)->feePayload, payload46);
    }

    // XorMaskTest: the raw mask (64 bytes and the 50-byte maskToLength).
    void xorMask_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("expectedMasked");
        QTest::addColumn<QByteArray>("inputPriv");
        QTest::addColumn<QByteArray>("inputPub");
        QTest::addColumn<QByteArray>("notificationPub");
        QTest::addColumn<QByteArray>("outPoint");
        QTest::addColumn<QByteArray>("secretX");   // empty when the vector has none
        QTest::addColumn<QByteArray>("mask");      // empty when the vector has none
        QTest::addColumn<QString>("words");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QString>("accountPath");

        const QJsonArray vectors = feeOpReturnVectors();
        // Vectors that omit the notification pubkey name the same payment code as one that has it.
        QHash<QString, QString> notificationByPaymentCode;
        QHash<QString, QJsonObject> accountByPaymentCode;
        for (const auto &value : vectors) {
            const QJsonObject v = value.toObject();
            if (v.contains(u"payment_code_of_secret_account") && v.contains(u"notification_pubkey")) {
                notificationByPaymentCode.insert(v.value(u"payment_code_of_secret_account").toString(),
                                                 v.value(u"notification_pubkey").toString());
                accountByPaymentCode.insert(v.value(u"payment_code_of_secret_account").toString(),
                                            v.value(u"secret_account").toObject());
            }
        }
        int rows = 0;
        for (const auto &value : vectors) {
            const QJsonObject v = value.toObject();
            if (!v.contains(u"payment_code_of_secret_account"))
                continue;
            const QString paymentCode = v.value(u"payment_code_of_secret_account").toString();
            QVERIFY(notificationByPaymentCode.contains(paymentCode));
            const QJsonObject account = accountByPaymentCode.value(paymentCode);
            const QJsonObject outPoint = v.value(u"input_outpoint").toObject();
            const QByteArray serialized = serializeOutPoint(outPoint.value(u"txid").toString(),
                                                            quint32(outPoint.value(u"index").toInt()));
            if (outPoint.contains(u"serialized_hex"))
                QCOMPARE(util::toHex(serialized), outPoint.value(u"serialized_hex").toString());
            // maskUnmaskLength gives the input key in decimal only: take the hex of the
            // vector with the same decimal key.
            QByteArray inputPriv;
            for (const auto &other : vectors) {
                const QJsonObject o = other.toObject();
                if (o.value(u"input_privkey_decimal") == v.value(u"input_privkey_decimal") && o.contains(u"input_privkey_hex"))
                    inputPriv = test::hex(o.value(u"input_privkey_hex").toString());
            }
            QVERIFY(!inputPriv.isEmpty());
            QTest::newRow(qPrintable(vectorName(v)))
                << test::hex(v.value(u"data_hex").toString()) << test::hex(v.value(u"expected_masked_hex").toString())
                << inputPriv << test::hex(v.value(u"input_pubkey").toString())
                << test::hex(notificationByPaymentCode.value(paymentCode)) << serialized
                << (v.contains(u"ecdh_secret_x") ? test::hex(v.value(u"ecdh_secret_x").toString()) : QByteArray())
                << (v.contains(u"mask_hex") ? test::hex(v.value(u"mask_hex").toString()) : QByteArray())
                << account.value(u"words").toString() << account.value(u"passphrase").toString()
                << account.value(u"bip47_path").toString();
            ++rows;
        }
        QCOMPARE(rows, 2);
    }
    void xorMask()
    {
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, expectedMasked);
        QFETCH(QByteArray, inputPriv);
        QFETCH(QByteArray, inputPub);
        QFETCH(QByteArray, notificationPub);
        QFETCH(QByteArray, outPoint);
        QFETCH(QByteArray, secretX);
        QFETCH(QByteArray, mask);
        QFETCH(QString, words);
        QFETCH(QString, passphrase);
        QFETCH(QString, accountPath);

        const crypto::PrivKey input = privKey(inputPriv);
        QCOMPARE(input.pubKey().serialize(true), inputPub);
        const crypto::PubKey notification = pubKey(notificationPub);

        if (!secretX.isEmpty())
            QCOMPARE(input.ecdhX(notification).toByteArray(), secretX);
        if (!mask.isEmpty())
            QCOMPARE(util::toHex(proto::computeFeeMask(input, notification, outPoint)), util::toHex(mask));
        // mask (client side)
        QCOMPARE(util::toHex(proto::xorFeeMask(data, input, notification, outPoint)), util::toHex(expectedMasked));

        // unmask (server side) with the secret account's notification private key
        const auto notificationKey = deriveNotificationKey(words, passphrase, accountPath);
        QVERIFY(notificationKey.has_value());
        QCOMPARE(notificationKey->pubKey().serialize(true), notificationPub);
        QCOMPARE(util::toHex(proto::xorFeeMask(expectedMasked, *notificationKey, input.pubKey(), outPoint)),
                 util::toHex(data));
    }

    // Random keys, outpoints and payloads: V0 and V1 round-trip through the
    // coordinator side, and random push data never crashes the unmasker.
    void roundTripAndGarbage()
    {
        QByteArray entropy = crypto::sha512("feeopreturn");
        for (int round = 0; round < 50; ++round) {
            entropy = crypto::sha512(entropy);
            const crypto::PrivKey notificationKey = crypto::PrivKey::generate();
            const crypto::PrivKey input0Key = crypto::PrivKey::generate();
            const QByteArray outPoint = entropy.first(36);
            proto::FeePayloadV1 fields;
            fields.feeIndice = qFromBigEndian<qint32>(entropy.constData() + 36);
            fields.scodePayload = qFromBigEndian<qint16>(entropy.constData() + 40);
            fields.feePartner = qFromBigEndian<qint16>(entropy.constData() + 42);

            const QByteArray v0 = proto::computeFeeOpReturnV0(fields.encode(64), input0Key, notificationKey.pubKey(), outPoint);
            const auto u0 = proto::unmaskFeeOpReturn(v0, notificationKey, outPoint, input0Key.pubKey());
            QVERIFY(u0.has_value());
            QCOMPARE(u0->version, proto::FeeOpReturnVersion::V0);
            QVERIFY(*proto::FeePayloadV1::decode(u0->feePayload, 64) == fields);

            const QByteArray v1 = proto::computeFeeOpReturnV1(fields.encode(46), notificationKey.pubKey(), outPoint);
            const auto u1 = proto::unmaskFeeOpReturn(v1, notificationKey, outPoint);
            QVERIFY(u1.has_value());
            QCOMPARE(u1->version, proto::FeeOpReturnVersion::V1);
            QVERIFY(*proto::FeePayloadV1::decode(u1->feePayload, 46) == fields);

            // Garbage of every interesting size, including 80 bytes ending in 0x01.
            for (int size : {0, 1, 46, 63, 64, 65, 79, 80, 81}) {
                QByteArray garbage = crypto::sha512(entropy + char(size)).repeated(2).first(size);
                if (size == 80)
                    garbage[79] = '\x01';
                const auto r = proto::unmaskFeeOpReturn(garbage, notificationKey, outPoint, input0Key.pubKey());
                if (r)
                    QCOMPARE(r->feePayload.size(), qsizetype(size == 64 ? 64 : 46));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFeeOpReturn)
#include "tst_feeopreturn.moc"
