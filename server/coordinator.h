#pragma once

#include <coordinatoroptions.h>

#include <util/result.h>

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace wp::net {
class NodeRpcClient;
}

namespace wp::server {

namespace db {
class Database;
}
namespace net {
class NetServer;
}
namespace cluster {
class ClusterMember;
class PoolRouter;
}
namespace status {
class StatusService;
}
namespace mix {
class FeeConfig;
class Tx0Validator;
class Tx0DataFactory;
}
class ChainTip;
class InputValidator;
class ManifestPublisher;
class MixStore;
class PoolService;
class RestController;
class StompController;

/// One coordinator instance: owns every subsystem and starts and stops them in
/// a fixed order (database and migrations, node, fee rules, store, pools,
/// network, cluster membership). A pool runs here while this instance holds its
/// lease (a lone instance holds them all); nothing is broadcast without it.
///
/// Thread affinity: the main (event-loop) thread.
class Coordinator : public QObject {
    Q_OBJECT
public:
    explicit Coordinator(CoordinatorOptions options, QObject *parent = nullptr);
    ~Coordinator() override;

    /// Starts everything. Returns: a one-line reason if the instance cannot run
    /// (database unreachable, migrations failed, fee config invalid, port taken).
    Result<void> start();
    /// Graceful shutdown (SIGTERM, DESIGN §2.2): every pool drains (its running mix
    /// ends, its clients are sent on to the next owner), the leases are released and
    /// the instance is marked stopped; then @p finished is called once (after the
    /// cluster.drain-timeout-ms at the latest, also when the database is down).
    void shutdown(std::function<void()> finished);
    /// Stops at once: current mixes fail without blame, leases are left to expire.
    void stop();

    const QString &instanceId() const { return m_instanceId; }
    quint16 port() const;
    QList<PoolService *> pools() const;
    /// The pool @p poolId if this instance serves it now (running, and its lease held at
    /// this moment: see cluster::PoolRouter), else nullptr. May stop a pool whose lease
    /// is gone.
    PoolService *pool(const QString &poolId) const;

private:
    PoolService *configuredPool(const QString &poolId) const;
    void onPoolAcquired(const QString &poolId, qint64 epoch);
    void onPoolLost(const QString &poolId);

    CoordinatorOptions m_options;
    QString m_instanceId;
    std::unique_ptr<db::Database> m_db;
    std::unique_ptr<wp::net::NodeRpcClient> m_node;
    std::unique_ptr<ChainTip> m_tip;
    std::shared_ptr<const mix::FeeConfig> m_fees;
    std::unique_ptr<mix::Tx0Validator> m_tx0Validator;
    std::unique_ptr<mix::Tx0DataFactory> m_tx0Data;
    std::unique_ptr<MixStore> m_store;
    std::unique_ptr<InputValidator> m_validator;
    std::unique_ptr<net::NetServer> m_net;
    std::unique_ptr<StompController> m_stomp;
    std::unique_ptr<RestController> m_rest;
    QList<PoolService *> m_pools; ///< children of this object
    std::unique_ptr<db::Database> m_clusterDb; ///< its own connection, so leases never queue behind mix work
    std::unique_ptr<cluster::ClusterMember> m_cluster;
    std::unique_ptr<cluster::PoolRouter> m_router; ///< reads m_cluster: destroyed before it
    std::unique_ptr<ManifestPublisher> m_manifest;
    bool m_ready = false;
    std::unique_ptr<status::StatusService> m_status; ///< dashboard, metrics, admin pages, heartbeat stats
};

} // namespace wp::server
