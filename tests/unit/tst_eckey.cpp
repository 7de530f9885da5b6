// secp256k1 keys against published vectors: bitcoinjs-lib ecpair.json
// (private key -> public key, address, WIF), ecdsa.json (RFC 6979 deterministic
// low-S signatures and nonces); plus high-S normalisation, tweakAdd, ECDH,
// compact-signature recovery and malformed input. Sources: tests/data/SOURCES-a.md.

#include <bitcoin/base58.h>
#include <crypto/eckey.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <util/hex.h>

#include <testdata.h>

#include <QRandomGenerator>
#include <QTest>

using namespace wp;
using crypto::PrivKey;
using crypto::PubKey;

namespace {

// The group order n of secp256k1 (SEC 2 §2.4.1).
const QByteArray kOrder = util::hexLiteral("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

/// 32-byte big-endian a - b (a >= b).
QByteArray subtract(const QByteArray &a, const QByteArray &b)
{
    QByteArray out(32, '\0');
    int borrow = 0;
    for (int i = 31; i >= 0; --i) {
        int d = uchar(a[i]) - uchar(b[i]) - borrow;
        borrow = d < 0 ? 1 : 0;
        out[i] = char(d & 0xff);
    }
    return out;
}

QByteArray leftPad32(const QByteArray &v) { return QByteArray(32 - v.size(), '\0') + v; }

/// DER INTEGER content of a big-endian magnitude, negative as two's complement.
QByteArray derInteger(QByteArray magnitude, bool negative)
{
    while (magnitude.size() > 1 && magnitude[0] == '\0')
        magnitude.remove(0, 1);
    QByteArray body = magnitude;
    if (negative) {
        body.prepend('\0'); // room for the sign
        for (auto &c : body)
            c = char(~uchar(c));
        for (qsizetype i = body.size() - 1; i >= 0; --i) { // +1
            body[i] = char(uchar(body[i]) + 1);
            if (body[i] != '\0')
                break;
        }
        while (body.size() > 1 && uchar(body[0]) == 0xff && (uchar(body[1]) & 0x80))
            body.remove(0, 1);
    } else if (uchar(body[0]) & 0x80) {
        body.prepend('\0');
    }
    return QByteArray(1, 0x02) + char(body.size()) + body;
}

QByteArray derSignature(const QByteArray &r, bool rNegative, const QByteArray &s, bool sNegative)
{
    const QByteArray content = derInteger(r, rNegative) + derInteger(s, sNegative);
    return QByteArray(1, 0x30) + char(content.size()) + content;
}

/// (r, s) of a strict DER signature as 32-byte values.
std::pair<QByteArray, QByteArray> parseDer(const QByteArray &der)
{
    const int rLength = uchar(der[3]);
    const QByteArray r = der.mid(4, rLength);
    const int sLength = uchar(der[4 + rLength + 1]);
    const QByteArray s = der.mid(4 + rLength + 2, sLength);
    auto strip = [](QByteArray v) { return v.size() > 32 ? v.right(32) : leftPad32(v); };
    return {strip(r), strip(s)};
}

QByteArray xOf(const PubKey &key) { return key.serialize(true).mid(1); }

PrivKey privKey(const QString &hex)
{
    auto key = PrivKey::fromBytes(test::hex(hex));
    if (!key)
        qFatal("invalid private key in a vector: %s", qPrintable(hex));
    return *key;
}

QJsonObject loadObject(const char *file) { return test::loadJson(QString::fromLatin1(file)).object(); }

} // namespace

class TestEcKey : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // d -> Q, P2PKH address and WIF (exercises hash160 and base58check on the way).
    void pubKeyDerivation_data()
    {
        QTest::addColumn<QByteArray>("d");
        QTest::addColumn<QByteArray>("q");
        QTest::addColumn<bool>("compressed");
        QTest::addColumn<bool>("mainnet");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("wif");
        const QJsonArray vectors = loadObject("bitcoinjs_ecpair.json")[QLatin1String("valid")].toArray();
        QVERIFY(vectors.size() >= 8);
        int i = 0;
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            const QString network = v[QLatin1String("network")].toString();
            QVERIFY(network == u"bitcoin" || network == u"testnet");
            QTest::newRow(qPrintable(QStringLiteral("%1-%2").arg(i++).arg(v[QLatin1String("address")].toString())))
                << test::hex(v[QLatin1String("d")].toString()) << test::hex(v[QLatin1String("Q")].toString())
                << v[QLatin1String("compressed")].toBool() << (network == u"bitcoin")
                << v[QLatin1String("address")].toString() << v[QLatin1String("WIF")].toString();
        }
    }
    void pubKeyDerivation()
    {
        QFETCH(QByteArray, d);
        QFETCH(QByteArray, q);
        QFETCH(bool, compressed);
        QFETCH(bool, mainnet);
        QFETCH(QString, address);
        QFETCH(QString, wif);
        const auto key = PrivKey::fromBytes(d);
        QVERIFY(key.has_value());
        QCOMPARE(key->bytes().toByteArray(), d);
        const PubKey pub = key->pubKey();
        QCOMPARE(pub.serialize(compressed), q);
        const auto parsed = PubKey::fromBytes(q);
        QVERIFY(parsed.has_value());
        QVERIFY(*parsed == pub);
        QCOMPARE(parsed->serialize(compressed), q);

        const char p2pkhVersion = mainnet ? char(0x00) : char(0x6f);
        QCOMPARE(btc::encodeBase58Check(QByteArray(1, p2pkhVersion) + crypto::hash160(q)), address);
        QByteArray wifPayload = QByteArray(1, mainnet ? char(0x80) : char(0xef)) + d;
        if (compressed)
            wifPayload.append(char(0x01));
        QCOMPARE(btc::encodeBase58Check(wifPayload), wif);
    }

    void invalidPrivKeys_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QJsonArray vectors = loadObject("bitcoinjs_ecpair.json")[QLatin1String("invalid")].toObject()[QLatin1String("fromPrivateKey")].toArray();
        int rows = 0;
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            if (v.contains(QLatin1String("options"))) // about the JS API's options, not the key
                continue;
            QTest::newRow(qPrintable(v[QLatin1String("d")].toString())) << test::hex(v[QLatin1String("d")].toString());
            ++rows;
        }
        QVERIFY(rows >= 3);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("31-bytes") << QByteArray(31, '\x01');
        QTest::newRow("33-bytes") << QByteArray(33, '\x01');
        QTest::newRow("all-ff") << QByteArray(32, '\xff');
    }
    void invalidPrivKeys()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!PrivKey::fromBytes(bytes).has_value());
    }

    void invalidPubKeys_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QJsonArray vectors = loadObject("bitcoinjs_ecpair.json")[QLatin1String("invalid")].toObject()[QLatin1String("fromPublicKey")].toArray();
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            if (v[QLatin1String("exception")].toString().contains(u"network")) // a JS API option, the key is valid
                continue;
            const QString q = v[QLatin1String("Q")].toString();
            QTest::newRow(qPrintable(v[QLatin1String("description")].toString(QStringLiteral("Q=") + q.left(20)))) << test::hex(q);
        }
        const QByteArray g = util::hexLiteral("0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                                              "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
        QByteArray offCurve = g;
        offCurve[64] = char(offCurve[64] ^ 1);
        QTest::newRow("uncompressed-off-curve") << offCurve;
        QByteArray badPrefix = g.left(33);
        badPrefix[0] = 0x05;
        QTest::newRow("prefix-05") << badPrefix;
        QByteArray zeroPrefix = g.left(33);
        zeroPrefix[0] = 0x00;
        QTest::newRow("prefix-00") << zeroPrefix;
        QTest::newRow("infinity") << QByteArray(1, '\0');
        QTest::newRow("x-equals-p") << util::hexLiteral("02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
        QTest::newRow("32-bytes") << g.mid(1, 32);
        QTest::newRow("34-bytes") << g.left(34);
        QTest::newRow("64-bytes") << g.mid(1);
        QTest::newRow("66-bytes") << (g + '\x00');
    }
    void invalidPubKeys()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!PubKey::fromBytes(bytes).has_value());
    }

    // RFC 6979 deterministic ECDSA over sha256(message): exact DER, low-S, and
    // r = x(k·G) with the vector's nonce k; compact form and key recovery.
    void ecdsaVectors_data()
    {
        QTest::addColumn<QString>("d");
        QTest::addColumn<QString>("k");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("r");
        QTest::addColumn<QByteArray>("s");
        const QJsonArray vectors = loadObject("bitcoinjs_ecdsa.json")[QLatin1String("valid")].toObject()[QLatin1String("ecdsa")].toArray();
        QVERIFY(vectors.size() >= 7);
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            const QJsonObject sig = v[QLatin1String("signature")].toObject();
            const QString message = v[QLatin1String("message")].toString();
            QTest::newRow(qPrintable(message.left(40))) << v[QLatin1String("d")].toString() << v[QLatin1String("k")].toString()
                                                        << message.toUtf8() << test::hex(sig[QLatin1String("r")].toString())
                                                        << test::hex(sig[QLatin1String("s")].toString());
        }
    }
    void ecdsaVectors()
    {
        QFETCH(QString, d);
        QFETCH(QString, k);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, r);
        QFETCH(QByteArray, s);
        const PrivKey key = privKey(QString(64 - d.size(), u'0') + d);
        const PubKey pub = key.pubKey();
        const QByteArray hash = crypto::sha256(message);

        const QByteArray der = key.signDer(hash);
        QCOMPARE(util::toHex(der), util::toHex(derSignature(r, false, s, false)));
        QVERIFY(pub.verifyDer(hash, der));
        QCOMPARE(xOf(privKey(k).pubKey()), r); // the signature used the vector's RFC 6979 nonce

        const QByteArray compact = key.signCompact(hash, true);
        QCOMPARE(compact.size(), 65);
        QCOMPARE(compact.mid(1), r + s);
        QVERIFY(uchar(compact[0]) == 31 || uchar(compact[0]) == 32);
        bool compressed = false;
        const auto recovered = crypto::recoverCompact(hash, compact, &compressed);
        QVERIFY(recovered.has_value());
        QVERIFY(*recovered == pub);
        QVERIFY(compressed);

        const QByteArray uncompressedForm = key.signCompact(hash, false);
        QCOMPARE(uchar(uncompressedForm[0]), uchar(compact[0]) - 4);
        QCOMPARE(uncompressedForm.mid(1), compact.mid(1));
        QVERIFY(*crypto::recoverCompact(hash, uncompressedForm, &compressed) == pub);
        QVERIFY(!compressed);

        // The other recovery id gives another key (or none).
        QByteArray otherRecid = compact;
        otherRecid[0] = char(uchar(compact[0]) ^ 1);
        const auto other = crypto::recoverCompact(hash, otherRecid);
        QVERIFY(!other.has_value() || !(*other == pub));

        // High-S form of the same signature: normalised and accepted (Core's CPubKey::Verify semantics).
        const QByteArray highS = derSignature(r, false, subtract(kOrder, s), false);
        QVERIFY(highS != der);
        QVERIFY(pub.verifyDer(hash, highS));

        // Anything else fails.
        QByteArray otherHash = hash;
        otherHash[0] = char(otherHash[0] ^ 1);
        QVERIFY(!pub.verifyDer(otherHash, der));
        QVERIFY(!privKey(QStringLiteral("0000000000000000000000000000000000000000000000000000000000000003")).pubKey().verifyDer(hash, der));
    }

    // bitcoinjs rfc6979 vectors give the first nonce k0 for (d, sha256(message)):
    // our signature's r must be x(k0·G).
    void rfc6979Nonces_data()
    {
        QTest::addColumn<QString>("d");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QString>("k0");
        const QJsonArray vectors = loadObject("bitcoinjs_ecdsa.json")[QLatin1String("valid")].toObject()[QLatin1String("rfc6979")].toArray();
        QVERIFY(vectors.size() >= 10);
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            const QString message = v[QLatin1String("message")].toString();
            QTest::newRow(qPrintable(message)) << v[QLatin1String("d")].toString() << message.toUtf8()
                                               << v[QLatin1String("k0")].toString();
        }
    }
    void rfc6979Nonces()
    {
        QFETCH(QString, d);
        QFETCH(QByteArray, message);
        QFETCH(QString, k0);
        const QByteArray hash = crypto::sha256(message);
        const QByteArray der = privKey(d).signDer(hash);
        QCOMPARE(util::toHex(parseDer(der).first), util::toHex(xOf(privKey(k0).pubKey())));
        QVERIFY(privKey(d).pubKey().verifyDer(hash, der));
    }

    void invalidDer_data()
    {
        QTest::addColumn<QString>("d");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("der");
        const QJsonArray vectors = loadObject("bitcoinjs_ecdsa.json")[QLatin1String("invalid")].toObject()[QLatin1String("verify")].toArray();
        QVERIFY(vectors.size() >= 8);
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            QByteArray der;
            if (v.contains(QLatin1String("signature"))) {
                der = test::hex(v[QLatin1String("signature")].toString());
            } else {
                const QJsonObject raw = v[QLatin1String("signatureRaw")].toObject();
                QString r = raw[QLatin1String("r")].toString();
                QString s = raw[QLatin1String("s")].toString();
                const bool rNeg = r.startsWith(u'-');
                const bool sNeg = s.startsWith(u'-');
                der = derSignature(test::hex(rNeg ? r.mid(1) : r), rNeg, test::hex(sNeg ? s.mid(1) : s), sNeg);
            }
            QTest::newRow(qPrintable(v[QLatin1String("description")].toString()))
                << v[QLatin1String("d")].toString() << v[QLatin1String("message")].toString().toUtf8() << der;
        }
    }
    void invalidDer()
    {
        QFETCH(QString, d);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, der);
        const PubKey pub = privKey(QString(64 - d.size(), u'0') + d).pubKey();
        QVERIFY(!pub.verifyDer(crypto::sha256(message), der));
    }

    // Malformed DER and wrong digest sizes: false, never a crash.
    void garbageDer()
    {
        const PrivKey key = PrivKey::generate();
        const PubKey pub = key.pubKey();
        const QByteArray hash = crypto::sha256("garbage");
        const QByteArray der = key.signDer(hash);
        QVERIFY(pub.verifyDer(hash, der));

        QVERIFY(!pub.verifyDer(hash, QByteArray()));
        QVERIFY(!pub.verifyDer(hash.left(31), der));
        QVERIFY(!pub.verifyDer(hash + 'x', der));
        QVERIFY(!pub.verifyDer(QByteArray(), der));
        for (qsizetype cut = 0; cut < der.size(); ++cut)
            QVERIFY(!pub.verifyDer(hash, der.left(cut)));
        QVERIFY(!pub.verifyDer(hash, der + '\x00'));
        QVERIFY(!pub.verifyDer(hash, der + '\x01')); // sighash byte: not part of strict DER
        QByteArray wrongTag = der;
        wrongTag[0] = 0x31;
        QVERIFY(!pub.verifyDer(hash, wrongTag));
        QByteArray wrongLength = der;
        wrongLength[1] = char(wrongLength[1] + 1);
        QVERIFY(!pub.verifyDer(hash, wrongLength));
        QVERIFY(!pub.verifyDer(hash, key.signCompact(hash).mid(1))); // 64-byte compact is not DER
        for (int i = 0; i < 2000; ++i) {
            const int size = int(QRandomGenerator::global()->bounded(0, 80));
            QByteArray random = size ? crypto::randomBytes(size) : QByteArray();
            if (i % 2 && size > 2) { // plausible-looking header
                random[0] = 0x30;
                random[1] = char(size - 2);
            }
            QVERIFY(!pub.verifyDer(hash, random));
        }
    }

    void tweakAdd()
    {
        const PrivKey one = privKey(QStringLiteral("0000000000000000000000000000000000000000000000000000000000000001"));
        const QByteArray nMinus1 = util::hexLiteral("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
        const QByteArray nMinus2 = util::hexLiteral("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413f");

        // 1 + (n - 2) = n - 1, whose public key is -G (bitcoinjs ecpair vector d = n - 1).
        const auto sum = one.tweakAdd(nMinus2);
        QVERIFY(sum.has_value());
        QCOMPARE(sum->bytes().toByteArray(), nMinus1);
        const QByteArray minusG = util::hexLiteral("0379be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
        QCOMPARE(sum->pubKey().serialize(), minusG);
        QCOMPARE(one.pubKey().tweakAdd(nMinus2)->serialize(), minusG);

        // Results at 0 / infinity and tweaks >= n are refused.
        QVERIFY(!one.tweakAdd(nMinus1).has_value());
        QVERIFY(!one.pubKey().tweakAdd(nMinus1).has_value());
        QVERIFY(!one.tweakAdd(kOrder).has_value());
        QVERIFY(!one.pubKey().tweakAdd(kOrder).has_value());
        QVERIFY(!one.tweakAdd(QByteArray(32, '\xff')).has_value());
        QVERIFY(!one.tweakAdd(QByteArray(31, '\x01')).has_value());
        QVERIFY(!one.pubKey().tweakAdd(QByteArray(33, '\x01')).has_value());

        // Homomorphism on random keys: (d + t)·G == d·G + t·G; tweak 0 is the identity.
        for (int i = 0; i < 50; ++i) {
            const PrivKey d = PrivKey::generate();
            const QByteArray t = PrivKey::generate().bytes().toByteArray();
            const auto privSum = d.tweakAdd(t);
            const auto pubSum = d.pubKey().tweakAdd(t);
            QVERIFY(privSum && pubSum);
            QVERIFY(privSum->pubKey() == *pubSum);
            QVERIFY(*d.pubKey().tweakAdd(QByteArray(32, '\0')) == d.pubKey());
        }
    }

    void ecdh()
    {
        // 1·Q = Q and (n-1)·G = -G share G's x coordinate.
        const PrivKey one = privKey(QStringLiteral("0000000000000000000000000000000000000000000000000000000000000001"));
        const QJsonArray vectors = loadObject("bitcoinjs_ecpair.json")[QLatin1String("valid")].toArray();
        for (const auto &item : vectors) {
            const auto q = PubKey::fromBytes(test::hex(item.toObject()[QLatin1String("Q")].toString()));
            QVERIFY(q.has_value());
            QCOMPARE(one.ecdhX(*q).toByteArray(), xOf(*q));
        }
        const PrivKey nMinus1 = privKey(QStringLiteral("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140"));
        QCOMPARE(nMinus1.ecdhX(one.pubKey()).toByteArray(), xOf(one.pubKey()));

        for (int i = 0; i < 50; ++i) {
            const PrivKey a = PrivKey::generate();
            const PrivKey b = PrivKey::generate();
            const crypto::SecureBytes ab = a.ecdhX(b.pubKey());
            QCOMPARE(ab.size(), size_t(32));
            QVERIFY(ab == b.ecdhX(a.pubKey()));
            // A third party's key gives another secret.
            QVERIFY(!(ab == PrivKey::generate().ecdhX(b.pubKey())));
        }
    }

    void recoverCompactRejects()
    {
        const PrivKey key = PrivKey::generate();
        const QByteArray hash = crypto::sha256("recover");
        const QByteArray sig = key.signCompact(hash);
        QVERIFY(crypto::recoverCompact(hash, sig).has_value());

        QVERIFY(!crypto::recoverCompact(hash, sig.left(64)).has_value());
        QVERIFY(!crypto::recoverCompact(hash, sig + 'x').has_value());
        QVERIFY(!crypto::recoverCompact(hash.left(31), sig).has_value());
        QVERIFY(!crypto::recoverCompact(QByteArray(), sig).has_value());
        QVERIFY(!crypto::recoverCompact(hash, QByteArray()).has_value());
        for (int header : {0, 26, 35, 42, 43, 255}) {
            QByteArray bad = sig;
            bad[0] = char(header);
            QVERIFY2(!crypto::recoverCompact(hash, bad).has_value(), qPrintable(QString::number(header)));
        }
        // r = 0, s = 0, r = n, s = n
        const QByteArray header = sig.left(1);
        QVERIFY(!crypto::recoverCompact(hash, header + QByteArray(32, '\0') + sig.mid(33)).has_value());
        QVERIFY(!crypto::recoverCompact(hash, sig.left(33) + QByteArray(32, '\0')).has_value());
        QVERIFY(!crypto::recoverCompact(hash, header + kOrder + sig.mid(33)).has_value());
        QVERIFY(!crypto::recoverCompact(hash, sig.left(33) + kOrder).has_value());
        for (int i = 0; i < 500; ++i) {
            QByteArray random = crypto::randomBytes(65);
            random[0] = char(27 + i % 8);
            (void)crypto::recoverCompact(hash, random); // any answer, no crash
        }
    }
};

QTEST_GUILESS_MAIN(TestEcKey)
#include "tst_eckey.moc"
