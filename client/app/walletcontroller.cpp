#include "walletcontroller.h"

#include "apptext.h"
#include "logging.h"

#include <mixer/clusterrest.h>
#include <mixer/coordinatordirectory.h>
#include <wallet/addressbook.h>
#include <wallet/chainscanner.h>
#include <wallet/localmixwallet.h>
#include <wallet/walletkeys.h>

#include <bitcoin/bip39.h>
#include <crypto/random.h>
#include <net/noderpcclient.h>
#include <util/async.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QPointer>

#include <algorithm>

namespace wp::client {

namespace {

const QString kStateSettings = QStringLiteral("settings");
const QString kStateMixing = QStringLiteral("mixing");
const QString kStateRunning = QStringLiteral("running");
const QString kStateOrchestrator = QStringLiteral("orchestrator");
const QString kStateHistory = QStringLiteral("mixHistory");
constexpr int kAppStateVersion = 1;

QString shortOutpoint(const btc::OutPoint &o)
{
    return o.txid.toHex().left(8) + QLatin1Char(':') + QString::number(o.index);
}

/// A pending asynchronous call of the controller's API (see WalletController::track()).
template<typename T>
struct PendingCall {
    QPointer<QObject> context;
    std::function<void(Result<T>)> done;
    bool finished = false;

    void finish(Result<T> answer)
    {
        if (finished)
            return;
        finished = true;
        if (!context)
            return;
        // Always later: a caller never sees its callback run inside its own call.
        QMetaObject::invokeMethod(
            context.data(),
            [context = context, done = std::move(done), answer = std::move(answer)]() mutable {
                if (context)
                    done(std::move(answer));
            },
            Qt::QueuedConnection);
    }
};

/// Destroys a QObject that may be in the middle of emitting a signal (we may be
/// called from a slot connected to it): disconnected now, deleted by the event loop.
template<typename T>
void dispose(std::unique_ptr<T> &object, QObject *receiver)
{
    if (!object)
        return;
    object->disconnect(receiver);
    object.release()->deleteLater();
}

} // namespace

WalletController::WalletController(AppSettings settings, WalletControllerOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_settings(std::move(settings)),
      m_events(m_options.eventCapacity)
{
    m_serial.setMaxThreadCount(1);
    m_serial.setExpiryTimeout(10000);
    const Error notAsked(tr("The node was not asked yet."));
    m_feePresets = FeeEstimator::combine({Result<double>(notAsked), Result<double>(notAsked), Result<double>(notAsked)},
                                         m_settings.feeOptions());
    m_poolsTimer.setSingleShot(true);
    connect(&m_poolsTimer, &QTimer::timeout, this, &WalletController::fetchPools);
    m_saveTimer.setSingleShot(true);
    connect(&m_saveTimer, &QTimer::timeout, this, &WalletController::saveNow);
    m_clusterStatus.lastError = tr("No wallet is open.");
    buildNode();
}

WalletController::~WalletController()
{
    // Sessions first (they use the directory and the wallet), then the rest; the
    // last app state goes to the save thread, which m_serial's destructor waits for.
    if (m_orchestrator)
        m_orchestratorState = m_orchestrator->saveState();
    m_orchestrator.reset();
    if (m_file && !m_passwordChanging) {
        const QJsonObject state = appState();
        if (state != m_savedState) {
            auto file = m_file;
            m_serial.start([file, state] {
                file->setAppState(state);
                if (auto saved = file->save(); !saved)
                    qCWarning(lcApp) << "the last app state could not be saved:" << saved.error().message;
            });
        }
    }
    m_rest.reset();
    m_directory.reset();
    m_scanner.reset();
    m_feeEstimator.reset();
    m_node.reset();
}

QString WalletController::poolsNotLoaded(const QString &why)
{
    return why.isEmpty() ? tr("The pools are not loaded yet.") : tr("The pools are not loaded yet: %1").arg(why);
}

qint64 WalletController::nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

template<typename T>
std::function<void(Result<T>)> WalletController::track(QObject *context, std::function<void(Result<T>)> done)
{
    auto call = std::make_shared<PendingCall<T>>();
    call->context = context;
    call->done = std::move(done);
    const quint64 id = ++m_callSerial;
    m_aborts.insert(id, [call](const QString &reason) { call->finish(Error(reason)); });
    QPointer<WalletController> self(this);
    return [self, id, call](Result<T> answer) {
        if (self)
            self->m_aborts.remove(id);
        call->finish(std::move(answer));
    };
}

void WalletController::abortCalls(const QString &reason)
{
    ++m_epoch;
    const auto aborts = std::exchange(m_aborts, {});
    for (const auto &abort : aborts)
        abort(reason);
}

void WalletController::runSerial(std::function<void()> work) { m_serial.start(std::move(work)); }

// ---- wallet lifecycle ---------------------------------------------------------

QString WalletController::generateMnemonic(int words)
{
    if (words < 12 || words > 24 || words % 3 != 0)
        words = 12;
    const auto mnemonic = btc::entropyToMnemonic(crypto::randomBytes(words * 4 / 3));
    WP_ASSERT(mnemonic.has_value()); // 16..32 bytes in steps of 4 are always valid entropy
    return *mnemonic;
}

int WalletController::defaultRestoreHeight(btc::Network network)
{
    switch (network) {
    case btc::Network::Main: return 481824;
    case btc::Network::Test: return 834624;
    case btc::Network::Regtest: return 1;
    }
    return 1;
}

void WalletController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void WalletController::failOpen(const QString &message)
{
    setState(State::Closed);
    addEvent(AppEvent::Source::Wallet, message, true);
    Q_EMIT walletOpenFailed(message);
}

void WalletController::createWallet(const NewWalletRequest &request) { startCreate(request, false); }

void WalletController::restoreWallet(const NewWalletRequest &request) { startCreate(request, true); }

void WalletController::startCreate(NewWalletRequest request, bool restore)
{
    auto refuse = [this](const QString &message) {
        // Answered later, like every outcome of this call.
        QTimer::singleShot(0, this, [this, message] { Q_EMIT walletOpenFailed(message); });
    };
    if (m_state != State::Closed)
        return refuse(tr("Lock the open wallet first."));
    // Words as typed: any case, any spacing (the English list is lowercase).
    request.mnemonic = btc::normalizeMnemonic(request.mnemonic.toLower());
    if (request.path.trimmed().isEmpty())
        return refuse(tr("Choose where to save the wallet file."));
    if (auto valid = btc::validateMnemonic(request.mnemonic); !valid)
        return refuse(tr("The recovery words are not valid: %1").arg(valid.error().message));
    if (request.password.isEmpty())
        return refuse(tr("Choose a password to protect the wallet file."));
    if (QFileInfo::exists(request.path))
        return refuse(tr("A file already exists at %1; choose another name.").arg(request.path));
    setState(State::Opening);
    if (request.birthdayHeight >= 0) {
        request.birthdayHeight = std::max(1, request.birthdayHeight);
        return createFile(std::move(request));
    }
    if (restore) {
        request.birthdayHeight = defaultRestoreHeight(request.network);
        return createFile(std::move(request));
    }
    // A new wallet has no coin before the current block: start scanning there.
    if (auto node = m_settings.validateNode(); !node)
        return failOpen(tr("The new wallet needs the node's current height as its starting point: %1")
                            .arg(node.error().message));
    const quint64 epoch = m_epoch;
    m_node->getBlockCount(this, [this, epoch, request = std::move(request)](Result<int> height) mutable {
        if (epoch != m_epoch || m_state != State::Opening)
            return;
        if (!height)
            return failOpen(tr("Cannot read the current block height from the node, which the new wallet needs as "
                               "its starting point. Check the node settings. (%1)")
                                .arg(height.error().message));
        request.birthdayHeight = std::max(1, *height);
        createFile(std::move(request));
    });
}

void WalletController::createFile(NewWalletRequest request)
{
    // The new file carries the current settings (and nothing else yet).
    const QJsonObject state{{QStringLiteral("version"), kAppStateVersion}, {kStateSettings, m_settings.toJson()}};
    const WalletContents contents =
        WalletContents::fromText(request.mnemonic, request.passphrase, request.network, request.birthdayHeight, state);
    EncryptedWalletFile::createAsync(this, request.path, contents, request.password, m_options.kdf,
                                     [this](Result<EncryptedWalletFile> file) { onFileReady(std::move(file)); });
}

void WalletController::openWallet(const QString &path, const QString &password)
{
    if (m_state != State::Closed) {
        QTimer::singleShot(0, this, [this] { Q_EMIT walletOpenFailed(tr("Lock the open wallet first.")); });
        return;
    }
    setState(State::Opening);
    // After the last save of a wallet locked a moment ago (it may be this one).
    QPointer<WalletController> self(this);
    runSerial([self, path, password] {
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, path, password] {
                if (!self || self->m_state != State::Opening)
                    return;
                EncryptedWalletFile::openAsync(self.data(), path, password, [self](Result<EncryptedWalletFile> file) {
                    if (self)
                        self->onFileReady(std::move(file));
                });
            },
            Qt::QueuedConnection);
    });
}

