#pragma once

#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>

namespace wp::proto {

/// The fee payload a Tx0 carries (masked) in its OP_RETURN output
/// (whirlpool-protocol FeePayloadV1), big-endian:
///   feeVersion:int16 = 1 | feeIndice:int32 | scodePayload:int16 | feePartner:int16
/// followed by zero padding up to the OP_RETURN format's payload length
/// (64 bytes for OP_RETURN V0, 46 for V1; see feeopreturn.h). Every OP_RETURN
/// format carries this same V1 payload. Plain value type.
struct FeePayloadV1 {
    /// The only fee payload version defined.
    static constexpr qint16 kFeeVersion = 1;
    /// Bytes used by the fields; shorter input cannot be a fee payload.
    static constexpr int kMinLength = 10;

    /// Error codes of decode(), as int in wp::Error::code.
    enum class DecodeError : int {
        TooShort = 1,
        WrongLength = 2,
        UnknownVersion = 3,
    };

    /// Index of the fee address the coordinator handed out (XManager index).
    qint32 feeIndice = 0;
    /// SCODE payload (0 = no scode).
    qint16 scodePayload = 0;
    /// Partner id payload (0 = Samourai / default partner).
    qint16 feePartner = 0;

    /// Serializes the fields big-endian and zero-pads to @p length bytes.
    /// @p length must be at least kMinLength (a smaller value is a bug: WP_ASSERT).
    QByteArray encode(int length) const;

    /// Parses a fee payload of any length >= kMinLength, as the Java
    /// FeePayloadV1#parse does: the padding is not inspected.
    /// Returns: DecodeError::TooShort if @p bytes has fewer than kMinLength bytes,
    /// DecodeError::UnknownVersion if the leading int16 is not kFeeVersion.
    static Result<FeePayloadV1> decode(QByteArrayView bytes);

    /// As decode(bytes), but first requires exactly @p expectedLength bytes
    /// (the fixed payload length of an OP_RETURN format: 64 for V0, 46 for V1).
    /// Returns: DecodeError::WrongLength for any other size, then as decode(bytes).
    static Result<FeePayloadV1> decode(QByteArrayView bytes, qsizetype expectedLength);

    friend bool operator==(const FeePayloadV1 &, const FeePayloadV1 &) = default;
};

} // namespace wp::proto
