#pragma once

#include <coordinatoroptions.h>

#include <cluster/clustertypes.h>
#include <crypto/eckey.h>
#include <protocol/clustermanifest.h>
#include <util/result.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>
#include <optional>

namespace wp::server {

namespace net {
class HttpApi;
class HttpReply;
}
namespace cluster {
class ClusterMember;
}

/// What GET /rest/cluster is signed with. Plain value type.
struct ManifestSettings {
    QString clusterName;
    btc::Network network = btc::Network::Main;
    std::shared_ptr<const crypto::PrivKey> key;
    QString address; ///< the operator address clients pin, derived from the key
    std::chrono::seconds ttl{3600};

    /// The settings of @p options, or nullopt when no operator key is configured.
    /// Returns: an error naming the setting when the key is not a WIF key of the
    /// network or 64 hex characters, or is uncompressed.
    static Result<std::optional<ManifestSettings>> fromOptions(const CoordinatorOptions &options);
};

/// The manifest content for @p state (pure): every instance whose heartbeat is
/// younger than the manifest TTL, newest first, one entry per name (the stable
/// operator-chosen id) and per URL; instances without a valid URL are left out.
/// Issued at @p nowMs, valid for the TTL.
/// Returns: an error when no instance can be listed.
Result<proto::ClusterManifest> buildManifest(const cluster::ClusterState &state, const ManifestSettings &settings,
                                             qint64 nowMs);

/// Serves `GET /rest/cluster` (DESIGN §2.1): the cluster manifest built from the
/// shared cluster_instance rows and signed with the operator key, so clients
/// follow redirects only to the operator's instances. The signed body is cached
/// for a few seconds (one DB read serves a burst of clients). Without an operator
/// key the route answers 404 with a message (clients then follow redirects to
/// their bootstrap instances only).
///
/// Thread affinity: the event-loop thread; the DB read runs on the cluster's workers.
class ManifestPublisher : public QObject {
    Q_OBJECT
public:
    /// Registers the route on @p http. @p member must outlive this object.
    ManifestPublisher(std::optional<ManifestSettings> settings, cluster::ClusterMember &member, net::HttpApi &http,
                      QObject *parent = nullptr);
    ~ManifestPublisher() override;

private:
    void serve(net::HttpReply reply);
    void answerWaiting(int status, const QByteArray &body);

    std::optional<ManifestSettings> m_settings;
    cluster::ClusterMember &m_member;
    QByteArray m_body;            ///< the last signed body
    QElapsedTimer m_bodyAge;
    QList<net::HttpReply> m_waiting; ///< requests waiting for the DB read in flight
};

} // namespace wp::server
