#pragma once

#include <protocol/clustermanifest.h>
#include <util/result.h>

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QUrl>

namespace wp::client {

/// The coordinator instances a client starts from, as a JSON file:
///
///     {"instances": [{"name": "alpha", "urlClear": "http://127.0.0.1:8080", "urlOnion": ""}, ...],
///      "operatorAddress": "bcrt1q..."}
///
/// `id` is optional per instance, `operatorAddress` is optional (without it no
/// cluster manifest is fetched and only these instances are followed). Plain value type.
struct BootstrapList {
    QList<proto::ClusterInstance> instances;
    QString operatorAddress;

    /// Parses the JSON text above. Every instance needs a urlClear or a
    /// urlOnion that proto::parseInstanceUrl() accepts (the onion one ending in
    /// .onion); URLs are kept as written. Unknown keys are ignored.
    /// Returns: an error naming the file's problem (the first one). Safe on any input.
    static Result<BootstrapList> fromJson(QByteArrayView json);
    /// Reads and parses @p path. Returns: an error naming the file when it
    /// cannot be read or fromJson() refuses it.
    static Result<BootstrapList> load(const QString &path);
    /// A coordinator URL given on a command line as a bootstrap entry, named after
    /// its host and port; an onion host fills urlOnion, any other urlClear. Never fails
    /// (validation is CoordinatorDirectory::validateBootstrap()).
    static proto::ClusterInstance instanceFromUrl(const QUrl &url);
};

} // namespace wp::client
