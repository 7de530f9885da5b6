#pragma once

#include <mixer/coordinatordirectory.h>
#include <mixer/mixorchestrator.h>
#include <mixer/networkidentity.h>
#include <wallet/feeestimator.h>

#include <bitcoin/network.h>
#include <net/noderpcclient.h>
#include <protocol/clustermanifest.h>
#include <util/result.h>

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace wp::client {

/// The desktop client's settings, kept (encrypted) in the wallet file's app
/// state: where the coordinator cluster and the bitcoin node are, how to reach
/// them, and how mixing behaves. Plain value type.
struct AppSettings {
    Q_DECLARE_TR_FUNCTIONS(wp::client::AppSettings)
public:
    /// The coordinator instances the client starts from (name, urlClear, urlOnion; id optional).
    QList<proto::ClusterInstance> bootstrap;
    /// The cluster operator's signing address: the only signer of cluster manifests
    /// accepted. Empty: only the bootstrap instances are ever used.
    QString operatorAddress;
    /// Connect to the instances' onion URLs (needs the SOCKS5 proxy, normally Tor).
    bool useOnion = false;
    /// SOCKS5 proxy (Tor) for every coordinator connection; empty host = direct.
    /// Each connection gets its own random credentials (its own Tor circuit).
    QString proxyHost;
    quint16 proxyPort = 0;

    /// The bitcoin node's JSON-RPC (Bitcoin Core; bcoin in tests).
    QString nodeUrl;
    QString nodeUser;
    QString nodePassword;
    QString nodeCookieFile; ///< Bitcoin Core's .cookie; used instead of user/password when set

    /// Mixing: coins mixing at once, automatic first mix and remix, remix target (0 = forever).
    int maxConcurrent = 3;
    bool autoMix = true;
    bool autoRemix = true;
    int remixTarget = 0;
    /// Fee presets (sat/vB: fast, normal, slow) used where the node has no estimate.
    std::array<btc::Amount, 3> feeDefaults{20, 10, 2};

    static constexpr int kMaxConcurrentLimit = 20;
    static constexpr int kMaxBootstrapInstances = 100;

    /// Defaults for @p network: the node on its usual local port
    /// (8332 / 18332 / 18443), no coordinator instance (the GUI ships its list).
    static AppSettings defaults(btc::Network network);

    /// The SOCKS5 identity of the settings (no credentials: each connection picks its own).
    NetworkIdentity proxy() const;
    /// The node RPC configuration (per-request timeout @p timeoutMs).
    net::NodeRpcConfig nodeConfig(int timeoutMs = 15000) const;
    /// The CoordinatorDirectory configuration for @p network.
    DirectoryConfig directoryConfig(btc::Network network) const;
    /// The fee estimator's options with feeDefaults.
    FeeEstimator::Options feeOptions() const;
    /// @p base with the mixing settings applied.
    OrchestratorConfig orchestratorConfig(OrchestratorConfig base = {}) const;

    /// Checks what a user may have typed: node URL, coordinator list (URLs,
    /// at least one usable instance), operator address of @p network, proxy
    /// (onion needs one), mixing numbers, fee defaults (fast >= normal >= slow >= 1).
    /// Returns: the first problem in plain words (translated). Never fails on any input.
    Result<void> validate(btc::Network network) const;
    /// validate() for the node part only (what syncing needs).
    Result<void> validateNode() const;
    /// validate() for the coordinator part only (what the cluster needs).
    Result<void> validateCluster(btc::Network network) const;

    /// JSON for the wallet file (every field, versioned).
    QJsonObject toJson() const;
    /// Reads toJson()'s output. Missing fields keep their defaults; a field of the
    /// wrong type or a bootstrap list that is not a list of objects is refused.
    /// Returns: an error naming the field. Safe on any input.
    static Result<AppSettings> fromJson(const QJsonObject &json);

    friend bool operator==(const AppSettings &, const AppSettings &) = default;
};

} // namespace wp::client
