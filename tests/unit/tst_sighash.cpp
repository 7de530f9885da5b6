// Signature hashes against every BIP143 example (preimages, digests,
// RFC 6979 signatures, signed transactions) and Bitcoin Core's legacy
// sighash.json; P2WPKH signing and verification, including rejections.

#include <bitcoin/script.h>
#include <bitcoin/sighash.h>
#include <bitcoin/transaction.h>
#include <crypto/eckey.h>
#include <crypto/hash.h>
#include <util/hex.h>

#include "testdata.h"

#include <QTest>

using namespace wp;
using namespace wp::btc;
using wp::test::hex;

namespace {

Transaction parse(const QByteArray &raw)
{
    auto tx = Transaction::deserialize(raw);
    if (!tx)
        qFatal("vector transaction does not parse: %s", qPrintable(tx.error().message));
    return *tx;
}

QJsonObject example(const QString &id)
{
    const QJsonObject bip143 = wp::test::loadJson(QStringLiteral("bip143.json")).object();
    for (const QJsonValue &v : bip143.value(QLatin1String("examples")).toArray())
        if (v.toObject().value(QLatin1String("id")).toString() == id)
            return v.toObject();
    qFatal("no BIP143 example %s", qPrintable(id));
    return {};
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

// The DER part of "DER || hashtype" as found in the vectors.
QByteArray derPart(const QByteArray &sig)
{
    if (sig.size() < 2 || sig[0] != 0x30)
        return {};
    return sig.left(2 + std::uint8_t(sig[1]));
}

crypto::PrivKey privKey(const QString &hexKey)
{
    const auto key = crypto::PrivKey::fromBytes(hex(hexKey));
    if (!key)
        qFatal("invalid private key in vector");
    return *key;
}

// Signs a P2PK input with the legacy sighash, as the BIP143 examples' first inputs are.
void signP2pk(Transaction &tx, qsizetype index, const Script &scriptPubKey, const crypto::PrivKey &key,
              std::uint32_t hashType)
{
    const Sighash hash = sighashLegacy(tx, index, scriptPubKey, hashType);
    QByteArray sig = key.signDer(hash.bytes());
    sig.append(char(hashType));
    Script scriptSig;
    scriptSig.appendPush(sig);
    tx.inputs[index].scriptSig = scriptSig;
}

} // namespace

class TestSighash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void definedTypes()
    {
        for (std::uint32_t t : {1u, 2u, 3u, 0x81u, 0x82u, 0x83u})
            QVERIFY(isDefinedSighashType(t));
        for (std::uint32_t t : {0u, 4u, 0x80u, 0x84u, 0x41u, 0x101u, 0xffffffffu})
            QVERIFY(!isDefinedSighashType(t));
    }

    // --- BIP143 -------------------------------------------------------------
    void bip143_data()
    {
        QTest::addColumn<QJsonObject>("v");
        const QJsonObject bip143 = wp::test::loadJson(QStringLiteral("bip143.json")).object();
        const QJsonArray all = bip143.value(QLatin1String("sighashes")).toArray();
        QCOMPARE(all.size(), 14); // every digest the BIP lists
        for (const QJsonValue &v : all)
            QTest::newRow(qPrintable(v.toObject().value(QLatin1String("id")).toString())) << v.toObject();
    }
    void bip143()
    {
        QFETCH(QJsonObject, v);
        const Transaction tx = parse(hex(str(v, "tx")));
        const qsizetype index = v.value(QLatin1String("inputIndex")).toInt();
        const Script scriptCode(hex(str(v, "scriptCode")));
        const Amount amount = v.value(QLatin1String("amount")).toInteger();
        const auto hashType = std::uint32_t(v.value(QLatin1String("hashType")).toInteger());

        QCOMPARE(util::toHex(sighashWitnessV0Preimage(tx, index, scriptCode, amount, hashType)), str(v, "preimage"));
        const Sighash hash = sighashWitnessV0(tx, index, scriptCode, amount, hashType);
        QCOMPARE(hash.toHex(), str(v, "sigHash"));
        QCOMPARE(util::toHex(hash.bytes()), str(v, "sigHash"));
        const SighashCacheV0 cache(tx);
        QCOMPARE(sighashWitnessV0(tx, cache, index, scriptCode, amount, hashType), hash);

        // The hash commits to the amount, the script code and the type.
        QVERIFY(sighashWitnessV0(tx, index, scriptCode, amount + 1, hashType) != hash);
        QVERIFY(sighashWitnessV0(tx, index, Script(scriptCode.bytes() + QByteArray(1, '\0')), amount, hashType) != hash);
        QVERIFY(sighashWitnessV0(tx, index, scriptCode, amount, hashType ^ kSighashAnyoneCanPay) != hash);

        const QByteArray signature = hex(str(v, "signature"));
        std::optional<crypto::PubKey> pubKey;
        if (v.contains(QLatin1String("pubKey")))
            pubKey = crypto::PubKey::fromBytes(hex(str(v, "pubKey")));
        if (v.contains(QLatin1String("privKey"))) {
            const auto key = privKey(str(v, "privKey"));
            if (pubKey)
                QCOMPARE(key.pubKey(), *pubKey);
            pubKey = key.pubKey();
            // RFC 6979 is deterministic: our signature is the BIP's, byte for byte.
            if (!signature.isEmpty())
                QCOMPARE(util::toHex(key.signDer(hash.bytes())), util::toHex(derPart(signature)));
        }
        if (!signature.isEmpty() && pubKey) {
            QCOMPARE(std::uint32_t(std::uint8_t(signature.back())), hashType);
            QVERIFY(pubKey->verifyDer(hash.bytes(), derPart(signature)));
            QVERIFY(!pubKey->verifyDer(sighashWitnessV0(tx, index, scriptCode, amount + 1, hashType).bytes(),
                                       derPart(signature)));
        }
    }

