#pragma once

#include <mixstore.h>
#include <pool/mixkeyprefetcher.h>
#include <pool/mixrecorder.h>
#include <pool/poollifecycle.h>
#include <pool/poolnotifier.h>
#include <mix/banpolicy.h>
#include <mix/inputqueue.h>
#include <mix/mix.h>
#include <mix/sessionmessenger.h>

#include <bitcoin/network.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace wp::net {
class NodeRpcClient;
}

namespace wp::server {

/// Runs one pool on this instance: its input queue, the current mix and the
/// next one, the phase timers, the blind signing, the vetting of invitations, the
/// node checks and the broadcast. The Mix state machine decides what a mix does;
/// this class carries it out and delegates the rest: PoolLifecycle (running,
/// draining, stopped, the epoch), MixRecorder (every write to the store),
/// PoolNotifier (every message to clients) and MixKeyPrefetcher (the next mix key).
///
/// Thread affinity: the event-loop thread. RSA key generation and blind signing
/// run in the thread pool; every asynchronous answer re-checks that the mix it
/// was for is still the current one.
class PoolService : public QObject {
    Q_OBJECT
public:
    struct Deps {
        mix::SessionMessenger &messenger;
        MixStore &store;
        wp::net::NodeRpcClient &node;
        btc::Network network;
        QString instanceId;
        mix::BanPolicy banPolicy;
        int inviteDelayMs = 0;
    };

    PoolService(mix::PoolConfig pool, mix::MixTimings timings, Deps deps, QObject *parent = nullptr);
    ~PoolService() override;

    const mix::PoolConfig &config() const { return m_pool; }

    /// Starts mixing under lease @p epoch (0 for a lone instance).
    void start(qint64 epoch);
    /// Stops mixing: the current mix fails without blaming anybody, the queue is
    /// dropped and @p notice is sent to every waiting session.
    void stop(const QString &notice);
    /// Hands the pool over to another instance (a planned drain): no
    /// more inputs are taken (queued and new ones get 631, so their clients reconnect
    /// and are redirected to the next owner); a mix that already passed input
    /// registration runs to its end; one still collecting inputs is discarded (its
    /// clients get 631, nothing is recorded: nobody lost anything). Then the pool stops
    /// and @p drained is called once. Not running: @p drained is called at once.
    /// stop() during a drain ends it without calling @p drained.
    void drain(std::function<void()> drained);
    bool isRunning() const { return m_lifecycle.isRunning(); }
    bool isDraining() const { return m_lifecycle.isDraining(); }
    qint64 epoch() const { return m_lifecycle.epoch(); }
    /// Whether this instance holds the pool's lease right now (by the lease deadline, not a
    /// flag a timer clears). Checked before every act as the pool's owner (inviting, blind
    /// signing, accepting outputs, starting the signing, broadcasting, recording): when it
    /// is false the pool stops at once, as if the lease had been reported lost.
    void setLeaseGuard(std::function<bool()> guard) { m_leaseGuard = std::move(guard); }

    /// A validated input joins the queue. Sends 611 to the session if it already queued another input.
    void registerInput(mix::RegisteredInput input);
    void confirmInput(const QString &sessionId, const proto::ConfirmInputRequest &request);
    void revealOutput(const QString &sessionId, const proto::RevealOutputRequest &request);
    void signing(const QString &sessionId, const proto::SigningRequest &request);
    /// `POST /rest/registerOutput` for this pool's current mix (see ownsInputsHash()).
    void registerOutput(const proto::RegisterOutputRequest &request, QObject *context,
                        std::function<void(Result<void>)> done);
    bool ownsInputsHash(const QString &inputsHash) const;
    void sessionClosed(const QString &sessionId);

    proto::PoolInfo poolInfo() const;
    const mix::Mix *currentMix() const { return m_mix.get(); }
    int queuedInputs() const { return m_queue.size(); }

Q_SIGNALS:
    void mixFinished(const wp::server::MixRecord &record);
    void mixStarted(const QString &mixId);

private:
    qint64 now() const { return m_clock.elapsed(); }
    void startNextMix();
    void onKeyReady();
    void armTimer();
    void onDeadline();
    /// False (and the pool stopped) once the lease is no longer ours.
    bool stillOwner();
    void invite();
    /// Sends the invitation once the input is known to be neither banned nor spent.
    void vetAndInvite(const mix::RegisteredInput &input);
    void sendInvitation(const QString &mixId, const mix::RegisteredInput &input);
    void onInvitationsExpired(QList<mix::RegisteredInput> expired);
    void checkUnspent(const QString &mixId, std::function<void(QList<btc::OutPoint> spent)> then);
    /// Applies Mix::onInputsSpent(): true if the mix failed (and was finished).
    bool failIfSpent(const QList<btc::OutPoint> &spent);
    void beginRegisterOutput();
    void maybeBeginSigning();
    void beginSigning();
    void broadcast();
    /// Hands the signed mix to the node; the mix succeeds or fails with its answer.
    void sendToNode(const btc::Transaction &tx);
    /// Records the mix txid (remix provenance), then broadcasts.
    void recordAndSend(const btc::Transaction &tx);
    /// The node would not or did not take the mix: blames the inputs found spent, else fails unblamed.
    void onBroadcastRefused(const QString &why);
    /// Reports the mix's end (success, or a failure charged to Mix::blames()), records it, and starts the next one.
    void finishMix();
    void discardCollectingMix(const QString &notice);
    void finishDrain();
    bool isCurrent(const QString &mixId) const { return m_mix && m_mix->mixId() == mixId; }

    mix::PoolConfig m_pool;
    mix::MixTimings m_timings;
    Deps m_deps;
    QElapsedTimer m_clock;
    QTimer m_timer;
    mix::InputQueue m_queue;
    std::unique_ptr<mix::Mix> m_mix;
    PoolLifecycle m_lifecycle;
    MixRecorder m_recorder;
    PoolNotifier m_notifier;
    MixKeyPrefetcher m_keys;
    bool m_busy = false; ///< an asynchronous phase change is in flight
    int m_outputsBeingStored = 0; ///< registered outputs whose shared-table insert has not answered yet
    std::function<bool()> m_leaseGuard;
};

} // namespace wp::server
