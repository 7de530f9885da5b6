// Transaction, serialization, script and hash-type tests against known raw
// transactions (BIP69 examples with their mainnet txids, BIP143 examples,
// Bitcoin Core's tx_valid.json) and hostile inputs.

#include <bitcoin/amount.h>
#include <bitcoin/hashtypes.h>
#include <bitcoin/script.h>
#include <bitcoin/serialize.h>
#include <bitcoin/sighash.h>
#include <bitcoin/transaction.h>
#include <crypto/hash.h>
#include <util/hex.h>

#include "testdata.h"

#include <QHash>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <map>
#include <unordered_set>

using namespace wp;
using namespace wp::btc;
using wp::test::hex;

namespace {

Transaction parse(const QByteArray &raw)
{
    auto tx = Transaction::deserialize(raw);
    if (!tx)
        qFatal("fixture transaction does not parse: %s", qPrintable(tx.error().message));
    return *tx;
}

// Core's script test notation as used by tx_valid.json prevouts:
// "0x.." tokens are raw bytes, decimal numbers small-int pushes, OP_ names opcodes.
std::optional<Script> parseCoreScript(const QString &text)
{
    static const QHash<QString, int> kOps = {
        {QStringLiteral("DUP"), 0x76},        {QStringLiteral("HASH160"), 0xa9},
        {QStringLiteral("EQUAL"), 0x87},      {QStringLiteral("EQUALVERIFY"), 0x88},
        {QStringLiteral("CHECKSIG"), 0xac},   {QStringLiteral("CHECKMULTISIG"), 0xae},
        {QStringLiteral("0"), 0x00},          {QStringLiteral("1"), 0x51},
    };
    QByteArray out;
    for (const QString &token : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (token.startsWith(QLatin1String("0x"))) {
            const auto bytes = util::fromHex(QStringView(token).sliced(2));
            if (!bytes)
                return std::nullopt;
            out += *bytes;
            continue;
        }
        QString name = token;
        if (name.startsWith(QLatin1String("OP_")))
            name = name.sliced(3);
        bool isNumber = false;
        const int n = name.toInt(&isNumber);
        if (isNumber && n >= 1 && n <= 16) {
            out.append(char(0x50 + n));
            continue;
        }
        if (!kOps.contains(name))
            return std::nullopt;
        out.append(char(kOps.value(name)));
    }
    return Script(out);
}

} // namespace

class TestTransaction : public QObject {
    Q_OBJECT
    int m_p2wpkhVerified = 0;
private Q_SLOTS:
    void cleanupTestCase() { qInfo("P2WPKH inputs of tx_valid.json verified: %d", m_p2wpkhVerified); }

    // --- amounts and hash types ---------------------------------------------
    void amounts()
    {
        QCOMPARE(kCoin, Amount(100000000));
        QCOMPARE(kMaxMoney, Amount(2100000000000000));
        QVERIFY(moneyRange(0));
        QVERIFY(moneyRange(kMaxMoney));
        QVERIFY(!moneyRange(kMaxMoney + 1));
        QVERIFY(!moneyRange(-1));
    }

    void hashTypes()
    {
        const QString display = QStringLiteral("0a6a357e2f7796444e02638749d9611c008b253fb55f5dc88b739b230ed0c4c3");
        const auto txid = Txid::fromHex(display);
        QVERIFY(txid);
        QCOMPARE(txid->toHex(), display);
        QCOMPARE(txid->bytes(), util::reversed(hex(display)));
        QCOMPARE(Txid::fromHex(display.toUpper())->toHex(), display);
        QCOMPARE(*Txid::fromBytes(txid->bytes()), *txid);
        QVERIFY(!Txid().toHex().isEmpty());
        QVERIFY(Txid().isNull());
        QVERIFY(!txid->isNull());
        // Bad input never parses.
        QVERIFY(!Txid::fromHex(display.left(63)));
        QVERIFY(!Txid::fromHex(display + QLatin1Char('0')));
        QVERIFY(!Txid::fromHex(QString(display).replace(5, 1, QLatin1Char('g'))));
        QVERIFY(!Txid::fromHex(QString()));
        QVERIFY(!Txid::fromBytes(QByteArray(31, 'x')));
        // Natural-order hashes are shown as stored.
        const auto h160 = Hash160::fromHex(u"751e76e8199196d454941c45d1b3a323f1433bd6");
        QVERIFY(h160);
        QCOMPARE(h160->bytes(), hex(QStringLiteral("751e76e8199196d454941c45d1b3a323f1433bd6")));
        // Usable as keys in Qt and std containers.
        const auto other = *Txid::fromHex(QStringLiteral("28204cad1d7fc1d199e8ef4fa22f182de6258a3eaafe1bbe56ebdcacd3069a5f"));
        QHash<Txid, int> byTxid{{*txid, 1}, {other, 2}};
        QCOMPARE(byTxid.value(*txid), 1);
        QCOMPARE(byTxid.value(other), 2);
        std::map<Txid, int> ordered{{*txid, 1}, {other, 2}};
        QCOMPARE(ordered.size(), size_t(2));
        std::unordered_set<Txid> set{*txid, *txid, other};
        QCOMPARE(set.size(), size_t(2));
        QSet<OutPoint> outpoints{OutPoint{*txid, 0}, OutPoint{*txid, 1}, OutPoint{*txid, 0}};
        QCOMPARE(outpoints.size(), 2);
    }

