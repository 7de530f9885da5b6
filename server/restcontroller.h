#pragma once

#include <mix/poolconfig.h>
#include <mix/tx0datafactory.h>

#include <bitcoin/network.h>

#include <QList>
#include <QObject>

#include <functional>

namespace wp::server {

namespace net {
class HttpApi;
}
class MixStore;
class PoolService;

/// The classic REST API (protocol reference §1.2, §2.3): pools, Tx0 data,
/// output checks and the blinded output registration (which arrives over the
/// client's OTHER network identity), and the health probe.
///
/// Thread affinity: the event-loop thread; handlers answer asynchronously.
class RestController : public QObject {
    Q_OBJECT
public:
    struct Deps {
        MixStore &store;
        const mix::Tx0DataFactory &tx0Data;
        btc::Network network;
        /// The pools this instance serves now (running, their lease held: cluster::PoolRouter).
        std::function<QList<PoolService *>()> localPools;
        /// Every pool of the cluster, as `GET /rest/pools` lists them (owner URLs included).
        std::function<QList<proto::PoolInfo>()> allPools;
        QList<mix::PoolConfig> poolConfigs;
        /// False until the instance knows which pools it runs (health answers 503 until then).
        std::function<bool()> ready;
    };

    RestController(net::HttpApi &http, Deps deps, QObject *parent = nullptr);

private:
    Deps m_deps;
};

} // namespace wp::server
