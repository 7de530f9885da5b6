#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>

namespace wp::server::status {

/// Logged-in admin sessions of this instance, in memory (a restart logs everybody
/// out). A session is a random 32-byte token (the cookie, 64 hex characters) with a
/// random CSRF token that every form of the session carries. Only SHA-256 of the
/// session token is kept as the key. Sessions end @p lifetimeMs after login, at
/// logout, or when the oldest is evicted to stay under @p maxSessions.
///
/// Pure logic with explicit times (milliseconds of any monotonic clock); not thread-safe.
class AdminSessions {
public:
    static constexpr qint64 kDefaultLifetimeMs = 12LL * 3600 * 1000;

    struct Session {
        QString login;
        QByteArray csrfToken; ///< 64 hex characters
        qint64 expiresAtMs = 0;
    };
    struct Created {
        QByteArray token;     ///< for the cookie, 64 hex characters
        Session session;
    };

    explicit AdminSessions(qint64 lifetimeMs = kDefaultLifetimeMs, int maxSessions = 256);

    /// Opens a session for @p login.
    Created create(const QString &login, qint64 nowMs);
    /// The live session of @p token, or nullopt (unknown, malformed or expired; expired
    /// sessions are dropped here).
    std::optional<Session> find(QByteArrayView token, qint64 nowMs);
    /// Ends the session of @p token. Returns: false if there was none.
    bool remove(QByteArrayView token);
    /// True if @p submitted equals the session's CSRF token (constant-time comparison).
    static bool csrfMatches(const Session &session, QByteArrayView submitted);
    int size() const { return int(m_sessions.size()); }

private:
    static QByteArray key(QByteArrayView token);

    qint64 m_lifetimeMs;
    int m_maxSessions;
    QHash<QByteArray, Session> m_sessions; ///< sha256(token) -> session
};

/// Throttles admin logins per client address: at most @p maxAttempts within
/// @p windowMs. Every attempt counts when it starts (so parallel guesses are bounded
/// too); a successful login takes its own attempt back. IPv6 addresses count per /64.
///
/// Pure logic with explicit times; not thread-safe.
class LoginThrottle {
public:
    explicit LoginThrottle(int maxAttempts = 5, qint64 windowMs = 60'000, int maxPeers = 10'000);

    /// Counts an attempt from @p peer. Returns: 0 if it may proceed, else the
    /// milliseconds until the oldest counted attempt leaves the window (answer 429).
    qint64 tryAttempt(const QHostAddress &peer, qint64 nowMs);
    /// Forgets the newest attempt of @p peer (the login succeeded).
    void succeeded(const QHostAddress &peer);

private:
    static QString peerKey(const QHostAddress &peer);
    void prune(qint64 nowMs);

    int m_maxAttempts;
    qint64 m_windowMs;
    int m_maxPeers;
    QHash<QString, QList<qint64>> m_attempts; ///< peer -> attempt times, oldest first
};

} // namespace wp::server::status
