// Address parsing and encoding: BIP173/BIP350 segwit address vectors,
// Bitcoin Core's key_io_valid.json / key_io_invalid.json, and hostile input.

#include <bitcoin/address.h>
#include <bitcoin/bech32.h>
#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <bitcoin/wif.h>
#include <util/hex.h>

#include "testdata.h"

#include <QRandomGenerator>
#include <QTest>

using namespace wp;
using namespace wp::btc;
using wp::test::hex;

namespace {

const QList<Network> kNetworks = {Network::Main, Network::Test, Network::Regtest};

// Core's chain names; testnet4 and signet share testnet's address encodings.
Network networkOfChain(const QString &chain)
{
    if (chain == u"main")
        return Network::Main;
    if (chain == u"regtest")
        return Network::Regtest;
    return Network::Test; // "test", "testnet4", "signet"
}

Network networkOfHrp(const QString &address)
{
    const QString lower = address.toLower();
    if (lower.startsWith(QLatin1String("bcrt1")))
        return Network::Regtest;
    if (lower.startsWith(QLatin1String("tb1")))
        return Network::Test;
    return Network::Main;
}

QString flipCase(const QString &s)
{
    QString out = s;
    for (QChar &c : out)
        c = c.isUpper() ? c.toLower() : c.toUpper();
    return out;
}

} // namespace

