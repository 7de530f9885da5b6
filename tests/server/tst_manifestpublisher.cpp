// GET /rest/cluster: the operator key settings and the manifest built from the
// cluster's instance rows, signed so that the client's verifier accepts it.
#include <coordinatoroptions.h>
#include <manifestpublisher.h>

#include <bitcoin/address.h>
#include <bitcoin/wif.h>
#include <protocol/messages.h>
#include <util/hex.h>

#include <QTemporaryDir>
#include <QTest>

using namespace wp;
using server::CoordinatorOptions;
using server::ManifestSettings;

namespace {

const QByteArray kMinimal = "[fees]\nsecret-words = all all all all all all all all all all all all\n"
                            "fee-xpub = vpub5YEQpEDXWE3TcFX9JXj73TaBskrDTy5pdw3HNujngNKfAYtgx1ynNd6ri92A8Jdgccm9BXttHkP3PGdbjpo9EKD7Yh89G5wa1AKWUqAwuvP\n";

constexpr qint64 kNow = 1'790'000'000'000;

Result<CoordinatorOptions> parse(const QByteArray &cluster)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.ini"));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(kMinimal + "[cluster]\n" + cluster);
    f.close();
    return CoordinatorOptions::parse({QStringLiteral("wc"), QStringLiteral("--config"), path});
}

server::cluster::InstanceInfo instance(const QString &name, const QString &url, qint64 heartbeatAgeMs,
                                       const QString &onion = {})
{
    server::cluster::InstanceInfo i;
    i.id = name + QStringLiteral("-id");
    i.name = name;
    i.urlClear = url;
    i.urlOnion = onion;
    i.heartbeatAgeMs = heartbeatAgeMs;
    i.state = QStringLiteral("active");
    return i;
}

const QString kKeyHex = QStringLiteral("0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d");

ManifestSettings settings()
{
    CoordinatorOptions o = *parse("operator-key = " + kKeyHex.toLatin1() + "\nname = test-cluster\nmanifest-ttl-s = 600\n");
    return **ManifestSettings::fromOptions(o);
}

} // namespace

