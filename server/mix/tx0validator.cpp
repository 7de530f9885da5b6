#include <mix/tx0validator.h>

#include <crypto/eckey.h>
#include <protocol/messages.h>
#include <util/assert.h>

#include <optional>
#include <utility>

namespace wp::server::mix {

namespace {

Error notATx0(const QString &why)
{
    return fail(proto::error::kInputRejected, QStringLiteral("Not a valid tx0: ") + why);
}

/// The push data of @p out if it has the shape of a fee OP_RETURN (§4.3).
std::optional<QByteArray> feeOpReturnData(const btc::TxOut &out)
{
    if (out.value != 0)
        return std::nullopt;
    std::optional<QByteArray> data = out.scriptPubKey.opReturnData();
    if (!data || !proto::detectFeeOpReturnVersion(*data))
        return std::nullopt;
    return data;
}

/// The public key input @p in reveals: last item of a 2-item witness (P2WPKH, P2SH-P2WPKH), or
/// the second push of a 2-push scriptSig (P2PKH).
std::optional<crypto::PubKey> inputPubKey(const btc::TxIn &in)
{
    if (in.witness.size() == 2)
        return crypto::PubKey::fromBytes(in.witness.at(1));
    if (!in.witness.isEmpty())
        return std::nullopt;
    QList<QByteArray> pushes;
    qsizetype pos = 0;
    btc::ScriptOp op;
    while (pos < in.scriptSig.size()) {
        if (!in.scriptSig.readOp(pos, op) || op.opcode > btc::op::kPushData4)
            return std::nullopt;
        pushes.append(op.data);
    }
    if (pushes.size() != 2)
        return std::nullopt;
    return crypto::PubKey::fromBytes(pushes.at(1));
}

} // namespace

Tx0Validator::Tx0Validator(std::shared_ptr<const FeeConfig> config) : m_config(std::move(config))
{
    WP_ASSERT(m_config != nullptr);
}

bool Tx0Validator::hasFeeOpReturn(const btc::Transaction &tx)
{
    for (const btc::TxOut &out : tx.outputs) {
        if (feeOpReturnData(out))
            return true;
    }
    return false;
}

Result<Tx0FeeData> Tx0Validator::decodeFeeData(const btc::Transaction &tx) const
{
    int opReturns = 0;
    int feeIndex = -1;
    QByteArray pushData;
    for (int i = 0; i < tx.outputs.size(); ++i) {
        const btc::TxOut &out = tx.outputs.at(i);
        if (!out.scriptPubKey.isOpReturn())
            continue;
        ++opReturns;
        if (std::optional<QByteArray> data = feeOpReturnData(out); data && feeIndex < 0) {
            feeIndex = i;
            pushData = std::move(*data);
        }
    }
    if (feeIndex < 0)
        return notATx0(QStringLiteral("no fee OP_RETURN output"));
    if (opReturns > 1)
        return notATx0(QStringLiteral("more than one OP_RETURN output"));
    if (tx.inputs.isEmpty())
        return notATx0(QStringLiteral("no input"));

    const btc::TxIn &input0 = tx.inputs.at(0);
    const proto::FeeOpReturnVersion version = *proto::detectFeeOpReturnVersion(pushData);
    std::optional<crypto::PubKey> input0Key;
    if (version == proto::FeeOpReturnVersion::V0) {
        input0Key = inputPubKey(input0);
        if (!input0Key)
            return notATx0(QStringLiteral("V0 fee OP_RETURN but input #0 shows no public key"));
    }

    Result<proto::UnmaskedFeeOpReturn> unmasked =
        proto::unmaskFeeOpReturn(pushData, m_config->notificationPrivKey(), input0.prevout.serialize(), input0Key);
    if (!unmasked)
        return notATx0(QStringLiteral("fee OP_RETURN cannot be unmasked (%1)").arg(unmasked.error().message));

    const QByteArray &payload = unmasked->feePayload;
    Result<proto::FeePayloadV1> decoded = proto::FeePayloadV1::decode(payload, payload.size());
    bool zeroPadding = true;
    for (qsizetype i = proto::FeePayloadV1::kMinLength; i < payload.size(); ++i)
        zeroPadding = zeroPadding && payload.at(i) == 0;
    if (!decoded || !zeroPadding)
        return notATx0(QStringLiteral("fee payload not decodable (not masked for this coordinator)"));

    Tx0FeeData feeData;
    feeData.opReturnIndex = feeIndex;
    feeData.opReturnVersion = version;
    feeData.payload = *decoded;
    return feeData;
}

Result<Tx0Info> Tx0Validator::validate(const btc::Transaction &tx0, qint64 tx0TimeMs, const PoolConfig &pool) const
{
    Result<Tx0FeeData> feeData = decodeFeeData(tx0);
    if (!feeData)
        return feeData.error();
    return validate(tx0, *feeData, tx0TimeMs, pool);
}

Result<Tx0Info> Tx0Validator::validate(const btc::Transaction &tx0, const Tx0FeeData &feeData, qint64 tx0TimeMs,
                                       const PoolConfig &pool) const
{
    const proto::FeePayloadV1 &payload = feeData.payload;
    if (payload.feePartner != kDefaultPartnerPayload)
        return fail(proto::error::kInvalidArgument,
                    QStringLiteral("Partner not found: partnerPayload=%1").arg(payload.feePartner));
    if (payload.feeIndice < 0)
        return notATx0(QStringLiteral("invalid fee index %1").arg(payload.feeIndice));

    Tx0Info info;
    info.feeData = feeData;
    info.feePercent = m_config->feePercent(payload.scodePayload, tx0TimeMs);
    info.feeValue = FeeConfig::computeFeeValue(pool.feeValue, info.feePercent);

    if (info.feeValue > 0) {
        Result<btc::Script> feeScript = m_config->feeScript(payload.feeIndice);
        if (!feeScript)
            return notATx0(feeScript.error().message);
        std::optional<btc::Amount> bestUnderpaid;
        for (int i = 0; i < tx0.outputs.size() && info.feeOutputIndex < 0; ++i) {
            const btc::TxOut &out = tx0.outputs.at(i);
            if (out.scriptPubKey != *feeScript)
                continue;
            if (out.value >= info.feeValue)
                info.feeOutputIndex = i;
            else if (!bestUnderpaid || out.value > *bestUnderpaid)
                bestUnderpaid = out.value;
        }
        if (info.feeOutputIndex < 0) {
            if (bestUnderpaid)
                return notATx0(QStringLiteral("fee output pays %1 sats, expected %2 (fee index %3, %4 %)")
                                   .arg(*bestUnderpaid)
                                   .arg(info.feeValue)
                                   .arg(payload.feeIndice)
                                   .arg(info.feePercent));
            return notATx0(QStringLiteral("no output pays the fee address of index %1").arg(payload.feeIndice));
        }
    }

    for (int i = 0; i < tx0.outputs.size(); ++i) {
        const btc::Amount value = tx0.outputs.at(i).value;
        if (i != info.feeOutputIndex && i != feeData.opReturnIndex && value >= pool.mustMixBalanceMin()
            && value <= pool.mustMixBalanceMax())
            info.premixOutputs.append(i);
    }
    return info;
}

} // namespace wp::server::mix
