#pragma once

#include <util/result.h>

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

// The classic Whirlpool 0.23 wire messages (protocol reference §1-§2), with the
// exact JSON field names, `messageType` class names and error codes, plus the
// cluster's redirect. Every parser takes untrusted bytes and returns an Error
// (code 601 INVALID_ARGUMENT) for malformed JSON, a missing field or a field of
// the wrong type; unknown fields are ignored, as the official clients do.
namespace wp::proto {

inline constexpr char kProtocolVersion[] = "0.23";

namespace endpoint {
inline constexpr char kWsConnect[] = "/ws/connect";
inline constexpr char kWsRegisterInput[] = "/ws/registerInput";
inline constexpr char kWsConfirmInput[] = "/ws/confirmInput";
inline constexpr char kWsRevealOutput[] = "/ws/revealOutput";
inline constexpr char kWsSigning[] = "/ws/signing";
inline constexpr char kPrivateReply[] = "/private/reply";
inline constexpr char kRestPools[] = "/rest/pools";
inline constexpr char kRestTx0[] = "/rest/tx0";
inline constexpr char kRestTx0V1[] = "/rest/tx0/v1";
inline constexpr char kRestTx0Push[] = "/rest/tx0/push";
inline constexpr char kRestCheckOutput[] = "/rest/checkOutput";
inline constexpr char kRestRegisterOutput[] = "/rest/registerOutput";
inline constexpr char kRestHealth[] = "/rest/system/health";
inline constexpr char kRestCluster[] = "/rest/cluster";
} // namespace endpoint

namespace header {
inline constexpr char kProtocolVersion[] = "protocolVersion";
inline constexpr char kMessageType[] = "messageType";
inline constexpr char kPoolId[] = "poolId";
} // namespace header

/// Server error codes (S23 ServerErrorCode) and the cluster's additions.
namespace error {
inline constexpr int kServerError = 500;
inline constexpr int kVersionMismatch = 600;
inline constexpr int kInvalidArgument = 601;
inline constexpr int kInvalidBlockHeight = 602;
inline constexpr int kInputRejected = 610;
inline constexpr int kInputAlreadyRegistered = 611;
inline constexpr int kInputBanned = 612;
inline constexpr int kPushTxError = 620;
/// Cluster: the pool is owned by another instance (message names its URL).
inline constexpr int kPoolRedirect = 630;
/// Cluster: the pool is changing owner; retry after `retryAfterMs`.
inline constexpr int kPoolUnavailable = 631;
} // namespace error

enum class MixStatus { ConfirmInput, RegisterOutput, RevealOutput, Signing, Success, Fail };
QString mixStatusName(MixStatus status);
std::optional<MixStatus> mixStatusFromName(QStringView name);

/// Fully-qualified Java class names used as `messageType` (trap §13.2).
namespace type {
inline constexpr char kSubscribePoolResponse[] = "com.samourai.whirlpool.protocol.websocket.messages.SubscribePoolResponse";
inline constexpr char kConfirmInputResponse[] = "com.samourai.whirlpool.protocol.websocket.messages.ConfirmInputResponse";
inline constexpr char kErrorResponse[] = "com.samourai.whirlpool.protocol.websocket.messages.ErrorResponse";
inline constexpr char kRedirectResponse[] = "com.samourai.whirlpool.protocol.websocket.messages.RedirectResponse";
inline constexpr char kConfirmInputMixStatus[] =
    "com.samourai.whirlpool.protocol.websocket.notifications.ConfirmInputMixStatusNotification";
inline constexpr char kRegisterOutputMixStatus[] =
    "com.samourai.whirlpool.protocol.websocket.notifications.RegisterOutputMixStatusNotification";
inline constexpr char kRevealOutputMixStatus[] =
    "com.samourai.whirlpool.protocol.websocket.notifications.RevealOutputMixStatusNotification";
inline constexpr char kSigningMixStatus[] = "com.samourai.whirlpool.protocol.websocket.notifications.SigningMixStatusNotification";
inline constexpr char kSuccessMixStatus[] = "com.samourai.whirlpool.protocol.websocket.notifications.SuccessMixStatusNotification";
inline constexpr char kFailMixStatus[] = "com.samourai.whirlpool.protocol.websocket.notifications.FailMixStatusNotification";
} // namespace type

/// The last dot-segment of a messageType ("SubscribePoolResponse"), as the Rust client matches it.
QString messageTypeShortName(QStringView messageType);

// ---- client -> server (STOMP SEND bodies) ----

struct RegisterInputRequest {
    QString poolId;
    QString utxoHash;       ///< txid, display hex
    qint64 utxoIndex = 0;
    QString signature;      ///< base64 signed message of poolId
    bool liquidity = false;
    int blockHeight = 0;    ///< 0 = old client, height check skipped
    QJsonObject toJson() const;
    static Result<RegisterInputRequest> fromJson(QByteArrayView json);
};

struct ConfirmInputRequest {
    QString mixId;
    QString blindedBordereau64; ///< Z85
    QString userHash;
    QJsonObject toJson() const;
    static Result<ConfirmInputRequest> fromJson(QByteArrayView json);
};

struct RevealOutputRequest {
    QString mixId;
    QString receiveAddress;
    QJsonObject toJson() const;
    static Result<RevealOutputRequest> fromJson(QByteArrayView json);
};

struct SigningRequest {
    QString mixId;
    QStringList witnesses64; ///< Z85 witness stack items
    QJsonObject toJson() const;
    static Result<SigningRequest> fromJson(QByteArrayView json);
};

// ---- server -> client (MESSAGE bodies on /private/reply) ----

struct SubscribePoolResponse {
    QString networkId; ///< "main", "test", "regtest"
    qint64 denomination = 0;
    qint64 mustMixBalanceMin = 0;
    qint64 mustMixBalanceCap = 0;
    qint64 mustMixBalanceMax = 0;
    QJsonObject toJson() const;
    static Result<SubscribePoolResponse> fromJson(QByteArrayView json);
};

struct ConfirmInputMixStatusNotification {
    QString mixId;
    QString publicKey64; ///< Z85 of the mix RSA key's SubjectPublicKeyInfo DER
    QJsonObject toJson() const;
    static Result<ConfirmInputMixStatusNotification> fromJson(QByteArrayView json);
};

struct ConfirmInputResponse {
    QString mixId;
    QString signedBordereau64;
    QJsonObject toJson() const;
    static Result<ConfirmInputResponse> fromJson(QByteArrayView json);
};

struct RegisterOutputMixStatusNotification {
    QString mixId;
    QString inputsHash;
    QJsonObject toJson() const;
    static Result<RegisterOutputMixStatusNotification> fromJson(QByteArrayView json);
};

struct SigningMixStatusNotification {
    QString mixId;
    QString transaction64; ///< Z85 of the unsigned tx
    QJsonObject toJson() const;
    static Result<SigningMixStatusNotification> fromJson(QByteArrayView json);
};

/// REVEAL_OUTPUT, SUCCESS and FAIL carry only status + mixId.
struct MixStatusNotification {
    MixStatus status = MixStatus::Fail;
    QString mixId;
    QJsonObject toJson() const;
    static Result<MixStatusNotification> fromJson(QByteArrayView json);
};

struct ErrorResponse {
    int errorCode = error::kServerError;
    QString message;
    QJsonObject toJson() const; ///< mixId is null, as in the classic server
    static Result<ErrorResponse> fromJson(QByteArrayView json);
};

/// Cluster redirect: the pool is owned by another instance (DESIGN §2.4).
struct RedirectResponse {
    QString poolId;
    QString urlClear;
    QString urlOnion;
    qint64 epoch = 0;
    qint64 retryAfterMs = 0; ///< > 0 when the pool has no owner right now
    QJsonObject toJson() const;
    static Result<RedirectResponse> fromJson(QByteArrayView json);
};

// ---- REST ----

struct RegisterOutputRequest {
    QString inputsHash;
    QString unblindedSignedBordereau64;
    QString receiveAddress;
    QString bordereau64; ///< null for pre-0.23.9 clients (then the address bytes are the bordereau)
    QJsonObject toJson() const;
    static Result<RegisterOutputRequest> fromJson(QByteArrayView json);
};

struct CheckOutputRequest {
    QString receiveAddress;
    QString signature;
    QJsonObject toJson() const;
    static Result<CheckOutputRequest> fromJson(QByteArrayView json);
};

/// One pool as `GET /rest/pools` lists it (§2.4), plus our additions: the current
/// mix's RSA key fingerprint and id (so clients can detect key tagging, DESIGN §3)
/// and, in a cluster, the owner instance's URLs. Unknown fields are ignored by
/// classic clients (trap §13.21).
struct PoolInfo {
    QString poolId;
    qint64 denomination = 0;
    qint64 feeValue = 0;
    qint64 mustMixBalanceMin = 0;
    qint64 mustMixBalanceCap = 0;
    qint64 mustMixBalanceMax = 0;
    int minAnonymitySet = 0;
    int minMustMix = 0;
    int tx0MaxOutputs = 0;
    int nbRegistered = 0;
    int mixAnonymitySet = 0;
    QString mixStatus;
    qint64 elapsedTime = 0;
    int nbConfirmed = 0;
    // additions
    QString mixId;              ///< current mix, empty when this instance does not run the pool
    QString mixKeyFingerprint;  ///< hex SHA-256 of the current mix key's SubjectPublicKeyInfo DER
    QString ownerUrlClear;      ///< cluster: where the pool is mixed
    QString ownerUrlOnion;
    QJsonObject toJson() const;
    static Result<PoolInfo> fromJson(const QJsonObject &object);
};

/// `GET /rest/pools` body.
struct PoolsResponse {
    QList<PoolInfo> pools;
    QJsonObject toJson() const;
    static Result<PoolsResponse> fromJson(QByteArrayView json);
};

/// `POST /rest/tx0` request (Tx0DataRequestV2).
struct Tx0DataRequest {
    QString scode;     ///< empty or "null" = none
    QString partnerId; ///< empty = "SAMOURAI"
    bool cascading = false;
    QJsonObject toJson() const;
    static Result<Tx0DataRequest> fromJson(QByteArrayView json);
};

/// One pool's fee data for building a Tx0 (§5.4).
struct Tx0Data {
    QString poolId;
    QString feePaymentCode;     ///< BIP47 payment code whose notification key masks the OP_RETURN
    qint64 feeValue = 0;        ///< fee to pay to feeAddress (0 with a 100 % scode)
    qint64 feeChange = 0;       ///< decoy amount sent back to the wallet when feeValue is 0
    int feeDiscountPercent = 0;
    QString message;
    QString feePayload64;       ///< Z85 of the FeePayloadV1 (46 bytes for OP_RETURN V1)
    QString feeAddress;         ///< null when feeValue is 0
    QString feeOutputSignature; ///< base64 signed message of the fee TxOut (not checked by classic clients)
    QJsonObject toJson() const;
    static Result<Tx0Data> fromJson(const QJsonObject &object);
};

/// `POST /rest/tx0` response (Tx0DataResponseV2): one entry per pool.
struct Tx0DataResponse {
    QList<Tx0Data> tx0Datas;
    QJsonObject toJson() const;
    static Result<Tx0DataResponse> fromJson(QByteArrayView json);
};

/// `POST /rest/tx0/push` request.
struct Tx0PushRequest {
    QString tx64; ///< Z85 of the raw Tx0
    QString poolId;
    QJsonObject toJson() const;
    static Result<Tx0PushRequest> fromJson(QByteArrayView json);
};

/// REST error body: only `message` is serialized (trap §13.16).
QByteArray restErrorBody(const QString &message);
/// Reads `message` out of a REST error body (or returns the raw text).
QString restErrorMessage(QByteArrayView body);

/// Compact JSON bytes of an object.
QByteArray toJsonBytes(const QJsonObject &object);

} // namespace wp::proto
