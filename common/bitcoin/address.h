#pragma once

#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <util/result.h>

#include <QString>
#include <QStringView>

#include <optional>

namespace wp::btc {

/// The kinds of destination an address can encode.
enum class AddressType {
    P2pkh,          ///< base58check, pubkey-hash version byte
    P2sh,           ///< base58check, script-hash version byte
    P2wpkh,         ///< bech32, witness v0, 20-byte program
    P2wsh,          ///< bech32, witness v0, 32-byte program
    P2tr,           ///< bech32m, witness v1, 32-byte program
    WitnessUnknown, ///< bech32m, witness v1..v16 of another size (future versions)
};

/// A parsed bitcoin address of one network: its type and the scriptPubKey it
/// pays to. Immutable value type; construct with fromString() or fromScript().
class Address {
public:
    /// Parses @p text for @p params the way Bitcoin Core's DecodeDestination
    /// does: base58check P2PKH/P2SH with the network's version bytes, or a
    /// segwit address with the network's bech32 hrp (BIP173 for v0, BIP350
    /// bech32m for v1+; either all-lowercase or all-uppercase, at most 90
    /// characters). Safe on any input.
    /// Returns: an error saying why the text is not an address of this network.
    static Result<Address> fromString(QStringView text, const NetworkParams &params);

    /// The address paying to @p script on @p params' network.
    /// Returns: nullopt for scripts without an address form (OP_RETURN,
    /// bare multisig, P2PK, malformed witness programs, ...).
    static std::optional<Address> fromScript(const Script &script, const NetworkParams &params);

    AddressType type() const { return m_type; }
    Network network() const { return m_network; }
    const Script &scriptPubKey() const { return m_script; }
    /// Canonical encoding: base58check, or lowercase bech32/bech32m.
    QString toString() const;

    friend bool operator==(const Address &, const Address &) = default;

private:
    Address(AddressType type, Network network, Script script)
        : m_type(type), m_network(network), m_script(std::move(script)) {}

    AddressType m_type;
    Network m_network;
    Script m_script;
};

/// The scriptPubKey an address pays to (Address::fromString(...).scriptPubKey()).
/// Returns: an error for anything that is not a valid address of @p params.
Result<Script> addressToScript(QStringView address, const NetworkParams &params);

/// The canonical address of @p script on @p params' network.
/// Returns: nullopt for scripts without an address form.
std::optional<QString> scriptToAddress(const Script &script, const NetworkParams &params);

} // namespace wp::btc
