#pragma once

#include <bitcoin/bip32.h>
#include <bitcoin/network.h>
#include <crypto/eckey.h>
#include <util/result.h>

#include <QString>

#include <cstdint>
#include <optional>

namespace wp::btc {

/// BIP84 purpose (native segwit P2WPKH accounts m/84'/coin'/account').
inline constexpr std::uint32_t kBip84Purpose = 84;

/// Whirlpool's BIP84 account indexes (Samourai SamouraiAccountIndex; protocol reference §7).
/// They are account numbers: derived hardened, e.g. premix = m/84'/coin'/2147483645'.
inline constexpr std::uint32_t kWhirlpoolAccountDeposit = 0;
inline constexpr std::uint32_t kWhirlpoolAccountBadbank = 2147483644; ///< toxic tx0 change
inline constexpr std::uint32_t kWhirlpoolAccountPremix = 2147483645;
inline constexpr std::uint32_t kWhirlpoolAccountPostmix = 2147483646;
inline constexpr std::uint32_t kWhirlpoolAccountRicochet = 2147483647;

/// The two BIP44-style chains of an account.
enum class AddressChain : std::uint32_t { Receive = 0, Change = 1 };

/// P2WPKH address of @p key on @p network: bech32 of witness v0 hash160(compressed key).
QString p2wpkhAddress(const crypto::PubKey &key, Network network);

/// One BIP84 account: m/84'/coin'/account' with its receive and change chains
/// (coin = the network's bip44CoinType). Holds the private account key when built
/// from a master key, or only the public one (watch-only) when built from a zpub.
/// Immutable value type; thread-safe for concurrent const use.
class Bip84Account {
public:
    /// Derives m/84'/coin'/@p account' from a master (depth-0) key. @p account < 2^31.
    /// Returns: HdError::BadPath for a non-master key or account >= 2^31; derivation errors.
    static Result<Bip84Account> fromMaster(const ExtendedPrivKey &master, Network network, std::uint32_t account);

    /// A watch-only account from its zpub/vpub (or xpub/tpub) of @p network, which must have depth 3.
    /// Returns: the parse error, or HdError::BadStructure when the depth is not 3.
    static Result<Bip84Account> fromAccountPubKey(QStringView text, Network network);

    Network network() const { return m_network; }
    /// Account number (child number of the account key without the hardened bit).
    std::uint32_t account() const { return m_accountPub.childNumber() & ~kHardened; }
    bool hasPrivateKey() const { return m_accountPriv.has_value(); }

    const ExtendedPubKey &accountPubKey() const { return m_accountPub; }
    /// Returns: the private account key, or nullopt for a watch-only account.
    const std::optional<ExtendedPrivKey> &accountPrivKey() const { return m_accountPriv; }

    /// SLIP-132 serialization: zpub (main) / vpub (test, regtest).
    QString zpub() const;
    /// zprv / vprv. Returns: nullopt for a watch-only account.
    std::optional<QString> zprv() const;

    /// Public key m/84'/coin'/account'/chain/index. @p index < 2^31.
    /// Returns: HdError::HardenedFromPublic for index >= 2^31; HdError::InvalidChild (2^-127).
    Result<crypto::PubKey> pubKey(AddressChain chain, std::uint32_t index) const;
    /// Private key of the same path. Returns: HdError::BadKey for a watch-only account, else as pubKey().
    Result<crypto::PrivKey> privKey(AddressChain chain, std::uint32_t index) const;
    /// P2WPKH address of pubKey(chain, index).
    Result<QString> address(AddressChain chain, std::uint32_t index) const;

private:
    Bip84Account(Network network, ExtendedPubKey accountPub, ExtendedPubKey receive, ExtendedPubKey change)
        : m_network(network), m_accountPub(std::move(accountPub)), m_receive(std::move(receive)),
          m_change(std::move(change)) {}
    const ExtendedPubKey &chainKey(AddressChain chain) const
    {
        return chain == AddressChain::Receive ? m_receive : m_change;
    }

    Network m_network;
    ExtendedPubKey m_accountPub;
    ExtendedPubKey m_receive; ///< .../0
    ExtendedPubKey m_change;  ///< .../1
    std::optional<ExtendedPrivKey> m_accountPriv;
    std::optional<ExtendedPrivKey> m_receivePriv;
    std::optional<ExtendedPrivKey> m_changePriv;
};

} // namespace wp::btc
