#include "addressbook.h"

#include <bitcoin/bip32.h>

#include <algorithm>

namespace wp::client {

namespace {

bool matches(std::uint32_t index, IndexParity parity)
{
    switch (parity) {
    case IndexParity::Any:
        return true;
    case IndexParity::Even:
        return index % 2 == 0;
    case IndexParity::Odd:
        return index % 2 == 1;
    }
    return true;
}

} // namespace

AddressBook::AddressBook(std::shared_ptr<const WalletKeys> keys, std::uint32_t gapLimit)
    : m_keys(std::move(keys)), m_gapLimit(gapLimit)
{
    WP_ASSERT(m_keys && m_gapLimit >= 1);
    m_chains[slot(WalletAccount::Postmix, btc::AddressChain::Receive)].parity = IndexParity::Even;
    for (WalletAccount account : kWalletAccounts)
        for (btc::AddressChain chain : kAddressChains)
            deriveUpTo(account, chain, m_gapLimit);
}

std::optional<KeyPath> AddressBook::find(const btc::Script &script) const
{
    const auto it = m_scripts.constFind(script.bytes());
    if (it == m_scripts.constEnd())
        return std::nullopt;
    return *it;
}

std::uint32_t AddressBook::watchedCount(WalletAccount account, btc::AddressChain chain) const
{
    return m_chains[slot(account, chain)].derived;
}

bool AddressBook::deriveUpTo(WalletAccount account, btc::AddressChain chain, std::uint32_t count)
{
    ChainState &state = m_chains[slot(account, chain)];
    count = std::min(count, btc::kHardened);
    const bool grows = count > state.derived;
    for (std::uint32_t i = state.derived; i < count; ++i) {
        const KeyPath path{account, chain, i};
        // BIP32: an index whose key is invalid (probability 2^-127) is skipped.
        if (auto script = m_keys->script(path))
            m_scripts.insert(script->bytes(), path);
    }
    state.derived = std::max(state.derived, count);
    return grows;
}

bool AddressBook::extendWindow(WalletAccount account, btc::AddressChain chain)
{
    const ChainState &state = m_chains[slot(account, chain)];
    std::uint32_t last = 0;
    bool any = false;
    for (const auto &idx : {state.highestUsed, state.highestReserved})
        if (idx) {
            last = any ? std::max(last, *idx) : *idx;
            any = true;
        }
    if (!any)
        return false;
    // Saturate near 2^31: indexes stop at the non-hardened range.
    const std::uint64_t target = std::uint64_t(last) + 1 + m_gapLimit;
    return deriveUpTo(account, chain, std::uint32_t(std::min<std::uint64_t>(target, btc::kHardened)));
}

bool AddressBook::markUsed(const KeyPath &path)
{
    ChainState &state = m_chains[slot(path.account, path.chain)];
    if (!state.highestUsed || *state.highestUsed < path.index)
        state.highestUsed = path.index;
    return extendWindow(path.account, path.chain);
}

std::optional<std::uint32_t> AddressBook::highestUsed(WalletAccount account, btc::AddressChain chain) const
{
    return m_chains[slot(account, chain)].highestUsed;
}

KeyPath AddressBook::peekNext(WalletAccount account, btc::AddressChain chain) const
{
    const ChainState &state = m_chains[slot(account, chain)];
    std::uint32_t next = 0;
    if (state.highestUsed)
        next = std::max(next, *state.highestUsed + 1);
    if (state.highestReserved)
        next = std::max(next, *state.highestReserved + 1);
    while (!matches(next, state.parity))
        ++next;
    return KeyPath{account, chain, next};
}

KeyPath AddressBook::reserveNext(WalletAccount account, btc::AddressChain chain)
{
    KeyPath path = peekNext(account, chain);
    ChainState &state = m_chains[slot(account, chain)];
    // An index whose key cannot be derived (2^-127) is skipped, as BIP32 says.
    while (!m_keys->script(path)) {
        WP_ASSERT(path.index < btc::kHardened - 2); // 2^31 addresses handed out: not a usable wallet
        state.highestReserved = path.index;
        path = peekNext(account, chain);
    }
    state.highestReserved = path.index;
    extendWindow(account, chain);
    return path;
}

void AddressBook::setParity(WalletAccount account, btc::AddressChain chain, IndexParity parity)
{
    m_chains[slot(account, chain)].parity = parity;
}

IndexParity AddressBook::parity(WalletAccount account, btc::AddressChain chain) const
{
    return m_chains[slot(account, chain)].parity;
}

} // namespace wp::client
