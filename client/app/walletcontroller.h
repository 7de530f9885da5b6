#pragma once

#include <app/appsettings.h>
#include <app/eventlog.h>
#include <app/mixhistory.h>
#include <app/walletmodel.h>

#include <mixer/mixorchestrator.h>
#include <mixer/mixsession.h>
#include <mixer/resilientmixsession.h>
#include <wallet/feeestimator.h>
#include <wallet/spendbuilder.h>
#include <wallet/tx0builder.h>
#include <wallet/utxo.h>
#include <wallet/walletfile.h>
#include <wallet/walletfileformat.h>

#include <bitcoin/network.h>
#include <crypto/scrypt.h>
#include <util/result.h>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace wp::net {
class NodeRpcClient;
}

namespace wp::client {

class AddressBook;
class ChainScanner;
class ClusterRest;
class CoordinatorDirectory;
class FeeEstimator;
class LocalMixWallet;
class WalletKeys;

/// Tuning of a WalletController that users do not set (tests shorten the timings). Plain value type.
struct WalletControllerOptions {
    /// Key derivation of new wallet files and of password changes.
    crypto::ScryptParams kdf = WalletFileFormat::kDefaultKdf;
    int syncIntervalMs = 10000;     ///< chain + mempool poll period
    int poolsRefreshMs = 60000;     ///< pools (and their owners) re-read from the cluster
    int poolsRetryMs = 5000;        ///< after a failed pools fetch
    int feesRefreshMs = 120000;     ///< fee presets re-read from the node (at a sync)
    int tx0DataMaxAgeMs = 300000;   ///< Tx0 fee data reused for previews this long
    int saveDelayMs = 300;          ///< app state changes are written this long after the first one
    int nodeTimeoutMs = 15000;      ///< per node RPC request
    int restTimeoutMs = 15000;      ///< per coordinator REST request
    int minMixConfirmations = kMinMixConfirmations;
    int eventCapacity = 500;        ///< events kept for the log
    /// Base of every mix session (timeouts; pool, coin, network and identities are filled in).
    MixConfig mixBase;
    ResilienceConfig resilience;
    int mixRetryMinMs = 5000;       ///< orchestrator back-off after a failed mix, doubled each time
    int mixRetryMaxMs = 300000;
    /// A coin stopped after it signed a mix is not spent for this long: the coordinator
    /// still broadcasts that mix if the others sign within its signing timeout.
    int signedMixGraceMs = 120000;
};

/// What createWallet()/restoreWallet() need. Holds secrets: keep it short-lived.
struct NewWalletRequest {
    QString path;       ///< the wallet file to create (must not exist)
    QString mnemonic;   ///< BIP39 English words (normalized: case, spaces)
    QString passphrase; ///< optional BIP39 passphrase
    QString password;   ///< encrypts the file; not empty
    btc::Network network = btc::Network::Main;
    /// First block to scan. -1: createWallet() uses the node's current height,
    /// restoreWallet() defaultRestoreHeight(network); 0 is taken as 1.
    int birthdayHeight = -1;
};

/// The node side of the status bar. Plain value type.
struct NodeStatus {
    bool reachable = false;  ///< the last sync pass succeeded
    bool syncing = false;    ///< a pass is running
    int nodeHeight = -1;     ///< the node's block count at the last pass (-1: unknown)
    int scannedHeight = -1;  ///< the wallet's scanned tip
    qint64 lastSyncMs = 0;   ///< wall clock of the last successful pass (0: never)
    QString lastError;       ///< why the last pass failed, in plain words (empty after a success)
};

/// The cluster side of the status bar. Plain value type.
struct ClusterStatus {
    bool configured = false;   ///< the settings name a usable coordinator list
    int knownInstances = 0;    ///< bootstrap + verified manifest
    bool poolsLoaded = false;  ///< a pools fetch succeeded at least once
    QString answeredBy;        ///< instance that answered the last pools fetch
    qint64 poolsFetchedMs = 0; ///< wall clock of the last successful pools fetch
    QString lastError;         ///< why the last fetch failed (or why the cluster is not configured); empty when fine
};

/// A Tx0 the user asks for.
struct Tx0Order {
    QString poolId;
    /// Deposit coins to spend (all of them). Empty: chosen automatically (selectTx0Inputs()).
    QList<btc::OutPoint> coins;
    FeeLevel feeLevel = FeeLevel::Normal; ///< miner fee of the Tx0 and reserve for the first mix
    btc::Amount customFeeRate = 0;        ///< sat/vB; > 0 overrides feeLevel
    int maxOutputs = 0;                   ///< cap on premix outputs; 0 = the pool's
    bool changeToBadbank = false;         ///< send the (linkable) change to the badbank account
};

/// What a Tx0 would do. Plain value type.
struct Tx0Plan {
    QString poolId;
    QList<Utxo> inputs;      ///< the deposit coins it spends
    btc::Amount feeRate = 0; ///< sat/vB used for the Tx0 and the premix outputs' mix fee
    Tx0Preview preview;      ///< premix count and value, coordinator fee, miner fee, change
};

/// A Tx0 that the node accepted. Plain value type.
struct Tx0Sent {
    QString txid;
    Tx0Plan plan;     ///< as built (the preview of the signed transaction)
    QString instance; ///< coordinator instance that gave the fee data
};

/// A spend the user asks for (from the postmix account).
struct SpendOrder {
    /// Postmix coins to spend (all of them). Empty: every confirmed postmix coin.
    QList<btc::OutPoint> coins;
    QString address;        ///< destination
    btc::Amount amount = 0; ///< sat; ignored with sendAll
    bool sendAll = false;   ///< everything the coins hold, minus the fee, no change
    FeeLevel feeLevel = FeeLevel::Normal;
    btc::Amount customFeeRate = 0; ///< sat/vB; > 0 overrides feeLevel
};

/// What a spend would do. Plain value type.
struct SpendPlan {
    QList<Utxo> coins;
    SpendPreview preview; ///< destination, amount, fee, change
};

/// A spend that the node accepted. Plain value type.
struct SpendSent {
    QString txid;
    SpendPreview preview;
};

/// The desktop client's model of ONE open wallet (DESIGN §5), driven by the GUI
/// and by tests; no widgets.
///
/// - Wallet file: create (fresh mnemonic, birthday = the node's height), restore
///   (mnemonic, passphrase, birthday), open and lock, through the encrypted
///   wallet file's asynchronous functions (scrypt and key derivation run on the
///   thread pool). Settings, mix counts, mix history and the mixing switch are
///   kept in the file's app state and written (on the thread pool) shortly after
///   each change.
/// - Chain: a ChainScanner on the node from the settings, polling every
///   syncIntervalMs (reorg-safe); after each pass balances, coins and the mixing
///   engine's coin list are updated.
/// - Cluster: a CoordinatorDirectory of the settings' bootstrap list (+ signed
///   manifest), pools read through ClusterRest (a random instance, others when
///   it does not answer) with each pool's owner instance named, and an event log
///   of connections, redirects, failovers, retries and failures in plain words.
/// - Tx0: preview and broadcast; mixing: a MixOrchestrator over
///   ResilientMixSessions with the wallet's keys; spending from postmix.
///
/// Errors are reported in plain, translated words (AppText): nothing fails silently
/// (every failure is also an event of the log).
///
/// Thread affinity: the thread that creates it (the GUI thread); every method
/// returns at once (network and slow crypto are asynchronous). Not thread-safe.
class WalletController : public QObject {
    Q_OBJECT
public:
    enum class State {
        Closed,  ///< no wallet (never opened, or locked)
        Opening, ///< create/restore/open in progress (key derivation, file I/O)
        Open,    ///< a wallet is open: sync, pools, mixing run
    };
    Q_ENUM(State)

