#include <poolservice.h>

#include <logging.h>

#include <bitcoin/address.h>
#include <crypto/random.h>
#include <net/noderpcclient.h>
#include <protocol/z85.h>
#include <util/async.h>
#include <util/hex.h>

#include <memory>
#include <utility>

namespace wp::server {

using mix::Mix;
using mix::MixPhase;

namespace {

QString newMixId() { return util::toHex(crypto::randomBytes(16)); }

} // namespace

PoolService::PoolService(mix::PoolConfig pool, mix::MixTimings timings, Deps deps, QObject *parent)
    : QObject(parent), m_pool(std::move(pool)), m_timings(timings), m_deps(std::move(deps)),
      m_queue([](std::uint64_t bound) { return crypto::randomBelow(bound); })
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PoolService::onDeadline);
    prepareKey();
}

PoolService::~PoolService() = default;

void PoolService::prepareKey()
{
    if (m_nextKey || m_keyPending)
        return;
    m_keyPending = true;
    // RSA-2048 generation takes tens to hundreds of milliseconds: never on the event loop.
    util::runInThreadPool<std::shared_ptr<const crypto::RsaKeyPair>>(
        this, [] { return std::make_shared<const crypto::RsaKeyPair>(crypto::RsaKeyPair::generate()); },
        [this](std::shared_ptr<const crypto::RsaKeyPair> key) {
            m_keyPending = false;
            m_nextKey = std::move(key);
            if (m_running && !m_mix)
                startNextMix();
        });
}

void PoolService::start(qint64 epoch)
{
    m_epoch = epoch;
    m_running = true;
    if (!m_mix)
        startNextMix();
}

namespace {
const QString kHandoverNotice =
    QStringLiteral("The pool is moving to another coordinator instance: reconnect to be redirected");
}

void PoolService::drain(std::function<void()> drained)
{
    WP_ASSERT(drained);
    if (!m_running)
        return drained();
    if (m_onDrained) // already draining: the first caller is told
        return;
    m_onDrained = std::move(drained);
    qCInfo(lcPool).noquote() << m_pool.poolId << "drains";
    for (const mix::RegisteredInput &input : m_queue.all())
        sendError(input.sessionId, proto::error::kPoolUnavailable, kHandoverNotice);
    m_queue.clear();
    if (!m_mix || m_mix->phase() == MixPhase::ConfirmInput)
        discardCollectingMix(kHandoverNotice);
    // else: the mix runs to its end, and finishMix() -> startNextMix() completes the drain.
}

void PoolService::discardCollectingMix(const QString &notice)
{
    if (m_mix) {
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "discarded while collecting inputs";
        for (const mix::MixInput &input : m_mix->inputs())
            sendError(input.input.sessionId, proto::error::kPoolUnavailable, notice);
        for (const mix::RegisteredInput &input : m_mix->takeConfirming())
            sendError(input.sessionId, proto::error::kPoolUnavailable, notice);
    }
    finishDrain();
}

void PoolService::finishDrain()
{
    m_running = false;
    m_mix.reset();
    m_timer.stop();
    m_busy = false;
    m_outputsBeingStored = 0;
    qCInfo(lcPool).noquote() << m_pool.poolId << "drained";
    auto drained = std::exchange(m_onDrained, nullptr);
    if (drained && m_savesInFlight > 0)
        m_afterSaves = std::move(drained); // released once the last mix row is stored
    else if (drained)
        drained();
}

void PoolService::stop(const QString &notice)
{
    m_onDrained = nullptr;
    m_afterSaves = nullptr; // the lease is gone: nothing left to release
    if (!m_running)
        return;
    m_running = false;
    if (m_mix && !m_mix->isOver()) {
        m_mix->failMix(mix::FailReason::Coordinator, notice, now());
        finishMix({});
    }
    m_mix.reset();
    m_timer.stop();
    for (const mix::RegisteredInput &input : m_queue.all())
        sendError(input.sessionId, proto::error::kPoolUnavailable, notice);
    m_queue.clear();
}

void PoolService::startNextMix()
{
    m_mix.reset();
    m_busy = false;
    m_outputsBeingStored = 0;
    if (!m_running)
        return;
    if (m_onDrained)
        return finishDrain();
    if (!m_nextKey) {
        prepareKey(); // the mix starts when the key is ready
        return;
    }
    m_mix = std::make_unique<Mix>(m_pool, m_timings, newMixId(), std::move(m_nextKey), now());
    m_nextKey.reset();
    prepareKey();
    qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "started";
    Q_EMIT mixStarted(m_mix->mixId());
    invite();
    armTimer();
}

