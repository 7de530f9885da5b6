#pragma once

#include <bitcoin/bip84.h>
#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <crypto/eckey.h>
#include <util/result.h>

#include <QHashFunctions>
#include <QString>

#include <array>
#include <cstdint>

namespace wp::client {

/// The four BIP84 accounts of a Whirlpool wallet (protocol reference §7).
enum class WalletAccount {
    Deposit, ///< m/84'/c'/0': the user's funds before a Tx0
    Premix,  ///< m/84'/c'/2147483645': Tx0 outputs waiting for their first mix
    Postmix, ///< m/84'/c'/2147483646': mix outputs (remixed until spent)
    Badbank, ///< m/84'/c'/2147483644': toxic Tx0 change
};

/// Every account, in a fixed order.
inline constexpr std::array<WalletAccount, 4> kWalletAccounts{WalletAccount::Deposit, WalletAccount::Premix,
                                                                WalletAccount::Postmix, WalletAccount::Badbank};
/// Both chains of an account, in a fixed order.
inline constexpr std::array<btc::AddressChain, 2> kAddressChains{btc::AddressChain::Receive, btc::AddressChain::Change};

/// The BIP84 account number (unhardened) of @p account, e.g. 2147483645 for Premix.
std::uint32_t accountNumber(WalletAccount account);
/// "deposit", "premix", "postmix" or "badbank".
QString accountName(WalletAccount account);

/// Where a key lives in the wallet: account, chain and index below m/84'/coin'/account'.
struct KeyPath {
    WalletAccount account = WalletAccount::Deposit;
    btc::AddressChain chain = btc::AddressChain::Receive;
    std::uint32_t index = 0;

    /// "premix/0/12": account name, chain and index (no key material).
    QString toString() const;

    friend bool operator==(const KeyPath &, const KeyPath &) = default;
    friend std::size_t qHash(const KeyPath &p, std::size_t seed = 0) noexcept
    {
        return qHashMulti(seed, int(p.account), std::uint32_t(p.chain), p.index);
    }
};

/// The keys of one Whirlpool wallet: the four BIP84 accounts derived from a
/// BIP39 mnemonic and passphrase. Only the account private keys are kept (in
/// wiped memory, inside Bip84Account); the mnemonic and seed are wiped once
/// derived. Nothing here is ever logged.
///
/// Immutable after construction, so any thread may use a const instance;
/// move-only, so the secrets have one owner (share it as shared_ptr<const WalletKeys>).
class WalletKeys {
public:
    /// Validates the English mnemonic (word count, words, checksum), derives the
    /// BIP39 seed with @p passphrase and the four accounts for @p network.
    /// Returns: the BIP39 error (HdError::BadWordCount / UnknownWord / BadChecksum)
    /// or a derivation error (probability 2^-127).
    static Result<WalletKeys> fromMnemonic(QStringView mnemonic, QStringView passphrase, btc::Network network);

    WalletKeys(WalletKeys &&) = default;
    WalletKeys &operator=(WalletKeys &&) = default;
    WalletKeys(const WalletKeys &) = delete;
    WalletKeys &operator=(const WalletKeys &) = delete;

    btc::Network network() const { return m_network; }
    /// The BIP84 account behind @p account (holds its private key).
    const btc::Bip84Account &account(WalletAccount account) const { return m_accounts[std::size_t(account)]; }

    /// Public key at @p path. Returns: HdError::HardenedFromPublic for index >= 2^31,
    /// HdError::InvalidChild when BIP32 says to skip the index (2^-127).
    Result<crypto::PubKey> pubKey(const KeyPath &path) const;
    /// Private key at @p path (a secret: keep it short-lived). Errors as pubKey().
    Result<crypto::PrivKey> privKey(const KeyPath &path) const;
    /// P2WPKH scriptPubKey at @p path. Errors as pubKey().
    Result<btc::Script> script(const KeyPath &path) const;
    /// Bech32 P2WPKH address at @p path on the wallet's network (bcrt1... on regtest). Errors as pubKey().
    Result<QString> address(const KeyPath &path) const;
    /// "m/84'/1'/2147483645'/0/12" for @p path on the wallet's network.
    QString derivationPath(const KeyPath &path) const;

    /// Whirlpool's userPreHash (protocol reference §8.4): lowercase hex SHA-256 of
    /// the bech32 address of the premix account's m/.../0/0, computed once.
    const QString &userPreHash() const { return m_userPreHash; }

private:
    WalletKeys(btc::Network network, std::array<btc::Bip84Account, 4> accounts, QString userPreHash)
        : m_network(network), m_accounts(std::move(accounts)), m_userPreHash(std::move(userPreHash)) {}

    btc::Network m_network;
    std::array<btc::Bip84Account, 4> m_accounts; ///< indexed by WalletAccount
    QString m_userPreHash;
};

} // namespace wp::client
