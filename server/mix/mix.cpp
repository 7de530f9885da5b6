#include <mix/mix.h>

#include <bitcoin/bip69.h>
#include <bitcoin/sighash.h>
#include <bitcoin/standardness.h>
#include <protocol/inputshash.h>
#include <util/assert.h>

#include <algorithm>
#include <array>

namespace wp::server::mix {

namespace {

constexpr std::array<const char *, 8> kFailReasonNames = {
    "",           "FAIL_REGISTER_OUTPUTS", "FAIL_SIGNING", "FAIL_BROADCAST", "REJECTED_OUTPUT",
    "DISCONNECT", "SPENT",                 "COORDINATOR"};
constexpr std::array<const char *, 5> kBlameReasonNames = {"REGISTER_OUTPUT", "SIGNING", "DISCONNECT", "SPENT",
                                                           "CONFIRM_TIMEOUT"};

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
                             [&](const Invitation &i) { return i.input.liquidity == liquidity; }));
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

// Slot arithmetic of the classic coordinator; results may be negative.
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
    if (hasSession(input.sessionId) || m_sameWallet.contains(input.outpoint) || clashes(input))
        return false;
    return input.liquidity || !lastMustMixSlotLacksFee(input, true);
}

// One input per transaction and per address in a mix (the classic rule), invitations included.
bool Mix::clashes(const RegisteredInput &input) const
{
    auto clash = [&](const RegisteredInput &other) {
        return other.outpoint.txid == input.outpoint.txid || other.prevout.scriptPubKey == input.prevout.scriptPubKey;
    };
    return std::any_of(m_inputs.begin(), m_inputs.end(), [&](const MixInput &i) { return clash(i.input); }) ||
           std::any_of(m_confirming.begin(), m_confirming.end(), [&](const Invitation &i) { return clash(i.input); });
}

// The last mustMix slot must bring the mix to its mustMix and fee minimum (the classic
// rule). With @p countInvitations, the mustMix inputs invited and not yet confirmed are
// counted as if they had joined: the slot the new one would take is what is left after them.
bool Mix::lastMustMixSlotLacksFee(const RegisteredInput &input, bool countInvitations) const
{
    int mustMix = nbMustMix();
    btc::Amount fee = minerFeeAccumulated();
    int slots = mustMixSlots();
    if (countInvitations) {
        for (const Invitation &i : m_confirming) {
            if (!i.input.liquidity) {
                ++mustMix;
                fee += i.input.overpay(m_pool.denomination);
                --slots;
            }
        }
    }
    if (slots != 1)
        return false;
    return mustMix + 1 < m_pool.minMustMix || fee + input.overpay(m_pool.denomination) < m_pool.minerFeeMix();
}

void Mix::addConfirming(RegisteredInput input, qint64 nowMs)
{
    WP_ASSERT(m_phase == MixPhase::ConfirmInput);
    const QString session = input.sessionId;
    m_confirming.insert(session, Invitation{std::move(input), nowMs});
}

std::optional<RegisteredInput> Mix::withdrawInvitation(const QString &sessionId)
{
    const auto it = m_confirming.find(sessionId);
    if (it == m_confirming.end())
        return std::nullopt;
    RegisteredInput input = std::move(it->input);
    m_confirming.erase(it);
    return input;
}

