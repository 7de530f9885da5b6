#include <bitcoin/base58.h>
#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <bitcoin/bip47.h>
#include <bitcoin/bip84.h>
#include <bitcoin/network.h>
#include <crypto/hash.h>
#include <util/hex.h>

#include <testdata.h>

#include <QHash>
#include <QTest>

using namespace wp;
using namespace wp::btc;

namespace {

QJsonObject gist() { return test::loadJson(QStringLiteral("bip47_vectors.json")).object(); }

ExtendedPrivKey masterFromMnemonic(const QString &mnemonic, const QString &passphrase = {})
{
    Result<ExtendedPrivKey> master = ExtendedPrivKey::fromSeed(mnemonicToSeed(mnemonic, passphrase).view());
    WP_ASSERT(master.has_value());
    return *master;
}

Bip47Account mainnetAccount(const QJsonObject &person)
{
    Result<Bip47Account> account =
        Bip47Account::fromMaster(masterFromMnemonic(person.value(QStringLiteral("mnemonic")).toString()), Network::Main, 0);
    WP_ASSERT(account.has_value());
    return *account;
}

PaymentCode code(const QString &text)
{
    Result<PaymentCode> pc = PaymentCode::parse(text);
    WP_ASSERT(pc.has_value());
    return *pc;
}

QString hexOf(const crypto::PubKey &key) { return util::toHex(key.serialize()); }

/// Decodes a mainnet compressed-key WIF (test helper; asserts on bad input).
crypto::PrivKey wifKey(const QString &wif)
{
    const std::optional<QByteArray> raw = decodeBase58Check(wif);
    WP_ASSERT(raw && raw->size() == 34 && raw->at(33) == 0x01);
    return *crypto::PrivKey::fromBytes(raw->mid(1, 32));
}

/// Whirlpool vector wallets: {words, passphrase, network, bip47_path}.
struct Wallet {
    Bip47Account account;
    Network network;
};

Wallet walletFrom(const QJsonObject &w)
{
    const std::optional<Network> network = networkFromName(w.value(QStringLiteral("network")).toString());
    WP_ASSERT(network.has_value());
    const ExtendedPrivKey master = masterFromMnemonic(w.value(QStringLiteral("words")).toString(),
                                                      w.value(QStringLiteral("passphrase")).toString());
    const QString path = w.value(QStringLiteral("bip47_path")).toString();
    Result<ExtendedPrivKey> accountKey = master.derivePath(path);
    WP_ASSERT(accountKey.has_value());
    Result<Bip47Account> account = Bip47Account::fromAccountKey(*accountKey);
    WP_ASSERT(account.has_value());
    // The path is m/47'/coin'/n': fromMaster() must land on the same account.
    Result<Bip47Account> viaMaster =
        Bip47Account::fromMaster(master, *network, accountKey->childNumber() & ~kHardened);
    WP_ASSERT(viaMaster.has_value() && viaMaster->paymentCode() == account->paymentCode());
    return Wallet{*account, *network};
}

} // namespace

