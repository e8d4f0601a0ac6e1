// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsObject>

#include <optional>
#include <string>

#include "model/RunResult.h"
#include "model/Scenario.h"

namespace headroom::ui {

/// One component on the canvas: a rounded box with its kind and id. It reads what it shows
/// from the document through the scene, and owns no model data.
class ComponentItem final : public QGraphicsObject {
    Q_OBJECT
public:
    static constexpr qreal kWidth = 140.0;
    static constexpr qreal kHeight = 74.0;
    static constexpr qreal kGrid = 20.0;  ///< the canvas's grid, which moved boxes snap to

    explicit ComponentItem(std::string id);

    [[nodiscard]] const std::string& componentId() const { return m_id; }
    void setComponentId(std::string id);
    /// Shows a component's current kind and label.
    void showComponent(const model::Component& component);
    /// Shows the analytic engine's view of it (nothing: no result, e.g. while it has problems).
    void showLoad(const model::PoolMetrics* metrics, bool bottleneck);

    /// What the item shows of its load ("λ 2 K/s · ρ 50% · 5.22 ms"), also its tooltip.
    [[nodiscard]] const QString& badge() const { return m_badge; }

    /// Where a call is dragged from: a port on the right edge, in item coordinates.
    [[nodiscard]] static QRectF portRect() { return {kWidth - 9.0, kHeight / 2.0 - 9.0, 18.0, 18.0}; }
    [[nodiscard]] static bool isOnPort(QPointF local) { return portRect().contains(local); }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

signals:
    /// The user moved the item (not the document moving it): from where to where.
    void dragged(const QString& id, QPointF from, QPointF to);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    friend class DiagramScene;
    std::string m_id;
    QString m_title;
    QString m_kind;
    QPointF m_lastPosition;
    std::optional<double> m_load;  ///< the larger of CPU and worker utilization
    QString m_rate;                ///< "λ 2 K/s", drawn beside the kind
    QString m_loadText;            ///< "ρ 50% · 5.2 ms", drawn below
    QString m_badge;               ///< both, as the tooltip says it
    bool m_saturated = false;
    bool m_bottleneck = false;
    bool m_followingDocument = false;  ///< set while the scene moves it to the document's position
};

}  // namespace headroom::ui
