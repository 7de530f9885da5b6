#include <protocol/inputshash.h>

#include <crypto/hash.h>
#include <util/hex.h>

#include "testdata.h"

#include <QTest>

using namespace wp;

Q_DECLARE_METATYPE(QList<wp::proto::InputsHashEntry>)

class TestInputsHash : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vectors_data()
    {
        QTest::addColumn<QList<proto::InputsHashEntry>>("inputs");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("preimage");

        const QJsonArray vectors = test::loadJson(QStringLiteral("whirlpool-vectors.json")).object().value(u"inputsHash").toArray();
        QCOMPARE(vectors.size(), 2);
        for (const auto &value : vectors) {
            const QJsonObject v = value.toObject();
            QList<proto::InputsHashEntry> inputs;
            for (const auto &utxo : v.value(u"utxos").toArray()) {
                const QJsonObject u = utxo.toObject();
                inputs.append({u.value(u"hash").toString(), quint32(u.value(u"index").toInteger())});
            }
            const QJsonObject source = v.value(u"source").toObject();
            const QString name = source.value(u"test").toString() + u':' + QString::number(source.value(u"line").toInt());
            QTest::newRow(qPrintable(name)) << inputs << v.value(u"expected_sha512_hex").toString()
                                            << v.value(u"preimage_utf8").toString();
        }
    }
    void vectors()
    {
        QFETCH(QList<proto::InputsHashEntry>, inputs);
        QFETCH(QString, expected);
        QFETCH(QString, preimage);

        QCOMPARE(proto::computeInputsHash(inputs), expected);
        // Input order is irrelevant.
        std::reverse(inputs.begin(), inputs.end());
        QCOMPARE(proto::computeInputsHash(inputs), expected);
        // The vector's recorded preimage hashes to the same value (checks the vector itself).
        QCOMPARE(util::toHex(crypto::sha512(preimage.toUtf8())), expected);
    }

    // Java String order, not numeric order: "<txid>10" < "<txid>2".
    void stringOrderNotNumeric()
    {
        const QString txid = QStringLiteral("040df121854c7db49e38b6fcb61c2b0953c8b234ce53c1b2a2fb122a4e1c3d2e");
        const QList<proto::InputsHashEntry> inputs{{txid, 2}, {txid, 10}};
        const QString expectedPreimage = txid + QStringLiteral("10;") + txid + QStringLiteral("2");
        QCOMPARE(proto::computeInputsHash(inputs), util::toHex(crypto::sha512(expectedPreimage.toUtf8())));
    }

    void emptyAndUnsignedIndex()
    {
        QCOMPARE(proto::computeInputsHash({}), util::toHex(crypto::sha512(QByteArray())));
        const QList<proto::InputsHashEntry> inputs{{QStringLiteral("ab"), 4294967295u}};
        QCOMPARE(proto::computeInputsHash(inputs), util::toHex(crypto::sha512("ab4294967295")));
    }
};

QTEST_GUILESS_MAIN(TestInputsHash)
#include "tst_inputshash.moc"
