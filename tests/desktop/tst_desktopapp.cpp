// The desktop app without services: the conversions between the wallet
// controller's data and the widgets' (client/gui/guimapping.h), the whirlpool-gui
// command line, and DesktopApp's flows driven through its real dialogs, offscreen:
// restore a wallet, lock, unlock with a wrong then the right password, settings
// and language through the settings dialog, and the refusals users meet. The node
// it is given does not answer (a closed port): the app says so and keeps working.
#include "../gui/guitest.h"

#include <gui/desktopapp.h>
#include <gui/guimapping.h>
#include <gui/guioptions.h>
#include <widgets/cointablemodel.h>
#include <widgets/mainwindow.h>
#include <widgets/newwalletdialog.h>
#include <widgets/passwordfields.h>
#include <widgets/restorewalletdialog.h>
#include <widgets/settingsdialog.h>
#include <widgets/translator.h>
#include <widgets/unlockdialog.h>

#include <QIcon>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace wp;
using client::CoinMixState;
using client::MixStep;
using client::WalletAccount;

namespace {

const char *const kWords = "legal winner thank year wave sausage worth useful legal winner thank yellow";

void type(QLineEdit *edit, const QString &text)
{
    edit->clear();
    QTest::keyClicks(edit, text);
}

/// A local port nobody listens on (bound, then released).
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort();
}

client::CoinStatus status(int n, CoinMixState state, MixStep step, const QString &instance)
{
    client::CoinStatus s;
    s.coin = guitest::coin(n, QStringLiteral("0.01btc"), 1'000'500);
    s.state = state;
    s.step = step;
    s.instance = instance;
    return s;
}

} // namespace

