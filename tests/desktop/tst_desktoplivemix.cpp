// The desktop app end to end, as a user sees it: DesktopApp (the whirlpool-gui
// application: WalletController shown in MainWindow, the dialogs' flows) against
// two real whirlpool-coordinator processes on one MariaDB and a real bcoin node,
// rendered offscreen.
//
// The wallet is restored, receives a deposit, and the user's Tx0 goes through the
// Tx0 flow (order dialog, preview dialog, confirm). Its four premix coins mix three at a
// time (maxConcurrent 3) with two other wallets' coins (anonymity set 3, at most
// one input per Tx0 in a mix): one coin joins the mix and signs, whose end the
// other wallets hold back; two wait registered in the pool; one waits for a slot.
// The main window is saved then, coins in three different steps with their
// progress (build/screenshots/desktop-live-mix.png, and in German).
//
// Then the user stops mixing while the coin's mix is signed: a spend of that coin
// is refused (the coordinator can still broadcast the mix), and indeed, once the
// others sign, the mix is broadcast and spends it.
//
// Last, the whirlpool-gui program itself restores a wallet from the command line
// against the same cluster and saves its window (--screenshot).
#include "../e2e/appoptions.h"
#include "../e2e/testwallet.h"
#include "../gui/guitest.h"

#include <gui/desktopapp.h>
#include <gui/guimapping.h>
#include <widgets/cointablemodel.h>
#include <widgets/mainwindow.h>
#include <widgets/receivedialog.h>
#include <widgets/translator.h>
#include <widgets/tx0orderdialog.h>
#include <widgets/tx0previewdialog.h>

#include <bitcoin/address.h>
#include <bitcoin/bip39.h>
#include <bitcoin/wif.h>
#include <crypto/random.h>

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace wp;
using client::CoinMixState;
using client::MixStep;
using client::WalletAccount;

namespace {

const QString kPool = QStringLiteral("0.01btc");

QString screenshotPath(const QString &name)
{
    QDir().mkpath(QStringLiteral(WP_SCREENSHOT_DIR));
    return QStringLiteral(WP_SCREENSHOT_DIR "/%1.png").arg(name);
}

} // namespace

class TestDesktopLiveMix : public QObject {
    Q_OBJECT

    test::MariaDbServer m_db;
    test::BcoinNode m_node;
    std::vector<std::unique_ptr<test::CoordinatorProcess>> m_instances; ///< alpha, beta
    std::vector<std::unique_ptr<test::TestWallet>> m_wallets;           ///< 0 mines; 1, 2 mix with the app's coins
    std::vector<std::unique_ptr<client::MixSession>> m_peerSessions;
    QStringList m_peerTxids;
    QTemporaryDir m_dir;
    std::unique_ptr<gui::DesktopApp> m_app;
    btc::OutPoint m_signedCoin;

    test::TestWallet &w(int i) { return *m_wallets[size_t(i)]; }
    client::WalletController &c() { return *m_app->controller(); }
    int tip() { return m_node.rpc(QStringLiteral("getblockcount"))->toInt(); }

    client::AppSettings settings() const
    {
        client::AppSettings s = client::AppSettings::defaults(btc::Network::Regtest);
        s.nodeUrl = m_node.url();
        s.nodeUser = QStringLiteral("x");
        s.nodePassword = m_node.apiKey();
        s.bootstrap.append(proto::ClusterInstance{{}, QStringLiteral("alpha"), m_instances[0]->url(), {}});
        s.bootstrap.append(proto::ClusterInstance{{}, QStringLiteral("beta"), m_instances[1]->url(), {}});
        s.maxConcurrent = 3;
        return s;
    }

