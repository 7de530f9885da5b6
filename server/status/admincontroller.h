#pragma once

#include <status/adminsessions.h>
#include <status/adminstore.h>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <functional>
#include <optional>

namespace wp::server::net {
class HttpApi;
struct HttpRequest;
class HttpReply;
}

namespace wp::server::status {

/// The admin pages (DESIGN §6: bans and whitelist behind a login):
///  - GET /admin/login, POST /admin/login (form: login, password), POST /admin/logout;
///  - GET /admin: active bans, Tx0 whitelist and their forms;
///  - POST /admin/ban/add (utxo, expiry, response), /admin/ban/remove (identifier),
///    /admin/whitelist/add (txid), /admin/whitelist/remove (txid).
///
/// Admins are rows of admin_user (created with `whirlpool-coordinator --add-admin`).
/// Passwords are verified in the thread pool (PBKDF2, see passwordhash.h); an unknown
/// login costs the same time as a wrong password. Login attempts are throttled per
/// client address (5 a minute, then 429), and at most Config::maxConcurrentVerifications
/// run at once (503 beyond, so logins never starve mix signing). A successful login sets the cookie
/// `wp_admin` (random 32-byte token; HttpOnly, SameSite=Strict, Path=/admin, 12 h;
/// Secure when configured). Sessions live in this process's memory: log in on each
/// instance. Every form carries the session's CSRF token; a POST without a live
/// session or with a wrong token is refused with 403 and changes nothing. Successful
/// actions answer 303 to /admin (post/redirect/get); invalid input answers 400 with
/// the page, the reason and the submitted values.
///
/// Thread affinity: the event-loop thread.
class AdminController : public QObject {
    Q_OBJECT
public:
    struct Config {
        bool secureCookie = false;  ///< add "Secure" to the cookie (the public URL is https)
        qint64 sessionLifetimeMs = AdminSessions::kDefaultLifetimeMs;
        int maxLoginAttempts = 5;   ///< per client address and window
        qint64 loginWindowMs = 60'000;
        /// Password verifications running at once (each takes a thread-pool thread for
        /// ~0.2 s; the pool also signs mixes). More concurrent logins get 503 + Retry-After.
        int maxConcurrentVerifications = 2;
    };

    /// Registers the admin routes on @p http. @p database must outlive this object.
    AdminController(net::HttpApi &http, db::Database &database, Config config, QObject *parent = nullptr);

    /// Sessions open now (tests, metrics).
    int sessionCount() const { return m_sessions.size(); }

private:
    using FormHandler = std::function<void(const AdminSessions::Session &session, const QHash<QString, QString> &form,
                                           const net::HttpReply &reply)>;

    qint64 nowMs() const { return m_clock.elapsed(); }
    std::optional<AdminSessions::Session> sessionOf(const net::HttpRequest &request);
    /// Routes a POST that needs a live session and its CSRF token.
    void postAction(net::HttpApi &http, const QString &path, FormHandler handler);
    void onLogin(const net::HttpRequest &request, const net::HttpReply &reply);
    /// Answers with the admin page (one DB read), @p status and the given notice / form values.
    void sendAdminPage(const AdminSessions::Session &session, const net::HttpReply &reply, int status,
                       const QString &notice, bool error, const QHash<QString, QString> &banForm = {},
                       const QString &whitelistForm = {});
    QByteArray sessionCookie(const QByteArray &token) const;

    AdminStore m_store;
    Config m_config;
    AdminSessions m_sessions;
    LoginThrottle m_throttle;
    QElapsedTimer m_clock;
    int m_verifying = 0; ///< password verifications in the thread pool now
};

} // namespace wp::server::status
