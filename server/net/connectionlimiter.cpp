#include <net/connectionlimiter.h>

#include <util/assert.h>

namespace wp::server::net {

namespace {

QHostAddress unmapped(const QHostAddress &peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : peer;
}

} // namespace

ConnectionLimiter::ConnectionLimiter(int maxTotal, int maxPerPeer, QList<QHostAddress> exempt)
    : m_maxTotal(maxTotal), m_maxPerPeer(maxPerPeer), m_exempt(std::move(exempt))
{
    for (QHostAddress &a : m_exempt)
        a = unmapped(a);
}

QHostAddress ConnectionLimiter::peerKey(const QHostAddress &peer)
{
    const QHostAddress a = unmapped(peer);
    if (a.protocol() != QAbstractSocket::IPv6Protocol)
        return a;
    Q_IPV6ADDR bytes = a.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes);
}

bool ConnectionLimiter::isExempt(const QHostAddress &peer) const
{
    const QHostAddress a = unmapped(peer);
    for (const QHostAddress &e : m_exempt)
        if (a.isEqual(e, QHostAddress::StrictConversion))
            return true;
    return false;
}

ConnectionLimiter::Verdict ConnectionLimiter::tryAcquire(const QHostAddress &peer)
{
    if (m_maxTotal > 0 && m_total >= m_maxTotal)
        return Verdict::TotalCapReached;
    if (!isExempt(peer)) {
        const QHostAddress key = peerKey(peer);
        if (m_maxPerPeer > 0 && m_perPeer.value(key) >= m_maxPerPeer)
            return Verdict::PeerCapReached;
        ++m_perPeer[key];
    }
    ++m_total;
    return Verdict::Accepted;
}

void ConnectionLimiter::release(const QHostAddress &peer)
{
    WP_ASSERT(m_total > 0);
    --m_total;
    if (isExempt(peer))
        return;
    const auto it = m_perPeer.find(peerKey(peer));
    WP_ASSERT(it != m_perPeer.end() && it.value() > 0);
    if (--it.value() == 0)
        m_perPeer.erase(it);
}

int ConnectionLimiter::countFor(const QHostAddress &peer) const
{
    return isExempt(peer) ? 0 : m_perPeer.value(peerKey(peer));
}

} // namespace wp::server::net
