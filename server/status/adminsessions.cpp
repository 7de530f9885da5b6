#include <status/adminsessions.h>

#include <crypto/hash.h>
#include <crypto/random.h>
#include <crypto/securebytes.h>
#include <util/hex.h>

#include <algorithm>

namespace wp::server::status {

namespace {

QByteArray randomToken() { return util::toHex(crypto::randomBytes(32)).toLatin1(); }

} // namespace

AdminSessions::AdminSessions(qint64 lifetimeMs, int maxSessions) : m_lifetimeMs(lifetimeMs), m_maxSessions(maxSessions)
{
}

QByteArray AdminSessions::key(QByteArrayView token) { return crypto::sha256(token); }

AdminSessions::Created AdminSessions::create(const QString &login, qint64 nowMs)
{
    // Drop expired sessions, then the oldest ones while full.
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
        it = it->expiresAtMs <= nowMs ? m_sessions.erase(it) : std::next(it);
    while (m_sessions.size() >= m_maxSessions) {
        auto oldest = std::min_element(m_sessions.begin(), m_sessions.end(),
                                       [](const Session &a, const Session &b) { return a.expiresAtMs < b.expiresAtMs; });
        m_sessions.erase(oldest);
    }
    Created created;
    created.token = randomToken();
    created.session = Session{login, randomToken(), nowMs + m_lifetimeMs};
    m_sessions.insert(key(created.token), created.session);
    return created;
}

std::optional<AdminSessions::Session> AdminSessions::find(QByteArrayView token, qint64 nowMs)
{
    if (token.size() != 64)
        return std::nullopt;
    const QByteArray k = key(token);
    auto it = m_sessions.find(k);
    if (it == m_sessions.end())
        return std::nullopt;
    if (it->expiresAtMs <= nowMs) {
        m_sessions.erase(it);
        return std::nullopt;
    }
    return *it;
}

bool AdminSessions::remove(QByteArrayView token) { return token.size() == 64 && m_sessions.remove(key(token)) > 0; }

bool AdminSessions::csrfMatches(const Session &session, QByteArrayView submitted)
{
    if (submitted.size() != session.csrfToken.size() || session.csrfToken.isEmpty())
        return false;
    return crypto::SecureBytes(submitted) == crypto::SecureBytes(QByteArrayView(session.csrfToken));
}

LoginThrottle::LoginThrottle(int maxAttempts, qint64 windowMs, int maxPeers)
    : m_maxAttempts(maxAttempts), m_windowMs(windowMs), m_maxPeers(maxPeers)
{
}

QString LoginThrottle::peerKey(const QHostAddress &peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4); // IPv4-mapped IPv6 counts as IPv4
    if (isV4)
        return QHostAddress(v4).toString();
    Q_IPV6ADDR bytes = peer.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        bytes[i] = 0;
    return QHostAddress(bytes).toString();
}

void LoginThrottle::prune(qint64 nowMs)
{
    for (auto it = m_attempts.begin(); it != m_attempts.end();) {
        QList<qint64> &times = *it;
        while (!times.isEmpty() && times.first() + m_windowMs <= nowMs)
            times.removeFirst();
        it = times.isEmpty() ? m_attempts.erase(it) : std::next(it);
    }
}

qint64 LoginThrottle::tryAttempt(const QHostAddress &peer, qint64 nowMs)
{
    const QString k = peerKey(peer);
    auto it = m_attempts.find(k);
    if (it != m_attempts.end())
        while (!it->isEmpty() && it->first() + m_windowMs <= nowMs)
            it->removeFirst();
    if (it != m_attempts.end() && it->size() >= m_maxAttempts)
        return std::max<qint64>(1, it->first() + m_windowMs - nowMs);
    if (it == m_attempts.end() && m_attempts.size() >= m_maxPeers) {
        prune(nowMs);
        if (m_attempts.size() >= m_maxPeers) // a flood of addresses: refuse until the window frees some
            return m_windowMs;
    }
    m_attempts[k].append(nowMs);
    return 0;
}

void LoginThrottle::succeeded(const QHostAddress &peer)
{
    auto it = m_attempts.find(peerKey(peer));
    if (it != m_attempts.end() && !it->isEmpty())
        it->removeLast();
}

} // namespace wp::server::status
