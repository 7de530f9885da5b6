#pragma once

#include <bitcoin/amount.h>
#include <bitcoin/hashtypes.h>
#include <bitcoin/script.h>
#include <bitcoin/transaction.h>
#include <util/result.h>

#include <QByteArray>

#include <cstdint>

namespace wp::crypto {
class PrivKey;
}

namespace wp::btc {

/// Signature hash types (the byte appended to a DER signature).
inline constexpr std::uint32_t kSighashAll = 1;
inline constexpr std::uint32_t kSighashNone = 2;
inline constexpr std::uint32_t kSighashSingle = 3;
inline constexpr std::uint32_t kSighashAnyoneCanPay = 0x80;

/// Returns: true for the six defined types, ALL/NONE/SINGLE with or without
/// ANYONECANPAY (Core's IsDefinedHashtypeSignature; others are non-standard).
bool isDefinedSighashType(std::uint32_t sighashType);

/// The three transaction-wide BIP143 hashes (hashPrevouts, hashSequence,
/// hashOutputs for SIGHASH_ALL), computed once so signing or verifying all
/// inputs of a transaction is O(n). Valid only for the transaction it was
/// built from.
struct SighashCacheV0 {
    explicit SighashCacheV0(const Transaction &tx);
    QByteArray hashPrevouts;
    QByteArray hashSequence;
    QByteArray hashOutputs;
};

/// BIP143 signature-hash preimage of input @p inputIndex for a version 0
/// witness program. @p scriptCode is the script without its length prefix
/// (for P2WPKH: Script::scriptCodeP2wpkh(keyHash); for P2WSH: the witness
/// script after the last executed OP_CODESEPARATOR). @p amount is the value
/// of the spent output. Any @p sighashType is hashed as given (only its low
/// 5 bits and the ANYONECANPAY bit select the mode, as in Core).
/// Precondition: inputIndex < tx.inputs.size() (WP_ASSERT).
QByteArray sighashWitnessV0Preimage(const Transaction &tx, qsizetype inputIndex, const Script &scriptCode,
                                    Amount amount, std::uint32_t sighashType);

/// BIP143 signature hash: double SHA-256 of sighashWitnessV0Preimage().
/// Precondition: inputIndex < tx.inputs.size() (WP_ASSERT).
Sighash sighashWitnessV0(const Transaction &tx, qsizetype inputIndex, const Script &scriptCode, Amount amount,
                         std::uint32_t sighashType);
/// Same, reusing @p cache built from @p tx.
Sighash sighashWitnessV0(const Transaction &tx, const SighashCacheV0 &cache, qsizetype inputIndex,
                         const Script &scriptCode, Amount amount, std::uint32_t sighashType);

/// The original (pre-segwit) signature hash, Core's SignatureHash for
/// SigVersion::BASE: OP_CODESEPARATORs are removed from @p scriptCode, and
/// SIGHASH_SINGLE without a matching output yields the historical value 1.
/// Precondition: inputIndex < tx.inputs.size() (WP_ASSERT).
Sighash sighashLegacy(const Transaction &tx, qsizetype inputIndex, const Script &scriptCode, std::uint32_t sighashType);

/// Signs input @p inputIndex as a P2WPKH spend (native, or nested in P2SH if
/// the caller sets the scriptSig) of an output worth @p amount held by @p key:
/// the witness becomes [DER signature + hash type byte, 33-byte compressed pubkey].
/// RFC 6979 deterministic, low-S. Other inputs are untouched.
/// Returns: an error if the index is out of range or the hash type is not a defined one.
Result<void> signP2wpkhInput(Transaction &tx, qsizetype inputIndex, Amount amount, const crypto::PrivKey &key,
                             std::uint32_t sighashType = kSighashAll);

/// Checks that input @p inputIndex validly spends a P2WPKH output
/// (@p prevoutScript native P2WPKH, or P2SH wrapping P2WPKH with the redeem
/// script as the only push of the scriptSig) worth @p prevoutAmount: empty
/// scriptSig for native spends, a witness of exactly [signature, compressed
/// pubkey], the pubkey hashing to the program, a defined hash type and a
/// valid ECDSA signature of the BIP143 hash.
/// Returns: an error naming the first check that failed. Safe on any input.
Result<void> verifyP2wpkhInput(const Transaction &tx, qsizetype inputIndex, Amount prevoutAmount,
                               const Script &prevoutScript);

} // namespace wp::btc