void PoolService::armTimer()
{
    if (!m_mix || m_mix->isOver()) {
        m_timer.stop();
        return;
    }
    m_timer.start(int(qBound<qint64>(0, m_mix->deadlineMs() - now(), 24LL * 3600 * 1000)));
}

void PoolService::onDeadline()
{
    if (!m_mix || m_busy) {
        armTimer();
        return;
    }
    const MixPhase before = m_mix->phase();
    const Mix::DeadlineOutcome out = m_mix->onDeadline(now());
    if (out.failed) {
        finishMix(out.blames);
        return;
    }
    if (before == MixPhase::RegisterOutput && m_mix->phase() == MixPhase::RevealOutput) {
        // Some outputs are missing: honest participants prove which output is theirs (§3.9).
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "REVEAL_OUTPUT";
        sendToInputs(proto::type::kRevealOutputMixStatus,
                     proto::MixStatusNotification{proto::MixStatus::RevealOutput, m_mix->mixId()}.toJson());
    }
    switch (out.tick) {
    case Mix::TickAction::InviteMore:
    case Mix::TickAction::WaitForSurge:
        invite();
        break;
    case Mix::TickAction::StartRegisterOutput:
        beginRegisterOutput();
        break;
    case Mix::TickAction::None:
        break;
    }
    armTimer();
}

void PoolService::registerInput(mix::RegisteredInput input)
{
    const QString session = input.sessionId;
    if (m_mix && m_mix->hasInput(input.outpoint))
        return; // already mixing: silently ignored, as classic does
    if (m_onDrained)
        return sendError(session, proto::error::kPoolUnavailable, kHandoverNotice);
    switch (m_queue.add(std::move(input))) {
    case mix::InputQueue::AddResult::Added:
    case mix::InputQueue::AddResult::AlreadyQueued:
        break;
    case mix::InputQueue::AddResult::SessionHasAnotherInput:
        sendError(session, proto::error::kInputAlreadyRegistered,
                  QStringLiteral("Username already registered another input"));
        break;
    }
}

void PoolService::invite()
{
    if (!m_mix || m_mix->phase() != MixPhase::ConfirmInput)
        return;
    // Liquidity first, then mustMix (§3.4); each pick is uniformly random.
    for (const bool liquidity : {true, false}) {
        for (int wanted = m_mix->invitationsWanted(liquidity); wanted > 0; --wanted) {
            auto input = m_queue.takeRandom(liquidity, [&](const mix::RegisteredInput &i) { return m_mix->acceptsInvitation(i); });
            if (!input)
                break;
            m_mix->addConfirming(*input);
            if (m_deps.inviteDelayMs <= 0) {
                sendInvitation(m_mix->mixId(), *input);
            } else {
                QTimer::singleShot(m_deps.inviteDelayMs, this, [this, mixId = m_mix->mixId(), i = *input] {
                    if (isCurrent(mixId) && m_mix->isConfirming(i.sessionId))
                        sendInvitation(mixId, i);
                });
            }
        }
    }
}

void PoolService::sendInvitation(const QString &mixId, const mix::RegisteredInput &input)
{
    const proto::ConfirmInputMixStatusNotification n{mixId, proto::encodeZ85(m_mix->key().publicKeyDer())};
    m_deps.messenger.sendToSession(input.sessionId, proto::type::kConfirmInputMixStatus, n.toJson());
}

