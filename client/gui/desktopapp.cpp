#include "desktopapp.h"

#include "guimapping.h"

#include <widgets/formatting.h>
#include <widgets/mainwindow.h>
#include <widgets/newwalletdialog.h>
#include <widgets/receivedialog.h>
#include <widgets/restorewalletdialog.h>
#include <widgets/senddialog.h>
#include <widgets/settingsdialog.h>
#include <widgets/translator.h>
#include <widgets/tx0orderdialog.h>
#include <widgets/tx0previewdialog.h>
#include <widgets/unlockdialog.h>

#include <mixer/mixstep.h>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTableView>

namespace wp::gui {

DesktopApp::DesktopApp(DesktopOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)),
      m_controller(std::make_unique<client::WalletController>(m_options.newWalletSettings, m_options.controller)),
      m_translator(std::make_unique<Translator>()), m_window(std::make_unique<MainWindow>())
{
    QString language = m_options.language;
    if (language.isEmpty() && m_options.rememberChoices)
        language = QSettings().value(QStringLiteral("language")).toString();
    if (language.isEmpty())
        language = Translator::systemLanguage();
    if (!m_translator->setLanguage(language))
        m_translator->setLanguage(QStringLiteral("en"));
    m_window->setLanguage(m_translator->language());
    connectController();
    connectWindow();
    onWalletClosed();
    m_window->installEventFilter(this);
}

DesktopApp::~DesktopApp()
{
    // The window follows the controller's orchestrator: let go of it first.
    if (m_dialog)
        delete m_dialog;
    m_window->setOrchestrator(nullptr);
    m_window.reset();
}

void DesktopApp::start()
{
    m_window->show();
    // The last wallet used on this network, if any (else the window says how to make one).
    const QString last = rememberedWallet();
    if (!last.isEmpty() && QFileInfo::exists(last))
        unlockWallet(last);
}

// ---- controller -> window -------------------------------------------------------

void DesktopApp::connectController()
{
    client::WalletController *c = m_controller.get();
    connect(c, &client::WalletController::walletOpened, this, &DesktopApp::onWalletOpened);
    connect(c, &client::WalletController::walletLocked, this, &DesktopApp::onWalletClosed);
    connect(c, &client::WalletController::walletOpenFailed, this, [this](const QString &message) {
        if (auto *unlock = qobject_cast<UnlockDialog *>(m_dialog.data()); unlock && unlock->isBusy())
            unlock->finishUnlock(message);
        else
            showMessage(message, true);
    });
    connect(c, &client::WalletController::orchestratorChanged, m_window.get(), &MainWindow::setOrchestrator);
    connect(c, &client::WalletController::balancesChanged, this,
            [this] { m_window->setBalances(accountBalances(m_controller->balances())); });
    connect(c, &client::WalletController::poolsChanged, this, &DesktopApp::refreshPools);
    connect(c, &client::WalletController::clusterStatusChanged, this, [this] {
        const client::ClusterStatus status = m_controller->clusterStatus();
        if (!status.lastError.isEmpty())
            m_window->setPoolsError(status.lastError);
        refreshConnectedInstance();
    });
    connect(c, &client::WalletController::nodeStatusChanged, this, &DesktopApp::refreshNodeStatus);
    connect(c, &client::WalletController::eventAdded, this, [this](const client::AppEvent &event) {
        if (const auto cluster = directoryEvent(event))
            m_window->addDirectoryEvent(*cluster);
        else
            m_window->addNote(event.message, event.timeMs, event.warning, event.instance);
    });
    connect(c, &client::WalletController::mixHistoryChanged, this,
            [this] { m_window->setMixes(historyEntries(m_controller->mixHistory())); });
    connect(c, &client::WalletController::coinStatusChanged, this, &DesktopApp::refreshConnectedInstance);
    connect(c, &client::WalletController::saveFailed, this,
            [this](const QString &message) { m_window->addNote(message, 0, true); });
    connect(c, &client::WalletController::transactionSent, this, &DesktopApp::transactionBroadcast);
}

void DesktopApp::onWalletOpened()
{
    rememberWallet(m_controller->walletPath());
    if (auto *unlock = qobject_cast<UnlockDialog *>(m_dialog.data()); unlock && unlock->isBusy())
        unlock->finishUnlock();
    applyOverride();
    m_window->setWalletName(QFileInfo(m_controller->walletPath()).completeBaseName());
    m_window->setOrchestrator(m_controller->orchestrator());
    m_window->setBalances(accountBalances(m_controller->balances()));
    m_window->setMixes(historyEntries(m_controller->mixHistory()));
    refreshPools();
    refreshConnectedInstance();
}

void DesktopApp::onWalletClosed()
{
    m_window->setWalletName({});
    m_window->setOrchestrator(nullptr);
    m_window->setBalances(accountBalances({}));
    m_window->setMixes({});
    m_window->setPools({});
    m_window->setConnectedInstance({});
    m_connected.clear();
}

