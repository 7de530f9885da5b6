#pragma once

#include <mixer/coordinatordirectory.h>
#include <mixer/networkidentity.h>
#include <protocol/messages.h>
#include <util/result.h>

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

namespace wp::client {

class CoordinatorRestClient;

/// REST requests to a coordinator cluster: each request goes to a random
/// instance of the directory (CoordinatorDirectory::pickRandom()). When that
/// instance does not answer (transport failure, timeout) or answers 5xx, it is
/// noted failed in the directory (a ConnectionFailed event, tagged with
/// origin "rest") and the request goes to another instance not tried yet,
/// until every known instance was tried. Every attempt uses a fresh isolated
/// network identity.
///
/// Thread affinity: the thread that creates it, which must be the directory's.
/// Answers come through the callbacks on that thread, only while @p context lives.
class ClusterRest : public QObject {
    Q_OBJECT
public:
    /// The instance that answered (or the last one tried, on failure).
    using Answered = std::optional<CoordinatorEndpoint>;

    /// @p directory must not be null (WP_ASSERT) and must outlive this object.
    ClusterRest(CoordinatorDirectory *directory, NetworkIdentity identity, QObject *parent = nullptr);
    ~ClusterRest() override;

    /// Per-request timeout of each attempt (default 15 s).
    void setTimeout(int ms) { m_timeoutMs = ms; }

    /// GET /rest/pools. Errors: the last attempt's (code = HTTP status, 0 without
    /// an answer), or "no coordinator instance is configured".
    void fetchPools(QObject *context, std::function<void(Result<proto::PoolsResponse>, Answered)> done);
    /// POST /rest/tx0 (the fee data of every pool). Errors as fetchPools().
    void fetchTx0Data(const proto::Tx0DataRequest &request, QObject *context,
                      std::function<void(Result<proto::Tx0DataResponse>, Answered)> done);

private:
    template<typename T>
    using Request = std::function<void(CoordinatorRestClient &, QObject *, std::function<void(Result<T>)>)>;

    template<typename T>
    void attempt(Request<T> request, QPointer<QObject> context, std::function<void(Result<T>, Answered)> done,
                 QSet<QString> tried, Answered last, Error lastError);
    std::optional<CoordinatorEndpoint> nextInstance(const QSet<QString> &tried) const;

    QPointer<CoordinatorDirectory> m_directory;
    NetworkIdentity m_identity;
    int m_timeoutMs = 15000;
};

} // namespace wp::client