    /// @p settings are used until a wallet with its own settings is opened.
    explicit WalletController(AppSettings settings, WalletControllerOptions options = {}, QObject *parent = nullptr);
    ~WalletController() override;

    // ---- wallet lifecycle -------------------------------------------------------

    /// A fresh BIP39 English mnemonic of @p words words (12, 15, 18, 21 or 24; others
    /// give 12) from the system's secure random source. Show it to the user before
    /// createWallet(). Never fails.
    static QString generateMnemonic(int words = 12);
    /// Where restoreWallet() starts scanning by default: the block where native
    /// segwit (the only address type of this wallet) activated: 481824 on main,
    /// 834624 on testnet, 1 on regtest.
    static int defaultRestoreHeight(btc::Network network);

    /// Creates a wallet file with @p request's new mnemonic and opens it. The
    /// birthday is the node's current height unless given. Ends with walletOpened()
    /// or walletOpenFailed() (invalid mnemonic, empty password, file exists, node
    /// unreachable for the birthday, I/O). Refused (walletOpenFailed) unless Closed.
    void createWallet(const NewWalletRequest &request);
    /// createWallet() for an existing mnemonic; scans from request.birthdayHeight
    /// (default defaultRestoreHeight()). Same signals.
    void restoreWallet(const NewWalletRequest &request);
    /// Opens the wallet file at @p path with @p password. Ends with walletOpened()
    /// or walletOpenFailed() (wrong password, damaged file, ...). Refused unless Closed.
    void openWallet(const QString &path, const QString &password);
    /// Closes the open wallet: mixing stops (coins in a mix leave it), the app
    /// state is written a last time, keys are wiped. walletLocked() follows at once.
    /// No-op unless Open.
    void lockWallet();
    /// Re-encrypts the open wallet file under @p newPassword (after checking
    /// @p oldPassword; slow, on the thread pool). @p done runs on this thread while
    /// @p context lives; errors in plain words (wrong password, file changed...).
    void changePassword(const QString &oldPassword, const QString &newPassword, QObject *context,
                        std::function<void(Result<void>)> done);

    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    /// The open wallet's file, network and birthday (empty / Main / 0 when Closed).
    QString walletPath() const { return m_path; }
    btc::Network network() const { return m_network; }
    int birthdayHeight() const { return m_birthdayHeight; }

