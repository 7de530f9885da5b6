#pragma once

#include "addressbook.h"
#include "utxo.h"

#include <bitcoin/amount.h>
#include <bitcoin/network.h>
#include <bitcoin/transaction.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QByteArray>
#include <QList>

#include <optional>

namespace wp::client {

/// Error::code values of Tx0Builder.
enum class Tx0Error : int {
    NoInputs = 1,      ///< no UTXO given
    BadInput,          ///< duplicate outpoint, non-positive value, or a script that is not the key path's
    ImmatureCoinbase,  ///< a coinbase output with fewer than 100 confirmations
    BadFeeRate,        ///< a fee rate outside [kMinFeeRate, kMaxFeeRate]
    BadPool,           ///< pool values that cannot describe a pool (denomination, balance bounds, anonymity set)
    BadTx0Data,        ///< Tx0Data for another pool, unparseable payment code, payload or fee address
    PremixFeeTooHigh,  ///< premix value - denomination above the accepted maximum (100 000 sat)
    InsufficientFunds, ///< not even one premix output fits
    DustChange,        ///< the change left would be a dust output
    SigningFailed,     ///< key derivation or signing failed (should never happen)
};

/// Tx0 fee rates accepted (sat/vB), as the classic client (protocol reference §7).
inline constexpr btc::Amount kMinFeeRate = 1;
inline constexpr btc::Amount kMaxFeeRate = 510;
/// The client refuses premix outputs paying more than this for their mix (MixProcess.MAX_ACCEPTABLE_FEES).
inline constexpr btc::Amount kMaxPremixFee = 100'000;
/// Default smallest change output kept (Samourai's dust limit).
inline constexpr btc::Amount kDefaultDustThreshold = 546;
/// Hard cap on premix outputs when neither the pool nor the client sets one.
inline constexpr int kMaxPremixOutputs = 600;

/// Client choices for one Tx0.
struct Tx0Params {
    btc::Amount tx0FeeRate = 0; ///< sat/vB paid by the Tx0 itself
    btc::Amount mixFeeRate = 0; ///< sat/vB the premix outputs reserve for their first mix
    int maxOutputs = 0;         ///< client cap on premix outputs; 0 = the pool's tx0MaxOutputs only
    /// Account receiving the change (its change chain): Deposit (default) or Badbank for toxic change.
    WalletAccount changeAccount = WalletAccount::Deposit;
    btc::Amount dustThreshold = kDefaultDustThreshold;
};

/// What a Tx0 would do (protocol reference §7), before any address is used.
struct Tx0Preview {
    btc::Amount totalInputs = 0;
    btc::Amount premixValue = 0;    ///< each premix output: denomination + premixMinerFee
    btc::Amount premixMinerFee = 0; ///< premixValue - denomination: this output's share of its first mix fee
    int nbPremix = 0;
    btc::Amount feeValue = 0;       ///< paid to the coordinator's fee address (0 with a 100 % scode)
    btc::Amount feeChange = 0;      ///< decoy sent back to the wallet when feeValue is 0
    btc::Amount tx0MinerFee = 0;
    qint64 tx0Vsize = 0;            ///< upper bound of the signed Tx0's virtual size
    btc::Amount change = 0;         ///< 0 = no change output

    /// All premix outputs: nbPremix * premixValue.
    btc::Amount premixTotal() const { return premixValue * nbPremix; }
    /// Mix fees reserved by the premix outputs: nbPremix * premixMinerFee.
    btc::Amount mixMinerFee() const { return premixMinerFee * nbPremix; }

    friend bool operator==(const Tx0Preview &, const Tx0Preview &) = default;
};

/// A built and signed Tx0 with where each of its outputs goes.
struct Tx0 {
    btc::Transaction tx;
    Tx0Preview preview;
    QList<KeyPath> premixPaths;           ///< the premix outputs' keys (premix account, receive chain)
    std::optional<KeyPath> changePath;    ///< set when there is a change output
    std::optional<KeyPath> feeChangePath; ///< set when the fee is a decoy back to the wallet
    QByteArray opReturn;                  ///< the 80-byte OP_RETURN push (fee payload, masked; V1)
    /// Output indexes after BIP69 sorting.
    QList<int> premixOutputs;
    int feeOutput = -1;   ///< fee or decoy fee-change output, -1 if none
    int changeOutput = -1;
    int opReturnOutput = -1;
};

/// Builds Whirlpool Tx0 transactions (protocol reference §5, §7). Pure: no I/O,
/// deterministic except for the OP_RETURN's fresh ephemeral key.
///
/// Layout: nbPremix P2WPKH outputs of premixValue to fresh premix-account
/// addresses; the coordinator fee to Tx0Data::feeAddress, or when feeValue is 0
/// a decoy of feeChange back to a fresh deposit change address; the change (if
/// any) to a fresh change address of Tx0Params::changeAccount; one
/// OP_RETURN V1 (80 bytes) carrying the fee payload masked with ECDH(fresh key,
/// notification key of Tx0Data::feePaymentCode) keyed by the outpoint of input
/// #0 after BIP69 sorting. Inputs and outputs are BIP69-sorted, every input is
/// signed (BIP143 P2WPKH, SIGHASH_ALL) and checked. Transaction version 1,
/// lock time 0, final sequences, like the classic client's Tx0s.
///
/// Values: premixValue = denomination + mixFee(mixAnonymitySet in and out at
/// mixFeeRate) / minMustMix, clamped to [mustMixBalanceMin,
/// min(mustMixBalanceCap, mustMixBalanceMax)]; nbPremix is the largest count
/// (capped by the pool's and the client's tx0MaxOutputs, then kMaxPremixOutputs)
/// such that nbPremix * premixValue + fee + miner fee fits in the inputs; the miner
/// fee is tx0FeeRate times the Tx0's virtual size with every signature at its
/// largest (72 bytes), a change output always counted.
class Tx0Builder {
public:
    /// Computes what build() would produce, validating everything it can.
    /// Returns: a Tx0Error naming the problem (see the enum).
    static Result<Tx0Preview> preview(const QList<Utxo> &inputs, const proto::PoolInfo &pool,
                                      const proto::Tx0Data &data, const Tx0Params &params, btc::Network network);

    /// Builds and signs the Tx0 spending all of @p inputs with keys of @p book's
    /// wallet. Fresh addresses are reserved in @p book only once the preview
    /// succeeded. Must run on @p book's thread.
    /// Returns: preview()'s errors, or Tx0Error::SigningFailed.
    static Result<Tx0> build(const QList<Utxo> &inputs, const proto::PoolInfo &pool, const proto::Tx0Data &data,
                             const Tx0Params &params, AddressBook &book);

    /// Virtual size upper bound of a transaction spending @p nbP2wpkhInputs P2WPKH
    /// inputs (72-byte signatures) to outputs whose scriptPubKeys have the given sizes.
    static qint64 estimateVsize(int nbP2wpkhInputs, const QList<qsizetype> &outputScriptSizes);
};

} // namespace wp::client
