#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>

namespace wp::server::net {

/// Counts open connections, in total and per peer, against two caps.
///
/// A "peer" is an IPv4 address or an IPv6 /64 prefix (one IPv6 host usually owns a whole
/// /64, so a per-address cap would not limit it); IPv4-mapped IPv6 addresses count as IPv4.
/// Exempt addresses (loopback by default: Tor) count towards the total only.
/// Not thread-safe: owned by FrontDoor on the event-loop thread.
class ConnectionLimiter {
public:
    enum class Verdict { Accepted, TotalCapReached, PeerCapReached };

    /// @param maxTotal 0 = unlimited; @param maxPerPeer 0 = unlimited.
    ConnectionLimiter(int maxTotal, int maxPerPeer, QList<QHostAddress> exempt);

    /// Counts a new connection from @p peer unless a cap is reached (then nothing is counted).
    Verdict tryAcquire(const QHostAddress &peer);
    /// Uncounts a connection accepted by tryAcquire(). Releasing more than was acquired is a bug.
    void release(const QHostAddress &peer);

    int total() const { return m_total; }
    /// Open connections counted for @p peer's key (0 for exempt peers).
    int countFor(const QHostAddress &peer) const;
    int maxTotal() const { return m_maxTotal; }

    /// The key @p peer is counted under: IPv4 address, or the IPv6 /64 prefix.
    static QHostAddress peerKey(const QHostAddress &peer);

private:
    bool isExempt(const QHostAddress &peer) const;

    int m_maxTotal;
    int m_maxPerPeer;
    QList<QHostAddress> m_exempt;
    QHash<QHostAddress, int> m_perPeer;
    int m_total = 0;
};

} // namespace wp::server::net
