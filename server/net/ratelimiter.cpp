#include <net/ratelimiter.h>

#include <algorithm>

namespace wp::server::net {

RateLimiter::RateLimiter(double ratePerSecond, int burst)
    : m_ratePerMs(ratePerSecond / 1000.0), m_burst(std::max(1, burst)), m_tokens(m_burst)
{
}

bool RateLimiter::tryTake(qint64 nowMs, int n)
{
    if (m_ratePerMs <= 0)
        return true;
    if (m_lastMs >= 0 && nowMs > m_lastMs)
        m_tokens = std::min(m_burst, m_tokens + double(nowMs - m_lastMs) * m_ratePerMs);
    m_lastMs = std::max(m_lastMs, nowMs);
    if (m_tokens < n)
        return false;
    m_tokens -= n;
    return true;
}

} // namespace wp::server::net
