#include <widgets/mainwindow.h>

#include <widgets/coinprogressdelegate.h>
#include <widgets/cointablemodel.h>
#include <widgets/eventlogwidget.h>
#include <widgets/mixhistorywidget.h>
#include <widgets/settingsdialog.h>
#include <widgets/translator.h>

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

namespace wp::gui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    m_accounts = new AccountsWidget(this);
    m_coinModel = new CoinTableModel(this);
    m_coinView = new QTableView(this);
    m_coinView->setModel(m_coinModel);
    m_coinView->setItemDelegateForColumn(CoinTableModel::StepColumn, new CoinProgressDelegate(m_coinView));
    m_coinView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_coinView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_coinView->verticalHeader()->hide();
    m_coinView->setWordWrap(false);
    m_coinView->setAlternatingRowColors(true);
    QHeaderView *header = m_coinView->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CoinTableModel::StepColumn, QHeaderView::Interactive);
    header->setStretchLastSection(true);
    m_coinView->setColumnWidth(CoinTableModel::StepColumn, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 36);
    m_coinView->setContextMenuPolicy(Qt::ActionsContextMenu);

    // No coin to show: say what to do instead of an empty table.
    m_coinsHint = new QLabel(this);
    m_coinsHint->setWordWrap(true);
    m_coinsHint->setAlignment(Qt::AlignCenter);
    m_coinsHint->setMargin(fontMetrics().height() * 2);
    m_coinPages = new QStackedWidget(this);
    m_coinPages->addWidget(m_coinView);
    m_coinPages->addWidget(m_coinsHint);

    auto *coins = new QSplitter(Qt::Vertical, this);
    coins->addWidget(m_accounts);
    coins->addWidget(m_coinPages);
    coins->setStretchFactor(0, 0);
    coins->setStretchFactor(1, 1);
    coins->setChildrenCollapsible(false);

    m_pools = new PoolsWidget(this);
    m_history = new MixHistoryWidget(this);
    m_events = new EventLogWidget(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(coins, QString());
    m_tabs->addTab(m_pools, QString());
    m_tabs->addTab(m_history, QString());
    m_tabs->addTab(m_events, QString());
    setCentralWidget(m_tabs);

    m_instanceStatus = new QLabel(this);
    m_nodeStatus = new QLabel(this);
    m_mixingStatus = new QLabel(this);
    for (QLabel *l : {m_instanceStatus, m_nodeStatus, m_mixingStatus})
        l->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_instanceStatus, 1);
    statusBar()->addPermanentWidget(m_mixingStatus);
    statusBar()->addPermanentWidget(m_nodeStatus);

    createActions();
    createMenus();
    connect(m_coinModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateMixingSummary);
    connect(m_coinModel, &QAbstractItemModel::dataChanged, this, &MainWindow::updateMixingSummary);
    connect(m_coinView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_coinModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_coinModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateCoinsHint);
    connect(m_coinModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCoinsHint);
    connect(m_coinModel, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCoinsHint);

    const QFontMetrics fm = fontMetrics();
    resize(fm.horizontalAdvance(QLatin1Char('M')) * 100, fm.height() * 38);
    retranslateUi();
    updateActions();
    m_coinView->setFocus(); // the coins, not the balance summary, take the keyboard first
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_newWallet = new QAction(this);
    m_newWallet->setShortcut(QKeySequence::New);
    connect(m_newWallet, &QAction::triggered, this, &MainWindow::newWalletRequested);
    m_restoreWallet = new QAction(this);
    connect(m_restoreWallet, &QAction::triggered, this, &MainWindow::restoreWalletRequested);
    m_openWallet = new QAction(this);
    m_openWallet->setShortcut(QKeySequence::Open);
    connect(m_openWallet, &QAction::triggered, this, &MainWindow::openWalletRequested);
    m_lock = new QAction(this);
    m_lock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_lock, &QAction::triggered, this, &MainWindow::lockRequested);
    m_receive = new QAction(this);
    m_receive->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    connect(m_receive, &QAction::triggered, this, &MainWindow::receiveRequested);
    m_send = new QAction(this);
    m_send->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_send, &QAction::triggered, this, &MainWindow::sendRequested);
    m_quit = new QAction(this);
    m_quit->setShortcut(QKeySequence::Quit);
    m_quit->setMenuRole(QAction::QuitRole);
    connect(m_quit, &QAction::triggered, this, &MainWindow::quitRequested);
    m_tx0 = new QAction(this);
    m_tx0->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_tx0, &QAction::triggered, this, &MainWindow::tx0Requested);
    m_startAll = new QAction(this);
    connect(m_startAll, &QAction::triggered, this, &MainWindow::startAllRequested);
    m_stopAll = new QAction(this);
    connect(m_stopAll, &QAction::triggered, this, &MainWindow::stopAllRequested);
    m_startCoin = new QAction(this);
    connect(m_startCoin, &QAction::triggered, this, [this] {
        if (const auto coin = selectedCoin())
            Q_EMIT startCoinRequested(*coin);
    });
    m_stopCoin = new QAction(this);
    connect(m_stopCoin, &QAction::triggered, this, [this] {
        if (const auto coin = selectedCoin())
            Q_EMIT stopCoinRequested(*coin);
    });
    m_coinView->addAction(m_startCoin);
    m_coinView->addAction(m_stopCoin);
    m_settings = new QAction(this);
    m_settings->setShortcut(QKeySequence::Preferences);
    m_settings->setMenuRole(QAction::PreferencesRole);
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    m_languages = new QActionGroup(this);
    m_languages->setExclusive(true);
    for (const QString &code : Translator::languages()) {
        auto *action = new QAction(SettingsDialog::languageName(code), m_languages);
        action->setCheckable(true);
        action->setData(code);
        action->setChecked(code == QLatin1String("en"));
        connect(action, &QAction::triggered, this, [this, code] { Q_EMIT languageRequested(code); });
    }
}

