#include <widgets/eventlogwidget.h>

#include <widgets/formatting.h>

#include <util/assert.h>

#include <QCheckBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace wp::gui {

using Kind = client::DirectoryEvent::Kind;

namespace {

enum Column { TimeColumn, KindColumn, InstanceColumn, MessageColumn, ColumnCount };

} // namespace

EventLogWidget::EventLogWidget(QWidget *parent)
    : QWidget(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_connected = new QLabel(this);
    m_connected->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connected->setTextFormat(Qt::PlainText);
    m_onlyProblems = new QCheckBox(this);
    m_list = new QTreeWidget(this);
    m_list->setColumnCount(ColumnCount);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    connect(m_onlyProblems, &QCheckBox::toggled, this, &EventLogWidget::rebuild);

    auto *top = new QHBoxLayout;
    top->addWidget(m_connected, 1);
    top->addWidget(m_onlyProblems);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list);
    setTabOrder(m_onlyProblems, m_list);
    retranslateUi();
}

void EventLogWidget::setClock(std::function<qint64()> now)
{
    WP_ASSERT(now);
    m_now = std::move(now);
}

QString EventLogWidget::kindText(Kind kind)
{
    switch (kind) {
    case Kind::Connected: return tr("Connected");
    case Kind::Redirected: return tr("Redirected");
    case Kind::RedirectRefused: return tr("Redirect refused");
    case Kind::ConnectionFailed: return tr("Connection failed");
    case Kind::Failover: return tr("Failover");
    case Kind::ManifestUpdated: return tr("Cluster list updated");
    case Kind::ManifestRefused: return tr("Cluster list refused");
    }
    return {};
}

bool EventLogWidget::isProblem(Kind kind)
{
    return kind == Kind::RedirectRefused || kind == Kind::ConnectionFailed || kind == Kind::ManifestRefused;
}

void EventLogWidget::addDirectoryEvent(const client::DirectoryEvent &event)
{
    Entry e;
    e.timeMs = event.timestampMs > 0 ? event.timestampMs : m_now();
    e.kind = event.kind;
    e.instance = event.instanceName;
    e.message = event.message;
    e.warning = isProblem(event.kind);
    append(std::move(e));
}

void EventLogWidget::addNote(const QString &message, qint64 timeMs, bool warning, const QString &instance)
{
    Entry e;
    e.timeMs = timeMs > 0 ? timeMs : m_now();
    e.instance = instance;
    e.message = message;
    e.warning = warning;
    append(std::move(e));
}

void EventLogWidget::append(Entry entry)
{
    m_entries.append(std::move(entry));
    if (m_entries.size() > m_capacity) {
        m_entries.remove(0, m_entries.size() - m_capacity);
        rebuild();
        return;
    }
    // Newest first: the new line goes on top.
    const Entry &e = m_entries.last();
    if (m_onlyProblems->isChecked() && !e.warning)
        return;
    m_list->insertTopLevelItem(0, makeItem(e));
}

QTreeWidgetItem *EventLogWidget::makeItem(const Entry &e) const
{
    auto *item = new QTreeWidgetItem;
    item->setText(TimeColumn, formatDateTime(e.timeMs));
    item->setText(KindColumn, e.kind ? kindText(*e.kind) : tr("Note"));
    item->setText(InstanceColumn, e.instance);
    item->setText(MessageColumn, e.message);
    item->setToolTip(MessageColumn, e.message);
    if (e.warning) {
        item->setIcon(KindColumn, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        for (int c = 0; c < ColumnCount; ++c)
            item->setForeground(c, QColor(0xb0, 0x00, 0x20));
    }
    return item;
}

void EventLogWidget::rebuild()
{
    m_list->clear();
    for (const Entry &e : std::as_const(m_entries)) {
        if (m_onlyProblems->isChecked() && !e.warning)
            continue;
        m_list->insertTopLevelItem(0, makeItem(e));
    }
}

void EventLogWidget::clear()
{
    m_entries.clear();
    m_list->clear();
}

void EventLogWidget::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    if (m_entries.size() > m_capacity) {
        m_entries.remove(0, m_entries.size() - m_capacity);
        rebuild();
    }
}

void EventLogWidget::setConnectedInstance(const QString &name, const QUrl &url)
{
    m_connectedName = name;
    m_connectedUrl = url;
    updateConnected();
}

void EventLogWidget::updateConnected()
{
    if (m_connectedName.isEmpty())
        m_connected->setText(tr("Not connected to a coordinator instance."));
    else if (m_connectedUrl.isEmpty())
        m_connected->setText(tr("Connected instance: %1").arg(m_connectedName));
    else
        m_connected->setText(tr("Connected instance: %1 (%2)")
                                 .arg(m_connectedName, m_connectedUrl.toDisplayString()));
}

void EventLogWidget::retranslateUi()
{
    m_onlyProblems->setText(tr("Only p&roblems"));
    m_onlyProblems->setToolTip(tr("Show only failed connections, refused redirects and other problems"));
    m_list->setHeaderLabels({tr("Time"), tr("Event"), tr("Instance"), tr("Message")});
    m_list->setAccessibleName(tr("Event log"));
    updateConnected();
    rebuild();
}

void EventLogWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wp::gui
