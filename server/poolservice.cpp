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

/// How long the innocent inputs of a failed mix are invited before any other.
constexpr qint64 kInnocentPriorityMs = 60'000;
/// How soon a deadline that fell while an asynchronous step was running is looked at again.
constexpr int kBusyRecheckMs = 20;

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
        finishMix();
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

bool PoolService::stillOwner()
{
    if (!m_running)
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
                sendError(input.sessionId, proto::error::kInputBanned, *state->banned);
            else
                sendError(input.sessionId, proto::error::kInputRejected, QStringLiteral("Input is spent"));
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
                                   state->banned = QStringLiteral("Banned from service. ") +
                                                   ((*ban)->response.isEmpty() ? QStringLiteral("Contact us.")
                                                                               : (*ban)->response);
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
    const proto::ConfirmInputMixStatusNotification n{mixId, proto::encodeZ85(m_mix->key().publicKeyDer())};
    m_deps.messenger.sendToSession(input.sessionId, proto::type::kConfirmInputMixStatus, n.toJson());
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
            sendError(input.sessionId, proto::error::kInputRejected,
                      QStringLiteral("Invitation not confirmed in time"));
        } else {
            qCDebug(lcPool).noquote() << m_pool.poolId << "session" << input.sessionId << "missed its confirm deadline";
            m_queue.requeue(std::move(input)); // invited again only when no punctual input waits
        }
    }
    if (!blames.isEmpty())
        recordBlames(blames, m_mix->mixId());
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
            // Only an input still in this mix gets its blind signature (it may have left, or
            // been found spent, while the signature was computed).
            if (!isCurrent(mixId) || m_mix->phase() != MixPhase::ConfirmInput || !m_mix->hasSession(sessionId) ||
                !stillOwner())
                return;
            if (!signature) {
                // A blinded value >= n or of the wrong size: the client's fault, and it leaves the mix
                // (it holds no signature yet, so nobody is blamed).
                sendError(sessionId, proto::error::kInvalidArgument, signature.error().message);
                m_mix->onDisconnect(sessionId, now());
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
    m_deps.store.insertOutput(addressText, mixId, this, [=, this](Result<bool> inserted) {
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
    if (*done) { // the outcome is known: blame now rather than at the timeout
        m_mix->onDeadline(now());
        finishMix();
    }
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
    const Mix::SignatureVerdict verdict = m_mix->registerSignature(sessionId, witness, now());
    switch (verdict.kind) {
    case Mix::SignatureVerdict::Kind::Accepted:
        return;
    case Mix::SignatureVerdict::Kind::AllSigned:
        return broadcast();
    case Mix::SignatureVerdict::Kind::Ignored:
        return sendError(sessionId, proto::error::kInvalidArgument, verdict.reason);
    case Mix::SignatureVerdict::Kind::Blamed:
        qCInfo(lcPool).noquote() << m_pool.poolId << "mix" << m_mix->mixId() << "refuses a signature:" << verdict.reason;
        sendError(sessionId, proto::error::kInvalidArgument, verdict.reason);
        return finishMix();
    }
}

void PoolService::broadcast()
{
    if (!stillOwner())
        return;
    const btc::Transaction tx = m_mix->transaction();
    m_timer.stop();
    // An input spent since it signed would make the node refuse the mix: find it first, so
    // that it is blamed and not the mix as a whole.
    checkUnspent(m_mix->mixId(), [this, tx](QList<btc::OutPoint> spent) {
        if (m_mix->phase() != MixPhase::Signing || failIfSpent(spent) || !stillOwner())
            return;
        m_busy = true;
        // Remix provenance first (see MixStore::recordMixTxid), then the broadcast, still under the lease.
        m_deps.store.recordMixTxid(
            tx.txid().toHex(), m_pool.denomination, this, [this, tx, mixId = m_mix->mixId()](Result<void> recorded) {
                m_busy = false;
                if (!isCurrent(mixId) || m_mix->phase() != MixPhase::Signing)
                    return;
                if (!recorded) // the mix is still good for its users; saveMix() tries again
                    qCWarning(lcPool).noquote() << m_pool.poolId << "could not record the mix txid before broadcasting:"
                                                << recorded.error().message;
                if (stillOwner())
                    sendToNode(tx);
            });
    });
}

void PoolService::sendToNode(const btc::Transaction &tx)
{
    m_busy = true;
    m_deps.node.broadcast(tx.serialize(true), tx.txid().toHex(), this,
                          [this, mixId = m_mix->mixId()](Result<void> r) {
                              m_busy = false;
                              if (!isCurrent(mixId) || m_mix->phase() != MixPhase::Signing)
                                  return;
                              if (r) {
                                  m_mix->succeed(now());
                                  return finishMix();
                              }
                              qCWarning(lcPool).noquote() << m_pool.poolId << "broadcast failed:" << r.error().message;
                              const QString why = r.error().message.left(200);
                              // Refused: an input spent meanwhile is the cause and is blamed; else nobody is.
                              checkUnspent(mixId, [this, why](QList<btc::OutPoint> spent) {
                                  if (m_mix->phase() != MixPhase::Signing || failIfSpent(spent))
                                      return;
                                  m_mix->failMix(mix::FailReason::Broadcast, why, now());
                                  finishMix();
                              });
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

void PoolService::recordBlames(const QList<mix::Blame> &blames, const QString &mixId)
{
    m_deps.store.blame(blames, mixId, m_deps.banPolicy, this, [pool = m_pool.poolId](Result<QStringList> banned) {
        if (!banned)
            qCWarning(lcPool).noquote() << pool << "could not record blames:" << banned.error().message;
        else if (!banned->isEmpty())
            qCInfo(lcPool).noquote() << pool << banned->size() << "input(s) banned";
    });
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
        recordBlames(blames, mixId);
        // The inputs that did nothing wrong are invited first when they register again
        // (their clients do so at once): they lose seconds, not a round.
        QList<btc::OutPoint> innocent;
        for (const mix::RegisteredInput &input : mix.unblamedInputs())
            innocent.append(input.outpoint);
        m_queue.prioritise(innocent, now() + kInnocentPriorityMs);
    }
    if (success) {
        sendToInputs(proto::type::kSuccessMixStatus, proto::MixStatusNotification{proto::MixStatus::Success, mixId}.toJson());
    } else {
        sendToInputs(proto::type::kFailMixStatus, proto::MixStatusNotification{proto::MixStatus::Fail, mixId}.toJson());
        // The addresses of a failed mix may be used again by their honest owners.
        m_deps.store.deleteOutputs(mixId, this, [pool = m_pool.poolId](Result<void> r) {
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
        m_deps.store.saveMix(record, this, [this, mixId](Result<void> r) {
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
