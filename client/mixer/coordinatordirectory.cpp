#include <mixer/coordinatordirectory.h>

#include <mixer/coordinatorrestclient.h>
#include <mixer/logging.h>
#include <bitcoin/address.h>
#include <crypto/random.h>
#include <util/assert.h>

#include <QDateTime>
#include <QSet>

namespace wp::client {

namespace {

QString urlKey(const QUrl &url) { return url.toString(); }

/// The URL of @p instance this client uses, normalized; nullopt when it has none or it is invalid.
std::optional<QUrl> usableUrl(const proto::ClusterInstance &instance, bool onion)
{
    const QString &text = onion ? instance.urlOnion : instance.urlClear;
    if (text.isEmpty())
        return std::nullopt;
    auto url = proto::parseInstanceUrl(text, onion);
    if (!url)
        return std::nullopt;
    return *url;
}

CoordinatorEndpoint endpointOf(const proto::ClusterInstance &instance, const QUrl &url)
{
    return CoordinatorEndpoint{instance.id, instance.name.isEmpty() ? url.host() : instance.name, url};
}

QString seconds(int ms) { return QString::number(ms / 1000.0, 'f', 1); }

} // namespace

QString directoryEventKindName(DirectoryEvent::Kind kind)
{
    switch (kind) {
    case DirectoryEvent::Kind::Connected: return QStringLiteral("CONNECTED");
    case DirectoryEvent::Kind::Redirected: return QStringLiteral("REDIRECTED");
    case DirectoryEvent::Kind::RedirectRefused: return QStringLiteral("REDIRECT_REFUSED");
    case DirectoryEvent::Kind::ConnectionFailed: return QStringLiteral("CONNECTION_FAILED");
    case DirectoryEvent::Kind::Failover: return QStringLiteral("FAILOVER");
    case DirectoryEvent::Kind::ManifestUpdated: return QStringLiteral("MANIFEST_UPDATED");
    case DirectoryEvent::Kind::ManifestRefused: return QStringLiteral("MANIFEST_REFUSED");
    }
    return QStringLiteral("UNKNOWN");
}

RedirectChain RedirectChain::startAt(const QUrl &first, const QString &origin)
{
    return RedirectChain{origin, {first}};
}

CoordinatorDirectory::CoordinatorDirectory(DirectoryConfig config, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_params(btc::networkParams(m_config.network)),
      m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    QSet<QString> seen;
    for (const proto::ClusterInstance &instance : std::as_const(m_config.bootstrap)) {
        const auto url = usableUrl(instance, m_config.useOnion);
        if (!url) {
            qCWarning(lcCluster) << "bootstrap instance" << instance.name << "has no usable"
                                 << (m_config.useOnion ? "onion" : "clearnet") << "URL; skipped";
            continue;
        }
        if (seen.contains(urlKey(*url)))
            continue;
        seen.insert(urlKey(*url));
        m_bootstrap.append(endpointOf(instance, *url));
    }
}

CoordinatorDirectory::~CoordinatorDirectory() = default;

Result<void> CoordinatorDirectory::validateConfig(const DirectoryConfig &config)
{
    if (config.operatorAddress.isEmpty())
        return fail(QStringLiteral("no operator address: the cluster manifest cannot be verified"));
    return validateBootstrap(config);
}

Result<void> CoordinatorDirectory::validateBootstrap(const DirectoryConfig &config)
{
    const btc::NetworkParams &params = btc::networkParams(config.network);
    if (!config.operatorAddress.isEmpty()) {
        if (auto script = btc::addressToScript(config.operatorAddress, params); !script)
            return fail(QStringLiteral("operator address '%1' is not a %2 address: %3")
                            .arg(config.operatorAddress.left(100), params.name, script.error().message));
    }
    if (config.backoffMinMs <= 0 || config.backoffMaxMs < config.backoffMinMs)
        return fail(QStringLiteral("back-off range [%1, %2] ms is invalid").arg(config.backoffMinMs).arg(config.backoffMaxMs));
    int usable = 0;
    for (const proto::ClusterInstance &instance : config.bootstrap) {
        for (const auto &[text, onion] : {std::pair{&instance.urlClear, false}, std::pair{&instance.urlOnion, true}}) {
            if (text->isEmpty())
                continue;
            if (auto url = proto::parseInstanceUrl(*text, onion); !url)
                return fail(QStringLiteral("bootstrap instance '%1': %2").arg(instance.name.left(64), url.error().message));
        }
        if (usableUrl(instance, config.useOnion))
            ++usable;
    }
    if (usable == 0)
        return fail(QStringLiteral("the bootstrap list has no instance with a%1 URL")
                        .arg(config.useOnion ? QStringLiteral("n onion") : QStringLiteral(" clearnet")));
    return {};
}

void CoordinatorDirectory::setClock(std::function<qint64()> now)
{
    WP_ASSERT(now);
    m_now = std::move(now);
}

QList<CoordinatorDirectory::Entry> CoordinatorDirectory::entries() const
{
    QList<Entry> out;
    QHash<QString, qsizetype> index;
    for (const CoordinatorEndpoint &endpoint : m_bootstrap) {
        index.insert(urlKey(endpoint.url), out.size());
        out.append(Entry{endpoint, false});
    }
    if (!m_manifest || m_manifest->expiresAtMs <= m_now())
        return out;
    for (const proto::ClusterInstance &instance : m_manifest->instances) {
        const auto url = usableUrl(instance, m_config.useOnion);
        if (!url)
            continue;
        const auto known = index.constFind(urlKey(*url));
        if (known != index.constEnd()) {
            // the operator's signed name and id win over the (user-editable) bootstrap entry
            out[*known] = Entry{endpointOf(instance, *url), true};
            continue;
        }
        index.insert(urlKey(*url), out.size());
        out.append(Entry{endpointOf(instance, *url), true});
    }
    return out;
}

QList<CoordinatorEndpoint> CoordinatorDirectory::knownInstances() const
{
    QList<CoordinatorEndpoint> out;
    for (const Entry &e : entries())
        out.append(e.endpoint);
    return out;
}

std::optional<CoordinatorEndpoint> CoordinatorDirectory::endpointFor(const QUrl &url) const
{
    const QString key = urlKey(url);
    for (const Entry &e : entries())
        if (urlKey(e.endpoint.url) == key)
            return e.endpoint;
    return std::nullopt;
}

bool CoordinatorDirectory::recentlyFailed(const QUrl &url) const
{
    const auto it = m_failedAt.constFind(urlKey(url));
    return it != m_failedAt.constEnd() && m_now() - *it < m_config.failureMemoryMs;
}

void CoordinatorDirectory::markFailed(const QUrl &url)
{
    m_failedAt.insert(urlKey(url), m_now());
}

QList<CoordinatorEndpoint> CoordinatorDirectory::withoutRecentFailures(const QList<CoordinatorEndpoint> &endpoints) const
{
    QList<CoordinatorEndpoint> fresh;
    for (const CoordinatorEndpoint &endpoint : endpoints)
        if (!recentlyFailed(endpoint.url))
            fresh.append(endpoint);
    return fresh;
}

std::optional<CoordinatorEndpoint> CoordinatorDirectory::pickRandom() const
{
    const QList<CoordinatorEndpoint> all = knownInstances();
    if (all.isEmpty())
        return std::nullopt;
    const QList<CoordinatorEndpoint> fresh = withoutRecentFailures(all);
    const QList<CoordinatorEndpoint> &pool = fresh.isEmpty() ? all : fresh;
    return pool[qsizetype(crypto::randomBelow(std::uint64_t(pool.size())))];
}

int CoordinatorDirectory::backoffMs() const
{
    const int span = qMax(0, m_config.backoffMaxMs - m_config.backoffMinMs);
    return m_config.backoffMinMs + int(crypto::randomBelow(std::uint64_t(span) + 1));
}

QString CoordinatorDirectory::displayName(const QUrl &url) const
{
    if (auto endpoint = endpointFor(url))
        return endpoint->name;
    return url.host();
}

void CoordinatorDirectory::record(DirectoryEvent::Kind kind, const QUrl &url, const QString &message,
                                  const QString &origin, const QString &name)
{
    DirectoryEvent e;
    e.timestampMs = m_now();
    e.kind = kind;
    e.instanceName = name.isEmpty() ? displayName(url) : name;
    e.url = url;
    e.message = message;
    e.origin = origin;
    m_events.append(e);
    if (m_events.size() > kEventHistory)
        m_events.remove(0, m_events.size() - kEventHistory);
    if (kind == DirectoryEvent::Kind::RedirectRefused || kind == DirectoryEvent::Kind::ManifestRefused)
        qCWarning(lcCluster).noquote() << directoryEventKindName(kind) << message;
    else
        qCInfo(lcCluster).noquote() << directoryEventKindName(kind) << message;
    Q_EMIT event(e);
}

Result<QUrl> CoordinatorDirectory::followRedirect(const proto::RedirectResponse &redirect, RedirectChain &chain)
{
    WP_ASSERT(!chain.visited.isEmpty());
    const QUrl from = chain.visited.last();
    const QString kind = m_config.useOnion ? QStringLiteral("onion") : QStringLiteral("clearnet");
    if (redirect.retryAfterMs > 0)
        return fail(int(RedirectRefusal::NoUrl), QStringLiteral("pool %1 has no owner right now").arg(redirect.poolId.left(64)));

    const QString text = m_config.useOnion ? redirect.urlOnion : redirect.urlClear;
    auto refuse = [&](RedirectRefusal code, const QUrl &target, const QString &why) -> Error {
        // The sender misbehaves or is stale. In a loop or an endless chain every member is suspect.
        if (code == RedirectRefusal::Loop || code == RedirectRefusal::TooManyHops) {
            for (const QUrl &visited : std::as_const(chain.visited))
                markFailed(visited);
        }
        markFailed(from);
        const QString shownTarget = target.isValid() && !target.isEmpty() ? target.toString() : text.left(120);
        record(DirectoryEvent::Kind::RedirectRefused, target.isEmpty() ? from : target,
               QStringLiteral("refused redirect from %1 to %2: %3").arg(displayName(from), shownTarget, why),
               chain.origin);
        return fail(int(code), why);
    };
    if (text.isEmpty())
        return refuse(RedirectRefusal::NoUrl, {}, QStringLiteral("it names no %1 URL").arg(kind));
    auto url = proto::parseInstanceUrl(text, m_config.useOnion);
    if (!url)
        return refuse(RedirectRefusal::InvalidUrl, {}, url.error().message);
    for (const QUrl &visited : std::as_const(chain.visited)) {
        if (urlKey(visited) == urlKey(*url)) {
            QStringList path;
            for (const QUrl &v : std::as_const(chain.visited))
                path.append(displayName(v));
            path.append(displayName(*url));
            return refuse(RedirectRefusal::Loop, *url, QStringLiteral("redirect loop %1").arg(path.join(QStringLiteral(" -> "))));
        }
    }
    if (chain.hops() >= kMaxRedirectHops)
        return refuse(RedirectRefusal::TooManyHops, *url,
                      QStringLiteral("more than %1 redirects in a row").arg(kMaxRedirectHops));
    const auto target = endpointFor(*url);
    if (!target) {
        QString why = QStringLiteral("not an instance of the signed cluster manifest or of the bootstrap list");
        for (const CoordinatorEndpoint &known : knownInstances())
            if (known.url.host() == url->host() && known.url.scheme() != url->scheme())
                why = QStringLiteral("%1 is listed with %2, not %3").arg(url->host(), known.url.scheme(), url->scheme());
        return refuse(RedirectRefusal::UnknownTarget, *url, why);
    }
    chain.visited.append(*url);
    record(DirectoryEvent::Kind::Redirected, *url,
           QStringLiteral("redirected from %1 to %2 (pool %3, epoch %4)")
               .arg(displayName(from), target->name, redirect.poolId.left(64))
               .arg(redirect.epoch),
           chain.origin, target->name);
    return *url;
}

bool CoordinatorDirectory::knowsTarget(const proto::RedirectResponse &redirect) const
{
    const QString &text = m_config.useOnion ? redirect.urlOnion : redirect.urlClear;
    if (text.isEmpty())
        return false;
    const auto url = proto::parseInstanceUrl(text, m_config.useOnion);
    return url && endpointFor(*url).has_value();
}

bool CoordinatorDirectory::canRefreshManifest() const
{
    if (m_config.operatorAddress.isEmpty())
        return false;
    return m_refreshing || !m_refreshedOnce || m_now() - m_lastRefreshAttemptMs >= m_config.minRefreshIntervalMs;
}

bool CoordinatorDirectory::refreshManifest()
{
    if (m_refreshing)
        return true;
    if (!canRefreshManifest())
        return false;
    // From a bootstrap instance (the list the user trusts); from any known one only when they all failed lately.
    QList<CoordinatorEndpoint> candidates = withoutRecentFailures(m_bootstrap);
    if (candidates.isEmpty())
        candidates = withoutRecentFailures(knownInstances());
    if (candidates.isEmpty())
        candidates = m_bootstrap;
    if (candidates.isEmpty())
        return false;
    const CoordinatorEndpoint from = candidates[qsizetype(crypto::randomBelow(std::uint64_t(candidates.size())))];
    m_refreshing = true;
    m_refreshedOnce = true;
    m_lastRefreshAttemptMs = m_now();
    // A fresh identity per fetch: the manifest is public, nothing links it to a mix.
    auto *rest = new CoordinatorRestClient(from.url, m_config.identity.isolated(), this);
    rest->setTimeout(m_config.restTimeoutMs);
    const QUrl url = from.url;
    rest->fetchCluster(this, [this, rest, url](Result<QByteArray> body) {
        rest->deleteLater();
        onClusterFetched(url, std::move(body));
    });
    return true;
}

void CoordinatorDirectory::onClusterFetched(const QUrl &from, Result<QByteArray> body)
{
    m_refreshing = false;
    auto refused = [&](const QString &why, bool suspect = true) {
        if (suspect)
            markFailed(from);
        record(DirectoryEvent::Kind::ManifestRefused, from,
               QStringLiteral("ignored the cluster manifest from %1: %2").arg(displayName(from), why), {});
        Q_EMIT manifestRefreshFinished(false);
    };
    // An HTTP error (an instance without /rest/cluster) is no reason to avoid it; no answer at all is.
    if (!body)
        return refused(QStringLiteral("fetch failed: %1").arg(body.error().message), body.error().code == 0);
    auto manifest = proto::verifySignedManifest(*body, m_config.operatorAddress, m_params, m_now());
    if (!manifest)
        return refused(manifest.error().message);
    if (m_manifest && manifest->issuedAtMs < m_manifest->issuedAtMs)
        return refused(QStringLiteral("older than the manifest in use"));
    if (m_manifest && *manifest == *m_manifest) {
        Q_EMIT manifestRefreshFinished(false);
        return;
    }
    m_manifest = std::move(*manifest);
    record(DirectoryEvent::Kind::ManifestUpdated, from,
           QStringLiteral("cluster '%1': %2 instances, signed by the operator, valid until %3")
               .arg(m_manifest->cluster.left(64))
               .arg(m_manifest->instances.size())
               .arg(QDateTime::fromMSecsSinceEpoch(m_manifest->expiresAtMs, Qt::UTC).toString(Qt::ISODate)),
           {});
    Q_EMIT manifestRefreshFinished(true);
}

void CoordinatorDirectory::noteConnected(const QUrl &url, const QString &origin)
{
    m_failedAt.remove(urlKey(url));
    record(DirectoryEvent::Kind::Connected, url, QStringLiteral("connected to %1 (%2)").arg(displayName(url), url.toString()),
           origin);
}

void CoordinatorDirectory::noteFailure(const QUrl &url, const QString &why, const QString &origin)
{
    markFailed(url);
    record(DirectoryEvent::Kind::ConnectionFailed, url, QStringLiteral("%1: %2").arg(displayName(url), why), origin);
}

void CoordinatorDirectory::noteFailover(const QUrl &from, const CoordinatorEndpoint &to, int delayMs, const QString &origin)
{
    record(DirectoryEvent::Kind::Failover, to.url,
           QStringLiteral("failover from %1 to %2 after %3 s").arg(displayName(from), to.name, seconds(delayMs)), origin,
           to.name);
}

} // namespace wp::client
