#include <protocol/clustermanifest.h>

#include <bitcoin/address.h>
#include <bitcoin/messageverify.h>
#include <crypto/signedmessage.h>
#include <util/assert.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <cmath>

namespace wp::proto {

namespace {

Error manifestError(ManifestError code, const QString &message)
{
    return Error(static_cast<int>(code), message);
}

/// Minimal JSON string escaping: the only escapes JSON requires.
void appendJsonString(QByteArray &out, const QString &value)
{
    static constexpr char kHex[] = "0123456789abcdef";
    QString escaped;
    escaped.reserve(value.size() + 2);
    escaped += QLatin1Char('"');
    for (QChar c : value) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\') {
            escaped += QLatin1Char('\\');
            escaped += c;
        } else if (u < 0x20) {
            escaped += QLatin1String("\\u00");
            escaped += QLatin1Char(kHex[u >> 4]);
            escaped += QLatin1Char(kHex[u & 0xf]);
        } else {
            escaped += c;
        }
    }
    escaped += QLatin1Char('"');
    out += escaped.toUtf8();
}

void appendKey(QByteArray &out, const char *key)
{
    out += '"';
    out += key;
    out += "\":";
}

/// Reads the fields of one JSON object; the first problem sticks.
class Reader {
public:
    explicit Reader(const QJsonObject &object) : m_object(object) {}

    QString string(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isString())
            miss(key, "a string");
        return v.toString();
    }
    qint64 integer(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        const double d = v.toDouble(-1);
        // 2^53: the largest range in which a JSON number is an exact integer everywhere.
        if (!v.isDouble() || d < 0 || d > 9007199254740992.0 || std::floor(d) != d) {
            miss(key, "a non-negative integer");
            return 0;
        }
        return static_cast<qint64>(d);
    }
    QJsonArray array(const char *key)
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (!v.isArray())
            miss(key, "an array");
        return v.toArray();
    }
    const std::optional<Error> &error() const { return m_error; }

private:
    void miss(const char *key, const char *what)
    {
        if (!m_error)
            m_error = manifestError(ManifestError::Malformed,
                                    QStringLiteral("manifest field '%1' must be %2").arg(QLatin1String(key),
                                                                                          QLatin1String(what)));
    }
    QJsonObject m_object;
    std::optional<Error> m_error;
};

Result<void> checkText(const QString &value, const char *what, bool required)
{
    if (required && value.isEmpty())
        return manifestError(ManifestError::InvalidInstance, QStringLiteral("%1 is empty").arg(QLatin1String(what)));
    if (value.size() > kManifestMaxFieldLength)
        return manifestError(ManifestError::InvalidInstance,
                             QStringLiteral("%1 is longer than %2 characters").arg(QLatin1String(what)).arg(kManifestMaxFieldLength));
    return {};
}

} // namespace

Result<QUrl> parseInstanceUrl(QStringView text, bool onion)
{
    auto bad = [&](const char *why) {
        return manifestError(ManifestError::InvalidInstance,
                             QStringLiteral("invalid %1 URL '%2': %3")
                                 .arg(onion ? QStringLiteral("onion") : QStringLiteral("clearnet"),
                                      text.left(80).toString(), QLatin1String(why)));
    };
    if (text.isEmpty() || text.size() > kManifestMaxFieldLength)
        return bad("empty or too long");
    const QUrl url(text.toString(), QUrl::StrictMode);
    if (!url.isValid())
        return bad("not a URL");
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return bad("scheme must be http or https");
    const QString host = url.host().toLower();
    if (host.isEmpty())
        return bad("no host");
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment())
        return bad("user info, query or fragment");
    if (host.endsWith(QLatin1String(".onion")) != onion)
        return bad(onion ? "not an onion host" : "an onion host in the clearnet URL");
    QUrl out;
    out.setScheme(scheme);
    out.setHost(host);
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    out.setPort(url.port(defaultPort) == defaultPort ? -1 : url.port());
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    out.setPath(path);
    return out;
}

