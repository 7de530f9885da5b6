#pragma once

#include <mixer/mixorchestrator.h>

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

namespace wp::gui {

/// The wallet's mixable coins as the MixOrchestrator sees them, one row per
/// coin in the orchestrator's order: coin (short txid:n), amount, pool, state,
/// step (with progress, see CoinProgressDelegate), mixes done, coordinator
/// instance, last error. Answers "is it stuck?": the step column says how long
/// the coin has been in its step and, while waiting for a retry, counts down;
/// tooltips say whether waiting is normal, whether stopping now would get the
/// coin blamed, and for errors (bans included) what happened and what to do.
///
/// Follows the orchestrator's coinChanged()/coinsChanged() signals; a 1 s timer
/// refreshes durations and countdowns while a coin mixes or waits. Retranslates
/// itself when the application's language changes.
///
/// Thread affinity: the GUI thread. Never blocks.
class CoinTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        CoinColumn,
        AmountColumn,
        PoolColumn,
        StateColumn,
        StepColumn,
        MixesColumn,
        InstanceColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role {
        ProgressRole = Qt::UserRole + 1, ///< int percent of the running session; -1 when not mixing (no bar)
        StateRole,                       ///< int(client::CoinMixState)
        StepRole,                        ///< int(client::MixStep)
        OutPointRole,                    ///< QString "txid:n" (full)
        InterruptableRole,               ///< bool: stopping now does not get the coin blamed
        SortRole,                        ///< a value sorting the column naturally (amounts as numbers)
    };

    explicit CoinTableModel(QObject *parent = nullptr);
    ~CoinTableModel() override;

    /// Shows @p orchestrator's coins and follows its changes; nullptr shows
    /// nothing. Not owned: the model stops following it when it is destroyed.
    void setOrchestrator(client::MixOrchestrator *orchestrator);
    client::MixOrchestrator *orchestrator() const { return m_orchestrator; }

    /// Replaces the wall clock (ms since the epoch) used for durations and countdowns, for tests.
    /// @p now must not be empty.
    void setClock(std::function<qint64()> now);

    /// The coin at @p row. Returns: nullopt outside [0, rowCount()).
    std::optional<client::CoinStatus> statusAt(int row) const;
    /// The row of @p outpoint, or -1.
    int rowOf(const btc::OutPoint &outpoint) const;

    /// The state as users read it ("Mixing", "Retrying soon", "Needs attention"), translated.
    static QString stateText(client::CoinMixState state);
    /// What the step column shows for @p status at wall clock @p nowMs (translated).
    QString stepText(const client::CoinStatus &status, qint64 nowMs) const;
    /// The step column's tooltip: is this wait normal, may the user stop now (translated).
    QString stepToolTip(const client::CoinStatus &status, qint64 nowMs) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void reload();
    void onCoinChanged(const client::CoinStatus &status);
    void onTick();
    void updateTimer();
    void noteStep(const client::CoinStatus &status);
    qint64 now() const { return m_now(); }

    QPointer<client::MixOrchestrator> m_orchestrator;
    QList<client::CoinStatus> m_rows;
    QHash<btc::OutPoint, int> m_rowOf;
    /// When each coin entered its current (state, step), for "how long".
    struct Since {
        client::CoinMixState state;
        client::MixStep step;
        qint64 sinceMs;
    };
    QHash<btc::OutPoint, Since> m_since;
    std::function<qint64()> m_now;
    QTimer m_tick;
};

} // namespace wp::gui
