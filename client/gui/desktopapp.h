#pragma once

#include <app/appsettings.h>
#include <app/walletcontroller.h>

#include <bitcoin/network.h>

#include <QDialog>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <optional>

namespace wp::gui {

class MainWindow;
class Translator;

/// How the desktop app starts. Plain value type.
struct DesktopOptions {
    btc::Network network = btc::Network::Main;
    /// Where new and restored wallets are saved (created if missing).
    QString walletDir;
    /// Settings of wallets created or restored in this run.
    client::AppSettings newWalletSettings = client::AppSettings::defaults(btc::Network::Main);
    /// Settings given on the command line, applied to every wallet opened in this run
    /// (nullopt: each wallet keeps its own).
    std::optional<client::AppSettings> settingsOverride;
    client::WalletControllerOptions controller;
    /// The language at start ("en", "de", "fr", "es"); empty: the remembered or the system's.
    QString language;
    /// Remember the last wallet and the language in the user's QSettings.
    bool rememberChoices = true;
};

/// The desktop client (DESIGN §5): one WalletController (the open wallet) shown
/// in one MainWindow, and the user's requests carried out through the dialogs:
/// new, restore and open (unlock) a wallet, Tx0 with its preview, send from
/// postmix with its preview, settings and language. Every slow step (key
/// derivation, file, node, cluster) is asynchronous in the controller, and every
/// dialog is shown with open(), never exec(): the GUI thread never waits.
/// Failures are shown where the user acted (the dialog, or a message box) and
/// are always in the event log too.
///
/// Thread affinity: the GUI thread; needs a QApplication.
class DesktopApp : public QObject {
    Q_OBJECT
public:
    explicit DesktopApp(DesktopOptions options, QObject *parent = nullptr);
    ~DesktopApp() override;

    MainWindow *window() const { return m_window.get(); }
    client::WalletController *controller() const { return m_controller.get(); }
    Translator *translator() const { return m_translator.get(); }

    /// Shows the window; then asks for the password of the last wallet used on this
    /// network, if there is one.
    void start();

    /// Asks for @p path's password (unlock dialog), then opens it.
    void unlockWallet(const QString &path);
    /// Opens @p path with @p password without asking (scripts and tests); errors go
    /// to a message box and the event log.
    void openWallet(const QString &path, const QString &password);
    /// Restores @p request's wallet (its settings: newWalletSettings) and opens it.
    void restoreWallet(client::NewWalletRequest request);

    /// The user's requests, as the window's menus start them.
    void newWalletFlow();
    void restoreWalletFlow();
    void openWalletFlow();
    /// Tx0: the order dialog (pool: @p poolId, else the one selected in the Pools tab,
    /// else the largest the deposit enters; fee, most coins, change account), then
    /// the exact preview, then the broadcast once confirmed.
    void tx0Flow(const QString &poolId = {});
    /// Tx0 from the preview on (the order dialog's second step).
    void previewTx0(const client::Tx0Order &order);
    /// The deposit address to give a payer (and new ones on request).
    void receiveFlow();
    void sendFlow();
    void settingsFlow();
    /// Switches the language (remembered). Returns: false for an unknown code.
    bool setLanguage(const QString &code);

    /// Coins in a step of a mix where leaving gets them blamed (see MixStepInfo::interruptable).
    int coinsBlamedIfLeaving() const;

    /// The dialog waiting for the user, if any (tests drive it).
    QDialog *currentDialog() const { return m_dialog; }
    /// Where a new wallet would be saved now (a free name in walletDir).
    QString nextWalletPath() const;

Q_SIGNALS:
    /// A message box was shown (@p text, translated): a failure or a confirmation.
    void messageShown(const QString &text, bool warning);
    /// A Tx0 or a spend was broadcast.
    void transactionBroadcast(const QString &txid, const QString &kind);

protected:
    /// Closing the window while coins are in the middle of a mix asks first.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void connectController();
    void connectWindow();
    void onWalletOpened();
    void onWalletClosed();
    void refreshPools();
    void refreshConnectedInstance();
    void refreshNodeStatus();
    /// Says "lock the open wallet first" unless no wallet is open. Returns: true when it refused.
    bool refuseUnlessClosed();
    /// A wallet of what the user typed, saved as the next free wallet file.
    client::NewWalletRequest newWalletRequest(const QString &mnemonic, const QString &passphrase,
                                              const QString &password) const;
    void showDialog(QDialog *dialog);
    void showMessage(const QString &text, bool warning);
    void applyOverride();
    /// The pool selected in the Pools tab, empty if none.
    QString selectedPool() const;
    void rememberWallet(const QString &path) const;
    QString rememberedWallet() const;

    DesktopOptions m_options;
    std::unique_ptr<client::WalletController> m_controller;
    std::unique_ptr<Translator> m_translator;
    std::unique_ptr<MainWindow> m_window;
    QPointer<QDialog> m_dialog;
    QString m_connected;
    bool m_quitConfirmed = false; ///< the user chose to quit although coins were mid-mix
};

} // namespace wp::gui