class TestBip47 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // ---- Official BIP47 test vectors (Alice and Bob, mainnet m/47'/0'/0') ----------------------

    void officialWallets_data()
    {
        QTest::addColumn<QString>("who");
        QTest::newRow("alice") << QStringLiteral("alice");
        QTest::newRow("bob") << QStringLiteral("bob");
    }

    void officialWallets()
    {
        QFETCH(QString, who);
        const QJsonObject person = gist().value(who).toObject();
        const QString mnemonic = person.value(QStringLiteral("mnemonic")).toString();
        QCOMPARE(mnemonicToEntropy(mnemonic)->toByteArray(), test::hex(person.value(QStringLiteral("entropy")).toString()));
        QCOMPARE(mnemonicToSeed(mnemonic).toByteArray(), test::hex(person.value(QStringLiteral("seed")).toString()));

        const Bip47Account account = mainnetAccount(person);
        const QString expected = person.value(QStringLiteral("paymentCode")).toString();
        QCOMPARE(account.paymentCode().toString(), expected);
        Result<PaymentCode> parsed = PaymentCode::parse(expected);
        QVERIFY(parsed);
        QVERIFY(*parsed == account.paymentCode());
        QCOMPARE(parsed->toString(), expected);
        QCOMPARE(parsed->version(), std::uint8_t(1));
        QCOMPARE(parsed->features(), std::uint8_t(0));
        QVERIFY(!parsed->samouraiSegwit());
        QCOMPARE(parsed->notificationAddress(Network::Main).value(),
                 person.value(QStringLiteral("notificationAddress")).toString());
        // The code carries the account key's public key and chain code.
        QVERIFY(parsed->pubKey() == account.accountKey().pubKey());
        QCOMPARE(parsed->chainCode(), account.accountKey().chainCode().toByteArray());
    }

    void officialAlicePayload()
    {
        const QJsonObject alice = gist().value(QStringLiteral("alice")).toObject();
        const Bip47Account account = mainnetAccount(alice);
        QCOMPARE(util::toHex(account.paymentCode().payload()), alice.value(QStringLiteral("payload")).toString());
        Result<crypto::PrivKey> a0 = account.notificationPrivKey();
        QVERIFY(a0);
        QCOMPARE(util::toHex(a0->bytes().view()), alice.value(QStringLiteral("a")).toArray()[0].toString());
        const QString bigA0 = alice.value(QStringLiteral("A")).toArray()[0].toString();
        QCOMPARE(hexOf(a0->pubKey()), bigA0);
        QCOMPARE(hexOf(*account.paymentCode().notificationPubKey()), bigA0);
        QCOMPARE(hexOf(*code(alice.value(QStringLiteral("paymentCode")).toString()).notificationPubKey()), bigA0);
    }

    void officialBobKeys_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("priv");
        QTest::addColumn<QString>("pub");
        const QJsonObject bob = gist().value(QStringLiteral("bob")).toObject();
        const QJsonArray b = bob.value(QStringLiteral("b")).toArray();
        const QJsonArray bigB = bob.value(QStringLiteral("B")).toArray();
        QCOMPARE(b.size(), 10);
        QCOMPARE(bigB.size(), 10);
        for (int i = 0; i < 10; ++i)
            QTest::newRow(qPrintable(QStringLiteral("b%1").arg(i))) << i << b[i].toString() << bigB[i].toString();
    }

    void officialBobKeys()
    {
        QFETCH(int, index);
        QFETCH(QString, priv);
        QFETCH(QString, pub);
        const QJsonObject bob = gist().value(QStringLiteral("bob")).toObject();
        const Bip47Account account = mainnetAccount(bob);
        QCOMPARE(util::toHex(account.privKey(std::uint32_t(index))->bytes().view()), priv);
        const PaymentCode bobCode = code(bob.value(QStringLiteral("paymentCode")).toString());
        QCOMPARE(util::toHex(bobCode.pubKey().serialize() + bobCode.chainCode()),
                 bob.value(QStringLiteral("pubKeyAndChainCode")).toString());
        QCOMPARE(hexOf(*bobCode.derivePubKey(std::uint32_t(index))), pub);
    }

    void officialSharedSecrets_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("address");
        const QJsonObject doc = gist();
        const QJsonArray secrets = doc.value(QStringLiteral("sharedSecrets")).toArray();
        const QJsonArray addresses = doc.value(QStringLiteral("aliceToBobAddresses")).toArray();
        QCOMPARE(secrets.size(), 10);
        QCOMPARE(addresses.size(), 10);
        for (int i = 0; i < 10; ++i)
            QTest::newRow(qPrintable(QStringLiteral("alice-to-bob-%1").arg(i)))
                << i << secrets[i].toString() << addresses[i].toString();
    }

    void officialSharedSecrets()
    {
        QFETCH(int, index);
        QFETCH(QString, secret);
        QFETCH(QString, address);
        const QJsonObject doc = gist();
        const Bip47Account alice = mainnetAccount(doc.value(QStringLiteral("alice")).toObject());
        const Bip47Account bob = mainnetAccount(doc.value(QStringLiteral("bob")).toObject());
        const PaymentCode aliceCode = code(doc.value(QStringLiteral("alice")).toObject().value(QStringLiteral("paymentCode")).toString());
        const PaymentCode bobCode = code(doc.value(QStringLiteral("bob")).toObject().value(QStringLiteral("paymentCode")).toString());
        const auto i = std::uint32_t(index);

        // Both sides compute the same secret S = x(a0·B_i) = x(b_i·A0).
        QCOMPARE(util::toHex(alice.sendSecret(bobCode, i)->view()), secret);
        QCOMPARE(util::toHex(bob.receiveSecret(aliceCode, i)->view()), secret);

        // Alice's send address to Bob == Bob's receive key for Alice.
        Result<crypto::PubKey> sendKey = alice.sendPubKey(bobCode, i);
        QVERIFY(sendKey);
        QCOMPARE(p2pkhAddress(*sendKey, Network::Main), address);
        Result<crypto::PrivKey> receiveKey = bob.receivePrivKey(aliceCode, i);
        QVERIFY(receiveKey);
        QVERIFY(receiveKey->pubKey() == *sendKey);
        QVERIFY(*bob.receivePubKey(aliceCode, i) == *sendKey);
        // Bob's private payment key is b_i + SHA256(S).
        QCOMPARE(bob.privKey(i)->tweakAdd(crypto::sha256(test::hex(secret)))->bytes(), receiveKey->bytes());
    }

    void officialNotification()
    {
        const QJsonObject doc = gist();
        const QJsonObject n = doc.value(QStringLiteral("notification")).toObject();
        const PaymentCode aliceCode = code(doc.value(QStringLiteral("alice")).toObject().value(QStringLiteral("paymentCode")).toString());
        const PaymentCode bobCode = code(doc.value(QStringLiteral("bob")).toObject().value(QStringLiteral("paymentCode")).toString());
        const Bip47Account bob = mainnetAccount(doc.value(QStringLiteral("bob")).toObject());

        const crypto::PrivKey designated = wifKey(n.value(QStringLiteral("designatedInputWif")).toString());
        QCOMPARE(hexOf(designated.pubKey()), n.value(QStringLiteral("designatedInputPubKey")).toString());
        const QString secret = n.value(QStringLiteral("sharedSecret")).toString();
        // Alice: S = x(designated · B0); Bob: S = x(b0 · designated pubkey).
        QCOMPARE(util::toHex(designated.ecdhX(*bobCode.notificationPubKey()).view()), secret);
        QCOMPARE(util::toHex(bob.notificationPrivKey()->ecdhX(designated.pubKey()).view()), secret);

        const QByteArray outpoint = test::hex(n.value(QStringLiteral("outpoint")).toString());
        const QByteArray mask = bip47BlindingMask(test::hex(secret), outpoint);
        QCOMPARE(util::toHex(mask), n.value(QStringLiteral("blindingMask")).toString());

        const QByteArray blinded = aliceCode.blindedPayload(mask);
        QCOMPARE(util::toHex(blinded), n.value(QStringLiteral("blindedPayload")).toString());
        // The notification transaction carries it as OP_RETURN PUSHDATA1(80).
        QVERIFY(n.value(QStringLiteral("transaction")).toString().contains(QStringLiteral("6a4c50") + util::toHex(blinded)));

        Result<PaymentCode> unblinded = PaymentCode::fromBlindedPayload(blinded, mask);
        QVERIFY(unblinded);
        QVERIFY(*unblinded == aliceCode);
        // A wrong mask gives garbage (almost surely not a valid point) or another code, never Alice's.
        QByteArray wrongMask = mask;
        wrongMask[0] = char(wrongMask[0] ^ 1);
        Result<PaymentCode> wrong = PaymentCode::fromBlindedPayload(blinded, wrongMask);
        QVERIFY(!wrong || !(*wrong == aliceCode));
        QVERIFY(!PaymentCode::fromBlindedPayload(blinded.left(79), mask));
        QVERIFY(!PaymentCode::fromBlindedPayload(blinded, mask.left(63)));
    }

    // ---- Whirlpool (Samourai extlibj) BIP47 vectors: testnet, passphrase "whirlpool" ---------------

    void whirlpool_data()
    {
        QTest::addColumn<QJsonObject>("vector");
        const QJsonObject doc = test::loadJson(QStringLiteral("whirlpool_bip47_vectors.json")).object();
        const QJsonArray list = doc.value(QStringLiteral("vectors")).toArray();
        QCOMPARE(list.size(), 27);
        for (const QJsonValue &v : list)
            QTest::newRow(qPrintable(v.toObject().value(QStringLiteral("id")).toString())) << v.toObject();
    }

    void whirlpool()
    {
        QFETCH(QJsonObject, vector);
        const QString kind = vector.value(QStringLiteral("kind")).toString();
        const auto str = [&](const char *key) { return vector.value(QLatin1String(key)).toString(); };

        if (kind.startsWith(u"notification address")) {
            const Wallet w = walletFrom(vector.value(QStringLiteral("wallet")).toObject());
            QCOMPARE(hexOf(*w.account.paymentCode().notificationPubKey()), str("notification_pubkey"));
            QCOMPARE(hexOf(w.account.notificationPrivKey()->pubKey()), str("notification_pubkey"));
            QCOMPARE(w.account.paymentCode().notificationAddress(w.network).value(), str("expected_address"));
        } else if (kind.startsWith(u"payment code (BIP47 v1)") || kind.startsWith(u"payment code with Samourai")) {
            const bool segwit = kind.startsWith(u"payment code with Samourai");
            const Wallet w = walletFrom(vector.value(QStringLiteral("wallet")).toObject());
            const PaymentCode pc = PaymentCode::fromAccountKey(w.account.accountKey().neuter(), segwit);
            QCOMPARE(pc.toString(), str("expected_payment_code"));
            QCOMPARE(QStringLiteral("47") + util::toHex(pc.payload()), str("payload_hex"));
            Result<PaymentCode> parsed = PaymentCode::parse(str("expected_payment_code"));
            QVERIFY(parsed);
            QCOMPARE(parsed->samouraiSegwit(), segwit);
            QCOMPARE(parsed->toString(), str("expected_payment_code"));
            // The segwit flag does not change the keys.
            QVERIFY(*parsed->notificationPubKey() == *w.account.paymentCode().notificationPubKey());
            QCOMPARE(Bip47Account::fromAccountKey(w.account.accountKey(), segwit)->paymentCode().toString(),
                     str("expected_payment_code"));
        } else if (kind.startsWith(u"BIP47 receive_") || kind.startsWith(u"BIP47 send_")) {
            const Wallet initiator = walletFrom(vector.value(QStringLiteral("initiator")).toObject());
            const Wallet counterparty = walletFrom(vector.value(QStringLiteral("counterparty")).toObject());
            QCOMPARE(initiator.account.paymentCode().toString(), str("initiator_payment_code"));
            QCOMPARE(counterparty.account.paymentCode().toString(), str("counterparty_payment_code"));
            const auto index = std::uint32_t(vector.value(QStringLiteral("index")).toInt());
            // receive: initiator receives from the counterparty; send: counterparty sends to the initiator.
            Result<crypto::PubKey> key = kind.startsWith(u"BIP47 receive_")
                ? initiator.account.receivePubKey(code(str("counterparty_payment_code")), index)
                : counterparty.account.sendPubKey(code(str("initiator_payment_code")), index);
            QVERIFY(key);
            QCOMPARE(hexOf(*key), str("derived_pubkey"));
            if (kind.contains(u"_address"))
                QCOMPARE(p2wpkhAddress(*key, initiator.network), str("expected"));
            else
                QCOMPARE(hexOf(*key), str("expected"));
        } else if (kind.startsWith(u"Bip47Partner shared address")) {
            // The wallets behind these two codes are the "whirlpool" / "whirlpoolcounterparty" ones.
            const PaymentCode initiatorCode = code(str("initiator_payment_code"));
            const PaymentCode counterpartyCode = code(str("counterparty_payment_code"));
            const Wallet initiator = walletFrom(
                {{QStringLiteral("words"), QStringLiteral("all all all all all all all all all all all all")},
                 {QStringLiteral("passphrase"), QStringLiteral("whirlpool")},
                 {QStringLiteral("network"), QStringLiteral("testnet")},
                 {QStringLiteral("bip47_path"), QStringLiteral("m/47'/1'/0'")}});
            const Wallet counterparty = walletFrom(
                {{QStringLiteral("words"), QStringLiteral("all all all all all all all all all all all all")},
                 {QStringLiteral("passphrase"), QStringLiteral("whirlpoolcounterparty")},
                 {QStringLiteral("network"), QStringLiteral("testnet")},
                 {QStringLiteral("bip47_path"), QStringLiteral("m/47'/1'/0'")}});
            QVERIFY(initiator.account.paymentCode() == initiatorCode);
            QVERIFY(counterparty.account.paymentCode() == counterpartyCode);
            Result<crypto::PubKey> sent = initiator.account.sendPubKey(counterpartyCode, 0);
            Result<crypto::PubKey> received = counterparty.account.receivePubKey(initiatorCode, 0);
            QVERIFY(sent && received);
            QVERIFY(*sent == *received);
            QCOMPARE(p2wpkhAddress(*sent, Network::Test), str("expected_address"));
        } else if (kind.startsWith(u"invalid payment code")) {
            Result<PaymentCode> pc = PaymentCode::parse(str("payment_code"));
            QVERIFY(!pc);
            QCOMPARE(pc.error().code, int(HdError::BadPaymentCode));
        } else if (kind.startsWith(u"payment code asserted for a seed")) {
            const Wallet w = walletFrom(vector.value(QStringLiteral("wallet")).toObject());
            QCOMPARE(w.account.paymentCode().toString(), str("expected_payment_code"));
            QCOMPARE(hexOf(*w.account.paymentCode().notificationPubKey()), str("notification_pubkey"));
            QCOMPARE(w.account.paymentCode().notificationAddress(w.network).value(), str("notification_address_p2pkh"));
        } else if (kind.startsWith(u"payment code literal")) {
            Result<PaymentCode> pc = PaymentCode::parse(str("payment_code"));
            QVERIFY(pc);
            QCOMPARE(QStringLiteral("47") + util::toHex(pc->payload()), str("payload_hex"));
            QCOMPARE(pc->toString(), str("payment_code"));
            QCOMPARE(hexOf(*pc->notificationPubKey()), str("notification_pubkey_derived"));
            QCOMPARE(pc->notificationAddress(Network::Test).value(), str("notification_address_testnet_derived"));
        } else if (kind.startsWith(u"OBPP RFC05")) {
            // Version 3 codes are not used by Whirlpool: check the v1 half (BIP47 spec wallets at
            // m/47'/0'/0', given here as xprv/xpub) and that v3 strings are refused cleanly.
            const QJsonObject seeds = vector.value(QStringLiteral("seeds")).toObject();
            const QJsonObject keys = vector.value(QStringLiteral("keys")).toObject();
            const QJsonArray fromV1 = vector.value(QStringLiteral("fromV1")).toArray();
            const NetworkParams &main = networkParams(Network::Main);
            int n = 0;
            for (const QString &who : {QStringLiteral("Alice"), QStringLiteral("Bob")}) {
                const ExtendedPrivKey master = masterFromMnemonic(seeds.value(who.toLower()).toString());
                Result<ExtendedPrivKey> accountKey = master.derivePath(QStringLiteral("m/47'/0'/0'"));
                QVERIFY(accountKey);
                QCOMPARE(accountKey->serialize(main.xprvVersion), keys.value(QStringLiteral("xpriv") + who).toString());
                QCOMPARE(accountKey->neuter().serialize(main.xpubVersion), keys.value(QStringLiteral("xpub") + who).toString());
                Result<ExtendedPubKey> xpub = ExtendedPubKey::parse(keys.value(QStringLiteral("xpub") + who).toString(), main);
                QVERIFY(xpub);
                const QJsonObject pair = fromV1[n++].toObject();
                QCOMPARE(PaymentCode::fromAccountKey(*xpub).toString(), pair.value(QStringLiteral("v1")).toString());
                Result<PaymentCode> v3 = PaymentCode::parse(pair.value(QStringLiteral("v3")).toString());
                QVERIFY(!v3);
                QCOMPARE(v3.error().code, int(HdError::BadPaymentCode));
            }
            // They are the official BIP47 Alice and Bob.
            QCOMPARE(fromV1[0].toObject().value(QStringLiteral("v1")).toString(),
                     gist().value(QStringLiteral("alice")).toObject().value(QStringLiteral("paymentCode")).toString());
            QCOMPARE(fromV1[1].toObject().value(QStringLiteral("v1")).toString(),
                     gist().value(QStringLiteral("bob")).toObject().value(QStringLiteral("paymentCode")).toString());
        } else {
            QFAIL(qPrintable(QStringLiteral("unhandled vector kind: ") + kind));
        }
    }

    // ---- Robustness ---------------------------------------------------------------------------

    void parseRejects_data()
    {
        QTest::addColumn<QString>("text");
        const QString alice = gist().value(QStringLiteral("alice")).toObject().value(QStringLiteral("paymentCode")).toString();
        const QByteArray payload = test::hex(gist().value(QStringLiteral("alice")).toObject().value(QStringLiteral("payload")).toString());
        const auto withPrefix = [](char prefix, const QByteArray &p) { return encodeBase58Check(QByteArray(1, prefix) + p); };
        QByteArray v2 = payload;
        v2[0] = 2;
        QByteArray badSign = payload;
        badSign[2] = 4;
        QByteArray notOnCurve = payload;
        notOnCurve.replace(3, 32, test::hex(QStringLiteral("0000000000000000000000000000000000000000000000000000000000000007")));
        QTest::newRow("empty") << QString();
        QTest::newRow("garbage") << QStringLiteral("not a payment code");
        QTest::newRow("truncated") << alice.chopped(1);
        QTest::newRow("one char changed") << QString(alice).replace(30, 1, u'x');
        QTest::newRow("trailing space") << alice + u' ';
        QTest::newRow("huge") << QString(50000, u'P');
        QTest::newRow("xpub instead") << QStringLiteral(
            "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8");
        QTest::newRow("wrong prefix byte") << withPrefix(0x48, payload);
        QTest::newRow("79-byte payload") << withPrefix(0x47, payload.left(79));
        QTest::newRow("81-byte payload") << withPrefix(0x47, payload + '\0');
        QTest::newRow("version 2") << withPrefix(0x47, v2);
        QTest::newRow("sign byte 04") << withPrefix(0x47, badSign);
        QTest::newRow("x not on curve") << withPrefix(0x47, notOnCurve);
    }

    void parseRejects()
    {
        QFETCH(QString, text);
        Result<PaymentCode> pc = PaymentCode::parse(text);
        QVERIFY(!pc);
        QCOMPARE(pc.error().code, int(HdError::BadPaymentCode));
        QVERIFY(!pc.error().message.isEmpty());
    }

    void payloadChecks()
    {
        const QByteArray payload = test::hex(gist().value(QStringLiteral("alice")).toObject().value(QStringLiteral("payload")).toString());
        QVERIFY(PaymentCode::fromPayload(payload));
        QVERIFY(!PaymentCode::fromPayload(payload.left(79)));
        QVERIFY(!PaymentCode::fromPayload(QByteArray()));
        QVERIFY(!PaymentCode::fromPayload(payload + '\0'));
        // Reserved bytes and feature bits are kept as given (Samourai uses byte 79).
        QByteArray flagged = payload;
        flagged[1] = 0x01;
        flagged[kSamouraiFeatureByte] = 0x01;
        Result<PaymentCode> pc = PaymentCode::fromPayload(flagged);
        QVERIFY(pc);
        QCOMPARE(pc->features(), std::uint8_t(1));
        QVERIFY(pc->samouraiSegwit());
        QCOMPARE(pc->payload(), flagged);
        QCOMPARE(PaymentCode::parse(pc->toString())->payload(), flagged);
    }

    void accountErrors()
    {
        const ExtendedPrivKey master = masterFromMnemonic(gist().value(QStringLiteral("alice")).toObject().value(QStringLiteral("mnemonic")).toString());
        Result<Bip47Account> account = Bip47Account::fromMaster(master, Network::Main, 0);
        QVERIFY(account);
        QCOMPARE(Bip47Account::fromMaster(account->accountKey(), Network::Main, 0).error().code, int(HdError::BadPath));
        QCOMPARE(Bip47Account::fromMaster(master, Network::Main, kHardened).error().code, int(HdError::BadPath));
        QCOMPARE(Bip47Account::fromAccountKey(master).error().code, int(HdError::BadStructure));
        QCOMPARE(account->privKey(kHardened).error().code, int(HdError::InvalidChild));
        QCOMPARE(account->paymentCode().derivePubKey(kHardened).error().code, int(HdError::InvalidChild));
        QVERIFY(!account->sendPubKey(account->paymentCode(), kHardened));
        QVERIFY(!account->receivePrivKey(account->paymentCode(), kHardened));
        // The payment code does not depend on the network's address format, only on the coin type.
        QCOMPARE(Bip47Account::fromMaster(master, Network::Test, 0)->paymentCode().toString(),
                 Bip47Account::fromMaster(master, Network::Regtest, 0)->paymentCode().toString());
    }
};

QTEST_GUILESS_MAIN(TestBip47)
#include "tst_bip47.moc"
