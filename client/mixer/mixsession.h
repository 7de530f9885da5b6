#pragma once

#include <mixer/asyncgate.h>
#include <mixer/mixstep.h>
#include <mixer/mixwallet.h>
#include <mixer/networkidentity.h>
#include <bitcoin/network.h>
#include <crypto/rsablind.h>
#include <protocol/messages.h>

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace wp::proto {
class StompFrame;
}

namespace wp::client {

class CoordinatorRestClient;
class StompClient;

/// What a MixSession needs besides the coin and the wallet.
struct MixConfig {
    QString poolId;                        ///< e.g. "0.01btc"
    btc::Amount denomination = 0;          ///< expected; the pool must announce exactly this
    btc::Network network = btc::Network::Main;
    QUrl coordinatorUrl;                   ///< http(s)://host[:port]; the WebSocket is ws(s)://host[:port]/ws/connect
    /// Identity of the STOMP session (the input side). With a proxy and no
    /// credentials, the session picks fresh random ones (its own Tor circuit).
    NetworkIdentity identity;
    /// Identity for registerOutput. Default (nullopt): identity.isolated(), i.e.
    /// the same proxy with fresh credentials. Always a different connection
    /// from the STOMP socket.
    std::optional<NetworkIdentity> outputIdentity;
    /// Identity for the key-tagging check (GET /rest/pools at each invitation).
    /// Default: identity.isolated() again, distinct from BOTH other identities:
    /// the coordinator chooses when each input is invited, so a fetch that
    /// follows an invitation can be linked to that input by timing; doing it
    /// over the output identity would link the input to its output.
    std::optional<NetworkIdentity> keyCheckIdentity;
    /// The wallet's current chain tip, read at each RegisterInputRequest (the
    /// coordinator refuses a height too far from its own node's tip, so a
    /// height captured when mixing started goes stale as blocks arrive and
    /// after a failover). Empty, or returning 0 or less: 0 is sent, which skips the check.
    /// Called on the session's thread; it must not block.
    std::function<int()> blockHeight;
    int connectTimeoutMs = 30000;
    int heartbeatMs = 20000;               ///< offered both ways
    int restTimeoutMs = 30000;
    int registerOutputAttempts = 11;       ///< classic REGISTER_OUTPUT_ATTEMPTS + 1
    int registerOutputRetryMs = 2000;      ///< pause between registerOutput attempts
};

/// One UTXO through one classic Whirlpool mix (protocol reference §8.1-§8.5):
/// CONNECTING -> CONNECTED -> REGISTERED_INPUT -> CONFIRMING_INPUT ->
/// CONFIRMED_INPUT -> REGISTERING_OUTPUT -> REGISTERED_OUTPUT -> SIGNING ->
/// SIGNED -> SUCCESS, or REVEALED_OUTPUT / FAIL. It checks the pool, defends
/// against key tagging (DESIGN §3: the invited mix key must equal the
/// fingerprint the pool publishes, fetched over an identity other than the
/// STOMP session's, and other than the output's too), blinds
/// a fresh bordereau per invitation, registers its output over the alternate
/// identity, and verifies the whole transaction before asking the wallet to sign.
/// A session is single-use: it ends with exactly one of succeeded(), failed() or
/// redirected(); then it is idle and may be deleted. Reconnection and retries
/// belong to the orchestrator.
///
/// Privacy: logs name the session id only, never the coin next to an address.
///
/// Thread affinity: the thread that creates it; all I/O is asynchronous, RSA
/// blinding runs on the global thread pool, wallet answers (from any thread)
/// are moved back to this thread. Not thread-safe.
class MixSession : public QObject {
    Q_OBJECT
public:
    /// @p wallet must not be null; the session keeps it alive while it may call it.
    MixSession(MixConfig config, MixUtxo utxo, std::shared_ptr<MixWallet> wallet, QObject *parent = nullptr);
    ~MixSession() override;

    /// Connects and starts mixing. Precondition: called once (WP_ASSERT).
    void start();
    /// Leaves the mix: closes the connection and emits failed(Stop). No-op once finished.
    void stop();

