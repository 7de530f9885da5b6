// The signed cluster manifest (GET /rest/cluster, DESIGN §2.1): canonical
// bytes, parsing, validation, signing and verification, and every way of
// tampering with a signed answer.
#include <protocol/clustermanifest.h>

#include <bitcoin/address.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/signedmessage.h>
#include <protocol/messages.h>

#include <QJsonDocument>
#include <QTest>

using namespace wp;
using namespace wp::proto;

namespace {

constexpr btc::Network kNetwork = btc::Network::Regtest;
constexpr qint64 kNow = 1'760'000'000'000; // a fixed "now" (ms since the epoch)
constexpr qint64 kHour = 3600 * 1000;

const btc::NetworkParams &params() { return btc::networkParams(kNetwork); }

QString p2wpkhAddress(const crypto::PrivKey &key)
{
    const auto hash = btc::Hash160::fromBytes(crypto::hash160(key.pubKey().serialize(true)));
    return *btc::scriptToAddress(btc::Script::p2wpkh(*hash), params());
}

QString p2pkhAddress(const crypto::PrivKey &key)
{
    const auto hash = btc::Hash160::fromBytes(crypto::hash160(key.pubKey().serialize(true)));
    return *btc::scriptToAddress(btc::Script::p2pkh(*hash), params());
}

ClusterManifest sampleManifest()
{
    ClusterManifest m;
    m.cluster = QStringLiteral("demo cluster");
    m.network = QStringLiteral("regtest");
    m.issuedAtMs = kNow - kHour;
    m.expiresAtMs = kNow + 24 * kHour;
    m.instances = {
        {QStringLiteral("alpha"), QStringLiteral("Alpha"), QStringLiteral("https://alpha.example:8080"),
         QStringLiteral("http://alphaalphaalphaalphaalphaalphaalphaalphaalphaalpha.onion")},
        {QStringLiteral("beta"), QStringLiteral("Beta"), QStringLiteral("https://beta.example"), QString()},
        {QStringLiteral("gamma"), QString(), QString(), QStringLiteral("http://gammagammagamma.onion:9000")},
    };
    return m;
}

QByteArray bodyOf(const QJsonObject &o) { return proto::toJsonBytes(o); }

/// A wire body with the given parts (the manifest bytes exactly as given).
QByteArray body(const QByteArray &manifest, const QString &signature, const QString &address)
{
    return bodyOf({{QStringLiteral("manifest"), QString::fromUtf8(manifest)},
                   {QStringLiteral("signature"), signature},
                   {QStringLiteral("address"), address}});
}

int codeOf(ManifestError e) { return static_cast<int>(e); }

} // namespace

Q_DECLARE_METATYPE(wp::proto::ClusterManifest)

class TestClusterManifest : public QObject {
    Q_OBJECT

    crypto::PrivKey m_operator = crypto::PrivKey::generate();
    QString m_address = p2wpkhAddress(m_operator);

    Result<ClusterManifest> verify(const QByteArray &wire, qint64 now = kNow) const
    {
        return verifySignedManifest(wire, m_address, params(), now);
    }
    QByteArray signedBody(const ClusterManifest &m) const { return bodyOf(signManifest(m, m_operator, m_address)); }

private Q_SLOTS:
    void canonicalBytes()
    {
        ClusterManifest m;
        m.cluster = QStringLiteral("c \"q\" \\ \t\x01/é");
        m.network = QStringLiteral("regtest");
        m.issuedAtMs = 1000;
        m.expiresAtMs = 2000;
        m.instances = {{QStringLiteral("a"), QStringLiteral("Alpha"), QStringLiteral("https://a.example:8080"), QString()}};
        const QByteArray expected =
            "{\"version\":1,\"cluster\":\"c \\\"q\\\" \\\\ \\u0009\\u0001/\xc3\xa9\",\"network\":\"regtest\","
            "\"issuedAtMs\":1000,\"expiresAtMs\":2000,"
            "\"instances\":[{\"id\":\"a\",\"name\":\"Alpha\",\"urlClear\":\"https://a.example:8080\",\"urlOnion\":\"\"}]}";
        QCOMPARE(m.canonicalJson(), expected);
        // the canonical bytes are valid JSON that Qt reads back to the same values
        const QJsonObject o = QJsonDocument::fromJson(expected).object();
        QCOMPARE(o.value(QStringLiteral("cluster")).toString(), m.cluster);
        auto parsed = ClusterManifest::fromCanonicalJson(expected);
        QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(*parsed, m);
    }

