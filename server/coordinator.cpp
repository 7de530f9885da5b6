#include <coordinator.h>

#include <chaintip.h>
#include <inputvalidator.h>
#include <logging.h>
#include <manifestpublisher.h>
#include <mixstore.h>
#include <poolservice.h>
#include <restcontroller.h>
#include <stompcontroller.h>
#include <status/statusservice.h>

#include <cluster/clusterconfig.h>
#include <cluster/clustermember.h>
#include <cluster/poolrouter.h>
#include <crypto/random.h>
#include <db/database.h>
#include <db/migrations.h>
#include <mix/feeconfig.h>
#include <mix/tx0datafactory.h>
#include <mix/tx0validator.h>
#include <net/netserver.h>
#include <net/stompserver.h>
#include <net/stompsession.h>
#include <net/noderpcclient.h>
#include <util/hex.h>

#include <QCoreApplication>

namespace wp::server {

namespace {

db::DbConfig dbConfig(const CoordinatorOptions::Db &o)
{
    db::DbConfig c;
    c.host = o.host;
    c.port = o.port;
    c.user = o.user;
    c.password = o.password;
    c.database = o.database;
    c.unixSocket = o.socket;
    c.poolSize = o.workers;
    return c;
}

/// "NAME:payload:percent[:expirationMs[:message]]"
Result<QList<mix::ScodeConfig>> parseScodes(const QStringList &texts)
{
    QList<mix::ScodeConfig> out;
    for (const QString &text : texts) {
        const QStringList parts = text.trimmed().split(QLatin1Char(':'));
        bool payloadOk = false;
        bool percentOk = false;
        mix::ScodeConfig s;
        s.name = parts.value(0);
        s.payload = qint16(parts.value(1).toInt(&payloadOk));
        s.feeValuePercent = parts.value(2).toInt(&percentOk);
        if (parts.size() < 3 || s.name.isEmpty() || !payloadOk || !percentOk)
            return fail(QStringLiteral("fees.scodes: '%1' is not NAME:payload:percent[:expirationMs[:message]]").arg(text));
        if (parts.size() > 3 && !parts[3].isEmpty())
            s.expirationMs = parts[3].toLongLong();
        s.message = parts.mid(4).join(QLatin1Char(':'));
        out.append(s);
    }
    return out;
}

} // namespace

Coordinator::Coordinator(CoordinatorOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options))
{
}

Coordinator::~Coordinator()
{
    stop();
}

