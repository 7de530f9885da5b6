#pragma once

#include <mixer/coordinatordirectory.h>
#include <mixer/mixsession.h>
#include <mixer/mixstep.h>
#include <mixer/resilientmixsession.h>

#include <bitcoin/transaction.h>

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace wp::client {

/// A coin the wallet offers for mixing. Plain value type.
struct MixableCoin {
    btc::OutPoint outpoint;
    btc::Amount value = 0;
    btc::Script scriptPubKey; ///< P2WPKH
    QString poolId;           ///< the pool it belongs to (by value)
    bool postmix = false;     ///< a mixed coin (remix) rather than a Tx0 (premix) output

    friend bool operator==(const MixableCoin &, const MixableCoin &) = default;
};

/// What the orchestrator is doing with a coin.
enum class CoinMixState {
    Idle,    ///< not mixing: stopped by the user, automatic mixing off, or its remix target reached
    Queued,  ///< waiting for a free mixing slot
    Mixing,  ///< a session runs (see CoinStatus::step)
    Waiting, ///< the last attempt failed; it starts again at CoinStatus::retryAtMs
    Mixed,   ///< its mix succeeded; the coin is spent and its postmix output is on its way
    Blocked, ///< an error that needs the user (see CoinStatus::advice); not retried by itself
};

/// The enum name ("MIXING"), for logs and hosts. Never fails.
QString coinMixStateName(CoinMixState state);

/// What a user needs to know about a failure: a plain explanation, what to do,
/// and whether (and how soon) the orchestrator retries by itself. Plain value type.
struct MixFailureAdvice {
    QString explanation; ///< translated, one sentence
    QString advice;      ///< translated, what the user can do (may be empty)
    bool retry = true;   ///< false: the coin goes to Blocked
    bool longPause = false; ///< retry only after the longest back-off (bans)
};

/// The advice for a final failure of @p reason with coordinator error @p code
/// (0 if none) and @p message. Pure; never fails.
MixFailureAdvice adviceForFailure(MixFailReason reason, int code, const QString &message);

/// Everything the GUI shows for one coin. Plain value type.
struct CoinStatus {
    MixableCoin coin;
    CoinMixState state = CoinMixState::Idle;
    MixStep step = MixStep::Connecting; ///< of the current or last session
    int progress = 0;                   ///< percent of the current session (0 when not mixing)
    QString stepMessage;                ///< the step's words, or the retry message
    int mixesDone = 0;                  ///< mixes this coin's lineage went through (persisted)
    QString instance;                   ///< name of the coordinator instance of the current session
    QString lastError;                  ///< explanation of the last failure, empty after a success
    QString advice;                     ///< what the user can do about it
    int lastErrorCode = 0;
    qint64 retryAtMs = 0;               ///< wall clock of the next attempt (Waiting)
    QString lastTxid;                   ///< of its last successful mix
};

/// Tuning of the orchestrator. Plain value type.
struct OrchestratorConfig {
    int maxConcurrent = 3;   ///< sessions at once (each is one coin, one connection)
    bool autoMix = true;     ///< new premix coins are queued by themselves
    bool autoRemix = true;   ///< postmix coins are queued again after each mix
    int remixTarget = 0;     ///< stop remixing a coin after this many mixes; 0: remix forever
    int retryMinMs = 5000;   ///< first back-off after a failure, doubled each time
    int retryMaxMs = 300000; ///< longest back-off (also the pause after a ban)
};

/// One coin's mixing attempt, as the orchestrator drives it. In production a
/// ResilientMixSession (redirects and failover inside); tests use scripted ones.
/// Emits exactly one of succeeded() or failed() after start().
class MixAttempt : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    ~MixAttempt() override = default;
    virtual void start() = 0;
    /// Leaves the mix; failed(Stop) follows (at once or later). No-op once finished.
    virtual void stop() = 0;

Q_SIGNALS:
    void stepChanged(wp::client::MixStep step, const QString &message, int progress);
    void succeeded(const QString &txid);
    void failed(wp::client::MixFailReason reason, const QString &message, int errorCode);
    void coordinatorChanged(const QString &name, const QUrl &url);
    /// Something the user may want to read in the event log (redirects, failovers, retries).
    void note(const QString &message);
};

/// Creates the attempt for @p coin (parented by the caller).
using MixAttemptFactory = std::function<MixAttempt *(const MixableCoin &coin)>;

/// Attempts over the cluster: a ResilientMixSession per coin with @p base (pool id
/// and denomination filled in per coin from @p denominations; MixConfig::blockHeight
/// set to @p blockHeight when not empty, so every RegisterInputRequest, including
/// re-registrations after a failover, carries the tip of that moment), @p wallet
/// and @p directory (which must outlive the attempts).
MixAttemptFactory resilientAttemptFactory(MixConfig base, QHash<QString, btc::Amount> denominations,
                                          std::shared_ptr<MixWallet> wallet, CoordinatorDirectory *directory,
                                          std::function<int()> blockHeight, ResilienceConfig resilience = {});

