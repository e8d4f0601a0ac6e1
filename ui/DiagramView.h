// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsView>

#include "model/ComponentKind.h"

namespace headroom::ui {

/// The canvas's view: zoom (Ctrl + wheel, or the View menu), fit, rubber-band selection, and
/// drops of kinds from the palette.
class DiagramView final : public QGraphicsView {
    Q_OBJECT
public:
    explicit DiagramView(QGraphicsScene* scene, QWidget* parent = nullptr);

    void zoomBy(double factor);
    void fitAll();
    [[nodiscard]] double zoom() const { return transform().m11(); }

signals:
    /// A kind was dropped at `scenePosition`.
    void kindDropped(headroom::model::ComponentKind kind, QPointF scenePosition);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
};

}  // namespace headroom::ui