    // ---- settings ---------------------------------------------------------------

    const AppSettings &settings() const { return m_settings; }
    /// Checks @p settings (AppSettings::validate() for the open wallet's network, or
    /// the node part only when Closed) and applies them: the node, the cluster and
    /// the mixing engine are rebuilt where they changed (coins mixing restart),
    /// and they are saved in the wallet file. settingsChanged() follows.
    /// Returns: the problem in plain words; nothing changes then.
    Result<void> setSettings(const AppSettings &settings);

    // ---- chain ------------------------------------------------------------------

    /// Asks for a sync pass now (or right after the running one). No-op unless Open.
    void syncNow();
    NodeStatus nodeStatus() const { return m_nodeStatus; }
    /// Balances per account after the last sync (zero before).
    WalletBalances balances() const { return m_balances; }
    /// Every unspent coin with its account, confirmations, address, pool and mixing status.
    QList<WalletCoin> coins() const;
    /// One coin of coins(), if the wallet has it.
    std::optional<WalletCoin> coin(const btc::OutPoint &outpoint) const;
    /// The next unused deposit address (the same until it receives something).
    /// Returns: an error unless Open.
    Result<QString> receiveAddress() const;
    /// For a second payer before the first one paid: hands out the address
    /// receiveAddress() shows now (it stays watched) and returns the next unused
    /// one, which receiveAddress() shows from now on. Returns: an error unless Open.
    Result<QString> newReceiveAddress();

    // ---- cluster ----------------------------------------------------------------

    /// The pools as last read from the cluster, with their owner instance.
    QList<PoolView> pools() const { return m_poolViews; }
    /// Re-reads the pools now. No-op unless Open with a usable coordinator list.
    void refreshPools();
    /// The coordinator instances the client may use (bootstrap + verified manifest).
    QList<CoordinatorEndpoint> instances() const;
    ClusterStatus clusterStatus() const { return m_clusterStatus; }
    /// The event log, oldest first (capped at WalletControllerOptions::eventCapacity).
    QList<AppEvent> events() const { return m_events.events(); }

    // ---- fees -------------------------------------------------------------------

    /// The node's fee presets (configured defaults until it answers).
    FeePresets feePresets() const { return m_feePresets; }
    /// Re-reads the presets from the node now (feePresetsChanged() follows if they changed).
    void refreshFeePresets();

    // ---- Tx0 --------------------------------------------------------------------

    /// What a Tx0 of @p order would do, with the pool's fee data (read from the
    /// cluster the first time, then reused for tx0DataMaxAgeMs). @p done runs later
    /// on this thread (never inside this call) while @p context lives.
    /// Errors in plain words: not open, pools not loaded, unknown pool, coins not
    /// confirmed deposit coins, insufficient funds, cluster unreachable...
    void previewTx0(const Tx0Order &order, QObject *context, std::function<void(Result<Tx0Plan>)> done);
    /// Builds, signs and broadcasts the Tx0 of @p order with fresh fee data from the
    /// cluster; the premix coins appear at the next sync and mix once confirmed.
    /// One Tx0 at a time (a second call meanwhile fails). Errors as previewTx0(),
    /// plus the node's refusal.
    void sendTx0(const Tx0Order &order, QObject *context, std::function<void(Result<Tx0Sent>)> done);

    // ---- mixing -----------------------------------------------------------------

