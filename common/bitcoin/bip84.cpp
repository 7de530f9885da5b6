#include <bitcoin/bip84.h>

#include <bitcoin/bech32.h>
#include <crypto/hash.h>

#include <array>

namespace wp::btc {

QString p2wpkhAddress(const crypto::PubKey &key, Network network)
{
    return encodeSegwitAddress(networkParams(network).bech32Hrp,
                               WitnessProgram{0, crypto::hash160(key.serialize(true))});
}

Result<Bip84Account> Bip84Account::fromMaster(const ExtendedPrivKey &master, Network network, std::uint32_t account)
{
    if (master.depth() != 0)
        return hdFail(HdError::BadPath, QStringLiteral("BIP84 accounts derive from the master key (depth 0), not depth %1")
                                            .arg(master.depth()));
    if (account >= kHardened)
        return hdFail(HdError::BadPath, QStringLiteral("account number %1 must be below 2^31").arg(account));
    const std::array<std::uint32_t, 3> path{kBip84Purpose | kHardened,
                                            networkParams(network).bip44CoinType | kHardened, account | kHardened};
    Result<ExtendedPrivKey> accountPriv = master.derivePath(std::span<const std::uint32_t>(path));
    if (!accountPriv)
        return accountPriv.error();
    Result<ExtendedPrivKey> receivePriv = accountPriv->derive(std::uint32_t(AddressChain::Receive));
    if (!receivePriv)
        return receivePriv.error();
    Result<ExtendedPrivKey> changePriv = accountPriv->derive(std::uint32_t(AddressChain::Change));
    if (!changePriv)
        return changePriv.error();
    Bip84Account out(network, accountPriv->neuter(), receivePriv->neuter(), changePriv->neuter());
    out.m_accountPriv = std::move(*accountPriv);
    out.m_receivePriv = std::move(*receivePriv);
    out.m_changePriv = std::move(*changePriv);
    return out;
}

Result<Bip84Account> Bip84Account::fromAccountPubKey(QStringView text, Network network)
{
    Result<ExtendedPubKey> accountPub = ExtendedPubKey::parse(text, networkParams(network));
    if (!accountPub)
        return accountPub.error();
    if (accountPub->depth() != 3)
        return hdFail(HdError::BadStructure,
                      QStringLiteral("a BIP84 account key has depth 3, this one has depth %1").arg(accountPub->depth()));
    Result<ExtendedPubKey> receive = accountPub->derive(std::uint32_t(AddressChain::Receive));
    if (!receive)
        return receive.error();
    Result<ExtendedPubKey> change = accountPub->derive(std::uint32_t(AddressChain::Change));
    if (!change)
        return change.error();
    return Bip84Account(network, std::move(*accountPub), std::move(*receive), std::move(*change));
}

QString Bip84Account::zpub() const { return m_accountPub.serialize(networkParams(m_network).zpubVersion); }

std::optional<QString> Bip84Account::zprv() const
{
    if (!m_accountPriv)
        return std::nullopt;
    return m_accountPriv->serialize(networkParams(m_network).zprvVersion);
}

Result<crypto::PubKey> Bip84Account::pubKey(AddressChain chain, std::uint32_t index) const
{
    Result<ExtendedPubKey> key = chainKey(chain).derive(index);
    if (!key)
        return key.error();
    return key->pubKey();
}

Result<crypto::PrivKey> Bip84Account::privKey(AddressChain chain, std::uint32_t index) const
{
    const std::optional<ExtendedPrivKey> &chainPriv = chain == AddressChain::Receive ? m_receivePriv : m_changePriv;
    if (!chainPriv)
        return hdFail(HdError::BadKey, QStringLiteral("watch-only account has no private keys"));
    if (index >= kHardened)
        return hdFail(HdError::HardenedFromPublic, QStringLiteral("BIP84 address index %1 must be below 2^31").arg(index));
    Result<ExtendedPrivKey> key = chainPriv->derive(index);
    if (!key)
        return key.error();
    return key->privKey();
}

Result<QString> Bip84Account::address(AddressChain chain, std::uint32_t index) const
{
    Result<crypto::PubKey> key = pubKey(chain, index);
    if (!key)
        return key.error();
    return p2wpkhAddress(*key, m_network);
}

} // namespace wp::btc
