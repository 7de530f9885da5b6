#include "pluginmixer.h"

#include <bitcoin/network.h>
#include <protocol/clustermanifest.h>
#include <util/assert.h>

#include <exception>

namespace wp::plugin {

namespace {

/// Runs @p fn, swallowing anything it throws (a listener is host code).
template <typename Fn>
void guarded(Fn &&fn)
{
    try {
        fn();
    } catch (...) {
    }
}

client::NetworkIdentity identityFor(const QString &proxy)
{
    client::NetworkIdentity id;
    if (proxy.isEmpty())
        return id;
    const qsizetype colon = proxy.lastIndexOf(QLatin1Char(':'));
    id.proxyHost = proxy.left(colon);
    id.proxyPort = quint16(proxy.mid(colon + 1).toUInt());
    return id;
}

btc::Network networkOf(const QString &name)
{
    if (name == QLatin1String("mainnet"))
        return btc::Network::Main;
    return btc::networkFromName(name).value_or(btc::Network::Main);
}

client::DirectoryConfig directoryConfig(const whirlpool::MixerConfig &config)
{
    client::DirectoryConfig d;
    d.operatorAddress = config.operatorAddress;
    d.network = networkOf(config.network);
    d.identity = identityFor(config.proxy);
    bool onion = false;
    for (const QString &url : config.bootstrapUrls) {
        proto::ClusterInstance instance;
        const bool isOnion = QUrl(url).host().endsWith(QLatin1String(".onion"));
        onion = onion || isOnion;
        (isOnion ? instance.urlOnion : instance.urlClear) = url;
        d.bootstrap.append(instance);
    }
    d.useOnion = onion && d.identity.usesProxy();
    return d;
}

} // namespace

Result<void> PluginMixer::validate(const whirlpool::MixerConfig &config)
{
    if (config.network != QLatin1String("mainnet") && !btc::networkFromName(config.network))
        return fail(QStringLiteral("unknown network \"%1\" (mainnet, testnet or regtest)").arg(config.network));
    if (config.bootstrapUrls.isEmpty())
        return fail(QStringLiteral("no coordinator instance configured (bootstrapUrls is empty)"));
    if (!config.proxy.isEmpty()) {
        const qsizetype colon = config.proxy.lastIndexOf(QLatin1Char(':'));
        bool ok = false;
        const uint port = config.proxy.mid(colon + 1).toUInt(&ok);
        if (colon <= 0 || !ok || port == 0 || port > 65535)
            return fail(QStringLiteral("the proxy must be host:port, not \"%1\"").arg(config.proxy));
    }
    if (config.pools.isEmpty())
        return fail(QStringLiteral("no pool configured (pools is empty)"));
    for (auto it = config.pools.cbegin(); it != config.pools.cend(); ++it)
        if (it.value() <= 0)
            return fail(QStringLiteral("pool %1 has no denomination").arg(it.key()));
    if (config.maxConcurrent < 1 || config.bridgeTimeoutMs < 100 || config.retryMinMs < 0)
        return fail(QStringLiteral("maxConcurrent must be >= 1, bridgeTimeoutMs >= 100 and retryMinMs >= 0"));
    const client::DirectoryConfig d = directoryConfig(config);
    if (auto r = config.operatorAddress.isEmpty() ? client::CoordinatorDirectory::validateBootstrap(d)
                                                  : client::CoordinatorDirectory::validateConfig(d);
        !r)
        return r;
    return {};
}

PluginMixer::PluginMixer(whirlpool::WalletBridge *bridge, const whirlpool::MixerConfig &config, QObject *parent)
    : QObject(parent), m_bridge(bridge), m_config(config)
{
    WP_ASSERT(bridge && validate(config));
    m_wallet = std::make_shared<BridgeMixWallet>(bridge, this, config.bridgeTimeoutMs,
                                                 [this](const btc::OutPoint &o) -> std::optional<whirlpool::Coin> {
                                                     const auto it = m_coins.constFind(o);
                                                     if (it == m_coins.cend())
                                                         return std::nullopt;
                                                     return *it;
                                                 });
    m_directory = new client::CoordinatorDirectory(directoryConfig(config), this);
    client::MixConfig base;
    base.network = networkOf(config.network);
    base.identity = identityFor(config.proxy);
    QHash<QString, btc::Amount> denominations;
    for (auto it = config.pools.cbegin(); it != config.pools.cend(); ++it)
        denominations.insert(it.key(), it.value());
    client::OrchestratorConfig oc;
    oc.maxConcurrent = config.maxConcurrent;
    oc.autoMix = config.autoMix;
    oc.autoRemix = config.autoRemix;
    oc.remixTarget = config.remixTarget;
    oc.retryMinMs = config.retryMinMs;
    oc.retryMaxMs = qMax(oc.retryMaxMs, config.retryMinMs);
    m_orchestrator = new client::MixOrchestrator(
        client::resilientAttemptFactory(base, denominations, m_wallet, m_directory, [this] { return m_blockHeight; }),
        oc, this);

    connect(m_orchestrator, &client::MixOrchestrator::coinChanged, this, &PluginMixer::onCoinChanged);
    connect(m_orchestrator, &client::MixOrchestrator::mixSucceeded, this,
            [this](const btc::OutPoint &outpoint, const QString &txid) {
                if (m_bridge)
                    guarded([&] {
                        m_bridge->mixBroadcast(outpoint.txid.toHex() + QLatin1Char(':') +
                                                   QString::number(outpoint.index),
                                               txid);
                    });
            });
    connect(m_directory, &client::CoordinatorDirectory::event, this, [this](const client::DirectoryEvent &e) {
        const whirlpool::CoordinatorEvent event = toApi(e);
        Q_EMIT coordinatorEvent(event);
        if (m_listener)
            guarded([&] { m_listener->coordinatorEvent(event); });
    });
}

PluginMixer::~PluginMixer()
{
    m_bridge = nullptr;
    m_wallet->detach();
    m_listener = nullptr;
    delete m_orchestrator; // its sessions may still call the wallet while stopping
    m_orchestrator = nullptr;
}

QString PluginMixer::poolFor(const whirlpool::Coin &coin, const QHash<QString, qint64> &pools)
{
    if (!coin.poolId.isEmpty())
        return pools.contains(coin.poolId) ? coin.poolId : QString();
    QString best;
    qint64 bestDenomination = 0;
    for (auto it = pools.cbegin(); it != pools.cend(); ++it) {
        if (coin.account == whirlpool::Account::Postmix) {
            if (coin.value == it.value())
                return it.key();
        } else if (coin.value > it.value() && it.value() > bestDenomination) {
            best = it.key();
            bestDenomination = it.value();
        }
    }
    return best;
}

void PluginMixer::refreshCoins()
{
    guarded([&] {
        if (m_listing)
            return;
        m_listing = true;
        m_wallet->listCoins([this](Result<QList<whirlpool::Coin>> coins) { onCoinsListed(std::move(coins)); });
    });
}

void PluginMixer::onCoinsListed(Result<QList<whirlpool::Coin>> coins)
{
    m_listing = false;
    if (!coins) {
        reportError({}, QStringLiteral("Could not list the wallet's coins: %1").arg(coins.error().message));
        return;
    }
    QHash<btc::OutPoint, whirlpool::Coin> known;
    QList<client::MixableCoin> mixable;
    for (const whirlpool::Coin &coin : *coins) {
        if (coin.account != whirlpool::Account::Premix && coin.account != whirlpool::Account::Postmix)
            continue;
        const auto txid = btc::Txid::fromHex(coin.txid);
        if (!txid) {
            reportError(coin.outpoint(), QStringLiteral("The wallet listed a coin with an invalid txid."));
            continue;
        }
        const btc::Script script(coin.scriptPubKey);
        if (!script.isP2wpkh()) {
            reportError(coin.outpoint(), QStringLiteral("Only P2WPKH coins can be mixed."));
            continue;
        }
        if (coin.confirmations < 1)
            continue; // the coordinator refuses unconfirmed inputs; it comes back after the next sync
        const QString pool = poolFor(coin, m_config.pools);
        if (pool.isEmpty()) {
            reportError(coin.outpoint(), QStringLiteral("No configured pool fits this coin's value."));
            continue;
        }
        client::MixableCoin m;
        m.outpoint = btc::OutPoint{*txid, coin.index};
        m.value = coin.value;
        m.scriptPubKey = script;
        m.poolId = pool;
        m.postmix = coin.account == whirlpool::Account::Postmix;
        known.insert(m.outpoint, coin);
        mixable.append(m);
    }
    m_coins = known;
    m_orchestrator->setCoins(mixable);
    Q_EMIT coinsReset();
}

void PluginMixer::onCoinChanged(const client::CoinStatus &status)
{
    const whirlpool::CoinStatus api = toApi(status);
    Q_EMIT coinStatusChanged(api);
    if (m_listener)
        guarded([&] { m_listener->coinStatusChanged(api); });
    QString &last = m_lastErrors[status.coin.outpoint];
    if (!status.lastError.isEmpty() && status.lastError != last)
        reportError(api.outpoint, status.lastError);
    last = status.lastError;
}

void PluginMixer::reportError(const QString &outpoint, const QString &message)
{
    Q_EMIT errorOccurred(outpoint, message);
    if (m_listener)
        guarded([&] { m_listener->errorOccurred(outpoint, message); });
}

std::optional<btc::OutPoint> PluginMixer::parseOutpoint(const QString &outpoint, QString *errorString) const
{
    const qsizetype colon = outpoint.indexOf(QLatin1Char(':'));
    bool ok = false;
    const uint index = outpoint.mid(colon + 1).toUInt(&ok);
    const auto txid = btc::Txid::fromHex(QStringView(outpoint).left(qMax<qsizetype>(colon, 0)));
    if (colon < 0 || !ok || !txid) {
        if (errorString)
            *errorString = QStringLiteral("\"%1\" is not txid:index").arg(outpoint);
        return std::nullopt;
    }
    const btc::OutPoint o{*txid, index};
    if (!m_coins.contains(o)) {
        if (errorString)
            *errorString = QStringLiteral("%1 is not a mixable coin of this wallet").arg(outpoint);
        return std::nullopt;
    }
    return o;
}

bool PluginMixer::startCoin(const QString &outpoint, QString *errorString)
{
    try {
        const auto o = parseOutpoint(outpoint, errorString);
        return o && m_orchestrator->start(*o);
    } catch (...) {
        if (errorString)
            *errorString = QStringLiteral("internal error");
        return false;
    }
}

bool PluginMixer::stopCoin(const QString &outpoint, QString *errorString)
{
    try {
        const auto o = parseOutpoint(outpoint, errorString);
        return o && m_orchestrator->stop(*o);
    } catch (...) {
        if (errorString)
            *errorString = QStringLiteral("internal error");
        return false;
    }
}

void PluginMixer::startAll()
{
    guarded([&] { m_orchestrator->startAll(); });
}

void PluginMixer::stopAll()
{
    guarded([&] { m_orchestrator->stopAll(); });
}

QList<whirlpool::CoinStatus> PluginMixer::coins() const
{
    QList<whirlpool::CoinStatus> out;
    guarded([&] {
        for (const client::CoinStatus &s : m_orchestrator->coins())
            out.append(toApi(s));
    });
    return out;
}

QList<whirlpool::CoordinatorEvent> PluginMixer::recentEvents() const
{
    QList<whirlpool::CoordinatorEvent> out;
    guarded([&] {
        for (const client::DirectoryEvent &e : m_directory->recentEvents())
            out.append(toApi(e));
    });
    return out;
}

whirlpool::CoinStatus PluginMixer::toApi(const client::CoinStatus &s)
{
    whirlpool::CoinStatus c;
    c.outpoint = s.coin.outpoint.txid.toHex() + QLatin1Char(':') + QString::number(s.coin.outpoint.index);
    c.value = s.coin.value;
    c.poolId = s.coin.poolId;
    c.state = whirlpool::CoinState(int(s.state));
    c.stateName = client::coinMixStateName(s.state);
    c.step = s.state == client::CoinMixState::Mixing ? client::mixStepName(s.step) : QString();
    c.stepMessage = s.stepMessage;
    c.progress = s.progress;
    c.mixesDone = s.mixesDone;
    c.instance = s.instance;
    c.lastError = s.lastError;
    c.advice = s.advice;
    c.retryAtMs = s.retryAtMs;
    c.lastTxid = s.lastTxid;
    return c;
}

whirlpool::CoordinatorEvent PluginMixer::toApi(const client::DirectoryEvent &e)
{
    whirlpool::CoordinatorEvent c;
    c.timestampMs = e.timestampMs;
    c.kind = client::directoryEventKindName(e.kind);
    c.instanceName = e.instanceName;
    c.url = e.url.toString();
    c.message = e.message;
    return c;
}

} // namespace wp::plugin
