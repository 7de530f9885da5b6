#include <poolservice.h>

#include <logging.h>

#include <bitcoin/address.h>
#include <bitcoin/standardness.h>
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

/// How long the innocent inputs of a failed mix are invited before any other.
constexpr qint64 kInnocentPriorityMs = 60'000;
/// How soon a deadline that fell while an asynchronous step was running is looked at again.
constexpr int kBusyRecheckMs = 20;

} // namespace

PoolService::PoolService(mix::PoolConfig pool, mix::MixTimings timings, Deps deps, QObject *parent)
    : QObject(parent), m_pool(std::move(pool)), m_timings(timings), m_deps(std::move(deps)),
      m_queue([](std::uint64_t bound) { return crypto::randomBelow(bound); }),
      m_recorder(m_deps.store, m_deps.instanceId, m_pool, m_deps.banPolicy, this), m_notifier(m_deps.messenger)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &PoolService::onDeadline);
    connect(&m_keys, &MixKeyPrefetcher::keyReady, this, &PoolService::onKeyReady);
    // The database refused a write of ours because the lease moved on: the pool is lost.
    m_recorder.setOnLeaseLost([this] {
        if (m_lifecycle.isRunning()) {
            qCWarning(lcPool).noquote() << m_pool.poolId << "the database says the lease is no longer ours: stops";
            stop(QStringLiteral("The pool moved to another coordinator instance: connect again"));
        }
    });
}

PoolService::~PoolService() = default;

void PoolService::onKeyReady()
{
    if (m_lifecycle.isRunning() && !m_mix)
        startNextMix();
}

void PoolService::start(qint64 epoch)
{
    m_lifecycle.start(epoch);
    m_recorder.setEpoch(epoch);
    if (!m_mix)
        startNextMix();
}

namespace {
const QString kHandoverNotice =
    QStringLiteral("The pool is moving to another coordinator instance: reconnect to be redirected");
}

void PoolService::drain(std::function<void()> drained)
{
    if (m_lifecycle.beginDrain(std::move(drained)) != PoolLifecycle::DrainStart::Started)
        return; // not running (told at once), or already draining (the first caller is told)
    qCInfo(lcPool).noquote() << m_pool.poolId << "drains";
    for (const mix::RegisteredInput &input : m_queue.all())
        m_notifier.error(input.sessionId, proto::error::kPoolUnavailable, kHandoverNotice);
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
            m_notifier.error(input.input.sessionId, proto::error::kPoolUnavailable, notice);
        for (const mix::RegisteredInput &input : m_mix->takeConfirming())
            m_notifier.error(input.sessionId, proto::error::kPoolUnavailable, notice);
    }
    finishDrain();
}

void PoolService::finishDrain()
{
    m_mix.reset();
    m_timer.stop();
    m_busy = false;
    m_outputsBeingStored = 0;
    qCInfo(lcPool).noquote() << m_pool.poolId << "drained";
    m_lifecycle.finishDrain(); // the lease is released once the last mix of the epoch is recorded
}

void PoolService::stop(const QString &notice)
{
    if (!m_lifecycle.stop()) // also forgets a drain: the lease is gone, nothing is left to release
        return;
    if (m_mix && !m_mix->isOver()) {
        m_mix->failMix(mix::FailReason::Coordinator, notice, now());
        finishMix();
    }
    m_mix.reset();
    m_timer.stop();
    for (const mix::RegisteredInput &input : m_queue.all())
        m_notifier.error(input.sessionId, proto::error::kPoolUnavailable, notice);
    m_queue.clear();
}

