#include <bitcoin/sighash.h>

#include <bitcoin/serialize.h>
#include <crypto/eckey.h>
#include <crypto/hash.h>
#include <util/assert.h>

namespace wp::btc {

namespace {

constexpr std::uint32_t kBaseTypeMask = 0x1f;

bool isAnyoneCanPay(std::uint32_t type) { return (type & kSighashAnyoneCanPay) != 0; }
bool isSingle(std::uint32_t type) { return (type & kBaseTypeMask) == kSighashSingle; }
bool isNone(std::uint32_t type) { return (type & kBaseTypeMask) == kSighashNone; }

void writeOutput(ByteWriter &w, const TxOut &out)
{
    w.writeI64(out.value);
    w.writeVarBytes(out.scriptPubKey.bytes());
}

// Core's CTransactionSignatureSerializer::SerializeScriptCode: the script
// without OP_CODESEPARATOR opcodes. The length prefix counts the separators
// found before a malformed push ends the parse, and the bytes written stop
// where the parse stopped; both quirks are kept so digests match Core's.
void writeScriptCodeLegacy(ByteWriter &w, const Script &script)
{
    const QByteArray &bytes = script.bytes();
    qsizetype pos = 0;
    ScriptOp element;
    qsizetype separators = 0;
    while (script.readOp(pos, element))
        if (element.opcode == op::kCodeSeparator)
            ++separators;
    w.writeCompactSize(std::uint64_t(bytes.size() - separators));
    pos = 0;
    qsizetype begin = 0;
    while (script.readOp(pos, element)) {
        if (element.opcode == op::kCodeSeparator) {
            w.writeBytes(QByteArrayView(bytes).sliced(begin, pos - begin - 1));
            begin = pos;
        }
    }
    if (begin != bytes.size())
        w.writeBytes(QByteArrayView(bytes).sliced(begin, std::min(pos, bytes.size()) - begin));
}

} // namespace

bool isDefinedSighashType(std::uint32_t sighashType)
{
    const std::uint32_t base = sighashType & ~kSighashAnyoneCanPay;
    return base >= kSighashAll && base <= kSighashSingle;
}

SighashCacheV0::SighashCacheV0(const Transaction &tx)
{
    ByteWriter prevouts(tx.inputs.size() * 36);
    ByteWriter sequences(tx.inputs.size() * 4);
    for (const TxIn &in : tx.inputs) {
        prevouts.writeBytes(in.prevout.serialize());
        sequences.writeU32(in.sequence);
    }
    ByteWriter outputs;
    for (const TxOut &out : tx.outputs)
        writeOutput(outputs, out);
    hashPrevouts = crypto::sha256d(prevouts.data());
    hashSequence = crypto::sha256d(sequences.data());
    hashOutputs = crypto::sha256d(outputs.data());
}

namespace {

QByteArray preimageV0(const Transaction &tx, const SighashCacheV0 &cache, qsizetype inputIndex,
                      const Script &scriptCode, Amount amount, std::uint32_t sighashType)
{
    WP_ASSERT(inputIndex >= 0 && inputIndex < tx.inputs.size());
    const QByteArray zero(32, '\0');
    const TxIn &in = tx.inputs[inputIndex];

    const QByteArray &hashPrevouts = isAnyoneCanPay(sighashType) ? zero : cache.hashPrevouts;
    const QByteArray &hashSequence =
        (isAnyoneCanPay(sighashType) || isSingle(sighashType) || isNone(sighashType)) ? zero : cache.hashSequence;
    QByteArray hashOutputs = zero;
    if (!isSingle(sighashType) && !isNone(sighashType)) {
        hashOutputs = cache.hashOutputs;
    } else if (isSingle(sighashType) && inputIndex < tx.outputs.size()) {
        ByteWriter one;
        writeOutput(one, tx.outputs[inputIndex]);
        hashOutputs = crypto::sha256d(one.data());
    }

    ByteWriter w(156 + scriptCode.size());
    w.writeU32(tx.version);
    w.writeBytes(hashPrevouts);
    w.writeBytes(hashSequence);
    w.writeBytes(in.prevout.serialize());
    w.writeVarBytes(scriptCode.bytes());
    w.writeI64(amount);
    w.writeU32(in.sequence);
    w.writeBytes(hashOutputs);
    w.writeU32(tx.lockTime);
    w.writeU32(sighashType);
    return w.take();
}

} // namespace

QByteArray sighashWitnessV0Preimage(const Transaction &tx, qsizetype inputIndex, const Script &scriptCode,
                                    Amount amount, std::uint32_t sighashType)
{
    return preimageV0(tx, SighashCacheV0(tx), inputIndex, scriptCode, amount, sighashType);
}

Sighash sighashWitnessV0(const Transaction &tx, qsizetype inputIndex, const Script &scriptCode, Amount amount,
                         std::uint32_t sighashType)
{
    return sighashWitnessV0(tx, SighashCacheV0(tx), inputIndex, scriptCode, amount, sighashType);
}

Sighash sighashWitnessV0(const Transaction &tx, const SighashCacheV0 &cache, qsizetype inputIndex,
                         const Script &scriptCode, Amount amount, std::uint32_t sighashType)
{
    return *Sighash::fromBytes(
        crypto::sha256d(preimageV0(tx, cache, inputIndex, scriptCode, amount, sighashType)));
}

Sighash sighashLegacy(const Transaction &tx, qsizetype inputIndex, const Script &scriptCode, std::uint32_t sighashType)
{
    WP_ASSERT(inputIndex >= 0 && inputIndex < tx.inputs.size());
    const bool anyoneCanPay = isAnyoneCanPay(sighashType);
    const bool single = isSingle(sighashType);
    const bool none = isNone(sighashType);

    if (single && inputIndex >= tx.outputs.size()) {
        // The SIGHASH_SINGLE bug: Core signs the number 1.
        QByteArray one(32, '\0');
        one[0] = 1;
        return *Sighash::fromBytes(one);
    }

    ByteWriter w;
    w.writeU32(tx.version);
    const qsizetype inputCount = anyoneCanPay ? 1 : tx.inputs.size();
    w.writeCompactSize(std::uint64_t(inputCount));
    for (qsizetype k = 0; k < inputCount; ++k) {
        const qsizetype i = anyoneCanPay ? inputIndex : k;
        const TxIn &in = tx.inputs[i];
        w.writeBytes(in.prevout.serialize());
        if (i == inputIndex)
            writeScriptCodeLegacy(w, scriptCode);
        else
            w.writeCompactSize(0);
        w.writeU32(i != inputIndex && (single || none) ? 0 : in.sequence);
    }
    const qsizetype outputCount = none ? 0 : single ? inputIndex + 1 : tx.outputs.size();
    w.writeCompactSize(std::uint64_t(outputCount));
    for (qsizetype i = 0; i < outputCount; ++i) {
        if (single && i != inputIndex) {
            w.writeI64(-1); // CTxOut(): value -1, empty script
            w.writeCompactSize(0);
        } else {
            writeOutput(w, tx.outputs[i]);
        }
    }
    w.writeU32(tx.lockTime);
    w.writeU32(sighashType);
    return *Sighash::fromBytes(crypto::sha256d(w.data()));
}

Result<void> signP2wpkhInput(Transaction &tx, qsizetype inputIndex, Amount amount, const crypto::PrivKey &key,
                             std::uint32_t sighashType)
{
    if (inputIndex < 0 || inputIndex >= tx.inputs.size())
        return fail(QStringLiteral("input index %1 out of range (%2 inputs)").arg(inputIndex).arg(tx.inputs.size()));
    if (!isDefinedSighashType(sighashType))
        return fail(QStringLiteral("undefined sighash type 0x%1").arg(sighashType, 0, 16));
    const QByteArray pubKey = key.pubKey().serialize(true);
    const Hash160 keyHash = *Hash160::fromBytes(crypto::hash160(pubKey));
    const Sighash hash = sighashWitnessV0(tx, inputIndex, Script::scriptCodeP2wpkh(keyHash), amount, sighashType);
    QByteArray signature = key.signDer(hash.bytes());
    signature.append(char(sighashType));
    tx.inputs[inputIndex].witness = {signature, pubKey};
    return {};
}

Result<void> verifyP2wpkhInput(const Transaction &tx, qsizetype inputIndex, Amount prevoutAmount,
                               const Script &prevoutScript)
{
    if (inputIndex < 0 || inputIndex >= tx.inputs.size())
        return fail(QStringLiteral("input index %1 out of range (%2 inputs)").arg(inputIndex).arg(tx.inputs.size()));
    if (!moneyRange(prevoutAmount))
        return fail(QStringLiteral("prevout amount %1 out of range").arg(prevoutAmount));
    const TxIn &in = tx.inputs[inputIndex];

    std::optional<Hash160> program = prevoutScript.p2wpkhProgram();
    if (program) {
        if (!in.scriptSig.isEmpty())
            return fail(QStringLiteral("native P2WPKH input has a non-empty scriptSig"));
    } else if (const auto scriptHash = prevoutScript.p2shHash()) {
        qsizetype pos = 0;
        ScriptOp push;
        if (!in.scriptSig.readOp(pos, push) || push.opcode > op::kPushData4 || pos != in.scriptSig.size())
            return fail(QStringLiteral("P2SH scriptSig is not a single push of the redeem script"));
        const Script redeem(push.data);
        program = redeem.p2wpkhProgram();
        if (!program)
            return fail(QStringLiteral("P2SH redeem script is not P2WPKH"));
        if (*Hash160::fromBytes(crypto::hash160(redeem.bytes())) != *scriptHash)
            return fail(QStringLiteral("redeem script does not match the P2SH hash"));
    } else {
        return fail(QStringLiteral("prevout script is not P2WPKH"));
    }

    if (in.witness.size() != 2)
        return fail(QStringLiteral("P2WPKH witness has %1 items instead of 2").arg(in.witness.size()));
    const QByteArray &signature = in.witness[0];
    const QByteArray &pubKeyBytes = in.witness[1];
    if (pubKeyBytes.size() != 33 || (pubKeyBytes[0] != 0x02 && pubKeyBytes[0] != 0x03))
        return fail(QStringLiteral("witness public key is not a compressed key"));
    if (*Hash160::fromBytes(crypto::hash160(pubKeyBytes)) != *program)
        return fail(QStringLiteral("witness public key does not match the witness program"));
    if (signature.isEmpty())
        return fail(QStringLiteral("empty signature"));
    const std::uint32_t sighashType = std::uint8_t(signature.back());
    if (!isDefinedSighashType(sighashType))
        return fail(QStringLiteral("undefined sighash type 0x%1").arg(sighashType, 0, 16));
    const auto pubKey = crypto::PubKey::fromBytes(pubKeyBytes);
    if (!pubKey)
        return fail(QStringLiteral("witness public key is not on the curve"));
    const Sighash hash =
        sighashWitnessV0(tx, inputIndex, Script::scriptCodeP2wpkh(*program), prevoutAmount, sighashType);
    if (!pubKey->verifyDer(hash.bytes(), QByteArrayView(signature).chopped(1)))
        return fail(QStringLiteral("invalid signature"));
    return {};
}

} // namespace wp::btc
