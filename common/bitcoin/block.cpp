#include <bitcoin/block.h>

#include <bitcoin/serialize.h>
#include <crypto/hash.h>

namespace wp::btc {

namespace {

// The smallest transaction: version, one input without script, no output, lock time.
constexpr qsizetype kMinTransactionSize = 4 + 1 + 41 + 1 + 4;

} // namespace

QByteArray BlockHeader::serialize() const
{
    ByteWriter w(kSize);
    w.writeI32(version);
    w.writeBytes(prevBlock.bytes());
    w.writeBytes(merkleRoot.bytes());
    w.writeU32(time);
    w.writeU32(bits);
    w.writeU32(nonce);
    return w.take();
}

Result<BlockHeader> BlockHeader::deserialize(QByteArrayView bytes)
{
    if (bytes.size() != kSize)
        return fail(QStringLiteral("Invalid block header: %1 bytes instead of %2").arg(bytes.size()).arg(kSize));
    ByteReader r(bytes);
    BlockHeader h;
    h.version = r.readI32();
    h.prevBlock = *BlockHash::fromBytes(r.readBytes(32));
    h.merkleRoot = *MerkleRoot::fromBytes(r.readBytes(32));
    h.time = r.readU32();
    h.bits = r.readU32();
    h.nonce = r.readU32();
    WP_ASSERT(r.ok() && r.atEnd());
    return h;
}

BlockHash BlockHeader::hash() const
{
    return *BlockHash::fromBytes(crypto::sha256d(serialize()));
}

Result<Block> Block::deserialize(QByteArrayView bytes)
{
    if (bytes.size() > kMaxBlockSerializedSize)
        return fail(QStringLiteral("Invalid block: %1 bytes exceeds the maximum block size").arg(bytes.size()));
    if (bytes.size() < BlockHeader::kSize)
        return fail(QStringLiteral("Invalid block: truncated header (%1 bytes)").arg(bytes.size()));

    Block block;
    block.header = *BlockHeader::deserialize(bytes.first(BlockHeader::kSize));

    ByteReader r(bytes.sliced(BlockHeader::kSize));
    const std::uint64_t count = r.readCount(kMinTransactionSize);
    if (!r.ok())
        return fail(QStringLiteral("Invalid block: transaction count: %1").arg(r.error()));
    if (count == 0)
        return fail(QStringLiteral("Invalid block: no transactions"));

    qsizetype pos = BlockHeader::kSize + r.position();
    block.transactions.reserve(qsizetype(count));
    for (std::uint64_t i = 0; i < count; ++i) {
        qsizetype used = 0;
        auto tx = Transaction::deserializePrefix(bytes.sliced(pos), &used);
        if (!tx)
            return fail(QStringLiteral("Invalid block: transaction %1: %2").arg(i).arg(tx.error().message));
        block.transactions.append(std::move(*tx));
        pos += used;
    }
    if (pos != bytes.size())
        return fail(QStringLiteral("Invalid block: %1 trailing bytes after the last transaction").arg(bytes.size() - pos));
    return block;
}

QByteArray Block::serialize(bool withWitness) const
{
    ByteWriter w;
    w.writeBytes(header.serialize());
    w.writeCompactSize(std::uint64_t(transactions.size()));
    for (const Transaction &tx : transactions)
        w.writeBytes(tx.serialize(withWitness));
    return w.take();
}

QList<Txid> Block::txids() const
{
    QList<Txid> out;
    out.reserve(transactions.size());
    for (const Transaction &tx : transactions)
        out.append(tx.txid());
    return out;
}

MerkleRoot Block::computeMerkleRoot(const QList<Txid> &txids, bool *mutated)
{
    bool isMutated = false;
    QList<QByteArray> level;
    level.reserve(txids.size());
    for (const Txid &id : txids)
        level.append(id.bytes());
    while (level.size() > 1) {
        QList<QByteArray> next;
        next.reserve((level.size() + 1) / 2);
        for (qsizetype i = 0; i < level.size(); i += 2) {
            const QByteArray &left = level[i];
            if (i + 1 < level.size()) {
                if (left == level[i + 1])
                    isMutated = true;
                next.append(crypto::sha256d(left + level[i + 1]));
            } else {
                next.append(crypto::sha256d(left + left));
            }
        }
        level = std::move(next);
    }
    if (mutated)
        *mutated = isMutated;
    return level.isEmpty() ? MerkleRoot() : *MerkleRoot::fromBytes(level.first());
}

bool Block::checkMerkleRoot(const QList<Txid> *txids) const
{
    bool mutated = false;
    const MerkleRoot root = txids ? computeMerkleRoot(*txids, &mutated) : computeMerkleRoot(this->txids(), &mutated);
    return !mutated && root == header.merkleRoot;
}

} // namespace wp::btc
