#include "bootstrapfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace wp::client {

namespace {

constexpr qsizetype kMaxInstances = 100;
constexpr qsizetype kMaxFileBytes = 256 * 1024;

} // namespace

Result<BootstrapList> BootstrapList::fromJson(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return fail(QStringLiteral("not a JSON object"));
    const QJsonObject root = document.object();
    BootstrapList list;
    const QJsonValue address = root.value(QStringLiteral("operatorAddress"));
    if (!address.isUndefined() && !address.isNull() && !address.isString())
        return fail(QStringLiteral("operatorAddress must be a string"));
    list.operatorAddress = address.toString().trimmed();
    const QJsonValue instances = root.value(QStringLiteral("instances"));
    if (!instances.isArray() || instances.toArray().isEmpty())
        return fail(QStringLiteral("instances must be a non-empty list"));
    if (instances.toArray().size() > kMaxInstances)
        return fail(QStringLiteral("more than %1 instances").arg(kMaxInstances));
    for (const QJsonValue &value : instances.toArray()) {
        const qsizetype n = list.instances.size() + 1;
        if (!value.isObject())
            return fail(QStringLiteral("instance %1 is not an object").arg(n));
        const QJsonObject o = value.toObject();
        proto::ClusterInstance instance;
        instance.id = o.value(QStringLiteral("id")).toString();
        instance.name = o.value(QStringLiteral("name")).toString().left(64);
        instance.urlClear = o.value(QStringLiteral("urlClear")).toString().trimmed();
        instance.urlOnion = o.value(QStringLiteral("urlOnion")).toString().trimmed();
        const QString label = instance.name.isEmpty() ? QString::number(n) : QStringLiteral("'%1'").arg(instance.name);
        if (instance.urlClear.isEmpty() && instance.urlOnion.isEmpty())
            return fail(QStringLiteral("instance %1 has neither urlClear nor urlOnion").arg(label));
        for (const auto &[text, onion] : {std::pair{&instance.urlClear, false}, std::pair{&instance.urlOnion, true}}) {
            if (text->isEmpty())
                continue;
            if (auto url = proto::parseInstanceUrl(*text, onion); !url)
                return fail(QStringLiteral("instance %1: %2").arg(label, url.error().message));
        }
        list.instances.append(instance);
    }
    return list;
}

Result<BootstrapList> BootstrapList::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read bootstrap list %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxFileBytes)
        return fail(QStringLiteral("bootstrap list %1 is larger than %2 bytes").arg(path).arg(kMaxFileBytes));
    auto list = fromJson(file.readAll());
    if (!list)
        return fail(QStringLiteral("bootstrap list %1: %2").arg(path, list.error().message));
    return list;
}

proto::ClusterInstance BootstrapList::instanceFromUrl(const QUrl &url)
{
    proto::ClusterInstance instance;
    instance.name = url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    const QString text = url.toString(QUrl::StripTrailingSlash);
    if (url.host().endsWith(QLatin1String(".onion")))
        instance.urlOnion = text;
    else
        instance.urlClear = text;
    return instance;
}

} // namespace wp::client