    // --- serialization primitives -------------------------------------------
    void compactSize_data()
    {
        QTest::addColumn<quint64>("value");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("0") << quint64(0) << QStringLiteral("00");
        QTest::newRow("252") << quint64(0xfc) << QStringLiteral("fc");
        QTest::newRow("253") << quint64(0xfd) << QStringLiteral("fdfd00");
        QTest::newRow("65535") << quint64(0xffff) << QStringLiteral("fdffff");
        QTest::newRow("65536") << quint64(0x10000) << QStringLiteral("fe00000100");
        QTest::newRow("2^32-1") << quint64(0xffffffff) << QStringLiteral("feffffffff");
        QTest::newRow("2^32") << quint64(0x100000000) << QStringLiteral("ff0000000001000000");
    }
    void compactSize()
    {
        QFETCH(quint64, value);
        QFETCH(QString, encoding);
        ByteWriter w;
        w.writeCompactSize(value);
        QCOMPARE(util::toHex(w.data()), encoding);
        QCOMPARE(ByteWriter::compactSizeLength(value), int(w.data().size()));
        ByteReader r(w.data());
        QCOMPARE(quint64(r.readCompactSize(~quint64(0))), value);
        QVERIFY(r.ok());
        QVERIFY(r.atEnd());
    }

    void compactSizeRejects_data()
    {
        QTest::addColumn<QString>("encoding");
        QTest::newRow("empty") << QString();
        QTest::newRow("fd truncated") << QStringLiteral("fd00");
        QTest::newRow("fe truncated") << QStringLiteral("fe000000");
        QTest::newRow("ff truncated") << QStringLiteral("ff00000000000000");
        QTest::newRow("non-canonical fd 0") << QStringLiteral("fd0000");
        QTest::newRow("non-canonical fd fc") << QStringLiteral("fdfc00");
        QTest::newRow("non-canonical fe ffff") << QStringLiteral("feffff0000");
        QTest::newRow("non-canonical ff 2^32-1") << QStringLiteral("ffffffffff00000000");
        QTest::newRow("above max size") << QStringLiteral("fe01000002");
        QTest::newRow("huge") << QStringLiteral("ffffffffffffffffff");
    }
    void compactSizeRejects()
    {
        QFETCH(QString, encoding);
        const QByteArray bytes = hex(encoding);
        ByteReader r(bytes);
        QCOMPARE(quint64(r.readCompactSize()), quint64(0));
        QVERIFY(!r.ok());
        QVERIFY(!r.error().isEmpty());
    }

