#pragma once

#include <protocol/messages.h>

#include <QAbstractTableModel>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QWidget>

class QLabel;
class QTableView;

namespace wp::gui {

/// One pool as the cluster announced it, and the name of the instance that
/// owns (mixes) it. Plain value type.
struct PoolEntry {
    proto::PoolInfo pool;
    QString ownerInstance; ///< empty: unknown (shown from pool.ownerUrlClear)
};

/// The cluster's pools: pool, denomination, Tx0 fee, anonymity set, coins
/// registered (liquidity), the current mix's status, and the owner instance.
/// Retranslates itself when the application's language changes.
///
/// Thread affinity: the GUI thread.
class PoolsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        PoolColumn,
        DenominationColumn,
        FeeColumn,
        AnonsetColumn,
        RegisteredColumn,
        StatusColumn,
        OwnerColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< numbers as numbers
        PoolIdRole,                  ///< QString pool id
    };

    explicit PoolsModel(QObject *parent = nullptr);

    /// Replaces the pools shown.
    void setPools(const QList<PoolEntry> &pools);
    const QList<PoolEntry> &pools() const { return m_pools; }

    /// A pool's mix status as users read it ("CONFIRM_INPUT" -> "Waiting for participants"),
    /// translated; unknown values are returned as given.
    static QString mixStatusText(const QString &mixStatus);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QList<PoolEntry> m_pools;
};

/// The pools table with a line saying which instance answered and when, or why
/// the pools could not be fetched. Retranslates itself on QEvent::LanguageChange.
///
/// Thread affinity: the GUI thread.
class PoolsWidget : public QWidget {
    Q_OBJECT
public:
    explicit PoolsWidget(QWidget *parent = nullptr);

    /// Shows @p pools, fetched from instance @p answeredBy at wall clock @p fetchedAtMs;
    /// clears any error.
    void setPools(const QList<PoolEntry> &pools, const QString &answeredBy = {}, qint64 fetchedAtMs = 0);
    /// Shows why the pools could not be fetched (the table keeps the last known pools).
    void setError(const QString &message);

    PoolsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateStatus();

    PoolsModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_status = nullptr;
    QString m_answeredBy;
    qint64 m_fetchedAtMs = 0;
    QString m_error;
};

} // namespace wp::gui

Q_DECLARE_METATYPE(wp::gui::PoolEntry)
