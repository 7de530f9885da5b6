#include "walletmodel.h"

#include <protocol/clustermanifest.h>

#include <algorithm>

namespace wp::client {

btc::Amount WalletBalances::total() const
{
    btc::Amount sum = 0;
    for (const AccountBalance &a : accounts)
        sum += a.total();
    return sum;
}

WalletBalances WalletBalances::fromUtxos(const QList<Utxo> &utxos)
{
    WalletBalances b;
    for (const Utxo &u : utxos) {
        AccountBalance &a = b.accounts[std::size_t(u.account())];
        if (u.confirmations <= 0) {
            a.unconfirmed += u.value;
            ++a.unconfirmedCoins;
        } else if (!u.isMature()) {
            a.immature += u.value;
            ++a.immatureCoins;
        } else {
            a.confirmed += u.value;
            ++a.confirmedCoins;
        }
    }
    return b;
}

QList<PoolView> PoolView::fromPools(const QList<proto::PoolInfo> &pools, const CoordinatorDirectory *directory,
                                    bool useOnion)
{
    QList<PoolView> out;
    for (const proto::PoolInfo &p : pools) {
        PoolView v;
        v.info = p;
        const QString &owner = useOnion ? p.ownerUrlOnion : p.ownerUrlClear;
        if (!owner.isEmpty()) {
            // A URL the coordinator sends is untrusted text: shown only in its normalized form.
            const auto url = proto::parseInstanceUrl(owner, useOnion);
            v.ownerUrl = url ? *url : QUrl(owner);
            const auto endpoint = directory ? directory->endpointFor(v.ownerUrl) : std::nullopt;
            v.ownerName = endpoint ? endpoint->name : v.ownerUrl.host();
            if (v.ownerName.isEmpty())
                v.ownerName = owner.left(100);
        }
        out.append(v);
    }
    return out;
}

QString poolForCoin(const Utxo &utxo, const QList<proto::PoolInfo> &pools)
{
    for (const proto::PoolInfo &p : pools) {
        if (p.denomination <= 0)
            continue;
        if (utxo.account() == WalletAccount::Premix && utxo.value >= p.denomination && utxo.value <= p.mustMixBalanceMax)
            return p.poolId;
        // Mix outputs go to the receive chain; change of a postmix spend (change chain) never mixes.
        if (utxo.account() == WalletAccount::Postmix && utxo.chain() == btc::AddressChain::Receive &&
            utxo.value == p.denomination)
            return p.poolId;
    }
    return {};
}

QList<MixableCoin> mixableCoins(const QList<Utxo> &utxos, const QList<proto::PoolInfo> &pools, int minConfirmations)
{
    QList<MixableCoin> out;
    for (const Utxo &u : utxos) {
        if (u.confirmations < std::max(0, minConfirmations) || !u.isMature())
            continue;
        const QString pool = poolForCoin(u, pools);
        if (pool.isEmpty())
            continue;
        out.append(MixableCoin{u.outpoint, u.value, u.script, pool, u.account() == WalletAccount::Postmix});
    }
    return out;
}

btc::Amount feeRateFor(const FeePresets &presets, FeeLevel level, btc::Amount custom)
{
    if (custom > 0)
        return custom;
    switch (level) {
    case FeeLevel::Fast: return presets.fast.satPerVb;
    case FeeLevel::Normal: return presets.normal.satPerVb;
    case FeeLevel::Slow: return presets.slow.satPerVb;
    }
    return presets.normal.satPerVb;
}

Result<QList<Utxo>> selectTx0Inputs(const QList<Utxo> &candidates, const proto::PoolInfo &pool,
                                    const proto::Tx0Data &data, const Tx0Params &params, btc::Network network)
{
    QList<Utxo> coins;
    for (const Utxo &u : candidates)
        if (u.account() == WalletAccount::Deposit && u.confirmations >= 1 && u.isMature())
            coins.append(u);
    if (coins.isEmpty())
        return Error(int(Tx0Error::NoInputs), QStringLiteral("no confirmed deposit coin"));
    std::stable_sort(coins.begin(), coins.end(), [](const Utxo &a, const Utxo &b) { return a.value > b.value; });
    int wanted = pool.tx0MaxOutputs > 0 ? pool.tx0MaxOutputs : kMaxPremixOutputs;
    if (params.maxOutputs > 0)
        wanted = std::min(wanted, params.maxOutputs);
    QList<Utxo> inputs;
    for (const Utxo &coin : coins) {
        inputs.append(coin);
        const auto preview = Tx0Builder::preview(inputs, pool, data, params, network);
        if (inputs.size() == coins.size() && !preview)
            return preview.error(); // all coins together: the reason this wallet cannot
        if (preview && preview->nbPremix >= wanted)
            return inputs;
    }
    return inputs;
}

} // namespace wp::client
