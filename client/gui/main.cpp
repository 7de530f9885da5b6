// whirlpool-gui: the desktop wallet. Opens (or creates, or restores) a wallet,
// shows its accounts, coins, pools and mixes, and mixes through the coordinator
// cluster. See `whirlpool-gui --help`.

#include "desktopapp.h"
#include "guioptions.h"

#include <widgets/mainwindow.h>

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

using namespace wp;

namespace {

/// --screenshot: once the wallet is open, synced and has its pools, save the window and quit.
void arrangeScreenshot(gui::DesktopApp &app, const QString &path)
{
    auto *c = app.controller();
    auto shoot = [&app, c, path] {
        if (!c->isOpen() || c->nodeStatus().lastSyncMs == 0 || c->clusterStatus().poolsFetchedMs == 0)
            return;
        // Let the views settle (layouts, the coin table's first tick).
        QTimer::singleShot(500, &app, [&app, path] {
            const bool saved = app.window()->grab().save(path);
            QTextStream(saved ? stdout : stderr) << (saved ? "screenshot saved: " : "cannot save the screenshot: ")
                                                  << path << '\n';
            QCoreApplication::exit(saved ? 0 : 1);
        });
    };
    QObject::connect(c, &client::WalletController::synced, &app, shoot, Qt::SingleShotConnection);
    QObject::connect(c, &client::WalletController::poolsChanged, &app, shoot);
    QObject::connect(c, &client::WalletController::walletOpenFailed, &app, [](const QString &message) {
        QTextStream(stderr) << "whirlpool-gui: " << message << '\n';
        QCoreApplication::exit(1);
    });
    QTimer::singleShot(120000, &app, [] {
        QTextStream(stderr) << "whirlpool-gui: no screenshot: the wallet did not open, sync and load the pools in 120 s\n";
        QCoreApplication::exit(1);
    });
}

} // namespace

int main(int argc, char **argv)
{
    QApplication qapp(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Whirlpool"));
    QApplication::setApplicationName(QStringLiteral("whirlpool-gui"));
    QApplication::setApplicationDisplayName(QStringLiteral("Whirlpool"));
    QApplication::setApplicationVersion(QStringLiteral(WP_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/whirlpool.svg")));
    QApplication::setDesktopFileName(QStringLiteral("whirlpool-gui"));

    auto launch = gui::parseGuiCommandLine(QApplication::arguments());
    if (!launch) {
        const bool exitRequested = launch.error().code == gui::kGuiExitRequested;
        QTextStream(exitRequested ? stdout : stderr)
            << (exitRequested ? QString() : QStringLiteral("whirlpool-gui: ")) << launch.error().message << '\n';
        return exitRequested ? 0 : 2;
    }

    gui::DesktopApp app(launch->desktop);
    if (!launch->screenshotPath.isEmpty())
        arrangeScreenshot(app, launch->screenshotPath);
    if (launch->walletPath.isEmpty()) {
        app.start();
    } else {
        app.window()->show();
        if (!launch->restoreMnemonic.isEmpty() && !QFileInfo::exists(launch->walletPath)) {
            client::NewWalletRequest request;
            request.path = launch->walletPath;
            request.mnemonic = launch->restoreMnemonic;
            request.password = launch->password;
            request.network = launch->desktop.network;
            request.birthdayHeight = launch->birthdayHeight;
            app.restoreWallet(request);
        } else if (!launch->password.isEmpty()) {
            app.openWallet(launch->walletPath, launch->password);
        } else {
            app.unlockWallet(launch->walletPath);
        }
    }
    return QApplication::exec();
}
