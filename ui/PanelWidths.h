// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <map>

class QMainWindow;

namespace headroom::ui {

/// Keeps the side panels at the widths the user gave them. A window made smaller squeezes them;
/// made larger again, it gives them their widths back before the canvas takes the rest (issue
/// 15: after a shrink and a restore the panels stayed squeezed). A width is the user's when they
/// drag a panel's edge, or the one the window starts with.
class PanelWidths final : public QObject {
public:
    explicit PanelWidths(QMainWindow& window);

    /// The width the panels of a side area should have when there is room.
    void want(Qt::DockWidgetArea area, int width);
    [[nodiscard]] int wanted(Qt::DockWidgetArea area) const;

    /// What the canvas keeps however wide the panels want to be.
    static constexpr int kCanvasAtLeast = 360;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    /// The width of a side area now: that of a visible panel docked there; 0 when there is none.
    [[nodiscard]] int widthOf(Qt::DockWidgetArea area) const;
    void rememberWidths();
    void restoreWidths();

    QMainWindow& m_window;
    std::map<Qt::DockWidgetArea, int> m_wanted;
};

}  // namespace headroom::ui
