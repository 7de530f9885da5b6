#pragma once

#include <mixer/coordinatordirectory.h>
#include <mixer/mixsession.h>

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

namespace wp::client {

/// How hard a ResilientMixSession tries. Plain value type.
struct ResilienceConfig {
    /// Rounds that may fail: a round that fails (MIX_FAILED, e.g. another
    /// participant did not sign) is re-registered until this many failed.
    int maxMixAttempts = 3;
    /// Pause before re-registering after MIX_FAILED.
    int mixRetryPauseMs = 2000;
    /// Consecutive attempts that never reach the pool (connection failures,
    /// refused redirects, pool without owner) before giving up with Disconnected.
    /// Reset each time an input registration is accepted.
    int maxFruitlessAttempts = 20;
    /// Upper bound on a coordinator's retryAfterMs (a hostile instance cannot park us).
    int maxRetryAfterMs = 60000;
};

/// Mixes ONE utxo across a coordinator cluster (DESIGN §2.1): starts on a
/// random instance, follows redirects the CoordinatorDirectory allows,
/// restarts a fresh MixSession on each new instance, and fails over to a new
/// random instance after a short jittered back-off (CoordinatorDirectory::backoffMs(),
/// 0.5-3 s by default) when the connection fails or drops. Each MixSession gets fresh isolated network
/// identities (MixConfig::identity, outputIdentity, keyCheckIdentity, each
/// .isolated()), so attempts are not linkable through a shared Tor circuit;
/// MixConfig::coordinatorUrl is ignored (the directory chooses).
///
/// Outcomes per attempt:
/// - redirected: followed at once if the directory allows it (an unknown
///   target first triggers one manifest refresh; a target that failed a moment
///   ago is followed only when named again after one back-off); refused, too many hops or a
///   loop: back-off, then another random instance. retryAfterMs: wait that
///   long (capped), then a random instance.
/// - Disconnected, or ErrorResponse 630/631 (cluster redirect/unavailable for
///   old-style servers): back-off, then a random instance (avoiding the failed one).
/// - MixFailed: re-register on the same instance after mixRetryPauseMs, up to maxMixAttempts mixes.
/// Once an instance accepts the input (REGISTERED_INPUT) it is the owner: a
/// later redirect (it drains the pool) starts a new redirect chain there.
/// - anything else (input rejected or banned, protocol, key, pool mismatch,
///   invalid transaction, wallet error): ends with that reason.
/// It ends with exactly one succeeded() or failed(); retrying() announces each
/// retry. The FAIL step is only forwarded with the final failure, so a
/// failover never shows as a failed mix.
///
/// Thread affinity: the thread that creates it, which must be the directory's.
/// Not thread-safe. The directory should outlive it; if it is destroyed first,
/// the session fails with InternalError at its next decision.
class ResilientMixSession : public QObject {
    Q_OBJECT
public:
    /// @p wallet and @p directory must not be null (WP_ASSERT).
    ResilientMixSession(MixConfig config, MixUtxo utxo, std::shared_ptr<MixWallet> wallet,
                        CoordinatorDirectory *directory, ResilienceConfig resilience = {}, QObject *parent = nullptr);
    ~ResilientMixSession() override;

    /// Starts on a random instance. Precondition: called once (WP_ASSERT).
    void start();
    /// Leaves the mix (the current MixSession stops) and emits failed(Stop). No-op once finished.
    void stop();

    /// Random id naming this coin's session in logs and in DirectoryEvent::origin.
    const QString &id() const { return m_id; }
    /// True once succeeded() or failed() was emitted.
    bool isFinished() const { return m_finished; }
    /// The last step of the current (or last) MixSession.
    MixStep step() const { return m_step; }
    /// The instance of the current (or last) MixSession, if one was started.
    const std::optional<CoordinatorEndpoint> &coordinator() const { return m_endpoint; }
    /// Mix rounds that failed (MIX_FAILED) so far.
    int mixFailures() const { return m_mixFailures; }

Q_SIGNALS:
    /// The current MixSession's step (as MixSession::stepChanged).
    void stepChanged(wp::client::MixStep step, const QString &message, int progress);
    /// The final failure; nothing follows.
    void failed(wp::client::MixFailReason reason, const QString &message, int errorCode);
    /// The mix transaction was broadcast; nothing follows.
    void succeeded(const QString &txid);
    /// An instance redirected us (whether or not the directory allowed it).
    void redirected(const wp::proto::RedirectResponse &redirect);
    /// A MixSession connected to another instance than the last one announced.
    void coordinatorChanged(const QString &name, const QUrl &url);
    /// A directory event this session caused (redirects, failovers, connections).
    void event(const wp::client::DirectoryEvent &event);
    /// The current attempt ended without ending the session (@p message says
    /// why, for the user); the next one starts in @p delayMs.
    void retrying(const QString &message, int delayMs);

private:
    enum class Next { SameInstance, RandomInstance };

    void launch(const CoordinatorEndpoint &endpoint, bool newChain);
    void launchRandom();
    void retryLater(Next next, int delayMs, const QString &message);
    void failOver(const QUrl &from, const QString &message);
    void onTimer();
    void dropSession();
    void finishFailed(MixFailReason reason, const QString &message, int errorCode = 0);
    bool countFruitless(const QString &message);
    bool checkDirectory();
    void follow(const proto::RedirectResponse &redirect);

    void onStep(MixStep step, const QString &message, int progress);
    void onSessionFailed(MixFailReason reason, const QString &message, int errorCode);
    void onSucceeded(const QString &txid);
    void onRedirected(const proto::RedirectResponse &redirect);
    void onManifestRefreshed();

    MixConfig m_config;
    MixUtxo m_utxo;
    std::shared_ptr<MixWallet> m_wallet;
    QPointer<CoordinatorDirectory> m_directory;
    ResilienceConfig m_resilience;
    QString m_id;

    MixSession *m_session = nullptr;
    std::optional<CoordinatorEndpoint> m_endpoint;
    RedirectChain m_chain;
    QUrl m_announced;       ///< last URL of coordinatorChanged()
    QTimer m_timer;         ///< back-off / pause before the next attempt
    Next m_next = Next::RandomInstance;
    QUrl m_failedUrl;       ///< the instance a failover leaves (for the Failover event)
    int m_delayMs = 0;      ///< the pending back-off (for the Failover event)
    bool m_refreshTried = false; ///< a manifest refresh was already asked for in this chain
    std::optional<proto::RedirectResponse> m_pendingRedirect; ///< waiting for a manifest refresh
    QMetaObject::Connection m_refreshConnection;
    QSet<QUrl> m_deferredTargets; ///< recently failed owners a redirect named once already

    MixStep m_step = MixStep::Connecting;
    bool m_started = false;
    bool m_finished = false;
    int m_mixFailures = 0;
    int m_fruitless = 0;
};

} // namespace wp::client