void PoolService::confirmInput(const QString &sessionId, const proto::ConfirmInputRequest &request)
{
    if (!m_mix || request.mixId != m_mix->mixId()) {
        // A confirmation for a mix that is over: the input was requeued and waits for a new invitation.
        if (!m_queue.containsSession(sessionId))
            sendError(sessionId, proto::error::kServerError, QStringLiteral("Confirming input not found"));
        return;
    }
    const auto blinded = proto::decodeZ85(request.blindedBordereau64);
    if (!blinded) {
        sendError(sessionId, proto::error::kInvalidArgument, QStringLiteral("Invalid blindedBordereau64"));
        return;
    }
    Mix::ConfirmResult result = m_mix->confirmInput(sessionId, request.userHash);
    switch (result.verdict) {
    case Mix::ConfirmVerdict::Requeue:
        qCDebug(lcPool).noquote() << "session" << sessionId << "requeued:" << result.reason;
        m_queue.requeue(std::move(*result.input));
        return;
    case Mix::ConfirmVerdict::NotInvited:
        if (!m_queue.containsSession(sessionId))
            sendError(sessionId, proto::error::kServerError, result.reason);
        return;
    case Mix::ConfirmVerdict::AlreadyConfirmed:
        sendError(sessionId, proto::error::kInputAlreadyRegistered, result.reason);
        return;
    case Mix::ConfirmVerdict::Accept:
        break;
    }
    // Raw RSA on the blinded bordereau (~1 ms per 2048-bit signature): in the thread pool.
    auto key = std::shared_ptr<const crypto::RsaKeyPair>(m_mix->keyShared());
    util::runInThreadPool<Result<QByteArray>>(
        this, [key, b = *blinded] { return key->signBlinded(b); },
        [this, sessionId, mixId = m_mix->mixId()](Result<QByteArray> signature) {
            if (!isCurrent(mixId) || m_mix->phase() != MixPhase::ConfirmInput)
                return;
            if (!signature) {
                // A blinded value >= n or of the wrong size: the client's fault, and it leaves the mix.
                sendError(sessionId, proto::error::kInvalidArgument, signature.error().message);
                const auto out = m_mix->onDisconnect(sessionId, now());
                if (out.failed)
                    finishMix({});
                return;
            }
            const proto::ConfirmInputResponse response{mixId, proto::encodeZ85(*signature)};
            m_deps.messenger.sendToSession(sessionId, proto::type::kConfirmInputResponse, response.toJson());
            m_mix->confirmationSent(sessionId);
        });
}

void PoolService::checkUnspent(const QString &mixId, std::function<void(QList<btc::OutPoint>)> then)
{
    struct Pending {
        int remaining = 0;
        bool error = false;
        QList<btc::OutPoint> spent;
    };
    auto state = std::make_shared<Pending>();
    const QList<mix::MixInput> inputs = m_mix->inputs();
    if (inputs.isEmpty())
        return then({});
    state->remaining = int(inputs.size());
    m_busy = true;
    for (const mix::MixInput &input : inputs) {
        const btc::OutPoint outpoint = input.input.outpoint;
        m_deps.node.getTxOut(outpoint.txid.toHex(), int(outpoint.index), this,
                             [this, state, outpoint, mixId, then](Result<std::optional<wp::net::TxOutInfo>> r) {
                                 if (!r)
                                     state->error = true;
                                 else if (!r->has_value())
                                     state->spent.append(outpoint);
                                 if (--state->remaining > 0)
                                     return;
                                 m_busy = false;
                                 if (!isCurrent(mixId))
                                     return;
                                 if (state->error) {
                                     qCWarning(lcPool).noquote() << m_pool.poolId << "cannot check inputs on the node; retrying";
                                     armTimer();
                                     return;
                                 }
                                 then(state->spent);
                             });
    }
}

void PoolService::beginRegisterOutput()
{
    checkUnspent(m_mix->mixId(), [this](QList<btc::OutPoint> spent) {
        if (m_mix->phase() != MixPhase::ConfirmInput)
            return;
        if (!spent.isEmpty()) {
            m_mix->dropSpentInputs(spent); // not blamable yet: wait for the next tick
            armTimer();
            return;
        }
        if (!m_mix->isReady()) {
            armTimer();
            return;
        }
        for (mix::RegisteredInput &input : m_mix->startRegisterOutput(now()))
            m_queue.requeue(std::move(input));
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "REGISTER_OUTPUT with"
                                 << m_mix->nbInputs() << "inputs";
        sendToInputs(proto::type::kRegisterOutputMixStatus,
                     proto::RegisterOutputMixStatusNotification{m_mix->mixId(), m_mix->inputsHash()}.toJson());
        armTimer();
    });
}

bool PoolService::ownsInputsHash(const QString &inputsHash) const
{
    return m_mix && !m_mix->inputsHash().isEmpty() && m_mix->inputsHash() == inputsHash;
}

