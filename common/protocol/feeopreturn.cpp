#include <protocol/feeopreturn.h>

#include <crypto/hash.h>
#include <util/assert.h>

namespace wp::proto {

namespace {

constexpr int kCompressedPubKeyLength = 33;
static_assert(kFeePayloadLengthV1 + kCompressedPubKeyLength + 1 == kFeeOpReturnLengthV1);

} // namespace

QByteArray computeFeeMask(const crypto::PrivKey &privKey, const crypto::PubKey &pubKey, QByteArrayView outPoint36)
{
    WP_ASSERT(outPoint36.size() == kOutPointLength);
    const crypto::SecureBytes secretX = privKey.ecdhX(pubKey);
    return crypto::hmacSha512(outPoint36, secretX.view());
}

QByteArray xorFeeMask(QByteArrayView data, const crypto::PrivKey &privKey, const crypto::PubKey &pubKey,
                      QByteArrayView outPoint36)
{
    WP_ASSERT(data.size() <= kFeeMaskLength);
    const QByteArray mask = computeFeeMask(privKey, pubKey, outPoint36);
    QByteArray out(data.size(), '\0');
    for (qsizetype i = 0; i < data.size(); ++i)
        out[i] = char(data[i] ^ mask[i]);
    return out;
}

QByteArray computeFeeOpReturnV0(QByteArrayView payload64, const crypto::PrivKey &input0Key,
                                const crypto::PubKey &notificationPubKey, QByteArrayView outPoint36)
{
    WP_ASSERT(payload64.size() == kFeePayloadLengthV0);
    return xorFeeMask(payload64, input0Key, notificationPubKey, outPoint36);
}

QByteArray computeFeeOpReturnV1(QByteArrayView payload46, const crypto::PrivKey &ephemeralKey,
                                const crypto::PubKey &notificationPubKey, QByteArrayView outPoint36)
{
    WP_ASSERT(payload46.size() == kFeePayloadLengthV1);
    QByteArray out = xorFeeMask(payload46, ephemeralKey, notificationPubKey, outPoint36);
    out += ephemeralKey.pubKey().serialize(true);
    out += kFeeOpReturnVersionByteV1;
    WP_ASSERT(out.size() == kFeeOpReturnLengthV1);
    return out;
}

QByteArray computeFeeOpReturnV1(QByteArrayView payload46, const crypto::PubKey &notificationPubKey,
                                QByteArrayView outPoint36)
{
    return computeFeeOpReturnV1(payload46, crypto::PrivKey::generate(), notificationPubKey, outPoint36);
}

std::optional<FeeOpReturnVersion> detectFeeOpReturnVersion(QByteArrayView pushData)
{
    if (pushData.size() == kFeeOpReturnLengthV0)
        return FeeOpReturnVersion::V0; // V0 has no version byte
    if (pushData.size() == kFeeOpReturnLengthV1 && pushData.back() == kFeeOpReturnVersionByteV1)
        return FeeOpReturnVersion::V1;
    return std::nullopt;
}

Result<UnmaskedFeeOpReturn> unmaskFeeOpReturn(QByteArrayView pushData, const crypto::PrivKey &notificationKey,
                                              QByteArrayView outPoint36,
                                              const std::optional<crypto::PubKey> &input0PubKey)
{
    const auto version = detectFeeOpReturnVersion(pushData);
    if (!version)
        return fail(int(FeeOpReturnError::UnknownFormat),
                    QStringLiteral("Unknown fee OP_RETURN: %1 bytes (expected 64, or 80 ending in 0x01)").arg(pushData.size()));
    if (outPoint36.size() != kOutPointLength)
        return fail(int(FeeOpReturnError::InvalidOutPoint), QStringLiteral("Invalid input #0 outpoint: %1 bytes vs 36").arg(outPoint36.size()));

    UnmaskedFeeOpReturn out;
    out.version = *version;
    if (*version == FeeOpReturnVersion::V0) {
        if (!input0PubKey)
            return fail(int(FeeOpReturnError::MissingInput0PubKey), QStringLiteral("Fee OP_RETURN V0 needs the public key of input #0"));
        out.feePayload = xorFeeMask(pushData, notificationKey, *input0PubKey, outPoint36);
        return out;
    }
    // 33 bytes parse only as a compressed (0x02/0x03) point.
    const auto maskingKey = crypto::PubKey::fromBytes(pushData.sliced(kFeePayloadLengthV1, kCompressedPubKeyLength));
    if (!maskingKey)
        return fail(int(FeeOpReturnError::InvalidMaskingPubKey), QStringLiteral("Fee OP_RETURN V1 carries an invalid masking public key"));
    out.feePayload = xorFeeMask(pushData.first(kFeePayloadLengthV1), notificationKey, *maskingKey, outPoint36);
    return out;
}

} // namespace wp::proto