QByteArray ClusterManifest::canonicalJson() const
{
    QByteArray out;
    out += '{';
    appendKey(out, "version");
    out += QByteArray::number(kManifestVersion);
    out += ',';
    appendKey(out, "cluster");
    appendJsonString(out, cluster);
    out += ',';
    appendKey(out, "network");
    appendJsonString(out, network);
    out += ',';
    appendKey(out, "issuedAtMs");
    out += QByteArray::number(issuedAtMs);
    out += ',';
    appendKey(out, "expiresAtMs");
    out += QByteArray::number(expiresAtMs);
    out += ',';
    appendKey(out, "instances");
    out += '[';
    for (qsizetype i = 0; i < instances.size(); ++i) {
        const ClusterInstance &instance = instances[i];
        if (i > 0)
            out += ',';
        out += '{';
        appendKey(out, "id");
        appendJsonString(out, instance.id);
        out += ',';
        appendKey(out, "name");
        appendJsonString(out, instance.name);
        out += ',';
        appendKey(out, "urlClear");
        appendJsonString(out, instance.urlClear);
        out += ',';
        appendKey(out, "urlOnion");
        appendJsonString(out, instance.urlOnion);
        out += '}';
    }
    out += "]}";
    return out;
}

Result<void> ClusterManifest::validate() const
{
    if (auto r = checkText(cluster, "cluster name", true); !r)
        return manifestError(ManifestError::Malformed, r.error().message);
    const auto net = btc::networkFromName(network);
    if (!net || btc::networkParams(*net).name != network)
        return manifestError(ManifestError::Malformed, QStringLiteral("unknown network '%1'").arg(network.left(32)));
    if (expiresAtMs <= issuedAtMs || expiresAtMs - issuedAtMs > kManifestMaxLifetimeMs)
        return manifestError(ManifestError::BadValidity,
                             QStringLiteral("validity [%1, %2] is empty or longer than %3 days")
                                 .arg(issuedAtMs).arg(expiresAtMs).arg(kManifestMaxLifetimeMs / (24 * 3600 * 1000)));
    if (instances.isEmpty() || instances.size() > kManifestMaxInstances)
        return manifestError(ManifestError::Malformed,
                             QStringLiteral("%1 instances (1..%2 expected)").arg(instances.size()).arg(kManifestMaxInstances));
    QSet<QString> ids;
    QSet<QString> urls;
    for (const ClusterInstance &instance : instances) {
        if (auto r = checkText(instance.id, "instance id", true); !r)
            return r;
        if (auto r = checkText(instance.name, "instance name", false); !r)
            return r;
        if (instance.urlClear.isEmpty() && instance.urlOnion.isEmpty())
            return manifestError(ManifestError::InvalidInstance,
                                 QStringLiteral("instance '%1' has no URL").arg(instance.id.left(64)));
        if (ids.contains(instance.id))
            return manifestError(ManifestError::Duplicate,
                                 QStringLiteral("instance id '%1' appears twice").arg(instance.id.left(64)));
        ids.insert(instance.id);
        for (const auto &[text, onion] : {std::pair{&instance.urlClear, false}, std::pair{&instance.urlOnion, true}}) {
            if (text->isEmpty())
                continue;
            auto url = parseInstanceUrl(*text, onion);
            if (!url)
                return url.error();
            const QString key = url->toString();
            if (urls.contains(key))
                return manifestError(ManifestError::Duplicate, QStringLiteral("URL %1 appears twice").arg(key));
            urls.insert(key);
        }
    }
    return {};
}

