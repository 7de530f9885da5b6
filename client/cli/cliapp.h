#pragma once

#include "walletfile.h"

#include <mixer/mixstep.h>
#include <mixer/networkidentity.h>

#include <bitcoin/amount.h>

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <memory>

namespace wp::net {
class NodeRpcClient;
}

namespace wp::client {

class AddressBook;
class ChainScanner;
class CoordinatorRestClient;
class LocalMixWallet;
class MixSession;
struct Utxo;

/// Everything whirlpool-cli was asked to do (one QCommandLineParser in main.cpp).
struct CliOptions {
    QString command;
    QString walletPath;
    btc::Network network = btc::Network::Regtest;
    QUrl nodeUrl;
    QString nodeUser;
    QString nodePassword;
    QUrl coordinatorUrl;
    NetworkIdentity proxy;
    bool json = false;
    QString poolId;
    QString account = QStringLiteral("deposit");
    int index = 0;
    int blocks = 1;
    int mixes = 0;        ///< mix: stop after this many successes (0 = until interrupted)
    int concurrency = 3;  ///< mix: coins mixing at once
    int minConfirmations = 1;
    int birthdayHeight = -1; ///< -1: the node's current height (create) or 1 (restore)
    btc::Amount tx0FeeRate = 2;
    btc::Amount mixFeeRate = 2;
    int maxOutputs = 0;
};

/// The headless client: wallet creation, addresses, balances, Tx0s and mixing,
/// printing each step for people or, with --json, one JSON object per line.
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
    void scanThen(std::function<void()> next);

    void cmdCreate(bool restore);
    void cmdAddress();
    void cmdBalance();
    void cmdMine();
    void cmdTx0();
    void cmdMix();

    void fillMixSlots();
    void startMix(const Utxo &utxo);
    bool isMixable(const Utxo &utxo) const;

    CliOptions m_options;
    WalletFile m_wallet;
    std::shared_ptr<AddressBook> m_book;
    std::unique_ptr<wp::net::NodeRpcClient> m_node;
    std::unique_ptr<ChainScanner> m_scanner;
    std::unique_ptr<CoordinatorRestClient> m_rest;
    std::shared_ptr<LocalMixWallet> m_mixWallet;
    struct PoolTerms {
        QString poolId;
        btc::Amount denomination = 0;
        btc::Amount mustMixBalanceMax = 0;
    } m_pool;
    QHash<QString, MixSession *> m_active; ///< by outpoint
    QHash<QString, qint64> m_retryAfterMs; ///< outpoint -> earliest next attempt
    int m_successes = 0;
    bool m_done = false;
};

} // namespace wp::client