void WalletController::onFileReady(Result<EncryptedWalletFile> file)
{
    if (m_state != State::Opening)
        return;
    if (!file)
        return failOpen(AppText::walletFileError(file.error()));
    auto shared = std::make_shared<EncryptedWalletFile>(std::move(*file));
    using Keys = Result<std::shared_ptr<const WalletKeys>>;
    // BIP39 seed (PBKDF2) and account derivation: on the thread pool. The secrets are read there.
    util::runInThreadPool<Keys>(
        this,
        [shared]() -> Keys {
            const WalletContents &c = shared->contents();
            auto keys = WalletKeys::fromMnemonic(c.mnemonicText(), c.passphraseText(), c.network);
            if (!keys)
                return keys.error();
            return std::make_shared<const WalletKeys>(std::move(*keys));
        },
        [this, shared](Keys keys) {
            if (m_state != State::Opening)
                return;
            if (!keys)
                return failOpen(tr("The wallet's keys cannot be derived: %1").arg(keys.error().message));
            activate(shared, *keys);
        });
}

void WalletController::activate(std::shared_ptr<EncryptedWalletFile> file, std::shared_ptr<const WalletKeys> keys)
{
    // No save job runs for this file yet: reading its contents here is safe.
    const WalletContents &contents = file->contents();
    m_path = file->path();
    m_network = contents.network;
    m_birthdayHeight = contents.birthdayHeight;
    const QJsonObject state = contents.appState;
    m_file = std::move(file);
    m_savedState = state;

    bool settingsRead = true;
    if (state.contains(kStateSettings)) {
        if (auto saved = AppSettings::fromJson(state.value(kStateSettings).toObject()))
            m_settings = *saved;
        else
            settingsRead = false;
    }
    const QJsonObject mixing = state.value(kStateMixing).toObject();
    m_mixingEnabled = mixing.value(kStateRunning).toBool(true);
    m_orchestratorState = mixing.value(kStateOrchestrator).toObject();
    m_history = MixHistory::fromJson(state.value(kStateHistory).toArray());

    m_book = std::make_shared<AddressBook>(std::move(keys));
    // Desktop clients take even postmix indexes, mobile ones odd (protocol reference §8.1).
    m_book->setParity(WalletAccount::Postmix, btc::AddressChain::Receive, IndexParity::Even);
    m_mixWallet = std::make_shared<LocalMixWallet>(m_book);

    buildNode();
    buildScanner();
    buildCluster();
    buildOrchestrator();

    setState(State::Open);
    addEvent(AppEvent::Source::Wallet,
             tr("Wallet opened (%1); scanning the chain from block %2").arg(QFileInfo(m_path).fileName()).arg(m_birthdayHeight));
    if (!settingsRead)
        addEvent(AppEvent::Source::Wallet, tr("The settings saved in the wallet could not be read; the current ones are used."),
                 true);
    Q_EMIT walletOpened();
    Q_EMIT settingsChanged();
    Q_EMIT mixHistoryChanged();
    Q_EMIT mixingChanged(m_mixingEnabled);
    scheduleSave();

    if (m_scanner)
        m_scanner->start();
    fetchPools();
    refreshFeePresets();
}

void WalletController::lockWallet()
{
    if (m_state != State::Open)
        return;
    abortCalls(tr("The wallet was locked before this finished. If a transaction was being sent, check the wallet's "
                  "coins after opening it again."));
    teardownOrchestrator();
    teardownCluster();
    disposeScanner();
    if (m_file && !m_passwordChanging) {
        const QJsonObject state = appState();
        if (state != m_savedState) {
            auto file = m_file;
            runSerial([file, state] {
                file->setAppState(state);
                if (auto saved = file->save(); !saved)
                    qCWarning(lcApp) << "the app state could not be saved at lock:" << saved.error().message;
            });
        }
    }
    m_saveTimer.stop();
    m_file.reset();
    m_savedState = {};
    m_book.reset();
    m_mixWallet.reset();
    m_addresses.clear();
    m_utxos.clear();
    m_balances = {};
    m_mixable.clear();
    m_orchestratorState = {};
    m_history.clear();
    m_tx0Data.clear();
    m_tx0Sending = false;
    m_spendSending = false;
    m_path.clear();
    m_birthdayHeight = 0;
    m_nodeStatus = {};
    m_events.clear();
    ClusterStatus cluster;
    cluster.lastError = tr("No wallet is open.");
    m_clusterStatus = cluster;
    setState(State::Closed);
    Q_EMIT walletLocked();
    Q_EMIT balancesChanged();
    Q_EMIT coinsChanged();
    Q_EMIT poolsChanged();
    Q_EMIT mixHistoryChanged();
    Q_EMIT nodeStatusChanged();
    Q_EMIT clusterStatusChanged();
}