Result<void> Coordinator::start()
{
    // 1. Database and schema.
    m_db = std::make_unique<db::Database>(dbConfig(m_options.db));
    auto migrated = m_db->runSync<QList<int>>(&db::Migrations::applyEmbedded);
    if (!migrated)
        return fail(QStringLiteral("database: %1").arg(migrated.error().message));

    // 2. Node.
    wp::net::NodeRpcConfig node{QUrl(m_options.node.url), m_options.node.user, m_options.node.password,
                                m_options.node.cookieFile, m_options.node.timeoutMs};
    m_node = std::make_unique<wp::net::NodeRpcClient>(node);
    m_tip = std::make_unique<ChainTip>(*m_node, m_options.node.tipRefreshMs);
    m_tip->start();

    // 3. Fee rules.
    auto scodes = parseScodes(m_options.fees.scodes);
    if (!scodes)
        return scodes.error();
    mix::FeeSettings fees;
    fees.network = m_options.network;
    fees.secretMnemonic = m_options.fees.secretWords;
    fees.secretPassphrase = m_options.fees.secretPassphrase;
    fees.feeXpub = m_options.fees.feeXpub;
    fees.scodes = *scodes;
    auto feeConfig = mix::FeeConfig::create(fees);
    if (!feeConfig)
        return fail(QStringLiteral("fees: %1").arg(feeConfig.error().message));
    m_fees = std::make_shared<const mix::FeeConfig>(std::move(*feeConfig));
    m_tx0Validator = std::make_unique<mix::Tx0Validator>(m_fees);
    m_tx0Data = std::make_unique<mix::Tx0DataFactory>(m_fees);

    // 4. Shared state and validation.
    m_store = std::make_unique<MixStore>(*m_db);
    m_validator = std::make_unique<InputValidator>(InputValidator::Deps{
        *m_node, *m_store, *m_tx0Validator, *m_tip, m_options.network, m_options.node.blockHeightMaxSpread});

    // 5. Network.
    net::NetConfig netConfig;
    netConfig.door.maxConnections = m_options.limits.maxConnections;
    netConfig.door.maxConnectionsPerIp = m_options.limits.maxConnectionsPerIp;
    netConfig.stomp.maxMessageBytes = m_options.limits.maxMessageBytes;
    netConfig.stomp.rateLimitPerSecond = m_options.limits.framesPerSecond;
    netConfig.stomp.rateLimitBurst = m_options.limits.frameBurst;
    m_net = std::make_unique<net::NetServer>(netConfig);
    m_stomp = std::make_unique<StompController>(m_net->stomp(), *m_validator, m_options.network,
                                                [this](const QString &id) -> cluster::PoolRoute {
                                                    if (!m_router)
                                                        return cluster::route::Unknown{};
                                                    return m_router->route(id);
                                                });

    // 6. Cluster membership: which pools this instance runs, and for how long.
    QStringList poolIds;
    for (const mix::PoolConfig &config : m_options.pools)
        poolIds.append(config.poolId);
    cluster::ClusterConfig clusterConfig = cluster::ClusterConfig::production(poolIds);
    clusterConfig.name = m_options.instanceName;
    clusterConfig.urlClear = m_options.urlClear;
    clusterConfig.urlOnion = m_options.urlOnion;
    clusterConfig.version = QCoreApplication::applicationVersion();
    clusterConfig.renewInterval = std::chrono::milliseconds(m_options.cluster.renewMs);
    clusterConfig.leaseTtl = std::chrono::milliseconds(m_options.cluster.leaseTtlMs);
    clusterConfig.fenceAfter = std::chrono::milliseconds(m_options.cluster.fenceMs);
    if (auto valid = cluster::validate(clusterConfig); !valid)
        return fail(QStringLiteral("cluster: %1").arg(valid.error().message));
    db::DbConfig clusterDb = dbConfig(m_options.db);
    clusterDb.poolSize = 1;
    m_clusterDb = std::make_unique<db::Database>(clusterDb);
    m_cluster = std::make_unique<cluster::ClusterMember>(*m_clusterDb, clusterConfig);
    m_instanceId = m_cluster->instanceId();

    // 7. Pools (they start when their lease is ours).
    for (const mix::PoolConfig &config : m_options.pools) {
        auto *p = new PoolService(config, m_options.timings,
                                  PoolService::Deps{*m_stomp, *m_store, *m_node, m_options.network, m_instanceId,
                                                    m_options.ban, m_options.inviteDelayMs},
                                  this);
        // Fencing: the pool acts as owner only while the lease of the epoch it runs under is still ours.
        p->setLeaseGuard([this, p] { return m_cluster && m_cluster->holds(p->config().poolId, p->epoch()); });
        m_pools.append(p);
    }
    // Which pool is served here, and where the others are (redirects): one owner of that rule.
    m_router = std::make_unique<cluster::PoolRouter>(
        *m_cluster, m_pools, cluster::PoolRouter::Config{m_options.cluster.renewMs, m_options.urlClear, m_options.urlOnion});
    connect(m_cluster.get(), &cluster::ClusterMember::poolAcquired, this, &Coordinator::onPoolAcquired);
    connect(m_cluster.get(), &cluster::ClusterMember::poolLost, this,
            [this](const QString &poolId, cluster::LossReason) { onPoolLost(poolId); });
    connect(m_cluster.get(), &cluster::ClusterMember::drainRequested, this, [this](const QString &poolId) {
        // The running mix ends here first; then the lease goes to the instance that needs it.
        PoolService *p = configuredPool(poolId);
        if (!p) {
            m_cluster->release(poolId);
            return;
        }
        p->drain([this, poolId] {
            if (m_cluster)
                m_cluster->release(poolId);
        });
    });
    connect(m_cluster.get(), &cluster::ClusterMember::membersChanged, this, [this] {
        if (m_cluster->members().size() > 1)
            m_ready = true; // another instance may own every pool: we still serve (redirects, REST)
    });
    m_rest = std::make_unique<RestController>(
        m_net->http(),
        RestController::Deps{*m_store, *m_tx0Data, m_options.network,
                             [this] { return m_router ? m_router->localPools() : QList<PoolService *>(); },
                             // Every pool of the cluster, with its owner's URLs; live figures for ours.
                             [this] { return m_router ? m_router->poolInfos() : QList<proto::PoolInfo>(); },
                             m_options.pools,
                             // Not ready before it knows its pools, nor while it cannot see the database.
                             [this] { return m_ready && m_cluster && m_cluster->isInContact(); }});

    auto manifestSettings = ManifestSettings::fromOptions(m_options);
    if (!manifestSettings)
        return manifestSettings.error();
    m_manifest = std::make_unique<ManifestPublisher>(std::move(*manifestSettings), *m_cluster, m_net->http());
    // Dashboard, metrics and admin pages; the live stats ride on every heartbeat.
    m_status = std::make_unique<status::StatusService>(
        m_net->http(), status::StatusService::Deps{
                           *m_db, m_instanceId, m_options.instanceName, m_options.urlClear, m_options.cluster.leaseTtlMs,
                           m_pools, [this] { return m_net ? m_net->stomp().sessionCount() : 0; },
                           [this] { return m_cluster ? std::optional(m_cluster->counters()) : std::nullopt; }});
    m_cluster->setStatsProvider([this] { return m_status->statsSnapshot(); });

    auto port = m_net->listen(m_options.listenAddress, m_options.port);
    if (!port)
        return fail(QStringLiteral("cannot listen on %1:%2: %3")
                        .arg(m_options.listenAddress.toString())
                        .arg(m_options.port)
                        .arg(port.error().message));
    m_cluster->start();
    qCInfo(lcCoordinator).noquote() << "instance" << m_options.instanceName << m_instanceId << "listening on port"
                                    << *port << "with" << m_pools.size() << "pools";
    return {};
}

