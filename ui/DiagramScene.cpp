// SPDX-License-Identifier: MIT
#include "ui/DiagramScene.h"

#include <QPainterPath>
#include <QPen>

#include <cmath>

#include <algorithm>

#include "ui/commands/ComponentCommands.h"

namespace headroom::ui {
namespace {

std::string s(const QString& text) { return text.toStdString(); }

}  // namespace

DiagramScene::DiagramScene(ScenarioDocument& document, QObject* parent) : QGraphicsScene(parent), m_document(document) {
    connect(&document, &ScenarioDocument::documentReset, this, &DiagramScene::rebuild);
    connect(&document, &ScenarioDocument::componentAdded, this, [this](const QString& id) {
        addItem(s(id));
        rebuildArrowsFrom(s(id));
        // Calls to it that were waiting (restored by an undo) now have an end.
        for (const auto& component : m_document.scenario().components)
            for (const auto& call : component.calls)
                if (call.to == s(id)) rebuildArrowsFrom(component.id);
    });
    connect(&document, &ScenarioDocument::componentRemoved, this, [this](const QString& id) { removeItem(s(id)); });
    connect(&document, &ScenarioDocument::componentChanged, this, [this](const QString& id) {
        refreshItem(s(id));
        rebuildArrowsFrom(s(id));
    });
    connect(&document, &ScenarioDocument::componentMoved, this, [this](const QString& id) { followPosition(s(id)); });
    connect(&document, &ScenarioDocument::componentRenamed, this, [this](const QString& from, const QString& to) {
        auto node = m_items.extract(s(from));
        if (node.empty()) return;
        node.key() = s(to);
        node.mapped()->setComponentId(s(to));
        m_items.insert(std::move(node));
        for (auto& arrow : m_arrows) {
            if (arrow.from == s(from)) arrow.from = s(to);
            if (arrow.to == s(from)) arrow.to = s(to);
        }
    });
    rebuild();
}

ComponentItem* DiagramScene::item(std::string_view id) const {
    const auto it = m_items.find(std::string(id));
    return it == m_items.end() ? nullptr : it->second;
}

std::size_t DiagramScene::arrowCount() const { return m_arrows.size(); }

void DiagramScene::showAnalysis(const std::optional<model::RunResult>& result) {
    std::unordered_map<std::string_view, const model::PoolMetrics*> byId;
    if (result)
        for (const auto& component : result->components) byId.emplace(component.id, &component.total);
    for (auto& [id, item] : m_items) {
        const auto found = byId.find(id);
        item->showLoad(found == byId.end() ? nullptr : found->second, result && result->bottleneck == id);
    }
}

void DiagramScene::rebuild() {
    clear();  // deletes every item
    m_items.clear();
    m_arrows.clear();
    for (const auto& component : m_document.scenario().components) addItem(component.id);
    for (const auto& component : m_document.scenario().components) rebuildArrowsFrom(component.id);
}

void DiagramScene::addItem(const std::string& id) {
    auto* item = new ComponentItem(id);
    QGraphicsScene::addItem(item);
    m_items[id] = item;
    connect(item, &ComponentItem::dragged, this, &DiagramScene::onDragged);
    refreshItem(id);
    followPosition(id);
}

void DiagramScene::removeItem(const std::string& id) {
    const auto it = m_items.find(id);
    if (it == m_items.end()) return;
    delete it->second;
    m_items.erase(it);
    std::erase_if(m_arrows, [&](const Arrow& arrow) {
        if (arrow.from != id && arrow.to != id) return false;
        delete arrow.line;
        return true;
    });
}

void DiagramScene::refreshItem(const std::string& id) {
    if (auto* item = this->item(id))
        if (const auto* component = m_document.component(id)) item->showComponent(*component);
}

void DiagramScene::followPosition(const std::string& id) {
    auto* item = this->item(id);
    if (!item) return;
    const auto position = m_document.position(id).value_or(model::Position{});
    item->m_followingDocument = true;
    item->setPos(position.x, position.y);
    item->m_followingDocument = false;
    updateArrowsTouching(id);
}

void DiagramScene::rebuildArrowsFrom(const std::string& caller) {
    std::erase_if(m_arrows, [&](const Arrow& arrow) {
        if (arrow.from != caller) return false;
        delete arrow.line;
        return true;
    });
    const auto* component = m_document.component(caller);
    if (!component) return;
    for (const auto& call : component->calls) addArrow(caller, call.to, call.mode == model::CallMode::Async);
    if (component->consumers) addArrow(caller, component->consumers->component, true);
}

void DiagramScene::addArrow(const std::string& from, const std::string& to, bool async) {
    if (!item(to)) return;
    QPen pen(QColor(0x6b, 0x72, 0x80), 1.5);
    if (async) pen.setStyle(Qt::DashLine);
    auto* line = QGraphicsScene::addPath(QPainterPath(), pen, QBrush(QColor(0x6b, 0x72, 0x80)));
    line->setZValue(-1);  // under the boxes
    placeArrow(line, from, to);
    m_arrows.push_back({from, to, line});
}

void DiagramScene::updateArrowsTouching(const std::string& id) {
    for (const auto& arrow : m_arrows)
        if (arrow.from == id || arrow.to == id) placeArrow(arrow.line, arrow.from, arrow.to);
}

void DiagramScene::placeArrow(QGraphicsPathItem* arrow, const std::string& from, const std::string& to) const {
    const auto* a = item(from);
    const auto* b = item(to);
    if (!a || !b) return;
    const QRectF target = b->sceneBoundingRect();
    const QPointF start = a->sceneBoundingRect().center();
    const QPointF centre = target.center();
    // Where the line from the caller's centre enters the callee's box: the head sits there.
    const QPointF d = centre - start;
    const double tx = d.x() == 0.0 ? 1e9 : (target.width() / 2.0) / std::abs(d.x());
    const double ty = d.y() == 0.0 ? 1e9 : (target.height() / 2.0) / std::abs(d.y());
    const QPointF tip = centre - d * std::min({tx, ty, 1.0});
    QPainterPath path(start);
    path.lineTo(tip);
    const double length = std::hypot(d.x(), d.y());
    if (length > 1.0) {
        const QPointF unit = d / length;
        const QPointF normal(-unit.y(), unit.x());
        const QPointF base = tip - unit * 10.0;
        QPolygonF head({tip, base + normal * 4.5, base - normal * 4.5, tip});
        path.addPolygon(head);
    }
    arrow->setPath(path);
}

void DiagramScene::onDragged(const QString& id, QPointF from, QPointF to) {
    // The command moves the document, which moves the item back to where it already is.
    m_document.undoStack().push(new MoveComponentCommand(m_document, s(id), {from.x(), from.y()}, {to.x(), to.y()}));
    updateArrowsTouching(s(id));
}

}  // namespace headroom::ui
