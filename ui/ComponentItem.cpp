// SPDX-License-Identifier: MIT
#include "ui/ComponentItem.h"

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace headroom::ui {

ComponentItem::ComponentItem(std::string id) : m_id(std::move(id)), m_title(QString::fromStdString(m_id)) {
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
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

QRectF ComponentItem::boundingRect() const { return {0.0, 0.0, kWidth, kHeight}; }

void ComponentItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(selected ? QColor(0x1e, 0x6f, 0xd9) : QColor(0x55, 0x5a, 0x64), selected ? 2.0 : 1.0));
    painter->setBrush(QColor(0xf7, 0xf8, 0xfa));
    painter->drawRoundedRect(boundingRect().adjusted(1, 1, -1, -1), 8, 8);
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
    painter->drawText(QRectF(8, 28, kWidth - 16, 20), Qt::AlignLeft | Qt::AlignVCenter, m_kind);
}

void ComponentItem::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    m_lastPosition = pos();
    QGraphicsObject::mousePressEvent(event);
}

QVariant ComponentItem::itemChange(GraphicsItemChange change, const QVariant& value) {
    if (change == ItemPositionHasChanged && !m_followingDocument) {
        const QPointF now = value.toPointF();
        emit dragged(QString::fromStdString(m_id), m_lastPosition, now);
        m_lastPosition = now;
    }
    return QGraphicsObject::itemChange(change, value);
}

}  // namespace headroom::ui
