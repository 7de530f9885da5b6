#pragma once

// A scripted hostile Whirlpool participant for the adversarial tests and the
// attack benchmark (issue #11). It is a real participant, built from the
// project's own pieces (StompClient, CoordinatorRestClient, rsablind, sighash,
// secp256k1 keys): it registers one input over its own STOMP session and then
// follows a HostileBehaviour, step by step, where an honest MixSession would
// follow the protocol. Every deviation is opt-in; the default behaviour is an
// honest client (it confirms, registers a fresh output, reveals it, signs).
//
// Typical use (one attacker input):
//
//     HostileCoin coin = HostileCoin::fromKey(outpoint, value, key);
//     HostileBehaviour b;
//     b.sign = SignMode::HighS;                   // the attack
//     HostileClient attacker({coordinatorUrl, 0.01btc, ...}, coin, b);
//     attacker.start();                           // connect, subscribe, REGISTER_INPUT
//     attacker.waitForStep(HostileStep::Confirmed, 30000);
//     ... start honest clients ...
//     attacker.waitForEnd(60000);                 // Success / MixFailed / Refused / Disconnected
//
// A benchmark keeps an attacker persistent by setting rejoinAfterFailMs (it
// registers again on a new STOMP session after each FAIL) or by creating a new
// HostileClient per round; doubleSpend() needs a node and mines, so it is for
// tests and benchmarks against a regtest node only.

#include <bcoinnode.h>

#include <bitcoin/amount.h>
#include <bitcoin/network.h>
#include <bitcoin/script.h>
#include <bitcoin/transaction.h>
#include <crypto/eckey.h>
#include <crypto/rsablind.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace wp::client {
class CoordinatorRestClient;
class StompClient;
} // namespace wp::client

namespace wp::proto {
class StompFrame;
}

namespace wp::test {

/// The coin an attacker input spends: a P2WPKH output and its private key.
struct HostileCoin {
    btc::OutPoint outpoint;
    btc::Amount value = 0;
    btc::Script scriptPubKey;               ///< P2WPKH of key
    std::optional<crypto::PrivKey> key;

