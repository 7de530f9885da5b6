#include "tx0builder.h"

#include <bitcoin/address.h>
#include <bitcoin/bip47.h>
#include <bitcoin/bip69.h>
#include <bitcoin/serialize.h>
#include <bitcoin/sighash.h>
#include <protocol/feeopreturn.h>
#include <protocol/z85.h>

#include <QSet>

#include <algorithm>

namespace wp::client {

namespace {

constexpr qsizetype kP2wpkhScriptSize = 22;
constexpr qsizetype kOpReturnScriptSize = 1 + 2 + proto::kFeeOpReturnLengthV1; // OP_RETURN PUSHDATA1 80 <80>
constexpr qsizetype kP2wpkhInputSize = 36 + 1 + 4;                             // outpoint, empty scriptSig, sequence
constexpr qsizetype kP2wpkhWitnessSize = 1 + 1 + 72 + 1 + 33;                  // count, signature, pubkey

Error tx0Fail(Tx0Error code, QString message)
{
    return Error(int(code), std::move(message));
}

/// The pieces of a Tx0Data the builder needs, validated.
struct FeeTerms {
    btc::PaymentCode paymentCode;
    QByteArray payload;        ///< 46 bytes (OP_RETURN V1)
    btc::Amount feeOutput = 0; ///< value of the fee (or decoy) output, 0 = none
    bool decoy = false;        ///< the fee output goes back to the wallet (feeValue 0)
    btc::Script feeScript;     ///< when !decoy and feeOutput > 0
};

struct Validated {
    FeeTerms fee;
    Tx0Preview preview;
};

Result<FeeTerms> checkTx0Data(const proto::PoolInfo &pool, const proto::Tx0Data &data, btc::Network network)
{
    if (!data.poolId.isEmpty() && !pool.poolId.isEmpty() && data.poolId != pool.poolId)
        return tx0Fail(Tx0Error::BadTx0Data,
                       QStringLiteral("Tx0 data is for pool %1, not %2").arg(data.poolId, pool.poolId));
    auto paymentCode = btc::PaymentCode::parse(data.feePaymentCode);
    if (!paymentCode)
        return tx0Fail(Tx0Error::BadTx0Data,
                       QStringLiteral("invalid fee payment code: %1").arg(paymentCode.error().message));
    const auto payload = proto::decodeZ85(data.feePayload64);
    if (!payload || payload->size() != proto::kFeePayloadLengthV1)
        return tx0Fail(Tx0Error::BadTx0Data,
                       QStringLiteral("fee payload is not %1 bytes of Z85").arg(proto::kFeePayloadLengthV1));
    if (!btc::moneyRange(data.feeValue) || !btc::moneyRange(data.feeChange))
        return tx0Fail(Tx0Error::BadTx0Data, QStringLiteral("fee value or fee change out of range"));

    FeeTerms terms{std::move(*paymentCode), *payload, 0, false, {}};
    if (data.feeValue > 0) {
        auto script = btc::addressToScript(data.feeAddress, btc::networkParams(network));
        if (!script)
            return tx0Fail(Tx0Error::BadTx0Data, QStringLiteral("invalid fee address: %1").arg(script.error().message));
        terms.feeOutput = data.feeValue;
        terms.feeScript = std::move(*script);
    } else {
        terms.feeOutput = data.feeChange;
        terms.decoy = true;
    }
    return terms;
}

Result<btc::Amount> checkInputs(const QList<Utxo> &inputs)
{
    if (inputs.isEmpty())
        return tx0Fail(Tx0Error::NoInputs, QStringLiteral("no input to spend"));
    QSet<btc::OutPoint> seen;
    btc::Amount total = 0;
    for (const Utxo &u : inputs) {
        if (seen.contains(u.outpoint))
            return tx0Fail(Tx0Error::BadInput, QStringLiteral("input %1 given twice").arg(u.outpoint.toString()));
        seen.insert(u.outpoint);
        if (u.value <= 0 || !btc::moneyRange(u.value))
            return tx0Fail(Tx0Error::BadInput, QStringLiteral("input %1 has an invalid value").arg(u.outpoint.toString()));
        if (!u.script.isP2wpkh())
            return tx0Fail(Tx0Error::BadInput, QStringLiteral("input %1 is not P2WPKH").arg(u.outpoint.toString()));
        if (!u.isMature())
            return tx0Fail(Tx0Error::ImmatureCoinbase,
                           QStringLiteral("input %1 is a coinbase output with %2 confirmation(s), %3 needed")
                               .arg(u.outpoint.toString())
                               .arg(u.confirmations)
                               .arg(kCoinbaseMaturity));
        total += u.value;
        if (!btc::moneyRange(total))
            return tx0Fail(Tx0Error::BadInput, QStringLiteral("the inputs add up to more than 21 million BTC"));
    }
    return total;
}

Result<void> checkFeeRates(const Tx0Params &params)
{
    for (btc::Amount rate : {params.tx0FeeRate, params.mixFeeRate})
        if (rate < kMinFeeRate || rate > kMaxFeeRate)
            return tx0Fail(Tx0Error::BadFeeRate, QStringLiteral("fee rate %1 sat/vB is outside [%2, %3]")
                                                     .arg(rate)
                                                     .arg(kMinFeeRate)
                                                     .arg(kMaxFeeRate));
    return {};
}

/// premixValue per protocol reference §7.
Result<btc::Amount> premixValue(const proto::PoolInfo &pool, btc::Amount mixFeeRate)
{
    const int anonymitySet = pool.mixAnonymitySet > 0 ? pool.mixAnonymitySet : pool.minAnonymitySet;
    const btc::Amount upper =
        pool.mustMixBalanceCap > 0 ? std::min<btc::Amount>(pool.mustMixBalanceCap, pool.mustMixBalanceMax) : pool.mustMixBalanceMax;
    if (pool.denomination <= 0 || !btc::moneyRange(pool.mustMixBalanceMax) || pool.mustMixBalanceMin < pool.denomination
        || upper < pool.mustMixBalanceMin || pool.minMustMix < 1 || anonymitySet < 1 || anonymitySet > 1000)
        return tx0Fail(Tx0Error::BadPool, QStringLiteral("pool %1 has inconsistent values").arg(pool.poolId));
    const QList<qsizetype> outputs(anonymitySet, kP2wpkhScriptSize);
    const btc::Amount mixFee = Tx0Builder::estimateVsize(anonymitySet, outputs) * mixFeeRate;
    const btc::Amount value = pool.denomination + mixFee / pool.minMustMix;
    return std::max<btc::Amount>(std::min<btc::Amount>(value, upper), pool.mustMixBalanceMin);
}

QList<qsizetype> tx0OutputScriptSizes(int nbPremix, const FeeTerms &fee)
{
    QList<qsizetype> sizes(nbPremix, kP2wpkhScriptSize);
    sizes.append(kP2wpkhScriptSize); // change, always counted
    if (fee.feeOutput > 0)
        sizes.append(fee.decoy ? kP2wpkhScriptSize : fee.feeScript.size());
    sizes.append(kOpReturnScriptSize);
    return sizes;
}

Result<Validated> validate(const QList<Utxo> &inputs, const proto::PoolInfo &pool, const proto::Tx0Data &data,
                           const Tx0Params &params, btc::Network network)
{
    auto total = checkInputs(inputs);
    if (!total)
        return total.error();
    if (auto rates = checkFeeRates(params); !rates)
        return rates.error();
    auto fee = checkTx0Data(pool, data, network);
    if (!fee)
        return fee.error();
    auto value = premixValue(pool, params.mixFeeRate);
    if (!value)
        return value.error();

    Tx0Preview p;
    p.totalInputs = *total;
    p.premixValue = *value;
    p.premixMinerFee = *value - pool.denomination;
    if (p.premixMinerFee > kMaxPremixFee)
        return tx0Fail(Tx0Error::PremixFeeTooHigh,
                       QStringLiteral("each premix output would pay %1 sat of mix fees, more than %2")
                           .arg(p.premixMinerFee)
                           .arg(kMaxPremixFee));
    p.feeValue = fee->decoy ? 0 : fee->feeOutput;
    p.feeChange = fee->decoy ? fee->feeOutput : 0;

    int cap = kMaxPremixOutputs;
    if (pool.tx0MaxOutputs > 0)
        cap = std::min(cap, pool.tx0MaxOutputs);
    if (params.maxOutputs > 0)
        cap = std::min(cap, params.maxOutputs);
    const int nbInputs = int(inputs.size());
    for (int n = int(std::min<btc::Amount>(cap, p.totalInputs / p.premixValue)); n >= 1; --n) {
        const qint64 vsize = Tx0Builder::estimateVsize(nbInputs, tx0OutputScriptSizes(n, *fee));
        const btc::Amount spend = n * p.premixValue + fee->feeOutput + vsize * params.tx0FeeRate;
        if (spend <= p.totalInputs) {
            p.nbPremix = n;
            p.tx0Vsize = vsize;
            p.tx0MinerFee = vsize * params.tx0FeeRate;
            p.change = p.totalInputs - spend;
            break;
        }
    }
    if (p.nbPremix == 0) {
        const qint64 vsize = Tx0Builder::estimateVsize(nbInputs, tx0OutputScriptSizes(1, *fee));
        const btc::Amount needed = p.premixValue + fee->feeOutput + vsize * params.tx0FeeRate;
        return tx0Fail(Tx0Error::InsufficientFunds,
                       QStringLiteral("a Tx0 to pool %1 needs at least %2 sat, the inputs hold %3 sat")
                           .arg(pool.poolId)
                           .arg(needed)
                           .arg(p.totalInputs));
    }
    if (p.change > 0 && p.change < params.dustThreshold)
        return tx0Fail(Tx0Error::DustChange,
                       QStringLiteral("the change would be %1 sat, below the dust threshold of %2 sat")
                           .arg(p.change)
                           .arg(params.dustThreshold));
    return Validated{std::move(*fee), p};
}

} // namespace

qint64 Tx0Builder::estimateVsize(int nbP2wpkhInputs, const QList<qsizetype> &outputScriptSizes)
{
    using btc::ByteWriter;
    qint64 base = 4 + ByteWriter::compactSizeLength(std::uint64_t(nbP2wpkhInputs)) + qint64(nbP2wpkhInputs) * kP2wpkhInputSize
                  + ByteWriter::compactSizeLength(std::uint64_t(outputScriptSizes.size())) + 4;
    for (qsizetype size : outputScriptSizes)
        base += 8 + ByteWriter::compactSizeLength(std::uint64_t(size)) + size;
    const qint64 witness = nbP2wpkhInputs > 0 ? 2 + qint64(nbP2wpkhInputs) * kP2wpkhWitnessSize : 0;
    return (4 * base + witness + 3) / 4;
}

Result<Tx0Preview> Tx0Builder::preview(const QList<Utxo> &inputs, const proto::PoolInfo &pool,
                                       const proto::Tx0Data &data, const Tx0Params &params, btc::Network network)
{
    auto v = validate(inputs, pool, data, params, network);
    if (!v)
        return v.error();
    return v->preview;
}

Result<Tx0> Tx0Builder::build(const QList<Utxo> &inputs, const proto::PoolInfo &pool, const proto::Tx0Data &data,
                              const Tx0Params &params, AddressBook &book)
{
    const WalletKeys &keys = book.keys();
    auto v = validate(inputs, pool, data, params, keys.network());
    if (!v)
        return v.error();
    for (const Utxo &u : inputs) {
        auto script = keys.script(u.path);
        if (!script || *script != u.script)
            return tx0Fail(Tx0Error::BadInput, QStringLiteral("input %1 is not paid to the wallet key %2")
                                                   .arg(u.outpoint.toString(), u.path.toString()));
    }
    const auto notificationKey = v->fee.paymentCode.notificationPubKey();
    if (!notificationKey)
        return tx0Fail(Tx0Error::BadTx0Data, QStringLiteral("fee payment code has no notification key"));
    const Tx0Preview &p = v->preview;

    Tx0 out;
    out.preview = p;
    btc::Transaction &tx = out.tx;
    tx.version = 1;
    for (const Utxo &u : inputs)
        tx.inputs.append(btc::TxIn{u.outpoint, {}, btc::kSequenceFinal, {}});
    btc::sortBip69(tx); // inputs first: the OP_RETURN is keyed by the sorted input #0
    const btc::OutPoint input0 = tx.inputs.first().prevout;

    // Addresses are reserved only now that the Tx0 is known to be valid.
    auto scriptOf = [&](const KeyPath &path) { return keys.script(path); };
    for (int i = 0; i < p.nbPremix; ++i) {
        out.premixPaths.append(book.reserveNext(WalletAccount::Premix, btc::AddressChain::Receive));
        auto s = scriptOf(out.premixPaths.last());
        if (!s)
            return tx0Fail(Tx0Error::SigningFailed, s.error().message);
        tx.outputs.append(btc::TxOut{p.premixValue, std::move(*s)});
    }
    btc::Script changeScript;
    if (p.change > 0) {
        out.changePath = book.reserveNext(params.changeAccount, btc::AddressChain::Change);
        auto s = scriptOf(*out.changePath);
        if (!s)
            return tx0Fail(Tx0Error::SigningFailed, s.error().message);
        changeScript = std::move(*s);
        tx.outputs.append(btc::TxOut{p.change, changeScript});
    }
    btc::Script feeScript = v->fee.feeScript;
    if (v->fee.feeOutput > 0) {
        if (v->fee.decoy) {
            out.feeChangePath = book.reserveNext(WalletAccount::Deposit, btc::AddressChain::Change);
            auto s = scriptOf(*out.feeChangePath);
            if (!s)
                return tx0Fail(Tx0Error::SigningFailed, s.error().message);
            feeScript = std::move(*s);
        }
        tx.outputs.append(btc::TxOut{v->fee.feeOutput, feeScript});
    }
    out.opReturn = proto::computeFeeOpReturnV1(v->fee.payload, *notificationKey, input0.serialize());
    const btc::Script opReturnScript = btc::Script::opReturn(out.opReturn);
    tx.outputs.append(btc::TxOut{0, opReturnScript});
    btc::sortBip69(tx);
    WP_ASSERT(tx.inputs.first().prevout == input0);

    for (int i = 0; i < int(tx.outputs.size()); ++i) {
        const btc::TxOut &o = tx.outputs[i];
        if (o.scriptPubKey == opReturnScript)
            out.opReturnOutput = i;
        else if (p.change > 0 && o.scriptPubKey == changeScript && o.value == p.change && out.changeOutput < 0)
            out.changeOutput = i;
        else if (v->fee.feeOutput > 0 && o.scriptPubKey == feeScript && o.value == v->fee.feeOutput && out.feeOutput < 0)
            out.feeOutput = i;
        else
            out.premixOutputs.append(i);
    }

    for (qsizetype i = 0; i < tx.inputs.size(); ++i) {
        const auto u = std::find_if(inputs.begin(), inputs.end(),
                                    [&](const Utxo &x) { return x.outpoint == tx.inputs[i].prevout; });
        WP_ASSERT(u != inputs.end());
        const auto key = keys.privKey(u->path);
        if (!key)
            return tx0Fail(Tx0Error::SigningFailed, key.error().message);
        if (auto signedInput = btc::signP2wpkhInput(tx, i, u->value, *key); !signedInput)
            return tx0Fail(Tx0Error::SigningFailed, signedInput.error().message);
        if (auto check = btc::verifyP2wpkhInput(tx, i, u->value, u->script); !check)
            return tx0Fail(Tx0Error::SigningFailed, check.error().message);
    }
    WP_ASSERT(tx.vsize() <= p.tx0Vsize);
    return out;
}

} // namespace wp::client
