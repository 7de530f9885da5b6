#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace wp::proto {

/// One mix input as the inputs hash sees it: (txid in display hex, output index).
using InputsHashEntry = std::pair<QString, quint32>;

/// The Whirlpool `inputsHash` of a mix (whirlpool-protocol
/// WhirlpoolProtocolV0#computeInputsHash): lowercase hex SHA-512 of the UTF-8
/// string made of `txid + decimal(index)` for every input (no separator),
/// sorted as Java sorts Strings (UTF-16 code unit order, so "<txid>10" comes
/// before "<txid>2"), joined with ';'.
/// The txid strings are used exactly as given: pass the canonical lowercase
/// display hex (as bitcoinj prints it) or the hash will not match a Java peer's.
/// Order of @p inputs does not matter; an empty list hashes the empty string.
/// Never fails.
QString computeInputsHash(const QList<InputsHashEntry> &inputs);

} // namespace wp::proto
