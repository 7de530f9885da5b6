#include <protocol/feepayload.h>

#include <util/assert.h>

#include <QtEndian>

namespace wp::proto {

QByteArray FeePayloadV1::encode(int length) const
{
    WP_ASSERT(length >= kMinLength);
    QByteArray out(length, '\0');
    auto *data = reinterpret_cast<uchar *>(out.data());
    qToBigEndian<qint16>(kFeeVersion, data);
    qToBigEndian<qint32>(feeIndice, data + 2);
    qToBigEndian<qint16>(scodePayload, data + 6);
    qToBigEndian<qint16>(feePartner, data + 8);
    return out;
}

Result<FeePayloadV1> FeePayloadV1::decode(QByteArrayView bytes)
{
    if (bytes.size() < kMinLength)
        return fail(int(DecodeError::TooShort), QStringLiteral("Invalid fee payload length: %1 < %2").arg(bytes.size()).arg(kMinLength));
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qint16 version = qFromBigEndian<qint16>(data);
    if (version != kFeeVersion)
        return fail(int(DecodeError::UnknownVersion), QStringLiteral("Invalid fee payload version: %1 vs %2").arg(version).arg(kFeeVersion));
    FeePayloadV1 payload;
    payload.feeIndice = qFromBigEndian<qint32>(data + 2);
    payload.scodePayload = qFromBigEndian<qint16>(data + 6);
    payload.feePartner = qFromBigEndian<qint16>(data + 8);
    return payload;
}

Result<FeePayloadV1> FeePayloadV1::decode(QByteArrayView bytes, qsizetype expectedLength)
{
    if (bytes.size() != expectedLength)
        return fail(int(DecodeError::WrongLength), QStringLiteral("Invalid fee payload length: %1 vs %2").arg(bytes.size()).arg(expectedLength));
    return decode(bytes);
}

} // namespace wp::proto