class TestDesktopApp : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    gui::DesktopOptions options() const
    {
        gui::DesktopOptions o;
        o.network = btc::Network::Regtest;
        o.walletDir = m_dir.filePath(QStringLiteral("wallets"));
        o.newWalletSettings = client::AppSettings::defaults(btc::Network::Regtest);
        o.newWalletSettings.nodeUrl = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
        o.newWalletSettings.bootstrap.append(
            proto::ClusterInstance{{}, QStringLiteral("alpha"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort()), {}});
        o.controller.kdf = client::WalletFileFormat::kTestKdf;
        o.controller.syncIntervalMs = 500;
        o.controller.nodeTimeoutMs = 2000;
        o.controller.restTimeoutMs = 2000;
        o.language = QStringLiteral("en");
        o.rememberChoices = false;
        return o;
    }

    QString writeFile(const QString &name, const QString &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0)
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void appIcon()
    {
        // Built into the app (resources/whirlpool.svg), drawn by Qt's SVG plugin.
        const QIcon icon(QStringLiteral(":/icons/whirlpool.svg"));
        const QImage image = icon.pixmap(64, 64).toImage();
        QVERIFY2(!image.isNull(), "the SVG icon plugin (libqt6svg6) draws the icon");
        QCOMPARE(image.pixelColor(32, 32), QColor(0xf2, 0xa5, 0x41)); // the coin in the middle
    }

    // ---- conversions ---------------------------------------------------------------

    void balancesInTheWindowsOrder()
    {
        client::WalletBalances b;
        b.accounts[size_t(WalletAccount::Deposit)] = {100, 20, 5, 1, 1, 1};
        b.accounts[size_t(WalletAccount::Postmix)] = {300, 0, 0, 3, 0, 0};
        const QList<gui::AccountBalance> rows = gui::accountBalances(b);
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows[0].account, QStringLiteral("deposit"));
        QCOMPARE(rows[0].confirmed, 100);
        QCOMPARE(rows[0].unconfirmed, 25); // mempool and immature: not spendable yet
        QCOMPARE(rows[0].coins, 3);
        QCOMPARE(rows[1].account, QStringLiteral("premix"));
        QCOMPARE(rows[2].account, QStringLiteral("postmix"));
        QCOMPARE(rows[2].confirmed, 300);
        QCOMPARE(rows[3].account, QStringLiteral("badbank"));
        QCOMPARE(rows[3].coins, 0);
    }

    void poolsHistoryAndEvents()
    {
        client::PoolView view;
        view.info.poolId = QStringLiteral("0.01btc");
        view.ownerName = QStringLiteral("beta");
        QCOMPARE(gui::poolEntries({view}).first().ownerInstance, QStringLiteral("beta"));
        QCOMPARE(gui::poolEntries({view}).first().pool.poolId, QStringLiteral("0.01btc"));

        client::MixRecord r{QStringLiteral("ab"), QStringLiteral("0.01btc"), 1234, QStringLiteral("alpha"), 3};
        const gui::MixHistoryEntry e = gui::historyEntry(r);
        QCOMPARE(e, (gui::MixHistoryEntry{QStringLiteral("ab"), QStringLiteral("0.01btc"), 1234, QStringLiteral("alpha"), 3}));
        QCOMPARE(gui::historyEntries({r, r}).size(), 2);

        client::AppEvent cluster;
        cluster.source = client::AppEvent::Source::Cluster;
        cluster.clusterKind = client::DirectoryEvent::Kind::Redirected;
        cluster.instance = QStringLiteral("beta");
        cluster.message = QStringLiteral("redirected from alpha to beta");
        cluster.timeMs = 99;
        const auto d = gui::directoryEvent(cluster);
        QVERIFY(d);
        QCOMPARE(d->kind, client::DirectoryEvent::Kind::Redirected);
        QCOMPARE(d->instanceName, QStringLiteral("beta"));
        QCOMPARE(d->timestampMs, 99);
        client::AppEvent note = cluster;
        note.source = client::AppEvent::Source::Mixing;
        QVERIFY(!gui::directoryEvent(note));
    }

    void connectedInstanceIsTheMostAdvancedMix()
    {
        client::ClusterStatus cluster;
        cluster.answeredBy = QStringLiteral("gamma");
        QCOMPARE(gui::connectedInstance({}, cluster), QStringLiteral("gamma"));
        const QList<client::CoinStatus> coins{status(1, CoinMixState::Mixing, MixStep::RegisteredInput, QStringLiteral("alpha")),
                                              status(2, CoinMixState::Mixing, MixStep::Signing, QStringLiteral("beta")),
                                              status(3, CoinMixState::Waiting, MixStep::Signed, QStringLiteral("delta"))};
        QCOMPARE(gui::connectedInstance(coins, cluster), QStringLiteral("beta"));
    }

    void settingsRoundTrip()
    {
        client::AppSettings s = client::AppSettings::defaults(btc::Network::Regtest);
        s.bootstrap.append(proto::ClusterInstance{{}, QStringLiteral("alpha"), QStringLiteral("http://127.0.0.1:1"), {}});
        s.nodeCookieFile = QStringLiteral("/tmp/.cookie"); // not in the dialog: kept
        s.maxConcurrent = 5;
        s.feeDefaults = {40, 12, 3};
        s.remixTarget = 7;
        const gui::GuiSettings g = gui::toGuiSettings(s, QStringLiteral("fr"));
        QCOMPARE(g.language, QStringLiteral("fr"));
        QCOMPARE(g.feeDefaults, s.feeDefaults);
        QCOMPARE(g.maxConcurrent, 5);
        QCOMPARE(gui::applyGuiSettings(s, g), s);
        gui::GuiSettings edited = g;
        edited.maxConcurrent = 2;
        edited.proxyHost = QStringLiteral("127.0.0.1");
        edited.proxyPort = 9050;
        const client::AppSettings applied = gui::applyGuiSettings(s, edited);
        QCOMPARE(applied.maxConcurrent, 2);
        QCOMPARE(applied.proxyPort, quint16(9050));
        QCOMPARE(applied.nodeCookieFile, s.nodeCookieFile);
    }

    void spendOrderOfADraft()
    {
        gui::SendDraft draft;
        draft.address = QStringLiteral("bcrt1qxyz");
        draft.amount = 5000;
        draft.feeChoice = gui::FeeChoice::Custom;
        draft.feeRate = 33;
        client::SpendOrder order = gui::spendOrder(draft);
        QCOMPARE(order.amount, 5000);
        QCOMPARE(order.customFeeRate, 33);
        draft.feeChoice = gui::FeeChoice::Slow;
        draft.sendAll = true;
        order = gui::spendOrder(draft);
        QCOMPARE(order.customFeeRate, 0);
        QCOMPARE(order.feeLevel, client::FeeLevel::Slow);
        QVERIFY(order.sendAll);
        QCOMPARE(order.amount, 0);
    }

    void nodeStatusInWords()
    {
        bool ok = true;
        client::NodeStatus s;
        QCOMPARE(gui::GuiText::nodeStatus(s, &ok), QStringLiteral("Node: not checked yet"));
        s.nodeHeight = 812345;
        s.reachable = true;
        QVERIFY(gui::GuiText::nodeStatus(s, &ok).startsWith(QStringLiteral("Node: block 812")));
        QVERIFY(ok);
        s.reachable = false;
        s.lastError = QStringLiteral("connection refused");
        QCOMPARE(gui::GuiText::nodeStatus(s, &ok), QStringLiteral("Node unreachable: connection refused"));
        QVERIFY(!ok);
    }

    // ---- command line --------------------------------------------------------------

    void commandLine()
    {
        const QString program = QStringLiteral("whirlpool-gui");
        auto plain = gui::parseGuiCommandLine({program});
        QVERIFY(plain);
        QCOMPARE(plain->desktop.network, btc::Network::Main);
        QVERIFY(!plain->desktop.settingsOverride);
        QCOMPARE(plain->desktop.newWalletSettings.nodeUrl, QStringLiteral("http://127.0.0.1:8332"));

        const QString password = writeFile(QStringLiteral("pw"), QStringLiteral("secret words here\nignored"));
        const QString nodePassword = writeFile(QStringLiteral("npw"), QStringLiteral("node-key\n"));
        const QString words = writeFile(QStringLiteral("words"), QString::fromLatin1(kWords));
        auto full = gui::parseGuiCommandLine(
            {program, QStringLiteral("--network"), QStringLiteral("regtest"), QStringLiteral("--wallet"), QStringLiteral("/x/w.wallet"),
             QStringLiteral("--password-file"), password, QStringLiteral("--restore-mnemonic-file"), words,
             QStringLiteral("--birthday"), QStringLiteral("7"), QStringLiteral("--node-url"), QStringLiteral("http://127.0.0.1:5000/"),
             QStringLiteral("--node-user"), QStringLiteral("x"), QStringLiteral("--node-password-file"), nodePassword,
             QStringLiteral("--coordinator"), QStringLiteral("http://127.0.0.1:7001"), QStringLiteral("--coordinator"),
             QStringLiteral("http://127.0.0.1:7002"), QStringLiteral("--language"), QStringLiteral("de")});
        QVERIFY2(full, full ? "" : qPrintable(full.error().message));
        QCOMPARE(full->desktop.network, btc::Network::Regtest);
        QCOMPARE(full->password, QStringLiteral("secret words here"));
        QCOMPARE(full->restoreMnemonic, QString::fromLatin1(kWords));
        QCOMPARE(full->birthdayHeight, 7);
        QCOMPARE(full->desktop.language, QStringLiteral("de"));
        QVERIFY(full->desktop.settingsOverride);
        const client::AppSettings &s = *full->desktop.settingsOverride;
        QCOMPARE(s.nodePassword, QStringLiteral("node-key"));
        QCOMPARE(s.bootstrap.size(), 2);
        QCOMPARE(s.bootstrap[1].name, QStringLiteral("127.0.0.1:7002"));
        QCOMPARE(full->desktop.newWalletSettings, s);

        auto help = gui::parseGuiCommandLine({program, QStringLiteral("--help")});
        QVERIFY(!help);
        QCOMPARE(help.error().code, gui::kGuiExitRequested);
        QVERIFY(help.error().message.contains(QStringLiteral("--restore-mnemonic-file")));

        // Each mistake named, with the option.
        const QList<std::pair<QStringList, QString>> bad{
            {{QStringLiteral("--network"), QStringLiteral("moon")}, QStringLiteral("--network")},
            {{QStringLiteral("--restore-mnemonic-file"), words}, QStringLiteral("--restore-mnemonic-file")},
            {{QStringLiteral("--screenshot"), QStringLiteral("/tmp/x.png")}, QStringLiteral("--screenshot")},
            {{QStringLiteral("--password-file"), m_dir.filePath(QStringLiteral("missing"))}, QStringLiteral("--password-file")},
            {{QStringLiteral("--node-url"), QStringLiteral("ftp://x")}, QStringLiteral("--node-url")},
            {{QStringLiteral("--coordinator"), QStringLiteral("not a url")}, QStringLiteral("--coordinator")},
            {{QStringLiteral("--birthday"), QStringLiteral("-3")}, QStringLiteral("--birthday")},
            {{QStringLiteral("stray")}, QStringLiteral("stray")},
        };
        for (const auto &[args, named] : bad) {
            auto r = gui::parseGuiCommandLine(QStringList{program} + args);
            QVERIFY2(!r, qPrintable(args.join(QLatin1Char(' '))));
            QVERIFY2(r.error().message.contains(named), qPrintable(r.error().message));
        }
    }

    // ---- the app's flows -------------------------------------------------------------

    void restoreLockUnlock()
    {
        gui::DesktopApp app(options());
        app.window()->resize(1000, 600);
        app.start();
        QVERIFY(QTest::qWaitForWindowExposed(app.window()));
        QSignalSpy messages(&app, &gui::DesktopApp::messageShown);

        // Restore through the dialog.
        app.restoreWalletFlow();
        auto *restore = qobject_cast<gui::RestoreWalletDialog *>(app.currentDialog());
        QVERIFY(restore);
        restore->mnemonicEdit()->setPlainText(QString::fromLatin1(kWords));
        type(restore->passwordFields()->passwordEdit(), QStringLiteral("a long wallet password"));
        type(restore->passwordFields()->repeatEdit(), QStringLiteral("a long wallet password"));
        QVERIFY(restore->restoreButton()->isEnabled());
        restore->restoreButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(app.controller()->isOpen(), 20000);
        const QString path = app.controller()->walletPath();
        QCOMPARE(QFileInfo(path).fileName(), QStringLiteral("wallet.wallet"));
        QCOMPARE(app.nextWalletPath(), QDir(options().walletDir).filePath(QStringLiteral("wallet-2.wallet")));
        QVERIFY(app.window()->windowTitle().contains(QStringLiteral("wallet")));
        QCOMPARE(app.controller()->birthdayHeight(), 1); // regtest default for a restore
        // No coin yet: the window says where to go instead of showing an empty table.
        QVERIFY(guitest::showsText(app.window(), QStringLiteral("No coin to mix yet. Wallet → Receive")));

        // The node does not answer: the status bar says so, the app goes on.
        QTRY_VERIFY_WITH_TIMEOUT(guitest::showsText(app.window(), QStringLiteral("Node unreachable")), 20000);
        QVERIFY(!guitest::screenshot(app.window(), QStringLiteral("desktop-node-unreachable")).isNull());

        // A second wallet needs the first locked.
        app.newWalletFlow();
        QTRY_COMPARE(messages.size(), 1);
        QVERIFY(messages.first().at(0).toString().contains(QStringLiteral("Lock the open wallet first")));

        // Coins can be started only while mixing is on.
        app.controller()->stopMixing();
        Q_EMIT app.window()->startCoinRequested(guitest::coin(1, QStringLiteral("0.01btc"), 1'000'500).outpoint);
        QTRY_COMPARE(messages.size(), 2);
        QVERIFY(messages.last().at(0).toString().contains(QStringLiteral("Mixing is switched off")));

        // Lock, then unlock: a wrong password is said in the dialog, which stays open.
        Q_EMIT app.window()->lockRequested();
        QVERIFY(!app.controller()->isOpen());
        QVERIFY(!app.window()->windowTitle().contains(QStringLiteral("wallet.wallet")));
        QCOMPARE(app.window()->coinModel()->rowCount(), 0);
        QVERIFY(guitest::showsText(app.window(), QStringLiteral("No wallet is open.")));
        app.unlockWallet(path);
        auto *unlock = qobject_cast<gui::UnlockDialog *>(app.currentDialog());
        QVERIFY(unlock);
        type(unlock->passwordEdit(), QStringLiteral("not the password"));
        unlock->unlockButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!unlock->isBusy(), 20000);
        QVERIFY2(unlock->errorText().contains(QStringLiteral("password")), qPrintable(unlock->errorText()));
        QVERIFY(unlock->isVisible());
        QVERIFY(!guitest::screenshot(unlock, QStringLiteral("desktop-unlock-wrong-password")).isNull());
        type(unlock->passwordEdit(), QStringLiteral("a long wallet password"));
        unlock->unlockButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(app.controller()->isOpen(), 20000);
        QTRY_VERIFY(!app.currentDialog());
        QCOMPARE(app.controller()->walletPath(), path);
        QVERIFY(!app.controller()->isMixing()); // remembered in the wallet file
    }

    void settingsAndLanguage()
    {
        gui::DesktopApp app(options());
        app.start();
        QVERIFY(QTest::qWaitForWindowExposed(app.window()));
        client::NewWalletRequest request;
        request.path = app.nextWalletPath();
        request.mnemonic = QString::fromLatin1(kWords);
        request.password = QStringLiteral("another long password");
        request.network = btc::Network::Regtest;
        app.restoreWallet(request);
        QTRY_VERIFY_WITH_TIMEOUT(app.controller()->isOpen(), 20000);

        app.settingsFlow();
        auto *dialog = qobject_cast<gui::SettingsDialog *>(app.currentDialog());
        QVERIFY(dialog);
        gui::GuiSettings edited = dialog->settings();
        QCOMPARE(edited.maxConcurrent, 3);
        QCOMPARE(edited.bootstrap.size(), 1);
        edited.maxConcurrent = 6;
        edited.feeDefaults = {50, 25, 5};
        edited.language = QStringLiteral("es");
        dialog->setSettings(edited);
        dialog->accept();
        QTRY_VERIFY(!app.currentDialog());
        QCOMPARE(app.controller()->settings().maxConcurrent, 6);
        QCOMPARE(app.controller()->settings().feeDefaults, (std::array<btc::Amount, 3>{50, 25, 5}));
        QCOMPARE(app.translator()->language(), QStringLiteral("es"));
        QTRY_COMPARE(app.window()->tabs()->tabText(gui::MainWindow::CoinsTab),
                     QCoreApplication::translate("wp::gui::MainWindow", "&Coins"));
        // The app's own status line too (the node does not answer).
        const QString unreachable =
            QCoreApplication::translate("wp::gui::GuiText", "Node unreachable: %1").section(QLatin1Char('%'), 0, 0);
        QVERIFY(!unreachable.startsWith(QStringLiteral("Node unreachable")));
        QTRY_VERIFY_WITH_TIMEOUT(guitest::showsText(app.window(), unreachable), 10000);
        QVERIFY(!guitest::screenshot(app.window(), QStringLiteral("desktop-spanish")).isNull());
        QVERIFY(app.setLanguage(QStringLiteral("en")));
        QVERIFY(!app.setLanguage(QStringLiteral("xx")));

        // Settings that do not validate are refused with the reason; nothing changes.
        QSignalSpy messages(&app, &gui::DesktopApp::messageShown);
        app.settingsFlow();
        dialog = qobject_cast<gui::SettingsDialog *>(app.currentDialog());
        edited = dialog->settings();
        edited.feeDefaults = {5, 25, 50};
        dialog->setSettings(edited);
        dialog->accept(); // the dialog itself refuses and stays open
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->errorText().isEmpty());
        dialog->reject();
        QCOMPARE(app.controller()->settings().feeDefaults, (std::array<btc::Amount, 3>{50, 25, 5}));

        // Without pools (no coordinator answers) a Tx0 says why it cannot start.
        app.tx0Flow();
        QTRY_COMPARE(messages.size(), 1);
        QVERIFY(messages.first().at(0).toString().contains(QStringLiteral("pools are not known yet")));
    }
};

QTEST_MAIN(TestDesktopApp)
#include "tst_desktopapp.moc"
