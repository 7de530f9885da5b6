#include <manifestpublisher.h>

#include <logging.h>

#include <bitcoin/address.h>
#include <bitcoin/hashtypes.h>
#include <bitcoin/script.h>
#include <bitcoin/wif.h>
#include <cluster/clustermember.h>
#include <crypto/hash.h>
#include <net/httpapi.h>
#include <net/httpreply.h>
#include <protocol/messages.h>
#include <util/hex.h>

#include <QDateTime>
#include <QSet>

namespace wp::server {

namespace {

/// A signed body is reused this long: instances change far more slowly.
constexpr qint64 kBodyCacheMs = 5000;

Result<crypto::PrivKey> parseOperatorKey(const QString &text, const btc::NetworkParams &params)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() == 64) {
        const auto bytes = util::fromHex(trimmed);
        auto key = bytes ? crypto::PrivKey::fromBytes(*bytes) : std::nullopt;
        if (!key)
            return fail(QStringLiteral("cluster.operator-key: 64 characters but not a valid hex private key"));
        return std::move(*key);
    }
    auto wif = btc::decodeWif(trimmed, params);
    if (!wif)
        return fail(QStringLiteral("cluster.operator-key: not a WIF key of %1 nor 64 hex characters (%2)")
                        .arg(params.name, wif.error().message));
    if (!wif->compressed)
        return fail(QStringLiteral("cluster.operator-key: use a compressed key (manifests are signed for compressed keys)"));
    return std::move(wif->key);
}

btc::Script operatorScript(const crypto::PubKey &pub, const QString &type)
{
    const auto keyHash = *btc::Hash160::fromBytes(crypto::hash160(pub.serialize(true)));
    if (type == QLatin1String("p2pkh"))
        return btc::Script::p2pkh(keyHash);
    const btc::Script witness = btc::Script::p2wpkh(keyHash);
    if (type == QLatin1String("p2sh-p2wpkh"))
        return btc::Script::p2sh(*btc::Hash160::fromBytes(crypto::hash160(witness.bytes())));
    return witness;
}

} // namespace

Result<std::optional<ManifestSettings>> ManifestSettings::fromOptions(const CoordinatorOptions &options)
{
    if (options.cluster.operatorKey.isEmpty())
        return std::optional<ManifestSettings>();
    const btc::NetworkParams &params = btc::networkParams(options.network);
    auto key = parseOperatorKey(options.cluster.operatorKey, params);
    if (!key)
        return key.error();
    ManifestSettings s;
    s.clusterName = options.cluster.name;
    s.network = options.network;
    s.address = *btc::scriptToAddress(operatorScript(key->pubKey(), options.cluster.operatorAddressType), params);
    s.key = std::make_shared<const crypto::PrivKey>(std::move(*key));
    s.ttl = std::chrono::seconds(options.cluster.manifestTtlS);
    return std::optional<ManifestSettings>(std::move(s));
}

Result<proto::ClusterManifest> buildManifest(const cluster::ClusterState &state, const ManifestSettings &settings,
                                             qint64 nowMs)
{
    proto::ClusterManifest m;
    m.cluster = settings.clusterName;
    m.network = btc::networkParams(settings.network).name;
    m.issuedAtMs = nowMs;
    m.expiresAtMs = nowMs + qint64(settings.ttl.count()) * 1000;
    const qint64 ttlMs = qint64(settings.ttl.count()) * 1000;
    QSet<QString> names;
    QSet<QString> urls;
    for (const cluster::InstanceInfo &i : state.instances) { // newest heartbeat first
        if (i.heartbeatAgeMs > ttlMs || names.contains(i.name) || int(m.instances.size()) >= proto::kManifestMaxInstances)
            continue;
        proto::ClusterInstance entry;
        entry.id = i.name;
        entry.name = i.name;
        if (!i.urlClear.isEmpty())
            if (auto url = proto::parseInstanceUrl(i.urlClear, false))
                entry.urlClear = url->toString();
        if (!i.urlOnion.isEmpty())
            if (auto url = proto::parseInstanceUrl(i.urlOnion, true))
                entry.urlOnion = url->toString();
        if (entry.id.isEmpty() || entry.id.size() > proto::kManifestMaxFieldLength ||
            (entry.urlClear.isEmpty() && entry.urlOnion.isEmpty()) ||
            urls.contains(entry.urlClear) || urls.contains(entry.urlOnion)) {
            qCWarning(lcCoordinator).noquote() << "manifest: instance" << i.name.left(64) << "left out (no valid name, or no valid or unique URL)";
            continue;
        }
        names.insert(entry.id);
        for (const QString &url : {entry.urlClear, entry.urlOnion})
            if (!url.isEmpty())
                urls.insert(url);
        m.instances.append(entry);
    }
    if (m.instances.isEmpty())
        return fail(QStringLiteral("no instance with a valid URL was seen recently"));
    if (auto valid = m.validate(); !valid)
        return valid.error();
    return m;
}

ManifestPublisher::ManifestPublisher(std::optional<ManifestSettings> settings, cluster::ClusterMember &member,
                                     net::HttpApi &http, QObject *parent)
    : QObject(parent), m_settings(std::move(settings)), m_member(member)
{
    http.get(QString::fromLatin1(proto::endpoint::kRestCluster),
             [this](const net::HttpRequest &, net::HttpReply reply) { serve(std::move(reply)); });
}

ManifestPublisher::~ManifestPublisher() = default;

void ManifestPublisher::serve(net::HttpReply reply)
{
    if (!m_settings)
        return reply.send(net::HttpResponse::error(
            404, QStringLiteral("This cluster publishes no signed manifest (no operator key configured)")));
    if (!m_body.isEmpty() && m_bodyAge.isValid() && m_bodyAge.elapsed() < kBodyCacheMs)
        return reply.send(net::HttpResponse::text(m_body, 200, "application/json"));
    m_waiting.append(std::move(reply));
    if (m_waiting.size() > 1)
        return; // a read is in flight: it answers everybody
    m_member.queryState(this, [this](Result<cluster::ClusterState> state) {
        if (!state) {
            qCWarning(lcCoordinator).noquote() << "manifest: cannot read the cluster:" << state.error().message;
            return answerWaiting(503, proto::toJsonBytes(
                                          {{QStringLiteral("message"), QStringLiteral("Cluster state unavailable")}}));
        }
        auto manifest = buildManifest(*state, *m_settings, QDateTime::currentMSecsSinceEpoch());
        if (!manifest) {
            qCWarning(lcCoordinator).noquote() << "manifest:" << manifest.error().message;
            return answerWaiting(503, proto::toJsonBytes({{QStringLiteral("message"), manifest.error().message}}));
        }
        m_body = proto::toJsonBytes(proto::signManifest(*manifest, *m_settings->key, m_settings->address));
        m_bodyAge.start();
        answerWaiting(200, m_body);
    });
}

void ManifestPublisher::answerWaiting(int status, const QByteArray &body)
{
    const QList<net::HttpReply> waiting = std::exchange(m_waiting, {});
    for (const net::HttpReply &reply : waiting)
        reply.send(net::HttpResponse::text(body, status, "application/json"));
}

} // namespace wp::server
