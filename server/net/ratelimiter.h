#pragma once

#include <QtGlobal>

namespace wp::server::net {

/// Token bucket: @p ratePerSecond tokens per second refill a bucket of @p burst tokens.
/// Time is passed in (monotonic milliseconds), so the class is deterministic to test.
/// Not thread-safe; one per session.
class RateLimiter {
public:
    /// @p ratePerSecond <= 0 disables the limit (tryTake always succeeds).
    RateLimiter(double ratePerSecond, int burst);

    /// Takes @p n tokens at time @p nowMs. Returns false (taking nothing) when fewer are left.
    bool tryTake(qint64 nowMs, int n = 1);

private:
    double m_ratePerMs;
    double m_burst;
    double m_tokens;
    qint64 m_lastMs = -1;
};

} // namespace wp::server::net