    void roundTrip()
    {
        const ClusterManifest m = sampleManifest();
        QVERIFY(m.validate().has_value());
        auto parsed = ClusterManifest::fromCanonicalJson(m.canonicalJson());
        QVERIFY(parsed.has_value());
        QCOMPARE(*parsed, m);
    }

    void notCanonical_data()
    {
        QTest::addColumn<QByteArray>("json");
        const QByteArray c = sampleManifest().canonicalJson();
        QByteArray spaced = c;
        spaced.replace(",\"network\"", ", \"network\"");
        QByteArray reordered = c;
        reordered.replace("\"version\":1,\"cluster\":\"demo cluster\"", "\"cluster\":\"demo cluster\",\"version\":1");
        QByteArray extra = c;
        extra.replace("{\"version\":1,", "{\"version\":1,\"x\":0,");
        QByteArray duplicate = c;
        duplicate.replace("\"cluster\":\"demo cluster\"", "\"cluster\":\"evil\",\"cluster\":\"demo cluster\"");
        QByteArray escapedSlash = c;
        escapedSlash.replace("https://alpha", "https:\\/\\/alpha");
        QByteArray escapedLetter = c;
        escapedLetter.replace("demo cluster", "\\u0064emo cluster");
        QByteArray float1 = c;
        float1.replace("\"version\":1", "\"version\":1.0");
        QByteArray trailingNewline = c + '\n';
        QByteArray extraInstanceKey = c;
        extraInstanceKey.replace("{\"id\":\"beta\"", "{\"pool\":\"p\",\"id\":\"beta\"");
        QTest::newRow("whitespace") << spaced;
        QTest::newRow("key-order") << reordered;
        QTest::newRow("extra-key") << extra;
        QTest::newRow("duplicate-key") << duplicate;
        QTest::newRow("escaped-slash") << escapedSlash;
        QTest::newRow("needless-unicode-escape") << escapedLetter;
        QTest::newRow("float-notation") << float1;
        QTest::newRow("trailing-newline") << trailingNewline;
        QTest::newRow("extra-instance-key") << extraInstanceKey;
    }
    void notCanonical()
    {
        QFETCH(QByteArray, json);
        QVERIFY(QJsonDocument::fromJson(json).isObject()); // valid JSON, only not canonical
        auto parsed = ClusterManifest::fromCanonicalJson(json);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().code, codeOf(ManifestError::NotCanonical));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("garbage") << QByteArray("\x00\xff{{", 4);
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("string") << QByteArray("\"x\"");
        QTest::newRow("missing-fields") << QByteArray("{\"version\":1}");
        QTest::newRow("version-2") << QByteArray(
            "{\"version\":2,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":1,\"expiresAtMs\":2,\"instances\":[]}");
        QTest::newRow("time-as-string") << QByteArray(
            "{\"version\":1,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":\"1\",\"expiresAtMs\":2,\"instances\":[]}");
        QTest::newRow("negative-time") << QByteArray(
            "{\"version\":1,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":-1,\"expiresAtMs\":2,\"instances\":[]}");
        QTest::newRow("fractional-time") << QByteArray(
            "{\"version\":1,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":1.5,\"expiresAtMs\":2,\"instances\":[]}");
        QTest::newRow("huge-time") << QByteArray(
            "{\"version\":1,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":1e300,\"expiresAtMs\":2,\"instances\":[]}");
        QTest::newRow("instances-object") << QByteArray(
            "{\"version\":1,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":1,\"expiresAtMs\":2,\"instances\":{}}");
        QTest::newRow("instance-not-object") << QByteArray(
            "{\"version\":1,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":1,\"expiresAtMs\":2,\"instances\":[1]}");
        QTest::newRow("instance-missing-url") << QByteArray(
            "{\"version\":1,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":1,\"expiresAtMs\":2,"
            "\"instances\":[{\"id\":\"a\",\"name\":\"A\",\"urlClear\":\"https://a.example\"}]}");
        QTest::newRow("instance-null-name") << QByteArray(
            "{\"version\":1,\"cluster\":\"c\",\"network\":\"regtest\",\"issuedAtMs\":1,\"expiresAtMs\":2,"
            "\"instances\":[{\"id\":\"a\",\"name\":null,\"urlClear\":\"https://a.example\",\"urlOnion\":\"\"}]}");
        QTest::newRow("oversized") << QByteArray(kManifestMaxBodyBytes + 1, ' ');
    }
    void malformed()
    {
        QFETCH(QByteArray, json);
        auto parsed = ClusterManifest::fromCanonicalJson(json);
        QVERIFY(!parsed.has_value());
        QCOMPARE(parsed.error().code, codeOf(ManifestError::Malformed));
    }

    void validation_data()
    {
        QTest::addColumn<ClusterManifest>("manifest");
        QTest::addColumn<int>("code");
        auto with = [](auto change) {
            ClusterManifest m = sampleManifest();
            change(m);
            return m;
        };
        const int invalid = codeOf(ManifestError::InvalidInstance);
        const int duplicate = codeOf(ManifestError::Duplicate);
        QTest::newRow("valid") << sampleManifest() << 0;
        QTest::newRow("no-instances") << with([](auto &m) { m.instances.clear(); }) << codeOf(ManifestError::Malformed);
        QTest::newRow("too-many-instances") << with([](auto &m) {
            for (int i = 0; i < kManifestMaxInstances; ++i)
                m.instances.append({QStringLiteral("i%1").arg(i), {}, QStringLiteral("https://i%1.example").arg(i), {}});
        }) << codeOf(ManifestError::Malformed);
        QTest::newRow("empty-cluster") << with([](auto &m) { m.cluster.clear(); }) << codeOf(ManifestError::Malformed);
        QTest::newRow("network-alias") << with([](auto &m) { m.network = QStringLiteral("mainnet"); })
                                       << codeOf(ManifestError::Malformed);
        QTest::newRow("network-unknown") << with([](auto &m) { m.network = QStringLiteral("signet"); })
                                         << codeOf(ManifestError::Malformed);
        QTest::newRow("expires-before-issue") << with([](auto &m) { m.expiresAtMs = m.issuedAtMs; })
                                              << codeOf(ManifestError::BadValidity);
        QTest::newRow("lifetime-too-long") << with([](auto &m) { m.expiresAtMs = m.issuedAtMs + kManifestMaxLifetimeMs + 1; })
                                           << codeOf(ManifestError::BadValidity);
        QTest::newRow("lifetime-max") << with([](auto &m) { m.expiresAtMs = m.issuedAtMs + kManifestMaxLifetimeMs; }) << 0;
        QTest::newRow("empty-id") << with([](auto &m) { m.instances[1].id.clear(); }) << invalid;
        QTest::newRow("long-name") << with([](auto &m) { m.instances[1].name = QString(kManifestMaxFieldLength + 1, u'n'); })
                                   << invalid;
        QTest::newRow("no-url") << with([](auto &m) { m.instances[1].urlClear.clear(); }) << invalid;
        QTest::newRow("ftp-url") << with([](auto &m) { m.instances[1].urlClear = QStringLiteral("ftp://beta.example"); })
                                 << invalid;
        QTest::newRow("ws-url") << with([](auto &m) { m.instances[1].urlClear = QStringLiteral("wss://beta.example"); })
                                << invalid;
        QTest::newRow("userinfo") << with([](auto &m) { m.instances[1].urlClear = QStringLiteral("https://u:p@beta.example"); })
                                  << invalid;
        QTest::newRow("query") << with([](auto &m) { m.instances[1].urlClear = QStringLiteral("https://beta.example/?x=1"); })
                               << invalid;
        QTest::newRow("fragment") << with([](auto &m) { m.instances[1].urlClear = QStringLiteral("https://beta.example/#x"); })
                                  << invalid;
        QTest::newRow("no-host") << with([](auto &m) { m.instances[1].urlClear = QStringLiteral("https:///path"); }) << invalid;
        QTest::newRow("onion-as-clearnet")
            << with([](auto &m) { m.instances[1].urlClear = QStringLiteral("http://betabetabeta.onion"); }) << invalid;
        QTest::newRow("clearnet-as-onion")
            << with([](auto &m) { m.instances[1].urlOnion = QStringLiteral("https://beta2.example"); }) << invalid;
        QTest::newRow("duplicate-id") << with([](auto &m) { m.instances[2].id = QStringLiteral("alpha"); }) << duplicate;
        QTest::newRow("duplicate-url") << with([](auto &m) { m.instances[1].urlClear = m.instances[0].urlClear; }) << duplicate;
        QTest::newRow("duplicate-url-normalized") << with([](auto &m) {
            m.instances[0].urlClear = QStringLiteral("https://beta.example");
            m.instances[1].urlClear = QStringLiteral("HTTPS://Beta.Example:443/");
        }) << duplicate;
        QTest::newRow("duplicate-onion") << with([](auto &m) { m.instances[2].urlOnion = m.instances[0].urlOnion; })
                                         << duplicate;
    }
    void validation()
    {
        QFETCH(ClusterManifest, manifest);
        QFETCH(int, code);
        const Result<void> r = manifest.validate();
        QCOMPARE(r.has_value() ? 0 : r.error().code, code);
        // a manifest that does not validate is never parsed either, even in canonical form
        auto parsed = ClusterManifest::fromCanonicalJson(manifest.canonicalJson());
        QCOMPARE(parsed.has_value() ? 0 : parsed.error().code, code);
    }

    void instanceUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("onion");
        QTest::addColumn<QString>("normalized"); // empty: refused
        QTest::newRow("https-default-port") << QStringLiteral("https://A.Example") << false << QStringLiteral("https://a.example");
        QTest::newRow("http-default-port") << QStringLiteral("http://a.example/") << false << QStringLiteral("http://a.example");
        QTest::newRow("explicit-port") << QStringLiteral("HTTP://a.example:8080") << false << QStringLiteral("http://a.example:8080");
        QTest::newRow("path") << QStringLiteral("https://a.example/whirlpool/") << false
                              << QStringLiteral("https://a.example/whirlpool");
        QTest::newRow("explicit-default-port") << QStringLiteral("https://a.example:443") << false
                                               << QStringLiteral("https://a.example");
        QTest::newRow("https-on-80") << QStringLiteral("https://a.example:80") << false
                                     << QStringLiteral("https://a.example:80");
        QTest::newRow("onion") << QStringLiteral("http://abcdef.onion") << true << QStringLiteral("http://abcdef.onion");
        QTest::newRow("ip") << QStringLiteral("http://127.0.0.1:9999") << false << QStringLiteral("http://127.0.0.1:9999");
        QTest::newRow("empty") << QString() << false << QString();
        QTest::newRow("relative") << QStringLiteral("/rest/pools") << false << QString();
        QTest::newRow("no-scheme") << QStringLiteral("a.example:8080") << false << QString();
        QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false << QString();
        QTest::newRow("bad-port") << QStringLiteral("http://a.example:99999") << false << QString();
        QTest::newRow("space") << QStringLiteral("http://a example") << false << QString();
        QTest::newRow("too-long") << QStringLiteral("https://%1.example").arg(QString(300, u'a')) << false << QString();
    }
    void instanceUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, onion);
        QFETCH(QString, normalized);
        auto parsed = parseInstanceUrl(url, onion);
        QCOMPARE(parsed.has_value() ? parsed->toString() : QString(), normalized);
    }

    void signAndVerify()
    {
        const ClusterManifest m = sampleManifest();
        const QJsonObject wire = signManifest(m, m_operator, m_address);
        QCOMPARE(wire.value(QStringLiteral("manifest")).toString().toUtf8(), m.canonicalJson());
        QCOMPARE(wire.value(QStringLiteral("address")).toString(), m_address);
        auto verified = verify(bodyOf(wire));
        QVERIFY2(verified.has_value(), verified ? "" : qPrintable(verified.error().message));
        QCOMPARE(*verified, m);

        // a P2PKH operator address works the same way
        const QString legacy = p2pkhAddress(m_operator);
        auto viaLegacy = verifySignedManifest(bodyOf(signManifest(m, m_operator, legacy)), legacy, params(), kNow);
        QVERIFY(viaLegacy.has_value());
        // the signature is a plain Bitcoin signed message of the manifest string
        QVERIFY(crypto::recoverMessageSigner(m.canonicalJson(), wire.value(QStringLiteral("signature")).toString())
                    ->pubKey == m_operator.pubKey());
    }

    void tamperedField_data()
    {
        QTest::addColumn<ClusterManifest>("tampered");
        auto with = [](auto change) {
            ClusterManifest m = sampleManifest();
            change(m);
            return m;
        };
        QTest::newRow("cluster") << with([](auto &m) { m.cluster = QStringLiteral("demo clustex"); });
        QTest::newRow("network") << with([](auto &m) { m.network = QStringLiteral("main"); });
        QTest::newRow("issuedAtMs") << with([](auto &m) { m.issuedAtMs += 1; });
        QTest::newRow("expiresAtMs") << with([](auto &m) { m.expiresAtMs += 24 * kHour; });
        QTest::newRow("instance-id") << with([](auto &m) { m.instances[0].id = QStringLiteral("alphb"); });
        QTest::newRow("instance-name") << with([](auto &m) { m.instances[1].name = QStringLiteral("Beta!"); });
        QTest::newRow("instance-urlClear") << with([](auto &m) { m.instances[1].urlClear = QStringLiteral("https://evil.example"); });
        QTest::newRow("instance-urlOnion")
            << with([](auto &m) { m.instances[0].urlOnion = QStringLiteral("http://evilevilevil.onion"); });
        QTest::newRow("instance-added") << with([](auto &m) {
            m.instances.append({QStringLiteral("evil"), QStringLiteral("Evil"), QStringLiteral("https://evil.example"), {}});
        });
        QTest::newRow("instance-removed") << with([](auto &m) { m.instances.removeLast(); });
        QTest::newRow("instances-reordered") << with([](auto &m) { m.instances.swapItemsAt(0, 1); });
    }
    void tamperedField()
    {
        QFETCH(ClusterManifest, tampered);
        const QJsonObject wire = signManifest(sampleManifest(), m_operator, m_address);
        const QString signature = wire.value(QStringLiteral("signature")).toString();
        QVERIFY(tampered.validate().has_value()); // a well-formed manifest, only the signature is wrong
        auto r = verify(body(tampered.canonicalJson(), signature, m_address));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, codeOf(ManifestError::BadSignature));
    }

    void signerChecks()
    {
        const ClusterManifest m = sampleManifest();
        const crypto::PrivKey attacker = crypto::PrivKey::generate();
        const QString attackerAddress = p2wpkhAddress(attacker);
        const QString goodSignature = signManifest(m, m_operator, m_address).value(QStringLiteral("signature")).toString();

        // the attacker signs with his own key and names his own address
        auto own = verify(bodyOf(signManifest(m, attacker, attackerAddress)));
        QVERIFY(!own.has_value());
        QCOMPARE(own.error().code, codeOf(ManifestError::WrongSigner));
        // ... or names the operator's address
        auto claimed = verify(bodyOf(signManifest(m, attacker, m_address)));
        QVERIFY(!claimed.has_value());
        QCOMPARE(claimed.error().code, codeOf(ManifestError::BadSignature));
        // the operator's signature with another address field
        auto otherAddress = verify(body(m.canonicalJson(), goodSignature, attackerAddress));
        QVERIFY(!otherAddress.has_value());
        QCOMPARE(otherAddress.error().code, codeOf(ManifestError::WrongSigner));
        // the same key's P2PKH address is another signer as far as the pin goes
        auto legacy = verify(body(m.canonicalJson(), goodSignature, p2pkhAddress(m_operator)));
        QVERIFY(!legacy.has_value());
        QCOMPARE(legacy.error().code, codeOf(ManifestError::WrongSigner));
        // an address of another network
        const auto hash = btc::Hash160::fromBytes(crypto::hash160(m_operator.pubKey().serialize(true)));
        const QString mainAddress = *btc::scriptToAddress(btc::Script::p2wpkh(*hash), btc::networkParams(btc::Network::Main));
        auto mainnet = verify(body(m.canonicalJson(), goodSignature, mainAddress));
        QVERIFY(!mainnet.has_value());
        QCOMPARE(mainnet.error().code, codeOf(ManifestError::WrongSigner));
        // an invalid pinned address refuses everything
        auto badPin = verifySignedManifest(bodyOf(signManifest(m, m_operator, m_address)), QStringLiteral("nonsense"),
                                           params(), kNow);
        QVERIFY(!badPin.has_value());
        QCOMPARE(badPin.error().code, codeOf(ManifestError::WrongSigner));

        // broken signatures
        for (const QString &sig : {QString(), QStringLiteral("AAAA"), QString(88, u'A'), QStringLiteral("not base64!"),
                                   goodSignature.left(87) + (goodSignature.endsWith(u'=') ? u'A' : u'=')}) {
            auto r = verify(body(m.canonicalJson(), sig, m_address));
            QVERIFY(!r.has_value());
            QCOMPARE(r.error().code, codeOf(ManifestError::BadSignature));
        }
    }

    void validity_data()
    {
        QTest::addColumn<qint64>("issuedAtMs");
        QTest::addColumn<qint64>("expiresAtMs");
        QTest::addColumn<int>("code");
        QTest::newRow("current") << kNow - kHour << kNow + kHour << 0;
        QTest::newRow("expired") << kNow - 2 * kHour << kNow - kHour << codeOf(ManifestError::Expired);
        QTest::newRow("expires-now") << kNow - kHour << kNow << codeOf(ManifestError::Expired);
        QTest::newRow("within-skew") << kNow + kManifestClockSkewMs << kNow + kHour << 0;
        QTest::newRow("future") << kNow + kManifestClockSkewMs + 1 << kNow + kHour << codeOf(ManifestError::NotYetValid);
    }
    void validity()
    {
        QFETCH(qint64, issuedAtMs);
        QFETCH(qint64, expiresAtMs);
        QFETCH(int, code);
        ClusterManifest m = sampleManifest();
        m.issuedAtMs = issuedAtMs;
        m.expiresAtMs = expiresAtMs;
        auto r = verify(signedBody(m));
        QCOMPARE(r.has_value() ? 0 : r.error().code, code);
    }

    void otherNetwork()
    {
        ClusterManifest m = sampleManifest();
        m.network = QStringLiteral("main");
        auto r = verify(signedBody(m));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, codeOf(ManifestError::WrongNetwork));
    }

    void signedButInvalid()
    {
        // signatures do not make bad content acceptable
        ClusterManifest dup = sampleManifest();
        dup.instances[2].id = dup.instances[0].id;
        const QByteArray bytes = dup.canonicalJson();
        auto r = verify(body(bytes, crypto::signMessage(m_operator, bytes), m_address));
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, codeOf(ManifestError::Duplicate));

        QByteArray loose = sampleManifest().canonicalJson();
        loose.replace(",\"network\"", ", \"network\"");
        auto nc = verify(body(loose, crypto::signMessage(m_operator, loose), m_address));
        QVERIFY(!nc.has_value());
        QCOMPARE(nc.error().code, codeOf(ManifestError::NotCanonical));
    }

    void wireShape_data()
    {
        QTest::addColumn<QByteArray>("wire");
        const QJsonObject good = signManifest(sampleManifest(), m_operator, m_address);
        auto without = [&](const char *key) {
            QJsonObject o = good;
            o.remove(QLatin1String(key));
            return bodyOf(o);
        };
        auto replaced = [&](const char *key, const QJsonValue &v) {
            QJsonObject o = good;
            o.insert(QLatin1String(key), v);
            return bodyOf(o);
        };
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("not-json") << QByteArray("<html>hello</html>");
        QTest::newRow("array") << QByteArray("[]");
        QTest::newRow("no-manifest") << without("manifest");
        QTest::newRow("no-signature") << without("signature");
        QTest::newRow("no-address") << without("address");
        QTest::newRow("manifest-as-object") << replaced("manifest", QJsonDocument::fromJson(sampleManifest().canonicalJson()).object());
        QTest::newRow("signature-number") << replaced("signature", 5);
        QTest::newRow("oversized") << bodyOf(good) + QByteArray(kManifestMaxBodyBytes, ' ');
    }
    void wireShape()
    {
        QFETCH(QByteArray, wire);
        auto r = verify(wire);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().code, codeOf(ManifestError::Malformed));
    }

    /// Random byte flips in a signed answer: never a crash, and whatever is
    /// accepted is exactly the signed content (a flip in JSON whitespace or a
    /// harmless escape of the outer object can keep it valid).
    void mutations()
    {
        const ClusterManifest m = sampleManifest();
        const QByteArray good = signedBody(m);
        int accepted = 0;
        for (int i = 0; i < 3000; ++i) {
            QByteArray wire = good;
            const int flips = 1 + int(crypto::randomBelow(3));
            for (int f = 0; f < flips; ++f) {
                const qsizetype at = qsizetype(crypto::randomBelow(std::uint64_t(wire.size())));
                wire[at] = char(crypto::randomBelow(256));
            }
            auto r = verify(wire);
            if (r) {
                ++accepted;
                QCOMPARE(*r, m);
            }
        }
        QVERIFY(accepted < 3000);
    }
};

QTEST_GUILESS_MAIN(TestClusterManifest)
#include "tst_clustermanifest.moc"