void PoolService::registerOutput(const proto::RegisterOutputRequest &request, QObject *context,
                                 std::function<void(Result<void>)> done)
{
    if (!ownsInputsHash(request.inputsHash) || m_mix->phase() != MixPhase::RegisterOutput)
        return done(fail(proto::error::kInvalidArgument, QStringLiteral("Mix failed")));
    const auto address = btc::Address::fromString(request.receiveAddress, btc::networkParams(m_deps.network));
    if (!address || (address->type() != btc::AddressType::P2wpkh && address->type() != btc::AddressType::P2wsh))
        return done(fail(proto::error::kInvalidArgument, QStringLiteral("Invalid receiveAddress")));
    const auto signature = proto::decodeZ85(request.unblindedSignedBordereau64);
    const auto bordereau = request.bordereau64.isNull() ? std::optional<QByteArray>(request.receiveAddress.toUtf8())
                                                        : proto::decodeZ85(request.bordereau64);
    if (!signature || !bordereau)
        return done(fail(proto::error::kInvalidArgument, QStringLiteral("Invalid bordereau encoding")));
    const QString addressText = address->toString();
    auto registered = m_mix->registerOutput(addressText, address->scriptPubKey(), *bordereau, *signature);
    if (!registered)
        return done(fail(proto::error::kInvalidArgument, registered.error().message));

    QPointer<QObject> caller(context);
    const QString mixId = m_mix->mixId();
    ++m_outputsBeingStored;
    m_deps.store.insertOutput(LeaseFence{m_pool.poolId, m_deps.instanceId, m_epoch}, addressText, mixId, this,
                              [=, this](Result<bool> inserted) {
        const bool current = isCurrent(mixId);
        if (!inserted && inserted.error().code == MixStore::kLeaseLost) // lost the pool: the fence stops it
            qCInfo(lcPool).noquote() << m_pool.poolId << "output not stored:" << inserted.error().message;
        if (!inserted || !*inserted) {
            if (current) {
                --m_outputsBeingStored;
                m_mix->releaseOutput(addressText);
            }
            if (caller)
                done(inserted ? fail(proto::error::kInputAlreadyRegistered, QStringLiteral("Output already registered"))
                              : fail(proto::error::kServerError, QStringLiteral("Server error")));
            return;
        }
        if (current)
            --m_outputsBeingStored;
        if (caller)
            done({});
        if (current)
            maybeBeginSigning();
    });
}

void PoolService::maybeBeginSigning()
{
    // Every output must be registered AND stored in the shared table: an address the table
    // refuses is released again, and its owner retries with another one.
    if (m_mix && m_mix->phase() == MixPhase::RegisterOutput && m_mix->hasAllOutputs() && m_outputsBeingStored == 0 &&
        !m_busy)
        beginSigning();
}

void PoolService::beginSigning()
{
    checkUnspent(m_mix->mixId(), [this](QList<btc::OutPoint> spent) {
        if (m_mix->phase() != MixPhase::RegisterOutput)
            return;
        if (!m_mix->hasAllOutputs() || m_outputsBeingStored > 0) {
            maybeBeginSigning(); // an output was refused meanwhile: wait for its replacement
            return;
        }
        if (!spent.isEmpty()) {
            finishMix(m_mix->failOnSpentInputs(spent, now()));
            return;
        }
        const btc::Transaction &tx = m_mix->startSigning(now());
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "SIGNING";
        sendToInputs(proto::type::kSigningMixStatus,
                     proto::SigningMixStatusNotification{m_mix->mixId(), proto::encodeZ85(tx.serialize(false))}.toJson());
        armTimer();
    });
}

void PoolService::revealOutput(const QString &sessionId, const proto::RevealOutputRequest &request)
{
    if (!m_mix || request.mixId != m_mix->mixId())
        return;
    auto done = m_mix->revealOutput(sessionId, request.receiveAddress);
    if (!done) {
        sendError(sessionId, proto::error::kInvalidArgument, done.error().message);
        return;
    }
    if (*done) // all but one revealed: blame the silent one now
        finishMix(m_mix->onDeadline(now()).blames);
}

void PoolService::signing(const QString &sessionId, const proto::SigningRequest &request)
{
    if (!m_mix || request.mixId != m_mix->mixId()) {
        sendError(sessionId, proto::error::kInvalidArgument, QStringLiteral("Mix not found"));
        return;
    }
    QList<QByteArray> witness;
    for (const QString &item : request.witnesses64) {
        const auto bytes = proto::decodeZ85(item);
        if (!bytes) {
            sendError(sessionId, proto::error::kInvalidArgument, QStringLiteral("Invalid witnesses64"));
            return;
        }
        witness.append(*bytes);
    }
    auto allSigned = m_mix->registerSignature(sessionId, witness);
    if (!allSigned) {
        sendError(sessionId, proto::error::kInvalidArgument, allSigned.error().message);
        return;
    }
    if (*allSigned)
        broadcast();
}

