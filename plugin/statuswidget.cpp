#include "statuswidget.h"

#include "pluginmixer.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace wp::plugin {

namespace {

enum Column { ColCoin, ColValue, ColPool, ColState, ColProgress, ColMixes, ColInstance, ColError, ColCount };

QString btcText(qint64 sats)
{
    return QStringLiteral("%1 BTC").arg(double(sats) / 1e8, 0, 'f', 8);
}

QColor stateColor(whirlpool::CoinState state)
{
    switch (state) {
    case whirlpool::CoinState::Mixing: return QColor(0x1e, 0x88, 0xe5);
    case whirlpool::CoinState::Mixed: return QColor(0x2e, 0x7d, 0x32);
    case whirlpool::CoinState::Waiting: return QColor(0xef, 0x6c, 0x00);
    case whirlpool::CoinState::Blocked: return QColor(0xc6, 0x28, 0x28);
    default: return QColor(0x61, 0x61, 0x61);
    }
}

} // namespace

StatusWidget::StatusWidget(PluginMixer *mixer, QWidget *parent)
    : QWidget(parent), m_mixer(mixer), m_summary(new QLabel(this)), m_table(new QTableWidget(0, ColCount, this)),
      m_events(new QListWidget(this))
{
    setWindowTitle(tr("Whirlpool mixing"));
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *startAll = new QPushButton(tr("Start all"), this);
    auto *stopAll = new QPushButton(tr("Stop all"), this);
    top->addWidget(m_summary, 1);
    top->addWidget(startAll);
    top->addWidget(stopAll);
    layout->addLayout(top);
    m_table->setHorizontalHeaderLabels({tr("Coin"), tr("Value"), tr("Pool"), tr("State"), tr("Step"), tr("Mixes"),
                                        tr("Instance"), tr("Last error")});
    m_table->horizontalHeader()->setSectionResizeMode(ColError, QHeaderView::Stretch);
    m_table->setColumnWidth(ColProgress, 220);
    m_table->setColumnWidth(ColValue, 130);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    layout->addWidget(m_table, 3);
    layout->addWidget(new QLabel(tr("Coordinator events"), this));
    layout->addWidget(m_events, 1);

    connect(startAll, &QPushButton::clicked, this, [this] {
        if (m_mixer)
            m_mixer->startAll();
    });
    connect(stopAll, &QPushButton::clicked, this, [this] {
        if (m_mixer)
            m_mixer->stopAll();
    });
    if (mixer) {
        connect(mixer, &PluginMixer::coinsReset, this, &StatusWidget::rebuild);
        connect(mixer, &PluginMixer::coinStatusChanged, this, &StatusWidget::updateRow);
        connect(mixer, &PluginMixer::coordinatorEvent, this, &StatusWidget::addEvent);
        for (const whirlpool::CoordinatorEvent &e : mixer->recentEvents())
            addEvent(e);
    }
    rebuild();
    resize(1000, 420);
}

void StatusWidget::rebuild()
{
    m_table->setRowCount(0);
    if (m_mixer)
        for (const whirlpool::CoinStatus &s : m_mixer->coins())
            updateRow(s);
    updateSummary();
}

void StatusWidget::updateRow(const whirlpool::CoinStatus &s)
{
    int row = -1;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, ColCoin) && m_table->item(r, ColCoin)->data(Qt::UserRole).toString() == s.outpoint)
            row = r;
    if (row < 0) {
        row = m_table->rowCount();
        m_table->insertRow(row);
        for (int c = 0; c < ColCount; ++c)
            if (c != ColProgress)
                m_table->setItem(row, c, new QTableWidgetItem);
        auto *bar = new QProgressBar(m_table);
        bar->setRange(0, 100);
        m_table->setCellWidget(row, ColProgress, bar);
    }
    auto *coin = m_table->item(row, ColCoin);
    coin->setData(Qt::UserRole, s.outpoint);
    coin->setText(s.outpoint.left(8) + QStringLiteral("…:") + s.outpoint.section(QLatin1Char(':'), 1));
    coin->setToolTip(s.outpoint);
    m_table->item(row, ColValue)->setText(btcText(s.value));
    m_table->item(row, ColPool)->setText(s.poolId);
    auto *state = m_table->item(row, ColState);
    state->setText(s.stateName);
    state->setForeground(stateColor(s.state));
    auto *bar = static_cast<QProgressBar *>(m_table->cellWidget(row, ColProgress));
    bar->setValue(s.state == whirlpool::CoinState::Mixing ? s.progress : (s.state == whirlpool::CoinState::Mixed ? 100 : 0));
    bar->setFormat(s.stepMessage.isEmpty() ? QStringLiteral("%p%") : s.stepMessage);
    m_table->item(row, ColMixes)->setText(QString::number(s.mixesDone));
    m_table->item(row, ColInstance)->setText(s.instance);
    auto *error = m_table->item(row, ColError);
    error->setText(s.lastError);
    error->setToolTip(s.advice);
    error->setForeground(QColor(0xc6, 0x28, 0x28));
    updateSummary();
}

void StatusWidget::addEvent(const whirlpool::CoordinatorEvent &event)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(event.timestampMs).toString(QStringLiteral("HH:mm:ss"));
    m_events->addItem(QStringLiteral("%1  %2  %3").arg(time, event.kind, event.message));
    while (m_events->count() > 200)
        delete m_events->takeItem(0);
    m_events->scrollToBottom();
}

void StatusWidget::updateSummary()
{
    int mixing = 0, waiting = 0, blocked = 0, mixed = 0;
    const QList<whirlpool::CoinStatus> coins = m_mixer ? m_mixer->coins() : QList<whirlpool::CoinStatus>();
    for (const whirlpool::CoinStatus &s : coins) {
        mixing += s.state == whirlpool::CoinState::Mixing;
        waiting += s.state == whirlpool::CoinState::Waiting;
        blocked += s.state == whirlpool::CoinState::Blocked;
        mixed += s.state == whirlpool::CoinState::Mixed;
    }
    m_summary->setText(tr("%1 coins: %2 mixing, %3 mixed, %4 retrying later, %5 need your attention")
                           .arg(coins.size())
                           .arg(mixing)
                           .arg(mixed)
                           .arg(waiting)
                           .arg(blocked));
}

} // namespace wp::plugin