void WalletController::changePassword(const QString &oldPassword, const QString &newPassword, QObject *context,
                                      std::function<void(Result<void>)> done)
{
    auto finish = track<void>(context, std::move(done));
    if (!isOpen())
        return finish(Error(tr("Open a wallet first.")));
    if (m_passwordChanging)
        return finish(Error(tr("A password change is already running.")));
    if (newPassword.isEmpty())
        return finish(Error(tr("The new password must not be empty.")));
    // Pending changes first: the new file is made from what is on disk.
    m_saveTimer.stop();
    saveNow();
    m_passwordChanging = true;
    const QString path = m_path;
    const crypto::ScryptParams kdf = m_options.kdf;
    const quint64 epoch = m_epoch;
    QPointer<WalletController> self(this);
    runSerial([self, path, oldPassword, newPassword, kdf, epoch, finish] {
        auto changed = std::make_shared<Result<EncryptedWalletFile>>(
            EncryptedWalletFile::changePassword(path, oldPassword, newPassword, kdf));
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, changed, epoch, finish] {
                if (!self)
                    return;
                self->m_passwordChanging = false;
                if (!*changed)
                    return finish(Error(AppText::walletFileError(changed->error())));
                if (epoch == self->m_epoch && self->m_file) {
                    self->m_file = std::make_shared<EncryptedWalletFile>(std::move(changed->value()));
                    self->m_savedState = {}; // written again under the new key
                    self->scheduleSave();
                }
                self->addEvent(AppEvent::Source::Wallet, tr("The wallet password was changed."));
                finish({});
            },
            Qt::QueuedConnection);
    });
}

// ---- settings -----------------------------------------------------------------

Result<void> WalletController::setSettings(const AppSettings &settings)
{
    if (m_state == State::Opening)
        return Error(tr("Wait until the wallet is open."));
    if (m_tx0Sending || m_spendSending)
        return Error(tr("Wait until the transaction being sent is done."));
    auto valid = isOpen() ? settings.validate(m_network) : settings.validateNode();
    if (!valid)
        return valid;
    if (settings == m_settings)
        return {};
    const AppSettings old = std::exchange(m_settings, settings);
    const bool nodeChanged = old.nodeUrl != settings.nodeUrl || old.nodeUser != settings.nodeUser ||
                             old.nodePassword != settings.nodePassword || old.nodeCookieFile != settings.nodeCookieFile;
    const bool clusterChanged = old.bootstrap != settings.bootstrap || old.operatorAddress != settings.operatorAddress ||
                                old.useOnion != settings.useOnion || old.proxyHost != settings.proxyHost ||
                                old.proxyPort != settings.proxyPort;
    if (!isOpen()) {
        if (nodeChanged)
            buildNode();
        Q_EMIT settingsChanged();
        return {};
    }
    if (clusterChanged) {
        // Sessions use the directory: they end with it and start again on the new one.
        teardownOrchestrator();
        teardownCluster();
        buildCluster();
        buildOrchestrator();
        fetchPools();
    } else if (m_orchestrator) {
        OrchestratorConfig config = m_orchestrator->config();
        m_orchestrator->setConfig(m_settings.orchestratorConfig(config));
    }
    if (nodeChanged) {
        disposeScanner();
        buildNode();
        buildScanner();
        if (m_scanner)
            m_scanner->start();
        refreshFeePresets();
    } else if (old.feeDefaults != settings.feeDefaults && m_node) {
        m_feeEstimator = std::make_unique<FeeEstimator>(m_node.get(), m_settings.feeOptions());
        refreshFeePresets();
    }
    addEvent(AppEvent::Source::Wallet, tr("Settings changed."));
    Q_EMIT settingsChanged();
    scheduleSave();
    return {};
}

// ---- node and chain -----------------------------------------------------------

void WalletController::buildNode()
{
    // Never called from one of the node's own callbacks: deleting it here is safe
    // (its requests end unanswered; their contexts are the node or guarded).
    m_feeEstimator.reset();
    m_node.reset();
    m_node = std::make_unique<net::NodeRpcClient>(m_settings.nodeConfig(m_options.nodeTimeoutMs));
    m_feeEstimator = std::make_unique<FeeEstimator>(m_node.get(), m_settings.feeOptions());
    m_feesReadMs = 0;
}

void WalletController::buildScanner()
{
    disposeScanner();
    if (!m_book)
        return;
    ChainScanner::Options options;
    options.birthdayHeight = std::max(1, m_birthdayHeight);
    options.pollIntervalMs = std::max(100, m_options.syncIntervalMs);
    m_scanner = std::make_unique<ChainScanner>(m_node.get(), m_book, options);
    connect(m_scanner.get(), &ChainScanner::progressChanged, this, [this](int scanned, int nodeHeight) {
        NodeStatus s = m_nodeStatus;
        s.syncing = true;
        s.scannedHeight = scanned;
        s.nodeHeight = nodeHeight;
        setNodeStatus(s);
        Q_EMIT syncProgress(scanned, nodeHeight);
    });
    connect(m_scanner.get(), &ChainScanner::synced, this, &WalletController::onSynced);
    connect(m_scanner.get(), &ChainScanner::syncFailed, this, &WalletController::onSyncFailed);
    connect(m_scanner.get(), &ChainScanner::reorgDetected, this, [this](int forkHeight, int depth) {
        addEvent(AppEvent::Source::Node,
                 tr("The chain reorganized above block %1 (replaced blocks: %2); balances follow the new chain.")
                     .arg(forkHeight)
                     .arg(depth),
                 true);
    });
    if (auto node = m_settings.validateNode(); !node) {
        NodeStatus s;
        s.lastError = node.error().message;
        setNodeStatus(s);
    }
}

void WalletController::disposeScanner()
{
    if (m_scanner)
        m_scanner->stop();
    dispose(m_scanner, this);
}

