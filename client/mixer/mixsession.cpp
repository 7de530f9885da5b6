#include <mixer/mixsession.h>

#include <mixer/coordinatorrestclient.h>
#include <mixer/logging.h>
#include <mixer/mixtxverifier.h>
#include <mixer/stompclient.h>
#include <bitcoin/address.h>
#include <bitcoin/sighash.h>
#include <crypto/hash.h>
#include <crypto/random.h>
#include <protocol/stompframe.h>
#include <protocol/z85.h>
#include <util/assert.h>
#include <util/hex.h>

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace wp::client {

namespace {

/// Bordereau length of the classic client (ClientUtils.BORDEREAU_LENGTH).
constexpr int kBordereauLength = 30;

bool isType(const QString &messageType, const char *fqcn)
{
    // The Java clients match the full class name; we also accept the last
    // dot-segment, as the Rust client does, so a repackaged server still works.
    const QString full = QString::fromLatin1(fqcn);
    return messageType == full || proto::messageTypeShortName(messageType) == proto::messageTypeShortName(full);
}

} // namespace

MixSession::MixSession(MixConfig config, MixUtxo utxo, std::shared_ptr<MixWallet> wallet, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_utxo(std::move(utxo)),
      m_wallet(std::move(wallet)),
      m_sessionId(QString::fromLatin1(crypto::randomBytes(4).toHex())),
      m_stomp(new StompClient(this)),
      m_outputRest(nullptr),
      m_keyCheckRest(nullptr),
      m_gate(this)
{
    WP_ASSERT(m_wallet);
    if (m_config.identity.usesProxy() && m_config.identity.user.isEmpty())
        m_config.identity = m_config.identity.isolated(); // no circuit shared with other sessions
    NetworkIdentity output = m_config.outputIdentity.value_or(m_config.identity.isolated());
    if (output.usesProxy() && output == m_config.identity)
        output = output.isolated(); // never the input's circuit
    NetworkIdentity keyCheck = m_config.keyCheckIdentity.value_or(m_config.identity.isolated());
    if (keyCheck.usesProxy() && (keyCheck == m_config.identity || keyCheck == output))
        keyCheck = keyCheck.isolated();
    // Separate clients: separate QNetworkAccessManagers, so no shared TCP connection either.
    m_outputRest = new CoordinatorRestClient(m_config.coordinatorUrl, output, this);
    m_outputRest->setTimeout(m_config.restTimeoutMs);
    m_keyCheckRest = new CoordinatorRestClient(m_config.coordinatorUrl, keyCheck, this);
    m_keyCheckRest->setTimeout(m_config.restTimeoutMs);

    m_stomp->setIdentity(m_config.identity);
    m_stomp->setConnectTimeout(m_config.connectTimeoutMs);
    m_stomp->setHeartbeat(m_config.heartbeatMs, m_config.heartbeatMs);
    connect(m_stomp, &StompClient::connected, this, &MixSession::onConnected);
    connect(m_stomp, &StompClient::messageReceived, this, &MixSession::onMessage);
    connect(m_stomp, &StompClient::disconnected, this, &MixSession::onDisconnected);
}

MixSession::~MixSession()
{
    m_gate.close();
}

QUrl MixSession::webSocketUrl(const QUrl &coordinatorUrl)
{
    QUrl url = coordinatorUrl;
    url.setScheme(coordinatorUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1String(proto::endpoint::kWsConnect));
    return url;
}

void MixSession::start()
{
    WP_ASSERT(!m_started);
    m_started = true;
    qCInfo(lcMix) << "session" << m_sessionId << "starts in pool" << m_config.poolId
                  << (isLiquidity() ? "as liquidity" : "as mustMix");
    setStep(MixStep::Connecting);
    m_stomp->connectToServer(webSocketUrl(m_config.coordinatorUrl));
}

void MixSession::stop()
{
    finish(MixFailReason::Stop, mixFailReasonMessage(MixFailReason::Stop));
}

void MixSession::setStep(MixStep step)
{
    m_step = step;
    const MixStepInfo info = mixStepInfo(step);
    qCDebug(lcMix) << "session" << m_sessionId << mixStepName(step);
    Q_EMIT stepChanged(step, QString::fromLatin1(info.message), info.progress);
}

void MixSession::closeConnections()
{
    ++m_attempt;
    m_finished = true;
    m_blinding.reset(); // the unblinding factor links input and output: drop it
    m_stomp->disconnectFromServer();
}

void MixSession::finish(MixFailReason reason, const QString &message, int errorCode)
{
    if (m_finished)
        return;
    closeConnections();
    qCInfo(lcMix) << "session" << m_sessionId << "failed:" << mixFailReasonName(reason) << message;
    if (reason != MixFailReason::Stop && reason != MixFailReason::Cancel)
        setStep(MixStep::Fail);
    Q_EMIT failed(reason, message, errorCode);
}

// ---- transport ---------------------------------------------------------------

void MixSession::onConnected()
{
    if (m_finished)
        return;
    setStep(MixStep::Connected);
    m_stomp->subscribe(proto::endpoint::kPrivateReply, {{proto::header::kPoolId, m_config.poolId.toUtf8()}});
}

void MixSession::onDisconnected(const QString &reason)
{
    if (m_finished)
        return;
    finish(MixFailReason::Disconnected, reason);
}

void MixSession::onMessage(const QString &messageType, const proto::StompFrame &frame)
{
    if (m_finished)
        return;
    const QByteArray version = frame.header(proto::header::kProtocolVersion);
    if (!version.isNull() && version != proto::kProtocolVersion) {
        finish(MixFailReason::ProtocolMismatch,
               QStringLiteral("coordinator speaks protocol %1, not %2")
                   .arg(QString::fromUtf8(version.left(16)), QLatin1String(proto::kProtocolVersion)));
        return;
    }
    const QByteArray &body = frame.body();
    // Parses a message; a malformed one ends the session (the coordinator is not speaking our protocol).
    auto parsed = [&](auto result) {
        if (!result)
            finish(MixFailReason::MixFailed,
                   QStringLiteral("malformed %1 from coordinator: %2")
                       .arg(proto::messageTypeShortName(messageType), result.error().message));
        return result;
    };
    using namespace proto;
    if (isType(messageType, type::kSubscribePoolResponse)) {
        if (auto r = parsed(SubscribePoolResponse::fromJson(body)))
            onSubscribePoolResponse(*r);
    } else if (isType(messageType, type::kConfirmInputMixStatus)) {
        if (auto r = parsed(ConfirmInputMixStatusNotification::fromJson(body)))
            onInvitation(*r);
    } else if (isType(messageType, type::kConfirmInputResponse)) {
        if (auto r = parsed(ConfirmInputResponse::fromJson(body)))
            onConfirmInputResponse(*r);
    } else if (isType(messageType, type::kRegisterOutputMixStatus)) {
        if (auto r = parsed(RegisterOutputMixStatusNotification::fromJson(body)))
            onRegisterOutput(*r);
    } else if (isType(messageType, type::kRevealOutputMixStatus)) {
        if (auto r = parsed(MixStatusNotification::fromJson(body)))
            onRevealOutput(*r);
    } else if (isType(messageType, type::kSigningMixStatus)) {
        if (auto r = parsed(SigningMixStatusNotification::fromJson(body)))
            onSigning(*r);
    } else if (isType(messageType, type::kSuccessMixStatus)) {
        if (auto r = parsed(MixStatusNotification::fromJson(body)))
            onSuccess(*r);
    } else if (isType(messageType, type::kFailMixStatus)) {
        if (auto r = parsed(MixStatusNotification::fromJson(body)))
            onFail(*r);
    } else if (isType(messageType, type::kErrorResponse)) {
        if (auto r = parsed(ErrorResponse::fromJson(body))) {
            const MixFailReason reason =
                r->errorCode == error::kVersionMismatch ? MixFailReason::ProtocolMismatch : MixFailReason::InputRejected;
            finish(reason, r->message, r->errorCode);
        }
    } else if (isType(messageType, type::kRedirectResponse)) {
        if (auto r = parsed(RedirectResponse::fromJson(body))) {
            qCInfo(lcMix) << "session" << m_sessionId << "redirected for pool" << r->poolId;
            closeConnections();
            Q_EMIT redirected(*r);
        }
    } else {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores unknown message" << messageType.left(120);
    }
}

// ---- input registration ------------------------------------------------------

int MixSession::currentBlockHeight() const
{
    return m_config.blockHeight ? std::max(0, m_config.blockHeight()) : 0;
}

void MixSession::onSubscribePoolResponse(const proto::SubscribePoolResponse &pool)
{
    if (m_step != MixStep::Connected) {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores a repeated SubscribePoolResponse";
        return;
    }
    const btc::NetworkParams &params = btc::networkParams(m_config.network);
    if (pool.networkId != params.name) {
        finish(MixFailReason::PoolMismatch,
               QStringLiteral("pool is on network '%1', wallet on '%2'").arg(pool.networkId.left(32), params.name));
        return;
    }
    if (pool.denomination != m_config.denomination) {
        finish(MixFailReason::PoolMismatch, QStringLiteral("pool denomination is %1 sats, expected %2")
                                                .arg(pool.denomination)
                                                .arg(m_config.denomination));
        return;
    }
    if (!isLiquidity()) {
        const btc::Amount fee = m_utxo.value - pool.denomination;
        if (fee <= 0) {
            finish(MixFailReason::PoolMismatch, QStringLiteral("coin is smaller than the pool denomination"));
            return;
        }
        if (fee > kMaxAcceptableMixFee) {
            finish(MixFailReason::PoolMismatch,
                   QStringLiteral("coin would pay %1 sats of miner fee (more than %2)").arg(fee).arg(kMaxAcceptableMixFee));
            return;
        }
        if (m_utxo.value < pool.mustMixBalanceMin || m_utxo.value > pool.mustMixBalanceMax) {
            finish(MixFailReason::PoolMismatch, QStringLiteral("coin value is outside the pool's range [%1, %2]")
                                                    .arg(pool.mustMixBalanceMin)
                                                    .arg(pool.mustMixBalanceMax));
            return;
        }
    }

    const int attempt = m_attempt;
    m_wallet->signMessage(m_utxo, m_config.poolId.toUtf8(),
                          m_gate.wrap<Result<QString>>([this, attempt](Result<QString> signature) {
                              if (attempt != m_attempt || m_finished)
                                  return;
                              if (!signature) {
                                  finish(MixFailReason::InternalError,
                                         QStringLiteral("wallet could not sign: %1").arg(signature.error().message));
                                  return;
                              }
                              proto::RegisterInputRequest request;
                              request.poolId = m_config.poolId;
                              request.utxoHash = m_utxo.outpoint.txid.toHex();
                              request.utxoIndex = m_utxo.outpoint.index;
                              request.signature = *signature;
                              request.liquidity = isLiquidity();
                              request.blockHeight = currentBlockHeight();
                              m_stomp->send(proto::endpoint::kWsRegisterInput, proto::toJsonBytes(request.toJson()));
                              setStep(MixStep::RegisteredInput);
                          }));
}

// ---- invitation, key check, blinding -------------------------------------------

void MixSession::onInvitation(const proto::ConfirmInputMixStatusNotification &invitation)
{
    if (!m_mixId.isEmpty() || (m_step != MixStep::RegisteredInput && m_step != MixStep::ConfirmingInput)) {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores an invitation in step" << mixStepName(m_step);
        return;
    }
    // A new invitation replaces the previous one (requeue or new mix, trap §13.22).
    const int attempt = ++m_attempt;
    m_inviteMixId = invitation.mixId;
    m_blinding.reset();
    m_bufferedRegisterOutput.reset();
    m_mixKey.reset();

    const auto der = proto::decodeZ85(invitation.publicKey64);
    const auto key = der ? crypto::RsaPublicKey::fromDer(*der) : std::nullopt;
    if (!key) {
        finish(MixFailReason::MixFailed, QStringLiteral("invitation carries an invalid mix key"));
        return;
    }
    m_mixKey = key;
    qCInfo(lcMix) << "session" << m_sessionId << "invited to mix" << invitation.mixId;
    checkPublishedKey(invitation.mixId, *key, attempt);
}

void MixSession::checkPublishedKey(const QString &mixId, const crypto::RsaPublicKey &key, int attempt)
{
    // Key-tagging defence (DESIGN §3): the key we were invited with must be the
    // one the coordinator publishes to everybody, fetched over another identity
    // (neither the input's nor the output's: see MixConfig::keyCheckIdentity).
    m_keyCheckRest->fetchPools(this, [this, mixId, key, attempt](Result<proto::PoolsResponse> pools) {
        if (attempt != m_attempt || m_finished)
            return;
        if (!pools) {
            qCWarning(lcMix) << "session" << m_sessionId << "cannot check the mix key (" << pools.error().message
                             << "); waiting for another invitation";
            return;
        }
        const auto pool = std::find_if(pools->pools.cbegin(), pools->pools.cend(),
                                       [this](const proto::PoolInfo &p) { return p.poolId == m_config.poolId; });
        if (pool == pools->pools.cend()) {
            qCWarning(lcMix) << "session" << m_sessionId << "pool missing from /rest/pools; waiting for another invitation";
            return;
        }
        if (pool->mixId != mixId) {
            qCInfo(lcMix) << "session" << m_sessionId << "invited to" << mixId << "but the pool runs" << pool->mixId
                          << "; waiting for another invitation";
            return;
        }
        const QString expected = util::toHex(key.fingerprint());
        if (pool->mixKeyFingerprint.compare(expected, Qt::CaseInsensitive) != 0) {
            finish(MixFailReason::KeyMismatch,
                   pool->mixKeyFingerprint.isEmpty()
                       ? QStringLiteral("the coordinator does not publish the key of mix %1; refusing to join").arg(mixId)
                       : QStringLiteral("mix %1: this coin was invited with key %2 but the coordinator publishes %3 "
                                        "(possible tagging attack); refusing to join")
                             .arg(mixId, expected.left(16), pool->mixKeyFingerprint.left(16)));
            return;
        }
        blindAndConfirm(mixId, key, attempt);
    });
}

void MixSession::blindAndConfirm(const QString &mixId, const crypto::RsaPublicKey &key, int attempt)
{
    using Blinded = std::shared_ptr<const Result<crypto::BlindingContext>>;
    const QByteArray bordereau = crypto::randomBytes(kBordereauLength);
    auto *watcher = new QFutureWatcher<Blinded>(this);
    connect(watcher, &QFutureWatcher<Blinded>::finished, this, [this, watcher, mixId, attempt] {
        watcher->deleteLater();
        const Blinded blinded = watcher->result();
        if (attempt != m_attempt || m_finished)
            return;
        if (!*blinded) {
            finish(MixFailReason::InternalError, QStringLiteral("blinding failed: %1").arg(blinded->error().message));
            return;
        }
        m_blinding = blinded->value();
        proto::ConfirmInputRequest request;
        request.mixId = mixId;
        request.blindedBordereau64 = proto::encodeZ85(m_blinding->blinded());
        request.userHash = util::toHex(crypto::sha256((mixId + m_wallet->userPreHash()).toUtf8()));
        m_stomp->send(proto::endpoint::kWsConfirmInput, proto::toJsonBytes(request.toJson()));
        setStep(MixStep::ConfirmingInput);
    });
    watcher->setFuture(QtConcurrent::run([key, bordereau]() -> Blinded {
        return std::make_shared<const Result<crypto::BlindingContext>>(crypto::blind(key, bordereau));
    }));
}

void MixSession::onConfirmInputResponse(const proto::ConfirmInputResponse &response)
{
    if (!m_mixId.isEmpty() || m_step != MixStep::ConfirmingInput || !m_blinding || response.mixId != m_inviteMixId) {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores a ConfirmInputResponse in step" << mixStepName(m_step);
        return;
    }
    const auto signature = proto::decodeZ85(response.signedBordereau64);
    if (!signature) {
        finish(MixFailReason::MixFailed, QStringLiteral("malformed signedBordereau64 from coordinator"));
        return;
    }
    m_blindSignature = *signature;
    m_mixId = response.mixId;
    setStep(MixStep::ConfirmedInput);
    if (m_bufferedRegisterOutput) {
        const proto::RegisterOutputMixStatusNotification buffered = *m_bufferedRegisterOutput;
        m_bufferedRegisterOutput.reset();
        onRegisterOutput(buffered);
    }
}

// ---- output registration (alternate identity) -----------------------------------

void MixSession::onRegisterOutput(const proto::RegisterOutputMixStatusNotification &notification)
{
    if (m_mixId.isEmpty()) {
        // REGISTER_OUTPUT may overtake our ConfirmInputResponse (§8.1.5): keep it for later.
        if (m_step == MixStep::ConfirmingInput && notification.mixId == m_inviteMixId)
            m_bufferedRegisterOutput = notification;
        else
            qCInfo(lcMix) << "session" << m_sessionId << "ignores REGISTER_OUTPUT of a mix it did not join";
        return;
    }
    if (notification.mixId != m_mixId || m_step != MixStep::ConfirmedInput) {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores REGISTER_OUTPUT in step" << mixStepName(m_step);
        return;
    }
    m_inputsHash = notification.inputsHash;
    setStep(MixStep::RegisteringOutput);
    // One modular multiplication and a PSS verification with e = 65537: cheap enough for this thread.
    auto unblinded = crypto::unblind(*m_mixKey, *m_blinding, m_blindSignature);
    if (!unblinded) {
        finish(MixFailReason::MixFailed,
               QStringLiteral("the coordinator's blind signature is invalid: %1").arg(unblinded.error().message));
        return;
    }
    m_unblindedSignature = *unblinded;
    requestOutputAddress();
}

void MixSession::requestOutputAddress()
{
    const int attempt = m_attempt;
    m_wallet->nextOutputAddress(m_gate.wrap<Result<QString>>([this, attempt](Result<QString> address) {
        if (attempt != m_attempt || m_finished || m_step != MixStep::RegisteringOutput)
            return;
        if (!address) {
            finish(MixFailReason::InternalError,
                   QStringLiteral("wallet has no output address: %1").arg(address.error().message));
            return;
        }
        auto script = btc::addressToScript(*address, btc::networkParams(m_config.network));
        if (!script || !script->isP2wpkh()) {
            finish(MixFailReason::InternalError, QStringLiteral("wallet gave an output address that is not P2WPKH"));
            return;
        }
        m_receiveAddress = *address;
        m_outputScript = *script;
        postRegisterOutput();
    }));
}

void MixSession::postRegisterOutput()
{
    ++m_registerAttempts;
    proto::RegisterOutputRequest request;
    request.inputsHash = m_inputsHash;
    request.unblindedSignedBordereau64 = proto::encodeZ85(m_unblindedSignature);
    request.receiveAddress = m_receiveAddress;
    request.bordereau64 = proto::encodeZ85(m_blinding->message());
    const int attempt = m_attempt;
    m_outputRest->registerOutput(request, this, [this, attempt](Result<void> result) {
        if (attempt != m_attempt || m_finished || m_step != MixStep::RegisteringOutput)
            return;
        if (result) {
            qCInfo(lcMix) << "session" << m_sessionId << "registered its output";
            setStep(MixStep::RegisteredOutput);
            if (m_bufferedReveal) {
                const proto::MixStatusNotification buffered = *m_bufferedReveal;
                m_bufferedReveal.reset();
                onRevealOutput(buffered);
                return;
            }
            if (m_bufferedSigning) {
                const proto::SigningMixStatusNotification buffered = *m_bufferedSigning;
                m_bufferedSigning.reset();
                onSigning(buffered);
            }
            return;
        }
        const QString why = result.error().message;
        if (m_bufferedReveal) {
            // The output phase is over and ours is not registered: nothing to reveal, no retry.
            m_bufferedReveal.reset();
            qCInfo(lcMix) << "session" << m_sessionId << "could not register its output before REVEAL_OUTPUT:" << why;
            m_revealed = true;
            setStep(MixStep::RevealedOutput);
            return;
        }
        if (m_registerAttempts >= m_config.registerOutputAttempts) {
            finish(MixFailReason::MixFailed, QStringLiteral("could not register the output: %1").arg(why));
            return;
        }
        // "Output already registered": that address is burnt, take the next one.
        const bool newAddress = why.contains(QLatin1String("already registered"), Qt::CaseInsensitive);
        qCInfo(lcMix) << "session" << m_sessionId << "registerOutput attempt" << m_registerAttempts
                      << "failed:" << why << (newAddress ? "(next address)" : "(retrying)");
        QTimer::singleShot(m_config.registerOutputRetryMs, this, [this, attempt, newAddress] {
            if (attempt != m_attempt || m_finished || m_step != MixStep::RegisteringOutput)
                return;
            newAddress ? requestOutputAddress() : postRegisterOutput();
        });
    });
}

// ---- reveal, signing, result -------------------------------------------------------

void MixSession::onRevealOutput(const proto::MixStatusNotification &notification)
{
    const bool eligible = m_step == MixStep::ConfirmedInput || m_step == MixStep::RegisteringOutput ||
                          m_step == MixStep::RegisteredOutput;
    if (m_mixId.isEmpty() || notification.mixId != m_mixId || !eligible) {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores REVEAL_OUTPUT in step" << mixStepName(m_step);
        return;
    }
    if (m_step == MixStep::RegisteringOutput) {
        // REVEAL_OUTPUT travels over the STOMP socket, the registerOutput reply over
        // another connection: it may overtake a registration the coordinator already
        // accepted. Answer once the reply says whether there is an output to reveal;
        // not revealing a registered output would put the blame on us.
        m_bufferedReveal = notification;
        return;
    }
    // Only a registered output can be revealed; revealing proves we are not the peer who failed to register.
    if (m_step == MixStep::RegisteredOutput) {
        proto::RevealOutputRequest request;
        request.mixId = m_mixId;
        request.receiveAddress = m_receiveAddress;
        m_stomp->send(proto::endpoint::kWsRevealOutput, proto::toJsonBytes(request.toJson()));
    }
    m_revealed = true;
    setStep(MixStep::RevealedOutput);
}

void MixSession::onSigning(const proto::SigningMixStatusNotification &notification)
{
    if (!m_mixId.isEmpty() && notification.mixId == m_mixId && m_step == MixStep::RegisteringOutput) {
        // The last output registered (maybe ours) started SIGNING before our HTTP reply arrived.
        m_bufferedSigning = notification;
        return;
    }
    if (m_mixId.isEmpty() || notification.mixId != m_mixId || m_step != MixStep::RegisteredOutput || m_revealed) {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores SIGNING in step" << mixStepName(m_step);
        return;
    }
    const auto raw = proto::decodeZ85(notification.transaction64);
    auto tx = raw ? btc::Transaction::deserialize(*raw) : Result<btc::Transaction>(fail(QStringLiteral("bad Z85")));
    if (!tx) {
        finish(MixFailReason::InvalidTransaction,
               QStringLiteral("the mix transaction cannot be decoded: %1").arg(tx.error().message));
        return;
    }
    MixTxExpectation expected;
    expected.inputsHash = m_inputsHash;
    expected.ownInput = m_utxo.outpoint;
    expected.ownValue = m_utxo.value;
    expected.liquidity = isLiquidity();
    expected.ownOutputScript = m_outputScript;
    expected.denomination = m_config.denomination;
    const auto inputIndex = verifyMixTransaction(*tx, expected);
    if (!inputIndex) {
        finish(MixFailReason::InvalidTransaction,
               QStringLiteral("not signing the mix transaction: %1").arg(inputIndex.error().message));
        return;
    }
    setStep(MixStep::Signing);
    const int attempt = m_attempt;
    const qsizetype index = *inputIndex;
    btc::Transaction unsignedTx = *tx;
    m_wallet->signInput(m_utxo, unsignedTx, index,
                        m_gate.wrap<Result<QList<QByteArray>>>(
                            [this, attempt, unsignedTx, index](Result<QList<QByteArray>> witness) {
                                if (attempt != m_attempt || m_finished || m_step != MixStep::Signing)
                                    return;
                                sendSignature(unsignedTx, index, std::move(witness));
                            }));
}

void MixSession::sendSignature(btc::Transaction tx, qsizetype inputIndex, Result<QList<QByteArray>> witness)
{
    if (!witness) {
        finish(MixFailReason::InternalError, QStringLiteral("wallet could not sign: %1").arg(witness.error().message));
        return;
    }
    tx.inputs[inputIndex].witness = *witness;
    if (auto valid = btc::verifyP2wpkhInput(tx, inputIndex, m_utxo.value, m_utxo.scriptPubKey); !valid) {
        finish(MixFailReason::InternalError,
               QStringLiteral("wallet produced an invalid signature: %1").arg(valid.error().message));
        return;
    }
    proto::SigningRequest request;
    request.mixId = m_mixId;
    for (const QByteArray &item : std::as_const(*witness))
        request.witnesses64.append(proto::encodeZ85(item));
    m_stomp->send(proto::endpoint::kWsSigning, proto::toJsonBytes(request.toJson()));
    m_txid = tx.txid().toHex();
    setStep(MixStep::Signed);
}

void MixSession::onSuccess(const proto::MixStatusNotification &notification)
{
    if (m_mixId.isEmpty() || notification.mixId != m_mixId || m_step != MixStep::Signed) {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores SUCCESS in step" << mixStepName(m_step);
        return;
    }
    closeConnections();
    qCInfo(lcMix) << "session" << m_sessionId << "mix" << m_mixId << "succeeded";
    setStep(MixStep::Success);
    Q_EMIT succeeded(m_txid);
}

void MixSession::onFail(const proto::MixStatusNotification &notification)
{
    const bool ours = (!m_mixId.isEmpty() && notification.mixId == m_mixId) ||
                      (m_mixId.isEmpty() && m_step == MixStep::ConfirmingInput && notification.mixId == m_inviteMixId);
    if (!ours) {
        qCInfo(lcMix) << "session" << m_sessionId << "ignores FAIL of another mix";
        return;
    }
    finish(MixFailReason::MixFailed, mixFailReasonMessage(MixFailReason::MixFailed));
}

} // namespace wp::client
