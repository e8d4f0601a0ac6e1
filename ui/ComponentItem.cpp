// SPDX-License-Identifier: MIT
#include "ui/ComponentItem.h"

#include <cmath>

#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "model/UnitFormat.h"
#include "ui/KindIcons.h"

#include <QSvgRenderer>
#include <map>
#include <memory>

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

namespace {

/// How much of a component there is, as its box says it: "×4", "4 shards × 2 replicas",
/// "up to 100 at once"; empty for one of a kind that scales no other way.
QString capacityOf(const model::Component& c) {
    QStringList parts;
    if (c.shards && *c.shards > 1) parts << QObject::tr("%1 shards").arg(*c.shards);
    if (c.replicas && *c.replicas > 0) parts << (*c.replicas == 1 ? QObject::tr("1 replica") : QObject::tr("%1 replicas").arg(*c.replicas));
    if (c.concurrency) parts << QObject::tr("up to %1 at once").arg(*c.concurrency);
    QString text = parts.join(QString::fromUtf8(" × "));
    if (c.instances && *c.instances > 1) text = QString::fromUtf8("×%1").arg(*c.instances) + (text.isEmpty() ? QString() : " · " + text);
    return text;
}

/// One renderer per kind's icon, made on first use.
QSvgRenderer& iconRenderer(model::ComponentKind kind) {
    static std::map<model::ComponentKind, std::unique_ptr<QSvgRenderer>> renderers;
    auto& renderer = renderers[kind];
    if (!renderer) renderer = std::make_unique<QSvgRenderer>(kindSvg(kind));
    return *renderer;
}

/// The name in `where`, at the largest size from `largest` px down to 12 px at which it fits, on
/// two lines if need be (broken after an underscore: feed_ / service); clipped beyond.
void drawFittedName(QPainter* painter, const QString& title, QFont font, const QRectF& where, int largest) {
    QString name = title;
    name.replace('_', QString::fromUtf8("_\u200B"));  // a place to break the line
    const int flags = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap;
    int size = largest;
    for (; size > 12; --size) {
        font.setPixelSize(size);
        const QRect needed = QFontMetrics(font).boundingRect(where.toRect(), flags, name);
        if (needed.width() <= where.width() && needed.height() <= where.height()) break;
    }
    font.setPixelSize(size);
    painter->setFont(font);
    painter->save();
    painter->setClipRect(where);
    painter->drawText(where, flags, name);
    painter->restore();
}

}  // namespace

void ComponentItem::showComponent(const model::Component& component) {
    m_title = QString::fromStdString(component.label.value_or(component.id));
    m_kindValue = component.kind;
    // The kind, unless the name already says it ("cache" called cache), then the capacity.
    const QString kind = kindLabel(component.kind);
    const QString name = m_title.toLower().replace('_', ' ');
    const bool named = name.contains(kind.toLower());
    QStringList detail;
    if (!named) detail << kind;
    m_capacity = capacityOf(component);
    if (!m_capacity.isEmpty()) detail << m_capacity;
    m_detail = detail.join(' ');
    update();
}

void ComponentItem::showLoad(const model::PoolMetrics* metrics, bool bottleneck, const model::KeyedMetrics* keys) {
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
        // A moment of a simulated run: how many instances were in service then, and for an
        // autoscaled one how many were booting (launched and paid for, not yet taking traffic).
        if (const auto& up = metrics->instancesInService) {
            const double booting = metrics->instancesBooting.value_or(0.0);
            if (booting >= 0.05)
                badge = QString("%1 up + %2 booting · ").arg(*up, 0, 'f', 0).arg(booting, 0, 'f', 0) + badge;
            else if (metrics->instancesBooting && std::abs(*up - double(metrics->instances)) >= 0.05)
                badge = QString("%1 up · ").arg(*up, 0, 'f', 0) + badge;
            else if (*up < double(metrics->instances) - 0.05)
                badge = QString("%1/%2 up · ").arg(*up, 0, 'f', 0).arg(metrics->instances) + badge;
        }
    }
    QString keyed;
    if (keys && !saturated) {
        if (keys->hitRatio) keyed = QString("hit %1%").arg(*keys->hitRatio * 100.0, 0, 'f', *keys->hitRatio >= 0.995 ? 1 : 0);
        if (keys->memoryBytes) keyed += " · " + QString::fromStdString(model::formatSize(model::Bytes{*keys->memoryBytes}));
        if (const auto hottest = keys->hottestShard(); hottest && hottest->second >= 1.05)
            keyed = QString("hot ×%1").arg(hottest->second, 0, 'f', 1);
        if (!keyed.isEmpty()) badge = badge.isEmpty() ? keyed : keyed + " · " + badge;
    }
    const bool keysChanged = keyed != m_keysText;
    m_keysText = keyed;
    // An edit changes few boxes: repaint only those whose picture changes.
    const auto shade = [](const std::optional<double>& l) { return l ? (*l >= 0.85 ? 3 : *l >= 0.6 ? 2 : 1) : 0; };
    if (!keysChanged && rate == m_rate && badge == m_loadText && saturated == m_saturated && bottleneck == m_bottleneck && shade(load) == shade(m_load)) {
        m_load = load;
        return;
    }
    m_load = load;
    m_rate = rate;
    m_loadText = badge;
    m_badge = rate.isEmpty() ? badge : badge.isEmpty() ? rate : rate + " · " + badge;
    m_saturated = saturated;
    m_bottleneck = bottleneck;
    refreshToolTip();
    update();
}