void WalletController::syncNow()
{
    if (isOpen() && m_scanner)
        m_scanner->sync();
}

void WalletController::onSynced(int height)
{
    const bool wasDown = !m_nodeStatus.lastError.isEmpty();
    NodeStatus s;
    s.reachable = true;
    s.syncing = false;
    s.nodeHeight = m_scanner->nodeHeight();
    s.scannedHeight = m_scanner->scannedHeight();
    s.lastSyncMs = nowMs();
    setNodeStatus(s);
    if (wasDown)
        addEvent(AppEvent::Source::Node, tr("In step with the bitcoin node again (block %1).").arg(height));

    const QList<Utxo> utxos = m_scanner->utxos();
    const bool coinsDiffer = utxos != m_utxos;
    m_utxos = utxos;
    const WalletBalances balances = WalletBalances::fromUtxos(m_utxos);
    if (balances != m_balances) {
        m_balances = balances;
        Q_EMIT balancesChanged();
    }
    if (coinsDiffer)
        Q_EMIT coinsChanged();
    updateMixableCoins();
    Q_EMIT synced(height);
    if (nowMs() - m_feesReadMs > m_options.feesRefreshMs)
        refreshFeePresets();
}

void WalletController::onSyncFailed(const QString &message)
{
    const QString text = AppText::syncError(message);
    if (m_nodeStatus.lastError != text)
        addEvent(AppEvent::Source::Node, text, true);
    NodeStatus s = m_nodeStatus;
    s.reachable = false;
    s.syncing = false;
    s.lastError = text;
    setNodeStatus(s);
    Q_EMIT syncFailed(text);
}

void WalletController::setNodeStatus(const NodeStatus &status)
{
    const NodeStatus &o = m_nodeStatus;
    const bool same = o.reachable == status.reachable && o.syncing == status.syncing && o.nodeHeight == status.nodeHeight &&
                      o.scannedHeight == status.scannedHeight && o.lastSyncMs == status.lastSyncMs &&
                      o.lastError == status.lastError;
    m_nodeStatus = status;
    if (!same)
        Q_EMIT nodeStatusChanged();
}

QString WalletController::addressOf(const KeyPath &path) const
{
    if (!m_book)
        return {};
    if (const auto it = m_addresses.constFind(path); it != m_addresses.cend())
        return *it;
    const QString address = m_book->keys().address(path).value_or(QString());
    m_addresses.insert(path, address);
    return address;
}

QList<WalletCoin> WalletController::coins() const
{
    QList<WalletCoin> out;
    out.reserve(m_utxos.size());
    for (const Utxo &u : m_utxos) {
        WalletCoin c;
        c.utxo = u;
        c.address = addressOf(u.path);
        c.poolId = poolForCoin(u, m_pools);
        if (m_orchestrator)
            c.mix = m_orchestrator->status(u.outpoint);
        c.mixable = c.mix.has_value();
        if (!c.mixable)
            c.whyNotMixing = AppText::whyNotMixing(u, m_pools, m_options.minMixConfirmations);
        out.append(c);
    }
    return out;
}

std::optional<WalletCoin> WalletController::coin(const btc::OutPoint &outpoint) const
{
    for (const WalletCoin &c : coins())
        if (c.utxo.outpoint == outpoint)
            return c;
    return std::nullopt;
}

Result<QString> WalletController::receiveAddress() const
{
    if (!isOpen() || !m_book)
        return Error(tr("Open a wallet first."));
    return addressOf(m_book->peekNext(WalletAccount::Deposit, btc::AddressChain::Receive));
}

Result<QString> WalletController::newReceiveAddress()
{
    if (!isOpen() || !m_book)
        return Error(tr("Open a wallet first."));
    m_book->reserveNext(WalletAccount::Deposit, btc::AddressChain::Receive);
    return addressOf(m_book->peekNext(WalletAccount::Deposit, btc::AddressChain::Receive));
}

void WalletController::refreshFeePresets()
{
    if (!m_feeEstimator)
        return;
    m_feesReadMs = nowMs();
    // The node is the context: answers of a node replaced meanwhile never arrive.
    net::NodeRpcClient *node = m_node.get();
    m_feeEstimator->estimate(node, [this, node](FeePresets presets) {
        if (node != m_node.get())
            return;
        if (presets != m_feePresets) {
            m_feePresets = presets;
            Q_EMIT feePresetsChanged();
        }
    });
}

// ---- cluster ------------------------------------------------------------------

void WalletController::buildCluster()
{
    teardownCluster();
    ClusterStatus status;
    auto valid = m_settings.validateCluster(m_network);
    if (!valid) {
        status.lastError = valid.error().message;
        setClusterStatus(status);
        addEvent(AppEvent::Source::Cluster, tr("Mixing is not possible: %1").arg(status.lastError), true);
        return;
    }
    DirectoryConfig config = m_settings.directoryConfig(m_network);
    config.restTimeoutMs = m_options.restTimeoutMs;
    m_directory = std::make_unique<CoordinatorDirectory>(config);
    connect(m_directory.get(), &CoordinatorDirectory::event, this, &WalletController::onDirectoryEvent);
    connect(m_directory.get(), &CoordinatorDirectory::manifestRefreshFinished, this, [this](bool updated) {
        if (!updated || !m_directory)
            return;
        // Names of owners may come from the new manifest.
        m_poolViews = PoolView::fromPools(m_pools, m_directory.get(), m_settings.useOnion);
        ClusterStatus s = m_clusterStatus;
        s.knownInstances = int(m_directory->knownInstances().size());
        setClusterStatus(s);
        Q_EMIT poolsChanged();
    });
    m_rest = std::make_unique<ClusterRest>(m_directory.get(), config.identity);
    m_rest->setTimeout(m_options.restTimeoutMs);
    status.configured = true;
    status.knownInstances = int(m_directory->knownInstances().size());
    setClusterStatus(status);
    if (m_directory->canRefreshManifest())
        m_directory->refreshManifest();
}

void WalletController::teardownCluster()
{
    // Previews waiting for the cluster will not be answered by it any more
    // (sends cannot be waiting: setSettings() refuses while one runs).
    if (m_rest)
        abortCalls(tr("Cancelled: the coordinator settings changed."));
    m_poolsTimer.stop();
    m_poolsFetching = false;
    dispose(m_rest, this);
    dispose(m_directory, this);
    m_tx0Data.clear();
    if (!m_pools.isEmpty()) {
        m_pools.clear();
        m_poolViews.clear();
        Q_EMIT poolsChanged();
    }
}

