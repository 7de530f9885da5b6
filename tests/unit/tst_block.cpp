// Block and header parsing against real raw blocks: bitcoinjs-lib's block
// fixtures (mainnet genesis, testnet blocks, a mainnet segwit block with its
// witness commitment), a bcoin regtest block holding a segwit Tx0 built by
// this project, and hostile input (truncation, trailing bytes, bad counts,
// oversize, CVE-2012-2459 mutation).

#include <bitcoin/block.h>
#include <crypto/hash.h>
#include <util/hex.h>

#include "testdata.h"

#include <QTest>

using namespace wp;
using namespace wp::btc;
using wp::test::hex;

namespace {

QJsonArray fixtures(const char *group)
{
    return wp::test::loadJson(QStringLiteral("bitcoinjs_block.json")).object().value(QLatin1String(group)).toArray();
}

Block parseBlock(const QByteArray &raw)
{
    auto block = Block::deserialize(raw);
    if (!block)
        qFatal("vector block does not parse: %s", qPrintable(block.error().message));
    return *block;
}

QByteArray blockHex(const char *description)
{
    for (const QJsonValue &v : fixtures("valid"))
        if (v.toObject().value(QLatin1String("description")).toString() == QLatin1String(description))
            return hex(v.toObject().value(QLatin1String("hex")).toString());
    qFatal("no fixture '%s'", description);
}

/// BIP141 commitment: sha256d(witness merkle root || witness reserved value), the
/// root built over wtxids with the coinbase's replaced by zeros.
QByteArray witnessCommitment(const Block &block)
{
    QList<Txid> wtxids;
    for (qsizetype i = 0; i < block.transactions.size(); ++i)
        wtxids.append(i == 0 ? Txid() : *Txid::fromBytes(block.transactions[i].wtxid().bytes()));
    const QByteArray root = Block::computeMerkleRoot(wtxids).bytes();
    return crypto::sha256d(root + block.transactions.first().inputs.first().witness.first());
}

/// The commitment the coinbase carries: OP_RETURN 0xaa21a9ed <32 bytes> (empty if none).
QByteArray coinbaseCommitment(const Block &block)
{
    QByteArray found;
    for (const TxOut &out : block.transactions.first().outputs)
        if (out.scriptPubKey.bytes().startsWith(QByteArray::fromHex("6a24aa21a9ed")))
            found = out.scriptPubKey.bytes().mid(6);
    return found;
}

} // namespace

