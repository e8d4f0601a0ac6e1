// SPDX-License-Identifier: MIT
#include "ui/ComponentItem.h"

#include <cmath>

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "model/UnitFormat.h"

namespace headroom::ui {

ComponentItem::ComponentItem(std::string id) : m_id(std::move(id)), m_title(QString::fromStdString(m_id)) {
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    // Drawn once into a pixmap and copied on repaint: redrawing the text of hundreds of boxes
    // would not fit in a frame.
    setCacheMode(DeviceCoordinateCache);
}

void ComponentItem::setComponentId(std::string id) {
    m_id = std::move(id);
    update();
}

void ComponentItem::showComponent(const model::Component& component) {
    m_title = QString::fromStdString(component.label.value_or(component.id));
    m_kind = QString::fromUtf8(model::kindName(component.kind).data(), static_cast<qsizetype>(model::kindName(component.kind).size()));
    update();
}

void ComponentItem::showLoad(const model::PoolMetrics* metrics, bool bottleneck) {
    std::optional<double> load;
    QString rate;
    QString badge;
    bool saturated = false;
    if (metrics) {
        if (metrics->utilization || metrics->workerUtilization)
            load = std::max(metrics->utilization.value_or(0.0), metrics->workerUtilization.value_or(0.0));
        saturated = !metrics->stable;
        // λ, ρ, R: what arrives (drawn beside the kind), how busy it keeps the box and how long
        // a visit takes (the line below).
        rate = "λ " + QString::fromStdString(model::formatRate(model::PerSecond{metrics->arrivalRate}));
        if (load) badge = QString("ρ %1%").arg(*load * 100.0, 0, 'f', *load < 0.1 ? 1 : 0);
        if (metrics->meanResponseTime)
            badge += (badge.isEmpty() ? "" : " · ") + QString::fromStdString(model::formatDuration(model::Seconds{*metrics->meanResponseTime}));
        if (saturated) badge = "saturated";
    }
    // An edit changes few boxes: repaint only those whose picture changes.
    const auto shade = [](const std::optional<double>& l) { return l ? (*l >= 0.85 ? 3 : *l >= 0.6 ? 2 : 1) : 0; };
    if (rate == m_rate && badge == m_loadText && saturated == m_saturated && bottleneck == m_bottleneck && shade(load) == shade(m_load)) {
        m_load = load;
        return;
    }
    m_load = load;
    m_rate = rate;
    m_loadText = badge;
    m_badge = rate.isEmpty() ? badge : badge.isEmpty() ? rate : rate + " · " + badge;
    m_saturated = saturated;
    m_bottleneck = bottleneck;
    setToolTip(m_badge);
    update();
}

QRectF ComponentItem::boundingRect() const { return QRectF(0.0, 0.0, kWidth, kHeight).united(portRect()); }

void ComponentItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(selected ? QColor(0x1e, 0x6f, 0xd9) : QColor(0x55, 0x5a, 0x64), selected ? 2.0 : 1.0));
    // Load as a colour: calm below 60 %, warm to 85 %, hot beyond or saturated.
    QColor fill(0xf7, 0xf8, 0xfa);
    if (m_saturated || (m_load && *m_load >= 0.85)) fill = QColor(0xfd, 0xe2, 0xe1);
    else if (m_load && *m_load >= 0.6) fill = QColor(0xfe, 0xf3, 0xc7);
    else if (m_load) fill = QColor(0xe3, 0xf6, 0xe8);
    if (m_bottleneck && !selected) painter->setPen(QPen(QColor(0xc2, 0x41, 0x0c), 2.0));
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(0.0, 0.0, kWidth, kHeight).adjusted(1, 1, -1, -1), 8, 8);
    painter->setPen(QColor(0x1f, 0x23, 0x29));
    QFont title = painter->font();
    title.setBold(true);
    painter->setFont(title);
    painter->drawText(QRectF(8, 6, kWidth - 16, 22), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    QFont small = painter->font();
    small.setBold(false);
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter->setFont(small);
    painter->setPen(QColor(0x6b, 0x72, 0x80));
    painter->drawText(QRectF(8, 28, kWidth - 16, 20), Qt::AlignLeft | Qt::AlignVCenter, m_rate.isEmpty() ? m_kind : m_kind + " · " + m_rate);
    if (!m_loadText.isEmpty()) {
        painter->setPen(m_saturated ? QColor(0xb9, 0x1c, 0x1c) : QColor(0x1f, 0x23, 0x29));
        painter->drawText(QRectF(8, 48, kWidth - 16, 20), Qt::AlignLeft | Qt::AlignVCenter, m_loadText);
    }
    // The port a call is dragged from.
    painter->setPen(QPen(QColor(0x55, 0x5a, 0x64), 1.2));
    painter->setBrush(Qt::white);
    painter->drawEllipse(QPointF(kWidth, kHeight / 2.0), 4.5, 4.5);
}

void ComponentItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    m_lastPosition = pos();
    QGraphicsObject::mousePressEvent(event);
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionChange && !m_followingDocument) {
        // Boxes the user moves snap to the canvas's grid.
        const QPointF wanted = value.toPointF();
        return QPointF(std::round(wanted.x() / kGrid) * kGrid, std::round(wanted.y() / kGrid) * kGrid);
    }
    if (change == ItemPositionHasChanged && !m_followingDocument) {
        const QPointF now = value.toPointF();
        emit dragged(QString::fromStdString(m_id), m_lastPosition, now);
        m_lastPosition = now;
    }
    return QGraphicsObject::itemChange(change, value);
}

}  // namespace headroom::ui
