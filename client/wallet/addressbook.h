#pragma once

#include "walletkeys.h"

#include <bitcoin/script.h>

#include <QHash>
#include <QList>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

namespace wp::client {

/// Which indexes of a chain this client hands out. Whirlpool splits the postmix
/// receive chain between clients of one wallet: desktop/CLI use even indexes,
/// mobile odd ones (protocol reference §8.1 step 6).
enum class IndexParity { Any, Even, Odd };

/// The wallet's watched scripts and address indexes: every chain of every
/// account is derived up to a gap limit past its last used or handed-out
/// index, so the chain scanner can map any output script back to its key,
/// and fresh addresses are never handed out twice.
///
/// Defaults: gap limit 20 on all 8 chains; the postmix receive chain hands out
/// even indexes only (change with setParity()).
///
/// Not thread-safe: owned by and used on one thread (the wallet's, normally the
/// event loop). The keys it shares are immutable.
class AddressBook {
public:
    static constexpr std::uint32_t kDefaultGapLimit = 20;

    /// Derives @p gapLimit (>= 1, else WP_ASSERT) scripts on every chain of @p keys' accounts.
    explicit AddressBook(std::shared_ptr<const WalletKeys> keys, std::uint32_t gapLimit = kDefaultGapLimit);

    const WalletKeys &keys() const { return *m_keys; }
    std::shared_ptr<const WalletKeys> sharedKeys() const { return m_keys; }
    std::uint32_t gapLimit() const { return m_gapLimit; }

    /// Returns: the key path of a watched script, or nullopt if it is not (yet) ours.
    std::optional<KeyPath> find(const btc::Script &script) const;
    /// Number of watched scripts over all chains.
    qsizetype watchedCount() const { return m_scripts.size(); }
    /// Number of indexes watched on one chain (0 .. watchedCount-1).
    std::uint32_t watchedCount(WalletAccount account, btc::AddressChain chain) const;

    /// Records that @p path received an output, and extends the chain's watched
    /// window to gapLimit indexes past it.
    /// Returns: true if new scripts were derived (callers re-match what they scanned).
    bool markUsed(const KeyPath &path);
    /// Highest index seen used on the chain, nullopt if none.
    std::optional<std::uint32_t> highestUsed(WalletAccount account, btc::AddressChain chain) const;

    /// The index reserveNext() would return: the first index above every used and
    /// reserved one that matches the chain's parity. Never fails.
    KeyPath peekNext(WalletAccount account, btc::AddressChain chain) const;
    /// Hands out peekNext() and remembers it, so the next call returns a later index;
    /// the chain's watched window grows to cover it (its outputs will be found).
    KeyPath reserveNext(WalletAccount account, btc::AddressChain chain);

    /// Sets which indexes peekNext()/reserveNext() use on one chain.
    void setParity(WalletAccount account, btc::AddressChain chain, IndexParity parity);
    IndexParity parity(WalletAccount account, btc::AddressChain chain) const;

private:
    struct ChainState {
        std::uint32_t derived = 0;             ///< indexes [0, derived) are watched
        std::optional<std::uint32_t> highestUsed;
        std::optional<std::uint32_t> highestReserved;
        IndexParity parity = IndexParity::Any;
    };
    static std::size_t slot(WalletAccount account, btc::AddressChain chain)
    {
        return std::size_t(account) * 2 + std::size_t(chain);
    }
    /// Derives the chain up to @p count indexes. Returns: true if anything was added.
    bool deriveUpTo(WalletAccount account, btc::AddressChain chain, std::uint32_t count);
    bool extendWindow(WalletAccount account, btc::AddressChain chain);

    std::shared_ptr<const WalletKeys> m_keys;
    std::uint32_t m_gapLimit;
    std::array<ChainState, 8> m_chains;
    QHash<QByteArray, KeyPath> m_scripts; ///< scriptPubKey bytes -> path
};

} // namespace wp::client