void DesktopApp::refreshPools()
{
    const client::ClusterStatus status = m_controller->clusterStatus();
    m_window->setPools(poolEntries(m_controller->pools()), status.answeredBy, status.poolsFetchedMs);
    refreshConnectedInstance();
}

void DesktopApp::refreshNodeStatus()
{
    bool ok = false;
    const QString text = GuiText::nodeStatus(m_controller->nodeStatus(), &ok);
    m_window->setNodeStatus(text, ok);
}

void DesktopApp::refreshConnectedInstance()
{
    const QString name = connectedInstance(m_controller->mixStatuses(), m_controller->clusterStatus());
    if (name == m_connected)
        return;
    m_connected = name;
    QUrl url;
    for (const client::CoordinatorEndpoint &e : m_controller->instances())
        if (e.name == name)
            url = e.url;
    m_window->setConnectedInstance(name, url);
}

void DesktopApp::applyOverride()
{
    if (!m_options.settingsOverride || m_controller->settings() == *m_options.settingsOverride)
        return;
    if (auto applied = m_controller->setSettings(*m_options.settingsOverride); !applied)
        showMessage(tr("The settings given on the command line were not applied: %1").arg(applied.error().message), true);
}

// ---- window -> controller -------------------------------------------------------

void DesktopApp::connectWindow()
{
    MainWindow *w = m_window.get();
    client::WalletController *c = m_controller.get();
    connect(w, &MainWindow::newWalletRequested, this, &DesktopApp::newWalletFlow);
    connect(w, &MainWindow::restoreWalletRequested, this, &DesktopApp::restoreWalletFlow);
    connect(w, &MainWindow::openWalletRequested, this, &DesktopApp::openWalletFlow);
    connect(w, &MainWindow::lockRequested, c, &client::WalletController::lockWallet);
    connect(w, &MainWindow::tx0Requested, this, [this] { tx0Flow(); });
    connect(w, &MainWindow::receiveRequested, this, &DesktopApp::receiveFlow);
    connect(w, &MainWindow::sendRequested, this, &DesktopApp::sendFlow);
    connect(w, &MainWindow::settingsRequested, this, &DesktopApp::settingsFlow);
    connect(w, &MainWindow::startAllRequested, c, &client::WalletController::startMixing);
    connect(w, &MainWindow::stopAllRequested, c, &client::WalletController::stopMixing);
    connect(w, &MainWindow::startCoinRequested, this, [this](const btc::OutPoint &coin) {
        if (!m_controller->isMixing())
            showMessage(tr("Mixing is switched off. Switch it on (Mixing → Start all) to mix single coins."), false);
        else if (!m_controller->startCoin(coin))
            showMessage(tr("Coin %1 cannot be mixed now.").arg(shortOutpoint(coin)), true);
    });
    connect(w, &MainWindow::stopCoinRequested, this, [this](const btc::OutPoint &coin) { m_controller->stopCoin(coin); });
    connect(w, &MainWindow::languageRequested, this, &DesktopApp::setLanguage);
    connect(w, &MainWindow::quitRequested, w, &QWidget::close);
}

bool DesktopApp::setLanguage(const QString &code)
{
    if (!m_translator->setLanguage(code))
        return false;
    m_window->setLanguage(code);
    refreshNodeStatus(); // the app's own status line; the widgets retranslate themselves
    if (m_options.rememberChoices)
        QSettings().setValue(QStringLiteral("language"), code);
    return true;
}

// ---- wallet flows ---------------------------------------------------------------

QString DesktopApp::nextWalletPath() const
{
    const QDir dir(m_options.walletDir);
    QString path = dir.filePath(QStringLiteral("wallet.wallet"));
    for (int i = 2; QFileInfo::exists(path); ++i)
        path = dir.filePath(QStringLiteral("wallet-%1.wallet").arg(i));
    return path;
}

bool DesktopApp::refuseUnlessClosed()
{
    if (m_controller->state() == client::WalletController::State::Closed)
        return false;
    showMessage(tr("Lock the open wallet first (Wallet → Lock)."), false);
    return true;
}

client::NewWalletRequest DesktopApp::newWalletRequest(const QString &mnemonic, const QString &passphrase,
                                                      const QString &password) const
{
    client::NewWalletRequest request;
    request.path = nextWalletPath();
    request.mnemonic = mnemonic;
    request.passphrase = passphrase;
    request.password = password;
    request.network = m_options.network;
    return request;
}

void DesktopApp::newWalletFlow()
{
    if (refuseUnlessClosed())
        return;
    auto *dialog = new NewWalletDialog(m_window.get());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const client::NewWalletRequest request = newWalletRequest(dialog->mnemonic(), dialog->passphrase(), dialog->password());
        QDir().mkpath(QFileInfo(request.path).absolutePath());
        m_controller->createWallet(request);
    });
    showDialog(dialog);
}

