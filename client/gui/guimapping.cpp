#include "guimapping.h"

#include <QLocale>

namespace wp::gui {

namespace {

QString accountId(client::WalletAccount account)
{
    switch (account) {
    case client::WalletAccount::Deposit: return QStringLiteral("deposit");
    case client::WalletAccount::Premix: return QStringLiteral("premix");
    case client::WalletAccount::Postmix: return QStringLiteral("postmix");
    case client::WalletAccount::Badbank: return QStringLiteral("badbank");
    }
    return {};
}

} // namespace

QList<AccountBalance> accountBalances(const client::WalletBalances &balances)
{
    QList<AccountBalance> out;
    for (client::WalletAccount account : {client::WalletAccount::Deposit, client::WalletAccount::Premix,
                                          client::WalletAccount::Postmix, client::WalletAccount::Badbank}) {
        const client::AccountBalance &b = balances.account(account);
        AccountBalance row;
        row.account = accountId(account);
        row.confirmed = b.confirmed;
        row.unconfirmed = b.unconfirmed + b.immature;
        row.coins = b.coins();
        out.append(row);
    }
    return out;
}

QList<PoolEntry> poolEntries(const QList<client::PoolView> &pools)
{
    QList<PoolEntry> out;
    out.reserve(pools.size());
    for (const client::PoolView &p : pools)
        out.append(PoolEntry{p.info, p.ownerName});
    return out;
}

MixHistoryEntry historyEntry(const client::MixRecord &record)
{
    MixHistoryEntry entry;
    entry.txid = record.txid;
    entry.poolId = record.poolId;
    entry.timeMs = record.timeMs;
    entry.instance = record.instance;
    entry.mixNumber = record.mixNumber;
    return entry;
}

QList<MixHistoryEntry> historyEntries(const QList<client::MixRecord> &records)
{
    QList<MixHistoryEntry> out;
    out.reserve(records.size());
    for (const client::MixRecord &r : records)
        out.append(historyEntry(r));
    return out;
}

GuiSettings toGuiSettings(const client::AppSettings &settings, const QString &language)
{
    GuiSettings g;
    g.bootstrap = settings.bootstrap;
    g.operatorAddress = settings.operatorAddress;
    g.useOnion = settings.useOnion;
    g.proxyHost = settings.proxyHost;
    g.proxyPort = settings.proxyPort;
    g.nodeUrl = settings.nodeUrl;
    g.nodeUser = settings.nodeUser;
    g.nodePassword = settings.nodePassword;
    g.feeDefaults = settings.feeDefaults;
    g.language = language;
    g.maxConcurrent = settings.maxConcurrent;
    g.autoMix = settings.autoMix;
    g.autoRemix = settings.autoRemix;
    g.remixTarget = settings.remixTarget;
    return g;
}

client::AppSettings applyGuiSettings(client::AppSettings base, const GuiSettings &edited)
{
    base.bootstrap = edited.bootstrap;
    base.operatorAddress = edited.operatorAddress;
    base.useOnion = edited.useOnion;
    base.proxyHost = edited.proxyHost;
    base.proxyPort = edited.proxyPort;
    base.nodeUrl = edited.nodeUrl;
    base.nodeUser = edited.nodeUser;
    base.nodePassword = edited.nodePassword;
    base.feeDefaults = edited.feeDefaults;
    base.maxConcurrent = edited.maxConcurrent;
    base.autoMix = edited.autoMix;
    base.autoRemix = edited.autoRemix;
    base.remixTarget = edited.remixTarget;
    return base;
}

client::FeeLevel feeLevelOf(FeeChoice choice)
{
    switch (choice) {
    case FeeChoice::Fast: return client::FeeLevel::Fast;
    case FeeChoice::Slow: return client::FeeLevel::Slow;
    case FeeChoice::Normal:
    case FeeChoice::Custom: return client::FeeLevel::Normal;
    }
    return client::FeeLevel::Normal;
}

client::SpendOrder spendOrder(const SendDraft &draft)
{
    client::SpendOrder order;
    order.address = draft.address;
    order.amount = draft.sendAll ? 0 : draft.amount;
    order.sendAll = draft.sendAll;
    order.feeLevel = feeLevelOf(draft.feeChoice);
    order.customFeeRate = draft.feeChoice == FeeChoice::Custom ? draft.feeRate : 0;
    return order;
}

std::optional<client::DirectoryEvent> directoryEvent(const client::AppEvent &event)
{
    if (event.source != client::AppEvent::Source::Cluster || !event.clusterKind)
        return std::nullopt;
    client::DirectoryEvent e;
    e.timestampMs = event.timeMs;
    e.kind = *event.clusterKind;
    e.instanceName = event.instance;
    e.message = event.message;
    return e;
}

QString connectedInstance(const QList<client::CoinStatus> &coins, const client::ClusterStatus &cluster)
{
    const client::CoinStatus *best = nullptr;
    for (const client::CoinStatus &s : coins)
        if (s.state == client::CoinMixState::Mixing && !s.instance.isEmpty() && (!best || s.step > best->step))
            best = &s;
    return best ? best->instance : cluster.answeredBy;
}

QString GuiText::nodeStatus(const client::NodeStatus &status, bool *ok)
{
    if (ok)
        *ok = status.reachable || status.lastError.isEmpty();
    if (!status.lastError.isEmpty())
        return tr("Node unreachable: %1").arg(status.lastError);
    if (status.nodeHeight < 0)
        return status.syncing ? tr("Node: connecting…") : tr("Node: not checked yet");
    const QLocale locale;
    if (status.syncing && status.scannedHeight >= 0 && status.scannedHeight < status.nodeHeight)
        return tr("Node: block %1, wallet scanned to %2").arg(locale.toString(status.nodeHeight),
                                                            locale.toString(status.scannedHeight));
    return tr("Node: block %1").arg(locale.toString(status.nodeHeight));
}

} // namespace wp::gui
