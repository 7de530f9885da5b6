#pragma once

#include <QString>

#include <cstdint>
#include <optional>

namespace wp::btc {

enum class Network { Main, Test, Regtest };

/// Address and key encodings of one bitcoin network (Bitcoin Core's chainparams).
struct NetworkParams {
    Network network;
    QString name;            ///< "main", "test", "regtest" (also Whirlpool's `networkId`)
    QString bech32Hrp;       ///< "bc", "tb", "bcrt"
    std::uint8_t p2pkhVersion;
    std::uint8_t p2shVersion;
    std::uint8_t wifVersion;
    std::uint32_t xpubVersion; ///< BIP32 serialization version bytes
    std::uint32_t xprvVersion;
    std::uint32_t zpubVersion; ///< BIP84 (SLIP-132) native segwit xpub
    std::uint32_t zprvVersion;
    std::uint32_t bip44CoinType; ///< 0 for main, 1 for test networks
};

const NetworkParams &networkParams(Network network);

/// Parses "main"/"mainnet"/"bitcoin", "test"/"testnet", "regtest".
std::optional<Network> networkFromName(QStringView name);

/// The bech32 prefix the bcoin regtest node uses for its own addresses ("rb").
/// Only mining addresses handed to bcoin use it; everything else uses `bcrt`.
inline constexpr char kBcoinRegtestHrp[] = "rb";

} // namespace wp::btc
