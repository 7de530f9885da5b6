#include <net/httpapi.h>

#include <net/frontdoor.h>
#include <net/httpconnection.h>
#include <net/logging.h>
#include <util/assert.h>

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

#include <algorithm>

namespace wp::server::net {

namespace {

HttpMethod fromQt(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return HttpMethod::Get;
    case QHttpServerRequest::Method::Head: return HttpMethod::Head;
    case QHttpServerRequest::Method::Post: return HttpMethod::Post;
    case QHttpServerRequest::Method::Put: return HttpMethod::Put;
    case QHttpServerRequest::Method::Delete: return HttpMethod::Delete;
    case QHttpServerRequest::Method::Options: return HttpMethod::Options;
    case QHttpServerRequest::Method::Patch: return HttpMethod::Patch;
    default: return HttpMethod::Other;
    }
}

QByteArray methodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get: return "GET";
    case HttpMethod::Head: return "HEAD";
    case HttpMethod::Post: return "POST";
    case HttpMethod::Put: return "PUT";
    case HttpMethod::Delete: return "DELETE";
    case HttpMethod::Options: return "OPTIONS";
    case HttpMethod::Patch: return "PATCH";
    case HttpMethod::Other: break;
    }
    return "OTHER";
}

bool wantsClose(const HttpRequest &request)
{
    const QByteArray connection = request.header("connection");
    for (const QByteArray &token : connection.split(','))
        if (token.trimmed().compare("close", Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace

HttpApi::HttpApi(HttpConfig config, QObject *parent)
    : QObject(parent), m_config(config), m_server(new QHttpServer(this))
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    });
}

HttpApi::~HttpApi() = default;

void HttpApi::attach(FrontDoor *door)
{
    WP_ASSERT(door);
    QObject *const parent = door->parent();
    m_server->bind(door); // connects pendingConnectionAvailable; also reparents the door
    door->setParent(parent);
}

void HttpApi::route(HttpMethod method, const QString &path, Handler handler)
{
    WP_ASSERT(handler);
    QHash<int, Handler> &methods = m_exact[path];
    WP_ASSERT(!methods.contains(int(method)));
    methods.insert(int(method), std::move(handler));
}

void HttpApi::routePrefix(HttpMethod method, const QString &prefix, Handler handler)
{
    WP_ASSERT(handler && !prefix.isEmpty());
    m_prefixes.append(PrefixRoute{prefix, method, std::move(handler)});
    std::stable_sort(m_prefixes.begin(), m_prefixes.end(),
                     [](const PrefixRoute &a, const PrefixRoute &b) { return a.prefix.size() > b.prefix.size(); });
}

const HttpApi::Handler *HttpApi::find(HttpMethod method, const QString &path, QList<HttpMethod> *allowed) const
{
    const auto lookup = [&](HttpMethod m) -> const Handler * {
        const auto exact = m_exact.constFind(path);
        if (exact != m_exact.cend()) {
            const auto it = exact->constFind(int(m));
            return it != exact->cend() ? &it.value() : nullptr;
        }
        for (const PrefixRoute &route : m_prefixes)
            if (route.method == m && path.startsWith(route.prefix))
                return &route.handler;
        return nullptr;
    };
    if (const Handler *h = lookup(method))
        return h;
    if (method == HttpMethod::Head)
        if (const Handler *h = lookup(HttpMethod::Get))
            return h;
    for (HttpMethod m : {HttpMethod::Get, HttpMethod::Post, HttpMethod::Put, HttpMethod::Delete, HttpMethod::Patch,
                         HttpMethod::Options})
        if (lookup(m))
            allowed->append(m);
    return nullptr;
}

void HttpApi::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    HttpConnection *connection = HttpConnection::of(responder.socket());
    if (!connection) { // a socket FrontDoor did not hand over: cannot happen by construction
        responder.write(QHttpServerResponder::StatusCode::InternalServerError);
        return;
    }
    const quint64 ticket = connection->beginRequest();

    // Copy everything now: QHttpServer reuses its request object for the next request.
    HttpRequest copy;
    copy.method = fromQt(request.method());
    copy.path = request.url().path();
    copy.query = request.query();
    copy.headers = request.headers();
    copy.body = request.body();
    copy.peer = request.remoteAddress();
    copy.connectionId = connection->connectionId();

    const bool rest = copy.path.startsWith(QLatin1String("/rest/"));
    const HttpReply reply(connection, ticket, rest, copy.method == HttpMethod::Head, wantsClose(copy));
    qCDebug(lcHttp) << "connection" << copy.connectionId << methodName(copy.method) << copy.path;

    if (copy.body.size() > m_config.maxBodyBytes) {
        reply.send(HttpResponse::error(413, QStringLiteral("request body too large")));
        return;
    }
    QList<HttpMethod> allowed;
    const Handler *handler = find(copy.method, copy.path, &allowed);
    if (!handler) {
        if (allowed.isEmpty()) {
            reply.send(HttpResponse::error(404, QStringLiteral("not found")));
        } else {
            HttpResponse response = HttpResponse::error(405, QStringLiteral("method not allowed"));
            QByteArrayList names;
            for (HttpMethod m : allowed)
                names.append(methodName(m));
            response.headers.append(qMakePair(QByteArray("Allow"), names.join(", ")));
            reply.send(std::move(response));
        }
        return;
    }
    const Handler call = *handler; // a handler may register routes while it runs
    call(copy, reply);
}

} // namespace wp::server::net
