// "Bitcoin Signed Message" against Bitcoin Core's signmessagewithprivkey vector,
// bitcoinjs-message fixtures and the Whirlpool (bitcoinj) signed-message vectors
// (tests/data/SOURCES-a.md). The signer is always checked by re-deriving the
// P2PKH address (or comparing the pubkey), as verifymessage does: recovery
// alone succeeds for an altered message too, with another key.

#include <bitcoin/base58.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/signedmessage.h>
#include <util/hex.h>

#include <testdata.h>

#include <QRandomGenerator>
#include <QTest>

using namespace wp;
using crypto::PrivKey;
using crypto::PubKey;
using crypto::SignedMessageError;

namespace {

QString p2pkhAddress(const PubKey &key, bool compressed, char version)
{
    return btc::encodeBase58Check(QByteArray(1, version) + crypto::hash160(key.serialize(compressed)));
}

/// Version byte of a base58check address (the network the vector is for).
char addressVersion(const QString &address)
{
    const auto payload = btc::decodeBase58Check(address);
    if (!payload || payload->size() != 21)
        qFatal("not a P2PKH address in a vector: %s", qPrintable(address));
    return (*payload)[0];
}

struct WifKey {
    PrivKey key;
    bool compressed;
};

WifKey fromWif(const QString &wif)
{
    const auto payload = btc::decodeBase58Check(wif);
    if (!payload || (payload->size() != 33 && !(payload->size() == 34 && payload->back() == 0x01))
        || (uchar(payload->at(0)) != 0x80 && uchar(payload->at(0)) != 0xef))
        qFatal("bad WIF in a vector: %s", qPrintable(wif));
    const auto key = PrivKey::fromBytes(payload->mid(1, 32));
    if (!key)
        qFatal("bad WIF key in a vector: %s", qPrintable(wif));
    return {*key, payload->size() == 34};
}

/// Expected verification outcome: true if recovery works and gives @p address.
bool verifiesAgainst(const QByteArray &message, const QString &signature, const QString &address)
{
    const auto signer = crypto::recoverMessageSigner(message, signature);
    if (!signer)
        return false;
    return p2pkhAddress(signer->pubKey, signer->compressed, addressVersion(address)) == address;
}

int errorCode(const QByteArray &message, const QString &signature)
{
    const auto signer = crypto::recoverMessageSigner(message, signature);
    return signer ? 0 : signer.error().code;
}

QString base64(const QByteArray &bytes) { return QString::fromLatin1(bytes.toBase64()); }

QJsonObject bitcoinjsFixtures() { return test::loadJson(QStringLiteral("bitcoinjs_message.json")).object(); }

QByteArray compactSize(quint64 n)
{
    QByteArray out;
    auto le = [&out](quint64 v, int bytes) {
        for (int i = 0; i < bytes; ++i)
            out.append(char((v >> (8 * i)) & 0xff));
    };
    if (n < 0xfd) {
        le(n, 1);
    } else if (n <= 0xffff) {
        out.append(char(0xfd));
        le(n, 2);
    } else {
        out.append(char(0xfe));
        le(n, 4);
    }
    return out;
}

} // namespace

