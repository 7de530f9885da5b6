#pragma once

#include <status/adminstore.h>

#include <QByteArray>
#include <QHash>
#include <QString>

namespace wp::server::status {

/// The login form (POST /admin/login). @p error is shown above the form (escaped);
/// @p login refills the login field.
QByteArray adminLoginHtml(const QString &error = {}, const QString &login = {});

/// Everything the admin page shows.
struct AdminPage {
    QString login;         ///< the admin logged in
    QByteArray csrfToken;  ///< embedded in every form
    AdminData data;
    QString notice;        ///< a message above the tables (escaped), empty: none
    bool noticeIsError = false;
    /// Values to put back into the forms after a refused submission.
    QHash<QString, QString> banForm;
    QString whitelistForm;
};

/// GET /admin: active bans with a "remove" button each, the add-ban form, the Tx0
/// whitelist with "remove" buttons and the add form, and the logout button. Every
/// form posts the session's CSRF token. Every value is escaped.
QByteArray adminHtml(const AdminPage &page);

/// The text of a notice code passed in "/admin?done=<code>" after a successful action
/// (a fixed list: nothing from the URL is reflected). Empty for an unknown code.
QString adminNoticeText(const QString &code);

} // namespace wp::server::status
