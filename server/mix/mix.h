#pragma once

#include <mix/poolconfig.h>
#include <mix/registeredinput.h>

#include <bitcoin/script.h>
#include <bitcoin/transaction.h>
#include <crypto/rsablind.h>
#include <util/result.h>

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

namespace wp::server::mix {

/// Phases of one mix (the classic MixStatus plus nothing else, §3.2).
enum class MixPhase { ConfirmInput, RegisterOutput, RevealOutput, Signing, Success, Fail };

/// Why a mix failed (classic FailReason; Coordinator is ours: the instance drained,
/// self-fenced or lost its lease, and nobody is blamed for that).
enum class FailReason { None, RegisterOutputs, Signing, Broadcast, RejectedOutput, Disconnect, Spent, Coordinator };
QString failReasonName(FailReason reason);

enum class BlameReason { RegisterOutput, Signing, Disconnect, Spent };
QString blameReasonName(BlameReason reason);

struct Blame {
    QString identifier; ///< txid (mustMix) or txid:index (liquidity)
    BlameReason reason;
};

/// One confirmed participant.
struct MixInput {
    RegisteredInput input;
    QString userHash;
    bool confirmationSent = false; ///< its ConfirmInputResponse (blind signature) went out
    bool revealed = false;
    bool hasSigned = false;
};

/// The state machine of one mix (§3.4-§3.9), without I/O: the pool's service
/// feeds it requests and deadlines with explicit times, and carries out what the
/// results say (send, sign, broadcast, save). One mix per pool at a time.
///
/// Thread affinity: none (plain object); used from the event-loop thread.
class Mix {
public:
    Mix(PoolConfig pool, MixTimings timings, QString mixId, std::shared_ptr<const crypto::RsaKeyPair> key,
        qint64 nowMs);

    const QString &mixId() const { return m_mixId; }
    MixPhase phase() const { return m_phase; }
    const PoolConfig &pool() const { return m_pool; }
    const crypto::RsaKeyPair &key() const { return *m_key; }
    std::shared_ptr<const crypto::RsaKeyPair> keyShared() const { return m_key; }
    qint64 createdAtMs() const { return m_createdAtMs; }
    qint64 phaseStartedAtMs() const { return m_phaseStartedAtMs; }
    /// When onDeadline() must be called next (the confirm tick, or the phase timeout).
    qint64 deadlineMs() const { return m_deadlineMs; }
    bool isOver() const { return m_phase == MixPhase::Success || m_phase == MixPhase::Fail; }

    int nbMustMix() const;
    int nbLiquidity() const;
    int nbInputs() const { return int(m_inputs.size()); }
    int nbConfirming() const { return int(m_confirming.size()); }
    int nbConfirming(bool liquidity) const;
    btc::Amount minerFeeAccumulated() const;
    int surge() const { return m_surge; }
    int maxInputs() const { return m_pool.anonymitySet + m_surge; }
    const QList<MixInput> &inputs() const { return m_inputs; }
    bool hasSession(const QString &sessionId) const;
    bool hasInput(const btc::OutPoint &outpoint) const;

    // ---- CONFIRM_INPUT -------------------------------------------------------

    /// How many more inputs of the kind to invite now (invitations in flight count).
    int invitationsWanted(bool liquidity) const;
    /// Whether a queued input may be invited (not the same tx, address or session as one in the mix).
    bool acceptsInvitation(const RegisteredInput &input) const;
    /// Records an invitation (the input left the queue and waits for its ConfirmInput).
    void addConfirming(RegisteredInput input);
    bool isConfirming(const QString &sessionId) const { return m_confirming.contains(sessionId); }

    enum class ConfirmVerdict {
        Accept,           ///< joined: blind-sign its bordereau, then confirmationSent()
        Requeue,          ///< back to the queue silently (§3.5), see reason
        NotInvited,       ///< the session was never invited (500 "Confirming input not found")
        AlreadyConfirmed, ///< the outpoint is already in the mix (611)
    };
    struct ConfirmResult {
        ConfirmVerdict verdict;
        QString reason;
        std::optional<RegisteredInput> input; ///< for Requeue: what goes back to the queue
    };
    /// A ConfirmInput from @p sessionId (§3.5).
    ConfirmResult confirmInput(const QString &sessionId, const QString &userHash);
    /// The session's ConfirmInputResponse was sent (REGISTER_OUTPUT waits for all of them).
    void confirmationSent(const QString &sessionId);

    /// Enough inputs, mustMix overpay and liquidity, and every blind signature delivered (§3.4).
    bool isReady() const;

    /// Inputs found spent while confirming are dropped without blame.
    void dropSpentInputs(const QList<btc::OutPoint> &spent);

    // ---- REGISTER_OUTPUT -----------------------------------------------------