class TestSignedMessage : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void messageHash_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("expected");
        for (const auto &item : bitcoinjsFixtures()[QLatin1String("valid")].toObject()[QLatin1String("magicHash")].toArray()) {
            const QJsonObject v = item.toObject();
            if (v[QLatin1String("network")].toString() != u"bitcoin")
                continue; // other coins use another magic string
            const QString message = v[QLatin1String("message")].toString();
            QTest::newRow(qPrintable(QStringLiteral("bitcoinjs:") + message)) << message.toUtf8()
                                                                              << v[QLatin1String("magicHash")].toString();
        }
        // Whirlpool: signatures over serialized TransactionOutputs, with the digest ("preHash") printed.
        for (const auto &item : test::loadJson(QStringLiteral("whirlpool-vectors.json")).object()[QLatin1String("signedMessage")].toArray()) {
            const QJsonObject v = item.toObject();
            if (!v.contains(QLatin1String("expected_preHash_hex")))
                continue;
            const QJsonObject source = v[QLatin1String("source")].toObject();
            QTest::newRow(qPrintable(QStringLiteral("whirlpool:") + source[QLatin1String("test")].toString()))
                << test::hex(v[QLatin1String("serialized_txout_hex")].toString())
                << v[QLatin1String("expected_preHash_hex")].toString();
        }
    }
    void messageHash()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, expected);
        QCOMPARE(util::toHex(crypto::messageHash(message)), expected);
    }

    // The length prefix is a CompactSize: check its 1/3/5-byte forms at the boundaries.
    void messageHashLengthPrefix()
    {
        const QByteArray magic = QByteArray(1, 24) + QByteArray("Bitcoin Signed Message:\n");
        for (int length : {0, 1, 252, 253, 254, 0xffff, 0x10000, 70000}) {
            const QByteArray message(length, 'm');
            QCOMPARE(crypto::messageHash(message), crypto::sha256d(magic + compactSize(quint64(length)) + message));
        }
    }

    void coreVector()
    {
        const QJsonArray vectors = test::loadJson(QStringLiteral("signmessage_core.json")).object()[QLatin1String("vectors")].toArray();
        QVERIFY(!vectors.isEmpty());
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            const WifKey wif = fromWif(v[QLatin1String("wif")].toString());
            QVERIFY(wif.compressed);
            const QByteArray message = v[QLatin1String("message")].toString().toUtf8();
            const QString signature = v[QLatin1String("signature")].toString();
            const QString address = v[QLatin1String("address_p2pkh")].toString();
            const char version = char(v[QLatin1String("p2pkh_version")].toInt());

            QCOMPARE(crypto::signMessage(wif.key, message, wif.compressed), signature);
            QCOMPARE(p2pkhAddress(wif.key.pubKey(), true, version), address);
            const auto signer = crypto::recoverMessageSigner(message, signature);
            QVERIFY(signer.has_value());
            QVERIFY(signer->compressed);
            QVERIFY(signer->pubKey == wif.key.pubKey());
            QVERIFY(verifiesAgainst(message, signature, address));
            QVERIFY(!verifiesAgainst(message + '.', signature, address));
            QCOMPARE(errorCode(message, QStringLiteral("invalid_sig")), int(SignedMessageError::MalformedBase64));
        }
    }

    void bitcoinjsSign_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("d");
        QTest::addColumn<QString>("uncompressed");
        QTest::addColumn<QString>("compressed");
        QTest::addColumn<QStringList>("segwit");
        int rows = 0;
        for (const auto &item : bitcoinjsFixtures()[QLatin1String("valid")].toObject()[QLatin1String("sign")].toArray()) {
            const QJsonObject v = item.toObject();
            if (v[QLatin1String("network")].toString() != u"bitcoin")
                continue;
            QStringList segwitSigs; // bitcoinjs-message's BIP137-style segwit variants
            for (const auto &variant : v[QLatin1String("segwit")].toObject())
                segwitSigs.append(variant.toObject()[QLatin1String("signature")].toString());
            QTest::newRow(qPrintable(v[QLatin1String("description")].toString()))
                << v[QLatin1String("message")].toString().toUtf8() << v[QLatin1String("d")].toString().toInt()
                << v[QLatin1String("signature")].toString()
                << v[QLatin1String("compressed")].toObject()[QLatin1String("signature")].toString() << segwitSigs;
            ++rows;
        }
        QVERIFY(rows >= 1);
    }
    void bitcoinjsSign()
    {
        QFETCH(QByteArray, message);
        QFETCH(int, d);
        QFETCH(QString, uncompressed);
        QFETCH(QString, compressed);
        QFETCH(QStringList, segwit);
        QByteArray secret(32, '\0');
        secret[31] = char(d);
        const auto key = PrivKey::fromBytes(secret);
        QVERIFY(key.has_value());
        QCOMPARE(crypto::signMessage(*key, message, false), uncompressed);
        QCOMPARE(crypto::signMessage(*key, message, true), compressed);
        QVERIFY(!crypto::recoverMessageSigner(message, uncompressed)->compressed);
        QVERIFY(crypto::recoverMessageSigner(message, compressed)->compressed);
        // bitcoinjs-message's segwit headers (35..42) are refused, as by Bitcoin Core and bitcoinj.
        QVERIFY(!segwit.isEmpty());
        for (const QString &sig : segwit) {
            QVERIFY(!sig.isEmpty());
            QCOMPARE(errorCode(message, sig), int(SignedMessageError::BadHeader));
        }
    }

    void bitcoinjsVerify_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<bool>("valid");
        int rows = 0;
        const QJsonObject fixtures = bitcoinjsFixtures();
        for (const auto &item : fixtures[QLatin1String("valid")].toObject()[QLatin1String("verify")].toArray()) {
            const QJsonObject v = item.toObject();
            if (v[QLatin1String("network")].toString() != u"bitcoin")
                continue;
            const QByteArray message = v[QLatin1String("message")].toString().toUtf8();
            const QJsonObject c = v[QLatin1String("compressed")].toObject();
            QTest::newRow("valid:uncompressed") << message << v[QLatin1String("address")].toString()
                                                << v[QLatin1String("signature")].toString() << true;
            QTest::newRow("valid:compressed") << message << c[QLatin1String("address")].toString()
                                              << c[QLatin1String("signature")].toString() << true;
            rows += 2;
        }
        for (const auto &item : fixtures[QLatin1String("invalid")].toObject()[QLatin1String("verify")].toArray()) {
            const QJsonObject v = item.toObject();
            QTest::newRow(qPrintable(QStringLiteral("invalid:") + v[QLatin1String("description")].toString()))
                << v[QLatin1String("message")].toString().toUtf8() << v[QLatin1String("address")].toString()
                << v[QLatin1String("signature")].toString() << false;
            ++rows;
        }
        QVERIFY(rows >= 6);
    }
    void bitcoinjsVerify()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, address);
        QFETCH(QString, signature);
        QFETCH(bool, valid);
        QCOMPARE(verifiesAgainst(message, signature, address), valid);
    }

    void bitcoinjsInvalidSignatures_data()
    {
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<int>("code");
        for (const auto &item : bitcoinjsFixtures()[QLatin1String("invalid")].toObject()[QLatin1String("signature")].toArray()) {
            const QJsonObject v = item.toObject();
            const QString exception = v[QLatin1String("exception")].toString();
            const int code = exception.contains(u"length") ? int(SignedMessageError::WrongLength)
                                                           : int(SignedMessageError::BadHeader);
            const QByteArray bytes = test::hex(v[QLatin1String("hex")].toString());
            QTest::newRow(qPrintable(QStringLiteral("%1 (%2 bytes)").arg(exception).arg(bytes.size()))) << bytes << code;
        }
    }
    void bitcoinjsInvalidSignatures()
    {
        QFETCH(QByteArray, signature);
        QFETCH(int, code);
        QCOMPARE(errorCode("vires is numeris", base64(signature)), code);
    }

    void whirlpoolVectors_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<QByteArray>("pubKey");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("wif");
        int rows = 0;
        for (const auto &item : test::loadJson(QStringLiteral("whirlpool-vectors.json")).object()[QLatin1String("signedMessage")].toArray()) {
            const QJsonObject v = item.toObject();
            const QJsonObject signer = v[QLatin1String("signer")].toObject();
            const QString signature = v[QLatin1String("signature_base64")].toString(v[QLatin1String("expected_signature_base64")].toString());
            if (signature.isEmpty())
                continue; // e.g. the serializeOutput entry: no signature
            const QByteArray message = v.contains(QLatin1String("serialized_txout_hex"))
                                           ? test::hex(v[QLatin1String("serialized_txout_hex")].toString())
                                           : v[QLatin1String("message")].toString().toUtf8();
            const QString pubKey = signer[QLatin1String("pubkey")].toString(v[QLatin1String("signer_pubkey")].toString());
            QString address = signer[QLatin1String("address_p2pkh")].toString(v[QLatin1String("address_p2pkh")].toString());
            if (address.isEmpty())
                address = v[QLatin1String("expected_signing_address")].toString();
            const QString wif = v[QLatin1String("signer_wif")].toString(signer[QLatin1String("wif")].toString());
            const QJsonObject source = v[QLatin1String("source")].toObject();
            QTest::newRow(qPrintable(source[QLatin1String("test")].toString()))
                << message << signature << test::hex(pubKey) << address << wif;
            ++rows;
        }
        QVERIFY(rows >= 5);
    }
    void whirlpoolVectors()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, signature);
        QFETCH(QByteArray, pubKey);
        QFETCH(QString, address);
        QFETCH(QString, wif);
        const auto signer = crypto::recoverMessageSigner(message, signature);
        QVERIFY(signer.has_value());
        QVERIFY(signer->compressed);
        QCOMPARE(util::toHex(signer->pubKey.serialize(true)), util::toHex(pubKey));
        QVERIFY(verifiesAgainst(message, signature, address));
        if (!wif.isEmpty()) { // RFC 6979: bitcoinj and we produce the same bytes
            const WifKey key = fromWif(wif);
            QCOMPARE(crypto::signMessage(key.key, message, key.compressed), signature);
        }
    }

    void whirlpoolNegatives_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QByteArray>("genuineMessage");
        QTest::addColumn<QString>("genuineSignature");
        QTest::addColumn<QByteArray>("genuinePubKey");
        int rows = 0;
        for (const auto &item : test::loadJson(QStringLiteral("whirlpool-vectors.json")).object()[QLatin1String("signedMessage")].toArray()) {
            const QJsonObject v = item.toObject();
            const QJsonObject signer = v[QLatin1String("signer")].toObject();
            int i = 0;
            for (const auto &negativeItem : v[QLatin1String("negative_cases")].toArray()) {
                const QJsonObject n = negativeItem.toObject();
                QVERIFY(!n[QLatin1String("expected_valid")].toBool(true));
                // Without an address of its own, a negative case is checked against the genuine signer's.
                const QString address = n[QLatin1String("address_p2pkh")].toString(signer[QLatin1String("address_p2pkh")].toString());
                QTest::newRow(qPrintable(QStringLiteral("%1#%2").arg(v[QLatin1String("source")].toObject()[QLatin1String("test")].toString()).arg(i++)))
                    << n[QLatin1String("message")].toString().toUtf8() << n[QLatin1String("signature_base64")].toString()
                    << address << v[QLatin1String("message")].toString().toUtf8()
                    << v[QLatin1String("signature_base64")].toString() << test::hex(signer[QLatin1String("pubkey")].toString());
                ++rows;
            }
        }
        QVERIFY(rows >= 3);
    }
    void whirlpoolNegatives()
    {
        QFETCH(QByteArray, message);
        QFETCH(QString, signature);
        QFETCH(QString, address);
        QFETCH(QByteArray, genuineMessage);
        QFETCH(QString, genuineSignature);
        QFETCH(QByteArray, genuinePubKey);
        QVERIFY(!verifiesAgainst(message, signature, address));
        const auto signer = crypto::recoverMessageSigner(message, signature);
        if (message == genuineMessage && signature == genuineSignature) {
            // Checked against another signer's address: the signature itself is fine.
            QVERIFY(signer.has_value());
            QVERIFY(signer->pubKey == *PubKey::fromBytes(genuinePubKey));
        } else {
            QVERIFY(!signer || !(signer->pubKey == *PubKey::fromBytes(genuinePubKey)));
        }
    }

    void roundTrip()
    {
        for (int i = 0; i < 40; ++i) {
            const PrivKey key = PrivKey::generate();
            const bool compressed = i % 2 == 0;
            const QByteArray message = i % 5 == 0 ? QByteArray() : crypto::randomBytes(1 + i * 13);
            const QString signature = crypto::signMessage(key, message, compressed);
            QCOMPARE(signature.size(), 88);
            QCOMPARE(crypto::signMessage(key, message, compressed), signature); // deterministic
            const auto signer = crypto::recoverMessageSigner(message, signature);
            QVERIFY(signer.has_value());
            QVERIFY(signer->pubKey == key.pubKey());
            QCOMPARE(signer->compressed, compressed);
            const QString address = p2pkhAddress(key.pubKey(), compressed, 0x00);
            QVERIFY(verifiesAgainst(message, signature, address));
            QVERIFY(!verifiesAgainst(message, signature, p2pkhAddress(key.pubKey(), !compressed, 0x00)));
        }
    }

    void alterations()
    {
        const PrivKey key = PrivKey::generate();
        const QByteArray message("whirlpool pool id 0.01btc");
        const QString signature = crypto::signMessage(key, message);
        const QString address = p2pkhAddress(key.pubKey(), true, 0x6f);
        QVERIFY(verifiesAgainst(message, signature, address));

        // Altered message: a different key recovers, the address check fails.
        for (const QByteArray &other : {message + ' ', message.left(message.size() - 1), QByteArray("foo"), QByteArray()}) {
            const auto signer = crypto::recoverMessageSigner(other, signature);
            QVERIFY(!signer || !(signer->pubKey == key.pubKey()));
            QVERIFY(!verifiesAgainst(other, signature, address));
        }
        // Altered signature bytes (r or s), recid, compression flag.
        const QByteArray raw = QByteArray::fromBase64(signature.toLatin1());
        for (int position : {1, 16, 32, 33, 48, 64}) {
            QByteArray bad = raw;
            bad[position] = char(bad[position] ^ 0x01);
            QVERIFY(!verifiesAgainst(message, base64(bad), address));
        }
        QByteArray flippedRecid = raw;
        flippedRecid[0] = char(flippedRecid[0] ^ 1);
        QVERIFY(!verifiesAgainst(message, base64(flippedRecid), address));
        QByteArray uncompressedFlag = raw;
        uncompressedFlag[0] = char(uncompressedFlag[0] - 4);
        QVERIFY(!verifiesAgainst(message, base64(uncompressedFlag), address));
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("signature");
        QTest::addColumn<int>("code");
        const PrivKey key = *PrivKey::fromBytes(QByteArray(31, '\0') + '\x07');
        const QString good = crypto::signMessage(key, "m");
        const QByteArray raw = QByteArray::fromBase64(good.toLatin1());
        const int malformed = int(SignedMessageError::MalformedBase64);
        QTest::newRow("empty") << QString() << malformed;
        QTest::newRow("not-base64") << QStringLiteral("invalid_sig") << malformed;
        QTest::newRow("trailing-garbage") << (good + QStringLiteral("altered")) << malformed;
        QTest::newRow("missing-padding") << good.left(87) << malformed;
        QTest::newRow("leading-space") << (u' ' + good.left(87) + u'=') << malformed;
        QTest::newRow("trailing-newline") << (good.left(84) + u'\n' + good.mid(85)) << malformed;
        QTest::newRow("inner-space") << (good.left(40) + u' ' + good.mid(41)) << malformed;
        QTest::newRow("url-safe-alphabet") << QString(good).replace(u'+', u'-').replace(u'/', u'_').replace(u'A', u'-') << malformed;
        QTest::newRow("padding-in-middle") << (good.left(40) + u'=' + good.mid(41)) << malformed;
        QTest::newRow("non-ascii") << (good.left(40) + QChar(0x00e9) + good.mid(41)) << malformed;
        QTest::newRow("nul") << (good.left(40) + QChar(0) + good.mid(41)) << malformed;
        QTest::newRow("huge-garbage") << QString(1'000'000, u'!') << malformed;
        QTest::newRow("huge-base64") << QString(1'000'000, u'A') << int(SignedMessageError::WrongLength);
        // Same data bits, but the last character's two padding bits set: not canonical.
        const QString b64 = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
        const QChar nonZeroPadding = b64[(b64.indexOf(good[86]) & ~3) | 1];
        QTest::newRow("non-canonical-tail") << (good.left(86) + nonZeroPadding + u'=') << malformed;
        QTest::newRow("64-bytes") << base64(raw.left(64)) << int(SignedMessageError::WrongLength);
        QTest::newRow("66-bytes") << base64(raw + '\0') << int(SignedMessageError::WrongLength);
        QTest::newRow("1-byte") << base64(raw.left(1)) << int(SignedMessageError::WrongLength);
        for (int header : {0, 26, 35, 36, 42, 43, 255}) {
            QByteArray bad = raw;
            bad[0] = char(header);
            QTest::newRow(qPrintable(QStringLiteral("header-%1").arg(header))) << base64(bad) << int(SignedMessageError::BadHeader);
        }
        QTest::newRow("r-zero") << base64(raw.left(1) + QByteArray(32, '\0') + raw.mid(33)) << int(SignedMessageError::RecoveryFailed);
        QTest::newRow("s-zero") << base64(raw.left(33) + QByteArray(32, '\0')) << int(SignedMessageError::RecoveryFailed);
        QTest::newRow("r-all-ff") << base64(raw.left(1) + QByteArray(32, '\xff') + raw.mid(33)) << int(SignedMessageError::RecoveryFailed);
    }
    void malformed()
    {
        QFETCH(QString, signature);
        QFETCH(int, code);
        QCOMPARE(errorCode("m", signature), code);
        const auto result = crypto::recoverMessageSigner("m", signature);
        QVERIFY(!result);
        QVERIFY(!result.error().message.isEmpty());
    }

    void garbageNeverCrashes()
    {
        auto *rng = QRandomGenerator::global();
        const QString alphabet = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \n");
        for (int i = 0; i < 3000; ++i) {
            QString text;
            const int length = i % 3 == 0 ? 88 : int(rng->bounded(0, 130));
            for (int j = 0; j < length; ++j)
                text.append(alphabet[int(rng->bounded(alphabet.size()))]);
            (void)crypto::recoverMessageSigner("garbage", text);
        }
        for (int i = 0; i < 1000; ++i) { // well-formed base64 of random 65 bytes with valid headers
            QByteArray raw = crypto::randomBytes(65);
            raw[0] = char(27 + i % 8);
            (void)crypto::recoverMessageSigner("garbage", base64(raw));
        }
    }
};

QTEST_GUILESS_MAIN(TestSignedMessage)
#include "tst_signedmessage.moc"