class TestBlock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void header_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("hashInternal");
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("prevHash");
        QTest::addColumn<QByteArray>("merkleRoot");
        QTest::addColumn<qint64>("timestamp");
        QTest::addColumn<qint64>("bits");
        QTest::addColumn<qint64>("nonce");
        int n = 0;
        for (const QJsonValue &v : fixtures("valid")) {
            const QJsonObject o = v.toObject();
            QTest::addRow("%d %s", n++, qPrintable(o.value(QLatin1String("description")).toString()))
                << hex(o.value(QLatin1String("hex")).toString()) << o.value(QLatin1String("id")).toString()
                << o.value(QLatin1String("hash")).toString() << o.value(QLatin1String("version")).toInt()
                << hex(o.value(QLatin1String("prevHash")).toString())
                << hex(o.value(QLatin1String("merkleRoot")).toString())
                << qint64(o.value(QLatin1String("timestamp")).toDouble())
                << qint64(o.value(QLatin1String("bits")).toDouble())
                << qint64(o.value(QLatin1String("nonce")).toDouble());
        }
    }
    void header()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, id);
        QFETCH(QString, hashInternal);
        QFETCH(int, version);
        QFETCH(QByteArray, prevHash);
        QFETCH(QByteArray, merkleRoot);
        QFETCH(qint64, timestamp);
        QFETCH(qint64, bits);
        QFETCH(qint64, nonce);
        auto header = BlockHeader::deserialize(raw.first(BlockHeader::kSize));
        QVERIFY(header);
        QCOMPARE(header->version, version);
        QCOMPARE(header->prevBlock.bytes(), prevHash);
        QCOMPARE(header->merkleRoot.bytes(), merkleRoot);
        QCOMPARE(qint64(header->time), timestamp);
        QCOMPARE(qint64(header->bits), bits);
        QCOMPARE(qint64(header->nonce), nonce);
        QCOMPARE(header->hash().toHex(), id);
        QCOMPARE(util::toHex(header->hash().bytes()), hashInternal);
        QCOMPARE(header->serialize(), raw.first(BlockHeader::kSize));
    }

    void fullBlock_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QJsonObject>("fixture");
        int n = 0;
        for (const QJsonValue &v : fixtures("valid")) {
            const QJsonObject o = v.toObject();
            const QByteArray raw = hex(o.value(QLatin1String("hex")).toString());
            if (raw.size() == BlockHeader::kSize)
                continue; // headers only: see header() and headerOnlyIsNotABlock()
            QTest::addRow("%d %s", n++, qPrintable(o.value(QLatin1String("description")).toString()))
                << raw << o.value(QLatin1String("id")).toString() << o;
        }
    }
    void fullBlock()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, id);
        QFETCH(QJsonObject, fixture);
        const Block block = parseBlock(raw);
        QCOMPARE(block.hash().toHex(), id);
        QVERIFY(!block.transactions.isEmpty());
        QVERIFY(block.checkMerkleRoot());
        const QList<Txid> ids = block.txids();
        QVERIFY(block.checkMerkleRoot(&ids));
        QCOMPARE(block.serialize(), raw);
        if (fixture.contains(QLatin1String("size"))) {
            QCOMPARE(block.size(), qint64(fixture.value(QLatin1String("size")).toInt()));
            QCOMPARE(block.strippedSize(), qint64(fixture.value(QLatin1String("strippedSize")).toInt()));
            QCOMPARE(block.weight(), qint64(fixture.value(QLatin1String("weight")).toInt()));
        }
        if (fixture.contains(QLatin1String("witnessCommit")))
            QCOMPARE(util::toHex(witnessCommitment(block)), fixture.value(QLatin1String("witnessCommit")).toString());
    }

    void genesis()
    {
        const Block block = parseBlock(blockHex("Genesis Block"));
        QCOMPARE(block.hash().toHex(), QStringLiteral("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"));
        QCOMPARE(block.transactions.size(), 1);
        QCOMPARE(block.transactions.first().txid().toHex(),
                 QStringLiteral("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"));
        QCOMPARE(block.header.merkleRoot.toHex(), block.transactions.first().txid().toHex());
        QCOMPARE(block.transactions.first().outputs.first().value, 50 * kCoin);
        QVERIFY(block.header.prevBlock.isNull());
    }

    void segwitBlock()
    {
        const Block block = parseBlock(blockHex("Block with witness commit"));
        int withWitness = 0;
        for (const Transaction &tx : block.transactions)
            withWitness += tx.hasWitness() ? 1 : 0;
        QVERIFY(withWitness > 1); // the coinbase and at least one spend
        // The coinbase commits to the witnesses: OP_RETURN 0xaa21a9ed <commitment>.
        QCOMPARE(coinbaseCommitment(block), witnessCommitment(block));
    }

    /// A regtest block mined by bcoin holding a segwit Tx0 built by Tx0Builder (tests/wallet/tst_walletnode).
    void bcoinRegtestBlock_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("hash");
        QTest::addColumn<int>("txCount");
        QTest::addColumn<QString>("segwitTxid");
        for (const QJsonValue &v :
             wp::test::loadJson(QStringLiteral("bcoin_regtest_blocks.json")).object().value(QLatin1String("blocks")).toArray()) {
            const QJsonObject o = v.toObject();
            QTest::newRow(qPrintable(o.value(QLatin1String("id")).toString()))
                << hex(o.value(QLatin1String("hex")).toString()) << o.value(QLatin1String("hash")).toString()
                << o.value(QLatin1String("txCount")).toInt() << o.value(QLatin1String("segwitTxid")).toString();
        }
    }
    void bcoinRegtestBlock()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, hash);
        QFETCH(int, txCount);
        QFETCH(QString, segwitTxid);
        const Block block = parseBlock(raw);
        QCOMPARE(block.hash().toHex(), hash);
        QCOMPARE(block.transactions.size(), txCount);
        QVERIFY(block.checkMerkleRoot());
        QCOMPARE(block.serialize(), raw);
        const auto tx = std::find_if(block.transactions.begin(), block.transactions.end(),
                                     [&](const Transaction &t) { return t.txid().toHex() == segwitTxid; });
        QVERIFY(tx != block.transactions.end());
        QVERIFY(tx->hasWitness());
        QVERIFY(tx->wtxid().toHex() != segwitTxid);
        QCOMPARE(coinbaseCommitment(block), witnessCommitment(block));
    }

    void headerOnlyIsNotABlock()
    {
        for (const QJsonValue &v : fixtures("valid")) {
            const QByteArray raw = hex(v.toObject().value(QLatin1String("hex")).toString());
            if (raw.size() == BlockHeader::kSize)
                QVERIFY(!Block::deserialize(raw));
        }
    }

    void invalidFixtures()
    {
        for (const QJsonValue &v : fixtures("invalid")) {
            const QByteArray raw = hex(v.toObject().value(QLatin1String("hex")).toString());
            QVERIFY(!BlockHeader::deserialize(raw));
            QVERIFY(!Block::deserialize(raw));
        }
    }

    void everyTruncationFails()
    {
        const QByteArray raw = blockHex("Block with witness commit");
        for (qsizetype n = 0; n < raw.size(); ++n) {
            auto block = Block::deserialize(raw.first(n));
            QVERIFY2(!block, qPrintable(QString::number(n)));
            QVERIFY(!block.error().message.isEmpty());
        }
        QVERIFY(Block::deserialize(raw));
    }

    void trailingBytesFail()
    {
        const QByteArray raw = blockHex("Block (~3 KiB)");
        auto block = Block::deserialize(raw + '\0');
        QVERIFY(!block);
        QVERIFY(block.error().message.contains(QLatin1String("trailing")));
    }

    void badCountsFail()
    {
        const QByteArray raw = blockHex("Genesis Block");
        const QByteArray header = raw.first(BlockHeader::kSize);
        const QByteArray rest = raw.sliced(BlockHeader::kSize + 1);
        // no transaction
        QVERIFY(!Block::deserialize(header + QByteArray(1, '\0')));
        // more transactions than the bytes can hold
        QVERIFY(!Block::deserialize(header + QByteArray::fromHex("02") + rest));
        QVERIFY(!Block::deserialize(header + QByteArray::fromHex("ffffffffffffffffff") + rest));
        // non-canonical count (0xfd 0x0100 for 1)
        QVERIFY(!Block::deserialize(header + QByteArray::fromHex("fd0100") + rest));
        // the canonical form still parses
        QVERIFY(Block::deserialize(header + QByteArray::fromHex("01") + rest));
    }

    void garbageNeverCrashes()
    {
        const QByteArray raw = blockHex("Block (~3 KiB)");
        // Flip every byte in turn: the parser either fails or yields a block that re-serializes.
        for (qsizetype i = 0; i < raw.size(); ++i) {
            QByteArray bad = raw;
            bad[i] = char(bad[i] ^ 0xff);
            auto block = Block::deserialize(bad);
            if (block)
                QVERIFY(!block->transactions.isEmpty());
        }
    }

    void oversizedInputFails()
    {
        QByteArray big = blockHex("Genesis Block");
        big.append(QByteArray(kMaxBlockSerializedSize, '\0'));
        auto block = Block::deserialize(big);
        QVERIFY(!block);
        QVERIFY(block.error().message.contains(QLatin1String("maximum")));
    }

    void mutatedMerkleTreeIsRefused()
    {
        // 10 transactions: duplicating the last two gives the same root (CVE-2012-2459).
        Block block = parseBlock(blockHex("Block (~3 KiB)"));
        QCOMPARE(block.transactions.size(), 10);
        const MerkleRoot root = Block::computeMerkleRoot(block.txids());
        block.transactions.append(block.transactions[8]);
        block.transactions.append(block.transactions[9]);
        bool mutated = false;
        QCOMPARE(Block::computeMerkleRoot(block.txids(), &mutated), root);
        QVERIFY(mutated);
        QVERIFY(!block.checkMerkleRoot());
    }

    void wrongMerkleRootIsRefused()
    {
        Block block = parseBlock(blockHex("Block (~3 KiB)"));
        std::swap(block.transactions[1], block.transactions[2]);
        QVERIFY(!block.checkMerkleRoot());
        QVERIFY(Block::computeMerkleRoot({}).isNull());
    }
};

QTEST_GUILESS_MAIN(TestBlock)
#include "tst_block.moc"
