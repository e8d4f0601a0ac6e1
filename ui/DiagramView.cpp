// SPDX-License-Identifier: MIT
#include "ui/DiagramView.h"

#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <cmath>

#include "ui/PaletteWidget.h"

namespace headroom::ui {
namespace {

constexpr double kMinZoom = 0.1;
constexpr double kMaxZoom = 4.0;
constexpr double kGrid = 20.0;  ///< scene units between grid dots

}  // namespace

DiagramView::DiagramView(QGraphicsScene* scene, QWidget* parent) : QGraphicsView(scene, parent) {
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setAcceptDrops(true);
}

void DiagramView::zoomBy(double factor) {
    m_fitWhenSized = false;
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    scale(target / zoom(), target / zoom());
}

void DiagramView::fitAll() {
    // Before the window is shown the viewport has a placeholder size: fitting to it made a file
    // opened from the command line a speck. Fit as the view gets its real size (the window and
    // its docks settle in a few resizes), until the user zooms or moves the view.
    m_fitWhenSized = !isVisible();
    if (m_fitWhenSized) return;
    fitNow();
}

void DiagramView::fitNow() {
    const QRectF bounds = scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    if (bounds.isEmpty()) return;
    fitInView(bounds, Qt::KeepAspectRatio);
    if (zoom() > 1.0) scale(1.0 / zoom(), 1.0 / zoom());  // fit never enlarges beyond life size
}

bool DiagramView::focusNextPrevChild(bool next) {
    emit nextBoxRequested(next);
    return true;  // the focus stays on the canvas
}

void DiagramView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_fitWhenSized && isVisible()) fitNow();
}

void DiagramView::showEvent(QShowEvent* event) {
    QGraphicsView::showEvent(event);
    if (m_fitWhenSized) fitNow();
}

void DiagramView::wheelEvent(QWheelEvent* event) {
    m_fitWhenSized = false;
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(std::pow(1.0015, event->angleDelta().y()));
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void DiagramView::mousePressEvent(QMouseEvent* event) {
    m_fitWhenSized = false;
    if (event->button() == Qt::MiddleButton) {
        m_panningFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent* event) {
    if (m_panningFrom) {
        const QPoint now = event->position().toPoint();
        const QPoint delta = now - *m_panningFrom;
        m_panningFrom = now;
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panningFrom && event->button() == Qt::MiddleButton) {
        m_panningFrom.reset();
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DiagramView::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasFormat(kKindMimeType)) event->acceptProposedAction();
    else event->ignore();  // files go to the window
}

void DiagramView::dragMoveEvent(QDragMoveEvent* event) {
    if (event->mimeData()->hasFormat(kKindMimeType)) event->acceptProposedAction();
    else event->ignore();
}

void DiagramView::dropEvent(QDropEvent* event) {
    const auto kind = model::kindFromName(event->mimeData()->data(kKindMimeType).toStdString());
    if (!kind) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit kindDropped(*kind, mapToScene(event->position().toPoint()));
}

void DiagramView::drawBackground(QPainter* painter, const QRectF& rect) {
    painter->fillRect(rect, QColor(0xf8, 0xf9, 0xfb));
    if (zoom() < 0.4) return;  // dots would be noise
    painter->setPen(QPen(QColor(0xd5, 0xd9, 0xe0), 1.5));
    const double left = std::floor(rect.left() / kGrid) * kGrid;
    const double top = std::floor(rect.top() / kGrid) * kGrid;
    QVector<QPointF> dots;
    for (double x = left; x < rect.right(); x += kGrid)
        for (double y = top; y < rect.bottom(); y += kGrid) dots.append(QPointF(x, y));
    painter->drawPoints(dots.data(), int(dots.size()));
}

}  // namespace headroom::ui