    /// The pool owner's URL as instance @p index lists it (empty until there is one).
    QString listedOwner(int index)
    {
        client::CoordinatorRestClient rest(QUrl(m_instances[size_t(index)]->url()), {});
        std::optional<Result<proto::PoolsResponse>> pools;
        QObject context;
        rest.fetchPools(&context, [&](auto r) { pools.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return pools.has_value(); }, 10000) || !*pools)
            return {};
        for (const proto::PoolInfo &p : (*pools)->pools)
            if (p.poolId == kPool)
                return p.ownerUrlClear;
        return {};
    }

    /// What the coin table shows: (state, step) of each row.
    QList<std::pair<CoinMixState, MixStep>> rows() const
    {
        QList<std::pair<CoinMixState, MixStep>> out;
        const gui::CoinTableModel *model = m_app->window()->coinModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto s = model->statusAt(row);
            out.append({s->state, s->step});
        }
        return out;
    }

    QString describeRows() const
    {
        QStringList out;
        for (const client::CoinStatus &s : m_app->controller()->mixStatuses())
            out.append(QStringLiteral("%1 %2 %3 %4").arg(s.coin.outpoint.toString().left(12), client::coinMixStateName(s.state),
                                                       client::mixStepName(s.step), s.lastError));
        return out.join(QStringLiteral("; "));
    }

    QString logs() const
    {
        QString out;
        for (const auto &i : m_instances)
            out += i->logText().right(2000) + QLatin1Char('\n');
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        auto db = m_db.start();
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto node = m_node.start();
        QVERIFY2(node, node ? "" : qPrintable(node.error().message));
        for (int i = 0; i <= 2; ++i)
            m_wallets.push_back(std::make_unique<test::TestWallet>(*btc::entropyToMnemonic(crypto::randomBytes(16)), m_node));
        QVERIFY(m_node.generateToAddress(test::BcoinNode::kSegwitActivationHeight, w(0).miningAddress()));
        for (int i = 1; i <= 2; ++i)
            QVERIFY(m_node.generateToAddress(1, w(i).miningAddress()));

        const crypto::PrivKey operatorKey = crypto::PrivKey::generate();
        for (const QString &name : {QStringLiteral("alpha"), QStringLiteral("beta")}) {
            test::CoordinatorProcess::Config config = test::coordinatorConfig(name, m_db, m_node);
            // Signing waits up to 60 s: the other wallets hold their signatures while the window is saved.
            config.extraIni = test::mixingClusterIni(3, 60000, operatorKey) + QStringLiteral("tx0-max-outputs = 4\n");
            m_instances.push_back(std::make_unique<test::CoordinatorProcess>());
            auto started = m_instances.back()->start(config);
            QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        }

        gui::DesktopOptions options;
        options.network = btc::Network::Regtest;
        options.walletDir = m_dir.filePath(QStringLiteral("wallets"));
        options.newWalletSettings = settings();
        options.controller = test::fastControllerOptions();
        options.language = QStringLiteral("en");
        options.rememberChoices = false;
        m_app = std::make_unique<gui::DesktopApp>(options);
        m_app->window()->resize(1100, 640);
        m_app->start();
        QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
    }

    void cleanupTestCase()
    {
        m_peerSessions.clear();
        m_app.reset(); // the app before the services it talks to
        for (const auto &i : m_instances)
            QVERIFY2(i->isRunning(), qPrintable(i->logText().right(3000)));
    }

    void restoreAndDeposit()
    {
        client::NewWalletRequest request;
        request.path = m_app->nextWalletPath();
        request.mnemonic = client::WalletController::generateMnemonic();
        request.password = QStringLiteral("correct horse battery staple");
        request.network = btc::Network::Regtest;
        request.birthdayHeight = tip();
        m_app->restoreWallet(request);
        QTRY_VERIFY_WITH_TIMEOUT(c().isOpen(), 30000);
        QCOMPARE(m_app->window()->windowTitle().contains(QFileInfo(request.path).completeBaseName()), true);

        // The deposit address, as the user gets it: Wallet → Receive.
        m_app->receiveFlow();
        auto *receive = qobject_cast<gui::ReceiveDialog *>(m_app->currentDialog());
        QVERIFY(receive);
        const QString address = receive->address();
        QCOMPARE(address, *c().receiveAddress());
        QVERIFY(!guitest::screenshot(receive, QStringLiteral("desktop-receive")).isNull());
        receive->copyButton()->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), address);
        receive->newAddressButton()->click(); // for a second payer
        QVERIFY(receive->address() != address);
        QVERIFY(btc::addressToScript(receive->address(), btc::networkParams(btc::Network::Regtest)));
        receive->accept();
        const auto script = btc::addressToScript(address, btc::networkParams(btc::Network::Regtest));
        QVERIFY(script);
        QVERIFY(m_node.generateToAddress(1, test::bcoinAddress(*script)));
        QVERIFY(m_node.generateToAddress(100, w(0).miningAddress())); // coinbase maturity
        QTRY_VERIFY_WITH_TIMEOUT(c().balances().account(WalletAccount::Deposit).confirmedCoins == 1 && !c().pools().isEmpty(),
                                 60000);
        // The window shows what the controller knows.
        const QList<gui::AccountBalance> shown = m_app->window()->accounts()->balances();
        QCOMPARE(shown.size(), 4);
        QCOMPARE(shown[0].account, QStringLiteral("deposit"));
        QCOMPARE(shown[0].confirmed, c().balances().account(WalletAccount::Deposit).confirmed);
        QCOMPARE(m_app->window()->pools()->model()->pools().size(), 1);
        QVERIFY(!m_app->window()->pools()->model()->pools().first().ownerInstance.isEmpty());
    }

    void tx0ThroughTheDialogs()
    {
        // Before any Tx0, the two other wallets' premix coins (one Tx0 each).
        for (int i = 1; i <= 2; ++i) {
            auto tx0 = w(i).tx0(m_instances[size_t(i % 2)]->url(), kPool, 1);
            QVERIFY2(tx0, tx0 ? "" : qPrintable(tx0.error().message));
        }
        QSignalSpy broadcast(m_app.get(), &gui::DesktopApp::transactionBroadcast);
        m_app->tx0Flow();
        auto *order = qobject_cast<gui::Tx0OrderDialog *>(m_app->currentDialog());
        QVERIFY(order);
        QCOMPARE(order->choice().poolId, kPool); // the one pool the deposit enters
        QCOMPARE(order->choice().feeChoice, gui::FeeChoice::Normal);
        QVERIFY(!guitest::screenshot(order, QStringLiteral("desktop-tx0-order")).isNull());
        order->previewButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<gui::Tx0PreviewDialog *>(m_app->currentDialog()), 20000);
        auto *preview = qobject_cast<gui::Tx0PreviewDialog *>(m_app->currentDialog());
        QCOMPARE(preview->preview().nbPremix, 4); // the pool's tx0-max-outputs
        QVERIFY(preview->isVisible());
        QVERIFY(!guitest::screenshot(preview, QStringLiteral("desktop-tx0-preview")).isNull());
        preview->accept();
        QTRY_COMPARE_WITH_TIMEOUT(broadcast.size(), 1, 20000);
        QCOMPARE(broadcast.first().at(1).toString(), QStringLiteral("tx0"));
        QVERIFY(m_node.generateToAddress(1, w(0).miningAddress()));
        QTRY_COMPARE_WITH_TIMEOUT(m_app->window()->coinModel()->rowCount(), 4, 30000);
    }

    void coinsInSeveralSteps()
    {
        // The two other wallets join the pool on its owner and hold their signatures.
        QString ownerUrl;
        QVERIFY(QTest::qWaitFor([&] {
            ownerUrl = listedOwner(0);
            return !ownerUrl.isEmpty() && listedOwner(1) == ownerUrl;
        }, 20000));
        const int height = tip();
        for (int i = 1; i <= 2; ++i) {
            const QList<client::Utxo> coins = w(i).coins(WalletAccount::Premix);
            QCOMPARE(coins.size(), 1);
            w(i).mixWallet->holdSignatures = true;
            m_peerSessions.push_back(w(i).session(coins.first(), ownerUrl, height));
            connect(m_peerSessions.back().get(), &client::MixSession::succeeded, this,
                    [this](const QString &txid) { m_peerTxids.append(txid); });
            m_peerSessions.back()->start();
        }

        // One coin signed (the others hold theirs), two registered and waiting, one waiting for a slot.
        auto settled = [this] {
            const auto r = rows();
            return r.count({CoinMixState::Mixing, MixStep::Signed}) == 1 &&
                   r.count({CoinMixState::Mixing, MixStep::RegisteredInput}) == 2 &&
                   r.count({CoinMixState::Queued, MixStep::Connecting}) == 1;
        };
        QVERIFY2(QTest::qWaitFor(settled, 60000), qPrintable(describeRows() + QStringLiteral("\n") + logs()));
        QTRY_VERIFY_WITH_TIMEOUT(w(1).mixWallet->heldSignatures() == 1 && w(2).mixWallet->heldSignatures() == 1, 10000);
        const gui::CoinTableModel *model = m_app->window()->coinModel();
        QSet<int> progress;
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto status = model->statusAt(row);
            if (status->step == MixStep::Signed)
                m_signedCoin = status->coin.outpoint;
            progress.insert(model->index(row, gui::CoinTableModel::StepColumn).data(gui::CoinTableModel::ProgressRole).toInt());
        }
        QVERIFY2(progress.size() >= 3, "signed, registered and queued coins show different progress");
        m_app->window()->tabs()->setCurrentIndex(gui::MainWindow::CoinsTab);
        QVERIFY(!guitest::screenshot(m_app->window(), QStringLiteral("desktop-live-mix")).isNull());

        // The same, in German.
        QVERIFY(m_app->setLanguage(QStringLiteral("de")));
        // (QEvent::LanguageChange is posted: the window retranslates itself a moment later.)
        QTRY_COMPARE(m_app->window()->tabs()->tabText(gui::MainWindow::CoinsTab),
                     QCoreApplication::translate("wp::gui::MainWindow", "&Coins"));
        QVERIFY(m_app->window()->tabs()->tabText(gui::MainWindow::CoinsTab) != QStringLiteral("&Coins"));
        QVERIFY(!guitest::screenshot(m_app->window(), QStringLiteral("desktop-live-mix-de")).isNull());
        QVERIFY(m_app->setLanguage(QStringLiteral("en")));
        QTRY_COMPARE(m_app->window()->tabs()->tabText(gui::MainWindow::CoinsTab), QStringLiteral("&Coins"));

        // Closing the window now would leave a signed mix: the app asks first.
        QCOMPARE(m_app->coinsBlamedIfLeaving(), 1);
        QVERIFY(!m_app->window()->close());
        auto *ask = qobject_cast<QMessageBox *>(m_app->currentDialog());
        QVERIFY(ask);
        QVERIFY2(ask->text().contains(QStringLiteral("Coins in the middle of a mix: 1.")), qPrintable(ask->text()));
        QVERIFY(!guitest::screenshot(ask, QStringLiteral("desktop-quit-mid-mix")).isNull());
        QAbstractButton *keep = nullptr;
        QAbstractButton *quit = nullptr;
        for (QAbstractButton *b : ask->buttons())
            (ask->buttonRole(b) == QMessageBox::RejectRole ? keep : quit) = b;
        QVERIFY(keep && quit);
        keep->click();
        QTRY_VERIFY(!m_app->currentDialog());
        QVERIFY(m_app->window()->isVisible());
        // "Quit anyway" closes it (the test shows it again: the wallet goes on mixing meanwhile).
        QVERIFY(!m_app->window()->close());
        ask = qobject_cast<QMessageBox *>(m_app->currentDialog());
        QVERIFY(ask);
        for (QAbstractButton *b : ask->buttons())
            if (ask->buttonRole(b) == QMessageBox::DestructiveRole)
                b->click();
        QTRY_VERIFY(!m_app->window()->isVisible());
        m_app->window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
    }

    void stoppedAfterSigningIsNotSpent()
    {
        // Mixing off while the coin's mix is signed: its session ends, but the mix may
        // still be broadcast, so a spend of that coin is refused for now.
        c().stopMixing();
        auto noneMixing = [this] {
            const QList<client::CoinStatus> statuses = c().mixStatuses();
            return std::none_of(statuses.cbegin(), statuses.cend(),
                                [](const client::CoinStatus &s) { return s.state == CoinMixState::Mixing; });
        };
        QTRY_VERIFY(noneMixing());
        client::SpendOrder order;
        order.coins = {m_signedCoin};
        order.address = *btc::scriptToAddress(w(0).depositScript(), btc::networkParams(btc::Network::Regtest));
        order.sendAll = true;
        const auto refused = c().previewSpend(order);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("just before its mixing stopped")),
                 qPrintable(refused.error().message));

        // And rightly so: the others sign, and the coordinator broadcasts the mix with the coin's signature.
        for (int i = 1; i <= 2; ++i)
            w(i).mixWallet->releaseSignatures();
        QTRY_COMPARE_WITH_TIMEOUT(m_peerTxids.size(), 2, 30000);
        QCOMPARE(m_peerTxids[0], m_peerTxids[1]);
        const auto mixTx = m_node.rpc(QStringLiteral("getrawtransaction"), {m_peerTxids[0], 1});
        QVERIFY2(mixTx, "the mix is on the node");
        bool spendsCoin = false;
        for (const QJsonValue &in : mixTx->toObject().value(QStringLiteral("vin")).toArray())
            spendsCoin |= in[QStringLiteral("txid")].toString() == m_signedCoin.txid.toHex() &&
                          in[QStringLiteral("vout")].toInt() == int(m_signedCoin.index);
        QVERIFY2(spendsCoin, "the stopped coin's signed mix was broadcast");
        QVERIFY(m_node.generateToAddress(1, w(0).miningAddress()));
        QTRY_VERIFY_WITH_TIMEOUT(!c().coin(m_signedCoin).has_value(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(c().balances().account(WalletAccount::Postmix).confirmedCoins, 1, 20000);
    }

    void theProgramRestoresAndShows()
    {
        // whirlpool-gui itself: restore from words on the command line, sync, save the window, exit 0.
        const QString dir = m_dir.filePath(QStringLiteral("program"));
        QVERIFY(QDir().mkpath(dir));
        auto write = [&dir](const QString &name, const QString &text) {
            QFile f(QDir(dir).filePath(name));
            return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8() + '\n') > 0;
        };
        QVERIFY(write(QStringLiteral("mnemonic"), client::WalletController::generateMnemonic()));
        QVERIFY(write(QStringLiteral("password"), QStringLiteral("program password")));
        QVERIFY(write(QStringLiteral("node-password"), m_node.apiKey()));
        const QString png = screenshotPath(QStringLiteral("desktop-program"));
        QFile::remove(png);
        QProcess program;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(dir).filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), QDir(dir).filePath(QStringLiteral("data")));
        program.setProcessEnvironment(env);
        program.setProcessChannelMode(QProcess::MergedChannels);
        program.start(QStringLiteral(WP_GUI_PROGRAM),
                      {QStringLiteral("--network"), QStringLiteral("regtest"), QStringLiteral("--wallet"),
                       QDir(dir).filePath(QStringLiteral("cli.wallet")), QStringLiteral("--restore-mnemonic-file"),
                       QDir(dir).filePath(QStringLiteral("mnemonic")), QStringLiteral("--password-file"),
                       QDir(dir).filePath(QStringLiteral("password")), QStringLiteral("--birthday"), QString::number(tip()),
                       QStringLiteral("--node-url"), m_node.url(), QStringLiteral("--node-user"), QStringLiteral("x"),
                       QStringLiteral("--node-password-file"), QDir(dir).filePath(QStringLiteral("node-password")),
                       QStringLiteral("--coordinator"), m_instances[0]->url(), QStringLiteral("--coordinator"),
                       m_instances[1]->url(), QStringLiteral("--language"), QStringLiteral("fr"),
                       QStringLiteral("--screenshot"), png});
        QVERIFY(program.waitForStarted(10000));
        QVERIFY(QTest::qWaitFor([&] { return program.state() == QProcess::NotRunning; }, 90000));
        const QString output = QString::fromUtf8(program.readAll());
        QVERIFY2(program.exitStatus() == QProcess::NormalExit && program.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.contains(QStringLiteral("screenshot saved")), qPrintable(output));
        QVERIFY(QFileInfo(png).size() > 0);
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("cli.wallet"))));
        // Wrong options are refused with a one-line reason.
        QProcess bad;
        bad.setProcessEnvironment(env);
        bad.start(QStringLiteral(WP_GUI_PROGRAM), {QStringLiteral("--network"), QStringLiteral("moon")});
        QVERIFY(bad.waitForFinished(20000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(QString::fromUtf8(bad.readAllStandardError()).contains(QStringLiteral("--network")));
    }
};

QTEST_MAIN(TestDesktopLiveMix)
#include "tst_desktoplivemix.moc"
