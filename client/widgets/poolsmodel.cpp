#include <widgets/poolsmodel.h>

#include <widgets/formatting.h>

#include <QCoreApplication>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace wp::gui {

PoolsModel::PoolsModel(QObject *parent) : QAbstractTableModel(parent)
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
}

void PoolsModel::setPools(const QList<PoolEntry> &pools)
{
    beginResetModel();
    m_pools = pools;
    endResetModel();
}

QString PoolsModel::mixStatusText(const QString &mixStatus)
{
    switch (proto::mixStatusFromName(mixStatus).value_or(proto::MixStatus(-1))) {
    case proto::MixStatus::ConfirmInput: return tr("Waiting for participants");
    case proto::MixStatus::RegisterOutput: return tr("Registering outputs");
    case proto::MixStatus::RevealOutput: return tr("Round failed, checking who left");
    case proto::MixStatus::Signing: return tr("Signing");
    case proto::MixStatus::Success: return tr("Mix succeeded");
    case proto::MixStatus::Fail: return tr("Mix failed");
    }
    return mixStatus;
}

int PoolsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_pools.size()); }

int PoolsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PoolsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_pools.size())
        return {};
    const PoolEntry &e = m_pools[index.row()];
    const proto::PoolInfo &p = e.pool;
    const QString owner = !e.ownerInstance.isEmpty() ? e.ownerInstance : QUrl(p.ownerUrlClear).host();
    switch (role) {
    case PoolIdRole: return p.poolId;
    case SortRole:
        switch (index.column()) {
        case DenominationColumn: return qlonglong(p.denomination);
        case FeeColumn: return qlonglong(p.feeValue);
        case AnonsetColumn: return p.mixAnonymitySet;
        case RegisteredColumn: return p.nbRegistered;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() >= DenominationColumn && index.column() <= RegisteredColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        switch (index.column()) {
        case FeeColumn:
            return tr("Paid once to the coordinator in the Tx0; remixes are free.");
        case AnonsetColumn:
            return tr("Each mix has %1 inputs and %1 outputs of %2 (at least %3 of them new coins).")
                .arg(p.mixAnonymitySet)
                .arg(formatBtc(p.denomination))
                .arg(p.minMustMix);
        case RegisteredColumn:
            return tr("Coins registered and waiting in this pool: %1. Confirmed in the current mix: %2.")
                .arg(p.nbRegistered)
                .arg(p.nbConfirmed);
        case StatusColumn:
            return p.mixStatus.isEmpty() ? QVariant() : QVariant(tr("Current mix: %1 (%2), running for %3.")
                                                                     .arg(mixStatusText(p.mixStatus), p.mixStatus,
                                                                          formatDuration(p.elapsedTime)));
        case OwnerColumn: {
            QStringList urls;
            if (!p.ownerUrlClear.isEmpty())
                urls << p.ownerUrlClear;
            if (!p.ownerUrlOnion.isEmpty())
                urls << p.ownerUrlOnion;
            return tr("The instance of the cluster that mixes this pool. If it fails, another instance takes the "
                      "pool over and clients follow.")
                   + (urls.isEmpty() ? QString() : QStringLiteral("\n") + urls.join(QLatin1Char('\n')));
        }
        default: return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case PoolColumn: return p.poolId;
        case DenominationColumn: return formatBtc(p.denomination);
        case FeeColumn: return formatBtc(p.feeValue);
        case AnonsetColumn: return p.mixAnonymitySet;
        case RegisteredColumn: return p.nbRegistered;
        case StatusColumn: return mixStatusText(p.mixStatus);
        case OwnerColumn: return owner.isEmpty() ? tr("unknown") : owner;
        default: return {};
        }
    default: return {};
    }
}

QVariant PoolsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PoolColumn: return tr("Pool");
    case DenominationColumn: return tr("Denomination");
    case FeeColumn: return tr("Pool fee");
    case AnonsetColumn: return tr("Anonymity set");
    case RegisteredColumn: return tr("Waiting coins");
    case StatusColumn: return tr("Mix status");
    case OwnerColumn: return tr("Owner instance");
    default: return {};
    }
}

bool PoolsModel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == QCoreApplication::instance() && event->type() == QEvent::LanguageChange) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (!m_pools.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_pools.size()) - 1, ColumnCount - 1));
    }
    return QAbstractTableModel::eventFilter(watched, event);
}

PoolsWidget::PoolsWidget(QWidget *parent) : QWidget(parent)
{
    m_model = new PoolsModel(this);
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_view);
    retranslateUi();
}

void PoolsWidget::setPools(const QList<PoolEntry> &pools, const QString &answeredBy, qint64 fetchedAtMs)
{
    m_model->setPools(pools);
    m_answeredBy = answeredBy;
    m_fetchedAtMs = fetchedAtMs;
    m_error.clear();
    updateStatus();
}

void PoolsWidget::setError(const QString &message)
{
    m_error = message;
    updateStatus();
}

void PoolsWidget::updateStatus()
{
    QString text;
    if (!m_error.isEmpty()) {
        QString error = m_error;
        while (error.endsWith(QLatin1Char('.')))
            error.chop(1);
        text = tr("Could not fetch the pools: %1.").arg(error);
        if (m_fetchedAtMs > 0)
            text += QLatin1Char(' ') + tr("Showing the pools of %1.").arg(formatDateTime(m_fetchedAtMs));
        m_status->setStyleSheet(QStringLiteral("color: #b00020;"));
    } else if (m_fetchedAtMs > 0) {
        text = m_answeredBy.isEmpty()
                   ? tr("Pools: %1, updated %2.").arg(m_model->pools().size()).arg(formatDateTime(m_fetchedAtMs))
                   : tr("Pools: %1, from instance %2 at %3.")
                         .arg(m_model->pools().size())
                         .arg(m_answeredBy, formatDateTime(m_fetchedAtMs));
        m_status->setStyleSheet(QString());
    } else {
        text = tr("No pools yet: the app asks the cluster once it is configured in Settings.");
        m_status->setStyleSheet(QString());
    }
    m_status->setText(text);
}

void PoolsWidget::retranslateUi()
{
    m_view->setAccessibleName(tr("Pools"));
    updateStatus();
}

void PoolsWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace wp::gui