void DesktopApp::restoreWalletFlow()
{
    if (refuseUnlessClosed())
        return;
    auto *dialog = new RestoreWalletDialog(m_window.get());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        client::NewWalletRequest request = newWalletRequest(dialog->mnemonic(), dialog->passphrase(), dialog->password());
        request.birthdayHeight = dialog->birthdayHeight();
        restoreWallet(request);
    });
    showDialog(dialog);
}

void DesktopApp::restoreWallet(client::NewWalletRequest request)
{
    QDir().mkpath(QFileInfo(request.path).absolutePath());
    m_controller->restoreWallet(request);
}

void DesktopApp::openWalletFlow()
{
    if (refuseUnlessClosed())
        return;
    auto *dialog = new QFileDialog(m_window.get(), tr("Open wallet"), m_options.walletDir,
                                   tr("Wallet files (*.wallet);;All files (*)"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        // After this dialog has closed (it is deleted then).
        QMetaObject::invokeMethod(this, [this, path] { unlockWallet(path); }, Qt::QueuedConnection);
    });
    showDialog(dialog);
}

void DesktopApp::unlockWallet(const QString &path)
{
    auto *dialog = new UnlockDialog(QFileInfo(path).fileName(), m_window.get());
    connect(dialog, &UnlockDialog::unlockRequested, this,
            [this, path](const QString &password) { m_controller->openWallet(path, password); });
    showDialog(dialog);
}

void DesktopApp::openWallet(const QString &path, const QString &password) { m_controller->openWallet(path, password); }

void DesktopApp::rememberWallet(const QString &path) const
{
    if (m_options.rememberChoices)
        QSettings().setValue(QStringLiteral("lastWallet/") + btc::networkParams(m_options.network).name, QFileInfo(path).absoluteFilePath());
}

QString DesktopApp::rememberedWallet() const
{
    if (!m_options.rememberChoices)
        return {};
    return QSettings().value(QStringLiteral("lastWallet/") + btc::networkParams(m_options.network).name).toString();
}

// ---- Tx0 ------------------------------------------------------------------------

QString DesktopApp::selectedPool() const
{
    const QModelIndexList selected = m_window->pools()->view()->selectionModel()->selectedRows();
    return selected.isEmpty() ? QString() : selected.first().data(PoolsModel::PoolIdRole).toString();
}

void DesktopApp::tx0Flow(const QString &poolId)
{
    if (!m_controller->isOpen())
        return;
    const QList<client::PoolView> pools = m_controller->pools();
    if (pools.isEmpty())
        return showMessage(tr("The pools are not known yet: the wallet has not reached the coordinators. See the "
                              "Events tab."),
                           true);
    const btc::Amount deposit = m_controller->balances().account(client::WalletAccount::Deposit).confirmed;
    auto *dialog = new Tx0OrderDialog(poolEntries(pools), m_controller->feePresets(), deposit, m_window.get());
    dialog->selectPool(poolId.isEmpty() ? selectedPool() : poolId);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const Tx0Choice choice = dialog->choice();
        client::Tx0Order order;
        order.poolId = choice.poolId;
        order.feeLevel = feeLevelOf(choice.feeChoice);
        order.customFeeRate = choice.feeChoice == FeeChoice::Custom ? choice.feeRate : 0;
        order.maxOutputs = choice.maxOutputs;
        order.changeToBadbank = choice.changeToBadbank;
        // After this dialog has closed (it is deleted then).
        QMetaObject::invokeMethod(this, [this, order] { previewTx0(order); }, Qt::QueuedConnection);
    });
    showDialog(dialog);
}

void DesktopApp::previewTx0(const client::Tx0Order &order)
{
    m_controller->previewTx0(order, this, [this, order](Result<client::Tx0Plan> plan) {
        if (!plan)
            return showMessage(plan.error().message, true);
        proto::PoolInfo pool;
        for (const client::PoolView &p : m_controller->pools())
            if (p.info.poolId == order.poolId)
                pool = p.info;
        auto *dialog = new Tx0PreviewDialog(plan->preview, pool, plan->feeRate, m_window.get());
        dialog->setChangeAccount(order.changeToBadbank ? QStringLiteral("badbank") : QStringLiteral("deposit"));
        connect(dialog, &QDialog::accepted, this, [this, order] {
            m_controller->sendTx0(order, this, [this](Result<client::Tx0Sent> sent) {
                if (!sent)
                    return showMessage(sent.error().message, true);
                showMessage(tr("Tx0 %1 was broadcast. Premix coins: %2; they start mixing once it has a confirmation.")
                                .arg(sent->txid)
                                .arg(sent->plan.preview.nbPremix),
                            false);
            });
        });
        showDialog(dialog);
    });
}