    void signNativeP2wpkhExample()
    {
        const QJsonObject e = example(QStringLiteral("native-p2wpkh"));
        Transaction tx = parse(hex(str(e, "unsignedTx")));
        const QJsonObject p2pk = e.value(QLatin1String("p2pkInputs")).toArray().at(0).toObject();
        signP2pk(tx, p2pk.value(QLatin1String("inputIndex")).toInt(), Script(hex(str(p2pk, "scriptPubKey"))),
                 privKey(str(p2pk, "privKey")), kSighashAll);
        const QJsonObject in = e.value(QLatin1String("p2wpkhInputs")).toArray().at(0).toObject();
        const qsizetype index = in.value(QLatin1String("inputIndex")).toInt();
        const Amount amount = in.value(QLatin1String("amount")).toInteger();
        QVERIFY(signP2wpkhInput(tx, index, amount, privKey(str(in, "privKey"))));
        QCOMPARE(util::toHex(tx.serialize()), str(e, "signedTx"));

        const Script prevout(hex(str(in, "scriptPubKey")));
        const Transaction signedTx = parse(hex(str(e, "signedTx")));
        QVERIFY(verifyP2wpkhInput(signedTx, index, amount, prevout));
        QVERIFY(!verifyP2wpkhInput(signedTx, index, amount - 1, prevout));
        QVERIFY(!verifyP2wpkhInput(signedTx, 0, amount, prevout)); // the P2PK input
    }

    void signP2shP2wpkhExample()
    {
        const QJsonObject e = example(QStringLiteral("p2sh-p2wpkh"));
        Transaction tx = parse(hex(str(e, "unsignedTx")));
        const QJsonObject in = e.value(QLatin1String("p2wpkhInputs")).toArray().at(0).toObject();
        const qsizetype index = in.value(QLatin1String("inputIndex")).toInt();
        const Amount amount = in.value(QLatin1String("amount")).toInteger();
        Script scriptSig;
        scriptSig.appendPush(hex(str(in, "redeemScript")));
        tx.inputs[index].scriptSig = scriptSig;
        QVERIFY(signP2wpkhInput(tx, index, amount, privKey(str(in, "privKey"))));
        QCOMPARE(util::toHex(tx.serialize()), str(e, "signedTx"));

        const Script prevout(hex(str(in, "scriptPubKey")));
        QVERIFY(prevout.p2shHash());
        const auto ok = verifyP2wpkhInput(tx, index, amount, prevout);
        QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
        // Without the redeem script, or with another one, the spend is invalid.
        Transaction bare = tx;
        bare.inputs[index].scriptSig = Script();
        QVERIFY(!verifyP2wpkhInput(bare, index, amount, prevout));
        Transaction other = tx;
        Script wrongRedeem;
        wrongRedeem.appendPush(Script::p2wpkh(Hash160()).bytes());
        other.inputs[index].scriptSig = wrongRedeem;
        QVERIFY(!verifyP2wpkhInput(other, index, amount, prevout));
        Transaction extraPush = tx;
        extraPush.inputs[index].scriptSig = Script(scriptSig.bytes() + QByteArray(1, '\0'));
        QVERIFY(!verifyP2wpkhInput(extraPush, index, amount, prevout));
        // A P2SH-wrapped spend is not a native one.
        QVERIFY(!verifyP2wpkhInput(tx, index, amount, Script::p2wpkh(*Script(hex(str(in, "redeemScript"))).p2wpkhProgram())));
    }

