// Hash functions against their official known-answer vectors
// (tests/data/hash_vectors.json, bitcoinjs_crypto.json; sources in SOURCES-a.md),
// plus HMAC and PBKDF2 against their definitions and SHA-2 against OpenSSL's
// one-shot functions on random inputs.

#include <crypto/hash.h>
#include <crypto/random.h>
#include <util/hex.h>

#include <testdata.h>

#include <QTest>

#include <openssl/sha.h>

using namespace wp;

namespace {

QByteArray vectorInput(const QJsonObject &v)
{
    const QByteArray unit = v.contains(QLatin1String("hex")) ? test::hex(v[QLatin1String("hex")].toString())
                                                             : v[QLatin1String("ascii")].toString().toLatin1();
    return unit.repeated(v[QLatin1String("repeat")].toInt(1));
}

QJsonArray group(const char *name)
{
    static const QJsonObject doc = test::loadJson(QStringLiteral("hash_vectors.json")).object();
    const QJsonArray vectors = doc[QLatin1String(name)].toObject()[QLatin1String("vectors")].toArray();
    if (vectors.isEmpty())
        qFatal("hash_vectors.json: group %s is missing", name);
    return vectors;
}

/// HMAC straight from its definition (RFC 2104) over our own hash function.
QByteArray hmacByDefinition(QByteArray (*hash)(QByteArrayView), int blockSize, QByteArray key, QByteArrayView data)
{
    if (key.size() > blockSize)
        key = hash(key);
    key.append(QByteArray(blockSize - key.size(), '\0'));
    QByteArray inner(blockSize, Qt::Uninitialized);
    QByteArray outer(blockSize, Qt::Uninitialized);
    for (int i = 0; i < blockSize; ++i) {
        inner[i] = char(key[i] ^ 0x36);
        outer[i] = char(key[i] ^ 0x5c);
    }
    return hash(outer + hash(inner + data.toByteArray()));
}

/// PBKDF2 (RFC 8018 §5.2) from its definition over our HMAC-SHA512.
QByteArray pbkdf2ByDefinition(const QByteArray &password, const QByteArray &salt, int iterations, int length)
{
    QByteArray out;
    for (quint32 block = 1; out.size() < length; ++block) {
        QByteArray index(4, '\0');
        index[0] = char(block >> 24);
        index[1] = char(block >> 16);
        index[2] = char(block >> 8);
        index[3] = char(block);
        QByteArray u = crypto::hmacSha512(password, salt + index);
        QByteArray t = u;
        for (int i = 1; i < iterations; ++i) {
            u = crypto::hmacSha512(password, u);
            for (int j = 0; j < t.size(); ++j)
                t[j] = char(t[j] ^ u[j]);
        }
        out.append(t);
    }
    return out.left(length);
}

QByteArray randomInput(int size) { return size == 0 ? QByteArray() : crypto::randomBytes(size); }

} // namespace

