// Ownership proofs: Bitcoin signed messages checked against the address or
// script they claim (Bitcoin Core's vector, Whirlpool's vectors, segwit forms).
#include <bitcoin/address.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip84.h>
#include <bitcoin/messageverify.h>
#include <crypto/hash.h>
#include <crypto/signedmessage.h>

#include "testdata.h"

#include <QTest>

using namespace wp;

class TestMessageVerify : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void p2pkhVectors_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("signature");
        QTest::addColumn<bool>("valid");
        for (const QJsonValue v : test::loadJson(QStringLiteral("signmessage_core.json"))[QLatin1String("vectors")].toArray()) {
            const QJsonObject o = v.toObject();
            QTest::newRow(qPrintable(o[QLatin1String("id")].toString()))
                << o[QLatin1String("address_p2pkh")].toString() << o[QLatin1String("message")].toString()
                << o[QLatin1String("signature")].toString() << true;
        }
        int n = 0;
        for (const QJsonValue v : test::loadJson(QStringLiteral("whirlpool-vectors.json"))[QLatin1String("signedMessage")].toArray()) {
            const QJsonObject o = v.toObject();
            const QString address = o[QLatin1String("signer")][QLatin1String("address_p2pkh")].toString();
            if (address.isEmpty() || !o[QLatin1String("signature_base64")].isString())
                continue;
            const QString id = QStringLiteral("whirlpool-%1").arg(n++);
            QTest::newRow(qPrintable(id)) << address << o[QLatin1String("message")].toString()
                                          << o[QLatin1String("signature_base64")].toString()
                                          << o[QLatin1String("expected_valid")].toBool();
            for (const QJsonValue neg : o[QLatin1String("negative_cases")].toArray())
                QTest::newRow(qPrintable(id + QStringLiteral("-negative-") + QString::number(n++)))
                    << neg[QLatin1String("address_p2pkh")].toString(address) << neg[QLatin1String("message")].toString()
                    << neg[QLatin1String("signature_base64")].toString() << false;
        }
    }
    void p2pkhVectors()
    {
        QFETCH(QString, address);
        QFETCH(QString, message);
        QFETCH(QString, signature);
        QFETCH(bool, valid);
        // Testnet and regtest share P2PKH versions.
        const auto r = btc::verifyMessage(address, message.toUtf8(), signature, btc::networkParams(btc::Network::Test));
        QCOMPARE(bool(r), valid);
    }

    void segwitOwnership()
    {
        // A premix/postmix-style P2WPKH address proving it owns itself by signing the pool id.
        const auto master = btc::ExtendedPrivKey::fromSeed(btc::mnemonicToSeed(QStringLiteral(
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about")).view());
        const auto premix = btc::Bip84Account::fromMaster(*master, btc::Network::Regtest, btc::kWhirlpoolAccountPremix);
        const auto key = premix->privKey(btc::AddressChain::Receive, 0);
        const QString address = *premix->address(btc::AddressChain::Receive, 0);
        QVERIFY(address.startsWith(QStringLiteral("bcrt1q")));
        const auto &params = btc::networkParams(btc::Network::Regtest);
        const QString signature = crypto::signMessage(*key, "0.01btc");

        QVERIFY(btc::verifyMessage(address, "0.01btc", signature, params));
        QVERIFY(!btc::verifyMessage(address, "0.05btc", signature, params));
        const QString other = *premix->address(btc::AddressChain::Receive, 1);
        QVERIFY(!btc::verifyMessage(other, "0.01btc", signature, params));

        // The same key wrapped in P2SH-P2WPKH.
        const QByteArray program = crypto::hash160(key->pubKey().serialize(true));
        const btc::Script p2wpkh = btc::Script::p2wpkh(*btc::Hash160::fromBytes(program));
        const btc::Script nested = btc::Script::p2sh(*btc::Hash160::fromBytes(crypto::hash160(p2wpkh.bytes())));
        QVERIFY(btc::verifyMessageForScript(nested, "0.01btc", signature));

        // An uncompressed-key signature cannot prove segwit ownership.
        const QString uncompressed = crypto::signMessage(*key, "0.01btc", false);
        QVERIFY(!btc::verifyMessage(address, "0.01btc", uncompressed, params));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("signature");
        const QString good = QStringLiteral("INbVnW4e6PeRmsv2Qgu8NuopvrVjkcxob+sX8OcZG0SALhWybUjzMLPdAsXI46YZGb0KQTRii+wWIQzRpG/U+S0=");
        QTest::newRow("empty-signature") << QStringLiteral("mpLQjfK79b7CCV4VMJWEWAj5Mpx8Up5zxB") << QString();
        QTest::newRow("garbage-signature") << QStringLiteral("mpLQjfK79b7CCV4VMJWEWAj5Mpx8Up5zxB") << QStringLiteral("%%%");
        QTest::newRow("truncated-signature") << QStringLiteral("mpLQjfK79b7CCV4VMJWEWAj5Mpx8Up5zxB") << good.left(40);
        QTest::newRow("bad-address") << QStringLiteral("not-an-address") << good;
        QTest::newRow("mainnet-address") << QStringLiteral("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2") << good;
        QTest::newRow("p2wsh-address") << QStringLiteral("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7") << good;
    }
    void badInput()
    {
        QFETCH(QString, address);
        QFETCH(QString, signature);
        const auto r = btc::verifyMessage(address, "This is just a test message", signature,
                                          btc::networkParams(btc::Network::Test));
        QVERIFY(!r);
        QVERIFY(!r.error().message.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMessageVerify)
#include "tst_messageverify.moc"