class TestManifestPublisher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void noKeyNoManifest()
    {
        auto o = parse("");
        QVERIFY(o);
        auto s = ManifestSettings::fromOptions(*o);
        QVERIFY(s);
        QVERIFY(!s->has_value());
    }

    void keyFormsAndAddressTypes_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("addressType");
        const auto priv = *crypto::PrivKey::fromBytes(*util::fromHex(kKeyHex));
        const QString wif = btc::encodeWif(priv, true, btc::networkParams(btc::Network::Regtest));
        QTest::newRow("hex p2wpkh") << kKeyHex << "p2wpkh" << int(btc::AddressType::P2wpkh);
        QTest::newRow("wif p2wpkh") << wif << "p2wpkh" << int(btc::AddressType::P2wpkh);
        QTest::newRow("wif p2pkh") << wif << "p2pkh" << int(btc::AddressType::P2pkh);
        QTest::newRow("wif p2sh-p2wpkh") << wif << "p2sh-p2wpkh" << int(btc::AddressType::P2sh);
    }
    void keyFormsAndAddressTypes()
    {
        QFETCH(QString, key);
        QFETCH(QString, type);
        QFETCH(int, addressType);
        auto o = parse(("operator-key = " + key + "\noperator-address-type = " + type + "\n").toLatin1());
        QVERIFY2(o, o ? "" : qPrintable(o.error().message));
        auto s = ManifestSettings::fromOptions(*o);
        QVERIFY2(s, s ? "" : qPrintable(s.error().message));
        QVERIFY(s->has_value());
        const auto address = btc::Address::fromString((*s)->address, btc::networkParams(btc::Network::Regtest));
        QVERIFY(address);
        QCOMPARE(int(address->type()), addressType);
    }

    void badKeysAreOneLineErrors_data()
    {
        QTest::addColumn<QString>("key");
        const auto priv = *crypto::PrivKey::fromBytes(*util::fromHex(kKeyHex));
        QTest::newRow("garbage") << "not a key";
        QTest::newRow("hex out of range") << QString(64, QLatin1Char('f'));
        QTest::newRow("hex zero") << QString(64, QLatin1Char('0'));
        QTest::newRow("mainnet wif") << btc::encodeWif(priv, true, btc::networkParams(btc::Network::Main));
        QTest::newRow("uncompressed wif") << btc::encodeWif(priv, false, btc::networkParams(btc::Network::Regtest));
    }
    void badKeysAreOneLineErrors()
    {
        QFETCH(QString, key);
        auto o = parse(("operator-key = " + key + "\n").toLatin1());
        QVERIFY(o);
        auto s = ManifestSettings::fromOptions(*o);
        QVERIFY(!s);
        QVERIFY(s.error().message.startsWith(QLatin1String("cluster.operator-key")));
        QVERIFY(!s.error().message.contains(QLatin1Char('\n')));
        QVERIFY(!s.error().message.contains(key.left(20)) || key == QLatin1String("not a key")); // no secret echoed
    }

    void badAddressTypeRefused()
    {
        auto o = parse("operator-address-type = p2tr\n");
        QVERIFY(!o);
        QVERIFY(o.error().message.contains(QLatin1String("operator-address-type")));
    }

    void manifestListsRecentInstancesOnce()
    {
        server::cluster::ClusterState state;
        state.instances = {
            instance(QStringLiteral("alpha"), QStringLiteral("http://127.0.0.1:8001/"), 100),
            instance(QStringLiteral("beta"), QStringLiteral("HTTP://Example.COM:80"), 200,
                     QStringLiteral("http://abcdefghijklmnop.onion")),
            instance(QStringLiteral("alpha"), QStringLiteral("http://127.0.0.1:7001"), 5000), // an older start of alpha
            instance(QStringLiteral("gamma"), QStringLiteral("http://127.0.0.1:8001"), 300),  // alpha's URL again
            instance(QStringLiteral("delta"), QStringLiteral("ftp://x"), 300),                // no valid URL
            instance(QStringLiteral("old"), QStringLiteral("http://127.0.0.1:8009"), 601'000), // beyond the TTL
        };
        const ManifestSettings s = settings();
        auto m = server::buildManifest(state, s, kNow);
        QVERIFY2(m, m ? "" : qPrintable(m.error().message));
        QCOMPARE(m->cluster, QStringLiteral("test-cluster"));
        QCOMPARE(m->network, QStringLiteral("regtest"));
        QCOMPARE(m->issuedAtMs, kNow);
        QCOMPARE(m->expiresAtMs, kNow + 600'000);
        QCOMPARE(m->instances.size(), 2);
        QCOMPARE(m->instances[0].id, QStringLiteral("alpha"));
        QCOMPARE(m->instances[0].urlClear, QStringLiteral("http://127.0.0.1:8001"));
        QCOMPARE(m->instances[1].id, QStringLiteral("beta"));
        QCOMPARE(m->instances[1].urlClear, QStringLiteral("http://example.com"));
        QCOMPARE(m->instances[1].urlOnion, QStringLiteral("http://abcdefghijklmnop.onion"));

        // Signed, it verifies against the pinned operator address.
        const QByteArray body = proto::toJsonBytes(proto::signManifest(*m, *s.key, s.address));
        auto verified = proto::verifySignedManifest(body, s.address, btc::networkParams(btc::Network::Regtest), kNow + 1000);
        QVERIFY2(verified, verified ? "" : qPrintable(verified.error().message));
        QCOMPARE(*verified, *m);
    }

    void hostileNamesNeverBreakTheManifest()
    {
        server::cluster::ClusterState state;
        state.instances = {instance(QStringLiteral("\"},{\"id\":\"evil\"\n<script>"), QStringLiteral("http://127.0.0.1:8001"), 1),
                           instance(QString(300, QLatin1Char('x')), QStringLiteral("http://127.0.0.1:8002"), 1)};
        auto m = server::buildManifest(state, settings(), kNow);
        // The odd name is data in canonical JSON; the oversized one is left out alone.
        QVERIFY2(m, m ? "" : qPrintable(m.error().message));
        QCOMPARE(m->instances.size(), 1);
        auto again = proto::ClusterManifest::fromCanonicalJson(m->canonicalJson());
        QVERIFY(again);
        QCOMPARE(*again, *m);
    }

    void nothingToListIsAnError()
    {
        server::cluster::ClusterState state;
        state.instances = {instance(QStringLiteral("stale"), QStringLiteral("http://127.0.0.1:8001"), 10'000'000)};
        QVERIFY(!server::buildManifest(state, settings(), kNow));
    }
};

QTEST_GUILESS_MAIN(TestManifestPublisher)
#include "tst_manifestpublisher.moc"