QList<CoordinatorEndpoint> WalletController::instances() const
{
    return m_directory ? m_directory->knownInstances() : QList<CoordinatorEndpoint>{};
}

void WalletController::refreshPools() { fetchPools(); }

void WalletController::fetchPools()
{
    if (!isOpen() || !m_rest || m_poolsFetching)
        return;
    m_poolsFetching = true;
    m_poolsTimer.stop();
    const quint64 epoch = m_epoch;
    m_rest->fetchPools(this, [this, epoch](Result<proto::PoolsResponse> pools, ClusterRest::Answered from) {
        if (epoch != m_epoch)
            return;
        onPoolsFetched(std::move(pools), std::move(from));
    });
}

void WalletController::onPoolsFetched(Result<proto::PoolsResponse> pools, std::optional<CoordinatorEndpoint> from)
{
    m_poolsFetching = false;
    ClusterStatus status = m_clusterStatus;
    status.knownInstances = m_directory ? int(m_directory->knownInstances().size()) : 0;
    if (!pools) {
        const QString text = tr("No coordinator instance answered; trying again in %1 s. (%2)")
                                 .arg((m_options.poolsRetryMs + 999) / 1000)
                                 .arg(pools.error().message);
        if (status.lastError.isEmpty() || !m_clusterStatus.poolsLoaded)
            addEvent(AppEvent::Source::Cluster, text, true, from ? from->name : QString());
        status.lastError = text;
        setClusterStatus(status);
        m_poolsTimer.start(m_options.poolsRetryMs);
        return;
    }
    const QList<PoolView> views = PoolView::fromPools(pools->pools, m_directory.get(), m_settings.useOnion);
    for (const PoolView &v : views) {
        const auto before = std::find_if(m_poolViews.cbegin(), m_poolViews.cend(),
                                         [&](const PoolView &p) { return p.info.poolId == v.info.poolId; });
        if (before == m_poolViews.cend() || before->ownerUrl == v.ownerUrl)
            continue;
        if (v.hasOwner())
            addEvent(AppEvent::Source::Cluster, tr("Pool %1 is now run by %2.").arg(v.info.poolId, v.ownerName), false,
                     v.ownerName);
        else
            addEvent(AppEvent::Source::Cluster,
                     tr("Pool %1 has no coordinator right now; another instance takes it over within seconds.")
                         .arg(v.info.poolId),
                     true);
    }
    if (!m_clusterStatus.lastError.isEmpty() && m_clusterStatus.poolsLoaded)
        addEvent(AppEvent::Source::Cluster, tr("The coordinators answer again."), false, from ? from->name : QString());
    m_pools = pools->pools;
    m_poolViews = views;
    status.poolsLoaded = true;
    status.answeredBy = from ? from->name : QString();
    status.poolsFetchedMs = nowMs();
    status.lastError.clear();
    setClusterStatus(status);
    Q_EMIT poolsChanged();
    m_poolsTimer.start(m_options.poolsRefreshMs);
    updateMixableCoins();
    Q_EMIT coinsChanged(); // pools of coins may have changed
}

void WalletController::setClusterStatus(const ClusterStatus &status)
{
    const ClusterStatus &o = m_clusterStatus;
    const bool same = o.configured == status.configured && o.knownInstances == status.knownInstances &&
                      o.poolsLoaded == status.poolsLoaded && o.answeredBy == status.answeredBy &&
                      o.poolsFetchedMs == status.poolsFetchedMs && o.lastError == status.lastError;
    m_clusterStatus = status;
    if (!same)
        Q_EMIT clusterStatusChanged();
}

void WalletController::onDirectoryEvent(const DirectoryEvent &event)
{
    m_events.noteClusterMessage(event.message, nowMs());
    using Kind = DirectoryEvent::Kind;
    const bool warning =
        event.kind == Kind::RedirectRefused || event.kind == Kind::ConnectionFailed || event.kind == Kind::ManifestRefused;
    addEvent(AppEvent::Source::Cluster, AppText::directoryEvent(event), warning, event.instanceName, event.kind);
    if (event.kind == Kind::ManifestUpdated && m_directory) {
        ClusterStatus s = m_clusterStatus;
        s.knownInstances = int(m_directory->knownInstances().size());
        setClusterStatus(s);
    }
}

void WalletController::addEvent(AppEvent::Source source, const QString &message, bool warning, const QString &instance,
                                std::optional<DirectoryEvent::Kind> clusterKind)
{
    AppEvent e;
    e.timeMs = nowMs();
    e.source = source;
    e.warning = warning;
    e.instance = instance;
    e.message = message;
    e.clusterKind = clusterKind;
    m_events.append(e);
    Q_EMIT eventAdded(e);
}

// ---- Tx0 ----------------------------------------------------------------------

std::optional<proto::PoolInfo> WalletController::poolInfo(const QString &poolId) const
{
    for (const proto::PoolInfo &p : m_pools)
        if (p.poolId == poolId)
            return p;
    return std::nullopt;
}

void WalletController::withTx0Data(const QString &poolId, bool fresh,
                                   std::function<void(Result<proto::Tx0Data>, QString)> done)
{
    if (!fresh) {
        const auto it = m_tx0Data.constFind(poolId);
        if (it != m_tx0Data.cend() && nowMs() - it->readMs < m_options.tx0DataMaxAgeMs)
            return done(it->data, it->instance);
    }
    if (!m_rest)
        return done(Error(m_clusterStatus.lastError.isEmpty() ? tr("No coordinator is configured.")
                                                              : m_clusterStatus.lastError),
                    {});
    const quint64 epoch = m_epoch;
    m_rest->fetchTx0Data({}, this, [this, epoch, poolId, done](Result<proto::Tx0DataResponse> response,
                                                               ClusterRest::Answered from) {
        if (epoch != m_epoch)
            return;
        const QString instance = from ? from->name : QString();
        if (!response)
            return done(Error(tr("The coordinators did not send the pool's fee data: %1").arg(response.error().message)),
                        instance);
        for (const proto::Tx0Data &d : response->tx0Datas) {
            if (d.poolId != poolId)
                continue;
            m_tx0Data.insert(poolId, CachedTx0Data{d, instance, nowMs()});
            return done(d, instance);
        }
        done(Error(tr("Coordinator %1 has no fee data for pool %2.").arg(instance, poolId)), instance);
    });
}