    /// The coin of @p outpoint worth @p value paid to P2WPKH(@p key).
    static HostileCoin fromKey(const btc::OutPoint &outpoint, btc::Amount value, const crypto::PrivKey &key);
    /// What the coordinator blames for it: the Tx0 txid for a premix (mustMix)
    /// coin, "txid:index" for a remix (value == @p denomination).
    QString blameIdentifier(btc::Amount denomination) const;
};

/// Steps of a hostile input, in protocol order. Success, MixFailed, Refused and
/// Disconnected end an attempt.
enum class HostileStep {
    Idle,
    Connecting,
    Registered,     ///< REGISTER_INPUT sent (the coordinator answers only with errors)
    Invited,        ///< CONFIRM_INPUT notification received
    Confirmed,      ///< ConfirmInputResponse received: the input holds a blind signature
    RegisterOutput, ///< REGISTER_OUTPUT notification received
    RevealOutput,   ///< REVEAL_OUTPUT notification received
    Signing,        ///< SIGNING notification received
    Signed,         ///< a witness was sent
    Success,
    MixFailed,      ///< FAIL notification for our mix
    Refused,        ///< ErrorResponse (see lastError())
    Disconnected,   ///< the STOMP session ended (by us or by the coordinator)
};
QString hostileStepName(HostileStep step);

/// How the input signs at SIGNING.
enum class SignMode {
    Normal,       ///< a valid low-S SIGHASH_ALL witness, as an honest wallet
    HighS,        ///< the same signature with S replaced by n - S (still valid ECDSA, non-standard)
    SighashType,  ///< a valid signature of HostileBehaviour::sighashType (e.g. 0x81, 0x02)
    BadSignature, ///< a signature of another message (invalid)
    ExtraWitness, ///< a valid witness plus one extra stack item (wrong witness shape)
    Never,        ///< never answers SIGNING
};

/// A blind signature the coordinator gave one input in one mix: proof of a
/// confirmed input, good for one registerOutput. The signature covers the
/// bordereau only, not the address, so whoever holds a token may register any address once.
struct BlindToken {
    QString mixId;
    QString inputsHash;             ///< filled when REGISTER_OUTPUT of that mix arrived
    QByteArray bordereau;
    QByteArray unblindedSignature;
};

/// The script of one hostile input. Every field may be changed between steps
/// (behaviour() returns it by reference); hooks run on the client's thread.
struct HostileBehaviour {
    bool confirm = true;                       ///< answer CONFIRM_INPUT invitations
    std::optional<HostileStep> disconnectAt;   ///< close the STOMP session on reaching this step
    int disconnectDelayMs = 0;                 ///< ... this long after reaching it
    bool registerOutput = true;                ///< register an output at REGISTER_OUTPUT
    QString outputAddress;                     ///< that output; empty: a fresh address of a random key
    bool reveal = true;                        ///< answer REVEAL_OUTPUT
    QString revealAddress;                     ///< what to reveal; empty: the output registered (if any)
    SignMode sign = SignMode::Normal;
    quint8 sighashType = 0x01;                 ///< for SignMode::SighashType
    int rejoinAfterFailMs = -1;                ///< >= 0: register again on a new session this long after FAIL
    /// Runs at REGISTER_OUTPUT before the own output is registered (e.g. to
    /// register outputs with other tokens); @p inputsHash of the current mix.
    std::function<void(const QString &inputsHash)> onRegisterOutput;
    /// Runs at SIGNING after the witness is computed and before it is sent (e.g.
    /// doubleSpend()); may spin a nested event loop.
    std::function<void()> beforeSendingSignature;
};

/// Where and how the hostile input registers.
struct HostileConfig {
    QUrl coordinatorUrl;                    ///< http://host:port of the instance to register on
    QString poolId = QStringLiteral("0.01btc");
    btc::Amount denomination = 1'000'000;
    btc::Network network = btc::Network::Regtest;
    int blockHeight = 0;                    ///< 0: the coordinator skips the height check
};

/// One hostile input on its own STOMP session (its own random userHash per
/// client, so two attacker inputs are not "the same wallet"); registerOutput
/// goes over a separate REST client, as the honest client's alternate identity.
///
/// Thread affinity: the thread that creates it (all I/O asynchronous, except
/// the wait*() helpers and doubleSpend(), which spin a local event loop).
/// Not thread-safe.
class HostileClient : public QObject {
    Q_OBJECT
public:
    HostileClient(HostileConfig config, HostileCoin coin, HostileBehaviour behaviour = {}, QObject *parent = nullptr);
    ~HostileClient() override;

    HostileBehaviour &behaviour() { return m_behaviour; }
    const HostileCoin &coin() const { return m_coin; }
    /// The coordinator's blame identifier of this input.
    QString blameIdentifier() const { return m_coin.blameIdentifier(m_config.denomination); }
    /// Registers on another instance from the next start()/rejoin on (after a drain).
    void setCoordinatorUrl(const QUrl &url) { m_config.coordinatorUrl = url; }

    /// Connects a new STOMP session, subscribes to the pool and sends
    /// REGISTER_INPUT. May be called again after an attempt ended.
    void start();
    /// Closes the STOMP session now (a client vanishing without a word).
    void disconnectNow();

