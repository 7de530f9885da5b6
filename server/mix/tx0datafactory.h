#pragma once

#include <mix/feeconfig.h>
#include <mix/poolconfig.h>

#include <bitcoin/amount.h>
#include <bitcoin/transaction.h>
#include <protocol/feeopreturn.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace wp::server::mix {

/// The fee terms of one Tx0 data request, once its SCODE and partner are resolved.
struct Tx0Terms {
    std::optional<ScodeConfig> scode; ///< a valid SCODE, or none (full fee)
    qint16 partnerPayload = kDefaultPartnerPayload;
};

/// Builds the `POST /rest/tx0` answer (protocol reference §5.4): one proto::Tx0Data per pool
/// for a proto::Tx0DataRequest. Pure: the caller allocates fee indexes (in the cluster, from a
/// shared DB sequence) and does the anti-bruteforce delay; nothing here blocks.
///
/// Per pool: SCODE discount (feeDiscountPercent = 100 - percent, message); fee > 0 ->
/// feeValue, feeAddress = fee xpub receive address at the pool's index, feeChange 0;
/// fee == 0 -> feeValue 0, null feeAddress, fee index 0, feeChange = a decoy amount (the pool
/// fee discounted by a random non-zero-percent SCODE, or the full pool fee) that the client
/// sends back to itself so free Tx0s look like paid ones. feePayload64 = Z85 of the
/// FeePayloadV1{index, scodePayload, partner} (46 bytes for OP_RETURN V1, 64 for V0);
/// feeOutputSignature = base64 Bitcoin signed message, by the configured signing key, of
/// the serialized fee TxOut (null without signing key or fee address).
///
/// The request's `cascading` flag is not supported: such requests get the normal terms.
///
/// Thread-safety: immutable after construction; the methods may run concurrently if the
/// Random function is thread-safe (crypto::randomBelow, the default, is).
class Tx0DataFactory {
public:
    /// Uniform random index in [0, bound) (the CSPRNG by default; seeded in tests).
    using Random = std::function<std::uint64_t(std::uint64_t bound)>;

    explicit Tx0DataFactory(std::shared_ptr<const FeeConfig> config, Random random = {});

    /// Resolves the request's SCODE (empty or "null" = none; unknown or expired at @p nowMs =
    /// none, as the classic server does, without telling the client) and partner (empty, "null"
    /// or kDefaultPartnerId = the default partner).
    /// Returns: Error 601 "Partner not found: partnerId=..." for any other partner.
    Result<Tx0Terms> resolve(const proto::Tx0DataRequest &request, qint64 nowMs) const;

    /// The Tx0Data of @p pool under @p terms. @p feeIndex is used only when a fee is due.
    /// Returns: an error (500) for a negative index or the (2^-127) underivable fee address.
    Result<proto::Tx0Data> build(const PoolConfig &pool, const Tx0Terms &terms, qint32 feeIndex,
                                 proto::FeeOpReturnVersion opReturnVersion = proto::FeeOpReturnVersion::V1) const;

    /// The whole answer: resolve() then build() for each pool, pool i getting fee index
    /// @p firstFeeIndex + i, so the caller reserves indexesNeeded(pools) consecutive indexes.
    /// Returns: the errors of resolve() and build(); 500 if the indexes overflow int32.
    Result<proto::Tx0DataResponse> build(const proto::Tx0DataRequest &request, const QList<PoolConfig> &pools,
                                         qint32 firstFeeIndex, qint64 nowMs,
                                         proto::FeeOpReturnVersion opReturnVersion = proto::FeeOpReturnVersion::V1) const;

    /// How many fee indexes build(request, pools, ...) consumes: one per pool.
    static int indexesNeeded(const QList<PoolConfig> &pools) { return int(pools.size()); }

    /// The fee output as a transaction serializes it: value (LE64) then the script with its
    /// CompactSize length. This is the message feeOutputSignature signs.
    static QByteArray serializeTxOut(const btc::TxOut &out);

private:
    btc::Amount decoyFeeChange(const PoolConfig &pool) const;

    std::shared_ptr<const FeeConfig> m_config;
    Random m_random;
};

} // namespace wp::server::mix
