#pragma once

#include "walletkeys.h"

#include <bitcoin/amount.h>
#include <bitcoin/script.h>
#include <bitcoin/transaction.h>

#include <QList>

namespace wp::client {

/// Outputs of a coinbase transaction can be spent once they have this many confirmations.
inline constexpr int kCoinbaseMaturity = 100;

/// An unspent output of the wallet, as the chain scanner sees it. Plain value type.
struct Utxo {
    btc::OutPoint outpoint;
    btc::Amount value = 0;
    btc::Script script;
    KeyPath path;          ///< account, chain and index of the key that owns it
    int confirmations = 0; ///< 0 = in the mempool
    int blockHeight = 0;   ///< height of the block holding it, 0 = in the mempool
    bool coinbase = false; ///< created by a coinbase transaction (spendable after kCoinbaseMaturity)

    WalletAccount account() const { return path.account; }
    btc::AddressChain chain() const { return path.chain; }
    std::uint32_t index() const { return path.index; }
    /// True unless it is an immature coinbase output.
    bool isMature() const { return !coinbase || confirmations >= kCoinbaseMaturity; }

    friend bool operator==(const Utxo &, const Utxo &) = default;
};

/// Sum of the values of @p utxos.
inline btc::Amount totalValue(const QList<Utxo> &utxos)
{
    btc::Amount sum = 0;
    for (const Utxo &u : utxos)
        sum += u.value;
    return sum;
}

} // namespace wp::client