    /// Mixing for every coin on (remembered in the wallet file). No-op unless Open.
    void startMixing();
    /// Mixing off for every coin (coins in a mix leave it). No-op unless Open.
    void stopMixing();
    /// True when mixing is on (coins are queued automatically per the settings).
    bool isMixing() const { return m_mixingEnabled; }
    /// Queues / stops one coin. Returns: false unless it is a mixable coin of the open wallet.
    bool startCoin(const btc::OutPoint &outpoint);
    bool stopCoin(const btc::OutPoint &outpoint);
    /// The mixing status of every mixable coin.
    QList<CoinStatus> mixStatuses() const;
    /// Sessions running now.
    int activeMixes() const;
    /// This wallet's mixes, oldest first (kept in the wallet file).
    QList<MixRecord> mixHistory() const { return m_history; }
    /// The mixing engine of the open wallet, for views that follow its coins
    /// (nullptr when Closed or without a usable coordinator list). It is rebuilt
    /// when the settings change: follow orchestratorChanged(). Owned here.
    MixOrchestrator *orchestrator() const { return m_orchestrator.get(); }

    // ---- spend ------------------------------------------------------------------

    /// What a spend of @p order from the postmix account would do (fee presets
    /// as now). Returns: the problem in plain words (not open, not synced, coin
    /// unknown or not postmix, a coin in the middle of a mix, address, amount, funds).
    Result<SpendPlan> previewSpend(const SpendOrder &order) const;
    /// Stops mixing of the chosen coins, builds, signs and broadcasts the spend.
    /// @p done runs later on this thread while @p context lives. One spend at a time.
    /// Errors as previewSpend(), plus the node's refusal.
    void sendSpend(const SpendOrder &order, QObject *context, std::function<void(Result<SpendSent>)> done);

Q_SIGNALS:
    void stateChanged(wp::client::WalletController::State state);
    /// A wallet is open (after create, restore or open); everything starts.
    void walletOpened();
    /// Create/restore/open failed; @p message says why in plain words. State is Closed.
    void walletOpenFailed(const QString &message);
    /// The wallet was locked (closed).
    void walletLocked();
    void settingsChanged();

    /// During a pass: blocks scanned so far and the node's height.
    void syncProgress(int scannedHeight, int nodeHeight);
    /// A pass completed: balances and coins are those of @p height.
    void synced(int height);
    /// A pass failed (node unreachable, ...); @p message in plain words. Retried by itself.
    void syncFailed(const QString &message);
    void nodeStatusChanged();
    void balancesChanged();
    /// The coin list changed (coins, confirmations, pools).
    void coinsChanged();
    /// One coin's mixing status changed.
    void coinStatusChanged(const wp::client::CoinStatus &status);

    void poolsChanged();
    void clusterStatusChanged();
    void feePresetsChanged();
    /// A line was added to the event log.
    void eventAdded(const wp::client::AppEvent &event);

    /// Mixing was switched on or off.
    void mixingChanged(bool running);
    /// orchestrator() was created, replaced or removed (the old one is being destroyed).
    void orchestratorChanged(wp::client::MixOrchestrator *orchestrator);
    /// One of this wallet's coins was mixed (also appended to mixHistory()).
    void mixSucceeded(const wp::client::MixRecord &record);
    void mixHistoryChanged();
    /// A transaction of this wallet was accepted by the node (@p kind: "tx0" or "spend").
    void transactionSent(const QString &txid, const QString &kind);
    /// The app state could not be written (the message says why); the next change retries.
    void saveFailed(const QString &message);

private:
    void setState(State state);
    void startCreate(NewWalletRequest request, bool restore);
    void createFile(NewWalletRequest request);
    void failOpen(const QString &message);
    void onFileReady(Result<EncryptedWalletFile> file);
    void activate(std::shared_ptr<EncryptedWalletFile> file, std::shared_ptr<const WalletKeys> keys);

    void buildNode();
    void buildScanner();
    void disposeScanner();
    void buildCluster();
    void teardownCluster();
    void buildOrchestrator();
    void teardownOrchestrator();

