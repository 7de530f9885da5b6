#include <mix/mix.h>

#include <bitcoin/bip69.h>
#include <bitcoin/sighash.h>
#include <protocol/inputshash.h>
#include <util/assert.h>

#include <algorithm>
#include <array>

namespace wp::server::mix {

namespace {

constexpr std::array<const char *, 8> kFailReasonNames = {
    "",           "FAIL_REGISTER_OUTPUTS", "FAIL_SIGNING", "FAIL_BROADCAST", "REJECTED_OUTPUT",
    "DISCONNECT", "SPENT",                 "COORDINATOR"};
constexpr std::array<const char *, 4> kBlameReasonNames = {"REGISTER_OUTPUT", "SIGNING", "DISCONNECT", "SPENT"};

} // namespace

QString failReasonName(FailReason reason) { return QLatin1String(kFailReasonNames[size_t(reason)]); }
QString blameReasonName(BlameReason reason) { return QLatin1String(kBlameReasonNames[size_t(reason)]); }

Mix::Mix(PoolConfig pool, MixTimings timings, QString mixId, std::shared_ptr<const crypto::RsaKeyPair> key,
         qint64 nowMs)
    : m_pool(std::move(pool)), m_timings(timings), m_mixId(std::move(mixId)), m_key(std::move(key)),
      m_createdAtMs(nowMs), m_phaseStartedAtMs(nowMs), m_deadlineMs(nowMs + timings.confirmTickMs)
{
    WP_ASSERT(m_key != nullptr);
}

int Mix::nbMustMix() const
{
    return int(std::count_if(m_inputs.begin(), m_inputs.end(), [](const MixInput &i) { return !i.input.liquidity; }));
}

int Mix::nbLiquidity() const { return nbInputs() - nbMustMix(); }

int Mix::nbConfirming(bool liquidity) const
{
    return int(std::count_if(m_confirming.begin(), m_confirming.end(),
                             [&](const RegisteredInput &i) { return i.liquidity == liquidity; }));
}

btc::Amount Mix::minerFeeAccumulated() const
{
    btc::Amount sum = 0;
    for (const MixInput &i : m_inputs)
        sum += i.input.overpay(m_pool.denomination);
    return sum;
}

bool Mix::hasSession(const QString &sessionId) const
{
    return m_confirming.contains(sessionId) ||
           std::any_of(m_inputs.begin(), m_inputs.end(), [&](const MixInput &i) { return i.input.sessionId == sessionId; });
}

bool Mix::hasInput(const btc::OutPoint &outpoint) const
{
    return std::any_of(m_inputs.begin(), m_inputs.end(), [&](const MixInput &i) { return i.input.outpoint == outpoint; });
}

bool Mix::hasMinMustMixAndFee() const
{
    return nbMustMix() >= m_pool.minMustMix && minerFeeAccumulated() >= m_pool.minerFeeMix();
}

// Slot arithmetic of the classic coordinator (§3.4); results may be negative.
int Mix::liquiditySlots() const
{
    if (!hasMinMustMixAndFee())
        return m_pool.minLiquidity - nbLiquidity();
    return m_pool.anonymitySet + m_surge - std::max(nbMustMix(), m_pool.minMustMix) - nbLiquidity();
}

int Mix::mustMixSlots() const
{
    if (m_surge > 0)
        return 0;
    return m_pool.anonymitySet - std::max(nbLiquidity(), m_pool.minLiquidity) - nbMustMix();
}

void Mix::recomputeSurge()
{
    if (!hasMinMustMixAndFee() || m_pool.surge <= 0 || m_pool.surgeRelayFee <= 0) {
        m_surge = 0;
        return;
    }
    const btc::Amount extra = minerFeeAccumulated() - m_pool.minerFeeMix();
    m_surge = int(std::min<btc::Amount>(m_pool.surge, std::max<btc::Amount>(0, extra / m_pool.surgeRelayFee)));
}

int Mix::invitationsWanted(bool liquidity) const
{
    if (m_phase != MixPhase::ConfirmInput)
        return 0;
    const int slots = (liquidity ? liquiditySlots() : mustMixSlots()) - nbConfirming(liquidity);
    const int room = maxInputs() - nbInputs() - nbConfirming();
    return std::max(0, std::min(slots, room));
}

bool Mix::acceptsInvitation(const RegisteredInput &input) const
{
    if (hasSession(input.sessionId))
        return false;
    auto clash = [&](const RegisteredInput &other) {
        return other.outpoint.txid == input.outpoint.txid || other.prevout.scriptPubKey == input.prevout.scriptPubKey;
    };
    return std::none_of(m_inputs.begin(), m_inputs.end(), [&](const MixInput &i) { return clash(i.input); }) &&
           std::none_of(m_confirming.begin(), m_confirming.end(), clash);
}

void Mix::addConfirming(RegisteredInput input)
{
    WP_ASSERT(m_phase == MixPhase::ConfirmInput);
    const QString session = input.sessionId;
    m_confirming.insert(session, std::move(input));
}

Mix::ConfirmResult Mix::confirmInput(const QString &sessionId, const QString &userHash)
{
    const auto it = m_confirming.find(sessionId);
    if (it == m_confirming.end())
        return {ConfirmVerdict::NotInvited, QStringLiteral("Confirming input not found"), std::nullopt};
    RegisteredInput input = it.value();
    m_confirming.erase(it);
    input.lastUserHash = userHash;

    auto requeue = [&](const QString &reason) { return ConfirmResult{ConfirmVerdict::Requeue, reason, input}; };
    if (hasInput(input.outpoint))
        return {ConfirmVerdict::AlreadyConfirmed, QStringLiteral("Input already confirmed"), std::nullopt};
    if (m_phase != MixPhase::ConfirmInput)
        return requeue(QStringLiteral("Mix already started"));
    if (nbInputs() >= maxInputs())
        return requeue(QStringLiteral("Mix is full"));
    if (input.liquidity) {
        if (liquiditySlots() <= 0)
            return requeue(QStringLiteral("No liquidity slot available"));
    } else {
        const int slots = mustMixSlots();
        if (slots <= 0)
            return requeue(QStringLiteral("No mustMix slot available"));
        // The last mustMix slot must bring the mix to its mustMix and fee minimum (trap §13.12).
        if (slots == 1) {
            const bool enoughMustMix = nbMustMix() + 1 >= m_pool.minMustMix;
            const bool enoughFee = minerFeeAccumulated() + input.overpay(m_pool.denomination) >= m_pool.minerFeeMix();
            if (!enoughMustMix || !enoughFee)
                return requeue(QStringLiteral("Not enough miner fee for the last mustMix slot"));
        }
    }
    if (!userHash.isEmpty() &&
        std::any_of(m_inputs.begin(), m_inputs.end(), [&](const MixInput &i) { return i.userHash == userHash; }))
        return requeue(QStringLiteral("Another input of the same wallet is in this mix"));
    if (!acceptsInvitation(input))
        return requeue(QStringLiteral("An input of the same transaction or address is in this mix"));

    m_inputs.append(MixInput{input, userHash});
    recomputeSurge();
    return {ConfirmVerdict::Accept, QString(), std::nullopt};
}

void Mix::confirmationSent(const QString &sessionId)
{
    if (MixInput *i = findSession(sessionId))
        i->confirmationSent = true;
}

bool Mix::isReady() const
{
    if (m_phase != MixPhase::ConfirmInput)
        return false;
    const bool allDelivered =
        std::all_of(m_inputs.begin(), m_inputs.end(), [](const MixInput &i) { return i.confirmationSent; });
    return allDelivered && nbInputs() >= m_pool.anonymitySet && hasMinMustMixAndFee() &&
           nbLiquidity() >= m_pool.minLiquidity;
}

void Mix::dropSpentInputs(const QList<btc::OutPoint> &spent)
{
    m_inputs.removeIf([&](const MixInput &i) { return spent.contains(i.input.outpoint); });
    recomputeSurge();
}

QList<RegisteredInput> Mix::startRegisterOutput(qint64 nowMs)
{
    WP_ASSERT(m_phase == MixPhase::ConfirmInput);
    QList<proto::InputsHashEntry> entries;
    for (const MixInput &i : m_inputs)
        entries.append({i.input.outpoint.txid.toHex(), i.input.outpoint.index});
    m_inputsHash = proto::computeInputsHash(entries);
    QList<RegisteredInput> back = m_confirming.values();
    m_confirming.clear();
    enterPhase(MixPhase::RegisterOutput, nowMs, m_timings.registerOutputMs);
    return back;
}

Result<void> Mix::registerOutput(const QString &address, const btc::Script &scriptPubKey, const QByteArray &bordereau,
                                 const QByteArray &unblindedSignature)
{
    if (m_phase != MixPhase::RegisterOutput)
        return fail(QStringLiteral("Mix is not registering outputs"));
    if (bordereau.isEmpty() || m_bordereaux.contains(bordereau))
        return fail(QStringLiteral("Bordereau already registered"));
    if (m_bordereauByAddress.contains(address))
        return fail(QStringLiteral("Output already registered"));
    if (hasAllOutputs())
        return fail(QStringLiteral("Mix has all its outputs"));
    if (std::any_of(m_inputs.begin(), m_inputs.end(),
                    [&](const MixInput &i) { return i.input.prevout.scriptPubKey == scriptPubKey; }))
        return fail(QStringLiteral("Output address is an input address"));
    if (!m_key->publicKey().verifyPss(bordereau, unblindedSignature))
        return fail(QStringLiteral("Invalid unblindedSignedBordereau"));
    m_bordereaux.insert(bordereau);
    m_bordereauByAddress.insert(address, bordereau);
    m_outputs.append({address, scriptPubKey});
    return {};
}

void Mix::releaseOutput(const QString &address)
{
    const auto it = m_bordereauByAddress.find(address);
    if (it == m_bordereauByAddress.end())
        return;
    // The address was refused (already used by a mix): the bordereau registered nothing,
    // so its holder may try again with another address, as the classic client does.
    m_bordereaux.remove(it.value());
    m_bordereauByAddress.erase(it);
    m_outputs.removeIf([&](const Output &o) { return o.address == address; });
}

QStringList Mix::receiveAddresses() const
{
    QStringList out;
    for (const Output &o : m_outputs)
        out.append(o.address);
    return out;
}

const btc::Transaction &Mix::startSigning(qint64 nowMs)
{
    WP_ASSERT(m_phase == MixPhase::RegisterOutput && hasAllOutputs());
    // bitcoinj defaults of the classic coordinator: version 1, locktime 0, final sequences.
    m_tx = btc::Transaction{};
    m_tx.version = 1;
    m_tx.lockTime = 0;
    for (const MixInput &i : m_inputs) {
        btc::TxIn in;
        in.prevout = i.input.outpoint;
        m_tx.inputs.append(in);
    }
    for (const Output &o : m_outputs)
        m_tx.outputs.append(btc::TxOut{m_pool.denomination, o.scriptPubKey});
    btc::sortBip69(m_tx);
    enterPhase(MixPhase::Signing, nowMs, m_timings.signingMs);
    return m_tx;
}

Result<bool> Mix::revealOutput(const QString &sessionId, const QString &address)
{
    if (m_phase != MixPhase::RevealOutput)
        return fail(QStringLiteral("Mix is not revealing outputs"));
    MixInput *input = findSession(sessionId);
    if (!input)
        return fail(QStringLiteral("Input not found in this mix"));
    if (!m_bordereauByAddress.contains(address))
        return fail(QStringLiteral("Output not registered in this mix"));
    input->revealed = true;
    const int revealed =
        int(std::count_if(m_inputs.begin(), m_inputs.end(), [](const MixInput &i) { return i.revealed; }));
    return revealed >= nbInputs() - 1;
}

Result<bool> Mix::registerSignature(const QString &sessionId, const QList<QByteArray> &witness)
{
    if (m_phase != MixPhase::Signing)
        return fail(QStringLiteral("Mix is not signing"));
    MixInput *input = findSession(sessionId);
    if (!input)
        return fail(QStringLiteral("Input not found in this mix"));
    if (input->hasSigned)
        return fail(QStringLiteral("Input already signed"));
    const auto at = std::find_if(m_tx.inputs.begin(), m_tx.inputs.end(),
                                 [&](const btc::TxIn &in) { return in.prevout == input->input.outpoint; });
    WP_ASSERT(at != m_tx.inputs.end());
    const qsizetype index = at - m_tx.inputs.begin();
    btc::Transaction candidate = m_tx;
    candidate.inputs[index].witness = witness;
    auto verified = btc::verifyP2wpkhInput(candidate, index, input->input.prevout.value, input->input.prevout.scriptPubKey);
    if (!verified)
        return fail(QStringLiteral("Invalid signature: %1").arg(verified.error().message));
    m_tx.inputs[index].witness = witness;
    input->hasSigned = true;
    return std::all_of(m_inputs.begin(), m_inputs.end(), [](const MixInput &i) { return i.hasSigned; });
}

Mix::DeadlineOutcome Mix::onDeadline(qint64 nowMs)
{
    DeadlineOutcome out;
    switch (m_phase) {
    case MixPhase::ConfirmInput:
        m_deadlineMs = nowMs + m_timings.confirmTickMs;
        if (!isReady()) {
            out.tick = TickAction::InviteMore;
        } else if (m_surge > 0 && nbInputs() < maxInputs() && !m_waitedForSurge) {
            m_waitedForSurge = true; // wait exactly one more tick for surge inputs
            out.tick = TickAction::WaitForSurge;
        } else {
            out.tick = TickAction::StartRegisterOutput;
        }
        break;
    case MixPhase::RegisterOutput:
        if (m_outputs.isEmpty()) {
            failMix(FailReason::RegisterOutputs, QString(), nowMs); // nobody registered: nobody to blame
            out.failed = true;
        } else {
            enterPhase(MixPhase::RevealOutput, nowMs, m_timings.revealOutputMs);
        }
        break;
    case MixPhase::RevealOutput:
        out.blames = blameWhere([](const MixInput &i) { return !i.revealed; }, BlameReason::RegisterOutput);
        failMix(FailReason::RegisterOutputs, QString(), nowMs);
        out.failed = true;
        break;
    case MixPhase::Signing:
        out.blames = blameWhere([](const MixInput &i) { return !i.hasSigned; }, BlameReason::Signing);
        failMix(FailReason::Signing, QString(), nowMs);
        out.failed = true;
        break;
    case MixPhase::Success:
    case MixPhase::Fail:
        m_deadlineMs = std::numeric_limits<qint64>::max();
        break;
    }
    return out;
}

Mix::DisconnectOutcome Mix::onDisconnect(const QString &sessionId, qint64 nowMs)
{
    DisconnectOutcome out;
    if (auto it = m_confirming.find(sessionId); it != m_confirming.end()) {
        out.dropped = it.value();
        m_confirming.erase(it);
        return out;
    }
    MixInput *input = findSession(sessionId);
    if (!input || isOver())
        return out;
    const RegisteredInput gone = input->input;
    switch (m_phase) {
    case MixPhase::ConfirmInput:
        if (input->confirmationSent) {
            // It holds a blind signature of this mix's key and could still register an output,
            // displacing an honest one: the mix fails (nobody blamed, as in classic) and a new
            // mix with a new key starts.
            failMix(FailReason::Disconnect, gone.blameIdentifier(), nowMs);
            out.failed = true;
        } else {
            m_inputs.removeIf([&](const MixInput &i) { return i.input.sessionId == sessionId; });
            recomputeSurge();
        }
        break;
    case MixPhase::Signing:
        if (input->hasSigned)
            break; // its part is done
        [[fallthrough]];
    case MixPhase::RegisterOutput:
    case MixPhase::RevealOutput:
        out.blame = Blame{gone.blameIdentifier(), BlameReason::Disconnect};
        failMix(FailReason::Disconnect, gone.outpoint.txid.toHex() + QLatin1Char(':') + QString::number(gone.outpoint.index),
             nowMs);
        out.failed = true;
        break;
    case MixPhase::Success:
    case MixPhase::Fail:
        break;
    }
    return out;
}

QList<Blame> Mix::failOnSpentInputs(const QList<btc::OutPoint> &spent, qint64 nowMs)
{
    const QList<Blame> blames =
        blameWhere([&](const MixInput &i) { return spent.contains(i.input.outpoint); }, BlameReason::Spent);
    if (!blames.isEmpty())
        failMix(FailReason::Spent, blames.first().identifier, nowMs);
    return blames;
}

QList<RegisteredInput> Mix::takeConfirming()
{
    QList<RegisteredInput> out = m_confirming.values();
    m_confirming.clear();
    return out;
}

void Mix::succeed(qint64 nowMs)
{
    WP_ASSERT(m_phase == MixPhase::Signing);
    enterPhase(MixPhase::Success, nowMs, -1);
}

void Mix::failMix(FailReason reason, const QString &info, qint64 nowMs)
{
    if (isOver())
        return;
    m_failReason = reason;
    m_failInfo = info;
    enterPhase(MixPhase::Fail, nowMs, -1);
}

void Mix::enterPhase(MixPhase phase, qint64 nowMs, int timeoutMs)
{
    m_phase = phase;
    m_phaseStartedAtMs = nowMs;
    m_deadlineMs = timeoutMs < 0 ? std::numeric_limits<qint64>::max() : nowMs + timeoutMs;
}

MixInput *Mix::findSession(const QString &sessionId)
{
    for (MixInput &i : m_inputs)
        if (i.input.sessionId == sessionId)
            return &i;
    return nullptr;
}

QList<Blame> Mix::blameWhere(const std::function<bool(const MixInput &)> &guilty, BlameReason reason) const
{
    QList<Blame> out;
    for (const MixInput &i : m_inputs)
        if (guilty(i))
            out.append({i.input.blameIdentifier(), reason});
    return out;
}

} // namespace wp::server::mix
