#include <status/adminpages.h>

#include <status/html.h>

namespace wp::server::status {

namespace {

QString csrfField(const QByteArray &token)
{
    return QStringLiteral("<input type=\"hidden\" name=\"csrf\" value=\"%1\">").arg(htmlEscape(QString::fromLatin1(token)));
}

QString notice(const QString &text, bool error)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p class=\"msg %1\">%2</p>\n").arg(error ? QLatin1String("bad") : QLatin1String("ok"), htmlEscape(text));
}

} // namespace

QByteArray adminLoginHtml(const QString &error, const QString &login)
{
    const QString body = notice(error, true) +
                         QStringLiteral("<form class=\"box\" method=\"post\" action=\"/admin/login\">"
                                        "<label>Login<br><input type=\"text\" name=\"login\" value=\"%1\" "
                                        "autocomplete=\"username\" required autofocus></label>"
                                        "<label>Password<br><input type=\"password\" name=\"password\" "
                                        "autocomplete=\"current-password\" required></label>"
                                        "<p><button type=\"submit\">Log in</button></p></form>\n"
                                        "<p class=\"meta\"><a href=\"/status\">Cluster status</a></p>\n")
                             .arg(htmlEscape(login));
    return htmlPage(QStringLiteral("Whirlpool admin: log in"), QStringLiteral("Whirlpool admin"), body);
}

QByteArray adminHtml(const AdminPage &page)
{
    const QString csrf = csrfField(page.csrfToken);
    QString body = QStringLiteral("<div class=\"meta\">Logged in as <b>%1</b> &middot; <a href=\"/status\">cluster status</a> "
                                  "&middot; <form class=\"inline\" method=\"post\" action=\"/admin/logout\">%2"
                                  "<button type=\"submit\">Log out</button></form></div>\n")
                       .arg(htmlEscape(page.login), csrf);
    body += notice(page.notice, page.noticeIsError);
    body += QStringLiteral("<p class=\"meta\">Bans and the whitelist are shared by every instance of the cluster and take "
                           "effect at once.</p>\n");

    body += QStringLiteral("<h2>Active bans (%1)</h2>\n").arg(page.data.activeBanCount);
    body += QStringLiteral("<table><tr><th>Identifier</th><th>Expires (UTC)</th><th>Response</th><th>Notes</th>"
                           "<th>Created (UTC)</th><th></th></tr>\n");
    for (const ActiveBan &b : page.data.bans) {
        body += QStringLiteral("<tr><td class=\"mono\">%1</td><td>%2</td><td>%3</td><td class=\"dim\">%4</td><td>%5</td>"
                               "<td><form class=\"inline\" method=\"post\" action=\"/admin/ban/remove\">%6"
                               "<input type=\"hidden\" name=\"identifier\" value=\"%1\">"
                               "<button type=\"submit\">Remove</button></form></td></tr>\n")
                    .arg(htmlEscape(b.identifier),
                         b.expiresAtUs ? htmlEscape(formatUtcMicros(*b.expiresAtUs)) : QStringLiteral("never"),
                         htmlEscape(b.response), htmlEscape(b.notes), htmlEscape(formatUtcMicros(b.createdAtUs)), csrf);
    }
    if (page.data.bans.isEmpty())
        body += QStringLiteral("<tr><td colspan=\"6\" class=\"dim\">No active ban.</td></tr>\n");
    else if (page.data.bans.size() < page.data.activeBanCount)
        body += QStringLiteral("<tr><td colspan=\"6\" class=\"dim\">Showing the newest %1.</td></tr>\n").arg(page.data.bans.size());
    body += QStringLiteral("</table>\n");

    body += QStringLiteral(
                "<h2>Add a ban</h2>\n<form class=\"box\" method=\"post\" action=\"/admin/ban/add\">%1"
                "<label>Utxo (txid:index, or a txid to ban a whole Tx0)<br>"
                "<input type=\"text\" name=\"utxo\" value=\"%2\" size=\"72\" required></label>"
                "<label>Expires after (minutes, empty: permanent)<br>"
                "<input type=\"number\" name=\"expiry\" min=\"1\" value=\"%3\"></label>"
                "<label>Response shown to the user (after &quot;Banned from service. &quot;)<br>"
                "<input type=\"text\" name=\"response\" maxlength=\"255\" value=\"%4\" size=\"72\"></label>"
                "<p><button type=\"submit\">Ban</button></p></form>\n")
                .arg(csrf, htmlEscape(page.banForm.value(QStringLiteral("utxo"))),
                     htmlEscape(page.banForm.value(QStringLiteral("expiry"))),
                     htmlEscape(page.banForm.value(QStringLiteral("response"))));

    body += QStringLiteral("<h2>Tx0 whitelist (%1)</h2>\n<table><tr><th>Txid</th><th>Added (UTC)</th><th></th></tr>\n")
                .arg(page.data.whitelist.size());
    for (const WhitelistedTx0 &w : page.data.whitelist) {
        body += QStringLiteral("<tr><td class=\"mono\">%1</td><td>%2</td><td><form class=\"inline\" method=\"post\" "
                               "action=\"/admin/whitelist/remove\">%3<input type=\"hidden\" name=\"txid\" value=\"%1\">"
                               "<button type=\"submit\">Remove</button></form></td></tr>\n")
                    .arg(htmlEscape(w.txid), htmlEscape(formatUtcMicros(w.createdAtUs)), csrf);
    }
    if (page.data.whitelist.isEmpty())
        body += QStringLiteral("<tr><td colspan=\"3\" class=\"dim\">No whitelisted Tx0.</td></tr>\n");
    body += QStringLiteral("</table>\n");
    body += QStringLiteral("<form class=\"box\" method=\"post\" action=\"/admin/whitelist/add\">%1"
                           "<label>Tx0 txid<br><input type=\"text\" name=\"txid\" value=\"%2\" size=\"72\" required></label>"
                           "<p><button type=\"submit\">Whitelist</button></p></form>\n")
                .arg(csrf, htmlEscape(page.whitelistForm));
    return htmlPage(QStringLiteral("Whirlpool admin"), QStringLiteral("Whirlpool admin"), body);
}

QString adminNoticeText(const QString &code)
{
    static const struct { const char *code; const char *text; } kNotices[] = {
        {"ban-added", "The ban was added."},
        {"ban-removed", "The ban was removed."},
        {"not-banned", "That identifier was not banned (any more)."},
        {"whitelist-added", "The Tx0 was whitelisted."},
        {"already-whitelisted", "That Tx0 was already whitelisted."},
        {"whitelist-removed", "The Tx0 was removed from the whitelist."},
        {"not-whitelisted", "That Tx0 was not whitelisted."},
    };
    for (const auto &n : kNotices)
        if (code == QLatin1String(n.code))
            return QString::fromLatin1(n.text);
    return {};
}

} // namespace wp::server::status
