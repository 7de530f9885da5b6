#pragma once

class QWidget;

namespace wp::gui {

/// Makes @p window tall (and wide) enough for its current contents after
/// something was shown or a label grew: never shrinks it, honours
/// height-for-width layouts (word-wrapped labels). No-op without a layout or
/// before the window is shown (Qt then sizes it from its size hint).
void growToContents(QWidget *window);

} // namespace wp::gui
