// The views of client/widgets rendered offscreen with real data: a real
// MixOrchestrator whose scripted attempts put coins in every state and in
// several steps, the classic pools on a three-instance cluster, cluster events,
// two weeks of mix history; the main window made of them; and the language
// switch (German, French, Spanish) in the rendered widgets. Screenshots go to
// build/screenshots/.
#include "guitest.h"

#include <widgets/accountswidget.h>
#include <widgets/coinprogressdelegate.h>
#include <widgets/cointablemodel.h>
#include <widgets/eventlogwidget.h>
#include <widgets/formatting.h>
#include <widgets/mainwindow.h>
#include <widgets/mixchart.h>
#include <widgets/mixhistorywidget.h>
#include <widgets/poolsmodel.h>
#include <widgets/translator.h>

#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QStyleFactory>
#include <QTableView>
#include <QTreeWidget>

using namespace wp;
using namespace wp::gui;
using namespace wp::guitest;
using client::CoinMixState;

namespace {

btc::OutPoint outpoint(int n) { return btc::OutPoint{txid(n), quint32(n % 3)}; }

QList<AccountBalance> sampleBalances()
{
    return {{QStringLiteral("deposit"), 5'470'000, 120'000, 3},
            {QStringLiteral("premix"), 6'001'190, 0, 6},
            {QStringLiteral("postmix"), 6'000'000, 0, 2},
            {QStringLiteral("badbank"), 68'431, 0, 1}};
}

QList<client::DirectoryEvent> sampleEvents(qint64 now)
{
    using Kind = client::DirectoryEvent::Kind;
    auto event = [now](qint64 ago, Kind kind, const char *instance, const QString &message) {
        client::DirectoryEvent e;
        e.timestampMs = now - ago;
        e.kind = kind;
        e.instanceName = QString::fromLatin1(instance);
        e.url = QUrl(QStringLiteral("http://%1.example:8080").arg(e.instanceName));
        e.message = message;
        return e;
    };
    return {
        event(600'000, Kind::ManifestUpdated, "",
              QStringLiteral("cluster 'demo': 3 instances, signed by the operator, valid until 2025-06-16 12:00")),
        event(540'000, Kind::Connected, "coordinator-b",
              QStringLiteral("connected to coordinator-b (http://coordinator-b.example:8080)")),
        event(539'000, Kind::Redirected, "coordinator-a",
              QStringLiteral("redirected from coordinator-b to coordinator-a (pool 0.01btc, epoch 4)")),
        event(300'000, Kind::ConnectionFailed, "coordinator-a",
              QStringLiteral("coordinator-a: connection lost (remote host closed the connection)")),
        event(298'000, Kind::Failover, "coordinator-c",
              QStringLiteral("failover from coordinator-a to coordinator-c after 1.4 s")),
        event(120'000, Kind::RedirectRefused, "evil",
              QStringLiteral("refused redirect from coordinator-c to http://evil.example:8080: not in the cluster "
                             "manifest")),
        event(60'000, Kind::Connected, "coordinator-c",
              QStringLiteral("connected to coordinator-c (http://coordinator-c.example:8080)")),
    };
}

QString cell(const QAbstractItemModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.index(row, column).data(role).toString();
}

} // namespace

class TestWidgets : public QObject {
    Q_OBJECT

    Translator *m_translator = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_translator = new Translator(this);
    }

    void cleanup() { QVERIFY(m_translator->setLanguage(QStringLiteral("en"))); }

    void formatting()
    {
        const QLocale c(QLocale::English);
        QCOMPARE(formatBtc(1'000'170, c), QStringLiteral("0.01000170 BTC"));
        QCOMPARE(formatBtc(-150'000'000, c, false), QStringLiteral("-1.50000000"));
        QCOMPARE(formatBtc(1'000'170, QLocale(QLocale::German)), QStringLiteral("0,01000170 BTC"));
        QCOMPARE(parseBtc(u"0.01", c), std::optional<btc::Amount>(1'000'000));
        QCOMPARE(parseBtc(u" 1,5 BTC", QLocale(QLocale::French)), std::optional<btc::Amount>(150'000'000));
        QCOMPARE(parseBtc(u".00000001", c), std::optional<btc::Amount>(1));
        QVERIFY(!parseBtc(u"0.000000001", c)); // 9 decimals
        QVERIFY(!parseBtc(u"-1", c));
        QVERIFY(!parseBtc(u"21000001", c));
        QVERIFY(!parseBtc(u"1e3", c));
        QVERIFY(!parseBtc(u"", c));
        QCOMPARE(formatDuration(45'000), QStringLiteral("45 s"));
        QCOMPARE(formatDuration(12 * 60'000 + 5'000), QStringLiteral("12 min"));
        QCOMPARE(formatDuration(3 * 3'600'000 + 5 * 60'000), QStringLiteral("3 h 5 min"));
        QCOMPARE(formatCountdown(283'000), QStringLiteral("4:43"));
        QCOMPARE(formatCountdown(3'725'000), QStringLiteral("1:02:05"));
    }

    void coinTableShowsEveryStateStepAndError()
    {
        ScriptedCluster cluster;
        CoinTableModel model;
        model.setClock([&cluster] { return cluster.now; });
        cluster.build([&model](client::MixOrchestrator *o) { model.setOrchestrator(o); });
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.columnCount(), int(CoinTableModel::ColumnCount));
        const auto state = [&](int n) { return CoinMixState(model.index(model.rowOf(outpoint(n)), 0).data(CoinTableModel::StateRole).toInt()); };
        QCOMPARE(state(1), CoinMixState::Mixing);
        QCOMPARE(state(2), CoinMixState::Waiting);
        QCOMPARE(state(3), CoinMixState::Blocked);
        QCOMPARE(state(4), CoinMixState::Mixed);
        QCOMPARE(state(5), CoinMixState::Mixing);
        QCOMPARE(state(6), CoinMixState::Mixing);
        QCOMPARE(state(7), CoinMixState::Mixing);
        QCOMPARE(state(8), CoinMixState::Idle);
        QCOMPARE(state(9), CoinMixState::Queued);
        QCOMPARE(state(10), CoinMixState::Queued);

        const auto row = [&](int n) { return model.rowOf(outpoint(n)); };
        QCOMPARE(cell(model, row(1), CoinTableModel::CoinColumn), shortOutpoint(outpoint(1)));
        QCOMPARE(cell(model, row(1), CoinTableModel::AmountColumn), formatBtc(1'000'170));
        QCOMPARE(cell(model, row(1), CoinTableModel::PoolColumn), QStringLiteral("0.01btc"));
        QCOMPARE(cell(model, row(1), CoinTableModel::StepColumn), QStringLiteral("waiting for a mix... (for 12 min)"));
        QCOMPARE(model.index(row(1), CoinTableModel::StepColumn).data(CoinTableModel::ProgressRole).toInt(), 40);
        QCOMPARE(cell(model, row(1), CoinTableModel::InstanceColumn), QStringLiteral("coordinator-a"));
        QVERIFY(cell(model, row(1), CoinTableModel::StepColumn, Qt::ToolTipRole).contains(QLatin1String("normal")));
        QCOMPARE(cell(model, row(5), CoinTableModel::StepColumn), QStringLiteral("signing"));
        QCOMPARE(model.index(row(5), CoinTableModel::StepColumn).data(CoinTableModel::ProgressRole).toInt(), 80);
        QVERIFY(!model.index(row(5), 0).data(CoinTableModel::InterruptableRole).toBool());
        QVERIFY(cell(model, row(5), CoinTableModel::StepColumn, Qt::ToolTipRole).contains(QLatin1String("blamed")));
        QCOMPARE(cell(model, row(6), CoinTableModel::StepColumn), QStringLiteral("registering output"));
        QCOMPARE(cell(model, row(7), CoinTableModel::StepColumn), QStringLiteral("connecting..."));
        // Waiting after a ban: countdown, the reason and what to do.
        QCOMPARE(cell(model, row(2), CoinTableModel::StepColumn), QStringLiteral("Retrying in 4:43"));
        QVERIFY(cell(model, row(2), CoinTableModel::ErrorColumn).contains(QLatin1String("too many failed mixes")));
        QVERIFY(cell(model, row(2), CoinTableModel::ErrorColumn, Qt::ToolTipRole).contains(QLatin1String("Keep the app online")));
        QCOMPARE(cell(model, row(2), CoinTableModel::StateColumn), QStringLiteral("Banned for a while"));
        QCOMPARE(cell(model, row(3), CoinTableModel::StateColumn), QStringLiteral("Needs attention"));
        QVERIFY(cell(model, row(3), CoinTableModel::StepColumn, Qt::ToolTipRole).contains(QLatin1String("start it again")));
        QCOMPARE(cell(model, row(4), CoinTableModel::StateColumn), QStringLiteral("Mixed"));
        QCOMPARE(model.index(row(4), CoinTableModel::StepColumn).data(CoinTableModel::ProgressRole).toInt(), -1);
        QVERIFY(cell(model, row(4), CoinTableModel::StepColumn, Qt::ToolTipRole).contains(QLatin1String("4f3c2a1b")));
        QCOMPARE(cell(model, row(8), CoinTableModel::StepColumn), QStringLiteral("Stopped"));
        QCOMPARE(model.index(row(8), CoinTableModel::StepColumn).data(CoinTableModel::ProgressRole).toInt(), -1);
        QCOMPARE(cell(model, row(9), CoinTableModel::MixesColumn), QStringLiteral("3"));
        QCOMPARE(cell(model, row(10), CoinTableModel::MixesColumn), QStringLiteral("7"));
        QCOMPARE(cell(model, row(9), CoinTableModel::StepColumn), QStringLiteral("Waiting for a free mixing slot"));

        // Live: the model follows the orchestrator's signals, and durations count from the step.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        cluster.attemptFor(7)->step(client::MixStep::Connected, QStringLiteral("coordinator-c"));
        QVERIFY(!changed.isEmpty());
        QCOMPARE(cell(model, row(7), CoinTableModel::StepColumn), QStringLiteral("connected"));
        QCOMPARE(cell(model, row(7), CoinTableModel::InstanceColumn), QStringLiteral("coordinator-c"));
        cluster.now += 3 * 60'000;
        QCOMPARE(cell(model, row(7), CoinTableModel::StepColumn), QStringLiteral("connected (for 3 min)"));
        // The 1 s timer refreshes the running coins.
        changed.clear();
        QVERIFY(changed.wait(2000));

        QTableView view;
        view.setModel(&model);
        view.setItemDelegateForColumn(CoinTableModel::StepColumn, new CoinProgressDelegate(&view));
        view.verticalHeader()->hide();
        view.setWordWrap(false);
        view.horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        view.horizontalHeader()->setStretchLastSection(true);
        view.resize(view.fontMetrics().horizontalAdvance(QLatin1Char('M')) * 95, view.fontMetrics().height() * 22);
        QVERIFY(!screenshot(&view, QStringLiteral("coins")).isNull());

        // A sync with the same coins keeps the rows (and the view's selection); a spent coin leaves.
        QList<client::MixableCoin> coins;
        for (const client::CoinStatus &s : cluster.orchestrator->coins())
            coins.append(s.coin);
        view.selectRow(row(3));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        cluster.orchestrator->setCoins(coins);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(view.selectionModel()->selectedRows().value(0).row(), row(3));
        coins.removeAt(row(8));
        cluster.orchestrator->setCoins(coins);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 9);
        QCOMPARE(model.rowOf(outpoint(8)), -1);
    }

    void accountsShowBalancesAndTotal()
    {
        AccountsWidget w;
        w.setBalances(sampleBalances());
        QVERIFY(showsText(&w, QStringLiteral("Postmix (mixed)")));
        QVERIFY(showsText(&w, formatBtc(5'470'000 + 6'001'190 + 6'000'000 + 68'431)));
        QVERIFY(showsText(&w, QStringLiteral("12"))); // coins in total
        w.resize(w.fontMetrics().horizontalAdvance(QLatin1Char('M')) * 50, w.sizeHint().height());
        QVERIFY(!screenshot(&w, QStringLiteral("accounts")).isNull());
    }

    void poolsShowOwnersLiquidityAndErrors()
    {
        PoolsWidget w;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        w.setPools(samplePools(), QStringLiteral("coordinator-b"), now);
        const PoolsModel *m = w.model();
        QCOMPARE(m->rowCount(), 4);
        QCOMPARE(cell(*m, 2, PoolsModel::PoolColumn), QStringLiteral("0.01btc"));
        QCOMPARE(cell(*m, 2, PoolsModel::DenominationColumn), formatBtc(1'000'000));
        QCOMPARE(cell(*m, 2, PoolsModel::FeeColumn), formatBtc(50'000));
        QCOMPARE(cell(*m, 2, PoolsModel::RegisteredColumn), QStringLiteral("41"));
        QCOMPARE(cell(*m, 2, PoolsModel::AnonsetColumn), QStringLiteral("5"));
        QCOMPARE(cell(*m, 2, PoolsModel::StatusColumn), QStringLiteral("Waiting for participants"));
        QCOMPARE(cell(*m, 1, PoolsModel::StatusColumn), QStringLiteral("Registering outputs"));
        QCOMPARE(cell(*m, 0, PoolsModel::OwnerColumn), QStringLiteral("coordinator-c"));
        QVERIFY(cell(*m, 0, PoolsModel::OwnerColumn, Qt::ToolTipRole).contains(QLatin1String("http://coordinator-c.example:8080")));
        QVERIFY(showsText(&w, QStringLiteral("from instance coordinator-b")));
        w.resize(w.fontMetrics().horizontalAdvance(QLatin1Char('M')) * 70, w.fontMetrics().height() * 14);
        QVERIFY(!screenshot(&w, QStringLiteral("pools")).isNull());

        w.setError(QStringLiteral("no coordinator instance answered (3 tried)"));
        QVERIFY(showsText(&w, QStringLiteral("Could not fetch the pools: no coordinator instance answered")));
        QCOMPARE(m->rowCount(), 4); // the last known pools stay
        QVERIFY(!screenshot(&w, QStringLiteral("pools-error")).isNull());
    }

    void eventLogNewestFirstWithProblemsAndInstance()
    {
        EventLogWidget w;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        w.setClock([now] { return now; });
        for (const client::DirectoryEvent &e : sampleEvents(now))
            w.addDirectoryEvent(e);
        // The orchestrator's own notes, from a real one.
        ScriptedCluster cluster;
        cluster.build();
        connect(cluster.orchestrator.get(), &client::MixOrchestrator::note, &w,
                [&w](const QString &message) { w.addNote(message, 0, message.contains(QLatin1String("failed"))); });
        cluster.attemptFor(5)->fail(client::MixFailReason::MixFailed);
        w.setConnectedInstance(QStringLiteral("coordinator-c"), QUrl(QStringLiteral("http://coordinator-c.example:8080")));
        QCOMPARE(w.count(), 8);
        auto *list = w.findChild<QTreeWidget *>();
        QVERIFY(list);
        QCOMPARE(list->topLevelItemCount(), 8);
        QVERIFY(list->topLevelItem(0)->text(3).contains(QLatin1String("failed"))); // newest first
        QCOMPARE(list->topLevelItem(1)->text(1), QStringLiteral("Connected"));
        QCOMPARE(list->topLevelItem(2)->text(1), QStringLiteral("Redirect refused"));
        QVERIFY(showsText(&w, QStringLiteral("Connected instance: coordinator-c (http://coordinator-c.example:8080)")));
        w.resize(w.fontMetrics().horizontalAdvance(QLatin1Char('M')) * 90, w.fontMetrics().height() * 16);
        QVERIFY(!screenshot(&w, QStringLiteral("events")).isNull());

        w.findChild<QCheckBox *>()->setChecked(true);
        QCOMPARE(list->topLevelItemCount(), 3); // problems only: the failed mix, the refused redirect, the lost connection
        w.setCapacity(3);
        QCOMPARE(w.count(), 3);
        w.findChild<QCheckBox *>()->setChecked(false);
        QCOMPARE(list->topLevelItemCount(), 3);
    }

    void historyChartsMixesPerDayAndTotal()
    {
        const qint64 now = QDateTime(QDate(2025, 6, 15), QTime(18, 0)).toMSecsSinceEpoch();
        const QList<MixHistoryEntry> mixes = sampleHistory(now);
        MixHistoryWidget w;
        w.setClock([now] { return now; });
        w.setMixes(mixes);
        MixChart *chart = w.chart();
        const QList<int> perDay = chart->mixesPerDay();
        QCOMPARE(perDay.size(), 14);
        int inRange = 0;
        for (const MixHistoryEntry &m : mixes)
            inRange += QDateTime::fromMSecsSinceEpoch(m.timeMs).date().daysTo(QDate(2025, 6, 15)) < 14;
        QCOMPARE(std::accumulate(perDay.begin(), perDay.end(), 0), inRange);
        QCOMPARE(chart->cumulativePerDay().last(), int(mixes.size()));
        QCOMPARE(perDay.last(), 3); // today: (0*7+3)%6
        QVERIFY(showsText(&w, QStringLiteral("Mixes: %1 in total, 3 today").arg(mixes.size())));
        auto *list = w.findChild<QTreeWidget *>();
        QCOMPARE(list->topLevelItemCount(), int(mixes.size()));
        const auto newest = std::max_element(mixes.begin(), mixes.end(), [](const auto &a, const auto &b) {
            return a.timeMs < b.timeMs;
        });
        QCOMPARE(list->topLevelItem(0)->text(4), newest->txid); // newest first
        w.resize(w.fontMetrics().horizontalAdvance(QLatin1Char('M')) * 80, w.fontMetrics().height() * 30);
        QVERIFY(!screenshot(&w, QStringLiteral("history")).isNull());
        chart->setMode(MixChart::Mode::Cumulative);
        QVERIFY(!screenshot(&w, QStringLiteral("history-total")).isNull());

        MixChart empty;
        empty.resize(empty.sizeHint());
        QVERIFY(!screenshot(&empty, QStringLiteral("chart-empty")).isNull());
    }

    void mainWindowAndLanguageSwitch()
    {
        ScriptedCluster cluster;
        MainWindow w;
        w.coinModel()->setClock([&cluster] { return cluster.now; });
        cluster.build([&w](client::MixOrchestrator *o) { w.setOrchestrator(o); });
        w.setWalletName(QStringLiteral("demo.wallet"));
        w.setBalances(sampleBalances());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        w.setPools(samplePools(), QStringLiteral("coordinator-b"), now);
        for (const client::DirectoryEvent &e : sampleEvents(now))
            w.addDirectoryEvent(e);
        w.setMixes(sampleHistory(now));
        w.setConnectedInstance(QStringLiteral("coordinator-a"), QUrl(QStringLiteral("http://coordinator-a.example:8080")));
        w.setNodeStatus(QStringLiteral("Node: block 812,345"), true);
        QVERIFY(showsText(&w, QStringLiteral("Mixing: 4, waiting: 3, need attention: 1")));
        QVERIFY(showsText(&w, QStringLiteral("Connected to coordinator-a")));
        QVERIFY(!screenshot(&w, QStringLiteral("main-en")).isNull());

        // The menu acts on the selected coin.
        QSignalSpy stop(&w, &MainWindow::stopCoinRequested);
        w.coinView()->selectRow(w.coinModel()->rowOf(outpoint(1)));
        const auto actions = w.coinView()->actions();
        QCOMPARE(actions.size(), 2);
        QVERIFY(!actions[0]->isEnabled()); // start: it is mixing
        QVERIFY(actions[1]->isEnabled());
        actions[1]->trigger();
        QCOMPARE(stop.size(), 1);
        QCOMPARE(stop.first().first().value<btc::OutPoint>(), outpoint(1));

        struct Expect {
            const char *code;
            QString coinsTab;
            QString progressHeader;
            QString waitingForMix; // the mixing engine's step message
            QString poolStatus;
            QString historyTab;
        };
        const QList<Expect> languages{
            {"de", QStringLiteral("Münzen"), QStringLiteral("Fortschritt"), QStringLiteral("warte auf einen Mix …"),
             QStringLiteral("Warte auf Teilnehmer"), QStringLiteral("Verlauf")},
            {"fr", QStringLiteral("Pièces"), QStringLiteral("Progression"), QStringLiteral("en attente d’un mix…"),
             QStringLiteral("En attente de participants"), QStringLiteral("Historique")},
            {"es", QStringLiteral("Monedas"), QStringLiteral("Progreso"), QStringLiteral("esperando una mezcla…"),
             QStringLiteral("Esperando participantes"), QStringLiteral("Historial")},
        };
        for (const Expect &e : languages) {
            QVERIFY(m_translator->setLanguage(QString::fromLatin1(e.code)));
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
            QCoreApplication::processEvents();
            QVERIFY2(showsText(&w, e.coinsTab), e.code);
            QVERIFY2(showsText(&w, e.historyTab), e.code);
            QCOMPARE(w.coinModel()->headerData(CoinTableModel::StepColumn, Qt::Horizontal).toString(), e.progressHeader);
            const QString step = cell(*w.coinModel(), w.coinModel()->rowOf(outpoint(1)), CoinTableModel::StepColumn);
            QVERIFY2(step.startsWith(e.waitingForMix), qPrintable(step));
            QCOMPARE(cell(*w.pools()->model(), 2, PoolsModel::StatusColumn), e.poolStatus);
            // Amounts follow the language's number format.
            QCOMPARE(cell(*w.coinModel(), w.coinModel()->rowOf(outpoint(1)), CoinTableModel::AmountColumn),
                     QStringLiteral("0,01000170 BTC").replace(QLatin1Char(','), QLocale().decimalPoint()));
            QVERIFY(!screenshot(&w, QStringLiteral("main-%1").arg(QString::fromLatin1(e.code))).isNull());
        }
        w.tabs()->setCurrentIndex(MainWindow::PoolsTab);
        QVERIFY(!screenshot(&w, QStringLiteral("main-es-pools")).isNull());
        w.tabs()->setCurrentIndex(MainWindow::CoinsTab);
        QVERIFY(m_translator->setLanguage(QStringLiteral("en")));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        QVERIFY(showsText(&w, QStringLiteral("Coins")));
        QCOMPARE(w.coinModel()->headerData(CoinTableModel::StepColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Progress"));
    }
};

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
