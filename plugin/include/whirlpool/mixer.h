#pragma once

// Public API: the mixer the plugin creates for one host wallet. Pure virtual;
// new functions are only ever appended.

#include <whirlpool/types.h>

#include <QList>
#include <QString>

class QObject;

namespace whirlpool {

/// What the mixer tells the host, implemented by the host (all optional to
/// react to). Called on the mixer's thread; must not block and must not delete
/// the mixer from inside a call.
class MixerListener {
public:
    virtual ~MixerListener() = default;
    /// A coin's state, step, progress or error changed.
    virtual void coinStatusChanged(const CoinStatus &status) = 0;
    /// Something failed for @p outpoint (empty: the mixer as a whole, e.g. listCoins failed);
    /// @p message is for the user.
    virtual void errorOccurred(const QString &outpoint, const QString &message) = 0;
    /// A coordinator-cluster event (connected, redirected, failover, ...).
    virtual void coordinatorEvent(const CoordinatorEvent &event) = 0;
};

/// Mixes the host wallet's premix and postmix coins through the Whirlpool
/// cluster. Created by PluginInterface::createMixer(); the host deletes it
/// (before PluginInterface::shutdown()). Thread affinity: the thread that
/// created it; never blocks; not thread-safe.
class Mixer {
public:
    virtual ~Mixer() = default;

    /// Receives the mixer's notifications (nullptr: none). Not owned.
    virtual void setListener(MixerListener *listener) = 0;

    /// Asks the bridge for the coins (listCoins) and mixes the new ones per the
    /// configuration. Call after each wallet sync. Errors go to the listener.
    virtual void refreshCoins() = 0;

    /// The chain tip, for the coordinator's confirmation check (0: unknown, check skipped).
    /// Every input registration, including re-registrations after a failover, sends
    /// the value last set here: call it again at each new block.
    virtual void setBlockHeight(int height) = 0;

    /// Queues @p outpoint ("txid:index"). Returns false (with @p errorString) for an unknown coin.
    virtual bool startCoin(const QString &outpoint, QString *errorString) = 0;
    /// Stops @p outpoint's mix and leaves it idle. Returns false for an unknown coin.
    virtual bool stopCoin(const QString &outpoint, QString *errorString) = 0;
    /// Queues every coin and turns automatic mixing back on.
    virtual void startAll() = 0;
    /// Stops every coin and automatic mixing until startAll().
    virtual void stopAll() = 0;

    /// Every known coin's status, in the wallet's order.
    virtual QList<CoinStatus> coins() const = 0;
    /// The last cluster events, oldest first.
    virtual QList<CoordinatorEvent> recentEvents() const = 0;
};

} // namespace whirlpool
