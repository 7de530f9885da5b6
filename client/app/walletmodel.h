#pragma once

#include <mixer/coordinatordirectory.h>
#include <mixer/mixorchestrator.h>
#include <wallet/feeestimator.h>
#include <wallet/spendbuilder.h>
#include <wallet/tx0builder.h>
#include <wallet/utxo.h>
#include <wallet/walletkeys.h>

#include <bitcoin/amount.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <array>
#include <optional>

// Value types the desktop client shows, and the pure rules behind them
// (balances, which pool a coin belongs to, which coins may mix, Tx0 coin
// choice). No I/O: unit-tested without a node or a coordinator.
namespace wp::client {

/// The minimum confirmations a coin needs before it is offered for mixing. The
/// coordinator accepts unconfirmed inputs, but a mix built on an unconfirmed
/// parent fails for everyone if the parent is replaced, so this client (like
/// the classic one) mixes confirmed coins only.
inline constexpr int kMinMixConfirmations = 1;

/// One account's money. Plain value type.
struct AccountBalance {
    btc::Amount confirmed = 0;   ///< in blocks and spendable (mature)
    btc::Amount unconfirmed = 0; ///< in the mempool
    btc::Amount immature = 0;    ///< mined coins with fewer than 100 confirmations
    int confirmedCoins = 0;
    int unconfirmedCoins = 0;
    int immatureCoins = 0;

    btc::Amount total() const { return confirmed + unconfirmed + immature; }
    int coins() const { return confirmedCoins + unconfirmedCoins + immatureCoins; }

    friend bool operator==(const AccountBalance &, const AccountBalance &) = default;
};

/// The four accounts' balances. Plain value type.
struct WalletBalances {
    std::array<AccountBalance, 4> accounts; ///< indexed by WalletAccount

    const AccountBalance &account(WalletAccount a) const { return accounts[std::size_t(a)]; }
    /// Everything the wallet holds.
    btc::Amount total() const;

    /// Sums @p utxos per account. Pure; never fails.
    static WalletBalances fromUtxos(const QList<Utxo> &utxos);

    friend bool operator==(const WalletBalances &, const WalletBalances &) = default;
};

/// A pool as the client shows it: the coordinator's data and the instance
/// that runs it (the owner named by the cluster). Plain value type.
struct PoolView {
    proto::PoolInfo info;
    QString ownerName; ///< the owner instance's name (its host when not a known instance); empty: no owner now
    QUrl ownerUrl;     ///< the owner's URL of the kind in use (onion or clearnet); empty: no owner now

    bool hasOwner() const { return !ownerUrl.isEmpty(); }

    /// The views of @p pools, each owner mapped to a name through @p directory
    /// (nullptr: hosts only), using onion URLs when @p useOnion. Never fails.
    static QList<PoolView> fromPools(const QList<proto::PoolInfo> &pools, const CoordinatorDirectory *directory,
                                     bool useOnion);
};

/// One coin of the wallet as the coin list shows it. Plain value type.
struct WalletCoin {
    Utxo utxo;
    QString address;   ///< the address it was paid to
    QString poolId;    ///< the pool it belongs to by value (premix/postmix), empty otherwise
    bool mixable = false;            ///< offered to the mixing engine (see mixableCoins())
    std::optional<CoinStatus> mix;   ///< its mixing status, when mixable
    QString whyNotMixing;            ///< when not mixable: why, in plain words (AppText::whyNotMixing())
};

/// The pool @p utxo belongs to: a premix coin whose value is in
/// [denomination, mustMixBalanceMax] of a pool, or a postmix coin on the receive
/// chain worth exactly a pool's denomination (a mix output). Empty for every
/// other coin (deposit, badbank, postmix change). Pools do not overlap. Pure.
QString poolForCoin(const Utxo &utxo, const QList<proto::PoolInfo> &pools);

/// The coins the mixing engine may use: premix and postmix coins of a pool
/// (poolForCoin()) with at least @p minConfirmations confirmations. Pure.
QList<MixableCoin> mixableCoins(const QList<Utxo> &utxos, const QList<proto::PoolInfo> &pools,
                                int minConfirmations = kMinMixConfirmations);

/// How fast a transaction should confirm.
enum class FeeLevel { Fast, Normal, Slow };

/// The rate (sat/vB) of @p level in @p presets, or @p custom when > 0. Pure.
btc::Amount feeRateFor(const FeePresets &presets, FeeLevel level, btc::Amount custom = 0);

/// Chooses the deposit coins of a Tx0 when the user did not: the largest
/// confirmed, mature deposit coins first, only as many as needed to reach the
/// most premix outputs allowed (@p params.maxOutputs, else the pool's
/// tx0MaxOutputs): fewer inputs link fewer coins and cost less.
/// Returns: the coins, or the Tx0Builder::preview() error of all candidates
/// (Tx0Error::NoInputs when there is none). Pure.
Result<QList<Utxo>> selectTx0Inputs(const QList<Utxo> &candidates, const proto::PoolInfo &pool,
                                    const proto::Tx0Data &data, const Tx0Params &params, btc::Network network);

} // namespace wp::client

Q_DECLARE_METATYPE(wp::client::WalletBalances)
Q_DECLARE_METATYPE(wp::client::PoolView)
Q_DECLARE_METATYPE(wp::client::WalletCoin)
