#include "clusterrest.h"

#include <mixer/coordinatorrestclient.h>

#include <crypto/random.h>
#include <util/assert.h>

namespace wp::client {

namespace {

/// No answer, or the instance cannot serve right now: another instance may.
bool worthAnotherInstance(const Error &error) { return error.code == 0 || error.code >= 500; }

} // namespace

ClusterRest::ClusterRest(CoordinatorDirectory *directory, NetworkIdentity identity, QObject *parent)
    : QObject(parent), m_directory(directory), m_identity(std::move(identity))
{
    WP_ASSERT(directory);
}

ClusterRest::~ClusterRest() = default;

std::optional<CoordinatorEndpoint> ClusterRest::nextInstance(const QSet<QString> &tried) const
{
    if (!m_directory)
        return std::nullopt;
    // pickRandom() avoids recently failed instances while others are left; each
    // instance tried here was just noted failed, so it is only picked when all are.
    if (auto pick = m_directory->pickRandom(); pick && !tried.contains(pick->url.toString()))
        return pick;
    QList<CoordinatorEndpoint> left;
    for (const CoordinatorEndpoint &e : m_directory->knownInstances())
        if (!tried.contains(e.url.toString()))
            left.append(e);
    if (left.isEmpty())
        return std::nullopt;
    return left[qsizetype(crypto::randomBelow(std::uint64_t(left.size())))];
}

template<typename T>
void ClusterRest::attempt(Request<T> request, QPointer<QObject> context, std::function<void(Result<T>, Answered)> done,
                          QSet<QString> tried, Answered last, Error lastError)
{
    if (!context)
        return;
    const auto endpoint = nextInstance(tried);
    if (!endpoint) {
        if (tried.isEmpty())
            lastError = Error{0, QStringLiteral("no coordinator instance is configured")};
        else if (tried.size() > 1)
            lastError.message = QStringLiteral("%1 (all %2 instances tried)").arg(lastError.message).arg(tried.size());
        return done(lastError, last);
    }
    tried.insert(endpoint->url.toString());
    auto *rest = new CoordinatorRestClient(endpoint->url, m_identity.isolated(), this);
    rest->setTimeout(m_timeoutMs);
    request(*rest, this, [this, rest, request, context, done, tried, endpoint](Result<T> answer) {
        rest->deleteLater();
        if (answer || !worthAnotherInstance(answer.error()) || !m_directory)
            return context ? done(std::move(answer), endpoint) : void();
        m_directory->noteFailure(endpoint->url, answer.error().message, QStringLiteral("rest"));
        attempt<T>(request, context, done, tried, endpoint, answer.error());
    });
}

void ClusterRest::fetchPools(QObject *context, std::function<void(Result<proto::PoolsResponse>, Answered)> done)
{
    Request<proto::PoolsResponse> request = [](CoordinatorRestClient &rest, QObject *ctx, auto answer) {
        rest.fetchPools(ctx, std::move(answer));
    };
    attempt<proto::PoolsResponse>(std::move(request), context, std::move(done), {}, std::nullopt, Error{});
}

void ClusterRest::fetchTx0Data(const proto::Tx0DataRequest &request, QObject *context,
                               std::function<void(Result<proto::Tx0DataResponse>, Answered)> done)
{
    Request<proto::Tx0DataResponse> call = [request](CoordinatorRestClient &rest, QObject *ctx, auto answer) {
        rest.fetchTx0Data(request, ctx, std::move(answer));
    };
    attempt<proto::Tx0DataResponse>(std::move(call), context, std::move(done), {}, std::nullopt, Error{});
}

} // namespace wp::client