// ---- receive --------------------------------------------------------------------

void DesktopApp::receiveFlow()
{
    if (!m_controller->isOpen())
        return;
    auto *dialog = new ReceiveDialog(m_options.network, m_window.get());
    auto show = [dialog](const Result<QString> &address) {
        if (address)
            dialog->setAddress(*address);
        else
            dialog->setError(address.error().message);
    };
    show(m_controller->receiveAddress());
    connect(dialog, &ReceiveDialog::newAddressRequested, this, [this, show] { show(m_controller->newReceiveAddress()); });
    showDialog(dialog);
}

// ---- send -----------------------------------------------------------------------

void DesktopApp::sendFlow()
{
    if (!m_controller->isOpen())
        return;
    const btc::Amount available = m_controller->balances().account(client::WalletAccount::Postmix).confirmed;
    auto *dialog = new SendDialog(m_options.network, m_controller->feePresets(), available, m_window.get());
    dialog->setPreviewer([this](const SendDraft &draft) -> Result<client::SpendPreview> {
        auto plan = m_controller->previewSpend(spendOrder(draft));
        if (!plan)
            return plan.error();
        return plan->preview;
    });
    connect(m_controller.get(), &client::WalletController::feePresetsChanged, dialog,
            [this, dialog] { dialog->setFeePresets(m_controller->feePresets()); });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto draft = dialog->draft();
        if (!draft)
            return;
        m_controller->sendSpend(spendOrder(*draft), this, [this](Result<client::SpendSent> sent) {
            if (!sent)
                return showMessage(sent.error().message, true);
            showMessage(tr("Payment %1 was broadcast.").arg(sent->txid), false);
        });
    });
    showDialog(dialog);
}

// ---- settings -------------------------------------------------------------------

void DesktopApp::settingsFlow()
{
    auto *dialog = new SettingsDialog(m_options.network, m_window.get());
    dialog->setSettings(toGuiSettings(m_controller->settings(), m_translator->language()));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const GuiSettings edited = dialog->settings();
        if (edited.language != m_translator->language())
            setLanguage(edited.language);
        const client::AppSettings settings = applyGuiSettings(m_controller->settings(), edited);
        if (auto applied = m_controller->setSettings(settings); !applied)
            showMessage(applied.error().message, true);
        else if (m_options.settingsOverride)
            m_options.settingsOverride = settings; // the user's choice wins over the command line from now on
    });
    showDialog(dialog);
}

// ---- quitting -------------------------------------------------------------------

int DesktopApp::coinsBlamedIfLeaving() const
{
    int coins = 0;
    for (const client::CoinStatus &s : m_controller->mixStatuses())
        if (s.state == client::CoinMixState::Mixing && !client::mixStepInfo(s.step).interruptable)
            ++coins;
    return coins;
}

bool DesktopApp::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window.get() || event->type() != QEvent::Close || m_quitConfirmed)
        return QObject::eventFilter(watched, event);
    const int blamed = coinsBlamedIfLeaving();
    if (blamed == 0)
        return QObject::eventFilter(watched, event);
    event->ignore();
    auto *box = new QMessageBox(QMessageBox::Warning, QCoreApplication::applicationName(),
                                tr("Coins in the middle of a mix: %1. Quitting now makes those mixes fail for everyone "
                                   "in them, and the coordinator blames your coins (repeated blames lead to a ban). "
                                   "The mixes take a minute or two at most.")
                                    .arg(blamed),
                                QMessageBox::NoButton, m_window.get());
    box->addButton(tr("Keep mixing"), QMessageBox::RejectRole);
    QPushButton *quit = box->addButton(tr("Quit anyway"), QMessageBox::DestructiveRole);
    box->setDefaultButton(qobject_cast<QPushButton *>(box->buttons().first()));
    connect(box, &QMessageBox::buttonClicked, this, [this, quit](QAbstractButton *clicked) {
        if (clicked != quit)
            return;
        m_quitConfirmed = true;
        QMetaObject::invokeMethod(m_window.get(), &QWidget::close, Qt::QueuedConnection);
    });
    showDialog(box);
    return true;
}

// ---- helpers --------------------------------------------------------------------

void DesktopApp::showDialog(QDialog *dialog)
{
    // One dialog at a time: a new request replaces one the user left open.
    if (m_dialog && m_dialog != dialog)
        m_dialog->reject();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
}

void DesktopApp::showMessage(const QString &text, bool warning)
{
    m_window->addNote(text, 0, warning);
    auto *box = new QMessageBox(warning ? QMessageBox::Warning : QMessageBox::Information,
                                QCoreApplication::applicationName(), text, QMessageBox::Ok, m_window.get());
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT messageShown(text, warning);
}

} // namespace wp::gui
