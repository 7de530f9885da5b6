#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace wp::server::net {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

enum class HttpMethod { Get, Head, Post, Put, Delete, Options, Patch, Other };

/// An HTTP request as the application sees it: a copy, valid as long as the caller keeps it
/// (QHttpServer 6.4 reuses its own request object for the next request on the connection).
struct HttpRequest {
    HttpMethod method = HttpMethod::Other;
    QString path;          ///< decoded path, e.g. "/rest/pools"
    QUrlQuery query;
    HttpHeaders headers;   ///< as received
    QByteArray body;       ///< at most HttpConfig::maxBodyBytes
    QHostAddress peer;     ///< for rate limits and bans only; never log it next to coins
    quint64 connectionId = 0;

    /// The first header named @p name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
};

/// A complete HTTP response. Content-Length, Connection and (under /rest/) protocolVersion
/// are added when it is written.
struct HttpResponse {
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    HttpHeaders headers; ///< extra headers

    /// 200 (or @p status) with a compact JSON body.
    static HttpResponse json(const QJsonObject &object, int status = 200);
    static HttpResponse json(const QJsonArray &array, int status = 200);
    static HttpResponse text(QByteArray body, int status = 200, QByteArray contentType = "text/plain; charset=utf-8");
    /// The classic REST error: HTTP 500, body {"message": message} (protocol reference §13.16).
    static HttpResponse restError(const QString &message);
    /// A small JSON error {"message": message} with any @p status (404, 405, 413, ...).
    static HttpResponse error(int status, const QString &message);

    /// The wire form: status line, headers, Content-Length, "Connection: close" when
    /// @p closeAfter, then the body unless @p headRequest.
    QByteArray serialize(bool headRequest, bool closeAfter) const;
};

/// The reason phrase of an HTTP status code ("Not Found"), or "Status".
QByteArray httpReasonPhrase(int status);

} // namespace wp::server::net