    void legacySignatureOfP2wshExample()
    {
        // Input 0 of the OP_CODESEPARATOR example is a P2PK spend signed with the legacy hash.
        const QJsonObject e = example(QStringLiteral("native-p2wsh-codeseparator"));
        const QJsonObject p2pk = e.value(QLatin1String("p2pkInputs")).toArray().at(0).toObject();
        Transaction tx = parse(hex(str(e, "unsignedTx")));
        signP2pk(tx, 0, Script(hex(str(p2pk, "scriptPubKey"))), privKey(str(p2pk, "privKey")), kSighashAll);
        const Transaction signedTx = parse(hex(str(e, "signedTx")));
        QCOMPARE(tx.inputs[0].scriptSig, signedTx.inputs[0].scriptSig);
    }

    void singleAnyoneCanPayIgnoresIndex()
    {
        // BIP143: SINGLE|ANYONECANPAY does not commit to the input index, so the
        // signatures stay valid when the input-output pairs are swapped.
        const QJsonObject e = example(QStringLiteral("native-p2wsh-anyonecanpay-single"));
        const Transaction original = parse(hex(str(e, "signedTx")));
        const Transaction swapped = parse(hex(str(e, "swappedSignedTx")));
        const QJsonObject bip143 = wp::test::loadJson(QStringLiteral("bip143.json")).object();
        int checked = 0;
        for (const QJsonValue &v : bip143.value(QLatin1String("sighashes")).toArray()) {
            const QJsonObject o = v.toObject();
            if (str(o, "example") != str(e, "id"))
                continue;
            const qsizetype index = o.value(QLatin1String("inputIndex")).toInt();
            const qsizetype swappedIndex = 1 - index;
            QCOMPARE(swapped.inputs[swappedIndex].prevout, original.inputs[index].prevout);
            const Sighash hash = sighashWitnessV0(swapped, swappedIndex, Script(hex(str(o, "scriptCode"))),
                                                  o.value(QLatin1String("amount")).toInteger(), 0x83);
            QCOMPARE(hash.toHex(), str(o, "sigHash"));
            ++checked;
        }
        QCOMPARE(checked, 2);
    }

    // --- P2WPKH signing and verification ------------------------------------
    void signAndVerifyRoundTrip()
    {
        Transaction tx = parse(hex(str(example(QStringLiteral("native-p2wpkh")), "unsignedTx")));
        const auto key = crypto::PrivKey::fromBytes(crypto::sha256("wp-test-key"));
        QVERIFY(key);
        const Hash160 keyHash = *Hash160::fromBytes(crypto::hash160(key->pubKey().serialize()));
        const Script prevout = Script::p2wpkh(keyHash);
        const Amount amount = 123456789;
        for (std::uint32_t type : {0x01u, 0x02u, 0x03u, 0x81u, 0x82u, 0x83u}) {
            QVERIFY(signP2wpkhInput(tx, 1, amount, *key, type));
            QCOMPARE(tx.inputs[1].witness.size(), 2);
            QCOMPARE(std::uint8_t(tx.inputs[1].witness[0].back()), std::uint8_t(type));
            QCOMPARE(tx.inputs[1].witness[1], key->pubKey().serialize(true));
            const auto ok = verifyP2wpkhInput(tx, 1, amount, prevout);
            QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
        }
        QVERIFY(tx.inputs[0].witness.isEmpty());
        // Bad arguments are errors, not crashes.
        QVERIFY(!signP2wpkhInput(tx, 2, amount, *key));
        QVERIFY(!signP2wpkhInput(tx, -1, amount, *key));
        QVERIFY(!signP2wpkhInput(tx, 1, amount, *key, 0x04));
        QVERIFY(!signP2wpkhInput(tx, 1, amount, *key, 0x00));
    }

