#pragma once

#include "addressbook.h"
#include "utxo.h"

#include <bitcoin/address.h>
#include <bitcoin/amount.h>
#include <bitcoin/transaction.h>
#include <util/result.h>

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace wp::client {

/// Error::code values of SpendBuilder.
enum class SpendError : int {
    NoCoins = 1,       ///< no coin chosen
    BadCoin,           ///< a coin given twice, with a non-positive value, not P2WPKH, of another account,
                       ///< or (build) not paid to the wallet key of its path
    ImmatureCoinbase,  ///< a coinbase output with fewer than 100 confirmations
    InvalidAddress,    ///< not an address, or a type this wallet does not send to (future segwit versions)
    WrongNetwork,      ///< an address of another network than the wallet's
    BadAmount,         ///< amount <= 0 or above 21 million BTC (amount mode)
    DustOutput,        ///< the amount is below the dust limit (546 sat)
    BadFeeRate,        ///< fee rate outside [kMinFeeRate, kMaxFeeRate] sat/vB
    BadHeight,         ///< current height outside [0, 500 000 000) (it becomes the nLockTime)
    InsufficientFunds, ///< the coins do not cover amount + fee (or, sending everything, leave dust)
    TooLarge,          ///< the transaction would exceed the standard weight (400 000 WU)
    SigningFailed,     ///< key derivation or signing failed (should never happen)
};

/// What to spend, where, and at which fee rate.
struct SpendRequest {
    /// The coins to spend, all of them, all from `account` (the GUI's coin selection).
    QList<Utxo> coins;
    /// The account the coins come from; the change goes to its change chain.
    WalletAccount account = WalletAccount::Postmix;
    /// Destination: any standard address of the wallet's network (P2WPKH, P2WSH, P2TR, P2PKH, P2SH);
    /// surrounding whitespace is ignored.
    QString address;
    /// Amount sent (sat) when `sendAll` is false.
    btc::Amount amount = 0;
    /// Send everything the coins hold minus the fee, with no change (amount is ignored).
    bool sendAll = false;
    /// Fee rate in sat/vB, in [SpendBuilder::kMinFeeRate, kMaxFeeRate].
    btc::Amount feeRate = 0;
    /// The chain tip height: the transaction's nLockTime (anti fee sniping, as Bitcoin Core).
    int currentHeight = 0;
};

/// What a spend would do, shown to the user before signing.
struct SpendPreview {
    QString address;                  ///< canonical form of the destination
    btc::AddressType addressType = btc::AddressType::P2wpkh;
    int nbInputs = 0;
    btc::Amount totalInputs = 0;
    btc::Amount amount = 0;           ///< what the destination receives
    btc::Amount fee = 0;              ///< totalInputs - amount - change (includes changeAddedToFee)
    btc::Amount change = 0;           ///< 0 = no change output
    btc::Amount changeAddedToFee = 0; ///< change below the dust limit given to the miners instead
    btc::Amount feeRate = 0;          ///< the requested rate (sat/vB); the effective rate is fee / vsize
    qint64 vsize = 0;                 ///< upper bound of the signed transaction's virtual size
    /// The change address's key (the next unused index of the account's change chain), if any.
    std::optional<KeyPath> changePath;

    friend bool operator==(const SpendPreview &, const SpendPreview &) = default;
};

/// A built and signed spend.
struct SpendTx {
    btc::Transaction tx;
    SpendPreview preview;
    int recipientOutput = -1;
    int changeOutput = -1; ///< -1 = no change
};

/// Builds and signs a transaction spending chosen coins of one account (postmix
/// by default) to one address, like a wallet's "send" (the Whirlpool postmix spend).
///
/// Layout: the chosen coins (all of them) as inputs; the payment; a change
/// output to the account's next change address unless the change would be below
/// kDustLimit, in which case it is added to the fee. Inputs and outputs in BIP69
/// order, version 2, nLockTime = current height (anti fee sniping), every input
/// with sequence 0xfffffffd (BIP125 replaceable, lock time enforced). Inputs are
/// P2WPKH wallet coins signed with BIP143 SIGHASH_ALL and checked.
///
/// Fee: feeRate x the virtual size with every signature at its largest
/// (72 bytes), so the paid rate is never below the requested one and exceeds it
/// by at most about 0.5 vB per input.
///
/// Pure functions, no I/O; build() must run on @p book's thread.
class SpendBuilder {
public:
    static constexpr btc::Amount kMinFeeRate = 1;
    static constexpr btc::Amount kMaxFeeRate = 1000;
    /// Smallest output created, payment or change: the dust limit of the most
    /// expensive standard output (P2PKH at 3 sat/vB), applied to every type.
    static constexpr btc::Amount kDustLimit = 546;
    /// BIP125 opt-in replace-by-fee; below 0xfffffffe so nLockTime applies.
    static constexpr std::uint32_t kSequenceRbf = 0xfffffffd;
    /// Bitcoin Core's MAX_STANDARD_TX_WEIGHT.
    static constexpr qint64 kMaxStandardWeight = 400'000;

    /// Computes what build() would produce, validating everything it can
    /// (except that the coins are paid to the wallet's keys). Reserves nothing.
    /// Returns: a SpendError naming the problem (see the enum).
    static Result<SpendPreview> preview(const SpendRequest &request, const AddressBook &book);

    /// Builds and signs the spend with @p book's keys; reserves the change
    /// address in @p book only once everything is valid.
    /// Returns: preview()'s errors, BadCoin for a coin not paid to the key of its
    /// path, or SigningFailed.
    static Result<SpendTx> build(const SpendRequest &request, AddressBook &book);

    /// Parses @p text as a destination on @p network.
    /// Returns: InvalidAddress (with the parser's reason, or for witness versions
    /// above 1), WrongNetwork when it is a valid address of another network.
    static Result<btc::Address> parseAddress(QStringView text, btc::Network network);
};

} // namespace wp::client
