#include <widgets/cointablemodel.h>

#include <widgets/formatting.h>

#include <protocol/messages.h>
#include <util/assert.h>

#include <QApplication>
#include <QDateTime>
#include <QEvent>
#include <QStyle>

namespace wp::gui {

using client::CoinMixState;
using client::CoinStatus;
using client::MixStep;

namespace {

/// The mixing engine's own words, translated in its context (they are stored
/// translated in CoinStatus; translating again here follows language changes).
QString engineText(const char *text) { return QCoreApplication::translate("wp::client::MixOrchestrator", text); }

bool remixTargetReached(const CoinStatus &s, const client::MixOrchestrator *o)
{
    return o && s.coin.postmix && o->config().remixTarget > 0 && s.mixesDone >= o->config().remixTarget;
}

} // namespace

CoinTableModel::CoinTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &CoinTableModel::onTick);
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(this);
}

CoinTableModel::~CoinTableModel() = default;

void CoinTableModel::setOrchestrator(client::MixOrchestrator *orchestrator)
{
    if (m_orchestrator)
        m_orchestrator->disconnect(this);
    m_orchestrator = orchestrator;
    if (orchestrator) {
        connect(orchestrator, &client::MixOrchestrator::coinsChanged, this, &CoinTableModel::reload);
        connect(orchestrator, &client::MixOrchestrator::coinChanged, this, &CoinTableModel::onCoinChanged);
        connect(orchestrator, &QObject::destroyed, this, [this] {
            m_orchestrator = nullptr;
            reload();
        });
    }
    reload();
}

void CoinTableModel::setClock(std::function<qint64()> now)
{
    WP_ASSERT(now);
    m_now = std::move(now);
}

void CoinTableModel::reload()
{
    QList<CoinStatus> rows = m_orchestrator ? m_orchestrator->coins() : QList<CoinStatus>();
    // The same coins in the same order (a sync that changed nothing): update in
    // place, so views keep their selection and scroll position.
    const bool sameCoins = rows.size() == m_rows.size()
                           && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(),
                                         [](const CoinStatus &a, const CoinStatus &b) {
                                             return a.coin.outpoint == b.coin.outpoint;
                                         });
    if (sameCoins) {
        m_rows = rows;
        for (const CoinStatus &s : std::as_const(m_rows))
            noteStep(s);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        updateTimer();
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_rowOf.clear();
    QHash<btc::OutPoint, Since> since;
    for (int i = 0; i < m_rows.size(); ++i) {
        const btc::OutPoint &o = m_rows[i].coin.outpoint;
        m_rowOf.insert(o, i);
        if (const auto it = m_since.constFind(o); it != m_since.cend())
            since.insert(o, *it);
    }
    m_since = since;
    for (const CoinStatus &s : std::as_const(m_rows))
        noteStep(s);
    endResetModel();
    updateTimer();
}

void CoinTableModel::noteStep(const CoinStatus &s)
{
    const auto it = m_since.constFind(s.coin.outpoint);
    if (it != m_since.cend() && it->state == s.state && it->step == s.step)
        return;
    m_since.insert(s.coin.outpoint, Since{s.state, s.step, now()});
}

void CoinTableModel::onCoinChanged(const CoinStatus &status)
{
    const auto it = m_rowOf.constFind(status.coin.outpoint);
    if (it == m_rowOf.cend())
        return; // coinsChanged() brings new coins
    const int row = *it;
    m_rows[row] = status;
    noteStep(status);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    updateTimer();
}

void CoinTableModel::updateTimer()
{
    const bool live = std::any_of(m_rows.cbegin(), m_rows.cend(), [](const CoinStatus &s) {
        return s.state == CoinMixState::Mixing || s.state == CoinMixState::Waiting;
    });
    if (live && !m_tick.isActive())
        m_tick.start();
    else if (!live)
        m_tick.stop();
}

void CoinTableModel::onTick()
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const CoinMixState state = m_rows[row].state;
        if (state == CoinMixState::Mixing || state == CoinMixState::Waiting)
            Q_EMIT dataChanged(index(row, StepColumn), index(row, StepColumn));
    }
}