    void readerIsSticky()
    {
        const QByteArray bytes = hex(QStringLiteral("0102030405"));
        ByteReader r(bytes);
        QCOMPARE(r.readU16(), quint16(0x0201));
        QCOMPARE(r.readU32(), quint32(0)); // only 3 bytes left
        QVERIFY(!r.ok());
        const QString first = r.error();
        QCOMPARE(r.readU8(), quint8(0)); // no further reads after a failure
        QCOMPARE(r.position(), qsizetype(2));
        QCOMPARE(r.readBytes(1), QByteArray());
        QCOMPARE(r.error(), first);

        ByteReader lengths(hex(QStringLiteral("05aabb")));
        QCOMPARE(lengths.readVarBytes(), QByteArray()); // claims 5 bytes, has 2
        QVERIFY(!lengths.ok());

        ByteReader counts(hex(QStringLiteral("fdff00") + QStringLiteral("00").repeated(40)));
        QCOMPARE(counts.readCount(41), quint64(0)); // 255 inputs cannot fit in 40 bytes
        QVERIFY(!counts.ok());

        ByteReader negative(hex(QStringLiteral("00")));
        QCOMPARE(negative.readBytes(-1), QByteArray());
        QVERIFY(!negative.ok());
    }

    void writerEncodings()
    {
        ByteWriter w;
        w.writeU8(0x01);
        w.writeU16(0x0302);
        w.writeU32(0x07060504);
        w.writeU64(0x0f0e0d0c0b0a0908ull);
        w.writeI32(-1);
        w.writeI64(-2);
        w.writeVarBytes(QByteArray("ab"));
        QCOMPARE(util::toHex(w.data()),
                 QStringLiteral("0102030405060708090a0b0c0d0e0f") + QStringLiteral("ffffffff")
                     + QStringLiteral("feffffffffffffff") + QStringLiteral("026162"));
        ByteReader r(w.data());
        QCOMPARE(r.readU8(), quint8(1));
        QCOMPARE(r.readU16(), quint16(0x0302));
        QCOMPARE(r.readU32(), quint32(0x07060504));
        QCOMPARE(r.readU64(), quint64(0x0f0e0d0c0b0a0908ull));
        QCOMPARE(r.readI32(), qint32(-1));
        QCOMPARE(r.readI64(), qint64(-2));
        QCOMPARE(r.readVarBytes(), QByteArray("ab"));
        QVERIFY(r.ok() && r.atEnd());
        QCOMPARE(w.take().size(), qsizetype(30));
        QVERIFY(w.data().isEmpty());
    }

    // --- scripts --------------------------------------------------------------
    void scriptBuilders()
    {
        const Hash160 h = *Hash160::fromHex(u"751e76e8199196d454941c45d1b3a323f1433bd6");
        const Sha256Hash s =
            *Sha256Hash::fromHex(u"1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262");
        QCOMPARE(Script::p2wpkh(h).toHex(), QStringLiteral("0014751e76e8199196d454941c45d1b3a323f1433bd6"));
        QCOMPARE(Script::p2wsh(s).toHex(),
                 QStringLiteral("00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"));
        QCOMPARE(Script::p2pkh(h).toHex(), QStringLiteral("76a914751e76e8199196d454941c45d1b3a323f1433bd688ac"));
        QCOMPARE(Script::p2sh(h).toHex(), QStringLiteral("a914751e76e8199196d454941c45d1b3a323f1433bd687"));
        // BIP143: the P2WPKH scriptCode is the P2PKH script of the key hash.
        QCOMPARE(Script::scriptCodeP2wpkh(h), Script::p2pkh(h));

        QCOMPARE(*Script::p2wpkh(h).p2wpkhProgram(), h);
        QVERIFY(Script::p2wpkh(h).isP2wpkh());
        QVERIFY(!Script::p2wsh(s).isP2wpkh());
        QCOMPARE(*Script::p2wsh(s).p2wshProgram(), s);
        QVERIFY(!Script::p2wpkh(h).p2wshProgram());
        QCOMPARE(*Script::p2pkh(h).p2pkhHash(), h);
        QCOMPARE(*Script::p2sh(h).p2shHash(), h);
        QVERIFY(!Script::p2sh(h).p2pkhHash());
        QVERIFY(!Script::p2pkh(h).p2shHash());
        QVERIFY(!Script::p2pkh(h).witnessProgram());

        const auto wp = Script::p2wsh(s).witnessProgram();
        QVERIFY(wp);
        QCOMPARE(wp->version, 0);
        QCOMPARE(wp->program, s.bytes());
        const auto taproot = Script::fromWitnessProgram(1, s.bytes());
        QVERIFY(taproot);
        QCOMPARE(taproot->toHex().left(4), QStringLiteral("5120"));
        QCOMPARE(taproot->witnessProgram()->version, 1);
        QCOMPARE(Script::fromWitnessProgram(16, QByteArray(2, 'x'))->toHex(), QStringLiteral("60027878"));
        QVERIFY(!Script::fromWitnessProgram(17, QByteArray(2, 'x')));
        QVERIFY(!Script::fromWitnessProgram(-1, QByteArray(20, 'x')));
        QVERIFY(!Script::fromWitnessProgram(0, QByteArray(21, 'x')));
        QVERIFY(!Script::fromWitnessProgram(1, QByteArray(1, 'x')));
        QVERIFY(!Script::fromWitnessProgram(1, QByteArray(41, 'x')));
        // Not witness programs: wrong push length, OP_1NEGATE, too short/long.
        QVERIFY(!Script(hex(QStringLiteral("0015751e76e8199196d454941c45d1b3a323f1433bd6"))).witnessProgram());
        QVERIFY(!Script(hex(QStringLiteral("4f02aabb"))).witnessProgram());
        QVERIFY(!Script(hex(QStringLiteral("0001aa"))).witnessProgram());
        QVERIFY(!Script().witnessProgram());
        QVERIFY(!Script(QByteArray(22, '\0')).p2wpkhProgram());
    }

