// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsObject>

#include <optional>
#include <string>

#include "model/RunResult.h"
#include "model/Scenario.h"

namespace headroom::ui {

/// One component on the canvas: a rounded box with its kind's icon, its name, how much of it
/// there is (×4 instances; 4 shards × 2 replicas) and the live numbers. At a zoom where the
/// details would be unreadably small only the icon and a larger name are drawn. It reads what it
/// shows from the document through the scene, and owns no model data.
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
    /// Shows the analytic engine's view of it (nothing: no result, e.g. while it has problems),
    /// and for a component with keys what they make of it ("hit 87% · 1.9 GB", "hot shard 1.9×").
    void showLoad(const model::PoolMetrics* metrics, bool bottleneck, const model::KeyedMetrics* keys = nullptr);
    /// Shows what is wrong with it ("rate: missing: …"), each at once: a red mark on the box and
    /// the list in its tooltip. None: the mark goes.
    void showProblems(QStringList problems);
    [[nodiscard]] const QStringList& problems() const { return m_problems; }

    /// What the item shows of its load ("λ 2 K/s · ρ 50% · 5.22 ms"), also its tooltip.
    [[nodiscard]] const QString& badge() const { return m_badge; }
    /// The line under the name: the kind (unless the name says it) and how much of it there is.
    [[nodiscard]] const QString& detail() const { return m_detail; }
    /// From this zoom every line is drawn; between kNameZoom and it, the name and one larger line
    /// (×8 · ρ 63%); below kNameZoom, the icon and the name alone, as large as they fit.
    static constexpr qreal kDetailZoom = 0.8;
    static constexpr qreal kNameZoom = 0.45;

    /// Where a call is dragged from: a port on the right edge, in item coordinates.
    [[nodiscard]] static QRectF portRect() { return {kWidth - 9.0, kHeight / 2.0 - 9.0, 18.0, 18.0}; }
    [[nodiscard]] static bool isOnPort(QPointF local) { return portRect().contains(local); }
    /// The box itself in scene coordinates: without the port and the problem mark that stick out.
    [[nodiscard]] QRectF sceneBox() const { return mapRectToScene(QRectF(0.0, 0.0, kWidth, kHeight)); }
    /// Where the number of its problems is drawn: on the top right corner.
    [[nodiscard]] static QRectF problemMark();

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
    void refreshToolTip();
    std::string m_id;
    QString m_title;
    QString m_detail;
    QString m_capacity;            ///< "×8", "4 shards × 2 replicas"
    model::ComponentKind m_kindValue = model::ComponentKind::Service;
    QPointF m_lastPosition;
    std::optional<double> m_load;  ///< the larger of CPU and worker utilization
    QString m_rate;                ///< "λ 2 K/s", drawn beside the kind
    QString m_loadText;            ///< "ρ 50% · 5.2 ms", drawn below
    QString m_badge;               ///< both, as the tooltip says it
    QString m_keysText;            ///< "hit 65% · 1 GB", "hot ×2.0": what a component's keys make of it
    QStringList m_problems;        ///< "rate: missing: …", from the live validation
    bool m_saturated = false;
    bool m_bottleneck = false;
    bool m_followingDocument = false;  ///< set while the scene moves it to the document's position
};

}  // namespace headroom::ui