class TestAddress : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // --- BIP173 / BIP350 segwit addresses ------------------------------------
    void bipValid_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("script");
        QTest::addColumn<bool>("valid");
        const QJsonObject all = wp::test::loadJson(QStringLiteral("bech32.json")).object();
        for (const char *bip : {"bip173", "bip350"}) {
            int n = 0;
            for (const QJsonValue &v : all.value(QLatin1String(bip)).toObject().value(QLatin1String("validAddresses")).toArray()) {
                const QJsonObject o = v.toObject();
                QTest::newRow(qPrintable(QStringLiteral("%1 valid #%2").arg(QLatin1String(bip)).arg(++n)))
                    << o.value(QLatin1String("address")).toString() << o.value(QLatin1String("scriptPubKey")).toString()
                    << o.value(QLatin1String("validUnderBip350")).toBool(true);
            }
        }
    }
    void bipValid()
    {
        QFETCH(QString, address);
        QFETCH(QString, script);
        QFETCH(bool, valid);
        const NetworkParams &params = networkParams(networkOfHrp(address));
        const auto parsed = addressToScript(address, params);
        if (!valid) {
            // BIP173's v1+ examples use bech32; BIP350 requires bech32m for them.
            QVERIFY(!parsed);
            QVERIFY(parsed.error().message.contains(QLatin1String("Bech32m")));
            return;
        }
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed->toHex(), script);
        QCOMPARE(*scriptToAddress(*parsed, params), address.toLower());
        // Case-insensitive as a whole, never mixed.
        QVERIFY(addressToScript(address.toUpper(), params));
        QVERIFY(addressToScript(address.toLower(), params));
    }

    void bipInvalid_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("reason");
        const QJsonObject all = wp::test::loadJson(QStringLiteral("bech32.json")).object();
        for (const char *bip : {"bip173", "bip350"}) {
            int n = 0;
            for (const QJsonValue &v : all.value(QLatin1String(bip)).toObject().value(QLatin1String("invalidAddresses")).toArray()) {
                const QJsonObject o = v.toObject();
                QTest::newRow(qPrintable(QStringLiteral("%1 invalid #%2").arg(QLatin1String(bip)).arg(++n)))
                    << o.value(QLatin1String("address")).toString() << o.value(QLatin1String("reason")).toString();
            }
        }
    }
    void bipInvalid()
    {
        QFETCH(QString, address);
        QFETCH(QString, reason);
        for (Network n : kNetworks) {
            const auto parsed = addressToScript(address, networkParams(n));
            QVERIFY2(!parsed, qPrintable(reason));
            QVERIFY(!parsed.error().message.isEmpty());
        }
    }

    // --- Bitcoin Core key_io vectors -------------------------------------------
    void coreValid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QJsonObject>("meta");
        const QJsonArray all = wp::test::loadJson(QStringLiteral("key_io_valid.json")).array();
        QCOMPARE(all.size(), 70);
        int n = 0;
        for (const QJsonValue &v : all) {
            const QJsonArray e = v.toArray();
            QTest::newRow(qPrintable(QStringLiteral("key_io_valid #%1 %2").arg(++n).arg(e.at(0).toString())))
                << e.at(0).toString() << e.at(1).toString() << e.at(2).toObject();
        }
    }
    void coreValid()
    {
        QFETCH(QString, text);
        QFETCH(QString, payload);
        QFETCH(QJsonObject, meta);
        if (meta.value(QLatin1String("isPrivkey")).toBool()) {
            // A private key (WIF) is never an address; it decodes to the vector's key and back.
            for (Network n : kNetworks)
                QVERIFY(!addressToScript(text, networkParams(n)));
            const NetworkParams &keyParams = networkParams(networkOfChain(meta.value(QLatin1String("chain")).toString()));
            const auto wif = decodeWif(text, keyParams);
            QVERIFY2(wif, wif ? "" : qPrintable(wif.error().message));
            QCOMPARE(wp::util::toHex(wif->key.bytes().view()), payload);
            QCOMPARE(wif->compressed, meta.value(QLatin1String("isCompressed")).toBool());
            QCOMPARE(encodeWif(wif->key, wif->compressed, keyParams), text);
            return;
        }
        const Network network = networkOfChain(meta.value(QLatin1String("chain")).toString());
        const NetworkParams &params = networkParams(network);
        const auto address = Address::fromString(text, params);
        QVERIFY2(address, address ? "" : qPrintable(address.error().message));
        QCOMPARE(address->scriptPubKey().toHex(), payload);
        QCOMPARE(address->network(), network);
        QCOMPARE(address->toString(), text);
        QCOMPARE(*scriptToAddress(Script(hex(payload)), params), text);
        QCOMPARE(*Address::fromScript(Script(hex(payload)), params), *address);
        if (meta.value(QLatin1String("tryCaseFlip")).toBool()) {
            const auto flipped = addressToScript(flipCase(text), params);
            QVERIFY(flipped);
            QCOMPARE(flipped->toHex(), payload);
        }
        // Networks with other encodings reject it (test and regtest share base58 versions).
        for (Network other : kNetworks) {
            if (other == network)
                continue;
            const bool base58 = address->type() == AddressType::P2pkh || address->type() == AddressType::P2sh;
            const bool sameVersions = networkParams(other).p2pkhVersion == params.p2pkhVersion;
            if (base58 && sameVersions)
                QVERIFY(addressToScript(text, networkParams(other)));
            else
                QVERIFY(!addressToScript(text, networkParams(other)));
        }
    }

    void coreInvalid_data()
    {
        QTest::addColumn<QString>("text");
        const QJsonArray all = wp::test::loadJson(QStringLiteral("key_io_invalid.json")).array();
        QVERIFY(all.size() > 70);
        int n = 0;
        for (const QJsonValue &v : all) {
            const QString text = v.toArray().at(0).toString();
            QTest::newRow(qPrintable(QStringLiteral("key_io_invalid #%1 %2").arg(++n).arg(text.left(30)))) << text;
        }
    }
    void coreInvalid()
    {
        QFETCH(QString, text);
        for (Network n : kNetworks) {
            const auto parsed = Address::fromString(text, networkParams(n));
            QVERIFY2(!parsed, qPrintable(QStringLiteral("accepted on %1").arg(networkParams(n).name)));
            QVERIFY(!parsed.error().message.isEmpty());
            QVERIFY(!decodeWif(text, networkParams(n))); // Core: neither an address nor a private key
        }
    }

    // --- types and scripts ------------------------------------------------------
    void addressTypes_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<int>("network");
        QTest::addColumn<int>("type");
        QTest::newRow("p2pkh") << QStringLiteral("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo") << int(Network::Main) << int(AddressType::P2pkh);
        QTest::newRow("p2sh") << QStringLiteral("36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm") << int(Network::Main) << int(AddressType::P2sh);
        QTest::newRow("p2wpkh") << QStringLiteral("bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv") << int(Network::Main) << int(AddressType::P2wpkh);
        QTest::newRow("p2wsh") << QStringLiteral("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7") << int(Network::Test) << int(AddressType::P2wsh);
        QTest::newRow("p2tr") << QStringLiteral("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0") << int(Network::Main) << int(AddressType::P2tr);
        QTest::newRow("v1 16 bytes") << QStringLiteral("tb1rgv5m6uvdk3kc7qsuz0c79v88ycr5w4wa") << int(Network::Test) << int(AddressType::WitnessUnknown);
        QTest::newRow("v16 regtest") << QStringLiteral("bcrt1sx6p8njlx7h9mc2agz4yg82dzne23050ncq72cneeecez2pst8mahn8xecsf8g6hzx94420") << int(Network::Regtest) << int(AddressType::WitnessUnknown);
        QTest::newRow("regtest p2wpkh") << QStringLiteral("bcrt1qdavt4j2sd7dlhqsavtnfxvzppw6k7qy97tmnu9") << int(Network::Regtest) << int(AddressType::P2wpkh);
    }
    void addressTypes()
    {
        QFETCH(QString, address);
        QFETCH(int, network);
        QFETCH(int, type);
        const auto parsed = Address::fromString(address, networkParams(Network(network)));
        QVERIFY(parsed);
        QCOMPARE(int(parsed->type()), type);
        QCOMPARE(int(parsed->network()), network);
    }

    void scriptsWithoutAddress_data()
    {
        QTest::addColumn<QString>("script");
        QTest::newRow("empty") << QString();
        QTest::newRow("op_return") << QStringLiteral("6a0401020304");
        QTest::newRow("p2pk") << QStringLiteral("2103c9f4836b9a4f77fc0d81f7bcb01b7f1b35916864b9476c241ce9fc198bd25432ac");
        QTest::newRow("v0 21 bytes") << QStringLiteral("0015") + QStringLiteral("00").repeated(21);
        QTest::newRow("v0 33 bytes") << QStringLiteral("0021") + QStringLiteral("00").repeated(33);
        QTest::newRow("push 41 bytes") << QStringLiteral("5129") + QStringLiteral("00").repeated(41);
        QTest::newRow("p2pkh truncated") << QStringLiteral("76a914a31c06bd463e3923bc1aadbde48b16976c08071788");
        QTest::newRow("p2sh extra byte") << QStringLiteral("a914373b819a068f32b7a6b38b6b38729647cfde01c28700");
        QTest::newRow("bare multisig") << QStringLiteral("5121") + QStringLiteral("02").repeated(33) + QStringLiteral("51ae");
    }
    void scriptsWithoutAddress()
    {
        QFETCH(QString, script);
        for (Network n : kNetworks) {
            QVERIFY(!scriptToAddress(Script(hex(script)), networkParams(n)));
            QVERIFY(!Address::fromScript(Script(hex(script)), networkParams(n)));
        }
    }

    // --- hostile input ------------------------------------------------------------
    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        const QString p2wpkh = QStringLiteral("bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv");
        QTest::newRow("empty") << QString();
        QTest::newRow("space") << QStringLiteral(" ");
        QTest::newRow("leading space") << QStringLiteral(" ") + p2wpkh;
        QTest::newRow("trailing newline") << p2wpkh + QStringLiteral("\n");
        QTest::newRow("mixed case") << QStringLiteral("bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhV");
        QTest::newRow("oversized bech32") << p2wpkh + QStringLiteral("q").repeated(60);
        QTest::newRow("oversized base58") << QStringLiteral("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo").repeated(20);
        QTest::newRow("1 MB of q") << QStringLiteral("bc1") + QStringLiteral("q").repeated(1 << 20);
        QTest::newRow("1 MB of 1") << QStringLiteral("1").repeated(1 << 20);
        QTest::newRow("NUL inside") << QStringLiteral("1FsSia9rv4NeEwvJ2G") + QChar(0) + QStringLiteral("vXrX7LyxYspbN2mo");
        QTest::newRow("non-ASCII") << QStringLiteral("bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lh\u00e9");
        QTest::newRow("emoji") << QStringLiteral("\U0001F600");
        QTest::newRow("base58 with 0") << QStringLiteral("0FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo");
        QTest::newRow("hrp only") << QStringLiteral("bc1");
        QTest::newRow("hex") << QStringLiteral("0014751e76e8199196d454941c45d1b3a323f1433bd6");
        // bcoin's own regtest prefix is valid bech32 but not one of our networks.
        QTest::newRow("bcoin regtest hrp") << encodeSegwitAddress(QString::fromLatin1(kBcoinRegtestHrp), {0, QByteArray(20, '\x11')});
    }
    void badInput()
    {
        QFETCH(QString, text);
        for (Network n : kNetworks)
            QVERIFY(!addressToScript(text, networkParams(n)));
    }

    void truncatedAddresses()
    {
        for (const QString &address : {QStringLiteral("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo"),
                                       QStringLiteral("36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm"),
                                       QStringLiteral("bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv"),
                                       QStringLiteral("bc1p83n3au0rjylefxq2nc2xh2y4jzz4pm6zxj4mw5pagdjjr2a9f36s6jjnnu")}) {
            QVERIFY(addressToScript(address, networkParams(Network::Main)));
            for (qsizetype n = 0; n < address.size(); ++n)
                QVERIFY(!addressToScript(QStringView(address).first(n), networkParams(Network::Main)));
            // Any single-character substitution is caught by the checksum.
            for (qsizetype i = 0; i < address.size(); ++i) {
                QString changed = address;
                changed[i] = changed[i] == QLatin1Char('q') ? QLatin1Char('p') : QLatin1Char('q');
                if (changed == address || (i < 2 && address.startsWith(QLatin1String("bc"))))
                    continue;
                QVERIFY2(!addressToScript(changed, networkParams(Network::Main)), qPrintable(changed));
            }
        }
    }

    void randomStrings()
    {
        QRandomGenerator rng(350);
        const QString alphabet = QStringLiteral("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0qpzry9x8gf2tvdw0s3jn54khce6mua7l");
        for (int i = 0; i < 5000; ++i) {
            QString s;
            if (i % 3 == 0)
                s = QStringLiteral("bc1");
            else if (i % 3 == 1)
                s = QStringLiteral("tb1q");
            const int length = int(rng.bounded(120));
            for (int j = 0; j < length; ++j)
                s.append(alphabet[int(rng.bounded(alphabet.size()))]);
            for (Network n : kNetworks) {
                const auto parsed = Address::fromString(s, networkParams(n));
                if (parsed) // astronomically unlikely; then it must round-trip
                    QCOMPARE(*Address::fromString(parsed->toString(), networkParams(n)), *parsed);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestAddress)
#include "tst_address.moc"