void MainWindow::createMenus()
{
    m_walletMenu = menuBar()->addMenu(QString());
    m_walletMenu->addAction(m_newWallet);
    m_walletMenu->addAction(m_restoreWallet);
    m_walletMenu->addAction(m_openWallet);
    m_walletMenu->addAction(m_lock);
    m_walletMenu->addSeparator();
    m_walletMenu->addAction(m_receive);
    m_walletMenu->addAction(m_send);
    m_walletMenu->addSeparator();
    m_walletMenu->addAction(m_quit);
    m_mixingMenu = menuBar()->addMenu(QString());
    m_mixingMenu->addAction(m_tx0);
    m_mixingMenu->addSeparator();
    m_mixingMenu->addAction(m_startAll);
    m_mixingMenu->addAction(m_stopAll);
    m_mixingMenu->addSeparator();
    m_mixingMenu->addAction(m_startCoin);
    m_mixingMenu->addAction(m_stopCoin);
    m_settingsMenu = menuBar()->addMenu(QString());
    m_settingsMenu->addAction(m_settings);
    m_languageMenu = m_settingsMenu->addMenu(QString());
    m_languageMenu->addActions(m_languages->actions());
}

void MainWindow::setOrchestrator(client::MixOrchestrator *orchestrator)
{
    m_coinModel->setOrchestrator(orchestrator);
}

void MainWindow::setBalances(const QList<AccountBalance> &balances) { m_accounts->setBalances(balances); }

void MainWindow::setPools(const QList<PoolEntry> &pools, const QString &answeredBy, qint64 fetchedAtMs)
{
    m_pools->setPools(pools, answeredBy, fetchedAtMs);
}

void MainWindow::setPoolsError(const QString &message) { m_pools->setError(message); }

void MainWindow::setMixes(const QList<MixHistoryEntry> &mixes) { m_history->setMixes(mixes); }

void MainWindow::addMix(const MixHistoryEntry &mix) { m_history->addMix(mix); }

void MainWindow::addDirectoryEvent(const client::DirectoryEvent &event) { m_events->addDirectoryEvent(event); }

void MainWindow::addNote(const QString &message, qint64 timeMs, bool warning, const QString &instance)
{
    m_events->addNote(message, timeMs, warning, instance);
}

void MainWindow::setConnectedInstance(const QString &name, const QUrl &url)
{
    m_connectedName = name;
    m_events->setConnectedInstance(name, url);
    retranslateUi();
}

void MainWindow::setNodeStatus(const QString &text, bool ok)
{
    m_nodeText = text;
    m_nodeStatus->setText(text);
    m_nodeStatus->setStyleSheet(ok ? QString() : QStringLiteral("color: #b00020;"));
}

void MainWindow::setWalletName(const QString &name)
{
    m_walletName = name;
    retranslateUi();
    updateActions();
}

void MainWindow::setLanguage(const QString &code)
{
    for (QAction *action : m_languages->actions())
        action->setChecked(action->data().toString() == code);
}

