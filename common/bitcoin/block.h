#pragma once

#include <bitcoin/hashtypes.h>
#include <bitcoin/transaction.h>
#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstdint>

namespace wp::btc {

struct MerkleRootTag;
/// Root of a block's transaction merkle tree (shown reversed, like txids and block hashes).
using MerkleRoot = BasicHash<32, MerkleRootTag, HashDisplay::Reversed>;

/// Largest serialized block a parser accepts (Core's MAX_BLOCK_SERIALIZED_SIZE).
inline constexpr qsizetype kMaxBlockSerializedSize = 4'000'000;

/// An 80-byte block header (Core's CBlockHeader). Plain data.
struct BlockHeader {
    static constexpr qsizetype kSize = 80;

    std::int32_t version = 0;
    BlockHash prevBlock;
    MerkleRoot merkleRoot;
    std::uint32_t time = 0;
    std::uint32_t bits = 0;
    std::uint32_t nonce = 0;

    /// The 80-byte wire form.
    QByteArray serialize() const;
    /// Parses exactly 80 bytes. Returns: an error for any other size. Safe on any input.
    static Result<BlockHeader> deserialize(QByteArrayView bytes);
    /// Double SHA-256 of the 80-byte header.
    BlockHash hash() const;

    friend bool operator==(const BlockHeader &, const BlockHeader &) = default;
};

/// A block: header and transactions (Core's CBlock). Plain data; nothing is
/// validated beyond the structure (no proof of work, no consensus rules):
/// use checkMerkleRoot() to tie the transactions to the header.
struct Block {
    BlockHeader header;
    QList<Transaction> transactions;

    /// Parses the wire form (as `getblock <hash> false` returns it in hex):
    /// the header, a transaction count and that many transactions (legacy or
    /// BIP144 form, each with Transaction::deserializePrefix's rules).
    /// Fails (never crashes) on: input larger than kMaxBlockSerializedSize,
    /// a truncated header, a non-canonical or oversized count, no transaction
    /// at all, a malformed transaction (the message names its position) and
    /// trailing bytes after the last transaction.
    static Result<Block> deserialize(QByteArrayView bytes);

    /// Wire form; with @p withWitness, each transaction in its witness form if it has one.
    QByteArray serialize(bool withWitness = true) const;

    /// The header's hash (the block id).
    BlockHash hash() const { return header.hash(); }

    /// The txid of every transaction, in block order.
    QList<Txid> txids() const;

    /// Merkle root of @p txids as Bitcoin Core's BlockMerkleRoot computes it
    /// (an odd level duplicates its last hash). Out: @p mutated (optional) is
    /// set when two identical hashes were paired at some level (CVE-2012-2459:
    /// a different transaction list with the same root exists).
    /// Returns: the null hash for an empty list.
    static MerkleRoot computeMerkleRoot(const QList<Txid> &txids, bool *mutated = nullptr);

    /// True if the header's merkle root is the root of these transactions and
    /// the tree is not mutated. @p txids, when given, must be txids() (saves recomputing them).
    bool checkMerkleRoot(const QList<Txid> *txids = nullptr) const;

    /// Serialized size with witnesses.
    qint64 size() const { return serialize(true).size(); }
    /// Serialized size without witnesses.
    qint64 strippedSize() const { return serialize(false).size(); }
    /// BIP141 weight: 3 x stripped size + full size.
    qint64 weight() const { return 3 * strippedSize() + size(); }

    friend bool operator==(const Block &, const Block &) = default;
};

} // namespace wp::btc