Result<Tx0Plan> WalletController::planTx0(const Tx0Order &order, const proto::Tx0Data &data) const
{
    const auto pool = poolInfo(order.poolId);
    if (!pool)
        return Error(tr("Pool %1 is not offered by the coordinators.").arg(order.poolId));
    Tx0Plan plan;
    plan.poolId = pool->poolId;
    plan.feeRate = feeRateFor(m_feePresets, order.feeLevel, order.customFeeRate);
    Tx0Params params;
    params.tx0FeeRate = plan.feeRate;
    params.mixFeeRate = plan.feeRate;
    params.maxOutputs = std::max(0, order.maxOutputs);
    params.changeAccount = order.changeToBadbank ? WalletAccount::Badbank : WalletAccount::Deposit;
    if (order.coins.isEmpty()) {
        auto inputs = selectTx0Inputs(m_utxos, *pool, data, params, m_network);
        if (!inputs)
            return Error(inputs.error().code == int(Tx0Error::NoInputs)
                             ? tr("There is no confirmed deposit coin to send to a pool.")
                             : AppText::tx0Error(inputs.error()));
        plan.inputs = *inputs;
    } else {
        for (const btc::OutPoint &outpoint : order.coins) {
            const auto it = std::find_if(m_utxos.cbegin(), m_utxos.cend(), [&](const Utxo &u) { return u.outpoint == outpoint; });
            if (it == m_utxos.cend())
                return Error(tr("Coin %1 is not in the wallet (already spent?).").arg(shortOutpoint(outpoint)));
            if (it->account() != WalletAccount::Deposit)
                return Error(tr("Coin %1 is not a deposit coin: only deposit coins go into a Tx0.").arg(shortOutpoint(outpoint)));
            if (it->confirmations < 1)
                return Error(tr("Coin %1 is not confirmed yet.").arg(shortOutpoint(outpoint)));
            plan.inputs.append(*it);
        }
    }
    auto preview = Tx0Builder::preview(plan.inputs, *pool, data, params, m_network);
    if (!preview)
        return Error(AppText::tx0Error(preview.error()));
    plan.preview = *preview;
    return plan;
}

void WalletController::previewTx0(const Tx0Order &order, QObject *context, std::function<void(Result<Tx0Plan>)> done)
{
    auto finish = track<Tx0Plan>(context, std::move(done));
    if (!isOpen())
        return finish(Error(tr("Open a wallet first.")));
    if (!poolInfo(order.poolId))
        return finish(Error(m_clusterStatus.poolsLoaded
                                ? tr("Pool %1 is not offered by the coordinators.").arg(order.poolId)
                                : poolsNotLoaded(m_clusterStatus.lastError)));
    withTx0Data(order.poolId, false, [this, order, finish](Result<proto::Tx0Data> data, const QString &) {
        if (!data)
            return finish(data.error());
        finish(planTx0(order, *data));
    });
}

void WalletController::sendTx0(const Tx0Order &order, QObject *context, std::function<void(Result<Tx0Sent>)> done)
{
    auto finish = track<Tx0Sent>(context, std::move(done));
    if (!isOpen())
        return finish(Error(tr("Open a wallet first.")));
    if (m_tx0Sending)
        return finish(Error(tr("A Tx0 is being sent already; wait until it is done.")));
    if (!poolInfo(order.poolId))
        return finish(Error(m_clusterStatus.poolsLoaded
                                ? tr("Pool %1 is not offered by the coordinators.").arg(order.poolId)
                                : poolsNotLoaded(m_clusterStatus.lastError)));
    m_tx0Sending = true;
    const quint64 epoch = m_epoch;
    auto end = [this, epoch, finish](Result<Tx0Sent> result) {
        if (epoch == m_epoch)
            m_tx0Sending = false;
        finish(std::move(result));
    };
    // Fresh fee data: each Tx0 gets its own fee address and payload.
    withTx0Data(order.poolId, true, [this, epoch, order, end](Result<proto::Tx0Data> data, const QString &instance) {
        if (epoch != m_epoch)
            return;
        if (!data)
            return end(data.error());
        auto plan = planTx0(order, *data);
        if (!plan)
            return end(plan.error());
        Tx0Params params;
        params.tx0FeeRate = plan->feeRate;
        params.mixFeeRate = plan->feeRate;
        params.maxOutputs = std::max(0, order.maxOutputs);
        params.changeAccount = order.changeToBadbank ? WalletAccount::Badbank : WalletAccount::Deposit;
        auto tx0 = Tx0Builder::build(plan->inputs, *poolInfo(order.poolId), *data, params, *m_book);
        if (!tx0)
            return end(Error(AppText::tx0Error(tx0.error())));
        Tx0Sent sent;
        sent.txid = tx0->tx.txid().toHex();
        sent.plan = *plan;
        sent.plan.preview = tx0->preview;
        sent.instance = instance;
        m_node->broadcast(tx0->tx.serialize(), sent.txid, this, [this, epoch, sent, end](Result<void> broadcast) {
            if (epoch != m_epoch)
                return;
            if (!broadcast) {
                const QString text = AppText::broadcastError(broadcast.error());
                addEvent(AppEvent::Source::Wallet, tr("Tx0 not sent: %1").arg(text), true);
                return end(Error(text));
            }
            addEvent(AppEvent::Source::Wallet,
                     tr("Tx0 %1 sent to pool %4 (premix coins: %2 × %3 sat; coordinator fee %5 sat, miner fee %6 sat).")
                         .arg(sent.txid.left(16))
                         .arg(sent.plan.preview.nbPremix)
                         .arg(sent.plan.preview.premixValue)
                         .arg(sent.plan.poolId)
                         .arg(sent.plan.preview.feeValue)
                         .arg(sent.plan.preview.tx0MinerFee),
                     false, sent.instance);
            Q_EMIT transactionSent(sent.txid, QStringLiteral("tx0"));
            syncNow();
            end(sent);
        });
    });
}

// ---- mixing -------------------------------------------------------------------

