#pragma once

#include "desktopapp.h"

#include <util/result.h>

#include <QString>
#include <QStringList>

namespace wp::gui {

/// What the whirlpool-gui command line asks for. Plain value type.
struct GuiLaunch {
    DesktopOptions desktop;
    QString walletPath;      ///< --wallet: open this wallet at start (asks its password)
    QString password;        ///< from --password-file: opens walletPath without asking (scripts, regtest demos)
    QString restoreMnemonic; ///< from --restore-mnemonic-file: creates walletPath from these words if it does not exist
    int birthdayHeight = -1; ///< --birthday: first block scanned by a restore
    QString screenshotPath;  ///< --screenshot: save the window there once the wallet is open and synced, then quit
};

/// Error code of parseGuiCommandLine() for --help and --version (print the message, exit 0).
inline constexpr int kGuiExitRequested = 1;

/// Parses the whirlpool-gui command line (@p arguments include the program name).
/// Settings options (--node-url, --node-user, --node-password, --node-cookie,
/// --coordinator, --bootstrap, --operator-address) set newWalletSettings and the
/// override applied to wallets opened in this run. Secrets are read from files,
/// never taken from the command line.
/// Returns: the launch, or an error naming the option and its problem (also for
/// --help and --version, whose text is the message with code kGuiExitRequested).
Result<GuiLaunch> parseGuiCommandLine(const QStringList &arguments);

} // namespace wp::gui