std::optional<CoinStatus> CoinTableModel::statusAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows[row];
}

int CoinTableModel::rowOf(const btc::OutPoint &outpoint) const { return m_rowOf.value(outpoint, -1); }

QString CoinTableModel::stateText(CoinMixState state)
{
    switch (state) {
    case CoinMixState::Idle: return tr("Not mixing");
    case CoinMixState::Queued: return tr("Queued");
    case CoinMixState::Mixing: return tr("Mixing");
    case CoinMixState::Waiting: return tr("Retrying soon");
    case CoinMixState::Mixed: return tr("Mixed");
    case CoinMixState::Blocked: return tr("Needs attention");
    }
    return {};
}

QString CoinTableModel::stepText(const CoinStatus &s, qint64 nowMs) const
{
    switch (s.state) {
    case CoinMixState::Mixing: {
        const QString step = engineText(client::mixStepInfo(s.step).message);
        const qint64 since = m_since.value(s.coin.outpoint, Since{s.state, s.step, nowMs}).sinceMs;
        if (nowMs - since >= 60'000)
            return tr("%1 (for %2)").arg(step, formatDuration(nowMs - since));
        return step;
    }
    case CoinMixState::Queued: return engineText("Waiting for a free mixing slot");
    case CoinMixState::Waiting: return tr("Retrying in %1").arg(formatCountdown(s.retryAtMs - nowMs));
    case CoinMixState::Mixed: return engineText("Mixed: the new coin appears after the next sync");
    case CoinMixState::Blocked: return engineText("Needs your attention");
    case CoinMixState::Idle:
        if (remixTargetReached(s, m_orchestrator))
            return tr("Remix target reached");
        return s.stepMessage.isEmpty() ? QString() : engineText("Stopped");
    }
    return {};
}

QString CoinTableModel::stepToolTip(const CoinStatus &s, qint64 nowMs) const
{
    QStringList lines;
    switch (s.state) {
    case CoinMixState::Mixing: {
        switch (s.step) {
        case MixStep::Connecting:
        case MixStep::Connected:
            lines << tr("Connecting to the coordinator instance that runs this pool.");
            break;
        case MixStep::RegisteredInput:
        case MixStep::ConfirmingInput:
            lines << tr("Your coin waits in the pool for a mix with enough participants. Waiting minutes or even "
                        "hours is normal: nothing is wrong and nothing is spent. You can stop at any time without "
                        "penalty.");
            break;
        case MixStep::ConfirmedInput:
            lines << tr("Your coin was picked for a mix that is about to start.");
            break;
        default:
            break;
        }
        if (!client::mixStepInfo(s.step).interruptable)
            lines << tr("The mix is running. Keep the app open and online until it ends (about a minute): leaving "
                        "now gets the coin blamed, and repeated blames lead to a temporary ban.");
        const qint64 since = m_since.value(s.coin.outpoint, Since{s.state, s.step, nowMs}).sinceMs;
        lines << tr("In this step for %1.").arg(formatDuration(nowMs - since));
        if (!s.instance.isEmpty())
            lines << tr("Coordinator instance: %1").arg(s.instance);
        break;
    }
    case CoinMixState::Queued:
        lines << tr("This coin starts when a mixing slot is free. Coins mixing at once: at most %1 (Settings).")
                     .arg(m_orchestrator ? m_orchestrator->config().maxConcurrent : 0);
        break;
    case CoinMixState::Waiting:
        if (!s.lastError.isEmpty())
            lines << s.lastError;
        if (!s.advice.isEmpty())
            lines << s.advice;
        lines << tr("Next attempt at %1.").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.retryAtMs).time(),
                                                                  QLocale::ShortFormat));
        break;
    case CoinMixState::Blocked:
        if (!s.lastError.isEmpty())
            lines << s.lastError;
        if (!s.advice.isEmpty())
            lines << s.advice;
        lines << tr("This coin is not retried by itself: start it again once you have read this.");
        break;
    case CoinMixState::Mixed:
        lines << tr("Mixed in transaction %1.").arg(s.lastTxid);
        break;
    case CoinMixState::Idle:
        if (remixTargetReached(s, m_orchestrator))
            lines << tr("This coin reached the remix target set in Settings (mixes: %1).")
                         .arg(m_orchestrator->config().remixTarget);
        else
            lines << tr("Not mixing. Start it from the coin's context menu or with \"Start all\".");
        break;
    }
    return lines.join(QStringLiteral("\n\n"));
}

int CoinTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int CoinTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant CoinTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CoinStatus &s = m_rows[index.row()];
    const qint64 t = now();
    switch (role) {
    case ProgressRole:
        return s.state == CoinMixState::Mixing ? s.progress : -1;
    case StateRole: return int(s.state);
    case StepRole: return int(s.step);
    case OutPointRole: return s.coin.outpoint.toString();
    case InterruptableRole:
        return s.state != CoinMixState::Mixing || client::mixStepInfo(s.step).interruptable;
    case Qt::TextAlignmentRole:
        if (index.column() == AmountColumn || index.column() == MixesColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DecorationRole:
        if (index.column() == StepColumn && s.state == CoinMixState::Mixed && QApplication::style())
            return QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton);
        if (index.column() == ErrorColumn && !s.lastError.isEmpty() && QApplication::style())
            return QApplication::style()->standardIcon(s.state == CoinMixState::Blocked ? QStyle::SP_MessageBoxCritical
                                                                                       : QStyle::SP_MessageBoxWarning);
        return {};
    case SortRole:
        switch (index.column()) {
        case AmountColumn: return qlonglong(s.coin.value);
        case MixesColumn: return s.mixesDone;
        case StepColumn: return s.progress;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case CoinColumn:
            return tr("%1\n%2").arg(s.coin.outpoint.toString(),
                                    s.coin.postmix ? tr("Mixed coin (remixing is free)")
                                                   : tr("Premix coin from a Tx0, waiting for its first mix"));
        case AmountColumn: return formatSats(s.coin.value);
        case StateColumn:
        case StepColumn: return stepToolTip(s, t);
        case InstanceColumn:
            return tr("The coordinator instance running this coin's mix. When an instance fails, its pools move "
                      "to another one and the coin follows.");
        case ErrorColumn: {
            QStringList lines;
            if (!s.lastError.isEmpty())
                lines << s.lastError;
            if (!s.advice.isEmpty())
                lines << s.advice;
            return lines.isEmpty() ? QVariant() : QVariant(lines.join(QStringLiteral("\n\n")));
        }
        default: return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case CoinColumn: return shortOutpoint(s.coin.outpoint);
        case AmountColumn: return formatBtc(s.coin.value);
        case PoolColumn: return s.coin.poolId;
        case StateColumn:
            if (s.state == CoinMixState::Waiting && s.lastErrorCode == proto::error::kInputBanned)
                return tr("Banned for a while");
            return stateText(s.state);
        case StepColumn: return stepText(s, t);
        case MixesColumn: return s.mixesDone;
        case InstanceColumn: return s.instance;
        case ErrorColumn: return s.lastError;
        default: return {};
        }
    default: return {};
    }
}

QVariant CoinTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case StepColumn: return tr("Where the current mix stands; hover a coin for what it means");
        case MixesColumn: return tr("Mixes this coin went through (remixes included)");
        case ErrorColumn: return tr("Why the last attempt failed; hover for what to do");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CoinColumn: return tr("Coin");
    case AmountColumn: return tr("Amount");
    case PoolColumn: return tr("Pool");
    case StateColumn: return tr("State");
    case StepColumn: return tr("Progress");
    case MixesColumn: return tr("Mixes");
    case InstanceColumn: return tr("Instance");
    case ErrorColumn: return tr("Last error");
    default: return {};
    }
}

bool CoinTableModel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == QCoreApplication::instance() && event->type() == QEvent::LanguageChange) {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    }
    return QAbstractTableModel::eventFilter(watched, event);
}

} // namespace wp::gui