void ComponentItem::showProblems(QStringList problems) {
    if (problems == m_problems) return;
    m_problems = std::move(problems);
    refreshToolTip();
    update();
}

void ComponentItem::refreshToolTip() {
    if (m_problems.isEmpty()) return setToolTip(m_badge);
    QStringList lines;
    for (const QString& problem : m_problems) lines << "• " + problem.toHtmlEscaped();
    setToolTip(tr("<b>%n problem(s) to fix:</b><br>", "", int(m_problems.size())) + lines.join("<br>"));
}

QRectF ComponentItem::problemMark() { return {kWidth - 11.0, -7.0, 18.0, 18.0}; }

QRectF ComponentItem::boundingRect() const { return QRectF(0.0, 0.0, kWidth, kHeight).united(portRect()).united(problemMark()); }

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
    if (!m_problems.isEmpty() && !selected) painter->setPen(QPen(QColor(0xb9, 0x1c, 0x1c), 1.5, Qt::DashLine));
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(0.0, 0.0, kWidth, kHeight).adjusted(1, 1, -1, -1), 8, 8);
    const qreal zoom = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    QFont title = painter->font();
    title.setBold(true);
    painter->setPen(QColor(0x1f, 0x23, 0x29));
    if (zoom < kDetailZoom) {
        // Zoomed out: the icon and the name as large as they fit, and between the two zooms
        // one line of what matters most (how many, how busy), in a size that stays readable.
        const bool oneLine = zoom >= kNameZoom;
        QString summary = m_capacity;
        if (oneLine) {
            // A keyed cache's hit ratio says more than its rate; a hot shard, more than the mean load.
            const QString busy = m_saturated ? tr("saturated")
                                 : !m_keysText.isEmpty() && !m_load ? m_keysText
                                 : m_load ? QString("ρ %1%").arg(*m_load * 100.0, 0, 'f', 0) + (m_keysText.isEmpty() ? "" : " · " + m_keysText)
                                          : m_rate;
            if (!busy.isEmpty()) summary += (summary.isEmpty() ? "" : " · ") + busy;
        }
        const bool withSummary = oneLine && !summary.isEmpty();
        iconRenderer(m_kindValue).render(painter, QRectF(6, withSummary ? 10 : kHeight / 2.0 - 11, 22, 22));
        const QRectF where(32, 4, kWidth - 36, withSummary ? 36 : kHeight - 8);
        drawFittedName(painter, m_title, title, where, withSummary ? 18 : 22);
        if (withSummary) {
            QFont line = title;
            line.setBold(false);
            line.setPixelSize(14);
            painter->setFont(line);
            painter->setPen(m_saturated ? QColor(0xb9, 0x1c, 0x1c) : QColor(0x37, 0x3d, 0x49));
            painter->drawText(QRectF(8, 44, kWidth - 16, 24), Qt::AlignLeft | Qt::AlignVCenter,
                              QFontMetrics(line).elidedText(summary, Qt::ElideRight, int(kWidth - 16)));
        }
    } else {
        iconRenderer(m_kindValue).render(painter, QRectF(8, 7, 20, 20));
        title.setPixelSize(14);
        painter->setFont(title);
        const QRectF where(33, 5, kWidth - 40, 24);
        painter->drawText(where, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(title).elidedText(m_title, Qt::ElideRight, int(where.width())));
        QFont small = title;
        small.setBold(false);
        small.setPixelSize(11);
        painter->setFont(small);
        painter->setPen(QColor(0x4b, 0x52, 0x60));
        const QString second = m_rate.isEmpty() ? m_detail : m_detail.isEmpty() ? m_rate : m_detail + " · " + m_rate;
        painter->drawText(QRectF(8, 29, kWidth - 16, 20), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetrics(small).elidedText(second, Qt::ElideRight, int(kWidth - 16)));
        if (!m_loadText.isEmpty()) {
            painter->setPen(m_saturated ? QColor(0xb9, 0x1c, 0x1c) : QColor(0x1f, 0x23, 0x29));
            painter->drawText(QRectF(8, 49, kWidth - 16, 20), Qt::AlignLeft | Qt::AlignVCenter, m_loadText);
        }
    }
    if (!m_problems.isEmpty()) {
        // A red mark on the corner, with the number of problems: the tooltip lists them.
        painter->setPen(QPen(Qt::white, 1.5));
        painter->setBrush(QColor(0xb9, 0x1c, 0x1c));
        painter->drawEllipse(problemMark().adjusted(1, 1, -1, -1));
        QFont mark = painter->font();
        mark.setBold(true);
        mark.setPixelSize(11);
        painter->setFont(mark);
        painter->drawText(problemMark(), Qt::AlignCenter, m_problems.size() > 9 ? QString("!") : QString::number(m_problems.size()));
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
