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

/// Phases of one mix (the classic MixStatus, nothing added).
enum class MixPhase { ConfirmInput, RegisterOutput, RevealOutput, Signing, Success, Fail };

/// Why a mix failed (classic FailReason; Coordinator is ours: the instance drained,
/// self-fenced or lost its lease, and nobody is blamed for that).
enum class FailReason { None, RegisterOutputs, Signing, Broadcast, RejectedOutput, Disconnect, Spent, Coordinator };
QString failReasonName(FailReason reason);

/// Why an input is blamed (see docs/operator-guide.md, "Who is blamed").
enum class BlameReason { RegisterOutput, Signing, Disconnect, Spent, ConfirmTimeout };
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
    QString revealedAddress;       ///< REVEAL_OUTPUT: the address it says is its own (first answer counts)
    bool hasSigned = false;

    bool hasRevealed() const { return !revealedAddress.isEmpty(); }
};

/// The state machine of one mix, without I/O: the pool's service feeds it
/// requests and deadlines with explicit times, and carries out what the results
/// say (send, sign, broadcast, save, blame). One mix per pool at a time.
///
/// Accountability (docs/operator-guide.md, "Who is blamed"): every failed mix is
/// charged to the inputs that caused it and to no one else. An input that holds
/// a blind signature of this mix's key and leaves (disconnects, is spent) is
/// blamed and fails the mix at once: its signature would otherwise let it
/// register an output that is not backed by an input, displacing an honest one.
/// The pool's service then starts the next mix with a fresh key.
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
    /// Whether a queued input may be invited: the mix would not refuse it (same session,
    /// transaction, address or wallet as an input in the mix or invited; the last mustMix
    /// slot without the fee the mix still needs). Inviting only such inputs keeps a pool
    /// from stalling on an input it must refuse again and again.
    bool acceptsInvitation(const RegisteredInput &input) const;
    /// Records an invitation at @p nowMs (the input left the queue and waits for its ConfirmInput).
    void addConfirming(RegisteredInput input, qint64 nowMs);
    /// Withdraws an invitation before it was answered (the input turned out banned or spent).
    std::optional<RegisteredInput> withdrawInvitation(const QString &sessionId);
    /// Removes and returns the invitations older than the confirm deadline at @p nowMs:
    /// their slots go to other inputs (see RegisteredInput::missedConfirms).
    QList<RegisteredInput> takeExpiredInvitations(qint64 nowMs);
    bool isConfirming(const QString &sessionId) const { return m_confirming.contains(sessionId); }

    enum class ConfirmVerdict {
        Accept,           ///< joined: blind-sign its bordereau, then confirmationSent()
        Requeue,          ///< back to the queue silently (the classic rule), see reason
        NotInvited,       ///< the session was never invited (500 "Confirming input not found")
        AlreadyConfirmed, ///< the outpoint is already in the mix (611)
    };
    struct ConfirmResult {
        ConfirmVerdict verdict;
        QString reason;
        std::optional<RegisteredInput> input; ///< for Requeue: what goes back to the queue
    };
    /// A ConfirmInput from @p sessionId.
    ConfirmResult confirmInput(const QString &sessionId, const QString &userHash);
    /// The session's ConfirmInputResponse was sent (REGISTER_OUTPUT waits for all of them).
    void confirmationSent(const QString &sessionId);

    /// Enough inputs, mustMix overpay and liquidity, and every blind signature delivered.
    bool isReady() const;

    // ---- REGISTER_OUTPUT -----------------------------------------------------

    /// CONFIRM_INPUT -> REGISTER_OUTPUT. Returns the invited-but-unconfirmed inputs, which go back to the queue.
    QList<RegisteredInput> startRegisterOutput(qint64 nowMs);
    /// SHA-512 of the sorted inputs (the classic inputsHash), set when REGISTER_OUTPUT starts.
    const QString &inputsHash() const { return m_inputsHash; }

    /// Checks and records an output (in-memory part: phase, bordereau unused, address
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

    /// A RevealOutput: @p address is the output the session says it registered. Its first
    /// answer counts. Returns true once the outcome is known (every input answered, or
    /// every registered output is claimed by exactly one input): the mix can fail at once.
    Result<bool> revealOutput(const QString &sessionId, const QString &address);
    /// Who is blamed when REVEAL_OUTPUT ends: every input that did not reveal, revealed an
    /// address that is not a registered output of this mix, or revealed an address that
    /// another input revealed too. An input that revealed its own registered address
    /// alone is never blamed.
    QList<Blame> revealBlames() const;

    // ---- SIGNING -------------------------------------------------------------

    struct SignatureVerdict {
        enum class Kind {
            Accepted,  ///< installed; others still have to sign
            AllSigned, ///< installed, and every input is signed: broadcast
            Ignored,   ///< not for this mix's inputs (unknown session, signed twice, wrong phase): error only
            Blamed,    ///< an invalid or non-standard signature: the mix failed, blaming its input
        } kind;
        QString reason;
        std::optional<Blame> blame;
    };
    /// Verifies @p witness for the session's input (BIP143, P2WPKH, and the node's
    /// standardness rules: low-S strict DER, SIGHASH_ALL, two witness items) and installs it.
    SignatureVerdict registerSignature(const QString &sessionId, const QList<QByteArray> &witness, qint64 nowMs);

    // ---- deadlines, disconnects, end ------------------------------------------

    enum class TickAction { InviteMore, WaitForSurge, StartRegisterOutput, None };
    struct DeadlineOutcome {
        TickAction tick = TickAction::None; ///< CONFIRM_INPUT ticks
        bool failed = false;                ///< the mix failed on this deadline
        QList<Blame> blames;
        QList<RegisteredInput> expired;     ///< CONFIRM_INPUT: invitations past the confirm deadline
    };
    /// Called at deadlineMs(): ticks CONFIRM_INPUT, or times out the current phase.
    DeadlineOutcome onDeadline(qint64 nowMs);

    struct LossOutcome {
        std::optional<RegisteredInput> dropped; ///< an invited input, dropped without blame
        QList<Blame> blames;
        bool failed = false;
    };
    /// The session's connection closed. Blamed DISCONNECT (and the mix fails) once its
    /// input holds a blind signature and has not signed yet.
    LossOutcome onDisconnect(const QString &sessionId, qint64 nowMs);
    /// Inputs the node reports spent. Those holding a blind signature are blamed SPENT and
    /// the mix fails; in CONFIRM_INPUT the others (no signature delivered yet) just leave.
    LossOutcome onInputsSpent(const QList<btc::OutPoint> &spent, qint64 nowMs);

    /// The blames of the failure that ended this mix.
    const QList<Blame> &blames() const { return m_blames; }
    /// Inputs of this mix that were not blamed (after a failure: the innocent ones).
    QList<RegisteredInput> unblamedInputs() const;

    /// Removes and returns the invited-but-unconfirmed inputs (they go back to the
    /// queue when the mix ends: they did nothing wrong).
    QList<RegisteredInput> takeConfirming();

    void succeed(qint64 nowMs);
    void failMix(FailReason reason, const QString &info, qint64 nowMs);
    /// Fails the mix charging @p blames (their inputs are the cause).
    void failBlaming(FailReason reason, const QList<Blame> &blames, qint64 nowMs);
    FailReason failReason() const { return m_failReason; }
    const QString &failInfo() const { return m_failInfo; }

private:
    bool hasMinMustMixAndFee() const;
    int liquiditySlots() const;
    int mustMixSlots() const;
    void recomputeSurge();
    void enterPhase(MixPhase phase, qint64 nowMs, int timeoutMs);
    MixInput *findSession(const QString &sessionId);
    bool clashes(const RegisteredInput &input) const;
    bool lastMustMixSlotLacksFee(const RegisteredInput &input, bool countInvitations) const;
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

    struct Invitation {
        RegisteredInput input;
        qint64 invitedAtMs = 0;
    };
    QHash<QString, Invitation> m_confirming; ///< by session id
    QSet<btc::OutPoint> m_sameWallet;        ///< refused in this mix: same wallet as an input in it
    QList<MixInput> m_inputs;
    QList<Blame> m_blames;
    QString m_inputsHash;

    struct Output {
        QString address;
        btc::Script scriptPubKey;
    };
    QList<Output> m_outputs;
    QSet<QByteArray> m_bordereaux; ///< compared by value, not by identity (a replayed bordereau is refused)
    QHash<QString, QByteArray> m_bordereauByAddress;
    btc::Transaction m_tx;

    FailReason m_failReason = FailReason::None;
    QString m_failInfo;
};

} // namespace wp::server::mix
