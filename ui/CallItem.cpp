// SPDX-License-Identifier: MIT
#include "ui/CallItem.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <cmath>

#include "model/UnitFormat.h"

namespace headroom::ui {
namespace {

const QColor kLine(0x6b, 0x72, 0x80);
const QColor kSelected(0x1e, 0x6f, 0xd9);

}  // namespace

QFont CallItem::labelFont() {
    QFont font;
    font.setPixelSize(11);
    return font;
}

QRectF CallItem::labelRect() const { return {m_middle - QPointF(m_labelWidth / 2.0, 8.0), QSizeF(m_labelWidth, 16.0)}; }

QString callLabel(const model::Call& call) {
    QStringList parts;
    if (call.times && *call.times > 1) parts << QString::fromUtf8("×%1").arg(*call.times);
    if (call.probability && *call.probability < 1.0) parts << QString::fromStdString(model::formatNumber(*call.probability * 100.0, 3)) + " %";
    if (call.requestClass) parts << QObject::tr("class %1").arg(QString::fromStdString(*call.requestClass));
    return parts.join(QString::fromUtf8(" · "));
}

CallItem::CallItem(std::string from, std::string to, std::optional<std::size_t> index)
    : m_from(std::move(from)), m_to(std::move(to)), m_index(index) {
    setZValue(-1);  // under the boxes
    if (m_index) setFlag(ItemIsSelectable);
    setPen(QPen(kLine, 1.5));
    setBrush(kLine);
}

void CallItem::rename(const std::string& before, const std::string& after) {
    if (m_from == before) m_from = after;
    if (m_to == before) m_to = after;
}

void CallItem::showCall(const model::Call* call) {
    QPen line = pen();
    line.setStyle(!call || call->mode == model::CallMode::Async ? Qt::DashLine : Qt::SolidLine);
    setPen(line);
    prepareGeometryChange();
    m_label = call ? callLabel(*call) : QString();
    m_labelWidth = m_label.isEmpty() ? 0.0 : QFontMetricsF(labelFont()).horizontalAdvance(m_label) + 8.0;
    update();
}

void CallItem::place(QPointF start, QPointF tip, QPointF exit) {
    QPainterPath path(start);
    path.lineTo(tip);
    const QPointF d = tip - start;
    const double length = std::hypot(d.x(), d.y());
    if (length > 1.0) {
        const QPointF unit = d / length;
        const QPointF normal(-unit.y(), unit.x());
        const QPointF base = tip - unit * 10.0;
        path.addPolygon(QPolygonF({tip, base + normal * 4.5, base - normal * 4.5, tip}));
    }
    prepareGeometryChange();
    m_middle = (exit + tip) / 2.0;
    setPath(path);
}

QPainterPath CallItem::shape() const {
    // A line is hard to hit: anywhere within 5 units of it counts, and its label.
    QPainterPathStroker stroker;
    stroker.setWidth(10.0);
    QPainterPath area = stroker.createStroke(path());
    if (!m_label.isEmpty()) area.addRect(labelRect());
    return area;
}

QRectF CallItem::boundingRect() const {
    QRectF bounds = QGraphicsPathItem::boundingRect().adjusted(-5, -5, 5, 5);
    if (!m_label.isEmpty()) bounds |= labelRect().adjusted(-1, -1, 1, 1);
    return bounds;
}

void CallItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const bool selected = option->state & QStyle::State_Selected;
    painter->setRenderHint(QPainter::Antialiasing);
    QPen line = pen();
    line.setColor(selected ? kSelected : kLine);
    line.setWidthF(selected ? 2.5 : 1.5);
    painter->setPen(line);
    painter->setBrush(Qt::NoBrush);
    // The shaft with the pen, the head filled.
    const QPainterPath& shape = path();
    if (shape.elementCount() >= 2) painter->drawLine(QPointF(shape.elementAt(0)), QPointF(shape.elementAt(1)));
    painter->setPen(QPen(selected ? kSelected : kLine, 1.0));
    painter->setBrush(selected ? kSelected : kLine);
    QPainterPath head;
    for (int i = 2; i < shape.elementCount(); ++i)
        i == 2 ? head.moveTo(QPointF(shape.elementAt(i))) : head.lineTo(QPointF(shape.elementAt(i)));
    painter->drawPath(head);
    if (m_label.isEmpty()) return;
    painter->setFont(labelFont());
    const QRectF box = labelRect();
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 230));
    painter->drawRoundedRect(box, 4, 4);
    painter->setPen(selected ? kSelected : QColor(0x37, 0x3d, 0x49));
    painter->drawText(box, Qt::AlignCenter, m_label);
}

}  // namespace headroom::ui
