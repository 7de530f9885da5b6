#pragma once

#include <mix/registeredinput.h>

#include <QHash>
#include <QList>

#include <cstdint>
#include <functional>
#include <optional>

namespace wp::server::mix {

/// A pool's waiting inputs: one list of mustMix and one of liquidity inputs,
/// at most one input per session (the classic rule). No I/O; owned by the pool's service.
class InputQueue {
public:
    /// Uniform random index in [0, bound); the CSPRNG in production, seeded in tests.
    using Random = std::function<std::uint64_t(std::uint64_t bound)>;
    explicit InputQueue(Random random);

    enum class AddResult { Added, AlreadyQueued, SessionHasAnotherInput };
    /// Queues @p input. The same outpoint again is silently kept once; a session
    /// holding another input is refused (the classic 611 error).
    AddResult add(RegisteredInput input);

    /// Puts back an input that was invited but not taken (requeue), replacing any copy.
    void requeue(RegisteredInput input);

    /// Removes the input of @p sessionId, if any.
    std::optional<RegisteredInput> removeSession(const QString &sessionId);
    /// Removes the input spending @p outpoint, if any.
    std::optional<RegisteredInput> removeOutPoint(const btc::OutPoint &outpoint);

    /// Removes and returns an input of the given kind for which @p accept is true, to
    /// invite it: uniformly random among the accepted inputs of the best rank at @p nowMs,
    /// (1) inputs prioritised by prioritise(), (2) inputs that answered their last
    /// invitation, (3) inputs that let one expire (RegisteredInput::missedConfirms).
    std::optional<RegisteredInput> takeRandom(bool liquidity, const std::function<bool(const RegisteredInput &)> &accept,
                                              qint64 nowMs);

    /// Invites these outpoints before any other until @p untilMs, whichever session
    /// registers them: the innocent inputs of a mix that failed, so that they lose
    /// seconds (their clients register again at once), not a round.
    void prioritise(const QList<btc::OutPoint> &outpoints, qint64 untilMs);

    bool containsSession(const QString &sessionId) const { return m_bySession.contains(sessionId); }
    bool contains(const btc::OutPoint &outpoint) const;
    int count(bool liquidity) const { return int(list(liquidity).size()); }
    int size() const { return count(false) + count(true); }
    QList<RegisteredInput> all() const { return m_mustMix + m_liquidity; }
    void clear();

private:
    QList<RegisteredInput> &list(bool liquidity) { return liquidity ? m_liquidity : m_mustMix; }
    const QList<RegisteredInput> &list(bool liquidity) const { return liquidity ? m_liquidity : m_mustMix; }

    Random m_random;
    QList<RegisteredInput> m_mustMix;
    QList<RegisteredInput> m_liquidity;
    QHash<QString, btc::OutPoint> m_bySession;
    QHash<btc::OutPoint, qint64> m_priorityUntil; ///< outpoint -> end of its priority
};

} // namespace wp::server::mix
