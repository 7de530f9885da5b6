#include <bitcoin/base58.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip84.h>
#include <bitcoin/network.h>
#include <util/hex.h>

#include <testdata.h>

#include <QTest>

using namespace wp;
using namespace wp::btc;

namespace {

QJsonObject vectors() { return test::loadJson(QStringLiteral("bip84_vectors.json")).object(); }

ExtendedPrivKey masterFromMnemonic(const QString &mnemonic, const QString &passphrase = {})
{
    Result<ExtendedPrivKey> master = ExtendedPrivKey::fromSeed(mnemonicToSeed(mnemonic, passphrase).view());
    WP_ASSERT(master.has_value());
    return *master;
}

/// Decodes a mainnet compressed-key WIF into its 32 key bytes (test helper; asserts on bad input).
QByteArray wifKey(const QString &wif)
{
    const std::optional<QByteArray> raw = decodeBase58Check(wif);
    WP_ASSERT(raw && raw->size() == 34 && std::uint8_t(raw->at(0)) == networkParams(Network::Main).wifVersion
              && raw->at(33) == 0x01);
    return raw->mid(1, 32);
}

} // namespace

class TestBip84 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rootAndAccount()
    {
        const QJsonObject v = vectors();
        QCOMPARE(v.value(QStringLiteral("network")).toString(), QStringLiteral("main"));
        const NetworkParams &main = networkParams(Network::Main);
        const ExtendedPrivKey master = masterFromMnemonic(v.value(QStringLiteral("mnemonic")).toString(),
                                                          v.value(QStringLiteral("passphrase")).toString());
        QCOMPARE(master.serialize(main.zprvVersion), v.value(QStringLiteral("rootpriv")).toString());
        QCOMPARE(master.neuter().serialize(main.zpubVersion), v.value(QStringLiteral("rootpub")).toString());

        // The zprv/zpub strings parse back to the same keys.
        Result<ExtendedPrivKey> parsedRoot = ExtendedPrivKey::parse(v.value(QStringLiteral("rootpriv")).toString(), main);
        QVERIFY(parsedRoot);
        QCOMPARE(parsedRoot->parsedVersion(), main.zprvVersion);
        QCOMPARE(parsedRoot->serialize(main.xprvVersion), master.serialize(main.xprvVersion));

        Result<Bip84Account> account = Bip84Account::fromMaster(master, Network::Main, 0);
        QVERIFY(account);
        QVERIFY(account->hasPrivateKey());
        QCOMPARE(account->account(), 0u);
        QCOMPARE(account->zprv().value(), v.value(QStringLiteral("xpriv")).toString());
        QCOMPARE(account->zpub(), v.value(QStringLiteral("xpub")).toString());
        QCOMPARE(int(account->accountPubKey().depth()), 3);
        QCOMPARE(account->accountPubKey().childNumber(), kHardened);
        QVERIFY(account->accountPubKey() == master.derivePath(QStringLiteral("m/84'/0'/0'"))->neuter());
    }

    void addresses_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("chain");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("privkey");
        QTest::addColumn<QString>("pubkey");
        QTest::addColumn<QString>("address");
        const QJsonArray addresses = vectors().value(QStringLiteral("addresses")).toArray();
        QCOMPARE(addresses.size(), 3);
        for (const QJsonValue &a : addresses) {
            const QJsonObject o = a.toObject();
            QTest::newRow(qPrintable(o.value(QStringLiteral("id")).toString()))
                << o.value(QStringLiteral("path")).toString() << o.value(QStringLiteral("chain")).toInt()
                << o.value(QStringLiteral("index")).toInt() << o.value(QStringLiteral("privkey")).toString()
                << o.value(QStringLiteral("pubkey")).toString() << o.value(QStringLiteral("address")).toString();
        }
    }

    void addresses()
    {
        QFETCH(QString, path);
        QFETCH(int, chain);
        QFETCH(int, index);
        QFETCH(QString, privkey);
        QFETCH(QString, pubkey);
        QFETCH(QString, address);
        const QJsonObject v = vectors();
        const ExtendedPrivKey master = masterFromMnemonic(v.value(QStringLiteral("mnemonic")).toString());
        const auto addressChain = AddressChain(chain);

        Result<Bip84Account> account = Bip84Account::fromMaster(master, Network::Main, 0);
        QVERIFY(account);
        Result<crypto::PrivKey> priv = account->privKey(addressChain, std::uint32_t(index));
        QVERIFY(priv);
        QCOMPARE(priv->bytes().toByteArray(), wifKey(privkey));
        QCOMPARE(util::toHex(account->pubKey(addressChain, std::uint32_t(index))->serialize()), pubkey);
        QCOMPARE(util::toHex(priv->pubKey().serialize()), pubkey);
        QCOMPARE(account->address(addressChain, std::uint32_t(index)).value(), address);
        QCOMPARE(p2wpkhAddress(priv->pubKey(), Network::Main), address);

        // The full path from the master agrees.
        Result<ExtendedPrivKey> direct = master.derivePath(path);
        QVERIFY(direct);
        QCOMPARE(direct->privKey().bytes().toByteArray(), wifKey(privkey));

        // Watch-only account from the zpub gives the same public side, no private keys.
        Result<Bip84Account> watch = Bip84Account::fromAccountPubKey(v.value(QStringLiteral("xpub")).toString(), Network::Main);
        QVERIFY(watch);
        QVERIFY(!watch->hasPrivateKey());
        QVERIFY(!watch->zprv());
        QCOMPARE(watch->zpub(), v.value(QStringLiteral("xpub")).toString());
        QCOMPARE(watch->address(addressChain, std::uint32_t(index)).value(), address);
        QCOMPARE(watch->privKey(addressChain, std::uint32_t(index)).error().code, int(HdError::BadKey));
    }

    // Coordinator fee addresses of the classic Whirlpool server tests: vpub/0/index.
    void whirlpoolFeeXpub_data()
    {
        QTest::addColumn<QString>("xpub");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("address");
        const QJsonObject doc = test::loadJson(QStringLiteral("whirlpool_fee_xpub_vectors.json")).object();
        QCOMPARE(doc.value(QStringLiteral("network")).toString(), QStringLiteral("test"));
        const QJsonArray list = doc.value(QStringLiteral("vectors")).toArray();
        QCOMPARE(list.size(), 4);
        for (const QJsonValue &e : list) {
            const QJsonObject o = e.toObject();
            QCOMPARE(o.value(QStringLiteral("chain")).toInt(), 0);
            QTest::newRow(qPrintable(o.value(QStringLiteral("id")).toString()))
                << o.value(QStringLiteral("fee_xpub")).toString() << o.value(QStringLiteral("index")).toInt()
                << o.value(QStringLiteral("address")).toString();
        }
    }

    void whirlpoolFeeXpub()
    {
        QFETCH(QString, xpub);
        QFETCH(int, index);
        QFETCH(QString, address);
        Result<Bip84Account> account = Bip84Account::fromAccountPubKey(xpub, Network::Test);
        QVERIFY2(account, qPrintable(account ? QString() : account.error().message));
        QCOMPARE(account->address(AddressChain::Receive, std::uint32_t(index)).value(), address);
        QCOMPARE(account->zpub(), xpub);
        // The same account key is refused on mainnet (vpub is a testnet version).
        QCOMPARE(Bip84Account::fromAccountPubKey(xpub, Network::Main).error().code, int(HdError::BadVersion));
    }

    void whirlpoolAccounts()
    {
        QCOMPARE(kWhirlpoolAccountDeposit, 0u);
        QCOMPARE(kWhirlpoolAccountBadbank, 2147483644u);
        QCOMPARE(kWhirlpoolAccountPremix, 2147483645u);
        QCOMPARE(kWhirlpoolAccountPostmix, 2147483646u);
        QCOMPARE(kWhirlpoolAccountRicochet, 2147483647u);

        const ExtendedPrivKey master = masterFromMnemonic(vectors().value(QStringLiteral("mnemonic")).toString());
        const struct {
            std::uint32_t account;
            const char *path;
        } cases[] = {{kWhirlpoolAccountDeposit, "m/84'/1'/0'"},
                     {kWhirlpoolAccountBadbank, "m/84'/1'/2147483644'"},
                     {kWhirlpoolAccountPremix, "m/84'/1'/2147483645'"},
                     {kWhirlpoolAccountPostmix, "m/84'/1'/2147483646'"}};
        for (const auto &c : cases) {
            Result<Bip84Account> account = Bip84Account::fromMaster(master, Network::Test, c.account);
            QVERIFY(account);
            QCOMPARE(account->account(), c.account);
            QCOMPARE(account->accountPubKey().childNumber(), c.account | kHardened);
            QVERIFY(account->accountPubKey() == master.derivePath(QString::fromLatin1(c.path))->neuter());
            QVERIFY(account->zpub().startsWith(u"vpub"));
            QVERIFY(account->zprv()->startsWith(u"vprv"));
            QVERIFY(account->address(AddressChain::Receive, 0)->startsWith(u"tb1q"));
            // Round trip through the vpub.
            Result<Bip84Account> watch = Bip84Account::fromAccountPubKey(account->zpub(), Network::Test);
            QVERIFY(watch);
            QCOMPARE(watch->address(AddressChain::Change, 5).value(), account->address(AddressChain::Change, 5).value());
        }
        // Regtest shares testnet's coin type and versions but uses the bcrt hrp.
        Result<Bip84Account> regtest = Bip84Account::fromMaster(master, Network::Regtest, kWhirlpoolAccountPostmix);
        QVERIFY(regtest);
        QVERIFY(regtest->address(AddressChain::Receive, 0)->startsWith(u"bcrt1q"));
        QCOMPARE(regtest->zpub(), Bip84Account::fromMaster(master, Network::Test, kWhirlpoolAccountPostmix)->zpub());
    }

    void errors()
    {
        const QJsonObject v = vectors();
        const ExtendedPrivKey master = masterFromMnemonic(v.value(QStringLiteral("mnemonic")).toString());
        Result<Bip84Account> account = Bip84Account::fromMaster(master, Network::Main, 0);
        QVERIFY(account);
        // Not a master key.
        QCOMPARE(Bip84Account::fromMaster(*account->accountPrivKey(), Network::Main, 0).error().code, int(HdError::BadPath));
        // Account number already hardened.
        QCOMPARE(Bip84Account::fromMaster(master, Network::Main, kHardened).error().code, int(HdError::BadPath));
        // Index out of the non-hardened range.
        QCOMPARE(account->pubKey(AddressChain::Receive, kHardened).error().code, int(HdError::HardenedFromPublic));
        QCOMPARE(account->privKey(AddressChain::Receive, kHardened).error().code, int(HdError::HardenedFromPublic));
        QVERIFY(!account->address(AddressChain::Change, kHardened));
        // Watch-only from keys of the wrong depth or garbage.
        QCOMPARE(Bip84Account::fromAccountPubKey(v.value(QStringLiteral("rootpub")).toString(), Network::Main).error().code,
                 int(HdError::BadStructure));
        QCOMPARE(Bip84Account::fromAccountPubKey(u"zpub-garbage", Network::Main).error().code, int(HdError::BadEncoding));
        QCOMPARE(Bip84Account::fromAccountPubKey(v.value(QStringLiteral("xpriv")).toString(), Network::Main).error().code,
                 int(HdError::BadVersion));
        QVERIFY(!Bip84Account::fromAccountPubKey(QString(), Network::Main));
    }
};

QTEST_GUILESS_MAIN(TestBip84)
#include "tst_bip84.moc"