    /// CONFIRM_INPUT -> REGISTER_OUTPUT. Returns the invited-but-unconfirmed inputs, which go back to the queue.
    QList<RegisteredInput> startRegisterOutput(qint64 nowMs);
    /// SHA-512 of the sorted inputs (§3.7), set when REGISTER_OUTPUT starts.
    const QString &inputsHash() const { return m_inputsHash; }

    /// Checks and records an output (§3.6, in-memory part: phase, bordereau unused, address
    /// unused here, not an input's script, valid unblinded signature). The service then
    /// records the address in the shared `mix_output` table and calls releaseOutput() if that fails.
    Result<void> registerOutput(const QString &address, const btc::Script &scriptPubKey, const QByteArray &bordereau,
                                const QByteArray &unblindedSignature);
    /// Undoes registerOutput() for an address the shared table refused: the address and its
    /// bordereau may be registered again (the client retries with a fresh address).
    void releaseOutput(const QString &address);
    bool hasAllOutputs() const { return m_outputs.size() == m_inputs.size(); }
    QStringList receiveAddresses() const;

    /// REGISTER_OUTPUT -> SIGNING: builds the unsigned BIP69 transaction.
    const btc::Transaction &startSigning(qint64 nowMs);
    const btc::Transaction &transaction() const { return m_tx; }

    // ---- REVEAL_OUTPUT -------------------------------------------------------

    /// A RevealOutput from an honest participant. Returns true once all but one
    /// input revealed: the mix can fail at once, blaming the one that did not.
    Result<bool> revealOutput(const QString &sessionId, const QString &address);

    // ---- SIGNING -------------------------------------------------------------

    /// Verifies @p witness for the session's input (BIP143, P2WPKH) and installs it.
    /// Returns true when every input is signed.
    Result<bool> registerSignature(const QString &sessionId, const QList<QByteArray> &witness);

    // ---- deadlines, disconnects, end ------------------------------------------

    enum class TickAction { InviteMore, WaitForSurge, StartRegisterOutput, None };
    struct DeadlineOutcome {
        TickAction tick = TickAction::None; ///< CONFIRM_INPUT ticks
        bool failed = false;                ///< the mix failed on this deadline
        QList<Blame> blames;
    };
    /// Called at deadlineMs(): ticks CONFIRM_INPUT, or times out the current phase (§3.2, §3.9).
    DeadlineOutcome onDeadline(qint64 nowMs);

    struct DisconnectOutcome {
        std::optional<RegisteredInput> dropped; ///< a confirming input, dropped without blame
        std::optional<Blame> blame;
        bool failed = false;
    };
    /// The session's connection closed (§3.9).
    DisconnectOutcome onDisconnect(const QString &sessionId, qint64 nowMs);

    /// Inputs found spent after CONFIRM_INPUT: blamed SPENT, the mix fails.
    QList<Blame> failOnSpentInputs(const QList<btc::OutPoint> &spent, qint64 nowMs);

    /// Removes and returns the invited-but-unconfirmed inputs (they go back to the
    /// queue when the mix ends: they did nothing wrong).
    QList<RegisteredInput> takeConfirming();

    void succeed(qint64 nowMs);
    void failMix(FailReason reason, const QString &info, qint64 nowMs);
    FailReason failReason() const { return m_failReason; }
    const QString &failInfo() const { return m_failInfo; }

private:
    bool hasMinMustMixAndFee() const;
    int liquiditySlots() const;
    int mustMixSlots() const;
    void recomputeSurge();
    void enterPhase(MixPhase phase, qint64 nowMs, int timeoutMs);
    MixInput *findSession(const QString &sessionId);
    QList<Blame> blameWhere(const std::function<bool(const MixInput &)> &guilty, BlameReason reason) const;

    PoolConfig m_pool;
    MixTimings m_timings;
    QString m_mixId;
    std::shared_ptr<const crypto::RsaKeyPair> m_key;
    MixPhase m_phase = MixPhase::ConfirmInput;
    qint64 m_createdAtMs;
    qint64 m_phaseStartedAtMs;
    qint64 m_deadlineMs;
    int m_surge = 0;
    bool m_waitedForSurge = false;

    QHash<QString, RegisteredInput> m_confirming; ///< by session id
    QList<MixInput> m_inputs;
    QString m_inputsHash;

    struct Output {
        QString address;
        btc::Script scriptPubKey;
    };
    QList<Output> m_outputs;
    QSet<QByteArray> m_bordereaux; ///< compared by value (trap §13.7)
    QHash<QString, QByteArray> m_bordereauByAddress;
    btc::Transaction m_tx;

    FailReason m_failReason = FailReason::None;
    QString m_failInfo;
};

} // namespace wp::server::mix
