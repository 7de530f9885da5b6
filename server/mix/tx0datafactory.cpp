#include <mix/tx0datafactory.h>

#include <bitcoin/serialize.h>
#include <crypto/random.h>
#include <crypto/signedmessage.h>
#include <protocol/feepayload.h>
#include <protocol/z85.h>
#include <util/assert.h>

#include <limits>
#include <utility>

namespace wp::server::mix {

Tx0DataFactory::Tx0DataFactory(std::shared_ptr<const FeeConfig> config, Random random)
    : m_config(std::move(config)), m_random(random ? std::move(random) : Random(&crypto::randomBelow))
{
    WP_ASSERT(m_config != nullptr);
}

Result<Tx0Terms> Tx0DataFactory::resolve(const proto::Tx0DataRequest &request, qint64 nowMs) const
{
    Tx0Terms terms;
    const QString partnerId = request.partnerId;
    if (!partnerId.isEmpty() && partnerId != QLatin1String("null") && partnerId != QLatin1String(kDefaultPartnerId))
        return fail(proto::error::kInvalidArgument, QStringLiteral("Partner not found: partnerId=%1").arg(partnerId));
    terms.partnerPayload = kDefaultPartnerPayload;

    const QString scode = request.scode.trimmed();
    if (!scode.isEmpty() && scode != QLatin1String("null")) {
        if (const ScodeConfig *config = m_config->scodeByName(scode, nowMs))
            terms.scode = *config;
    }
    return terms;
}

Result<proto::Tx0Data> Tx0DataFactory::build(const PoolConfig &pool, const Tx0Terms &terms, qint32 feeIndex,
                                             proto::FeeOpReturnVersion opReturnVersion) const
{
    proto::Tx0Data data;
    data.poolId = pool.poolId;
    data.feePaymentCode = m_config->feePaymentCode().toString();

    proto::FeePayloadV1 payload;
    payload.feePartner = terms.partnerPayload;
    if (terms.scode) {
        payload.scodePayload = terms.scode->payload;
        data.feeValue = FeeConfig::computeFeeValue(pool.feeValue, terms.scode->feeValuePercent);
        data.feeDiscountPercent = 100 - terms.scode->feeValuePercent;
        data.message = terms.scode->message;
    } else {
        payload.scodePayload = kScodePayloadNone;
        data.feeValue = pool.feeValue;
        data.feeDiscountPercent = 0;
    }

    if (data.feeValue > 0) {
        Result<btc::Script> script = m_config->feeScript(feeIndex);
        if (!script)
            return fail(proto::error::kServerError, script.error().message);
        Result<QString> address = m_config->feeAddress(feeIndex);
        WP_ASSERT(address.has_value()); // same derivation as the script
        payload.feeIndice = feeIndex;
        data.feeAddress = *address;
        data.feeChange = 0;
        if (const std::optional<crypto::PrivKey> &key = m_config->signingKey())
            data.feeOutputSignature = crypto::signMessage(*key, serializeTxOut(btc::TxOut{data.feeValue, *script}));
    } else {
        payload.feeIndice = 0;
        data.feeAddress = QString();
        data.feeChange = decoyFeeChange(pool);
    }

    const int payloadLength = opReturnVersion == proto::FeeOpReturnVersion::V0 ? proto::kFeePayloadLengthV0
                                                                                : proto::kFeePayloadLengthV1;
    data.feePayload64 = proto::encodeZ85(payload.encode(payloadLength));
    return data;
}

Result<proto::Tx0DataResponse> Tx0DataFactory::build(const proto::Tx0DataRequest &request,
                                                     const QList<PoolConfig> &pools, qint32 firstFeeIndex,
                                                     qint64 nowMs, proto::FeeOpReturnVersion opReturnVersion) const
{
    Result<Tx0Terms> terms = resolve(request, nowMs);
    if (!terms)
        return terms.error();
    if (firstFeeIndex < 0 || qint64(firstFeeIndex) + pools.size() - 1 > std::numeric_limits<qint32>::max())
        return fail(proto::error::kServerError, QStringLiteral("fee index %1 out of range").arg(firstFeeIndex));
    proto::Tx0DataResponse response;
    for (int i = 0; i < pools.size(); ++i) {
        Result<proto::Tx0Data> data = build(pools.at(i), *terms, firstFeeIndex + i, opReturnVersion);
        if (!data)
            return data.error();
        response.tx0Datas.append(std::move(*data));
    }
    return response;
}

QByteArray Tx0DataFactory::serializeTxOut(const btc::TxOut &out)
{
    btc::ByteWriter writer(8 + 9 + out.scriptPubKey.size());
    writer.writeI64(out.value);
    writer.writeVarBytes(out.scriptPubKey.bytes());
    return writer.take();
}

btc::Amount Tx0DataFactory::decoyFeeChange(const PoolConfig &pool) const
{
    QList<int> percents;
    for (const ScodeConfig &s : m_config->scodes()) {
        if (s.feeValuePercent > 0)
            percents.append(s.feeValuePercent);
    }
    if (percents.isEmpty())
        return pool.feeValue;
    const std::uint64_t pick = m_random(std::uint64_t(percents.size()));
    WP_ASSERT(pick < std::uint64_t(percents.size()));
    return FeeConfig::computeFeeValue(pool.feeValue, percents.at(qsizetype(pick)));
}

} // namespace wp::server::mix
