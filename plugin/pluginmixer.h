#pragma once

#include "bridgemixwallet.h"

#include <whirlpool/mixer.h>

#include <mixer/coordinatordirectory.h>
#include <mixer/mixorchestrator.h>
#include <util/result.h>

#include <QHash>
#include <QObject>

#include <memory>

namespace wp::plugin {

/// The plugin's whirlpool::Mixer: the client library's MixOrchestrator (one
/// ResilientMixSession per coin via resilientAttemptFactory) and
/// CoordinatorDirectory over a BridgeMixWallet. No protocol code of its own.
///
/// Every host-facing entry point catches everything (nothing crosses the
/// plugin boundary); listener calls are guarded the same way.
///
/// Thread affinity: the thread that creates it (the host's GUI thread); never
/// blocks; not thread-safe.
class PluginMixer : public QObject, public whirlpool::Mixer {
    Q_OBJECT
public:
    /// Checks @p config (URLs, network, proxy, pools). Returns: the first problem, for the user.
    static Result<void> validate(const whirlpool::MixerConfig &config);

    /// @p config must pass validate() (WP_ASSERT); @p bridge must outlive this object.
    PluginMixer(whirlpool::WalletBridge *bridge, const whirlpool::MixerConfig &config, QObject *parent = nullptr);
    ~PluginMixer() override;

    void setListener(whirlpool::MixerListener *listener) override { m_listener = listener; }
    void refreshCoins() override;
    void setBlockHeight(int height) override { m_blockHeight = height; }
    bool startCoin(const QString &outpoint, QString *errorString) override;
    bool stopCoin(const QString &outpoint, QString *errorString) override;
    void startAll() override;
    void stopAll() override;
    QList<whirlpool::CoinStatus> coins() const override;
    QList<whirlpool::CoordinatorEvent> recentEvents() const override;

    /// The pool of @p coin: its poolId if set, else the pool whose denomination
    /// it equals (postmix) or the largest one below its value (premix). Empty if none.
    static QString poolFor(const whirlpool::Coin &coin, const QHash<QString, qint64> &pools);
    static whirlpool::CoinStatus toApi(const client::CoinStatus &status);
    static whirlpool::CoordinatorEvent toApi(const client::DirectoryEvent &event);

Q_SIGNALS:
    /// Inside the plugin only (the status widget): same as the listener calls.
    void coinStatusChanged(const whirlpool::CoinStatus &status);
    void coinsReset();
    void errorOccurred(const QString &outpoint, const QString &message);
    void coordinatorEvent(const whirlpool::CoordinatorEvent &event);

private:
    void onCoinsListed(Result<QList<whirlpool::Coin>> coins);
    void onCoinChanged(const client::CoinStatus &status);
    void reportError(const QString &outpoint, const QString &message);
    std::optional<btc::OutPoint> parseOutpoint(const QString &outpoint, QString *errorString) const;

    whirlpool::WalletBridge *m_bridge;
    whirlpool::MixerConfig m_config;
    whirlpool::MixerListener *m_listener = nullptr;
    std::shared_ptr<BridgeMixWallet> m_wallet;
    client::CoordinatorDirectory *m_directory = nullptr;
    client::MixOrchestrator *m_orchestrator = nullptr;
    QHash<btc::OutPoint, whirlpool::Coin> m_coins;
    QHash<btc::OutPoint, QString> m_lastErrors;
    int m_blockHeight = 0;
    bool m_listing = false;
};

} // namespace wp::plugin
