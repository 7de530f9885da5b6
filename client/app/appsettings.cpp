#include "appsettings.h"

#include <bitcoin/address.h>

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <QUrl>

namespace wp::client {

namespace {

constexpr int kSettingsVersion = 1;

const QString kBootstrap = QStringLiteral("bootstrap");
const QString kOperatorAddress = QStringLiteral("operatorAddress");
const QString kUseOnion = QStringLiteral("useOnion");
const QString kProxyHost = QStringLiteral("proxyHost");
const QString kProxyPort = QStringLiteral("proxyPort");
const QString kNodeUrl = QStringLiteral("nodeUrl");
const QString kNodeUser = QStringLiteral("nodeUser");
const QString kNodePassword = QStringLiteral("nodePassword");
const QString kNodeCookieFile = QStringLiteral("nodeCookieFile");
const QString kMaxConcurrent = QStringLiteral("maxConcurrent");
const QString kAutoMix = QStringLiteral("autoMix");
const QString kAutoRemix = QStringLiteral("autoRemix");
const QString kRemixTarget = QStringLiteral("remixTarget");
const QString kFeeDefaults = QStringLiteral("feeDefaults");

/// Reads an optional field of @p type into @p out. Returns: false if present with another type.
bool readString(const QJsonObject &o, const QString &key, QString &out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString())
        return false;
    out = v.toString();
    return true;
}

bool readBool(const QJsonObject &o, const QString &key, bool &out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isBool())
        return false;
    out = v.toBool();
    return true;
}

bool readInt(const QJsonObject &o, const QString &key, int min, int max, int &out)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isDouble())
        return false;
    // Range first: converting a double outside an integer type's range is undefined (found by fuzzing).
    const double d = v.toDouble();
    if (!(d >= min && d <= max) || d != std::floor(d))
        return false;
    out = int(d);
    return true;
}

} // namespace

AppSettings AppSettings::defaults(btc::Network network)
{
    AppSettings s;
    switch (network) {
    case btc::Network::Main: s.nodeUrl = QStringLiteral("http://127.0.0.1:8332"); break;
    case btc::Network::Test: s.nodeUrl = QStringLiteral("http://127.0.0.1:18332"); break;
    case btc::Network::Regtest: s.nodeUrl = QStringLiteral("http://127.0.0.1:18443"); break;
    }
    return s;
}

NetworkIdentity AppSettings::proxy() const
{
    NetworkIdentity identity;
    identity.proxyHost = proxyHost.trimmed();
    identity.proxyPort = proxyPort;
    return identity;
}

net::NodeRpcConfig AppSettings::nodeConfig(int timeoutMs) const
{
    net::NodeRpcConfig c;
    c.url = QUrl(nodeUrl.trimmed());
    c.user = nodeUser;
    c.password = nodePassword;
    c.cookieFile = nodeCookieFile.trimmed();
    c.timeoutMs = timeoutMs;
    return c;
}

DirectoryConfig AppSettings::directoryConfig(btc::Network network) const
{
    DirectoryConfig c;
    c.bootstrap = bootstrap;
    c.operatorAddress = operatorAddress.trimmed();
    c.network = network;
    c.useOnion = useOnion;
    c.identity = proxy();
    return c;
}

FeeEstimator::Options AppSettings::feeOptions() const
{
    FeeEstimator::Options options;
    options.defaults = feeDefaults;
    return options;
}

OrchestratorConfig AppSettings::orchestratorConfig(OrchestratorConfig base) const
{
    base.maxConcurrent = maxConcurrent;
    base.autoMix = autoMix;
    base.autoRemix = autoRemix;
    base.remixTarget = remixTarget;
    return base;
}

Result<void> AppSettings::validateNode() const
{
    const QUrl url(nodeUrl.trimmed(), QUrl::StrictMode);
    if (nodeUrl.trimmed().isEmpty())
        return fail(tr("Enter the address of your bitcoin node (for example http://127.0.0.1:8332)."));
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        return fail(tr("The node address '%1' is not an http:// or https:// URL.").arg(nodeUrl.left(200)));
    return {};
}

Result<void> AppSettings::validateCluster(btc::Network network) const
{
    if (bootstrap.isEmpty())
        return fail(tr("Add at least one coordinator instance."));
    if (bootstrap.size() > kMaxBootstrapInstances)
        return fail(tr("At most %1 coordinator instances can be listed.").arg(kMaxBootstrapInstances));
    if (useOnion && proxyHost.trimmed().isEmpty())
        return fail(tr("Onion addresses need a Tor SOCKS5 proxy: enter its host and port (usually 127.0.0.1:9050)."));
    if (!proxyHost.trimmed().isEmpty() && proxyPort == 0)
        return fail(tr("Enter the port of the SOCKS5 proxy."));
    if (auto valid = CoordinatorDirectory::validateBootstrap(directoryConfig(network)); !valid)
        return fail(tr("Coordinator list: %1").arg(valid.error().message));
    return {};
}

