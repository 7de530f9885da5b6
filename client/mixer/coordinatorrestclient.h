#pragma once

#include <mixer/networkidentity.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace wp::client {

/// The coordinator's REST API (protocol reference §1.2, §2.3) for one network
/// identity. Each instance has its OWN QNetworkAccessManager, so its TCP
/// connections are never shared with another identity's (in particular not
/// with the STOMP socket); with a SOCKS5 proxy its credentials select a Tor
/// circuit of its own. Create a separate instance for output registration.
///
/// Errors: Error::code is the HTTP status (0 for a transport failure or a
/// timeout) and Error::message the coordinator's `message` (the classic REST
/// error body, trap §13.16) or a transport description.
///
/// Thread affinity: the thread that creates it. Every call returns at once and
/// answers through its callback on that thread, only if @p context is still alive.
class CoordinatorRestClient : public QObject {
    Q_OBJECT
public:
    /// @p baseUrl: http(s)://host[:port] (onion or clearnet), without /rest.
    CoordinatorRestClient(const QUrl &baseUrl, const NetworkIdentity &identity, QObject *parent = nullptr);
    ~CoordinatorRestClient() override;

    /// The User-Agent every request carries (as the classic Java client).
    static QString userAgent();

    /// Per-request transfer timeout (default 30 s).
    void setTimeout(int ms) { m_timeoutMs = ms; }
    const QUrl &baseUrl() const { return m_baseUrl; }
    const NetworkIdentity &identity() const { return m_identity; }

    /// GET /rest/pools.
    void fetchPools(QObject *context, std::function<void(Result<proto::PoolsResponse>)> done);
    /// GET /rest/cluster: the raw body (the signed cluster manifest); the caller
    /// verifies it with proto::verifySignedManifest() before trusting any of it.
    void fetchCluster(QObject *context, std::function<void(Result<QByteArray>)> done);
    /// POST /rest/checkOutput: empty 200 on success.
    void checkOutput(const proto::CheckOutputRequest &request, QObject *context,
                     std::function<void(Result<void>)> done);
    /// POST /rest/registerOutput: empty 200 on success.
    void registerOutput(const proto::RegisterOutputRequest &request, QObject *context,
                        std::function<void(Result<void>)> done);
    /// POST /rest/tx0: the fee data of every pool.
    void fetchTx0Data(const proto::Tx0DataRequest &request, QObject *context,
                      std::function<void(Result<proto::Tx0DataResponse>)> done);
    /// POST /rest/tx0/push: the coordinator validates and broadcasts; answers the txid.
    void pushTx0(const proto::Tx0PushRequest &request, QObject *context, std::function<void(Result<QString>)> done);

private:
    using RawCallback = std::function<void(Result<QByteArray>)>;
    void get(const char *path, QPointer<QObject> context, RawCallback done);
    void post(const char *path, const QByteArray &json, QPointer<QObject> context, RawCallback done);
    void watch(QNetworkReply *reply, const char *path, QPointer<QObject> context, RawCallback done);

    QUrl m_baseUrl;
    NetworkIdentity m_identity;
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 30000;
};

} // namespace wp::client