QList<RegisteredInput> Mix::takeExpiredInvitations(qint64 nowMs)
{
    QList<RegisteredInput> out;
    for (auto it = m_confirming.begin(); it != m_confirming.end();) {
        if (nowMs - it->invitedAtMs >= m_timings.confirmDeadlineMs) {
            out.append(std::move(it->input));
            it = m_confirming.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

Mix::ConfirmResult Mix::confirmInput(const QString &sessionId, const QString &userHash)
{
    const auto it = m_confirming.find(sessionId);
    if (it == m_confirming.end())
        return {ConfirmVerdict::NotInvited, QStringLiteral("Confirming input not found"), std::nullopt};
    RegisteredInput input = std::move(it->input);
    m_confirming.erase(it);
    input.lastUserHash = userHash;
    input.missedConfirms = 0; // it answered

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
        if (lastMustMixSlotLacksFee(input, false))
            return requeue(QStringLiteral("Not enough miner fee for the last mustMix slot"));
    }
    if (!userHash.isEmpty() &&
        std::any_of(m_inputs.begin(), m_inputs.end(), [&](const MixInput &i) { return i.userHash == userHash; })) {
        m_sameWallet.insert(input.outpoint); // not invited again in this mix: its slot goes to another wallet
        return requeue(QStringLiteral("Another input of the same wallet is in this mix"));
    }
    if (clashes(input))
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

QList<RegisteredInput> Mix::startRegisterOutput(qint64 nowMs)
{
    WP_ASSERT(m_phase == MixPhase::ConfirmInput);
    QList<proto::InputsHashEntry> entries;
    for (const MixInput &i : m_inputs)
        entries.append({i.input.outpoint.txid.toHex(), i.input.outpoint.index});
    m_inputsHash = proto::computeInputsHash(entries);
    QList<RegisteredInput> back = takeConfirming();
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
    if (address.isEmpty())
        return fail(QStringLiteral("Invalid receiveAddress"));
    if (input->hasRevealed())
        return fail(QStringLiteral("Output already revealed"));
    input->revealedAddress = address;
    if (std::all_of(m_inputs.begin(), m_inputs.end(), [](const MixInput &i) { return i.hasRevealed(); }))
        return true;
    // Every registered output claimed by exactly one input: whoever is left registered nothing.
    const QList<Blame> blamed = revealBlames();
    return nbInputs() - blamed.size() >= m_outputs.size();
}

QList<Blame> Mix::revealBlames() const
{
    QHash<QString, int> claims; // revealed address -> how many inputs revealed it
    for (const MixInput &i : m_inputs)
        if (i.hasRevealed())
            ++claims[i.revealedAddress];
    return blameWhere(
        [&](const MixInput &i) {
            return !i.hasRevealed() || !m_bordereauByAddress.contains(i.revealedAddress) ||
                   claims.value(i.revealedAddress) > 1;
        },
        BlameReason::RegisterOutput);
}

Mix::SignatureVerdict Mix::registerSignature(const QString &sessionId, const QList<QByteArray> &witness, qint64 nowMs)
{
    using Kind = SignatureVerdict::Kind;
    if (m_phase != MixPhase::Signing)
        return {Kind::Ignored, QStringLiteral("Mix is not signing"), std::nullopt};
    MixInput *input = findSession(sessionId);
    if (!input)
        return {Kind::Ignored, QStringLiteral("Input not found in this mix"), std::nullopt};
    if (input->hasSigned)
        return {Kind::Ignored, QStringLiteral("Input already signed"), std::nullopt};
    const auto at = std::find_if(m_tx.inputs.begin(), m_tx.inputs.end(),
                                 [&](const btc::TxIn &in) { return in.prevout == input->input.outpoint; });
    WP_ASSERT(at != m_tx.inputs.end());
    const qsizetype index = at - m_tx.inputs.begin();
    btc::Transaction candidate = m_tx;
    candidate.inputs[index].witness = witness;
    // A signature the node would refuse (invalid, or valid but non-standard) is as good as
    // none: the mix cannot be broadcast with it. Its input is the cause.
    auto verified =
        btc::checkStandardP2wpkhSpend(candidate, index, input->input.prevout.value, input->input.prevout.scriptPubKey);
    if (!verified) {
        const Blame blame{input->input.blameIdentifier(), BlameReason::Signing};
        failBlaming(FailReason::Signing, {blame}, nowMs);
        return {Kind::Blamed, QStringLiteral("Invalid signature: %1").arg(verified.error().message), blame};
    }
    m_tx.inputs[index].witness = witness;
    input->hasSigned = true;
    const bool all = std::all_of(m_inputs.begin(), m_inputs.end(), [](const MixInput &i) { return i.hasSigned; });
    return {all ? Kind::AllSigned : Kind::Accepted, QString(), std::nullopt};
}

Mix::DeadlineOutcome Mix::onDeadline(qint64 nowMs)
{
    DeadlineOutcome out;
    switch (m_phase) {
    case MixPhase::ConfirmInput:
        m_deadlineMs = nowMs + m_timings.confirmTickMs;
        out.expired = takeExpiredInvitations(nowMs);
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
        out.blames = revealBlames();
        failBlaming(FailReason::RegisterOutputs, out.blames, nowMs);
        out.failed = true;
        break;
    case MixPhase::Signing:
        out.blames = blameWhere([](const MixInput &i) { return !i.hasSigned; }, BlameReason::Signing);
        failBlaming(FailReason::Signing, out.blames, nowMs);
        out.failed = true;
        break;
    case MixPhase::Success:
    case MixPhase::Fail:
        m_deadlineMs = std::numeric_limits<qint64>::max();
        break;
    }
    return out;
}

Mix::LossOutcome Mix::onDisconnect(const QString &sessionId, qint64 nowMs)
{
    LossOutcome out;
    if (auto invited = withdrawInvitation(sessionId)) {
        out.dropped = std::move(invited);
        return out;
    }
    MixInput *input = findSession(sessionId);
    if (!input || isOver())
        return out;
    const bool holdsSignature = input->confirmationSent || m_phase != MixPhase::ConfirmInput;
    if (!holdsSignature) { // its blind signature was not sent: it leaves, and takes nothing with it
        m_inputs.removeIf([&](const MixInput &i) { return i.input.sessionId == sessionId; });
        recomputeSurge();
        return out;
    }
    if (m_phase == MixPhase::Signing && input->hasSigned)
        return out; // its part is done
    out.blames.append(Blame{input->input.blameIdentifier(), BlameReason::Disconnect});
    failBlaming(FailReason::Disconnect, out.blames, nowMs);
    out.failed = true;
    return out;
}

Mix::LossOutcome Mix::onInputsSpent(const QList<btc::OutPoint> &spent, qint64 nowMs)
{
    LossOutcome out;
    if (isOver())
        return out;
    if (m_phase == MixPhase::ConfirmInput) {
        // No blind signature delivered yet: nothing to take back, it just leaves.
        m_inputs.removeIf([&](const MixInput &i) { return !i.confirmationSent && spent.contains(i.input.outpoint); });
        recomputeSurge();
    }
    out.blames = blameWhere([&](const MixInput &i) { return spent.contains(i.input.outpoint); }, BlameReason::Spent);
    if (!out.blames.isEmpty()) {
        failBlaming(FailReason::Spent, out.blames, nowMs);
        out.failed = true;
    }
    return out;
}

QList<RegisteredInput> Mix::unblamedInputs() const
{
    QList<RegisteredInput> out;
    for (const MixInput &i : m_inputs) {
        const QString id = i.input.blameIdentifier();
        if (std::none_of(m_blames.begin(), m_blames.end(), [&](const Blame &b) { return b.identifier == id; }))
            out.append(i.input);
    }
    return out;
}

QList<RegisteredInput> Mix::takeConfirming()
{
    QList<RegisteredInput> out;
    for (Invitation &i : m_confirming)
        out.append(std::move(i.input));
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

void Mix::failBlaming(FailReason reason, const QList<Blame> &blames, qint64 nowMs)
{
    if (isOver())
        return;
    m_blames = blames;
    QStringList outpoints; // the fail info names the inputs, as the classic coordinator does
    for (const MixInput &i : m_inputs) {
        const QString id = i.input.blameIdentifier();
        if (std::any_of(blames.begin(), blames.end(), [&](const Blame &blame) { return blame.identifier == id; }))
            outpoints.append(i.input.outpoint.toString());
    }
    failMix(reason, outpoints.join(QLatin1Char(',')), nowMs);
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
