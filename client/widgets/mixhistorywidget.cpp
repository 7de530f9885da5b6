#include <widgets/mixhistorywidget.h>

#include <widgets/formatting.h>

#include <util/assert.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace wp::gui {

namespace {

enum Column { TimeColumn, PoolColumn, KindColumn, InstanceColumn, TxidColumn, ColumnCount };
constexpr int kTxidRole = Qt::UserRole + 1;

} // namespace

MixHistoryWidget::MixHistoryWidget(QWidget *parent)
    : QWidget(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_modeLabel = new QLabel(this);
    m_mode = new QComboBox(this);
    m_mode->addItem(QString(), int(MixChart::Mode::PerDay));
    m_mode->addItem(QString(), int(MixChart::Mode::Cumulative));
    m_modeLabel->setBuddy(m_mode);
    m_chart = new MixChart(this);
    m_list = new QTreeWidget(this);
    m_list->setColumnCount(ColumnCount);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(m_list);
    copy->setObjectName(QStringLiteral("copyTxid"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_list->addAction(copy);
    connect(copy, &QAction::triggered, this, [this] {
        if (QTreeWidgetItem *item = m_list->currentItem())
            QApplication::clipboard()->setText(item->data(TxidColumn, kTxidRole).toString());
    });
    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_chart->setMode(MixChart::Mode(m_mode->itemData(i).toInt())); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_modeLabel);
    top->addWidget(m_mode);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_list);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    setTabOrder(m_mode, m_list);
    retranslateUi();
}

void MixHistoryWidget::setClock(std::function<qint64()> now)
{
    WP_ASSERT(now);
    m_now = now;
    m_chart->setClock(std::move(now));
    updateSummary();
}

void MixHistoryWidget::setMixes(const QList<MixHistoryEntry> &mixes)
{
    m_mixes = mixes;
    std::stable_sort(m_mixes.begin(), m_mixes.end(),
                     [](const MixHistoryEntry &a, const MixHistoryEntry &b) { return a.timeMs < b.timeMs; });
    m_chart->setMixes(m_mixes);
    fill();
}

void MixHistoryWidget::addMix(const MixHistoryEntry &mix)
{
    QList<MixHistoryEntry> all = m_mixes;
    all.append(mix);
    setMixes(all);
}

void MixHistoryWidget::fill()
{
    m_list->clear();
    for (const MixHistoryEntry &m : std::as_const(m_mixes)) {
        auto *item = new QTreeWidgetItem;
        item->setText(TimeColumn, formatDateTime(m.timeMs));
        item->setText(PoolColumn, m.poolId);
        item->setText(KindColumn, m.mixNumber > 1 ? tr("Remix (mix %1)").arg(m.mixNumber) : tr("First mix"));
        item->setText(InstanceColumn, m.instance);
        item->setText(TxidColumn, m.txid);
        item->setData(TxidColumn, kTxidRole, m.txid);
        item->setToolTip(TxidColumn, m.txid);
        m_list->insertTopLevelItem(0, item);
    }
    updateSummary();
}

void MixHistoryWidget::updateSummary()
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(m_now()).date();
    int todayCount = 0;
    int week = 0;
    int remixes = 0;
    for (const MixHistoryEntry &m : std::as_const(m_mixes)) {
        const qint64 age = QDateTime::fromMSecsSinceEpoch(m.timeMs).date().daysTo(today);
        todayCount += age == 0;
        week += age >= 0 && age < 7;
        remixes += m.mixNumber > 1;
    }
    m_summary->setText(tr("Mixes: %1 in total, %2 today, %3 in the last 7 days; remixes: %4.")
                           .arg(m_mixes.size())
                           .arg(todayCount)
                           .arg(week)
                           .arg(remixes));
}

void MixHistoryWidget::retranslateUi()
{
    m_modeLabel->setText(tr("Char&t:"));
    m_mode->setItemText(0, tr("Mixes per day"));
    m_mode->setItemText(1, tr("Total mixes over time"));
    m_list->setHeaderLabels({tr("Time"), tr("Pool"), tr("Kind"), tr("Instance"), tr("Transaction")});
    m_list->setAccessibleName(tr("Mix history"));
    if (QAction *copy = m_list->findChild<QAction *>(QStringLiteral("copyTxid")))
        copy->setText(tr("&Copy transaction id"));
    fill();
}

void MixHistoryWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wp::gui