/// Mixes a wallet's coins (DESIGN §5): at most maxConcurrent sessions at once,
/// premix coins before remixes, automatic remix of postmix outputs, retries after
/// failures with an exponential back-off (a ban waits the longest back-off),
/// start/stop per coin and for all, and mix counts per coin that survive restarts
/// (saveState()/restoreState()). The wallet tells it which coins exist
/// (setCoins(), after each chain sync); a coin that disappears (spent) leaves, and
/// the postmix output of a mix it ran inherits the count + 1.
///
/// Errors are explained in plain words with advice (adviceForFailure()); errors
/// that need the user (key tagging, invalid transaction, protocol mismatch) block
/// the coin instead of retrying.
///
/// Thread affinity: the thread that creates it (the GUI thread in the app); never
/// blocks. Not thread-safe.
class MixOrchestrator : public QObject {
    Q_OBJECT
public:
    /// @p factory must not be empty (WP_ASSERT).
    MixOrchestrator(MixAttemptFactory factory, OrchestratorConfig config = {}, QObject *parent = nullptr);
    ~MixOrchestrator() override;

    const OrchestratorConfig &config() const { return m_config; }
    /// New limits apply at once (running sessions beyond a lower maxConcurrent finish).
    void setConfig(const OrchestratorConfig &config);
    /// Replaces the wall clock (ms since the epoch), for tests.
    void setClock(std::function<qint64()> now);

    /// The wallet's current mixable coins (premix and postmix, confirmed as the
    /// coordinator requires). New ones are queued when automatic (re)mixing is on;
    /// gone ones (spent) are dropped, stopping their session if one runs.
    void setCoins(const QList<MixableCoin> &coins);

    /// Queues @p outpoint (also a Blocked or Idle one). Returns: false if unknown.
    bool start(const btc::OutPoint &outpoint);
    /// Stops @p outpoint's session (its input is blamed if it had joined a mix and not signed) and
    /// leaves it Idle. Returns: false if unknown.
    bool stop(const btc::OutPoint &outpoint);
    /// start() / stop() for every coin; stopAll() also turns automatic mixing off
    /// until startAll().
    void startAll();
    void stopAll();
    bool isRunning() const { return m_running; }

    QList<CoinStatus> coins() const;
    std::optional<CoinStatus> status(const btc::OutPoint &outpoint) const;
    int activeSessions() const { return int(m_attempts.size()); }
    /// Successful mixes since this object was created.
    int mixesSucceeded() const { return m_succeeded; }

    /// Mix counts and stopped coins as JSON, to persist in the wallet file.
    QJsonObject saveState() const;
    /// Restores what saveState() wrote (unknown or malformed entries are ignored).
    void restoreState(const QJsonObject &state);

Q_SIGNALS:
    /// A coin's status changed (state, step, error, count).
    void coinChanged(const wp::client::CoinStatus &status);
    /// The set of coins changed (setCoins()).
    void coinsChanged();
    /// A mix of @p outpoint succeeded.
    void mixSucceeded(const btc::OutPoint &outpoint, const QString &txid);
    /// Something for the event log ("coin abcd:1 failed: ..., retrying in 20 s").
    void note(const QString &message);
    /// saveState() would now return something else: persist it.
    void stateChanged();

private:
    struct Entry {
        CoinStatus status;
        int failures = 0;      ///< consecutive, for the back-off
        qint64 queuedAt = 0;   ///< order in the queue
        bool userStopped = false;
    };

    void pump();
    void launch(Entry &entry);
    void onAttemptFinished(const btc::OutPoint &outpoint);
    void onSucceeded(const btc::OutPoint &outpoint, const QString &txid);
    void onFailed(const btc::OutPoint &outpoint, MixFailReason reason, const QString &message, int code);
    void queue(Entry &entry);
    bool wantsMixing(const Entry &entry) const;
    void changed(const Entry &entry);
    void armRetryTimer();
    qint64 now() const { return m_now(); }
    static QString shortName(const btc::OutPoint &outpoint);

    MixAttemptFactory m_factory;
    OrchestratorConfig m_config;
    std::function<qint64()> m_now;
    QHash<btc::OutPoint, Entry> m_entries;
    QList<btc::OutPoint> m_order; ///< as the wallet listed them (stable display order)
    QHash<btc::OutPoint, MixAttempt *> m_attempts;
    QHash<QString, int> m_countByMixTxid;      ///< txid of a mix we ran -> mixes of its outputs
    QHash<btc::OutPoint, int> m_restoredCounts; ///< counts from restoreState() for coins not seen yet
    QSet<btc::OutPoint> m_restoredStopped;
    QTimer m_retryTimer;
    qint64 m_queueSerial = 0;
    bool m_running = true;
    int m_succeeded = 0;
};

} // namespace wp::client

Q_DECLARE_METATYPE(wp::client::CoinStatus)
