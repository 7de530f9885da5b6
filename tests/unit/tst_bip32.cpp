#include <bitcoin/base58.h>
#include <bitcoin/bip32.h>
#include <bitcoin/network.h>
#include <util/hex.h>

#include <testdata.h>

#include <QTest>

#include <array>

using namespace wp;
using namespace wp::btc;

namespace {

const NetworkParams &mainnet() { return networkParams(Network::Main); }

} // namespace

class TestBip32 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void officialVectors_data()
    {
        QTest::addColumn<QByteArray>("seed");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("xpub");
        QTest::addColumn<QString>("xprv");
        const QJsonObject doc = test::loadJson(QStringLiteral("bip32_vectors.json")).object();
        int rows = 0;
        for (const QJsonValue &v : doc.value(QStringLiteral("valid")).toArray()) {
            const QJsonObject vector = v.toObject();
            const QByteArray seed = test::hex(vector.value(QStringLiteral("seed")).toString());
            for (const QJsonValue &c : vector.value(QStringLiteral("chains")).toArray()) {
                const QJsonObject chain = c.toObject();
                const QString path = chain.value(QStringLiteral("path")).toString();
                QTest::newRow(qPrintable(vector.value(QStringLiteral("id")).toString() + u' ' + path))
                    << seed << path << chain.value(QStringLiteral("xpub")).toString()
                    << chain.value(QStringLiteral("xprv")).toString();
                ++rows;
            }
        }
        QCOMPARE(rows, 17); // vectors 1-4: 6 + 6 + 2 + 3 chains
    }

    void officialVectors()
    {
        QFETCH(QByteArray, seed);
        QFETCH(QString, path);
        QFETCH(QString, xpub);
        QFETCH(QString, xprv);

        Result<ExtendedPrivKey> master = ExtendedPrivKey::fromSeed(seed);
        QVERIFY(master);
        Result<ExtendedPrivKey> key = master->derivePath(path);
        QVERIFY2(key, qPrintable(key ? QString() : key.error().message));

        // Derivation -> serialization, private and public.
        QCOMPARE(key->serialize(mainnet().xprvVersion), xprv);
        QCOMPARE(key->neuter().serialize(mainnet().xpubVersion), xpub);

        // The same path one step at a time.
        Result<std::vector<std::uint32_t>> steps = parseDerivationPath(path);
        QVERIFY(steps);
        QCOMPARE(formatDerivationPath(*steps), path);
        ExtendedPrivKey stepwise = *master;
        for (std::uint32_t child : *steps)
            stepwise = *stepwise.derive(child);
        QCOMPARE(stepwise.serialize(mainnet().xprvVersion), xprv);
        QCOMPARE(int(key->depth()), int(steps->size()));
        QCOMPARE(key->childNumber(), steps->empty() ? 0u : steps->back());

        // Parsing -> fields -> serialization, private and public.
        Result<ExtendedPrivKey> parsedPriv = ExtendedPrivKey::parse(xprv, mainnet());
        QVERIFY(parsedPriv);
        QCOMPARE(parsedPriv->parsedVersion(), mainnet().xprvVersion);
        QCOMPARE(parsedPriv->privKey().bytes(), key->privKey().bytes());
        QCOMPARE(parsedPriv->chainCode(), key->chainCode());
        QCOMPARE(parsedPriv->depth(), key->depth());
        QCOMPARE(parsedPriv->parentFingerprint(), key->parentFingerprint());
        QCOMPARE(parsedPriv->childNumber(), key->childNumber());
        QCOMPARE(parsedPriv->serialize(mainnet().xprvVersion), xprv);
        QCOMPARE(parsedPriv->neuter().serialize(mainnet().xpubVersion), xpub);

        Result<ExtendedPubKey> parsedPub = ExtendedPubKey::parse(xpub, mainnet());
        QVERIFY(parsedPub);
        QCOMPARE(parsedPub->parsedVersion(), mainnet().xpubVersion);
        QVERIFY(*parsedPub == key->neuter());
        QCOMPARE(parsedPub->serialize(mainnet().xpubVersion), xpub);

        // Public derivation agrees with private derivation for a non-hardened last step.
        if (!steps->empty() && steps->back() < kHardened) {
            std::vector<std::uint32_t> parentPath(steps->begin(), steps->end() - 1);
            Result<ExtendedPrivKey> parent = master->derivePath(std::span<const std::uint32_t>(parentPath));
            QVERIFY(parent);
            Result<ExtendedPubKey> child = parent->neuter().derive(steps->back());
            QVERIFY(child);
            QCOMPARE(child->serialize(mainnet().xpubVersion), xpub);
            QCOMPARE(child->parentFingerprint(), parent->fingerprint());
        }
        // A parsed key keeps deriving: its first normal child matches the private route.
        Result<ExtendedPubKey> fromParsed = parsedPub->derive(7);
        QVERIFY(fromParsed);
        QCOMPARE(fromParsed->serialize(mainnet().xpubVersion),
                 key->derive(7)->neuter().serialize(mainnet().xpubVersion));
    }

    void invalidVectors_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("expectedCode");
        const QJsonObject doc = test::loadJson(QStringLiteral("bip32_vectors.json")).object();
        const QJsonArray invalid = doc.value(QStringLiteral("invalid")).toArray();
        QCOMPARE(invalid.size(), 16);
        int n = 0;
        for (const QJsonValue &v : invalid) {
            const QString reason = v.toObject().value(QStringLiteral("reason")).toString();
            HdError code = HdError::BadKey;
            if (reason.startsWith(u"zero depth"))
                code = HdError::BadStructure;
            else if (reason.startsWith(u"unknown extended key version"))
                code = HdError::BadVersion;
            else if (reason.startsWith(u"invalid checksum"))
                code = HdError::BadEncoding;
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(++n).arg(reason)))
                << v.toObject().value(QStringLiteral("key")).toString() << int(code);
        }
    }

    void invalidVectors()
    {
        QFETCH(QString, key);
        QFETCH(int, expectedCode);
        const Result<ExtendedPubKey> pub = ExtendedPubKey::parse(key, mainnet());
        const Result<ExtendedPrivKey> priv = ExtendedPrivKey::parse(key, mainnet());
        QVERIFY(!pub);
        QVERIFY(!priv);
        QVERIFY(!pub.error().message.isEmpty());
        // The parser of the key's own kind must give the specific reason.
        if (key.startsWith(u"xpub"))
            QCOMPARE(pub.error().code, expectedCode);
        else if (key.startsWith(u"xprv"))
            QCOMPARE(priv.error().code, expectedCode);
        else
            QCOMPARE(pub.error().code, expectedCode);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        const QString xprv = QStringLiteral(
            "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi");
        QTest::newRow("empty") << QString();
        QTest::newRow("space") << QStringLiteral(" ");
        QTest::newRow("garbage") << QStringLiteral("hello world");
        QTest::newRow("non-base58 0OIl") << QStringLiteral("0OIl0OIl");
        QTest::newRow("truncated by one") << xprv.chopped(1);
        QTest::newRow("truncated to half") << xprv.left(xprv.size() / 2);
        QTest::newRow("one char changed") << QString(xprv).replace(20, 1, u'z');
        QTest::newRow("extra char") << xprv + u'1';
        QTest::newRow("leading space") << u' ' + xprv;
        QTest::newRow("trailing newline") << xprv + u'\n';
        QTest::newRow("unicode") << QStringLiteral("xprv\u00e9\u4e2d");
        QTest::newRow("huge") << QString(100000, u'z');
    }

    void badInput()
    {
        QFETCH(QString, text);
        QVERIFY(!ExtendedPubKey::parse(text, mainnet()));
        QVERIFY(!ExtendedPrivKey::parse(text, mainnet()));
    }

    void wrongPayloadLength()
    {
        Result<ExtendedPrivKey> master = ExtendedPrivKey::fromSeed(QByteArray(32, '\x02'));
        QVERIFY(master);
        const QByteArray payload = master->neuter().toBytes(mainnet().xpubVersion);
        QVERIFY(ExtendedPubKey::parse(encodeBase58Check(payload), mainnet()));
        for (const QByteArray &bad : {payload.chopped(1), payload + '\x00', QByteArray(), payload.left(4)}) {
            const Result<ExtendedPubKey> pub = ExtendedPubKey::parse(encodeBase58Check(bad), mainnet());
            QVERIFY(!pub);
            QCOMPARE(pub.error().code, int(HdError::BadEncoding));
            QVERIFY(!ExtendedPrivKey::parse(encodeBase58Check(bad), mainnet()));
        }
    }

    void versions()
    {
        Result<ExtendedPrivKey> master = ExtendedPrivKey::fromSeed(test::hex(QStringLiteral("000102030405060708090a0b0c0d0e0f")));
        QVERIFY(master);
        const NetworkParams &test = networkParams(Network::Test);
        const QString tprv = master->serialize(test.xprvVersion);
        const QString tpub = master->neuter().serialize(test.xpubVersion);
        QVERIFY(tprv.startsWith(u"tprv"));
        QVERIFY(tpub.startsWith(u"tpub"));
        // Wrong network: refused with BadVersion.
        QCOMPARE(ExtendedPrivKey::parse(tprv, mainnet()).error().code, int(HdError::BadVersion));
        QCOMPARE(ExtendedPubKey::parse(tpub, mainnet()).error().code, int(HdError::BadVersion));
        QVERIFY(ExtendedPrivKey::parse(tprv, test));
        QVERIFY(ExtendedPubKey::parse(tpub, test));
        // A private string is not accepted where a public key is expected, even with its version allowed.
        const std::array<std::uint32_t, 1> prvVersion{test.xprvVersion};
        QCOMPARE(ExtendedPubKey::parse(tprv, prvVersion).error().code, int(HdError::BadKey));
        const std::array<std::uint32_t, 1> pubVersion{test.xpubVersion};
        QCOMPARE(ExtendedPrivKey::parse(tpub, pubVersion).error().code, int(HdError::BadKey));
        // zpub/zprv of the same network are accepted by the NetworkParams overload.
        QVERIFY(ExtendedPubKey::parse(master->neuter().serialize(mainnet().zpubVersion), mainnet()));
        QVERIFY(ExtendedPrivKey::parse(master->serialize(mainnet().zprvVersion), mainnet()));
        // No accepted version at all.
        QCOMPARE(ExtendedPubKey::parse(tpub, std::span<const std::uint32_t>()).error().code, int(HdError::BadVersion));
    }

    void paths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("absolute");
        QTest::addColumn<QString>("formatted");
        QTest::newRow("m") << QStringLiteral("m") << true << true << QStringLiteral("m");
        QTest::newRow("bip84") << QStringLiteral("m/84'/0'/0'/0/1") << true << true << QStringLiteral("m/84'/0'/0'/0/1");
        QTest::newRow("h markers") << QStringLiteral("m/84h/0H/0'") << true << true << QStringLiteral("m/84'/0'/0'");
        QTest::newRow("relative") << QStringLiteral("0/1") << true << false << QStringLiteral("m/0/1");
        QTest::newRow("max index") << QStringLiteral("m/2147483647'") << true << true << QStringLiteral("m/2147483647'");
        QTest::newRow("postmix") << QStringLiteral("m/84'/1'/2147483646'") << true << true
                                 << QStringLiteral("m/84'/1'/2147483646'");
        QTest::newRow("empty") << QString() << false << false << QString();
        QTest::newRow("slash only") << QStringLiteral("/") << false << false << QString();
        QTest::newRow("trailing slash") << QStringLiteral("m/0/") << false << false << QString();
        QTest::newRow("double slash") << QStringLiteral("m//0") << false << false << QString();
        QTest::newRow("leading slash") << QStringLiteral("/0") << false << false << QString();
        QTest::newRow("index 2^31") << QStringLiteral("m/2147483648") << false << false << QString();
        QTest::newRow("huge index") << QStringLiteral("m/99999999999999999999") << false << false << QString();
        QTest::newRow("negative") << QStringLiteral("m/-1") << false << false << QString();
        QTest::newRow("hex") << QStringLiteral("m/0x10") << false << false << QString();
        QTest::newRow("space") << QStringLiteral("m/ 1") << false << false << QString();
        QTest::newRow("double hardened") << QStringLiteral("m/1''") << false << false << QString();
        QTest::newRow("only marker") << QStringLiteral("m/'") << false << false << QString();
        QTest::newRow("M upper") << QStringLiteral("M/0") << false << false << QString();
        QTest::newRow("m in middle") << QStringLiteral("0/m") << false << false << QString();
        QTest::newRow("arabic digit") << QStringLiteral("m/\u0661") << false << false << QString();
        QTest::newRow("too deep") << QStringLiteral("m") + QStringLiteral("/0").repeated(256) << false << false << QString();
    }

    void paths()
    {
        QFETCH(QString, path);
        QFETCH(bool, valid);
        QFETCH(bool, absolute);
        QFETCH(QString, formatted);
        bool isAbsolute = !absolute;
        Result<std::vector<std::uint32_t>> parsed = parseDerivationPath(path, &isAbsolute);
        QCOMPARE(bool(parsed), valid);
        if (!valid) {
            QCOMPARE(parsed.error().code, int(HdError::BadPath));
            return;
        }
        QCOMPARE(isAbsolute, absolute);
        QCOMPARE(formatDerivationPath(*parsed), formatted);
    }

    void derivationErrors()
    {
        Result<ExtendedPrivKey> master = ExtendedPrivKey::fromSeed(test::hex(QStringLiteral("000102030405060708090a0b0c0d0e0f")));
        QVERIFY(master);
        // Hardened from public.
        QCOMPARE(master->neuter().derive(kHardened).error().code, int(HdError::HardenedFromPublic));
        QCOMPARE(master->neuter().derivePath(QStringLiteral("m/0/1'")).error().code, int(HdError::HardenedFromPublic));
        // Absolute path from a non-master key; relative is fine.
        Result<ExtendedPrivKey> child = master->derivePath(QStringLiteral("m/0'"));
        QVERIFY(child);
        QCOMPARE(child->derivePath(QStringLiteral("m/1")).error().code, int(HdError::BadPath));
        QCOMPARE(child->neuter().derivePath(QStringLiteral("m/1")).error().code, int(HdError::BadPath));
        QCOMPARE(child->derivePath(QStringLiteral("1"))->serialize(mainnet().xprvVersion),
                 master->derivePath(QStringLiteral("m/0'/1"))->serialize(mainnet().xprvVersion));
        QCOMPARE(master->derivePath(QStringLiteral("m/x")).error().code, int(HdError::BadPath));
        // Depth is capped at 255.
        ExtendedPrivKey deep = *master;
        for (int i = 0; i < 255; ++i)
            deep = *deep.derive(0);
        QCOMPARE(int(deep.depth()), 255);
        QCOMPARE(deep.derive(0).error().code, int(HdError::InvalidChild));
        QCOMPARE(deep.neuter().derive(0).error().code, int(HdError::InvalidChild));
        // A depth-255 key still serializes and parses.
        const QString text = deep.serialize(mainnet().xprvVersion);
        QVERIFY(ExtendedPrivKey::parse(text, mainnet()));
    }

    void seedLengths()
    {
        QCOMPARE(ExtendedPrivKey::fromSeed(QByteArray(15, 'x')).error().code, int(HdError::BadSeed));
        QCOMPARE(ExtendedPrivKey::fromSeed(QByteArray(65, 'x')).error().code, int(HdError::BadSeed));
        QCOMPARE(ExtendedPrivKey::fromSeed(QByteArray()).error().code, int(HdError::BadSeed));
        QVERIFY(ExtendedPrivKey::fromSeed(QByteArray(16, 'x')));
        QVERIFY(ExtendedPrivKey::fromSeed(QByteArray(64, 'x')));
    }

    void fromParts()
    {
        Result<ExtendedPrivKey> master = ExtendedPrivKey::fromSeed(QByteArray(32, '\x01'));
        QVERIFY(master);
        const ExtendedPubKey pub = master->neuter();
        QVERIFY(ExtendedPubKey::fromParts(0, 0, 0, pub.chainCode(), pub.pubKey()).value() == pub);
        QVERIFY(!ExtendedPubKey::fromParts(0, 1, 0, pub.chainCode(), pub.pubKey()));
        QVERIFY(!ExtendedPubKey::fromParts(0, 0, 1, pub.chainCode(), pub.pubKey()));
        QVERIFY(!ExtendedPubKey::fromParts(1, 0, 0, pub.chainCode().left(31), pub.pubKey()));
        QVERIFY(ExtendedPubKey::fromParts(3, 0, 0, pub.chainCode(), pub.pubKey()));
    }
};

QTEST_GUILESS_MAIN(TestBip32)
#include "tst_bip32.moc"
