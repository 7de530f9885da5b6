#pragma once

#include <QStyledItemDelegate>

namespace wp::gui {

/// Paints CoinTableModel's step column as a progress bar (the classic client's
/// 12 steps, 10..100 %) with the step's words on it, using the widget style.
/// Cells whose CoinTableModel::ProgressRole is negative (not mixing) are painted
/// as plain text. Size hints come from the font metrics (high-DPI clean).
class CoinProgressDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace wp::gui