class TestHash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void digests_data()
    {
        QTest::addColumn<QString>("algorithm");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        for (const char *algorithm : {"sha256", "sha512", "ripemd160"}) {
            for (const auto &item : group(algorithm)) {
                const QJsonObject v = item.toObject();
                const QString id = QLatin1String(algorithm) + u':' + v[QLatin1String("id")].toString();
                QTest::newRow(qPrintable(id)) << QString::fromLatin1(algorithm) << vectorInput(v)
                                              << v[QLatin1String("expected")].toString();
            }
        }
    }
    void digests()
    {
        QFETCH(QString, algorithm);
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        QByteArray digest;
        if (algorithm == u"sha256")
            digest = crypto::sha256(input);
        else if (algorithm == u"sha512")
            digest = crypto::sha512(input);
        else
            digest = crypto::ripemd160(input);
        QCOMPARE(util::toHex(digest), expected);
    }

    void hmac_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("truncate");
        QTest::addColumn<QString>("expected");
        for (const auto &[name, bits] : {std::pair{"hmac_sha256", 256}, std::pair{"hmac_sha512", 512}}) {
            for (const auto &item : group(name)) {
                const QJsonObject v = item.toObject();
                const QString id = QLatin1String(name) + u':' + v[QLatin1String("id")].toString();
                QTest::newRow(qPrintable(id)) << bits << test::hex(v[QLatin1String("key")].toString())
                                              << test::hex(v[QLatin1String("data")].toString())
                                              << v[QLatin1String("truncate")].toInt(0)
                                              << v[QLatin1String("expected")].toString();
            }
        }
    }
    void hmac()
    {
        QFETCH(int, bits);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(int, truncate);
        QFETCH(QString, expected);
        QByteArray mac = bits == 256 ? crypto::hmacSha256(key, data) : crypto::hmacSha512(key, data);
        QCOMPARE(mac.size(), bits / 8);
        if (truncate > 0) // RFC 4231 test case 5 lists only the first 128 bits
            mac.truncate(truncate);
        QCOMPARE(util::toHex(mac), expected);
    }

    void pbkdf2_data()
    {
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<QByteArray>("salt");
        QTest::addColumn<int>("iterations");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("expected");
        for (const auto &item : group("pbkdf2_hmac_sha512")) {
            const QJsonObject v = item.toObject();
            QTest::newRow(qPrintable(v[QLatin1String("id")].toString()))
                << v[QLatin1String("password")].toString().toUtf8() << v[QLatin1String("salt")].toString().toUtf8()
                << v[QLatin1String("iterations")].toInt() << v[QLatin1String("length")].toInt()
                << v[QLatin1String("expected")].toString();
        }
    }
    void pbkdf2()
    {
        QFETCH(QByteArray, password);
        QFETCH(QByteArray, salt);
        QFETCH(int, iterations);
        QFETCH(int, length);
        QFETCH(QString, expected);
        QCOMPARE(util::toHex(crypto::pbkdf2HmacSha512(password, salt, iterations, length)), expected);
    }

    void bitcoinHashes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("hash160");
        QTest::addColumn<QString>("hash256");
        const QJsonArray vectors = test::loadJson(QStringLiteral("bitcoinjs_crypto.json")).object()[QLatin1String("hashes")].toArray();
        QVERIFY(!vectors.isEmpty());
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            const QString hexInput = v[QLatin1String("hex")].toString();
            QTest::newRow(qPrintable(hexInput.left(32))) << test::hex(hexInput) << v[QLatin1String("hash160")].toString()
                                                         << v[QLatin1String("hash256")].toString();
        }
    }
    void bitcoinHashes()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, hash160);
        QFETCH(QString, hash256);
        QCOMPARE(util::toHex(crypto::hash160(input)), hash160);
        QCOMPARE(util::toHex(crypto::sha256d(input)), hash256);
    }

    void taggedHash_data()
    {
        QTest::addColumn<QByteArray>("tag");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        const QJsonArray vectors = test::loadJson(QStringLiteral("bitcoinjs_crypto.json")).object()[QLatin1String("taggedHash")].toArray();
        QVERIFY(!vectors.isEmpty());
        for (const auto &item : vectors) {
            const QJsonObject v = item.toObject();
            QTest::newRow(qPrintable(v[QLatin1String("tag")].toString()))
                << v[QLatin1String("tag")].toString().toLatin1() << test::hex(v[QLatin1String("hex")].toString())
                << v[QLatin1String("result")].toString();
        }
    }
    void taggedHash()
    {
        QFETCH(QByteArray, tag);
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        QCOMPARE(util::toHex(crypto::taggedHash(tag, input)), expected);
    }

    // Compositions are what they claim to be, on random inputs of every size around the block boundaries.
    void compositions()
    {
        for (int size = 0; size <= 300; ++size) {
            const QByteArray input = randomInput(size);
            QCOMPARE(crypto::sha256d(input), crypto::sha256(crypto::sha256(input)));
            QCOMPARE(crypto::hash160(input), crypto::ripemd160(crypto::sha256(input)));
        }
    }

    // SHA-2 against OpenSSL's one-shot SHA256()/SHA512() (a different code path from our EVP digest contexts).
    void sha2MatchesOpenSslOneShot()
    {
        for (int size : {0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 1000, 4096, 100000}) {
            const QByteArray input = randomInput(size);
            const auto *in = reinterpret_cast<const unsigned char *>(input.constData());
            unsigned char d256[SHA256_DIGEST_LENGTH];
            unsigned char d512[SHA512_DIGEST_LENGTH];
            QVERIFY(SHA256(in, size_t(input.size()), d256) != nullptr);
            QVERIFY(SHA512(in, size_t(input.size()), d512) != nullptr);
            QCOMPARE(crypto::sha256(input), QByteArray(reinterpret_cast<const char *>(d256), sizeof(d256)));
            QCOMPARE(crypto::sha512(input), QByteArray(reinterpret_cast<const char *>(d512), sizeof(d512)));
        }
    }

    // HMAC against RFC 2104 built from our hashes: empty keys, keys around and
    // beyond the block size (64 for SHA-256, 128 for SHA-512), empty data.
    void hmacMatchesDefinition()
    {
        for (int keySize : {0, 1, 20, 63, 64, 65, 127, 128, 129, 200}) {
            for (int dataSize : {0, 1, 64, 200}) {
                const QByteArray key = randomInput(keySize);
                const QByteArray data = randomInput(dataSize);
                QCOMPARE(crypto::hmacSha256(key, data), hmacByDefinition(&crypto::sha256, 64, key, data));
                QCOMPARE(crypto::hmacSha512(key, data), hmacByDefinition(&crypto::sha512, 128, key, data));
            }
        }
    }

    // PBKDF2 against RFC 8018 built from our HMAC: multi-block outputs and odd lengths.
    void pbkdf2MatchesDefinition()
    {
        for (int length : {1, 63, 64, 65, 130}) {
            for (int iterations : {1, 2, 3}) {
                const QByteArray password = randomInput(length % 40);
                const QByteArray salt = randomInput(16);
                QCOMPARE(crypto::pbkdf2HmacSha512(password, salt, iterations, length),
                         pbkdf2ByDefinition(password, salt, iterations, length));
            }
        }
    }

    void outputSizes()
    {
        QCOMPARE(crypto::sha256("x").size(), 32);
        QCOMPARE(crypto::sha256d("x").size(), 32);
        QCOMPARE(crypto::sha512("x").size(), 64);
        QCOMPARE(crypto::ripemd160("x").size(), 20);
        QCOMPARE(crypto::hash160("x").size(), 20);
        QCOMPARE(crypto::hmacSha256({}, {}).size(), 32);
        QCOMPARE(crypto::hmacSha512({}, {}).size(), 64);
    }
};

QTEST_GUILESS_MAIN(TestHash)
#include "tst_hash.moc"
