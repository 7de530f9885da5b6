#include <mixer/coordinatorrestclient.h>

#include <mixer/logging.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace wp::client {

CoordinatorRestClient::CoordinatorRestClient(const QUrl &baseUrl, const NetworkIdentity &identity, QObject *parent)
    : QObject(parent), m_baseUrl(baseUrl), m_identity(identity), m_network(new QNetworkAccessManager(this))
{
    m_network->setProxy(identity.toQNetworkProxy());
}

CoordinatorRestClient::~CoordinatorRestClient() = default;

QString CoordinatorRestClient::userAgent()
{
    return QStringLiteral("whirlpool-client/%1").arg(QLatin1String(proto::kProtocolVersion));
}

void CoordinatorRestClient::get(const char *path, QPointer<QObject> context, RawCallback done)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + QLatin1String(path));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setTransferTimeout(m_timeoutMs);
    watch(m_network->get(request), path, std::move(context), std::move(done));
}

void CoordinatorRestClient::post(const char *path, const QByteArray &json, QPointer<QObject> context, RawCallback done)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) + QLatin1String(path));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(m_timeoutMs);
    watch(m_network->post(request, json), path, std::move(context), std::move(done));
}

void CoordinatorRestClient::watch(QNetworkReply *reply, const char *path, QPointer<QObject> context, RawCallback done)
{
    connect(reply, &QNetworkReply::finished, this, [reply, path, context, done = std::move(done)] {
        reply->deleteLater();
        if (!context)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (status == 0) {
            const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                    ? QStringLiteral("timed out")
                                    : reply->errorString();
            qCInfo(lcRest) << path << "failed:" << why;
            done(fail(0, QStringLiteral("%1: %2").arg(QLatin1String(path), why)));
            return;
        }
        if (status < 200 || status >= 300) {
            const QString message = proto::restErrorMessage(body);
            qCInfo(lcRest) << path << "HTTP" << status << message;
            done(fail(status, message.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : message));
            return;
        }
        done(body);
    });
}

void CoordinatorRestClient::fetchPools(QObject *context, std::function<void(Result<proto::PoolsResponse>)> done)
{
    get(proto::endpoint::kRestPools, context, [done = std::move(done)](Result<QByteArray> r) {
        if (!r)
            return done(r.error());
        done(proto::PoolsResponse::fromJson(*r));
    });
}

void CoordinatorRestClient::fetchCluster(QObject *context, std::function<void(Result<QByteArray>)> done)
{
    get(proto::endpoint::kRestCluster, context, std::move(done));
}

void CoordinatorRestClient::checkOutput(const proto::CheckOutputRequest &request, QObject *context,
                                        std::function<void(Result<void>)> done)
{
    post(proto::endpoint::kRestCheckOutput, proto::toJsonBytes(request.toJson()), context,
         [done = std::move(done)](Result<QByteArray> r) { r ? done({}) : done(r.error()); });
}

void CoordinatorRestClient::registerOutput(const proto::RegisterOutputRequest &request, QObject *context,
                                           std::function<void(Result<void>)> done)
{
    post(proto::endpoint::kRestRegisterOutput, proto::toJsonBytes(request.toJson()), context,
         [done = std::move(done)](Result<QByteArray> r) { r ? done({}) : done(r.error()); });
}

void CoordinatorRestClient::fetchTx0Data(const proto::Tx0DataRequest &request, QObject *context,
                                         std::function<void(Result<proto::Tx0DataResponse>)> done)
{
    post(proto::endpoint::kRestTx0, proto::toJsonBytes(request.toJson()), context,
         [done = std::move(done)](Result<QByteArray> r) {
             if (!r)
                 return done(r.error());
             done(proto::Tx0DataResponse::fromJson(*r));
         });
}

void CoordinatorRestClient::pushTx0(const proto::Tx0PushRequest &request, QObject *context,
                                    std::function<void(Result<QString>)> done)
{
    post(proto::endpoint::kRestTx0Push, proto::toJsonBytes(request.toJson()), context,
         [done = std::move(done)](Result<QByteArray> r) {
             if (!r)
                 return done(r.error());
             const QJsonDocument doc = QJsonDocument::fromJson(*r);
             const QString txid = doc.object().value(QStringLiteral("txid")).toString();
             if (!doc.isObject() || txid.size() != 64)
                 return done(fail(0, QStringLiteral("/rest/tx0/push: unexpected answer")));
             done(txid);
         });
}

} // namespace wp::client