    /// The last step announced by stepChanged() (CONNECTING before start()).
    MixStep step() const { return m_step; }
    /// True once succeeded(), failed() or redirected() was emitted.
    bool isFinished() const { return m_finished; }
    /// Random id naming this session in logs.
    const QString &sessionId() const { return m_sessionId; }
    /// The mix this input joined (empty before CONFIRMED_INPUT).
    const QString &mixId() const { return m_mixId; }
    /// True when the coin joins as liquidity (value == denomination).
    bool isLiquidity() const { return m_utxo.value == m_config.denomination; }

    /// ws(s)://host[:port]/ws/connect for a coordinator base URL.
    static QUrl webSocketUrl(const QUrl &coordinatorUrl);

Q_SIGNALS:
    /// The step changed; @p message and @p progress are mixStepInfo(step).
    void stepChanged(wp::client::MixStep step, const QString &message, int progress);
    /// The attempt ended without success. @p message is for the user (the
    /// coordinator's own text for INPUT_REJECTED); @p errorCode is the
    /// coordinator's error code when it sent one (ErrorResponse), else 0.
    void failed(wp::client::MixFailReason reason, const QString &message, int errorCode);
    /// The mix transaction was broadcast; @p txid in display hex.
    void succeeded(const QString &txid);
    /// The instance does not own the pool (DESIGN §2.4); the session stopped.
    void redirected(const wp::proto::RedirectResponse &redirect);

private:
    void setStep(MixStep step);
    void finish(MixFailReason reason, const QString &message, int errorCode = 0);
    void closeConnections();

    void onConnected();
    void onMessage(const QString &messageType, const proto::StompFrame &frame);
    void onDisconnected(const QString &reason);

    void onSubscribePoolResponse(const proto::SubscribePoolResponse &response);
    /// MixConfig::blockHeight now (0 when unset or not positive).
    int currentBlockHeight() const;
    void onInvitation(const proto::ConfirmInputMixStatusNotification &invitation);
    void checkPublishedKey(const QString &mixId, const crypto::RsaPublicKey &key, int attempt);
    void blindAndConfirm(const QString &mixId, const crypto::RsaPublicKey &key, int attempt);
    void onConfirmInputResponse(const proto::ConfirmInputResponse &response);
    void onRegisterOutput(const proto::RegisterOutputMixStatusNotification &notification);
    void requestOutputAddress();
    void postRegisterOutput();
    void onRevealOutput(const proto::MixStatusNotification &notification);
    void onSigning(const proto::SigningMixStatusNotification &notification);
    void sendSignature(btc::Transaction tx, qsizetype inputIndex, Result<QList<QByteArray>> witness);
    void onSuccess(const proto::MixStatusNotification &notification);
    void onFail(const proto::MixStatusNotification &notification);

    MixConfig m_config;
    MixUtxo m_utxo;
    std::shared_ptr<MixWallet> m_wallet;
    QString m_sessionId;
    StompClient *m_stomp;
    CoordinatorRestClient *m_outputRest;   ///< alternate identity: registerOutput only
    CoordinatorRestClient *m_keyCheckRest; ///< third identity: published-key check only
    AsyncGate m_gate;

    MixStep m_step = MixStep::Connecting;
    bool m_started = false;
    bool m_finished = false;
    int m_attempt = 0; ///< bumped per invitation and at the end; stale async answers compare it

    // current invitation (not joined yet)
    QString m_inviteMixId;
    std::optional<crypto::RsaPublicKey> m_mixKey;
    std::optional<crypto::BlindingContext> m_blinding;
    std::optional<proto::RegisterOutputMixStatusNotification> m_bufferedRegisterOutput;
    std::optional<proto::SigningMixStatusNotification> m_bufferedSigning; ///< SIGNING that overtook our registerOutput reply
    std::optional<proto::MixStatusNotification> m_bufferedReveal; ///< REVEAL_OUTPUT that overtook our registerOutput reply

    // joined mix
    QString m_mixId;
    QByteArray m_blindSignature;
    QByteArray m_unblindedSignature;
    QString m_inputsHash;
    QString m_receiveAddress;
    btc::Script m_outputScript;
    int m_registerAttempts = 0;
    bool m_revealed = false;
    QString m_txid;
};

} // namespace wp::client
