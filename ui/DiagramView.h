// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsView>

#include <optional>

#include "model/ComponentKind.h"

namespace headroom::ui {

/// The canvas's view: zoom (Ctrl + wheel, or the View menu), fit, pan (middle button, or the
/// wheel), rubber-band selection, and drops of kinds from the palette.
class DiagramView final : public QGraphicsView {
    Q_OBJECT
public:
    explicit DiagramView(QGraphicsScene* scene, QWidget* parent = nullptr);

    void zoomBy(double factor);
    /// Shows every box, as large as fits (never beyond life size); before the view is shown,
    /// as soon as it is.
    void fitAll();
    [[nodiscard]] double zoom() const { return transform().m11(); }

signals:
    /// A kind was dropped at `scenePosition`.
    void kindDropped(headroom::model::ComponentKind kind, QPointF scenePosition);
    /// Tab (forward) or Shift+Tab in the canvas: the next box, not the next widget.
    void nextBoxRequested(bool forward);

protected:
    void wheelEvent(QWheelEvent* event) override;
    bool focusNextPrevChild(bool next) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void fitNow();
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;

private:
    std::optional<QPoint> m_panningFrom;  ///< while the middle button drags the canvas
    bool m_fitWhenSized = false;          ///< a fit asked for before the view had its size
};

}  // namespace headroom::ui