Result<void> AppSettings::validate(btc::Network network) const
{
    if (auto node = validateNode(); !node)
        return node;
    if (auto cluster = validateCluster(network); !cluster)
        return cluster;
    if (maxConcurrent < 1 || maxConcurrent > kMaxConcurrentLimit)
        return fail(tr("Coins mixing at once must be between 1 and %1.").arg(kMaxConcurrentLimit));
    if (remixTarget < 0)
        return fail(tr("The remix target cannot be negative."));
    const FeeEstimator::Options fees;
    if (feeDefaults[2] < fees.minRate || feeDefaults[0] > fees.maxRate || feeDefaults[0] < feeDefaults[1] ||
        feeDefaults[1] < feeDefaults[2])
        return fail(tr("Default fee rates must be between %1 and %2 sat/vB, fast at least normal, normal at least slow.")
                        .arg(fees.minRate)
                        .arg(fees.maxRate));
    return {};
}

QJsonObject AppSettings::toJson() const
{
    QJsonArray instances;
    for (const proto::ClusterInstance &i : bootstrap) {
        QJsonObject o{{QStringLiteral("name"), i.name}, {QStringLiteral("urlClear"), i.urlClear},
                      {QStringLiteral("urlOnion"), i.urlOnion}};
        if (!i.id.isEmpty())
            o.insert(QStringLiteral("id"), i.id);
        instances.append(o);
    }
    return {{QStringLiteral("version"), kSettingsVersion},
            {kBootstrap, instances},
            {kOperatorAddress, operatorAddress},
            {kUseOnion, useOnion},
            {kProxyHost, proxyHost},
            {kProxyPort, int(proxyPort)},
            {kNodeUrl, nodeUrl},
            {kNodeUser, nodeUser},
            {kNodePassword, nodePassword},
            {kNodeCookieFile, nodeCookieFile},
            {kMaxConcurrent, maxConcurrent},
            {kAutoMix, autoMix},
            {kAutoRemix, autoRemix},
            {kRemixTarget, remixTarget},
            {kFeeDefaults, QJsonArray{qint64(feeDefaults[0]), qint64(feeDefaults[1]), qint64(feeDefaults[2])}}};
}

Result<AppSettings> AppSettings::fromJson(const QJsonObject &json)
{
    AppSettings s;
    auto bad = [](const QString &key) { return fail(QStringLiteral("settings: '%1' has the wrong type or range").arg(key)); };
    const QJsonValue list = json.value(kBootstrap);
    if (!list.isUndefined() && !list.isNull()) {
        if (!list.isArray() || list.toArray().size() > kMaxBootstrapInstances)
            return bad(kBootstrap);
        for (const QJsonValue &v : list.toArray()) {
            if (!v.isObject())
                return bad(kBootstrap);
            const QJsonObject o = v.toObject();
            proto::ClusterInstance i;
            if (!readString(o, QStringLiteral("id"), i.id) || !readString(o, QStringLiteral("name"), i.name) ||
                !readString(o, QStringLiteral("urlClear"), i.urlClear) ||
                !readString(o, QStringLiteral("urlOnion"), i.urlOnion))
                return bad(kBootstrap);
            s.bootstrap.append(i);
        }
    }
    int port = 0;
    if (!readString(json, kOperatorAddress, s.operatorAddress))
        return bad(kOperatorAddress);
    if (!readBool(json, kUseOnion, s.useOnion))
        return bad(kUseOnion);
    if (!readString(json, kProxyHost, s.proxyHost))
        return bad(kProxyHost);
    if (!readInt(json, kProxyPort, 0, 65535, port))
        return bad(kProxyPort);
    s.proxyPort = quint16(port);
    if (!readString(json, kNodeUrl, s.nodeUrl))
        return bad(kNodeUrl);
    if (!readString(json, kNodeUser, s.nodeUser))
        return bad(kNodeUser);
    if (!readString(json, kNodePassword, s.nodePassword))
        return bad(kNodePassword);
    if (!readString(json, kNodeCookieFile, s.nodeCookieFile))
        return bad(kNodeCookieFile);
    if (!readInt(json, kMaxConcurrent, 1, kMaxConcurrentLimit, s.maxConcurrent))
        return bad(kMaxConcurrent);
    if (!readBool(json, kAutoMix, s.autoMix))
        return bad(kAutoMix);
    if (!readBool(json, kAutoRemix, s.autoRemix))
        return bad(kAutoRemix);
    if (!readInt(json, kRemixTarget, 0, 1'000'000, s.remixTarget))
        return bad(kRemixTarget);
    const QJsonValue fees = json.value(kFeeDefaults);
    if (!fees.isUndefined() && !fees.isNull()) {
        const QJsonArray rates = fees.toArray();
        if (!fees.isArray() || rates.size() != 3)
            return bad(kFeeDefaults);
        for (qsizetype i = 0; i < 3; ++i) {
            const double rate = rates.at(i).toDouble(-1);
            if (!rates.at(i).isDouble() || rate != std::floor(rate) || rate < 1 || rate > 1'000'000)
                return bad(kFeeDefaults);
            s.feeDefaults[std::size_t(i)] = btc::Amount(rate);
        }
    }
    return s;
}

} // namespace wp::client
