#pragma once

#include "walletfile.h"

#include <mixer/mixstep.h>
#include <mixer/networkidentity.h>

#include <bitcoin/amount.h>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace wp::net {
class NodeRpcClient;
}

namespace wp::client {

class AddressBook;
class ChainScanner;
class ClusterRest;
class CoordinatorDirectory;
class LocalMixWallet;
class ResilientMixSession;
struct DirectoryEvent;
struct Utxo;

/// Everything whirlpool-cli was asked to do (one QCommandLineParser in main.cpp).
struct CliOptions {
    QString command;
    QString walletPath;
    btc::Network network = btc::Network::Regtest;
    QUrl nodeUrl;
    QString nodeUser;
    QString nodePassword;
    QList<QUrl> coordinatorUrls;  ///< --coordinator, repeatable: bootstrap instances named after host:port
    QString bootstrapPath;        ///< --bootstrap FILE (BootstrapList JSON)
    QString operatorAddress;      ///< --operator-address: overrides the bootstrap file's; empty = bootstrap only
    bool useOnion = false;        ///< connect to the instances' onion URLs
    NetworkIdentity proxy;
    bool json = false;
    QStringList poolIds;          ///< mix: every pool to mix in; tx0: exactly one
    QString account = QStringLiteral("deposit");
    int index = 0;
    int blocks = 1;
    int mixes = 0;        ///< mix: stop after this many successes (0 = until interrupted)
    int concurrency = 3;  ///< mix: coins mixing at once in each pool
    int minConfirmations = 1;
    int birthdayHeight = -1; ///< -1: the node's current height (create) or 1 (restore)
    btc::Amount tx0FeeRate = 2;
    btc::Amount mixFeeRate = 2;
    int maxOutputs = 0;
};

/// The headless client: wallet creation, addresses, balances, Tx0s and mixing,
/// printing each step for people or, with --json, one JSON object per line.
/// Coordinator access goes through a CoordinatorDirectory of the configured
/// instances: REST calls to a random instance (another one when it does not
/// answer), each coin mixed by a ResilientMixSession (redirects to the pool's
/// owner, failover to another instance), with every redirect, failover and
/// retry printed.
///
/// Thread affinity: the main thread; everything is asynchronous on its event loop.
class CliApp : public QObject {
    Q_OBJECT
public:
    explicit CliApp(CliOptions options, QObject *parent = nullptr);
    ~CliApp() override;

    /// Starts the command; finished() tells the exit code.
    void run();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void print(const QString &event, const QJsonObject &fields, const QString &human);
    void fail(const QString &message, int code = 1);
    bool openWallet();
    bool openCluster();
    void scanThen(std::function<void()> next);
    void onDirectoryEvent(const DirectoryEvent &event);
    struct ActiveMix;
    /// "[abcd1234:0 premix 0.01btc@beta]": the coin, its pool and its current instance.
    QString coinTag(const ActiveMix &mix) const;

    void cmdCreate(bool restore);
    void cmdAddress();
    void cmdBalance();
    void cmdMine();
    void cmdTx0();
    void cmdMix();

    void fillMixSlots();
    void startMix(const Utxo &utxo, const QString &poolId);
    /// Stops one remix of @p poolId that is not in a mix yet (it retries later).
    /// Returns: false when there is none.
    bool makeRoomForPremix(const QString &poolId);
    /// The pool @p utxo may mix in now, or empty.
    QString mixablePool(const Utxo &utxo) const;

    CliOptions m_options;
    WalletFile m_wallet;
    std::shared_ptr<AddressBook> m_book;
    std::unique_ptr<wp::net::NodeRpcClient> m_node;
    std::unique_ptr<ChainScanner> m_scanner;
    std::unique_ptr<CoordinatorDirectory> m_directory;
    std::unique_ptr<ClusterRest> m_rest;
    std::shared_ptr<LocalMixWallet> m_mixWallet;
    struct PoolTerms {
        QString poolId;
        btc::Amount denomination = 0;
        btc::Amount mustMixBalanceMax = 0;
    };
    QHash<QString, PoolTerms> m_pools; ///< by pool id
    /// A coin being mixed.
    struct ActiveMix {
        ResilientMixSession *session = nullptr;
        QString poolId;
        QString label;   ///< short outpoint, for people
        QString kind;    ///< premix or postmix
    };
    QHash<QString, ActiveMix> m_active; ///< by outpoint
    QHash<QString, QString> m_sessionCoins; ///< ResilientMixSession::id() -> outpoint
    QHash<QString, qint64> m_retryAfterMs; ///< outpoint -> earliest next attempt
    int m_successes = 0;
    bool m_done = false;
};

} // namespace wp::client
