#include <mix/inputqueue.h>

#include <util/assert.h>

namespace wp::server::mix {

InputQueue::InputQueue(Random random) : m_random(std::move(random)) { WP_ASSERT(m_random != nullptr); }

bool InputQueue::contains(const btc::OutPoint &outpoint) const
{
    auto match = [&](const RegisteredInput &i) { return i.outpoint == outpoint; };
    return std::any_of(m_mustMix.begin(), m_mustMix.end(), match) ||
           std::any_of(m_liquidity.begin(), m_liquidity.end(), match);
}

InputQueue::AddResult InputQueue::add(RegisteredInput input)
{
    const auto existing = m_bySession.constFind(input.sessionId);
    if (existing != m_bySession.constEnd())
        return *existing == input.outpoint ? AddResult::AlreadyQueued : AddResult::SessionHasAnotherInput;
    if (contains(input.outpoint)) {
        // Re-registered from a new session (the client reconnected): the new session takes it over.
        removeOutPoint(input.outpoint);
    }
    m_bySession.insert(input.sessionId, input.outpoint);
    list(input.liquidity).append(std::move(input));
    return AddResult::Added;
}

void InputQueue::requeue(RegisteredInput input)
{
    removeOutPoint(input.outpoint);
    removeSession(input.sessionId);
    m_bySession.insert(input.sessionId, input.outpoint);
    list(input.liquidity).append(std::move(input));
}

std::optional<RegisteredInput> InputQueue::removeSession(const QString &sessionId)
{
    const auto it = m_bySession.constFind(sessionId);
    if (it == m_bySession.constEnd())
        return std::nullopt;
    return removeOutPoint(*it);
}

std::optional<RegisteredInput> InputQueue::removeOutPoint(const btc::OutPoint &outpoint)
{
    for (QList<RegisteredInput> *l : {&m_mustMix, &m_liquidity}) {
        for (qsizetype i = 0; i < l->size(); ++i) {
            if (l->at(i).outpoint == outpoint) {
                RegisteredInput out = l->takeAt(i);
                m_bySession.remove(out.sessionId);
                return out;
            }
        }
    }
    return std::nullopt;
}

std::optional<RegisteredInput> InputQueue::takeRandom(bool liquidity,
                                                      const std::function<bool(const RegisteredInput &)> &accept,
                                                      qint64 nowMs)
{
    m_priorityUntil.removeIf([&](const auto &entry) { return entry.value() <= nowMs; });
    QList<RegisteredInput> &l = list(liquidity);
    auto rank = [&](const RegisteredInput &i) {
        if (m_priorityUntil.contains(i.outpoint))
            return 0;
        return i.missedConfirms == 0 ? 1 : 2;
    };
    int best = 3;
    QList<qsizetype> candidates;
    for (qsizetype i = 0; i < l.size(); ++i) {
        if (!accept(l.at(i)))
            continue;
        const int r = rank(l.at(i));
        if (r < best) {
            best = r;
            candidates.clear();
        }
        if (r == best)
            candidates.append(i);
    }
    if (candidates.isEmpty())
        return std::nullopt;
    const qsizetype pick = candidates.at(qsizetype(m_random(std::uint64_t(candidates.size()))));
    RegisteredInput out = l.takeAt(pick);
    m_bySession.remove(out.sessionId);
    m_priorityUntil.remove(out.outpoint);
    return out;
}

void InputQueue::prioritise(const QList<btc::OutPoint> &outpoints, qint64 untilMs)
{
    for (const btc::OutPoint &o : outpoints)
        m_priorityUntil.insert(o, untilMs);
}

void InputQueue::clear()
{
    m_mustMix.clear();
    m_liquidity.clear();
    m_bySession.clear();
    m_priorityUntil.clear();
}

} // namespace wp::server::mix
