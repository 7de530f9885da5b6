#include "guioptions.h"

#include <mixer/bootstrapfile.h>
#include <mixer/coordinatordirectory.h>

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QUrl>

namespace wp::gui {

namespace {

/// The first line of @p path (a secret: a password or recovery words).
Result<QString> readSecretFile(const QString &option, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("--%1: cannot read %2: %3").arg(option, path, file.errorString()));
    const QString line = QString::fromUtf8(file.readLine(4096)).trimmed();
    if (line.isEmpty())
        return fail(QStringLiteral("--%1: %2 is empty").arg(option, path));
    return line;
}

} // namespace

Result<GuiLaunch> parseGuiCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Whirlpool desktop wallet: mix coins through a coordinator cluster."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption network(QStringLiteral("network"), QStringLiteral("main, test or regtest (default main)."),
                                     QStringLiteral("name"), QStringLiteral("main"));
    const QCommandLineOption wallet(QStringLiteral("wallet"), QStringLiteral("Open this wallet file at start."),
                                    QStringLiteral("path"));
    const QCommandLineOption walletDir(QStringLiteral("wallet-dir"),
                                       QStringLiteral("Where new wallets are saved (default: the app's data folder)."),
                                       QStringLiteral("dir"));
    const QCommandLineOption passwordFile(QStringLiteral("password-file"),
                                          QStringLiteral("Read the wallet password from this file instead of asking "
                                                         "(scripts and regtest demos)."),
                                          QStringLiteral("path"));
    const QCommandLineOption restoreFile(QStringLiteral("restore-mnemonic-file"),
                                         QStringLiteral("If --wallet does not exist, restore it from the recovery "
                                                        "words in this file (needs --password-file)."),
                                         QStringLiteral("path"));
    const QCommandLineOption birthday(QStringLiteral("birthday"),
                                      QStringLiteral("First block scanned by --restore-mnemonic-file."),
                                      QStringLiteral("height"));
    const QCommandLineOption nodeUrl(QStringLiteral("node-url"), QStringLiteral("The bitcoin node's JSON-RPC URL."),
                                     QStringLiteral("url"));
    const QCommandLineOption nodeUser(QStringLiteral("node-user"), QStringLiteral("Node RPC user."), QStringLiteral("user"));
    const QCommandLineOption nodePasswordFile(QStringLiteral("node-password-file"),
                                              QStringLiteral("Read the node RPC password from this file."),
                                              QStringLiteral("path"));
    const QCommandLineOption nodeCookie(QStringLiteral("node-cookie"), QStringLiteral("Bitcoin Core's .cookie file."),
                                       QStringLiteral("path"));
    const QCommandLineOption coordinator(QStringLiteral("coordinator"),
                                         QStringLiteral("A coordinator instance URL (repeatable)."), QStringLiteral("url"));
    const QCommandLineOption bootstrap(QStringLiteral("bootstrap"),
                                       QStringLiteral("A JSON list of coordinator instances (as whirlpool-cli's)."),
                                       QStringLiteral("path"));
    const QCommandLineOption operatorAddress(QStringLiteral("operator-address"),
                                             QStringLiteral("The cluster operator's address signing its manifests."),
                                             QStringLiteral("address"));
    const QCommandLineOption language(QStringLiteral("language"), QStringLiteral("en, de, fr or es."),
                                      QStringLiteral("code"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window to this PNG once the wallet is open and "
                                                       "synced, then quit."),
                                        QStringLiteral("path"));
    parser.addOptions({network, wallet, walletDir, passwordFile, restoreFile, birthday, nodeUrl, nodeUser,
                       nodePasswordFile, nodeCookie, coordinator, bootstrap, operatorAddress, language, screenshot});
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help))
        return Error(kGuiExitRequested, parser.helpText());
    if (parser.isSet(version))
        return Error(kGuiExitRequested, QStringLiteral("whirlpool-gui %1").arg(QCoreApplication::applicationVersion()));
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));

    GuiLaunch launch;
    DesktopOptions &d = launch.desktop;
    const auto net = btc::networkFromName(parser.value(network));
    if (!net)
        return fail(QStringLiteral("--network: '%1' is not main, test or regtest").arg(parser.value(network)));
    d.network = *net;
    d.walletDir = parser.isSet(walletDir)
                      ? parser.value(walletDir)
                      : QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                            .filePath(btc::networkParams(d.network).name);
    d.language = parser.value(language);

    client::AppSettings settings = client::AppSettings::defaults(d.network);
    bool overridden = false;
    if (parser.isSet(nodeUrl)) {
        settings.nodeUrl = parser.value(nodeUrl);
        overridden = true;
    }
    if (parser.isSet(nodeUser)) {
        settings.nodeUser = parser.value(nodeUser);
        overridden = true;
    }
    if (parser.isSet(nodePasswordFile)) {
        auto password = readSecretFile(QStringLiteral("node-password-file"), parser.value(nodePasswordFile));
        if (!password)
            return password.error();
        settings.nodePassword = *password;
        overridden = true;
    }
    if (parser.isSet(nodeCookie)) {
        settings.nodeCookieFile = parser.value(nodeCookie);
        overridden = true;
    }
    if (parser.isSet(bootstrap)) {
        auto list = client::BootstrapList::load(parser.value(bootstrap));
        if (!list)
            return fail(QStringLiteral("--bootstrap: %1").arg(list.error().message));
        settings.bootstrap = list->instances;
        settings.operatorAddress = list->operatorAddress;
        overridden = true;
    }
    for (const QString &url : parser.values(coordinator)) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty())
            return fail(QStringLiteral("--coordinator: '%1' is not a URL").arg(url));
        settings.bootstrap.append(client::BootstrapList::instanceFromUrl(parsed));
        overridden = true;
    }
    if (parser.isSet(operatorAddress)) {
        settings.operatorAddress = parser.value(operatorAddress);
        overridden = true;
    }
    if (overridden) {
        if (auto valid = settings.validateNode(); !valid)
            return fail(QStringLiteral("--node-url: %1").arg(valid.error().message));
        if (!settings.bootstrap.isEmpty())
            if (auto valid = settings.validateCluster(d.network); !valid)
                return fail(valid.error().message);
        d.settingsOverride = settings;
    }
    d.newWalletSettings = settings;

    launch.walletPath = parser.value(wallet);
    if (parser.isSet(passwordFile)) {
        auto password = readSecretFile(QStringLiteral("password-file"), parser.value(passwordFile));
        if (!password)
            return password.error();
        launch.password = *password;
    }
    if (parser.isSet(restoreFile)) {
        if (launch.walletPath.isEmpty() || launch.password.isEmpty())
            return fail(QStringLiteral("--restore-mnemonic-file needs --wallet and --password-file"));
        auto words = readSecretFile(QStringLiteral("restore-mnemonic-file"), parser.value(restoreFile));
        if (!words)
            return words.error();
        launch.restoreMnemonic = *words;
    }
    if (parser.isSet(birthday)) {
        bool ok = false;
        launch.birthdayHeight = parser.value(birthday).toInt(&ok);
        if (!ok || launch.birthdayHeight < 0)
            return fail(QStringLiteral("--birthday: '%1' is not a block height").arg(parser.value(birthday)));
    }
    launch.screenshotPath = parser.value(screenshot);
    if (!launch.screenshotPath.isEmpty() && launch.walletPath.isEmpty())
        return fail(QStringLiteral("--screenshot needs --wallet"));
    return launch;
}

} // namespace wp::gui
