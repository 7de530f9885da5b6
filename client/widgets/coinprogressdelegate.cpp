#include <widgets/coinprogressdelegate.h>

#include <widgets/cointablemodel.h>

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

namespace wp::gui {

void CoinProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int progress = index.data(CoinTableModel::ProgressRole).toInt();
    if (!index.data(CoinTableModel::ProgressRole).isValid() || progress < 0) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The selection background first, so a selected row stays visibly selected.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    QStyleOptionProgressBar bar;
    bar.initFrom(widget);
    const int margin = std::max(1, option.fontMetrics.height() / 8);
    bar.rect = option.rect.adjusted(margin, margin, -margin, -margin);
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = std::clamp(progress, 0, 100);
    // One line, elided: the style would wrap a long text inside the bar.
    bar.text = option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight,
                                             bar.rect.width() - option.fontMetrics.averageCharWidth());
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    // A step during which leaving gets the coin blamed is highlighted.
    if (!index.data(CoinTableModel::InterruptableRole).toBool())
        bar.palette.setColor(QPalette::Highlight, QColor(0xd0, 0x7a, 0x12));
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize CoinProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics &fm = option.fontMetrics;
    size.setHeight(std::max(size.height(), fm.height() + fm.height() / 2));
    size.setWidth(std::max(size.width(), fm.horizontalAdvance(QLatin1Char('x')) * 28));
    return size;
}

} // namespace wp::gui
