// BIP69 ordering against the BIP's two example transactions and the
// mainnet transactions btcsuite's txsort tests use (txids before and after
// sorting), plus the ordering rules' edge cases.

#include <bitcoin/bip69.h>
#include <bitcoin/transaction.h>
#include <util/hex.h>

#include "testdata.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

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

QJsonObject bip69Data()
{
    return wp::test::loadJson(QStringLiteral("bip69.json")).object();
}

TxIn input(const char *displayTxid, std::uint32_t index)
{
    TxIn in;
    in.prevout = {*Txid::fromHex(QString::fromLatin1(displayTxid)), index};
    return in;
}

} // namespace

class TestBip69 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sortedTxids_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("txid");
        QTest::addColumn<QString>("sortedTxid");
        QTest::addColumn<bool>("isSorted");
        for (const QJsonValue &v : bip69Data().value(QLatin1String("transactions")).toArray()) {
            const QJsonObject o = v.toObject();
            QTest::newRow(qPrintable(o.value(QLatin1String("id")).toString()))
                << hex(o.value(QLatin1String("rawTx")).toString()) << o.value(QLatin1String("txid")).toString()
                << o.value(QLatin1String("sortedTxid")).toString() << o.value(QLatin1String("isSorted")).toBool();
        }
    }
    void sortedTxids()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, txid);
        QFETCH(QString, sortedTxid);
        QFETCH(bool, isSorted);
        Transaction tx = parse(raw);
        QCOMPARE(tx.txid().toHex(), txid);
        QCOMPARE(isBip69Sorted(tx), isSorted);
        sortBip69(tx);
        QVERIFY(isBip69Sorted(tx));
        QCOMPARE(tx.txid().toHex(), sortedTxid);
        // Sorting is idempotent and independent of the starting order.
        sortBip69(tx);
        QCOMPARE(tx.txid().toHex(), sortedTxid);
        Transaction shuffled = parse(raw);
        QRandomGenerator rng(7);
        std::shuffle(shuffled.inputs.begin(), shuffled.inputs.end(), rng);
        std::shuffle(shuffled.outputs.begin(), shuffled.outputs.end(), rng);
        sortBip69(shuffled);
        QCOMPARE(shuffled.txid().toHex(), sortedTxid);
    }

    void bipExamples_data()
    {
        QTest::addColumn<QJsonObject>("e");
        for (const QJsonValue &v : bip69Data().value(QLatin1String("bipExamples")).toArray())
            QTest::newRow(qPrintable(v.toObject().value(QLatin1String("id")).toString())) << v.toObject();
    }
    void bipExamples()
    {
        // The BIP's listing of each example's inputs and outputs in sorted order.
        QFETCH(QJsonObject, e);
        const QString txid = e.value(QLatin1String("txid")).toString();
        QByteArray raw;
        for (const QJsonValue &v : bip69Data().value(QLatin1String("transactions")).toArray())
            if (v.toObject().value(QLatin1String("txid")).toString() == txid)
                raw = hex(v.toObject().value(QLatin1String("rawTx")).toString());
        QVERIFY(!raw.isEmpty());
        Transaction tx = parse(raw);
        sortBip69(tx);
        const QJsonArray inputs = e.value(QLatin1String("sortedInputs")).toArray();
        QCOMPARE(tx.inputs.size(), inputs.size());
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            const QJsonObject in = inputs.at(i).toObject();
            QCOMPARE(tx.inputs[i].prevout.txid.toHex(), in.value(QLatin1String("txid")).toString());
            QCOMPARE(qint64(tx.inputs[i].prevout.index), in.value(QLatin1String("index")).toInteger());
        }
        const QJsonArray outputs = e.value(QLatin1String("sortedOutputs")).toArray();
        QCOMPARE(tx.outputs.size(), outputs.size());
        for (qsizetype i = 0; i < outputs.size(); ++i) {
            const QJsonObject out = outputs.at(i).toObject();
            QCOMPARE(tx.outputs[i].value, out.value(QLatin1String("value")).toInteger());
            QCOMPARE(tx.outputs[i].scriptPubKey.toHex(), out.value(QLatin1String("scriptPubKey")).toString());
        }
    }

    void inputOrderUsesDisplayBytes()
    {
        // Internal (stored) order would put a first: its first stored byte is
        // 0x01. BIP69 compares the reversed (display) bytes, where b's 0x00 wins.
        const TxIn a2 = input("ff00000000000000000000000000000000000000000000000000000000000001", 0);
        const TxIn b = input("00000000000000000000000000000000000000000000000000000000000000ff", 0);
        QVERIFY(a2.prevout.txid.bytes() < b.prevout.txid.bytes());
        QVERIFY(bip69InputLess(b, a2));
        QVERIFY(!bip69InputLess(a2, b));
        // Same txid: indexes compare as integers, not as bytes.
        const TxIn i1 = input("00000000000000000000000000000000000000000000000000000000000000ff", 1);
        const TxIn i256 = input("00000000000000000000000000000000000000000000000000000000000000ff", 256);
        QVERIFY(bip69InputLess(i1, i256));
        QVERIFY(!bip69InputLess(i256, i1));
        QVERIFY(!bip69InputLess(i1, i1));
    }

    void outputOrder()
    {
        const TxOut small{1000, Script(hex(QStringLiteral("ff")))};
        const TxOut big{1001, Script(hex(QStringLiteral("00")))};
        QVERIFY(bip69OutputLess(small, big)); // amount first
        const TxOut prefix{1000, Script(hex(QStringLiteral("0014")))};
        const TxOut longer{1000, Script(hex(QStringLiteral("001400")))};
        QVERIFY(bip69OutputLess(prefix, longer)); // a prefix sorts first
        const TxOut low{1000, Script(hex(QStringLiteral("7f")))};
        const TxOut high{1000, Script(hex(QStringLiteral("80")))};
        QVERIFY(bip69OutputLess(low, high)); // bytes compare unsigned
        QVERIFY(!bip69OutputLess(high, low));
        QVERIFY(!bip69OutputLess(low, low));
        // Amounts compare as unsigned 64-bit integers (BIP69 wording).
        const TxOut negative{-1, Script()};
        QVERIFY(bip69OutputLess(big, negative));
    }

    void stableForEqualElements()
    {
        Transaction tx;
        TxIn a = input("00000000000000000000000000000000000000000000000000000000000000aa", 0);
        TxIn b = a;
        a.sequence = 1;
        b.sequence = 2;
        tx.inputs = {a, b};
        tx.outputs = {TxOut{5, Script(hex(QStringLiteral("51")))}, TxOut{5, Script(hex(QStringLiteral("51")))}};
        sortBip69(tx);
        QCOMPARE(tx.inputs[0].sequence, 1u);
        QCOMPARE(tx.inputs[1].sequence, 2u);
        QVERIFY(isBip69Sorted(tx));
        Transaction empty;
        sortBip69(empty);
        QVERIFY(isBip69Sorted(empty));
    }
};

QTEST_GUILESS_MAIN(TestBip69)
#include "tst_bip69.moc"
