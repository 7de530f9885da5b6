#include <bitcoin/transaction.h>

#include <bitcoin/serialize.h>
#include <crypto/hash.h>

namespace wp::btc {

namespace {

// Smallest possible encodings, used to reject counts the input cannot hold.
constexpr qsizetype kMinTxInSize = 36 + 1 + 4;  // outpoint, empty script, sequence
constexpr qsizetype kMinTxOutSize = 8 + 1;      // value, empty script
constexpr qsizetype kMinWitnessItemSize = 1;    // empty item

void writeInputs(ByteWriter &w, const QList<TxIn> &inputs)
{
    w.writeCompactSize(std::uint64_t(inputs.size()));
    for (const TxIn &in : inputs) {
        w.writeBytes(in.prevout.txid.bytes());
        w.writeU32(in.prevout.index);
        w.writeVarBytes(in.scriptSig.bytes());
        w.writeU32(in.sequence);
    }
}

void writeOutputs(ByteWriter &w, const QList<TxOut> &outputs)
{
    w.writeCompactSize(std::uint64_t(outputs.size()));
    for (const TxOut &out : outputs) {
        w.writeI64(out.value);
        w.writeVarBytes(out.scriptPubKey.bytes());
    }
}

Txid readTxid(ByteReader &r)
{
    const QByteArray bytes = r.readBytes(Txid::kSize);
    return bytes.size() == Txid::kSize ? *Txid::fromBytes(bytes) : Txid();
}

QList<TxIn> readInputs(ByteReader &r)
{
    const std::uint64_t n = r.readCount(kMinTxInSize);
    QList<TxIn> inputs;
    if (!r.ok())
        return inputs;
    inputs.reserve(qsizetype(n));
    for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
        TxIn in;
        in.prevout.txid = readTxid(r);
        in.prevout.index = r.readU32();
        in.scriptSig = Script(r.readVarBytes());
        in.sequence = r.readU32();
        inputs.append(std::move(in));
    }
    return inputs;
}

QList<TxOut> readOutputs(ByteReader &r)
{
    const std::uint64_t n = r.readCount(kMinTxOutSize);
    QList<TxOut> outputs;
    if (!r.ok())
        return outputs;
    outputs.reserve(qsizetype(n));
    for (std::uint64_t i = 0; i < n && r.ok(); ++i) {
        TxOut out;
        out.value = r.readI64();
        out.scriptPubKey = Script(r.readVarBytes());
        outputs.append(std::move(out));
    }
    return outputs;
}

} // namespace

QByteArray OutPoint::serialize() const
{
    ByteWriter w(36);
    w.writeBytes(txid.bytes());
    w.writeU32(index);
    return w.take();
}

std::optional<OutPoint> OutPoint::deserialize(QByteArrayView bytes)
{
    if (bytes.size() != 36)
        return std::nullopt;
    ByteReader r(bytes.sliced(32));
    return OutPoint{*Txid::fromBytes(bytes.first(32)), r.readU32()};
}

QString OutPoint::toString() const
{
    return txid.toHex() + QLatin1Char(':') + QString::number(index);
}

bool Transaction::hasWitness() const
{
    for (const TxIn &in : inputs)
        if (!in.witness.isEmpty())
            return true;
    return false;
}

QByteArray Transaction::serialize(bool withWitness) const
{
    const bool segwit = withWitness && hasWitness();
    ByteWriter w;
    w.writeU32(version);
    if (segwit) {
        w.writeU8(0x00); // marker
        w.writeU8(0x01); // flag
    }
    writeInputs(w, inputs);
    writeOutputs(w, outputs);
    if (segwit) {
        for (const TxIn &in : inputs) {
            w.writeCompactSize(std::uint64_t(in.witness.size()));
            for (const QByteArray &item : in.witness)
                w.writeVarBytes(item);
        }
    }
    w.writeU32(lockTime);
    return w.take();
}

namespace {

// Reads one transaction; errors are recorded in @p r.
Transaction readTransaction(ByteReader &r)
{
    Transaction tx;
    tx.version = r.readU32();
    std::uint8_t flags = 0;
    tx.inputs = readInputs(r);
    if (r.ok() && tx.inputs.isEmpty()) {
        // Either the BIP144 marker or a transaction without inputs.
        flags = r.readU8();
        if (r.ok() && flags != 0) {
            tx.inputs = readInputs(r);
            tx.outputs = readOutputs(r);
        }
    } else {
        tx.outputs = readOutputs(r);
    }
    if (r.ok() && (flags & 1)) {
        flags ^= 1;
        for (TxIn &in : tx.inputs) {
            const std::uint64_t items = r.readCount(kMinWitnessItemSize);
            for (std::uint64_t i = 0; i < items && r.ok(); ++i)
                in.witness.append(r.readVarBytes());
            if (!r.ok())
                break;
        }
        if (r.ok() && !tx.hasWitness())
            r.fail(QStringLiteral("superfluous witness record"));
    }
    if (r.ok() && flags != 0)
        r.fail(QStringLiteral("unknown transaction optional data (flag 0x%1)").arg(flags, 2, 16, QLatin1Char('0')));
    tx.lockTime = r.readU32();
    if (r.ok() && tx.inputs.isEmpty())
        r.fail(QStringLiteral("transaction has no inputs"));
    return tx;
}

} // namespace

Result<Transaction> Transaction::deserialize(QByteArrayView bytes)
{
    ByteReader r(bytes);
    Transaction tx = readTransaction(r);
    if (r.ok() && !r.atEnd())
        r.fail(QStringLiteral("%1 trailing bytes after the transaction").arg(r.remaining()));
    if (!r.ok())
        return fail(QStringLiteral("Invalid transaction: %1").arg(r.error()));
    return tx;
}

Result<Transaction> Transaction::deserializePrefix(QByteArrayView bytes, qsizetype *consumed)
{
    ByteReader r(bytes);
    Transaction tx = readTransaction(r);
    if (!r.ok())
        return fail(QStringLiteral("Invalid transaction: %1").arg(r.error()));
    if (consumed)
        *consumed = r.position();
    return tx;
}

Txid Transaction::txid() const
{
    return *Txid::fromBytes(crypto::sha256d(serialize(false)));
}

Wtxid Transaction::wtxid() const
{
    return *Wtxid::fromBytes(crypto::sha256d(serialize(true)));
}

qint64 Transaction::weight() const
{
    return qint64(serialize(false).size()) * 3 + serialize(true).size();
}

qint64 Transaction::vsize() const
{
    return (weight() + 3) / 4;
}

std::optional<Amount> Transaction::totalOutput() const
{
    Amount total = 0;
    for (const TxOut &out : outputs) {
        if (!moneyRange(out.value))
            return std::nullopt;
        total += out.value;
        if (!moneyRange(total))
            return std::nullopt;
    }
    return total;
}

} // namespace wp::btc
