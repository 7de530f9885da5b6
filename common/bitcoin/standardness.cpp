#include <bitcoin/standardness.h>

#include <bitcoin/serialize.h>
#include <util/assert.h>

#include <QSet>

#include <algorithm>
#include <array>
#include <cstring>

namespace wp::btc {

namespace {

/// Core's MAX_SCRIPT_SIZE: a longer script can never be spent.
constexpr qsizetype kMaxScriptSize = 10'000;

/// n/2 for secp256k1, big-endian: the largest S that Core's policy accepts.
constexpr std::array<std::uint8_t, 32> kHalfOrder = {
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0};

Error refuse(StandardRule rule, const QString &detail)
{
    return fail(int(rule), standardRuleName(rule) + QStringLiteral(": ") + detail);
}

std::uint8_t at(QByteArrayView bytes, qsizetype i)
{
    return std::uint8_t(bytes[i]);
}

// BIP66 strict DER, the rules of Core's IsValidSignatureEncoding in the same
// order: 0x30 [total] 0x02 [lenR] [R] 0x02 [lenS] [S] [hash type].
// Returns: the reason it is not strict DER, or an empty string.
QString derViolation(QByteArrayView sig)
{
    const qsizetype size = sig.size();
    if (size < 9)
        return QStringLiteral("%1 bytes, shorter than the minimum of 9").arg(size);
    if (size > 73)
        return QStringLiteral("%1 bytes, longer than the maximum of 73").arg(size);
    if (at(sig, 0) != 0x30)
        return QStringLiteral("does not start with a compound (0x30)");
    if (at(sig, 1) != size - 3)
        return QStringLiteral("total length %1 does not cover the signature").arg(at(sig, 1));
    const qsizetype lenR = at(sig, 3);
    if (5 + lenR >= size)
        return QStringLiteral("R length %1 runs past the signature").arg(lenR);
    const qsizetype lenS = at(sig, 5 + lenR);
    if (lenR + lenS + 7 != size)
        return QStringLiteral("R and S lengths do not add up to the signature length");
    if (at(sig, 2) != 0x02)
        return QStringLiteral("R is not an INTEGER");
    if (lenR == 0)
        return QStringLiteral("R has zero length");
    if (at(sig, 4) & 0x80)
        return QStringLiteral("R is negative");
    if (lenR > 1 && at(sig, 4) == 0x00 && !(at(sig, 5) & 0x80))
        return QStringLiteral("R has a superfluous leading zero byte");
    if (at(sig, lenR + 4) != 0x02)
        return QStringLiteral("S is not an INTEGER");
    if (lenS == 0)
        return QStringLiteral("S has zero length");
    if (at(sig, lenR + 6) & 0x80)
        return QStringLiteral("S is negative");
    if (lenS > 1 && at(sig, lenR + 6) == 0x00 && !(at(sig, lenR + 7) & 0x80))
        return QStringLiteral("S has a superfluous leading zero byte");
    return {};
}

// S <= n/2, on a signature that passed derViolation(). Comparing the
// big-endian bytes is exact: S is a positive integer of at most 33 bytes.
bool isLowS(QByteArrayView sig)
{
    const qsizetype lenR = at(sig, 3);
    QByteArrayView s = sig.sliced(6 + lenR, at(sig, 5 + lenR));
    while (!s.isEmpty() && s.front() == '\0')
        s = s.sliced(1);
    if (s.size() > 32)
        return false;
    std::array<std::uint8_t, 32> padded{};
    std::memcpy(padded.data() + (32 - s.size()), s.data(), size_t(s.size()));
    return padded <= kHalfOrder;
}

QString hashTypeHex(std::uint32_t type)
{
    return QStringLiteral("0x%1").arg(type, 2, 16, QLatin1Char('0'));
}

} // namespace

QString standardRuleName(StandardRule rule)
{
    switch (rule) {
    case StandardRule::SigDer: return QStringLiteral("SIG_DER");
    case StandardRule::SigHighS: return QStringLiteral("SIG_HIGH_S");
    case StandardRule::SigHashType: return QStringLiteral("SIG_HASHTYPE");
    case StandardRule::PrevoutType: return QStringLiteral("PREVOUT_NOT_P2WPKH");
    case StandardRule::ScriptSigNotEmpty: return QStringLiteral("WITNESS_MALLEATED");
    case StandardRule::WitnessItems: return QStringLiteral("WITNESS_ITEMS");
    case StandardRule::WitnessPubKeyType: return QStringLiteral("WITNESS_PUBKEYTYPE");
    case StandardRule::InvalidSpend: return QStringLiteral("INVALID_SPEND");
    case StandardRule::Version: return QStringLiteral("version");
    case StandardRule::NoInputsOrOutputs: return QStringLiteral("bad-txns-vin-or-vout-empty");
    case StandardRule::TxSizeSmall: return QStringLiteral("tx-size-small");
    case StandardRule::TxWeight: return QStringLiteral("tx-size");
    case StandardRule::DuplicateInput: return QStringLiteral("bad-txns-inputs-duplicate");
    case StandardRule::OutputType: return QStringLiteral("scriptpubkey");
    case StandardRule::Dust: return QStringLiteral("dust");
    case StandardRule::AmountRange: return QStringLiteral("bad-txns-amount-range");
    case StandardRule::InputsBelowOutputs: return QStringLiteral("bad-txns-in-belowout");
    case StandardRule::MinRelayFee: return QStringLiteral("min relay fee not met");
    }
    return QStringLiteral("unknown");
}

Amount dustThreshold(const TxOut &output, Amount dustRelayFeePerKvB)
{
    // Provably unspendable outputs (Core's IsUnspendable) are never dust.
    if (output.scriptPubKey.isOpReturn() || output.scriptPubKey.size() > kMaxScriptSize)
        return 0;
    // Serialized output: 8-byte value, compact-size script length, script.
    const qsizetype scriptSize = output.scriptPubKey.size();
    qint64 size = 8 + ByteWriter::compactSizeLength(std::uint64_t(scriptSize)) + scriptSize;
    // Plus the input that would spend it: a witness spend is discounted
    // (107-byte signature+key witness counted at a quarter).
    size += output.scriptPubKey.witnessProgram() ? 32 + 4 + 1 + 107 / 4 + 4 : 32 + 4 + 1 + 107 + 4;
    return dustRelayFeePerKvB * size / 1000;
}

Result<void> checkStandardSignature(QByteArrayView sig, std::uint32_t requiredSighashType)
{
    if (const QString why = derViolation(sig); !why.isEmpty())
        return refuse(StandardRule::SigDer, QStringLiteral("non-canonical DER signature (%1)").arg(why));
    if (!isLowS(sig))
        return refuse(StandardRule::SigHighS, QStringLiteral("S value is above n/2 (use n - S)"));
    const std::uint32_t type = at(sig, sig.size() - 1);
    if (!isDefinedSighashType(type))
        return refuse(StandardRule::SigHashType, QStringLiteral("undefined hash type %1").arg(hashTypeHex(type)));
    if (type != requiredSighashType)
        return refuse(StandardRule::SigHashType, QStringLiteral("hash type %1 where %2 is required")
                                                     .arg(hashTypeHex(type), hashTypeHex(requiredSighashType)));
    return {};
}

Result<void> checkStandardP2wpkhSpend(const Transaction &tx, qsizetype inputIndex, Amount prevoutAmount,
                                      const Script &prevoutScript)
{
    if (inputIndex < 0 || inputIndex >= tx.inputs.size())
        return refuse(StandardRule::InvalidSpend,
                      QStringLiteral("input index %1 out of range (%2 inputs)").arg(inputIndex).arg(tx.inputs.size()));
    if (!prevoutScript.isP2wpkh())
        return refuse(StandardRule::PrevoutType,
                      QStringLiteral("input %1 does not spend a native P2WPKH output").arg(inputIndex));
    const TxIn &in = tx.inputs[inputIndex];
    if (!in.scriptSig.isEmpty())
        return refuse(StandardRule::ScriptSigNotEmpty,
                      QStringLiteral("input %1 spends a native segwit output with a scriptSig").arg(inputIndex));
    if (in.witness.size() != 2)
        return refuse(StandardRule::WitnessItems,
                      QStringLiteral("input %1 has %2 witness items instead of 2").arg(inputIndex).arg(in.witness.size()));
    if (auto sig = checkStandardSignature(in.witness[0], kSighashAll); !sig)
        return fail(sig.error().code, sig.error().message + QStringLiteral(" in input %1").arg(inputIndex));
    const QByteArray &key = in.witness[1];
    if (key.size() != 33 || (key[0] != 0x02 && key[0] != 0x03))
        return refuse(StandardRule::WitnessPubKeyType,
                      QStringLiteral("input %1 has a %2-byte key, not a compressed one").arg(inputIndex).arg(key.size()));
    if (auto valid = verifyP2wpkhInput(tx, inputIndex, prevoutAmount, prevoutScript); !valid)
        return refuse(StandardRule::InvalidSpend,
                      QStringLiteral("input %1: %2").arg(inputIndex).arg(valid.error().message));
    return {};
}

Result<void> checkStandardMixTransaction(const Transaction &tx, const QList<TxOut> &prevouts,
                                         Amount minRelayFeePerKvB)
{
    WP_ASSERT(prevouts.size() == tx.inputs.size());
    if (tx.version != 1 && tx.version != 2)
        return refuse(StandardRule::Version, QStringLiteral("transaction version %1").arg(tx.version));
    if (tx.inputs.isEmpty() || tx.outputs.isEmpty())
        return refuse(StandardRule::NoInputsOrOutputs, QStringLiteral("%1 inputs, %2 outputs")
                                                           .arg(tx.inputs.size())
                                                           .arg(tx.outputs.size()));
    const qint64 strippedSize = tx.serialize(false).size();
    if (strippedSize < kMinStandardTxNonWitnessSize)
        return refuse(StandardRule::TxSizeSmall, QStringLiteral("%1 bytes without witness").arg(strippedSize));
    const qint64 weight = tx.weight();
    if (weight > kMaxStandardTxWeight)
        return refuse(StandardRule::TxWeight,
                      QStringLiteral("weight %1 above %2").arg(weight).arg(kMaxStandardTxWeight));

    QSet<OutPoint> spent;
    spent.reserve(tx.inputs.size());
    for (const TxIn &in : tx.inputs) {
        if (spent.contains(in.prevout))
            return refuse(StandardRule::DuplicateInput, QStringLiteral("%1 spent twice").arg(in.prevout.toString()));
        spent.insert(in.prevout);
    }

    Amount totalOut = 0;
    for (qsizetype i = 0; i < tx.outputs.size(); ++i) {
        const TxOut &out = tx.outputs[i];
        if (!out.scriptPubKey.isP2wpkh() && !out.scriptPubKey.p2wshProgram())
            return refuse(StandardRule::OutputType, QStringLiteral("output %1 is neither P2WPKH nor P2WSH").arg(i));
        if (!moneyRange(out.value))
            return refuse(StandardRule::AmountRange, QStringLiteral("output %1 value %2").arg(i).arg(out.value));
        const Amount threshold = dustThreshold(out);
        if (out.value < threshold)
            return refuse(StandardRule::Dust,
                          QStringLiteral("output %1 of %2 sats is below %3").arg(i).arg(out.value).arg(threshold));
        totalOut += out.value;
        if (!moneyRange(totalOut))
            return refuse(StandardRule::AmountRange, QStringLiteral("outputs sum above the money supply"));
    }

    Amount totalIn = 0;
    for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
        const TxOut &prevout = prevouts[i];
        if (!moneyRange(prevout.value))
            return refuse(StandardRule::AmountRange, QStringLiteral("input %1 value %2").arg(i).arg(prevout.value));
        totalIn += prevout.value;
        if (!moneyRange(totalIn))
            return refuse(StandardRule::AmountRange, QStringLiteral("inputs sum above the money supply"));
        if (auto spend = checkStandardP2wpkhSpend(tx, i, prevout.value, prevout.scriptPubKey); !spend)
            return spend;
    }

    if (totalIn < totalOut)
        return refuse(StandardRule::InputsBelowOutputs,
                      QStringLiteral("inputs %1 sats, outputs %2 sats").arg(totalIn).arg(totalOut));
    const Amount fee = totalIn - totalOut;
    const qint64 vsize = tx.vsize();
    const Amount minFee = (vsize * minRelayFeePerKvB + 999) / 1000;
    if (fee < minFee)
        return refuse(StandardRule::MinRelayFee, QStringLiteral("fee %1 sats for %2 vbytes, at least %3 needed")
                                                     .arg(fee)
                                                     .arg(vsize)
                                                     .arg(minFee));
    return {};
}

} // namespace wp::btc
