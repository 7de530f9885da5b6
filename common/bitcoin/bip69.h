#pragma once

#include <bitcoin/transaction.h>

namespace wp::btc {

/// BIP69 input order: previous txids compared as byte strings in display
/// (reversed, "as shown by explorers") order, then output indexes numerically.
/// Returns: true if @p a sorts strictly before @p b.
bool bip69InputLess(const TxIn &a, const TxIn &b);

/// BIP69 output order: amounts as unsigned 64-bit integers, then
/// scriptPubKeys compared lexicographically as bytes (a prefix sorts first).
/// Returns: true if @p a sorts strictly before @p b.
bool bip69OutputLess(const TxOut &a, const TxOut &b);

/// Sorts the inputs and outputs of @p tx into BIP69 order (stable: equal
/// elements keep their relative order). Witnesses move with their inputs;
/// signatures made before sorting are invalidated, so sort before signing.
void sortBip69(Transaction &tx);

/// Returns: true if the inputs and outputs of @p tx are already in BIP69 order.
bool isBip69Sorted(const Transaction &tx);

} // namespace wp::btc