Result<ClusterManifest> ClusterManifest::fromCanonicalJson(QByteArrayView json)
{
    if (json.size() > kManifestMaxBodyBytes)
        return manifestError(ManifestError::Malformed, QStringLiteral("manifest too large"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return manifestError(ManifestError::Malformed, QStringLiteral("manifest is not a JSON object"));
    Reader r(doc.object());
    ClusterManifest m;
    const qint64 version = r.integer("version");
    m.cluster = r.string("cluster");
    m.network = r.string("network");
    m.issuedAtMs = r.integer("issuedAtMs");
    m.expiresAtMs = r.integer("expiresAtMs");
    const QJsonArray instances = r.array("instances");
    if (r.error())
        return *r.error();
    if (version != kManifestVersion)
        return manifestError(ManifestError::Malformed, QStringLiteral("unsupported manifest version %1").arg(version));
    if (instances.size() > kManifestMaxInstances)
        return manifestError(ManifestError::Malformed, QStringLiteral("too many instances"));
    for (const QJsonValue &v : instances) {
        if (!v.isObject())
            return manifestError(ManifestError::Malformed, QStringLiteral("an instance is not an object"));
        Reader ir(v.toObject());
        ClusterInstance instance;
        instance.id = ir.string("id");
        instance.name = ir.string("name");
        instance.urlClear = ir.string("urlClear");
        instance.urlOnion = ir.string("urlOnion");
        if (ir.error())
            return *ir.error();
        m.instances.append(instance);
    }
    if (m.canonicalJson() != json.toByteArray())
        return manifestError(ManifestError::NotCanonical, QStringLiteral("manifest is not in canonical form"));
    if (auto valid = m.validate(); !valid)
        return valid.error();
    return m;
}

QJsonObject signManifest(const ClusterManifest &manifest, const crypto::PrivKey &key, const QString &address)
{
    WP_ASSERT(manifest.validate().has_value());
    const QByteArray bytes = manifest.canonicalJson();
    return {{QStringLiteral("manifest"), QString::fromUtf8(bytes)},
            {QStringLiteral("signature"), crypto::signMessage(key, bytes, true)},
            {QStringLiteral("address"), address}};
}

Result<ClusterManifest> verifySignedManifest(QByteArrayView body, const QString &operatorAddress,
                                             const btc::NetworkParams &params, qint64 nowMs)
{
    if (body.size() > kManifestMaxBodyBytes)
        return manifestError(ManifestError::Malformed, QStringLiteral("cluster answer too large"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return manifestError(ManifestError::Malformed, QStringLiteral("cluster answer is not a JSON object"));
    Reader r(doc.object());
    const QString manifestText = r.string("manifest");
    const QString signature = r.string("signature");
    const QString address = r.string("address");
    if (r.error())
        return *r.error();

    const auto pinned = btc::addressToScript(operatorAddress, params);
    const auto claimed = btc::addressToScript(address, params);
    if (!pinned)
        return manifestError(ManifestError::WrongSigner,
                             QStringLiteral("the configured operator address is invalid: %1").arg(pinned.error().message));
    if (!claimed || *claimed != *pinned)
        return manifestError(ManifestError::WrongSigner,
                             QStringLiteral("manifest signed by %1, not by the operator %2")
                                 .arg(address.left(100), operatorAddress));

    const QByteArray bytes = manifestText.toUtf8();
    if (auto verified = btc::verifyMessage(operatorAddress, bytes, signature, params); !verified)
        return manifestError(ManifestError::BadSignature,
                             QStringLiteral("manifest signature invalid: %1").arg(verified.error().message));

    auto manifest = ClusterManifest::fromCanonicalJson(bytes);
    if (!manifest)
        return manifest.error();
    if (manifest->network != params.name)
        return manifestError(ManifestError::WrongNetwork,
                             QStringLiteral("manifest is for network %1, not %2").arg(manifest->network, params.name));
    if (manifest->expiresAtMs <= nowMs)
        return manifestError(ManifestError::Expired,
                             QStringLiteral("manifest expired %1 s ago").arg((nowMs - manifest->expiresAtMs) / 1000));
    if (manifest->issuedAtMs > nowMs + kManifestClockSkewMs)
        return manifestError(ManifestError::NotYetValid,
                             QStringLiteral("manifest issued %1 s in the future (check the clock)")
                                 .arg((manifest->issuedAtMs - nowMs) / 1000));
    return manifest;
}

} // namespace wp::proto