void WalletController::buildOrchestrator()
{
    teardownOrchestrator();
    if (!m_directory || !m_mixWallet)
        return;
    OrchestratorConfig config;
    config.retryMinMs = m_options.mixRetryMinMs;
    config.retryMaxMs = m_options.mixRetryMaxMs;
    config = m_settings.orchestratorConfig(config);
    MixConfig base = m_options.mixBase;
    base.network = m_network;
    base.identity = m_settings.proxy();
    // The pools' denominations at the time each attempt starts.
    MixAttemptFactory factory = [this, base](const MixableCoin &coin) -> MixAttempt * {
        QHash<QString, btc::Amount> denominations;
        for (const proto::PoolInfo &p : std::as_const(m_pools))
            denominations.insert(p.poolId, p.denomination);
        auto height = [this] { return m_scanner ? std::max(0, m_scanner->nodeHeight()) : 0; };
        return resilientAttemptFactory(base, denominations, m_mixWallet, m_directory.get(), height,
                                       m_options.resilience)(coin);
    };
    m_orchestrator = std::make_unique<MixOrchestrator>(std::move(factory), config);
    m_orchestrator->restoreState(m_orchestratorState);
    if (!m_mixingEnabled)
        m_orchestrator->stopAll();
    connect(m_orchestrator.get(), &MixOrchestrator::coinChanged, this, &WalletController::coinStatusChanged);
    connect(m_orchestrator.get(), &MixOrchestrator::coinsChanged, this, &WalletController::coinsChanged);
    connect(m_orchestrator.get(), &MixOrchestrator::mixSucceeded, this, &WalletController::onMixSucceeded);
    connect(m_orchestrator.get(), &MixOrchestrator::note, this, &WalletController::onOrchestratorNote);
    connect(m_orchestrator.get(), &MixOrchestrator::stateChanged, this, &WalletController::scheduleSave);
    m_mixable.clear();
    updateMixableCoins();
    Q_EMIT orchestratorChanged(m_orchestrator.get());
}

void WalletController::teardownOrchestrator()
{
    if (!m_orchestrator)
        return;
    m_orchestratorState = m_orchestrator->saveState();
    m_orchestrator->disconnect(this);
    // Views let go of it first; its destructor stops the sessions (which use the directory) at once.
    const std::unique_ptr<MixOrchestrator> old = std::move(m_orchestrator);
    Q_EMIT orchestratorChanged(nullptr);
    m_mixable.clear();
}

void WalletController::updateMixableCoins()
{
    if (!m_orchestrator)
        return;
    QList<MixableCoin> coins = mixableCoins(m_utxos, m_pools, m_options.minMixConfirmations);
    // The coordinator broadcasts a mix before it tells the clients: a sync can see the
    // coin spent (by its own mix) while its session still waits for SUCCESS. Dropping it
    // then would stop the session and lose the success (history, mix count). A coin
    // this wallet has signed a mix for stays until its session ends.
    for (const CoinStatus &s : m_orchestrator->coins()) {
        const bool signedMix = s.state == CoinMixState::Mixing && (s.step == MixStep::Signing || s.step == MixStep::Signed);
        if (signedMix && std::none_of(coins.cbegin(), coins.cend(),
                                      [&](const MixableCoin &c) { return c.outpoint == s.coin.outpoint; }))
            coins.append(s.coin);
    }
    if (coins == m_mixable)
        return;
    m_mixable = coins;
    m_orchestrator->setCoins(coins);
}

void WalletController::onMixSucceeded(const btc::OutPoint &outpoint, const QString &txid)
{
    const auto status = m_orchestrator ? m_orchestrator->status(outpoint) : std::nullopt;
    MixRecord record;
    record.txid = txid.toLower();
    record.timeMs = nowMs();
    if (status) {
        record.poolId = status->coin.poolId;
        record.instance = status->instance;
        record.mixNumber = status->mixesDone + 1;
    }
    if (MixHistory::append(m_history, record)) {
        Q_EMIT mixSucceeded(record);
        Q_EMIT mixHistoryChanged();
        scheduleSave();
    }
    syncNow(); // the mixed coin is spent, its successor appears
}

void WalletController::onOrchestratorNote(const QString &message)
{
    // Directory events of the sessions are already in the log as cluster events.
    if (m_events.repeatsClusterEvent(message, nowMs()))
        return;
    addEvent(AppEvent::Source::Mixing, message);
}

void WalletController::startMixing()
{
    if (!isOpen())
        return;
    const bool changed = !m_mixingEnabled;
    m_mixingEnabled = true;
    if (m_orchestrator)
        m_orchestrator->startAll();
    if (changed) {
        addEvent(AppEvent::Source::Mixing, tr("Mixing switched on."));
        Q_EMIT mixingChanged(true);
        scheduleSave();
    }
}

void WalletController::stopMixing()
{
    if (!isOpen())
        return;
    const bool changed = m_mixingEnabled;
    m_mixingEnabled = false;
    if (m_orchestrator) {
        QList<btc::OutPoint> all;
        for (const CoinStatus &s : m_orchestrator->coins())
            all.append(s.coin.outpoint);
        noteSignedMixes(all);
        m_orchestrator->stopAll();
    }
    if (changed) {
        addEvent(AppEvent::Source::Mixing, tr("Mixing switched off."));
        Q_EMIT mixingChanged(false);
        scheduleSave();
    }
}

bool WalletController::startCoin(const btc::OutPoint &outpoint)
{
    // With mixing off a queued coin would wait forever: say no instead.
    if (!isOpen() || !m_orchestrator || !m_mixingEnabled)
        return false;
    return m_orchestrator->start(outpoint);
}

bool WalletController::stopCoin(const btc::OutPoint &outpoint)
{
    if (!isOpen() || !m_orchestrator)
        return false;
    noteSignedMixes({outpoint});
    return m_orchestrator->stop(outpoint);
}

void WalletController::noteSignedMixes(const QList<btc::OutPoint> &coins)
{
    const qint64 now = nowMs();
    m_signedStopMs.removeIf([&](const auto &it) { return now - it.value() >= m_options.signedMixGraceMs; });
    if (!m_orchestrator)
        return;
    for (const btc::OutPoint &outpoint : coins) {
        const auto status = m_orchestrator->status(outpoint);
        if (status && status->state == CoinMixState::Mixing &&
            (status->step == MixStep::Signing || status->step == MixStep::Signed))
            m_signedStopMs.insert(outpoint, now);
    }
}

QList<CoinStatus> WalletController::mixStatuses() const
{
    return m_orchestrator ? m_orchestrator->coins() : QList<CoinStatus>{};
}

int WalletController::activeMixes() const { return m_orchestrator ? m_orchestrator->activeSessions() : 0; }

// ---- spend --------------------------------------------------------------------

