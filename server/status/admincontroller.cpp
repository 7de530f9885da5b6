#include <status/admincontroller.h>

#include <status/adminpages.h>
#include <status/html.h>
#include <status/passwordhash.h>
#include <status/statuslogging.h>

#include <net/httpapi.h>
#include <net/httpreply.h>
#include <net/httptypes.h>
#include <util/async.h>

namespace wp::server::status {

using net::HttpReply;
using net::HttpRequest;
using net::HttpResponse;

namespace {

constexpr char kCookieName[] = "wp_admin";

HttpResponse redirect(const QByteArray &location)
{
    HttpResponse r = HttpResponse::text({}, 303);
    addHeader(r, "Location", location);
    addHeader(r, "Cache-Control", "no-store");
    return r;
}

HttpResponse messagePage(int status, const QString &message)
{
    const QString body = QStringLiteral("<p class=\"msg bad\">%1</p>\n<p><a href=\"/admin\">Back to the admin page</a></p>\n")
                             .arg(htmlEscape(message));
    return htmlResponse(htmlPage(QStringLiteral("Whirlpool admin"), QStringLiteral("Whirlpool admin"), body), status);
}

HttpResponse databaseDown(const Error &error)
{
    qCWarning(lcAdmin).noquote() << "admin page: database error" << error.code << error.message;
    return messagePage(503, QStringLiteral("The database is unavailable (error %1): nothing was changed. Try again.").arg(error.code));
}

} // namespace

AdminController::AdminController(net::HttpApi &http, db::Database &database, Config config, QObject *parent)
    : QObject(parent), m_store(database), m_config(config), m_sessions(config.sessionLifetimeMs),
      m_throttle(config.maxLoginAttempts, config.loginWindowMs)
{
    m_clock.start();

    http.get(QStringLiteral("/admin/login"), [this](const HttpRequest &request, HttpReply reply) {
        if (sessionOf(request))
            return reply.send(redirect("/admin"));
        reply.send(htmlResponse(adminLoginHtml()));
    });
    http.post(QStringLiteral("/admin/login"),
              [this](const HttpRequest &request, HttpReply reply) { onLogin(request, reply); });

    http.get(QStringLiteral("/admin"), [this](const HttpRequest &request, HttpReply reply) {
        const auto session = sessionOf(request);
        if (!session)
            return reply.send(redirect("/admin/login"));
        const QString done = request.query.queryItemValue(QStringLiteral("done"));
        sendAdminPage(*session, reply, 200, adminNoticeText(done), false);
    });

    http.post(QStringLiteral("/admin/logout"), [this](const HttpRequest &request, HttpReply reply) {
        const auto session = sessionOf(request);
        const auto form = parseFormUrlEncoded(request.body);
        if (!session || !form || !AdminSessions::csrfMatches(*session, form->value(QStringLiteral("csrf")).toLatin1()))
            return reply.send(messagePage(403, QStringLiteral("Not logged in, or the form is out of date: reload the page.")));
        m_sessions.remove(cookieValue(request.header("cookie"), kCookieName));
        qCInfo(lcAdmin) << "admin" << session->login << "logged out";
        HttpResponse r = redirect("/admin/login");
        addHeader(r, "Set-Cookie", QByteArray(kCookieName) + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict" +
                                            (m_config.secureCookie ? "; Secure" : ""));
        reply.send(std::move(r));
    });

    postAction(http, QStringLiteral("/admin/ban/add"),
               [this](const AdminSessions::Session &session, const QHash<QString, QString> &form, const HttpReply &reply) {
                   auto ban = parseBanForm(form);
                   if (!ban)
                       return sendAdminPage(session, reply, 400, ban.error().message, true, form);
                   m_store.addBan(*ban, session.login, this, [reply, login = session.login, ban = *ban](Result<void> r) {
                       if (!r)
                           return reply.send(databaseDown(r.error()));
                       qCInfo(lcAdmin) << "admin" << login << "banned" << ban.identifier
                                       << (ban.expiryMinutes ? QStringLiteral("for %1 min").arg(*ban.expiryMinutes)
                                                             : QStringLiteral("permanently"));
                       reply.send(redirect("/admin?done=ban-added"));
                   });
               });

    postAction(http, QStringLiteral("/admin/ban/remove"),
               [this](const AdminSessions::Session &session, const QHash<QString, QString> &form, const HttpReply &reply) {
                   auto identifier = normalizeBanIdentifier(form.value(QStringLiteral("identifier")));
                   if (!identifier)
                       return sendAdminPage(session, reply, 400, identifier.error().message, true);
                   m_store.liftBan(*identifier, session.login, this,
                                   [reply, login = session.login, id = *identifier](Result<int> lifted) {
                                       if (!lifted)
                                           return reply.send(databaseDown(lifted.error()));
                                       if (*lifted == 0)
                                           return reply.send(redirect("/admin?done=not-banned"));
                                       qCInfo(lcAdmin) << "admin" << login << "removed the ban of" << id;
                                       reply.send(redirect("/admin?done=ban-removed"));
                                   });
               });

    postAction(http, QStringLiteral("/admin/whitelist/add"),
               [this](const AdminSessions::Session &session, const QHash<QString, QString> &form, const HttpReply &reply) {
                   auto txid = normalizeTxid(form.value(QStringLiteral("txid")));
                   if (!txid)
                       return sendAdminPage(session, reply, 400, txid.error().message, true, {},
                                            form.value(QStringLiteral("txid")));
                   m_store.addWhitelist(*txid, this, [reply, login = session.login, txid = *txid](Result<bool> added) {
                       if (!added)
                           return reply.send(databaseDown(added.error()));
                       if (!*added)
                           return reply.send(redirect("/admin?done=already-whitelisted"));
                       qCInfo(lcAdmin) << "admin" << login << "whitelisted Tx0" << txid;
                       reply.send(redirect("/admin?done=whitelist-added"));
                   });
               });

    postAction(http, QStringLiteral("/admin/whitelist/remove"),
               [this](const AdminSessions::Session &session, const QHash<QString, QString> &form, const HttpReply &reply) {
                   auto txid = normalizeTxid(form.value(QStringLiteral("txid")));
                   if (!txid)
                       return sendAdminPage(session, reply, 400, txid.error().message, true);
                   m_store.removeWhitelist(*txid, this, [reply, login = session.login, txid = *txid](Result<bool> removed) {
                       if (!removed)
                           return reply.send(databaseDown(removed.error()));
                       if (!*removed)
                           return reply.send(redirect("/admin?done=not-whitelisted"));
                       qCInfo(lcAdmin) << "admin" << login << "removed Tx0" << txid << "from the whitelist";
                       reply.send(redirect("/admin?done=whitelist-removed"));
                   });
               });
}

std::optional<AdminSessions::Session> AdminController::sessionOf(const HttpRequest &request)
{
    const QByteArray token = cookieValue(request.header("cookie"), kCookieName);
    if (token.isEmpty())
        return std::nullopt;
    return m_sessions.find(token, nowMs());
}

QByteArray AdminController::sessionCookie(const QByteArray &token) const
{
    return QByteArray(kCookieName) + '=' + token + "; Path=/admin; Max-Age=" +
           QByteArray::number(m_config.sessionLifetimeMs / 1000) + "; HttpOnly; SameSite=Strict" +
           (m_config.secureCookie ? "; Secure" : "");
}

void AdminController::postAction(net::HttpApi &http, const QString &path, FormHandler handler)
{
    http.post(path, [this, handler = std::move(handler)](const HttpRequest &request, HttpReply reply) {
        const auto session = sessionOf(request);
        if (!session)
            return reply.send(messagePage(403, QStringLiteral("You are not logged in (or your session ended): log in "
                                                              "again. Nothing was changed.")));
        const auto form = parseFormUrlEncoded(request.body);
        if (!form)
            return reply.send(messagePage(400, QStringLiteral("The form could not be read. Nothing was changed.")));
        if (!AdminSessions::csrfMatches(*session, form->value(QStringLiteral("csrf")).toLatin1())) {
            qCWarning(lcAdmin) << "refused a form without a valid CSRF token for admin" << session->login;
            return reply.send(messagePage(403, QStringLiteral("This form is out of date or was not sent from the admin "
                                                              "page: reload the page. Nothing was changed.")));
        }
        handler(*session, *form, reply);
    });
}

void AdminController::onLogin(const HttpRequest &request, const HttpReply &reply)
{
    const QHostAddress peer = request.peer;
    if (const qint64 waitMs = m_throttle.tryAttempt(peer, nowMs()); waitMs > 0) {
        HttpResponse r = htmlResponse(
            adminLoginHtml(QStringLiteral("Too many login attempts: wait %1 s.").arg((waitMs + 999) / 1000)), 429);
        addHeader(r, "Retry-After", QByteArray::number((waitMs + 999) / 1000));
        return reply.send(std::move(r));
    }
    const auto form = parseFormUrlEncoded(request.body);
    const QString login = form ? form->value(QStringLiteral("login")).trimmed() : QString();
    const QString password = form ? form->value(QStringLiteral("password")) : QString();
    if (login.isEmpty() || password.isEmpty() || !AdminStore::loginProblem(login).isEmpty() ||
        password.size() > kPasswordMaxLength)
        return reply.send(htmlResponse(adminLoginHtml(QStringLiteral("Enter your login and password."), login), 400));

    m_store.passwordHashOf(login, this, [this, reply, login, password, peer](Result<std::optional<QString>> stored) {
        if (!stored)
            return reply.send(databaseDown(stored.error()));
        if (m_verifying >= m_config.maxConcurrentVerifications) {
            m_throttle.succeeded(peer); // not this client's fault: the attempt does not count
            HttpResponse busy = htmlResponse(adminLoginHtml(QStringLiteral("Busy: try again in a second."), login), 503);
            addHeader(busy, "Retry-After", "1");
            return reply.send(std::move(busy));
        }
        ++m_verifying;
        // An unknown login is verified against an unmatchable hash: same time, same answer.
        const QString hash = stored->value_or(unmatchablePasswordHash());
        util::runInThreadPool<bool>(
            this, [password, hash] { return verifyPassword(password, hash); },
            [this, reply, login, peer](bool ok) {
                --m_verifying;
                if (!ok) {
                    qCInfo(lcAdmin) << "failed admin login for" << login;
                    return reply.send(htmlResponse(adminLoginHtml(QStringLiteral("Wrong login or password."), login), 403));
                }
                m_throttle.succeeded(peer);
                const AdminSessions::Created created = m_sessions.create(login, nowMs());
                qCInfo(lcAdmin) << "admin" << login << "logged in";
                HttpResponse r = redirect("/admin");
                addHeader(r, "Set-Cookie", sessionCookie(created.token));
                reply.send(std::move(r));
            });
    });
}

void AdminController::sendAdminPage(const AdminSessions::Session &session, const HttpReply &reply, int status,
                                    const QString &notice, bool error, const QHash<QString, QString> &banForm,
                                    const QString &whitelistForm)
{
    m_store.readAdminData(this, [reply, session, status, notice, error, banForm, whitelistForm](Result<AdminData> data) {
        if (!data)
            return reply.send(databaseDown(data.error()));
        AdminPage page;
        page.login = session.login;
        page.csrfToken = session.csrfToken;
        page.data = std::move(*data);
        page.notice = notice;
        page.noticeIsError = error;
        page.banForm = banForm;
        page.whitelistForm = whitelistForm;
        reply.send(htmlResponse(adminHtml(page), status));
    });
}

} // namespace wp::server::status
