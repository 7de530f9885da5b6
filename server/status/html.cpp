#include <status/html.h>

#include <QDateTime>
#include <QUrl>

namespace wp::server::status {

QString htmlEscape(QStringView text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&': out += QLatin1String("&amp;"); break;
        case '<': out += QLatin1String("&lt;"); break;
        case '>': out += QLatin1String("&gt;"); break;
        case '"': out += QLatin1String("&quot;"); break;
        case '\'': out += QLatin1String("&#39;"); break;
        default:
            // Control characters (NUL, ESC, DEL, C1, ...) have no business in a page.
            if ((c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\n')) ||
                (c.unicode() >= 0x7f && c.unicode() < 0xa0))
                break;
            out += c;
        }
    }
    return out;
}

QString htmlLink(const QString &url)
{
    const QUrl u(url, QUrl::StrictMode);
    const bool web = u.isValid() && !u.host().isEmpty() &&
                     (u.scheme() == QLatin1String("http") || u.scheme() == QLatin1String("https"));
    if (!web)
        return htmlEscape(url);
    const QString escaped = htmlEscape(url);
    return QStringLiteral("<a href=\"%1\" rel=\"noreferrer noopener\">%1</a>").arg(escaped);
}

QByteArray htmlPage(const QString &title, const QString &heading, const QString &bodyHtml, int refreshSeconds)
{
    static const char kStyle[] =
        "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.2em 2em;color:#1d2330;"
        "background:#f6f7f9}"
        "h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em}"
        ".meta{color:#5b6474;margin:.2em 0 1em}"
        "table{border-collapse:collapse;background:#fff;box-shadow:0 1px 2px rgba(0,0,0,.08);margin-bottom:.6em}"
        "th,td{padding:.35em .7em;border-bottom:1px solid #e3e6eb;text-align:left;vertical-align:top}"
        "th{background:#eef0f4;font-weight:600;white-space:nowrap}"
        "td.n{text-align:right;font-variant-numeric:tabular-nums}"
        "code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}"
        ".ok{color:#11772d;font-weight:600}.bad{color:#b3261e;font-weight:600}.dim{color:#7a8394}"
        ".msg{padding:.5em .8em;margin:.6em 0;border-radius:4px}"
        ".msg.ok{background:#e3f4e7;font-weight:normal}.msg.bad{background:#fbe4e2;font-weight:normal}"
        "form.inline{display:inline;margin:0}"
        "form.box{background:#fff;padding:.8em 1em;box-shadow:0 1px 2px rgba(0,0,0,.08);display:inline-block}"
        "form.box label{display:block;margin:.3em 0}"
        "input[type=text],input[type=password],input[type=number]{padding:.25em .4em;min-width:18em}"
        "button{padding:.25em .9em;cursor:pointer}";
    QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    if (refreshSeconds > 0)
        html += QStringLiteral("<meta http-equiv=\"refresh\" content=\"%1\">").arg(refreshSeconds);
    html += QStringLiteral("<title>%1</title><style>%2</style></head>\n<body>\n<h1>%3</h1>\n")
                .arg(htmlEscape(title), QLatin1String(kStyle), htmlEscape(heading));
    html += bodyHtml;
    html += QStringLiteral("\n</body></html>\n");
    return html.toUtf8();
}

void addHeader(net::HttpResponse &response, const QByteArray &name, const QByteArray &value)
{
    response.headers.append(qMakePair(name, value));
}

net::HttpResponse htmlResponse(QByteArray html, int status)
{
    net::HttpResponse r = net::HttpResponse::text(std::move(html), status, "text/html; charset=utf-8");
    addHeader(r, "Cache-Control", "no-store");
    addHeader(r, "X-Content-Type-Options", "nosniff");
    addHeader(r, "Referrer-Policy", "no-referrer");
    addHeader(r, "X-Frame-Options", "DENY");
    addHeader(r, "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                                 "frame-ancestors 'none'; base-uri 'none'");
    return r;
}

QString formatDurationMs(qint64 ms)
{
    if (ms < 0)
        ms = 0;
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60'000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    if (ms < 3'600'000)
        return QStringLiteral("%1 min").arg(ms / 60'000);
    if (ms < 86'400'000)
        return QStringLiteral("%1 h").arg(ms / 3'600'000);
    return QStringLiteral("%1 d").arg(ms / 86'400'000);
}

QString formatUtcMicros(qint64 us)
{
    if (us <= 0)
        return QStringLiteral("-");
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace wp::server::status