Result<SpendPlan> WalletController::previewSpend(const SpendOrder &order) const
{
    if (!isOpen() || !m_book)
        return Error(tr("Open a wallet first."));
    if (m_nodeStatus.nodeHeight < 0)
        return Error(tr("The wallet has not synced with the node yet."));
    SpendPlan plan;
    auto busy = [this](const Utxo &u) -> std::optional<QString> {
        if (const auto stopped = m_signedStopMs.constFind(u.outpoint); stopped != m_signedStopMs.cend()) {
            const qint64 left = *stopped + m_options.signedMixGraceMs - nowMs();
            if (left > 0)
                return tr("This wallet signed a mix of coin %1 just before its mixing stopped, and the coordinator "
                          "may still broadcast that mix. Try again in %2 s.")
                    .arg(shortOutpoint(u.outpoint))
                    .arg((left + 999) / 1000);
        }
        const auto status = m_orchestrator ? m_orchestrator->status(u.outpoint) : std::nullopt;
        if (!status)
            return std::nullopt;
        if (status->state == CoinMixState::Mixed)
            return tr("Coin %1 was just mixed (it is spent); its new coin appears after the next sync.")
                .arg(shortOutpoint(u.outpoint));
        if (status->state == CoinMixState::Mixing && !mixStepInfo(status->step).interruptable)
            return tr("Coin %1 is in the middle of a mix (%2); wait a moment or try again after it.")
                .arg(shortOutpoint(u.outpoint),
                     QCoreApplication::translate("wp::client::MixOrchestrator", mixStepInfo(status->step).message));
        return std::nullopt;
    };
    if (order.coins.isEmpty()) {
        for (const Utxo &u : m_utxos)
            if (u.account() == WalletAccount::Postmix && u.confirmations >= 1 && u.isMature() && !busy(u))
                plan.coins.append(u);
        if (plan.coins.isEmpty())
            return Error(tr("There is no confirmed postmix coin to spend."));
    } else {
        for (const btc::OutPoint &outpoint : order.coins) {
            const auto it = std::find_if(m_utxos.cbegin(), m_utxos.cend(), [&](const Utxo &u) { return u.outpoint == outpoint; });
            if (it == m_utxos.cend())
                return Error(tr("Coin %1 is not in the wallet (already spent?).").arg(shortOutpoint(outpoint)));
            // A coin in (or just out of) a mix is explained as such, whatever its account.
            if (const auto why = busy(*it))
                return Error(*why);
            if (it->account() != WalletAccount::Postmix)
                return Error(tr("Coin %1 is not a mixed (postmix) coin.").arg(shortOutpoint(outpoint)));
            plan.coins.append(*it);
        }
    }
    SpendRequest request;
    request.coins = plan.coins;
    request.account = WalletAccount::Postmix;
    request.address = order.address;
    request.amount = order.amount;
    request.sendAll = order.sendAll;
    request.feeRate = feeRateFor(m_feePresets, order.feeLevel, order.customFeeRate);
    request.currentHeight = std::max(0, m_nodeStatus.nodeHeight);
    auto preview = SpendBuilder::preview(request, *m_book);
    if (!preview)
        return Error(AppText::spendError(preview.error()));
    plan.preview = *preview;
    return plan;
}

void WalletController::sendSpend(const SpendOrder &order, QObject *context, std::function<void(Result<SpendSent>)> done)
{
    auto finish = track<SpendSent>(context, std::move(done));
    if (m_spendSending)
        return finish(Error(tr("A payment is being sent already; wait until it is done.")));
    auto plan = previewSpend(order);
    if (!plan)
        return finish(plan.error());
    // The coins must not start another mix while they are being spent.
    QList<btc::OutPoint> stopped;
    if (m_orchestrator) {
        for (const Utxo &u : std::as_const(plan->coins)) {
            const auto status = m_orchestrator->status(u.outpoint);
            if (status && status->state != CoinMixState::Idle && m_orchestrator->stop(u.outpoint))
                stopped.append(u.outpoint);
        }
    }
    SpendRequest request;
    request.coins = plan->coins;
    request.account = WalletAccount::Postmix;
    request.address = order.address;
    request.amount = order.amount;
    request.sendAll = order.sendAll;
    request.feeRate = plan->preview.feeRate;
    request.currentHeight = std::max(0, m_nodeStatus.nodeHeight);
    auto built = SpendBuilder::build(request, *m_book);
    auto restart = [this, stopped] {
        if (m_orchestrator && m_mixingEnabled)
            for (const btc::OutPoint &o : stopped)
                m_orchestrator->start(o);
    };
    if (!built) {
        restart();
        return finish(Error(AppText::spendError(built.error())));
    }
    m_spendSending = true;
    SpendSent sent;
    sent.txid = built->tx.txid().toHex();
    sent.preview = built->preview;
    const quint64 epoch = m_epoch;
    m_node->broadcast(built->tx.serialize(), sent.txid, this, [this, epoch, sent, finish, restart](Result<void> r) {
        if (epoch != m_epoch)
            return;
        m_spendSending = false;
        if (!r) {
            restart();
            const QString text = AppText::broadcastError(r.error());
            addEvent(AppEvent::Source::Wallet, tr("Payment not sent: %1").arg(text), true);
            return finish(Error(text));
        }
        addEvent(AppEvent::Source::Wallet, tr("Payment %1 sent: %2 sat to %3 (fee %4 sat).")
                                               .arg(sent.txid.left(16))
                                               .arg(sent.preview.amount)
                                               .arg(sent.preview.address)
                                               .arg(sent.preview.fee));
        Q_EMIT transactionSent(sent.txid, QStringLiteral("spend"));
        syncNow();
        finish(sent);
    });
}

// ---- app state ----------------------------------------------------------------

QJsonObject WalletController::appState() const
{
    const QJsonObject orchestrator = m_orchestrator ? m_orchestrator->saveState() : m_orchestratorState;
    return {{QStringLiteral("version"), kAppStateVersion},
            {kStateSettings, m_settings.toJson()},
            {kStateMixing, QJsonObject{{kStateRunning, m_mixingEnabled}, {kStateOrchestrator, orchestrator}}},
            {kStateHistory, MixHistory::toJson(m_history)}};
}

void WalletController::scheduleSave()
{
    if (m_file && !m_saveTimer.isActive())
        m_saveTimer.start(std::max(0, m_options.saveDelayMs));
}

void WalletController::saveNow()
{
    if (!m_file)
        return;
    if (m_passwordChanging) {
        scheduleSave(); // written under the new key once the change is done
        return;
    }
    const QJsonObject state = appState();
    if (state == m_savedState)
        return;
    m_savedState = state;
    auto file = m_file;
    QPointer<WalletController> self(this);
    runSerial([self, file, state] {
        file->setAppState(state);
        auto saved = file->save();
        if (saved || !self)
            return;
        const QString message = AppText::walletFileError(saved.error());
        QMetaObject::invokeMethod(
            self.data(),
            [self, file, message] {
                if (!self || self->m_file != file)
                    return;
                self->m_savedState = {}; // the next change writes everything again
                self->addEvent(AppEvent::Source::Wallet,
                               tr("Settings and mix history could not be saved: %1").arg(message), true);
                Q_EMIT self->saveFailed(message);
            },
            Qt::QueuedConnection);
    });
}

} // namespace wp::client
