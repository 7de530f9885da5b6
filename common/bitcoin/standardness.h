#pragma once

#include <bitcoin/amount.h>
#include <bitcoin/sighash.h>
#include <bitcoin/script.h>
#include <bitcoin/transaction.h>
#include <util/result.h>

#include <QByteArrayView>
#include <QList>
#include <QString>

#include <cstdint>

namespace wp::btc {

// Relay policy ("standardness"): what a Bitcoin Core node accepts into its
// mempool and relays, which is stricter than consensus. A coordinator that
// broadcasts a mix transaction the node refuses loses the round, so it checks
// every signature it is given, and the whole transaction before broadcast,
// against the subset of Core's policy that a Whirlpool mix can violate.
// Values and rule names follow Bitcoin Core (policy/policy.h and the script
// error names); docs/ has no further protocol text for this.

/// Core's MAX_STANDARD_TX_WEIGHT.
inline constexpr qint64 kMaxStandardTxWeight = 400'000;
/// Core's MIN_STANDARD_TX_NONWITNESS_SIZE (smaller transactions are not relayed).
inline constexpr qint64 kMinStandardTxNonWitnessSize = 65;
/// Core's DUST_RELAY_TX_FEE, in satoshis per 1000 virtual bytes.
inline constexpr Amount kDustRelayFeePerKvB = 3000;
/// Core's DEFAULT_MIN_RELAY_TX_FEE, in satoshis per 1000 virtual bytes.
inline constexpr Amount kDefaultMinRelayFeePerKvB = 1000;

/// The rule a standardness check refused; it is the Error::code of every
/// Result below (so callers can tell the rules apart without parsing text).
enum class StandardRule : int {
    SigDer = 1,         ///< not strict DER (BIP66, Core's IsValidSignatureEncoding)
    SigHighS,           ///< S above n/2 (Core's IsLowDERSignature)
    SigHashType,        ///< undefined hash type, or not the required one
    PrevoutType,        ///< the spent output is not native P2WPKH
    ScriptSigNotEmpty,  ///< a native segwit input with a scriptSig
    WitnessItems,       ///< a P2WPKH witness that is not exactly [signature, key]
    WitnessPubKeyType,  ///< the witness key is not a 33-byte compressed key
    InvalidSpend,       ///< verifyP2wpkhInput() refused the input (wrong key, bad signature, ...)
    Version,            ///< transaction version other than 1 or 2
    NoInputsOrOutputs,  ///< no inputs or no outputs
    TxSizeSmall,        ///< fewer than kMinStandardTxNonWitnessSize bytes without witness
    TxWeight,           ///< weight above kMaxStandardTxWeight
    DuplicateInput,     ///< the same outpoint spent twice
    OutputType,         ///< an output that is neither P2WPKH nor P2WSH
    Dust,               ///< an output below Core's dust threshold
    AmountRange,        ///< an amount or a sum outside [0, kMaxMoney]
    InputsBelowOutputs, ///< outputs worth more than the inputs
    MinRelayFee,        ///< fee below the minimum relay fee
};

/// Returns: the rule's short name, Bitcoin Core's script error name or mempool
/// reject reason where one exists ("SIG_DER", "SIG_HIGH_S", "dust", "tx-size", ...).
/// Every Error message of the checks below starts with it.
QString standardRuleName(StandardRule rule);

/// Core's dust threshold of @p output at @p dustRelayFeePerKvB: the fee to
/// spend it, counting the output's serialized size plus 67 bytes for a
/// segwit spend (32+4+1+107/4+4) or 148 bytes otherwise. An output whose
/// value is below it is dust. Unspendable outputs (OP_RETURN, or a script
/// over 10000 bytes) have no threshold (0).
Amount dustThreshold(const TxOut &output, Amount dustRelayFeePerKvB = kDustRelayFeePerKvB);

/// Checks one "DER signature || hash type" as Bitcoin Core's policy does for
/// a CHECKSIG of a segwit v0 input: strict DER encoding exactly as BIP66
/// (Core's IsValidSignatureEncoding: 9 to 73 bytes, compound 0x30 with the
/// right length, two positive minimally encoded INTEGERs, nothing after S but
/// the hash type byte), low S (S <= n/2, Core's IsLowDERSignature; an S of n
/// or more counts as high), a defined hash type, and a hash type equal to
/// @p requiredSighashType. It does not verify the signature (R or S of zero
/// pass here and fail verification).
/// Returns: an Error whose code is the StandardRule (SigDer, SigHighS or
/// SigHashType) and whose message starts with its name. Safe on any bytes.
Result<void> checkStandardSignature(QByteArrayView signatureWithHashType,
                                    std::uint32_t requiredSighashType = kSighashAll);

/// Checks that input @p inputIndex of @p tx is a standard, valid spend of the
/// native P2WPKH output @p prevoutScript worth @p prevoutAmount: empty
/// scriptSig, a witness of exactly two items, item 0 passing
/// checkStandardSignature(item, SIGHASH_ALL), item 1 a 33-byte compressed key,
/// and then verifyP2wpkhInput() (key hash, BIP143 digest, ECDSA). Nested
/// P2SH-P2WPKH is refused (PrevoutType): mixes spend native outputs only.
/// Returns: an Error whose code is the first StandardRule that failed. Safe on
/// any input (an out-of-range index gives InvalidSpend).
Result<void> checkStandardP2wpkhSpend(const Transaction &tx, qsizetype inputIndex, Amount prevoutAmount,
                                      const Script &prevoutScript);

/// Checks a whole signed mix transaction against the relay policy before
/// broadcast: version 1 or 2; at least one input and one output; at least
/// kMinStandardTxNonWitnessSize bytes without witness; weight at most
/// kMaxStandardTxWeight; no outpoint spent twice; every output P2WPKH or P2WSH
/// and not dust (dustThreshold() at kDustRelayFeePerKvB); every input passing
/// checkStandardP2wpkhSpend() against @p prevouts; amounts in range; the
/// inputs worth at least the outputs; and a fee of at least
/// vsize * @p minRelayFeePerKvB / 1000 (rounded up, so never below what any
/// Core version asks).
/// @param prevouts the output each input spends, by input index. Precondition:
///        prevouts.size() == tx.inputs.size() (WP_ASSERT).
/// Returns: an Error whose code is the first StandardRule that failed. Safe on
/// any transaction.
Result<void> checkStandardMixTransaction(const Transaction &tx, const QList<TxOut> &prevouts,
                                         Amount minRelayFeePerKvB = kDefaultMinRelayFeePerKvB);

} // namespace wp::btc