PoolService *Coordinator::configuredPool(const QString &poolId) const
{
    for (PoolService *p : m_pools)
        if (p->config().poolId == poolId)
            return p;
    return nullptr;
}

void Coordinator::onPoolAcquired(const QString &poolId, qint64 epoch)
{
    m_ready = true;
    if (PoolService *p = configuredPool(poolId)) {
        qCInfo(lcCoordinator).noquote() << "now running pool" << poolId << "epoch" << epoch;
        p->start(epoch);
    }
}

void Coordinator::onPoolLost(const QString &poolId)
{
    if (m_router)
        m_router->stopLost(poolId);
}

void Coordinator::shutdown(std::function<void()> finished)
{
    if (!m_cluster)
        return finished();
    qCInfo(lcCoordinator).noquote() << "instance" << m_options.instanceName << "shutting down: draining its pools";
    connect(m_cluster.get(), &cluster::ClusterMember::shutdownFinished, this, std::move(finished),
            Qt::SingleShotConnection);
    m_cluster->shutdown(std::chrono::milliseconds(m_options.cluster.drainTimeoutMs));
}

void Coordinator::stop()
{
    // Without a shutdown() first, leases are not released: they expire after the lease
    // TTL and other instances take the pools over (as after kill -9).
    m_manifest.reset();
    m_router.reset(); // it reads the cluster member
    m_cluster.reset();
    for (PoolService *p : m_pools)
        p->stop(QStringLiteral("The coordinator is shutting down"));
    // Pools talk to sessions through the STOMP controller, which talks to the network
    // server: destroy them in that order, so no late callback reaches a dead object.
    qDeleteAll(m_pools);
    m_pools.clear();
    m_rest.reset();
    m_stomp.reset();
    m_net.reset();
    m_clusterDb.reset();
    if (m_db)
        m_db->shutdown();
}

quint16 Coordinator::port() const { return m_net ? m_net->port() : 0; }

QList<PoolService *> Coordinator::pools() const { return m_pools; }

PoolService *Coordinator::pool(const QString &poolId) const
{
    return m_router ? m_router->localPool(poolId) : nullptr;
}

} // namespace wp::server