    void onSynced(int height);
    void onSyncFailed(const QString &message);
    void updateMixableCoins();
    /// Remembers which coins have signed (or are signing) a mix, before they are stopped.
    void noteSignedMixes(const QList<btc::OutPoint> &coins);
    void fetchPools();
    void onPoolsFetched(Result<proto::PoolsResponse> pools, std::optional<CoordinatorEndpoint> from);
    /// The fee data of @p poolId (cached unless @p fresh); @p done runs on this thread.
    void withTx0Data(const QString &poolId, bool fresh,
                     std::function<void(Result<proto::Tx0Data> data, QString instance)> done);
    Result<Tx0Plan> planTx0(const Tx0Order &order, const proto::Tx0Data &data) const;
    std::optional<proto::PoolInfo> poolInfo(const QString &poolId) const;
    void onMixSucceeded(const btc::OutPoint &outpoint, const QString &txid);
    void onDirectoryEvent(const DirectoryEvent &event);
    void onOrchestratorNote(const QString &message);
    QString addressOf(const KeyPath &path) const;

    void addEvent(AppEvent::Source source, const QString &message, bool warning = false,
                  const QString &instance = {}, std::optional<DirectoryEvent::Kind> clusterKind = std::nullopt);
    void setNodeStatus(const NodeStatus &status);
    void setClusterStatus(const ClusterStatus &status);

    /// Wraps @p done so that it runs once, later, on @p context's thread (if it
    /// lives), and is answered with an error by abortCalls() if still pending.
    template<typename T>
    std::function<void(Result<T>)> track(QObject *context, std::function<void(Result<T>)> done);
    /// Answers every pending tracked call with @p reason and starts a new epoch
    /// (answers of older asynchronous work are ignored).
    void abortCalls(const QString &reason);

    QJsonObject appState() const;
    void scheduleSave();
    void saveNow();
    /// Runs @p work on the serial save thread (in submission order), then @p done on this thread.
    void runSerial(std::function<void()> work);

    static qint64 nowMs();
    /// "The pools are not loaded yet", with why when known (translated).
    static QString poolsNotLoaded(const QString &why);

    WalletControllerOptions m_options;
    AppSettings m_settings;
    State m_state = State::Closed;
    quint64 m_epoch = 0; ///< bumped by abortCalls(): asynchronous answers of an older epoch are ignored
    quint64 m_callSerial = 0;
    QHash<quint64, std::function<void(const QString &)>> m_aborts; ///< pending tracked calls

    // The open wallet.
    QString m_path;
    btc::Network m_network = btc::Network::Main;
    int m_birthdayHeight = 0;
    std::shared_ptr<EncryptedWalletFile> m_file; ///< touched only by jobs of m_serial (one at a time)
    std::shared_ptr<AddressBook> m_book;
    std::shared_ptr<LocalMixWallet> m_mixWallet;
    mutable QHash<KeyPath, QString> m_addresses; ///< address cache

    // Node and chain.
    std::unique_ptr<net::NodeRpcClient> m_node;
    std::unique_ptr<FeeEstimator> m_feeEstimator;
    std::unique_ptr<ChainScanner> m_scanner;
    QList<Utxo> m_utxos;
    WalletBalances m_balances;
    NodeStatus m_nodeStatus;
    FeePresets m_feePresets;
    qint64 m_feesReadMs = 0;

    // Cluster.
    std::unique_ptr<CoordinatorDirectory> m_directory;
    std::unique_ptr<ClusterRest> m_rest;
    QList<proto::PoolInfo> m_pools;
    QList<PoolView> m_poolViews;
    ClusterStatus m_clusterStatus;
    QTimer m_poolsTimer;
    bool m_poolsFetching = false;
    struct CachedTx0Data {
        proto::Tx0Data data;
        QString instance;
        qint64 readMs = 0;
    };
    QHash<QString, CachedTx0Data> m_tx0Data; ///< by pool id, for previews
    EventLog m_events;

    // Mixing.
    std::unique_ptr<MixOrchestrator> m_orchestrator;
    QJsonObject m_orchestratorState; ///< its saved state while it is rebuilt or absent
    QList<MixableCoin> m_mixable;    ///< what setCoins() was given last
    bool m_mixingEnabled = true;
    QList<MixRecord> m_history;
    QHash<btc::OutPoint, qint64> m_signedStopMs; ///< coins stopped after signing a mix, and when

    // Transactions in flight.
    bool m_tx0Sending = false;
    bool m_spendSending = false;

    // App state persistence: jobs run one at a time, in order, on m_serial.
    QThreadPool m_serial;
    QTimer m_saveTimer;
    QJsonObject m_savedState; ///< last state handed to a save job
    bool m_passwordChanging = false;
};

} // namespace wp::client

Q_DECLARE_METATYPE(wp::client::NodeStatus)
Q_DECLARE_METATYPE(wp::client::ClusterStatus)
