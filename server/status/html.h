#pragma once

#include <net/httptypes.h>

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

namespace wp::server::status {

/// HTML-escapes @p text for element content and double-quoted attribute values
/// (& < > " ' and every control character but tab/newline become entities or are dropped).
/// Every string from the database or a request goes through this before it is written
/// into a page: instance names, URLs and stats come from other instances' rows.
QString htmlEscape(QStringView text);

/// A link to @p url if it is an absolute http(s) URL (escaped, rel="noreferrer"),
/// else the escaped text alone: a "javascript:" URL from a hostile row stays inert.
QString htmlLink(const QString &url);

/// A complete, self-contained HTML5 page (inline CSS, no script, no external asset).
/// @p title and @p heading are escaped here; @p bodyHtml is inserted as is (already
/// built from escaped parts). @p refreshSeconds > 0 adds a meta refresh.
QByteArray htmlPage(const QString &title, const QString &heading, const QString &bodyHtml, int refreshSeconds = 0);

/// Appends the header @p name: @p value to @p response.
void addHeader(net::HttpResponse &response, const QByteArray &name, const QByteArray &value);

/// An HTML response with the headers every dashboard/admin page carries: no caching,
/// nosniff, no referrer, no framing, and a Content-Security-Policy that allows inline
/// styles and same-origin forms only.
net::HttpResponse htmlResponse(QByteArray html, int status = 200);

/// "12 ms", "3.4 s", "5 min", "2 h", "3 d": a short human age for @p ms (>= 0).
QString formatDurationMs(qint64 ms);

/// "2024-05-01 12:34:56" (UTC) for microseconds since 1970; "-" for 0.
QString formatUtcMicros(qint64 us);

} // namespace wp::server::status
