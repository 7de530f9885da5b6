#include <widgets/layouthelpers.h>

#include <QLayout>
#include <QWidget>

namespace wp::gui {

void growToContents(QWidget *window)
{
    QLayout *layout = window->layout();
    // Before the first show() Qt sizes the window from its size hint by itself.
    if (!layout || !window->isVisible())
        return;
    layout->activate();
    const int width = std::max(window->width(), layout->sizeHint().width());
    const int height = layout->hasHeightForWidth() ? layout->totalHeightForWidth(width) : layout->sizeHint().height();
    window->resize(width, std::max(window->height(), height));
}

} // namespace wp::gui