    void opReturn_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("empty") << 0 << QStringLiteral("6a00");
        QTest::newRow("4 bytes") << 4 << QStringLiteral("6a04");
        QTest::newRow("64 bytes (Whirlpool fee payload V0)") << 64 << QStringLiteral("6a40");
        QTest::newRow("75 bytes") << 75 << QStringLiteral("6a4b");
        QTest::newRow("76 bytes") << 76 << QStringLiteral("6a4c4c");
        QTest::newRow("80 bytes (Whirlpool fee payload V1)") << 80 << QStringLiteral("6a4c50");
        QTest::newRow("255 bytes") << 255 << QStringLiteral("6a4cff");
        QTest::newRow("256 bytes") << 256 << QStringLiteral("6a4d0001");
        QTest::newRow("65536 bytes") << 65536 << QStringLiteral("6a4e00000100");
    }
    void opReturn()
    {
        QFETCH(int, size);
        QFETCH(QString, prefix);
        QByteArray data(size, '\0');
        for (int i = 0; i < size; ++i)
            data[i] = char(i * 7 + 1);
        const Script script = Script::opReturn(data);
        QVERIFY(script.toHex().startsWith(prefix));
        QCOMPARE(script.size(), qsizetype(prefix.size() / 2 + size));
        QVERIFY(script.isOpReturn());
        QCOMPARE(*script.opReturnData(), data);
    }

    void opReturnRecognizer()
    {
        QCOMPARE(*Script(hex(QStringLiteral("6a"))).opReturnData(), QByteArray());
        QVERIFY(!Script(hex(QStringLiteral("6a0401020304ff"))).opReturnData()); // trailing opcode
        QCOMPARE(*Script(hex(QStringLiteral("6a0401020304"))).opReturnData(), hex(QStringLiteral("01020304")));
        QVERIFY(!Script(hex(QStringLiteral("6a05010203"))).opReturnData());      // truncated push
        QVERIFY(!Script(hex(QStringLiteral("6a4c"))).opReturnData());            // truncated length
        QVERIFY(!Script(hex(QStringLiteral("6a51"))).opReturnData());            // OP_1 is not a push of data
        QVERIFY(!Script(hex(QStringLiteral("0014751e76e8199196d454941c45d1b3a323f1433bd6"))).opReturnData());
        QVERIFY(!Script().isOpReturn());
    }

    void readOpMatchesCore()
    {
        // Truncated pushes stop the parse after the bytes already consumed.
        const Script s(hex(QStringLiteral("ab4c05aabb")));
        qsizetype pos = 0;
        ScriptOp element;
        QVERIFY(s.readOp(pos, element));
        QCOMPARE(element.opcode, quint8(0xab));
        QCOMPARE(pos, qsizetype(1));
        QVERIFY(!s.readOp(pos, element));
        QCOMPARE(pos, qsizetype(3)); // past OP_PUSHDATA1 and its length byte
        QCOMPARE(element.opcode, quint8(0xff));
        qsizetype end = s.size();
        QVERIFY(!s.readOp(end, element));
        QCOMPARE(end, s.size());
        qsizetype bad = -5;
        QVERIFY(!s.readOp(bad, element));
        const Script pushdata4(hex(QStringLiteral("4effffffff00")));
        pos = 0;
        QVERIFY(!pushdata4.readOp(pos, element)); // 4 GB push, 1 byte present: no allocation, no crash
    }

    // --- known transactions -------------------------------------------------
    void knownTransactions_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("txid");
        QTest::addColumn<bool>("segwit");
        const QJsonObject bip69 = wp::test::loadJson(QStringLiteral("bip69.json")).object();
        for (const QJsonValue &v : bip69.value(QLatin1String("transactions")).toArray()) {
            const QJsonObject o = v.toObject();
            QTest::newRow(qPrintable(o.value(QLatin1String("id")).toString()))
                << hex(o.value(QLatin1String("rawTx")).toString()) << o.value(QLatin1String("txid")).toString()
                << false;
        }
        // BIP143 examples: the signed form has the unsigned form's txid.
        const QJsonObject bip143 = wp::test::loadJson(QStringLiteral("bip143.json")).object();
        for (const QJsonValue &v : bip143.value(QLatin1String("examples")).toArray()) {
            const QJsonObject o = v.toObject();
            const QString id = o.value(QLatin1String("id")).toString();
            const QByteArray unsignedTx = hex(o.value(QLatin1String("unsignedTx")).toString());
            const Transaction signedTx = parse(hex(o.value(QLatin1String("signedTx")).toString()));
            const QString txid = parse(unsignedTx).txid().toHex();
            // Signing only adds witnesses unless some input has a scriptSig
            // (P2PK, P2SH); then the signed txid is not known in advance.
            const bool scriptSigs = std::any_of(signedTx.inputs.begin(), signedTx.inputs.end(),
                                                [](const TxIn &in) { return !in.scriptSig.isEmpty(); });
            QTest::newRow(qPrintable(QStringLiteral("bip143-%1-unsigned").arg(id))) << unsignedTx << txid << false;
            QTest::newRow(qPrintable(QStringLiteral("bip143-%1-signed").arg(id)))
                << signedTx.serialize() << (scriptSigs ? QString() : txid) << true;
        }
    }
    void knownTransactions()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, txid);
        QFETCH(bool, segwit);
        const auto tx = Transaction::deserialize(raw);
        QVERIFY2(tx, tx ? "" : qPrintable(tx.error().message));
        QCOMPARE(tx->serialize(), raw);
        if (!txid.isEmpty())
            QCOMPARE(tx->txid().toHex(), txid);
        QCOMPARE(tx->hasWitness(), segwit);
        const QByteArray stripped = tx->serialize(false);
        QCOMPARE(util::toHex(crypto::sha256d(stripped)), util::toHex(tx->txid().bytes()));
        QCOMPARE(tx->wtxid().bytes(), crypto::sha256d(raw));
        if (segwit) {
            QVERIFY(tx->wtxid().bytes() != tx->txid().bytes());
            QVERIFY(stripped.size() < raw.size());
        } else {
            QCOMPARE(tx->wtxid().bytes(), tx->txid().bytes());
            QCOMPARE(stripped, raw);
        }
        QCOMPARE(tx->weight(), qint64(stripped.size()) * 3 + raw.size());
        QCOMPARE(tx->vsize(), (tx->weight() + 3) / 4);
        // Re-parsing the witness-stripped form gives the same txid.
        QCOMPARE(parse(stripped).txid(), tx->txid());
    }

    void builtTransaction()
    {
        // The BIP143 native P2WPKH unsigned transaction, built field by field.
        Transaction tx;
        tx.version = 1;
        tx.lockTime = 0x11;
        TxIn a;
        a.prevout = {*Txid::fromBytes(hex(QStringLiteral(
                         "fff7f7881a8099afa6940d42d1e7f6362bec38171ea3edf433541db4e4ad969f"))),
                     0};
        a.sequence = 0xffffffee;
        TxIn b;
        b.prevout = {*Txid::fromBytes(hex(QStringLiteral(
                         "ef51e1b804cc89d182d279655c3aa89e815b1b309fe287d9b2b55d57b90ec68a"))),
                     1};
        tx.inputs = {a, b};
        tx.outputs = {TxOut{112340000, *Script::fromHex(u"76a9148280b37df378db99f66f85c95a783a76ac7a6d5988ac")},
                      TxOut{223450000, *Script::fromHex(u"76a9143bde42dbee7e4dbe6a21b2d50ce2f0167faa815988ac")}};
        const QJsonObject bip143 = wp::test::loadJson(QStringLiteral("bip143.json")).object();
        const QString expected =
            bip143.value(QLatin1String("examples")).toArray().at(0).toObject().value(QLatin1String("unsignedTx")).toString();
        QCOMPARE(util::toHex(tx.serialize()), expected);
        QCOMPARE(*Transaction::deserialize(tx.serialize()), tx);
        QCOMPARE(util::toHex(tx.inputs[1].prevout.serialize()),
                 QStringLiteral("ef51e1b804cc89d182d279655c3aa89e815b1b309fe287d9b2b55d57b90ec68a01000000"));
        QCOMPARE(*OutPoint::deserialize(tx.inputs[1].prevout.serialize()), tx.inputs[1].prevout);
        QVERIFY(!OutPoint::deserialize(QByteArray(35, '\0')));
        QCOMPARE(tx.inputs[1].prevout.toString(),
                 QStringLiteral("8ac60eb9575db5b2d987e29f301b5b819ea83a5c6579d282d189cc04b8e151ef:1"));
        QCOMPARE(*tx.totalOutput(), Amount(335790000));
        tx.outputs[0].value = -1;
        QVERIFY(!tx.totalOutput());
        tx.outputs[0].value = kMaxMoney;
        QVERIFY(!tx.totalOutput()); // sum above kMaxMoney
        // No witness: both serializations are the legacy form.
        QCOMPARE(tx.serialize(true), tx.serialize(false));
    }

    // --- Bitcoin Core tx_valid.json -----------------------------------------
    void coreTxValid_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QJsonArray>("prevouts");
        QTest::addColumn<QString>("excludedFlags");
        const QJsonArray all = wp::test::loadJson(QStringLiteral("tx_valid.json")).array();
        int n = 0;
        for (const QJsonValue &v : all) {
            const QJsonArray entry = v.toArray();
            if (!entry.at(0).isArray())
                continue; // comment
            QTest::newRow(qPrintable(QStringLiteral("tx_valid #%1").arg(++n)))
                << hex(entry.at(1).toString()) << entry.at(0).toArray() << entry.at(2).toString();
        }
        QVERIFY(n > 100);
    }
    void coreTxValid()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QJsonArray, prevouts);
        QFETCH(QString, excludedFlags);
        const auto tx = Transaction::deserialize(raw);
        QVERIFY2(tx, tx ? "" : qPrintable(tx.error().message));
        QCOMPARE(tx->serialize(), raw);
        QCOMPARE(parse(tx->serialize(false)).txid(), tx->txid());

        // Every P2WPKH spend in a transaction valid under the witness rules
        // must pass our BIP143 verification.
        if (excludedFlags.split(QLatin1Char(',')).contains(QLatin1String("WITNESS")))
            return;
        for (const QJsonValue &pv : prevouts) {
            const QJsonArray p = pv.toArray();
            if (p.size() < 4)
                continue;
            const auto script = parseCoreScript(p.at(2).toString());
            if (!script || !script->isP2wpkh())
                continue;
            const OutPoint prevout{*Txid::fromHex(p.at(0).toString()), std::uint32_t(p.at(1).toInteger())};
            for (qsizetype i = 0; i < tx->inputs.size(); ++i) {
                if (tx->inputs[i].prevout != prevout)
                    continue;
                const auto ok = verifyP2wpkhInput(*tx, i, Amount(p.at(3).toInteger()), *script);
                QVERIFY2(ok, ok ? "" : qPrintable(ok.error().message));
                ++m_p2wpkhVerified;
                // The signature commits to the amount: any other amount fails.
                QVERIFY(!verifyP2wpkhInput(*tx, i, Amount(p.at(3).toInteger()) + 1, *script));
            }
        }
    }

    // --- hostile input --------------------------------------------------------
    void truncationFailsCleanly_data()
    {
        QTest::addColumn<QByteArray>("raw");
        const QJsonObject bip143 = wp::test::loadJson(QStringLiteral("bip143.json")).object();
        for (const QJsonValue &v : bip143.value(QLatin1String("examples")).toArray()) {
            const QJsonObject o = v.toObject();
            QTest::newRow(qPrintable(o.value(QLatin1String("id")).toString()))
                << hex(o.value(QLatin1String("signedTx")).toString());
        }
        const QJsonObject bip69 = wp::test::loadJson(QStringLiteral("bip69.json")).object();
        QTest::newRow("bip69-1 (17 inputs, legacy)")
            << hex(bip69.value(QLatin1String("transactions")).toArray().at(0).toObject().value(QLatin1String("rawTx")).toString());
    }
    void truncationFailsCleanly()
    {
        QFETCH(QByteArray, raw);
        QVERIFY(Transaction::deserialize(raw));
        for (qsizetype n = 0; n < raw.size(); ++n) {
            const auto tx = Transaction::deserialize(QByteArrayView(raw).first(n));
            QVERIFY2(!tx, qPrintable(QStringLiteral("prefix of %1 bytes parsed").arg(n)));
            QVERIFY(!tx.error().message.isEmpty());
        }
    }

    void trailingBytesRejected()
    {
        const QJsonObject bip143 = wp::test::loadJson(QStringLiteral("bip143.json")).object();
        for (const QJsonValue &v : bip143.value(QLatin1String("examples")).toArray()) {
            const QByteArray raw = hex(v.toObject().value(QLatin1String("signedTx")).toString());
            QVERIFY(!Transaction::deserialize(raw + QByteArray(1, '\0')));
            QVERIFY(!Transaction::deserialize(raw + raw));
            const QByteArray unsignedTx = hex(v.toObject().value(QLatin1String("unsignedTx")).toString());
            QVERIFY(!Transaction::deserialize(unsignedTx + hex(QStringLiteral("ffffffff"))));
        }
    }

    void malformed_data()
    {
        QTest::addColumn<QString>("rawHex");
        const QString version = QStringLiteral("01000000");
        const QString input = QStringLiteral("aa").repeated(32) + QStringLiteral("00000000") + QStringLiteral("00")
                            + QStringLiteral("ffffffff");
        const QString output = QStringLiteral("e803000000000000") + QStringLiteral("00");
        const QString lockTime = QStringLiteral("00000000");
        QTest::newRow("empty") << QString();
        QTest::newRow("version only") << version;
        QTest::newRow("no inputs, no outputs") << version + QStringLiteral("00") + QStringLiteral("00") + lockTime;
        QTest::newRow("segwit marker with zero inputs")
            << version + QStringLiteral("0001") + QStringLiteral("00") + QStringLiteral("00") + lockTime;
        QTest::newRow("input count 2^64-1") << version + QStringLiteral("ffffffffffffffffff") + input;
        QTest::newRow("input count 0x02000001") << version + QStringLiteral("fe01000002") + input;
        QTest::newRow("input count 65535, one input present") << version + QStringLiteral("fdffff") + input;
        QTest::newRow("non-canonical input count") << version + QStringLiteral("fd0100") + input + QStringLiteral("01")
                                                        + output + lockTime;
        QTest::newRow("script length 16M") << version + QStringLiteral("01") + QStringLiteral("aa").repeated(32)
                                                  + QStringLiteral("00000000") + QStringLiteral("feffffff00");
        QTest::newRow("output count huge") << version + QStringLiteral("01") + input + QStringLiteral("ff00000000ffffffff");
        QTest::newRow("output script length beyond end")
            << version + QStringLiteral("01") + input + QStringLiteral("01") + QStringLiteral("e803000000000000")
                   + QStringLiteral("fd0001") + lockTime;
        QTest::newRow("missing lock time") << version + QStringLiteral("01") + input + QStringLiteral("01") + output;
        QTest::newRow("unknown flag 0x02") << version + QStringLiteral("0002") + QStringLiteral("01") + input
                                               + QStringLiteral("01") + output + lockTime;
        QTest::newRow("flag 0x03") << version + QStringLiteral("0003") + QStringLiteral("01") + input
                                       + QStringLiteral("01") + output + QStringLiteral("0100") + lockTime;
        QTest::newRow("superfluous witness record") << version + QStringLiteral("0001") + QStringLiteral("01") + input
                                                        + QStringLiteral("01") + output + QStringLiteral("00")
                                                        + lockTime;
        QTest::newRow("witness item count huge") << version + QStringLiteral("0001") + QStringLiteral("01") + input
                                                     + QStringLiteral("01") + output
                                                     + QStringLiteral("fe00000002") + lockTime;
        QTest::newRow("witness item beyond end") << version + QStringLiteral("0001") + QStringLiteral("01") + input
                                                     + QStringLiteral("01") + output + QStringLiteral("0102aa")
                                                     + lockTime;
        QTest::newRow("witness missing for second input")
            << version + QStringLiteral("0001") + QStringLiteral("02") + input + input + QStringLiteral("01") + output
                   + QStringLiteral("0101aa") + lockTime;
    }
    void malformed()
    {
        QFETCH(QString, rawHex);
        const auto tx = Transaction::deserialize(hex(rawHex));
        QVERIFY(!tx);
        QVERIFY(!tx.error().message.isEmpty());
    }

    void witnessFormsParse()
    {
        // The same shapes as above but well formed do parse: the rejections are not accidental.
        const QString input = QStringLiteral("aa").repeated(32) + QStringLiteral("00000000") + QStringLiteral("00")
                            + QStringLiteral("ffffffff");
        const QString output = QStringLiteral("e803000000000000") + QStringLiteral("00");
        const QString segwit = QStringLiteral("01000000") + QStringLiteral("0001") + QStringLiteral("02") + input
                             + input + QStringLiteral("01") + output + QStringLiteral("0101aa") + QStringLiteral("00")
                             + QStringLiteral("00000000");
        const auto tx = Transaction::deserialize(hex(segwit));
        QVERIFY2(tx, tx ? "" : qPrintable(tx.error().message));
        QCOMPARE(tx->inputs.size(), 2);
        QCOMPARE(tx->inputs[0].witness, QList<QByteArray>{QByteArray("\xaa", 1)});
        QVERIFY(tx->inputs[1].witness.isEmpty());
        QCOMPARE(util::toHex(tx->serialize()), segwit);
        // A witness item may be empty as long as some input has a witness.
        const QString emptyItem = QStringLiteral("01000000") + QStringLiteral("0001") + QStringLiteral("01") + input
                                + QStringLiteral("01") + output + QStringLiteral("0100") + QStringLiteral("00000000");
        const auto tx2 = Transaction::deserialize(hex(emptyItem));
        QVERIFY(tx2);
        QCOMPARE(tx2->inputs[0].witness, QList<QByteArray>{QByteArray()});
        QCOMPARE(util::toHex(tx2->serialize()), emptyItem);
    }

    void randomGarbage()
    {
        // Garbage never crashes; anything that does parse is canonical, so it round-trips.
        QRandomGenerator rng(20240601);
        int parsed = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray bytes(int(rng.bounded(200)), Qt::Uninitialized);
            for (char &c : bytes)
                c = char(rng.bounded(256));
            if (i % 2 == 0 && bytes.size() > 6) {
                bytes[4] = 0; // make the segwit path likely
                bytes[5] = 1;
            }
            const auto tx = Transaction::deserialize(bytes);
            if (tx) {
                ++parsed;
                QCOMPARE(tx->serialize(), bytes);
            }
        }
        qInfo("%d of 20000 random byte strings parsed", parsed);
    }

    void mutatedTransactions()
    {
        const QJsonObject bip143 = wp::test::loadJson(QStringLiteral("bip143.json")).object();
        QRandomGenerator rng(42);
        int parsed = 0;
        int total = 0;
        for (const QJsonValue &v : bip143.value(QLatin1String("examples")).toArray()) {
            const QByteArray raw = hex(v.toObject().value(QLatin1String("signedTx")).toString());
            for (int i = 0; i < 3000; ++i) {
                QByteArray bytes = raw;
                const int flips = 1 + int(rng.bounded(3));
                for (int f = 0; f < flips; ++f)
                    bytes[int(rng.bounded(bytes.size()))] = char(rng.bounded(256));
                ++total;
                const auto tx = Transaction::deserialize(bytes);
                if (tx) {
                    ++parsed;
                    QCOMPARE(tx->serialize(), bytes);
                }
            }
        }
        qInfo("%d of %d mutated transactions parsed (and round-tripped)", parsed, total);
    }
};

QTEST_GUILESS_MAIN(TestTransaction)
#include "tst_transaction.moc"