void PoolService::startNextMix()
{
    m_mix.reset();
    m_busy = false;
    m_outputsBeingStored = 0;
    if (!m_lifecycle.isRunning())
        return;
    if (m_lifecycle.isDraining())
        return finishDrain();
    auto key = m_keys.take();
    if (!key)
        return; // the mix starts when the key is ready (onKeyReady())
    m_mix = std::make_unique<Mix>(m_pool, m_timings, newMixId(), std::move(key), now());
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
    if (!m_mix)
        return;
    if (m_busy) { // a node or database answer is awaited: look again shortly, without spinning
        m_timer.start(kBusyRecheckMs);
        return;
    }
    const MixPhase before = m_mix->phase();
    Mix::DeadlineOutcome out = m_mix->onDeadline(now());
    if (out.failed) {
        finishMix();
        return;
    }
    onInvitationsExpired(std::move(out.expired));
    if (before == MixPhase::RegisterOutput && m_mix->phase() == MixPhase::RevealOutput) {
        // Some outputs are missing: honest participants prove which output is theirs.
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "REVEAL_OUTPUT";
        m_notifier.revealOutputStarted(*m_mix);
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
    if (m_lifecycle.isDraining())
        return m_notifier.error(session, proto::error::kPoolUnavailable, kHandoverNotice);
    switch (m_queue.add(std::move(input))) {
    case mix::InputQueue::AddResult::Added:
    case mix::InputQueue::AddResult::AlreadyQueued:
        break;
    case mix::InputQueue::AddResult::SessionHasAnotherInput:
        m_notifier.error(session, proto::error::kInputAlreadyRegistered,
                  QStringLiteral("Username already registered another input"));
        break;
    }
}

bool PoolService::stillOwner()
{
    if (!m_lifecycle.isRunning())
        return false;
    if (!m_leaseGuard || m_leaseGuard())
        return true;
    qCWarning(lcPool).noquote() << m_pool.poolId << "lease no longer held: stops at once";
    stop(QStringLiteral("The pool moved to another coordinator instance: connect again"));
    return false;
}

void PoolService::invite()
{
    if (!m_mix || m_mix->phase() != MixPhase::ConfirmInput || !stillOwner())
        return;
    // Liquidity first, then mustMix. Only inputs the mix would accept are picked, so an
    // input it must refuse (same wallet, too little fee for the last slot) never holds a slot.
    for (const bool liquidity : {true, false}) {
        for (int wanted = m_mix->invitationsWanted(liquidity); wanted > 0; --wanted) {
            auto input = m_queue.takeRandom(
                liquidity, [&](const mix::RegisteredInput &i) { return m_mix->acceptsInvitation(i); }, now());
            if (!input)
                break;
            m_mix->addConfirming(*input, now());
            vetAndInvite(*input);
        }
    }
}

void PoolService::vetAndInvite(const mix::RegisteredInput &input)
{
    // A ban made since it queued (on any instance), or a spend since it registered: such an
    // input would take a slot and be refused later. Both are checked again before inviting.
    struct Vetting {
        int remaining = 2;
        std::optional<QString> banned;
        bool spent = false;
        bool error = false;
    };
    auto state = std::make_shared<Vetting>();
    const QString mixId = m_mix->mixId();
    auto decide = [this, state, mixId, input] {
        if (--state->remaining > 0 || !isCurrent(mixId) || !m_mix->isConfirming(input.sessionId))
            return;
        if (state->error || state->banned || state->spent) {
            m_mix->withdrawInvitation(input.sessionId);
            if (state->error) // the database or node did not answer: try again at the next tick
                m_queue.requeue(input);
            else if (state->banned)
                m_notifier.error(input.sessionId, proto::error::kInputBanned, *state->banned);
            else
                m_notifier.error(input.sessionId, proto::error::kInputRejected, QStringLiteral("Input is spent"));
            if (!state->error)
                invite(); // its slot goes to the next eligible input
            return;
        }
        if (m_deps.inviteDelayMs <= 0)
            return sendInvitation(mixId, input);
        QTimer::singleShot(m_deps.inviteDelayMs, this, [this, mixId, input] {
            if (isCurrent(mixId) && m_mix->isConfirming(input.sessionId))
                sendInvitation(mixId, input);
        });
    };
    const QString txid = input.outpoint.txid.toHex();
    m_deps.store.activeBan({txid, input.outpoint.toString()}, this,
                           [state, decide](Result<std::optional<Ban>> ban) {
                               if (!ban)
                                   state->error = true;
                               else if (ban->has_value())
                                   state->banned = (*ban)->refusal();
                               decide();
                           });
    m_deps.node.getTxOut(txid, int(input.outpoint.index), this,
                         [state, decide](Result<std::optional<wp::net::TxOutInfo>> out) {
                             if (!out)
                                 state->error = true;
                             else if (!out->has_value())
                                 state->spent = true;
                             decide();
                         });
}

void PoolService::sendInvitation(const QString &mixId, const mix::RegisteredInput &input)
{
    m_notifier.invite(input.sessionId, mixId, m_mix->key());
}

void PoolService::onInvitationsExpired(QList<mix::RegisteredInput> expired)
{
    QList<mix::Blame> blames;
    for (mix::RegisteredInput &input : expired) {
        ++input.missedConfirms;
        if (input.missedConfirms >= 2) {
            // Invited twice in a row and silent both times: it holds slots on purpose, or its
            // client is gone without closing the connection. Either way it stops here.
            qCInfo(lcPool).noquote() << m_pool.poolId << "session" << input.sessionId << "missed its confirm deadline again";
            blames.append({input.blameIdentifier(), mix::BlameReason::ConfirmTimeout});
            m_notifier.error(input.sessionId, proto::error::kInputRejected,
                      QStringLiteral("Invitation not confirmed in time"));
        } else {
            qCDebug(lcPool).noquote() << m_pool.poolId << "session" << input.sessionId << "missed its confirm deadline";
            m_queue.requeue(std::move(input)); // invited again only when no punctual input waits
        }
    }
    if (!blames.isEmpty())
        m_recorder.recordBlames(blames, m_mix->mixId());
}

void PoolService::confirmInput(const QString &sessionId, const proto::ConfirmInputRequest &request)
{
    if (!m_mix || request.mixId != m_mix->mixId()) {
        // A confirmation for a mix that is over: the input went back to the queue, and may already
        // be invited to the next mix (after a failed mix the next one starts at once). Only a
        // session the pool does not know at all is told.
        if (!m_queue.containsSession(sessionId) && !(m_mix && m_mix->hasSession(sessionId)))
            m_notifier.error(sessionId, proto::error::kServerError, QStringLiteral("Confirming input not found"));
        return;
    }
    const auto blinded = proto::decodeZ85(request.blindedBordereau64);
    if (!blinded) {
        m_notifier.error(sessionId, proto::error::kInvalidArgument, QStringLiteral("Invalid blindedBordereau64"));
        return;
    }
    if (!stillOwner())
        return;
    Mix::ConfirmResult result = m_mix->confirmInput(sessionId, request.userHash);
    switch (result.verdict) {
    case Mix::ConfirmVerdict::Requeue:
        qCDebug(lcPool).noquote() << "session" << sessionId << "requeued:" << result.reason;
        m_queue.requeue(std::move(*result.input));
        return;
    case Mix::ConfirmVerdict::NotInvited:
        if (!m_queue.containsSession(sessionId))
            m_notifier.error(sessionId, proto::error::kServerError, result.reason);
        return;
    case Mix::ConfirmVerdict::AlreadyConfirmed:
        m_notifier.error(sessionId, proto::error::kInputAlreadyRegistered, result.reason);
        return;
    case Mix::ConfirmVerdict::Accept:
        break;
    }
    // Raw RSA on the blinded bordereau (~1 ms per 2048-bit signature): in the thread pool.
    auto key = std::shared_ptr<const crypto::RsaKeyPair>(m_mix->keyShared());
    util::runInThreadPool<Result<QByteArray>>(
        this, [key, b = *blinded] { return key->signBlinded(b); },
        [this, sessionId, mixId = m_mix->mixId()](Result<QByteArray> signature) {
            // Only an input still in this mix gets its blind signature (it may have left, or
            // been found spent, while the signature was computed).
            if (!isCurrent(mixId) || m_mix->phase() != MixPhase::ConfirmInput || !m_mix->hasSession(sessionId) ||
                !stillOwner())
                return;
            if (!signature) {
                // A blinded value >= n or of the wrong size: the client's fault, and it leaves the mix
                // (it holds no signature yet, so nobody is blamed).
                m_notifier.error(sessionId, proto::error::kInvalidArgument, signature.error().message);
                m_mix->onDisconnect(sessionId, now());
                return;
            }
            m_notifier.confirmed(sessionId, mixId, *signature);
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

bool PoolService::failIfSpent(const QList<btc::OutPoint> &spent)
{
    if (spent.isEmpty())
        return false;
    const Mix::LossOutcome out = m_mix->onInputsSpent(spent, now());
    if (!out.failed)
        return false;
    finishMix();
    return true;
}

void PoolService::beginRegisterOutput()
{
    if (!stillOwner())
        return;
    checkUnspent(m_mix->mixId(), [this](QList<btc::OutPoint> spent) {
        if (m_mix->phase() != MixPhase::ConfirmInput || failIfSpent(spent) || !stillOwner())
            return;
        if (!m_mix->isReady()) {
            armTimer();
            return;
        }
        for (mix::RegisteredInput &input : m_mix->startRegisterOutput(now()))
            m_queue.requeue(std::move(input));
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "REGISTER_OUTPUT with"
                                 << m_mix->nbInputs() << "inputs";
        m_notifier.registerOutputStarted(*m_mix);
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
    if (!ownsInputsHash(request.inputsHash) || m_mix->phase() != MixPhase::RegisterOutput || !stillOwner())
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
    m_recorder.reserveOutput(addressText, mixId, [=, this](Result<bool> inserted) {
        const bool current = isCurrent(mixId);
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
        if (m_mix->phase() != MixPhase::RegisterOutput || failIfSpent(spent) || !stillOwner())
            return;
        if (!m_mix->hasAllOutputs() || m_outputsBeingStored > 0) {
            maybeBeginSigning(); // an output was refused meanwhile: wait for its replacement
            return;
        }
        m_mix->startSigning(now());
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "SIGNING";
        m_notifier.signingStarted(*m_mix);
        armTimer();
    });
}

void PoolService::revealOutput(const QString &sessionId, const proto::RevealOutputRequest &request)
{
    if (!m_mix || request.mixId != m_mix->mixId())
        return;
    auto done = m_mix->revealOutput(sessionId, request.receiveAddress);
    if (!done) {
        m_notifier.error(sessionId, proto::error::kInvalidArgument, done.error().message);
        return;
    }
    if (*done) { // the outcome is known: blame now rather than at the timeout
        m_mix->onDeadline(now());
        finishMix();
    }
}

void PoolService::signing(const QString &sessionId, const proto::SigningRequest &request)
{
    if (!m_mix || request.mixId != m_mix->mixId()) {
        m_notifier.error(sessionId, proto::error::kInvalidArgument, QStringLiteral("Mix not found"));
        return;
    }
    QList<QByteArray> witness;
    for (const QString &item : request.witnesses64) {
        const auto bytes = proto::decodeZ85(item);
        if (!bytes) {
            m_notifier.error(sessionId, proto::error::kInvalidArgument, QStringLiteral("Invalid witnesses64"));
            return;
        }
        witness.append(*bytes);
    }
    const Mix::SignatureVerdict verdict = m_mix->registerSignature(sessionId, witness, now());
    switch (verdict.kind) {
    case Mix::SignatureVerdict::Kind::Accepted:
        return;
    case Mix::SignatureVerdict::Kind::AllSigned:
        return broadcast();
    case Mix::SignatureVerdict::Kind::Ignored:
        return m_notifier.error(sessionId, proto::error::kInvalidArgument, verdict.reason);
    case Mix::SignatureVerdict::Kind::Blamed:
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "refuses a signature:" << verdict.reason;
        m_notifier.error(sessionId, proto::error::kInvalidArgument, verdict.reason);
        return finishMix();
    }
}

void PoolService::broadcast()
{
    if (!stillOwner())
        return;
    const btc::Transaction tx = m_mix->transaction();
    m_timer.stop();
    // Every signature was checked as it came; the whole transaction is checked once more
    // against the node's relay rules (ours, and the node's own where it offers the check),
    // and every input for a spend since it signed: a spent input is the cause of a refusal
    // and is blamed, not the mix as a whole.
    QList<btc::TxOut> prevouts;
    for (const btc::TxIn &in : tx.inputs)
        for (const mix::MixInput &i : m_mix->inputs())
            if (i.input.outpoint == in.prevout)
                prevouts.append(i.input.prevout);
    if (auto standard = btc::checkStandardMixTransaction(tx, prevouts); !standard) {
        qCWarning(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId()
                                    << "is not standard:" << standard.error().message;
        return onBroadcastRefused(standard.error().message);
    }
    checkUnspent(m_mix->mixId(), [this, tx](QList<btc::OutPoint> spent) {
        if (m_mix->phase() != MixPhase::Signing || failIfSpent(spent) || !stillOwner())
            return;
        m_busy = true;
        m_deps.node.testMempoolAccept(
            tx.serialize(true), this, [this, tx, mixId = m_mix->mixId()](Result<wp::net::MempoolAcceptance> accept) {
                m_busy = false;
                if (!isCurrent(mixId) || m_mix->phase() != MixPhase::Signing)
                    return;
                if (accept && accept->supported && !accept->allowed)
                    return onBroadcastRefused(accept->rejectReason);
                recordAndSend(tx); // no answer, or a node without the check: the broadcast itself decides
            });
    });
}

void PoolService::recordAndSend(const btc::Transaction &tx)
{
    m_busy = true;
    // Remix provenance first (see MixStore::recordMixTxid), then the broadcast, still under the lease.
    m_recorder.recordMixTxid(tx.txid(), [this, tx, mixId = m_mix->mixId()](Result<void> recorded) {
        m_busy = false;
        if (!isCurrent(mixId) || m_mix->phase() != MixPhase::Signing)
            return;
        if (!recorded && recorded.error().code == MixStore::kLeaseLost)
            return; // no longer ours: the recorder's lease-lost handler stops the pool
        if (!recorded) // the mix is still good for its users; saveMix() tries again
            qCWarning(lcPool).noquote() << m_pool.poolId << "could not record the mix txid before broadcasting:"
                                        << recorded.error().message;
        if (stillOwner())
            sendToNode(tx);
    });
}

void PoolService::sendToNode(const btc::Transaction &tx)
{
    m_busy = true;
    m_deps.node.broadcast(tx.serialize(true), tx.txid().toHex(), this, [this, mixId = m_mix->mixId()](Result<void> r) {
        m_busy = false;
        if (!isCurrent(mixId) || m_mix->phase() != MixPhase::Signing)
            return;
        if (r) {
            m_mix->succeed(now());
            return finishMix();
        }
        qCWarning(lcPool).noquote() << m_pool.poolId << "broadcast failed:" << r.error().message;
        onBroadcastRefused(r.error().message);
    });
}

void PoolService::onBroadcastRefused(const QString &why)
{
    // An input spent meanwhile is the cause and is blamed; else nobody is.
    checkUnspent(m_mix->mixId(), [this, why = why.left(200)](QList<btc::OutPoint> spent) {
        if (m_mix->phase() != MixPhase::Signing || failIfSpent(spent))
            return;
        m_mix->failMix(mix::FailReason::Broadcast, why, now());
        finishMix();
    });
}

void PoolService::sessionClosed(const QString &sessionId)
{
    m_queue.removeSession(sessionId);
    if (!m_mix || (m_busy && m_mix->phase() == MixPhase::Signing)) // broadcasting: its signature is in
        return;
    if (m_mix->onDisconnect(sessionId, now()).failed)
        finishMix();
}

void PoolService::finishMix()
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
    const QList<mix::Blame> &blames = mix.blames();
    const bool leaseHeld = !m_leaseGuard || m_leaseGuard();
    if (!blames.isEmpty() && leaseHeld) {
        m_recorder.recordBlames(blames, mixId);
        // The inputs that did nothing wrong are invited first when they register again
        // (their clients do so at once): they lose seconds, not a round.
        QList<btc::OutPoint> innocent;
        for (const mix::RegisteredInput &input : mix.unblamedInputs())
            innocent.append(input.outpoint);
        m_queue.prioritise(innocent, now() + kInnocentPriorityMs);
    }
    m_notifier.mixEnded(mix);
    if (!success) // the addresses of a failed mix may be used again by their honest owners
        m_recorder.freeOutputs(mixId);
    for (mix::RegisteredInput &input : mix.takeConfirming())
        m_queue.requeue(std::move(input));

    const MixRecord record = m_recorder.recordOf(mix, m_lifecycle.epoch(), now());
    qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << mixId << record.status << record.failReason;
    // Mix history is written under a lease we still hold (fencing): a mix that ended
    // because the lease was lost is not recorded under an epoch that is over.
    if (leaseHeld) {
        m_lifecycle.recordStarted();
        m_recorder.saveMix(record, [this] { m_lifecycle.recordStored(); });
    } else {
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << mixId << "not recorded: epoch" << m_lifecycle.epoch()
                                 << "is over";
    }
    Q_EMIT mixFinished(record);
    startNextMix();
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
    if (m_mix && m_lifecycle.isRunning()) {
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
