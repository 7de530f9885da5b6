#include "walletkeys.h"

#include <bitcoin/bip32.h>
#include <bitcoin/bip39.h>
#include <crypto/hash.h>
#include <util/hex.h>

namespace wp::client {

std::uint32_t accountNumber(WalletAccount account)
{
    switch (account) {
    case WalletAccount::Deposit:
        return btc::kWhirlpoolAccountDeposit;
    case WalletAccount::Premix:
        return btc::kWhirlpoolAccountPremix;
    case WalletAccount::Postmix:
        return btc::kWhirlpoolAccountPostmix;
    case WalletAccount::Badbank:
        return btc::kWhirlpoolAccountBadbank;
    }
    WP_ASSERT(false);
    return 0;
}

QString accountName(WalletAccount account)
{
    switch (account) {
    case WalletAccount::Deposit:
        return QStringLiteral("deposit");
    case WalletAccount::Premix:
        return QStringLiteral("premix");
    case WalletAccount::Postmix:
        return QStringLiteral("postmix");
    case WalletAccount::Badbank:
        return QStringLiteral("badbank");
    }
    WP_ASSERT(false);
    return {};
}

QString KeyPath::toString() const
{
    return QStringLiteral("%1/%2/%3").arg(accountName(account)).arg(std::uint32_t(chain)).arg(index);
}

Result<WalletKeys> WalletKeys::fromMnemonic(QStringView mnemonic, QStringView passphrase, btc::Network network)
{
    if (auto valid = btc::validateMnemonic(mnemonic); !valid)
        return valid.error();
    QString normalized = btc::normalizeMnemonic(mnemonic);
    const auto master = btc::ExtendedPrivKey::fromSeed(btc::mnemonicToSeed(normalized, passphrase).view());
    normalized.fill(QChar(0)); // the seed was wiped by SecureBytes; do not leave the words behind either
    if (!master)
        return master.error();

    std::array<std::optional<btc::Bip84Account>, 4> derived;
    for (WalletAccount a : kWalletAccounts) {
        auto account = btc::Bip84Account::fromMaster(*master, network, accountNumber(a));
        if (!account)
            return account.error();
        derived[std::size_t(a)].emplace(std::move(*account));
    }

    const auto premix0 = derived[std::size_t(WalletAccount::Premix)]->address(btc::AddressChain::Receive, 0);
    if (!premix0)
        return premix0.error();
    QString userPreHash = util::toHex(crypto::sha256(premix0->toUtf8()));

    return WalletKeys(network,
                      {std::move(*derived[0]), std::move(*derived[1]), std::move(*derived[2]), std::move(*derived[3])},
                      std::move(userPreHash));
}

Result<crypto::PubKey> WalletKeys::pubKey(const KeyPath &path) const
{
    return account(path.account).pubKey(path.chain, path.index);
}

Result<crypto::PrivKey> WalletKeys::privKey(const KeyPath &path) const
{
    return account(path.account).privKey(path.chain, path.index);
}

Result<btc::Script> WalletKeys::script(const KeyPath &path) const
{
    auto key = pubKey(path);
    if (!key)
        return key.error();
    return btc::Script::p2wpkh(*btc::Hash160::fromBytes(crypto::hash160(key->serialize(true))));
}

Result<QString> WalletKeys::address(const KeyPath &path) const
{
    return account(path.account).address(path.chain, path.index);
}

QString WalletKeys::derivationPath(const KeyPath &path) const
{
    return QStringLiteral("m/%1'/%2'/%3'/%4/%5")
        .arg(btc::kBip84Purpose)
        .arg(btc::networkParams(m_network).bip44CoinType)
        .arg(accountNumber(path.account))
        .arg(std::uint32_t(path.chain))
        .arg(path.index);
}

} // namespace wp::client
