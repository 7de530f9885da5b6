#pragma once

#include <crypto/eckey.h>
#include <util/result.h>

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace wp::proto {

// The masked fee payload a Tx0 carries in its OP_RETURN output
// (whirlpool-protocol FeeOpReturnImplV0/V1, XorMask; protocol reference §5.2):
//   mask = HMAC-SHA512(key = 36-byte serialized outpoint of the Tx0's input #0
//                            after BIP69 sorting (txid internal order || vout LE32),
//                      data = x coordinate of ECDH(masking key, notification key))
//   masked = (payload zero-padded to 64) XOR mask, truncated to the payload length.
// The "notification key" is BIP47 child 0 of the coordinator's fee payment code.
//   V0 push data (64 bytes) = masked(payload64); masking key = key of input #0.
//   V1 push data (80 bytes) = masked(payload46) || ephemeral pubkey (33, compressed) || 0x01.
// The payload itself is a FeePayloadV1 (feepayload.h) of 64 or 46 bytes.

enum class FeeOpReturnVersion { V0 = 0, V1 = 1 };

inline constexpr int kFeeMaskLength = 64;
inline constexpr int kOutPointLength = 36;
inline constexpr int kFeePayloadLengthV0 = 64;
inline constexpr int kFeePayloadLengthV1 = 46;
inline constexpr int kFeeOpReturnLengthV0 = 64;
inline constexpr int kFeeOpReturnLengthV1 = 80;
/// Last byte of a V1 push.
inline constexpr char kFeeOpReturnVersionByteV1 = 0x01;

/// Error codes of unmaskFeeOpReturn(), as int in wp::Error::code.
enum class FeeOpReturnError : int {
    UnknownFormat = 1,          ///< neither 64 bytes (V0) nor 80 bytes ending in 0x01 (V1)
    InvalidOutPoint = 2,        ///< outpoint is not 36 bytes
    MissingInput0PubKey = 3,    ///< V0 push but no input #0 public key given
    InvalidMaskingPubKey = 4,   ///< V1 embedded key is not a valid compressed point
};

/// The unmasked content of a fee OP_RETURN.
struct UnmaskedFeeOpReturn {
    FeeOpReturnVersion version = FeeOpReturnVersion::V1;
    /// 64 bytes (V0) or 46 bytes (V1); parse with FeePayloadV1::decode.
    QByteArray feePayload;
};

/// The 64-byte mask: HMAC-SHA512(key = @p outPoint36, data = x(ECDH(@p privKey, @p pubKey))).
/// Symmetric: (maskingKey, notificationPubKey) and (notificationKey, maskingPubKey) give the same mask.
/// @p outPoint36 must be 36 bytes (anything else is a bug: WP_ASSERT).
QByteArray computeFeeMask(const crypto::PrivKey &privKey, const crypto::PubKey &pubKey, QByteArrayView outPoint36);

/// XOR of @p data with the first data.size() bytes of computeFeeMask() (the
/// Java XorMask#maskToLength / unmaskToLength). Masking and unmasking are the same operation.
/// @p data must be at most 64 bytes and @p outPoint36 36 bytes (else WP_ASSERT).
QByteArray xorFeeMask(QByteArrayView data, const crypto::PrivKey &privKey, const crypto::PubKey &pubKey,
                      QByteArrayView outPoint36);

/// V0 push data (64 bytes): the 64-byte fee payload masked with the private key of
/// input #0 against @p notificationPubKey. @p payload64 must be 64 bytes and
/// @p outPoint36 36 bytes (else WP_ASSERT). Kept for reading and testing old Tx0s;
/// new Tx0s use V1.
QByteArray computeFeeOpReturnV0(QByteArrayView payload64, const crypto::PrivKey &input0Key,
                                const crypto::PubKey &notificationPubKey, QByteArrayView outPoint36);

/// V1 push data (80 bytes): masked 46-byte payload || compressed @p ephemeralKey pubkey || 0x01.
/// @p ephemeralKey must be fresh for every Tx0 (see the overload below).
/// @p payload46 must be 46 bytes and @p outPoint36 36 bytes (else WP_ASSERT).
QByteArray computeFeeOpReturnV1(QByteArrayView payload46, const crypto::PrivKey &ephemeralKey,
                                const crypto::PubKey &notificationPubKey, QByteArrayView outPoint36);

/// As above with a freshly generated ephemeral key (what a client should call).
QByteArray computeFeeOpReturnV1(QByteArrayView payload46, const crypto::PubKey &notificationPubKey,
                                QByteArrayView outPoint36);

/// The OP_RETURN format of @p pushData: V0 if it is 64 bytes, V1 if it is 80 bytes
/// ending in 0x01 (the coordinator's acceptance rule); nullopt otherwise.
std::optional<FeeOpReturnVersion> detectFeeOpReturnVersion(QByteArrayView pushData);

/// Coordinator side: unmasks the OP_RETURN push data of a Tx0 with the private key of
/// its notification address. The shared secret uses the embedded ephemeral key (V1) or
/// @p input0PubKey (V0; the public key of input #0 from its witness/scriptSig).
/// The result is only as meaningful as the key: a wrong key yields garbage, which
/// FeePayloadV1::decode will usually (not always) reject.
/// Returns: FeeOpReturnError UnknownFormat, InvalidOutPoint, MissingInput0PubKey or
/// InvalidMaskingPubKey. Safe on any input.
Result<UnmaskedFeeOpReturn> unmaskFeeOpReturn(QByteArrayView pushData, const crypto::PrivKey &notificationKey,
                                              QByteArrayView outPoint36,
                                              const std::optional<crypto::PubKey> &input0PubKey = std::nullopt);

} // namespace wp::proto