void PoolService::broadcast()
{
    if (m_broadcastGuard && !m_broadcastGuard()) {
        m_mix->failMix(mix::FailReason::Coordinator, QStringLiteral("lease lost before broadcast"), now());
        finishMix({});
        return;
    }
    const btc::Transaction tx = m_mix->transaction();
    m_busy = true;
    m_timer.stop();
    // Remix provenance first (see MixStore::recordMixTxid), then the broadcast, still under the lease.
    m_deps.store.recordMixTxid(
        LeaseFence{m_pool.poolId, m_deps.instanceId, m_epoch}, tx.txid().toHex(), m_pool.denomination, this,
        [this, tx, mixId = m_mix->mixId()](Result<void> recorded) {
            if (!isCurrent(mixId) || m_mix->phase() != MixPhase::Signing) {
                m_busy = false;
                return;
            }
            // The database says the lease is gone: lost the pool, never broadcast.
            const bool leaseLost = !recorded && recorded.error().code == MixStore::kLeaseLost;
            if (!recorded && !leaseLost) // the mix is still good for its users; saveMix() tries again
                qCWarning(lcPool).noquote() << m_pool.poolId << "could not record the mix txid before broadcasting:"
                                            << recorded.error().message;
            if (leaseLost || (m_broadcastGuard && !m_broadcastGuard())) {
                m_busy = false;
                m_mix->failMix(mix::FailReason::Coordinator, QStringLiteral("lease lost before broadcast"), now());
                finishMix({});
                return;
            }
            sendToNode(tx);
        });
}

void PoolService::sendToNode(const btc::Transaction &tx)
{
    m_deps.node.broadcast(tx.serialize(true), tx.txid().toHex(), this,
                          [this, mixId = m_mix->mixId()](Result<void> r) {
                              m_busy = false;
                              if (!isCurrent(mixId) || m_mix->phase() != MixPhase::Signing)
                                  return;
                              if (r) {
                                  m_mix->succeed(now());
                              } else {
                                  qCWarning(lcPool).noquote() << m_pool.poolId << "broadcast failed:" << r.error().message;
                                  m_mix->failMix(mix::FailReason::Broadcast, r.error().message.left(200), now());
                              }
                              finishMix({});
                          });
}

void PoolService::sessionClosed(const QString &sessionId)
{
    m_queue.removeSession(sessionId);
    if (!m_mix || (m_busy && m_mix->phase() == MixPhase::Signing)) // broadcasting: its signature is in
        return;
    const Mix::DisconnectOutcome out = m_mix->onDisconnect(sessionId, now());
    if (out.failed)
        finishMix(out.blame ? QList<mix::Blame>{*out.blame} : QList<mix::Blame>{});
}

