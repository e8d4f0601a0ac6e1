// SPDX-License-Identifier: MIT
#include "ui/PanelWidths.h"

#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QTimer>

namespace headroom::ui {
namespace {

QDockWidget* visiblePanelIn(const QMainWindow& window, Qt::DockWidgetArea area) {
    for (QDockWidget* dock : window.findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly))
        if (dock->isVisible() && !dock->isFloating() && window.dockWidgetArea(dock) == area) return dock;
    return nullptr;
}

constexpr Qt::DockWidgetArea kSides[] = {Qt::LeftDockWidgetArea, Qt::RightDockWidgetArea};

}  // namespace

PanelWidths::PanelWidths(QMainWindow& window) : QObject(&window), m_window(window) { window.installEventFilter(this); }

void PanelWidths::want(Qt::DockWidgetArea area, int width) { m_wanted[area] = width; }

int PanelWidths::wanted(Qt::DockWidgetArea area) const {
    const auto found = m_wanted.find(area);
    return found == m_wanted.end() ? 0 : found->second;
}

int PanelWidths::widthOf(Qt::DockWidgetArea area) const {
    const QDockWidget* dock = visiblePanelIn(m_window, area);
    return dock ? dock->width() : 0;
}

bool PanelWidths::eventFilter(QObject* watched, QEvent* event) {
    if (watched != &m_window) return false;
    // A panel's edge is dragged with the window's own mouse events (the separators are not
    // widgets): when the button comes up, the widths are the user's.
    if (event->type() == QEvent::MouseButtonRelease) QTimer::singleShot(0, this, &PanelWidths::rememberWidths);
    // The window lays its panels out after this event: restore once it has.
    if (event->type() == QEvent::Resize) QTimer::singleShot(0, this, &PanelWidths::restoreWidths);
    return false;
}

void PanelWidths::rememberWidths() {
    for (const Qt::DockWidgetArea area : kSides)
        if (const int width = widthOf(area); width > 0) m_wanted[area] = width;
}

void PanelWidths::restoreWidths() {
    // What the side panels may have: the window less the canvas's share, split as they want it.
    int wantedInAll = 0;
    for (const Qt::DockWidgetArea area : kSides)
        if (widthOf(area) > 0) wantedInAll += wanted(area);
    if (wantedInAll == 0) return;
    const double room = std::min(1.0, std::max(0, m_window.width() - kCanvasAtLeast) / double(wantedInAll));
    QList<QDockWidget*> docks;
    QList<int> widths;
    for (const Qt::DockWidgetArea area : kSides) {
        QDockWidget* dock = visiblePanelIn(m_window, area);
        if (!dock || wanted(area) == 0) continue;
        const int width = int(wanted(area) * room);
        if (dock->width() >= width) continue;  // not squeezed: leave it be
        docks << dock;
        widths << width;
    }
    if (!docks.isEmpty()) m_window.resizeDocks(docks, widths, Qt::Horizontal);
}

}  // namespace headroom::ui