std::optional<btc::OutPoint> MainWindow::selectedCoin() const
{
    const QModelIndexList rows = m_coinView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const auto status = m_coinModel->statusAt(rows.first().row());
    if (!status)
        return std::nullopt;
    return status->coin.outpoint;
}

void MainWindow::updateActions()
{
    const bool open = !m_walletName.isEmpty();
    for (QAction *a : {m_lock, m_receive, m_send, m_tx0, m_startAll, m_stopAll})
        a->setEnabled(open);
    const auto coin = selectedCoin();
    const auto status = coin ? m_coinModel->statusAt(m_coinModel->rowOf(*coin)) : std::nullopt;
    m_startCoin->setEnabled(open && status && status->state != client::CoinMixState::Mixing
                            && status->state != client::CoinMixState::Mixed);
    m_stopCoin->setEnabled(open && status
                           && (status->state == client::CoinMixState::Mixing
                               || status->state == client::CoinMixState::Queued
                               || status->state == client::CoinMixState::Waiting));
}

void MainWindow::updateCoinsHint()
{
    m_coinsHint->setText(m_walletName.isEmpty()
                             ? tr("No wallet is open. Wallet → New wallet creates one; Wallet → Restore wallet brings one "
                                  "back from its recovery words; Wallet → Open wallet opens a wallet file.")
                             : tr("No coin to mix yet. Wallet → Receive gives the address to send bitcoin to. Once the "
                                  "deposit has a confirmation, Mixing → Tx0 makes premix coins of it: they show up here "
                                  "and mix by themselves."));
    m_coinPages->setCurrentWidget(m_coinModel->rowCount() > 0 ? static_cast<QWidget *>(m_coinView) : m_coinsHint);
}

void MainWindow::updateMixingSummary()
{
    int mixing = 0;
    int waiting = 0;
    int attention = 0;
    for (int row = 0; row < m_coinModel->rowCount(); ++row) {
        switch (m_coinModel->statusAt(row)->state) {
        case client::CoinMixState::Mixing: ++mixing; break;
        case client::CoinMixState::Queued:
        case client::CoinMixState::Waiting: ++waiting; break;
        case client::CoinMixState::Blocked: ++attention; break;
        default: break;
        }
    }
    QString text = tr("Mixing: %1, waiting: %2").arg(mixing).arg(waiting);
    if (attention > 0)
        text += tr(", need attention: %1").arg(attention);
    m_mixingStatus->setText(text);
    m_mixingStatus->setStyleSheet(attention > 0 ? QStringLiteral("color: #b00020;") : QString());
    updateActions();
}

void MainWindow::retranslateUi()
{
    setWindowTitle(m_walletName.isEmpty() ? tr("Whirlpool") : tr("%1 - Whirlpool").arg(m_walletName));
    m_tabs->setTabText(CoinsTab, tr("&Coins"));
    m_tabs->setTabText(PoolsTab, tr("&Pools"));
    m_tabs->setTabText(HistoryTab, tr("&History"));
    m_tabs->setTabText(EventsTab, tr("&Events"));
    m_coinView->setAccessibleName(tr("Coins and their mixing status"));
    m_walletMenu->setTitle(tr("&Wallet"));
    m_newWallet->setText(tr("&New wallet..."));
    m_restoreWallet->setText(tr("&Restore wallet..."));
    m_openWallet->setText(tr("&Open wallet..."));
    m_lock->setText(tr("&Lock"));
    m_receive->setText(tr("Rec&eive..."));
    m_send->setText(tr("&Send..."));
    m_quit->setText(tr("&Quit"));
    m_mixingMenu->setTitle(tr("&Mixing"));
    m_tx0->setText(tr("&Tx0: make premix coins..."));
    m_startAll->setText(tr("Start &all"));
    m_stopAll->setText(tr("Sto&p all"));
    m_startCoin->setText(tr("Start mixing this &coin"));
    m_stopCoin->setText(tr("Stop mixing this c&oin"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_settings->setText(tr("&Preferences..."));
    m_languageMenu->setTitle(tr("&Language"));
    m_instanceStatus->setText(m_connectedName.isEmpty() ? tr("Not connected to a coordinator instance")
                                                        : tr("Connected to %1").arg(m_connectedName));
    m_nodeStatus->setText(m_nodeText.isEmpty() ? tr("Node: not checked yet") : m_nodeText);
    updateMixingSummary();
    updateCoinsHint();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

} // namespace wp::gui
