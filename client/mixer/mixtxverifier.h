#pragma once

#include <bitcoin/amount.h>
#include <bitcoin/script.h>
#include <bitcoin/transaction.h>
#include <util/result.h>

#include <QString>

namespace wp::client {

/// The largest miner fee a mustMix input may pay in a mix (classic MAX_ACCEPTABLE_FEES).
inline constexpr btc::Amount kMaxAcceptableMixFee = 100'000;

/// What the client knows before it signs a mix transaction.
struct MixTxExpectation {
    QString inputsHash;          ///< from the REGISTER_OUTPUT notification
    btc::OutPoint ownInput;
    btc::Amount ownValue = 0;    ///< value of the own input
    bool liquidity = false;      ///< joined as liquidity (must pay no fee)
    btc::Script ownOutputScript; ///< scriptPubKey of the registered receive address
    btc::Amount denomination = 0;
};

/// Why verifyMixTransaction() refused a transaction (Error::code).
enum class MixTxError : int {
    InputsHashMismatch = 1, ///< the inputs are not the ones announced at REGISTER_OUTPUT
    CountMismatch = 2,      ///< #inputs != #outputs (or no input at all)
    OwnInputMissing = 3,
    OwnOutputMissing = 4,
    DuplicateInputTxid = 5, ///< two inputs spend outputs of the same transaction
    WrongOutputValue = 6,   ///< an output is not worth exactly the denomination
    DuplicateOutput = 7,    ///< two outputs pay the same script
    FeeTooHigh = 8,         ///< own fee > kMaxAcceptableMixFee, or a liquidity input that pays a fee
};

/// The client-side checks of a mix transaction before signing (protocol
/// reference §8.3, and trap §13.17: own input AND own output are both checked).
/// Returns: the index of the own input, or an Error whose code is a MixTxError
/// naming the first failed check. Safe on any transaction.
Result<qsizetype> verifyMixTransaction(const btc::Transaction &tx, const MixTxExpectation &expected);

} // namespace wp::client