void PoolService::finishMix(const QList<mix::Blame> &blames)
{
    WP_ASSERT(m_mix && m_mix->isOver());
    Mix &mix = *m_mix;
    if (mix.nbInputs() == 0) { // nobody joined (e.g. stopped while waiting): nothing to tell or keep
        for (mix::RegisteredInput &input : mix.takeConfirming())
            m_queue.requeue(std::move(input));
        startNextMix();
        return;
    }
    const bool success = mix.phase() == MixPhase::Success;
    const QString mixId = mix.mixId();

    // Blames, like the mix history, are written only under a lease we still hold (fencing).
    const bool leaseHeld = !m_broadcastGuard || m_broadcastGuard();
    if (!blames.isEmpty() && leaseHeld) {
        m_deps.store.blame(LeaseFence{m_pool.poolId, m_deps.instanceId, m_epoch}, blames, mixId, m_deps.banPolicy, this,
                           [pool = m_pool.poolId](Result<QStringList> banned) {
            if (!banned)
                qCWarning(lcPool).noquote() << pool << "could not record blames:" << banned.error().message;
            else if (!banned->isEmpty())
                qCInfo(lcPool).noquote() << pool << banned->size() << "input(s) banned";
        });
    }
    if (success) {
        sendToInputs(proto::type::kSuccessMixStatus, proto::MixStatusNotification{proto::MixStatus::Success, mixId}.toJson());
    } else {
        sendToInputs(proto::type::kFailMixStatus, proto::MixStatusNotification{proto::MixStatus::Fail, mixId}.toJson());
        // The addresses of a failed mix may be used again by their honest owners.
        m_deps.store.deleteOutputs(LeaseFence{m_pool.poolId, m_deps.instanceId, m_epoch}, mixId, this,
                                   [pool = m_pool.poolId](Result<void> r) {
            if (!r)
                qCWarning(lcPool).noquote() << pool << "could not free the outputs of a failed mix:" << r.error().message;
        });
    }
    for (mix::RegisteredInput &input : mix.takeConfirming())
        m_queue.requeue(std::move(input));

    MixRecord record;
    record.instanceId = m_deps.instanceId;
    record.epoch = m_epoch;
    record.poolId = m_pool.poolId;
    record.mixId = mixId;
    record.denomination = m_pool.denomination;
    record.anonymitySet = mix.nbInputs();
    record.nbMustMix = mix.nbMustMix();
    record.nbLiquidities = mix.nbLiquidity();
    for (const mix::MixInput &i : mix.inputs())
        record.amountIn += i.input.prevout.value;
    record.durationS = int((now() - mix.createdAtMs()) / 1000);
    record.status = success ? QStringLiteral("SUCCESS") : QStringLiteral("FAIL");
    record.failReason = mix::failReasonName(mix.failReason());
    record.failInfo = mix.failInfo();
    if (success) {
        const btc::Transaction &tx = mix.transaction();
        record.amountOut = *tx.totalOutput();
        record.feesAmount = record.amountIn - record.amountOut;
        record.feesPrice = tx.vsize() > 0 ? record.feesAmount / tx.vsize() : 0;
        record.txid = tx.txid().toHex();
        record.rawTx = tx.serialize(true);
    }
    qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << mixId << record.status << record.failReason;
    // Mix history is written under a lease we still hold (fencing): a mix that ended
    // because the lease was lost is not recorded under an epoch that is over.
    if (leaseHeld) {
        ++m_savesInFlight;
        m_deps.store.saveMix(LeaseFence{m_pool.poolId, m_deps.instanceId, m_epoch}, record, this,
                             [this, mixId](Result<void> r) {
            if (!r)
                qCWarning(lcPool).noquote() << m_pool.poolId << "could not save mix" << mixId << ":" << r.error().message;
            if (--m_savesInFlight == 0)
                if (auto release = std::exchange(m_afterSaves, nullptr))
                    release();
        });
    } else {
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << mixId << "not recorded: epoch" << m_epoch << "is over";
    }
    Q_EMIT mixFinished(record);
    startNextMix();
}

void PoolService::sendError(const QString &sessionId, int code, const QString &message)
{
    m_deps.messenger.sendToSession(sessionId, proto::type::kErrorResponse, proto::ErrorResponse{code, message}.toJson());
}

void PoolService::sendToInputs(const char *messageType, const QJsonObject &body)
{
    for (const mix::MixInput &i : m_mix->inputs())
        m_deps.messenger.sendToSession(i.input.sessionId, messageType, body);
}

proto::PoolInfo PoolService::poolInfo() const
{
    proto::PoolInfo p;
    p.poolId = m_pool.poolId;
    p.denomination = m_pool.denomination;
    p.feeValue = m_pool.feeValue;
    p.mustMixBalanceMin = m_pool.mustMixBalanceMin();
    p.mustMixBalanceCap = m_pool.mustMixBalanceCap();
    p.mustMixBalanceMax = m_pool.mustMixBalanceMax();
    p.minAnonymitySet = m_pool.anonymitySet;
    p.minMustMix = m_pool.minMustMix;
    p.tx0MaxOutputs = m_pool.tx0MaxOutputs;
    p.mixAnonymitySet = m_pool.anonymitySet;
    p.nbRegistered = m_queue.size();
    if (m_mix && m_running) {
        p.nbRegistered += m_mix->nbConfirming();
        p.mixStatus = proto::mixStatusName(proto::MixStatus(int(m_mix->phase())));
        p.elapsedTime = now() - m_mix->createdAtMs();
        p.nbConfirmed = m_mix->nbInputs();
        p.mixId = m_mix->mixId();
        p.mixKeyFingerprint = util::toHex(m_mix->key().fingerprint());
    }
    return p;
}

} // namespace wp::server
