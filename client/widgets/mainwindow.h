#pragma once

#include <widgets/accountswidget.h>
#include <widgets/mixchart.h>
#include <widgets/poolsmodel.h>

#include <mixer/coordinatordirectory.h>
#include <mixer/mixorchestrator.h>

#include <QMainWindow>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QTabWidget;
class QStackedWidget;
class QTableView;

namespace wp::gui {

class CoinTableModel;
class EventLogWidget;
class MixHistoryWidget;

/// The desktop client's main window, made of the library's widgets: a Coins
/// tab (balances per account above the coin table with live mixing status), a
/// Pools tab, a History tab (chart and list of mixes) and an Events tab
/// (cluster events and notes); menus for the wallet, mixing and settings; a
/// status bar with the connected instance, the node and a mixing summary.
/// It holds no wallet logic: data comes in through the setters, and user
/// requests go out as signals for the application to act on.
/// Retranslates itself on QEvent::LanguageChange.
///
/// Thread affinity: the GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Tab { CoinsTab, PoolsTab, HistoryTab, EventsTab };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// The coins shown in the Coins tab (not owned; nullptr: none).
    void setOrchestrator(client::MixOrchestrator *orchestrator);
    void setBalances(const QList<AccountBalance> &balances);
    void setPools(const QList<PoolEntry> &pools, const QString &answeredBy = {}, qint64 fetchedAtMs = 0);
    void setPoolsError(const QString &message);
    void setMixes(const QList<MixHistoryEntry> &mixes);
    void addMix(const MixHistoryEntry &mix);
    void addDirectoryEvent(const client::DirectoryEvent &event);
    void addNote(const QString &message, qint64 timeMs = 0, bool warning = false, const QString &instance = {});
    /// The instance the client talks to now (empty: none); shown in the status bar and the Events tab.
    void setConnectedInstance(const QString &name, const QUrl &url = {});
    /// The node line of the status bar ("Node: block 812,345"), red when not @p ok.
    void setNodeStatus(const QString &text, bool ok);
    /// The open wallet's name in the title; empty: no wallet open (wallet actions disabled).
    void setWalletName(const QString &name);
    /// Checks @p code in the Language menu (does not change the language).
    void setLanguage(const QString &code);

    /// The selected coin in the Coins tab, if any.
    std::optional<btc::OutPoint> selectedCoin() const;

    QTabWidget *tabs() const { return m_tabs; }
    AccountsWidget *accounts() const { return m_accounts; }
    QTableView *coinView() const { return m_coinView; }
    CoinTableModel *coinModel() const { return m_coinModel; }
    PoolsWidget *pools() const { return m_pools; }
    MixHistoryWidget *history() const { return m_history; }
    EventLogWidget *events() const { return m_events; }

Q_SIGNALS:
    void newWalletRequested();
    void restoreWalletRequested();
    void openWalletRequested();
    void lockRequested();
    void tx0Requested();
    void receiveRequested();
    void sendRequested();
    void settingsRequested();
    void startAllRequested();
    void stopAllRequested();
    void startCoinRequested(const btc::OutPoint &outpoint);
    void stopCoinRequested(const btc::OutPoint &outpoint);
    void languageRequested(const QString &code);
    void quitRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void retranslateUi();
    void updateMixingSummary();
    /// Shows the coin table, or what to do when it has no coin.
    void updateCoinsHint();
    void updateActions();

    QTabWidget *m_tabs = nullptr;
    AccountsWidget *m_accounts = nullptr;
    QTableView *m_coinView = nullptr;
    QStackedWidget *m_coinPages = nullptr; ///< the coin table, or m_coinsHint when it is empty
    QLabel *m_coinsHint = nullptr;
    CoinTableModel *m_coinModel = nullptr;
    PoolsWidget *m_pools = nullptr;
    MixHistoryWidget *m_history = nullptr;
    EventLogWidget *m_events = nullptr;
    QLabel *m_instanceStatus = nullptr;
    QLabel *m_nodeStatus = nullptr;
    QLabel *m_mixingStatus = nullptr;
    QString m_walletName;
    QString m_connectedName;
    QString m_nodeText;

    QMenu *m_walletMenu = nullptr;
    QMenu *m_mixingMenu = nullptr;
    QMenu *m_settingsMenu = nullptr;
    QMenu *m_languageMenu = nullptr;
    QAction *m_newWallet = nullptr;
    QAction *m_restoreWallet = nullptr;
    QAction *m_openWallet = nullptr;
    QAction *m_lock = nullptr;
    QAction *m_receive = nullptr;
    QAction *m_send = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_tx0 = nullptr;
    QAction *m_startAll = nullptr;
    QAction *m_stopAll = nullptr;
    QAction *m_startCoin = nullptr;
    QAction *m_stopCoin = nullptr;
    QAction *m_settings = nullptr;
    QActionGroup *m_languages = nullptr;
};

} // namespace wp::gui