    void verifyRejects()
    {
        Transaction tx = parse(hex(str(example(QStringLiteral("native-p2wpkh")), "unsignedTx")));
        const auto key = crypto::PrivKey::fromBytes(crypto::sha256("wp-test-key"));
        const auto otherKey = crypto::PrivKey::fromBytes(crypto::sha256("wp-other-key"));
        const Hash160 keyHash = *Hash160::fromBytes(crypto::hash160(key->pubKey().serialize()));
        const Script prevout = Script::p2wpkh(keyHash);
        const Amount amount = 5000;
        QVERIFY(signP2wpkhInput(tx, 1, amount, *key));
        QVERIFY(verifyP2wpkhInput(tx, 1, amount, prevout));

        const auto rejects = [&](const Transaction &t, qsizetype index, Amount a, const Script &p) {
            const auto r = verifyP2wpkhInput(t, index, a, p);
            return !r && !r.error().message.isEmpty();
        };
        QVERIFY(rejects(tx, 2, amount, prevout));          // index out of range
        QVERIFY(rejects(tx, -1, amount, prevout));
        QVERIFY(rejects(tx, 1, amount + 1, prevout));      // wrong amount
        QVERIFY(rejects(tx, 1, -1, prevout));              // invalid amount
        QVERIFY(rejects(tx, 1, kMaxMoney + 1, prevout));
        QVERIFY(rejects(tx, 1, amount, Script::p2wpkh(Hash160()))); // another key's output
        QVERIFY(rejects(tx, 1, amount, Script::p2pkh(keyHash)));    // not a P2WPKH output
        QVERIFY(rejects(tx, 1, amount, Script()));

        Transaction t = tx;
        t.inputs[1].scriptSig = Script(QByteArray(1, '\0'));
        QVERIFY(rejects(t, 1, amount, prevout)); // native spend with a scriptSig
        t = tx;
        t.inputs[1].witness.append(QByteArray());
        QVERIFY(rejects(t, 1, amount, prevout)); // three witness items
        t = tx;
        t.inputs[1].witness.removeLast();
        QVERIFY(rejects(t, 1, amount, prevout)); // one witness item
        t = tx;
        t.inputs[1].witness.clear();
        QVERIFY(rejects(t, 1, amount, prevout));
        t = tx;
        t.inputs[1].witness[1] = key->pubKey().serialize(false);
        QVERIFY(rejects(t, 1, amount, prevout)); // uncompressed key
        t = tx;
        t.inputs[1].witness[1] = otherKey->pubKey().serialize();
        QVERIFY(rejects(t, 1, amount, prevout)); // key does not match the program
        t = tx;
        t.inputs[1].witness[1][0] = 0x04;
        QVERIFY(rejects(t, 1, amount, prevout));
        t = tx;
        t.inputs[1].witness[0] = QByteArray();
        QVERIFY(rejects(t, 1, amount, prevout)); // empty signature
        t = tx;
        t.inputs[1].witness[0].back() = char(0x04);
        QVERIFY(rejects(t, 1, amount, prevout)); // undefined hash type
        t = tx;
        t.inputs[1].witness[0].back() = char(0x02);
        QVERIFY(rejects(t, 1, amount, prevout)); // signature made for ALL, claimed NONE
        t = tx;
        t.inputs[1].witness[0][10] = char(t.inputs[1].witness[0][10] ^ 1);
        QVERIFY(rejects(t, 1, amount, prevout)); // corrupted signature
        t = tx;
        t.inputs[1].witness[0] = QByteArray(72, '\x30');
        QVERIFY(rejects(t, 1, amount, prevout)); // garbage DER
        t = tx;
        t.outputs[0].value += 1;
        QVERIFY(rejects(t, 1, amount, prevout)); // outputs changed after signing
        t = tx;
        t.inputs[0].sequence ^= 1;
        QVERIFY(rejects(t, 1, amount, prevout)); // another input's sequence changed
        t = tx;
        t.lockTime += 1;
        QVERIFY(rejects(t, 1, amount, prevout));

        // A signature by another key under the right program fails.
        Transaction forged = tx;
        QVERIFY(signP2wpkhInput(forged, 1, amount, *otherKey));
        forged.inputs[1].witness[1] = key->pubKey().serialize();
        QVERIFY(rejects(forged, 1, amount, prevout));
    }

    // --- legacy sighash: Bitcoin Core sighash.json -------------------------
    void coreLegacySighash_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<int>("index");
        QTest::addColumn<qint64>("hashType");
        QTest::addColumn<QString>("expected");
        const QJsonArray all = wp::test::loadJson(QStringLiteral("sighash.json")).array();
        int n = 0;
        for (const QJsonValue &v : all) {
            const QJsonArray e = v.toArray();
            if (e.size() != 5)
                continue; // header comment
            QTest::newRow(qPrintable(QStringLiteral("sighash #%1").arg(++n)))
                << hex(e.at(0).toString()) << hex(e.at(1).toString()) << e.at(2).toInt()
                << qint64(e.at(3).toInteger()) << e.at(4).toString();
        }
        QCOMPARE(n, 500);
    }
    void coreLegacySighash()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QByteArray, script);
        QFETCH(int, index);
        QFETCH(qint64, hashType);
        QFETCH(QString, expected);
        const auto tx = Transaction::deserialize(raw);
        QVERIFY2(tx, tx ? "" : qPrintable(tx.error().message));
        QCOMPARE(tx->serialize(), raw);
        const Sighash hash = sighashLegacy(*tx, index, Script(script), std::uint32_t(std::int32_t(hashType)));
        // Core prints uint256 values byte-reversed.
        QCOMPARE(util::toHex(util::reversed(hash.bytes())), expected);
    }
};

QTEST_GUILESS_MAIN(TestSighash)
#include "tst_sighash.moc"