    HostileStep step() const { return m_step; }
    /// Every step reached, in order, over all attempts.
    const QList<HostileStep> &history() const { return m_history; }
    bool reached(HostileStep step) const { return m_history.contains(step); }
    /// The mix the input was confirmed in last (empty before Confirmed).
    const QString &mixId() const { return m_mixId; }
    /// Mixes whose FAIL this input received.
    const QStringList &failedMixIds() const { return m_failedMixIds; }
    /// The last ErrorResponse (Refused), e.g. code 612 "Banned from service...".
    const std::optional<proto::ErrorResponse> &lastError() const { return m_lastError; }
    /// The blind token of every mix this input was confirmed in, oldest first.
    const QList<BlindToken> &tokens() const { return m_tokens; }
    /// The output registered (by the automatic step) in the current mix, if any.
    const QString &registeredAddress() const { return m_registeredAddress; }
    /// Milliseconds since the epoch of the last step change.
    qint64 lastStepAtMs() const { return m_lastStepAtMs; }

    /// POST /rest/registerOutput with @p token (of any mix), @p address and
    /// @p inputsHash (empty: the token's). Answers through @p done on this thread.
    void registerOutput(const BlindToken &token, const QString &address, const QString &inputsHash,
                        std::function<void(Result<void>)> done);
    /// Same, waiting for the answer (local event loop). Returns: the coordinator's verdict.
    Result<void> registerOutputAndWait(const BlindToken &token, const QString &address, const QString &inputsHash = {},
                                       int timeoutMs = 15000);
    /// Sends REVEAL_OUTPUT for the current mix with @p address. Returns: false when not connected.
    bool reveal(const QString &address);

    /// Spins the event loop until step() == @p step (or it was reached since the
    /// last start()). Returns: false on timeout.
    bool waitForStep(HostileStep step, int timeoutMs);
    /// Spins the event loop until the attempt ended. Returns: false on timeout.
    bool waitForEnd(int timeoutMs);

    /// Builds, signs, sends and MINES (one block to @p minerAddress) a
    /// transaction spending this coin to a fresh address: bcoin's gettxout still
    /// calls an output unspent while only a mempool transaction spends it, so
    /// the spend must be in a block before the coordinator's next check.
    /// Returns: the double spend's txid, or why the node refused.
    Result<btc::Txid> doubleSpend(BcoinNode &node, const QString &minerAddress);

    /// A fresh P2WPKH address of a random key on @p network.
    static QString freshAddress(btc::Network network = btc::Network::Regtest);
    /// @p der (a DER ECDSA signature) with S replaced by n - S. Returns: nullopt if not strict DER.
    static std::optional<QByteArray> flipS(const QByteArray &der);

Q_SIGNALS:
    /// A new step (also the ends: Success, MixFailed, Refused, Disconnected).
    void stepChanged(wp::test::HostileStep step);

private:
    void setStep(HostileStep step);
    void onConnected();
    void onDisconnected();
    void onMessage(const QString &type, const proto::StompFrame &frame);
    void onInvitation(const proto::ConfirmInputMixStatusNotification &n);
    void onConfirmed(const proto::ConfirmInputResponse &r);
    void onRegisterOutput(const proto::RegisterOutputMixStatusNotification &n);
    void onRevealOutput(const QString &mixId);
    void onSigning(const proto::SigningMixStatusNotification &n);
    void onEnd(HostileStep end, const QString &mixId);
    QList<QByteArray> witnessFor(const btc::Transaction &tx, qsizetype index) const;

    HostileConfig m_config;
    HostileCoin m_coin;
    HostileBehaviour m_behaviour;
    QString m_userPreHash;
    client::StompClient *m_stomp = nullptr;
    client::CoordinatorRestClient *m_outputRest = nullptr;

    HostileStep m_step = HostileStep::Idle;
    QList<HostileStep> m_history;
    qint64 m_lastStepAtMs = 0;
    int m_attemptStart = 0; ///< index in m_history where the current attempt began
    QString m_inviteMixId;
    std::optional<crypto::RsaPublicKey> m_mixKey;
    std::optional<crypto::BlindingContext> m_blinding;
    QString m_mixId;
    QString m_registeredAddress;
    QStringList m_failedMixIds;
    std::optional<proto::ErrorResponse> m_lastError;
    QList<BlindToken> m_tokens;
};

} // namespace wp::test
