#pragma once

#include <bitcoin/amount.h>
#include <bitcoin/hashtypes.h>
#include <bitcoin/script.h>
#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <compare>
#include <cstdint>
#include <optional>

namespace wp::btc {

/// nSequence of an input that opts out of relative lock-time and RBF.
inline constexpr std::uint32_t kSequenceFinal = 0xffffffff;

/// A reference to a transaction output (Core's COutPoint).
struct OutPoint {
    Txid txid;
    std::uint32_t index = 0;

    /// 36 bytes: txid in internal order, then the index little-endian.
    QByteArray serialize() const;
    /// Returns: nullopt unless @p bytes is exactly 36 bytes.
    static std::optional<OutPoint> deserialize(QByteArrayView bytes);
    /// "txid:index" with the txid in display hex.
    QString toString() const;

    friend auto operator<=>(const OutPoint &, const OutPoint &) = default;
    friend bool operator==(const OutPoint &, const OutPoint &) = default;
    friend std::size_t qHash(const OutPoint &o, std::size_t seed = 0) noexcept
    {
        return qHashMulti(seed, o.txid, o.index);
    }
};

/// A transaction input; `witness` is its BIP141 witness stack (empty if none).
struct TxIn {
    OutPoint prevout;
    Script scriptSig;
    std::uint32_t sequence = kSequenceFinal;
    QList<QByteArray> witness;

    friend bool operator==(const TxIn &, const TxIn &) = default;
};

/// A transaction output.
struct TxOut {
    Amount value = 0;
    Script scriptPubKey;

    friend bool operator==(const TxOut &, const TxOut &) = default;
};

/// A bitcoin transaction (Core's CMutableTransaction): plain data, no
/// validation beyond what deserialize() documents. Hashes are computed on
/// demand from the serialization.
struct Transaction {
    std::uint32_t version = 2;
    QList<TxIn> inputs;
    QList<TxOut> outputs;
    std::uint32_t lockTime = 0;

    /// Wire serialization. With @p withWitness and at least one non-empty
    /// witness it uses the BIP144 form (marker 0x00, flag 0x01, witnesses
    /// after the outputs); otherwise the legacy form.
    QByteArray serialize(bool withWitness = true) const;

    /// Parses the wire form (legacy or BIP144) of one transaction, following
    /// Bitcoin Core's deserializer. Fails (never crashes) on: truncation,
    /// trailing bytes after the lock time, non-canonical or oversized
    /// (> 0x02000000) compact sizes, counts the remaining bytes cannot hold,
    /// an unknown BIP144 flag, a witness flag whose witnesses are all empty
    /// ("superfluous witness record"), and a transaction without inputs
    /// (ambiguous with the BIP144 marker).
    static Result<Transaction> deserialize(QByteArrayView bytes);

    /// Parses one transaction at the start of @p bytes, which may continue
    /// after it (the transaction list of a block). Same rules as
    /// deserialize() except that trailing bytes are allowed.
    /// Out: @p consumed (optional) is set to the transaction's size in bytes on success.
    static Result<Transaction> deserializePrefix(QByteArrayView bytes, qsizetype *consumed = nullptr);

    /// Double SHA-256 of the serialization without witness.
    Txid txid() const;
    /// Double SHA-256 of the full serialization (equals txid() without witness).
    Wtxid wtxid() const;
    /// True if any input has a non-empty witness stack.
    bool hasWitness() const;
    /// BIP141 weight: 3 x size without witness + full size.
    qint64 weight() const;
    /// Virtual size: weight / 4 rounded up.
    qint64 vsize() const;
    /// Sum of the output values. Returns: nullopt if any value or the sum is outside [0, kMaxMoney].
    std::optional<Amount> totalOutput() const;

    friend bool operator==(const Transaction &, const Transaction &) = default;
};

} // namespace wp::btc
