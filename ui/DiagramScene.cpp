// SPDX-License-Identifier: MIT
#include "ui/DiagramScene.h"

#include <QGraphicsSceneContextMenuEvent>
#include <QMenu>

#include <QGraphicsSceneMouseEvent>
#include <QPainterPath>
#include <QPen>
#include <algorithm>
#include <cmath>
#include <utility>

#include "model/ComponentEdit.h"
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
        for (CallItem* arrow : m_arrows) arrow->rename(s(from), s(to));
    });
    rebuild();
}

ComponentItem* DiagramScene::item(std::string_view id) const {
    const auto it = m_items.find(std::string(id));
    return it == m_items.end() ? nullptr : it->second;
}

std::size_t DiagramScene::arrowCount() const { return m_arrows.size(); }

CallItem* DiagramScene::callItem(const std::string& from, std::size_t index) const {
    for (CallItem* arrow : m_arrows)
        if (arrow->from() == from && arrow->index() == index) return arrow;
    return nullptr;
}

void DiagramScene::showAnalysis(const std::optional<model::RunResult>& result) {
    std::unordered_map<std::string_view, const model::ComponentMetrics*> byId;
    if (result)
        for (const auto& component : result->components) byId.emplace(component.id, &component);
    for (auto& [id, item] : m_items) {
        const auto found = byId.find(id);
        const model::ComponentMetrics* component = found == byId.end() ? nullptr : found->second;
        item->showLoad(component ? &component->total : nullptr, result && result->bottleneck == id,
                       component && component->keys ? &*component->keys : nullptr);
    }
}

void DiagramScene::showProblems(const model::Problems& problems) {
    const auto& components = m_document.scenario().components;
    std::unordered_map<std::string_view, QStringList> byId;
    for (const model::Problem& problem : problems) {
        if (problem.severity != model::Problem::Severity::Error) continue;
        const auto at = model::pathInList("components", problem.path);
        if (!at || at->index >= components.size()) continue;
        const QString field = QString::fromUtf8(at->rest.data(), qsizetype(at->rest.size()));
        byId[components[at->index].id] << (field.isEmpty() ? QString() : field + ": ") + QString::fromStdString(problem.message);
    }
    for (auto& [id, item] : m_items) {
        const auto found = byId.find(id);
        item->showProblems(found == byId.end() ? QStringList() : found->second);
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
    std::erase_if(m_arrows, [&](CallItem* arrow) {
        if (arrow->from() != id && arrow->to() != id) return false;
        delete arrow;
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
    // A selected call stays selected when its caller changes (its fields edited in the Inspector).
    std::optional<std::size_t> selected;
    std::erase_if(m_arrows, [&](CallItem* arrow) {
        if (arrow->from() != caller) return false;
        if (arrow->isSelected()) selected = arrow->index();
        delete arrow;
        return true;
    });
    const auto* component = m_document.component(caller);
    if (!component) return;
    for (std::size_t i = 0; i < component->calls.size(); ++i) addArrow(caller, component->calls[i].to, &component->calls[i], i);
    if (component->consumers) addArrow(caller, component->consumers->component, nullptr, std::nullopt);
    if (selected)
        if (CallItem* again = callItem(caller, *selected)) again->setSelected(true);
}

void DiagramScene::addArrow(const std::string& from, const std::string& to, const model::Call* call, std::optional<std::size_t> index) {
    if (!item(to)) return;
    auto* arrow = new CallItem(from, to, index);
    arrow->showCall(call);
    QGraphicsScene::addItem(arrow);
    placeArrow(arrow);
    m_arrows.push_back(arrow);
}

void DiagramScene::updateArrowsTouching(const std::string& id) {
    for (CallItem* arrow : m_arrows)
        if (arrow->from() == id || arrow->to() == id) placeArrow(arrow);
}

void DiagramScene::placeArrow(CallItem* arrow) const {
    const auto* a = item(arrow->from());
    const auto* b = item(arrow->to());
    if (!a || !b) return;
    const QRectF target = b->sceneBox();
    const QPointF start = a->sceneBox().center();
    const QPointF centre = target.center();
    // Where the line from the caller's centre enters the callee's box: the head sits there.
    const QPointF d = centre - start;
    const double tx = d.x() == 0.0 ? 1e9 : (target.width() / 2.0) / std::abs(d.x());
    const double ty = d.y() == 0.0 ? 1e9 : (target.height() / 2.0) / std::abs(d.y());
    // And where it leaves the caller's: the label sits halfway between, in the open.
    const QRectF source = a->sceneBox();
    const double sx = d.x() == 0.0 ? 1e9 : (source.width() / 2.0) / std::abs(d.x());
    const double sy = d.y() == 0.0 ? 1e9 : (source.height() / 2.0) / std::abs(d.y());
    arrow->place(start, centre - d * std::min({tx, ty, 1.0}), start + d * std::min({sx, sy, 1.0}));
}

void DiagramScene::onDragged(const QString& id, QPointF from, QPointF to) {
    // The command moves the document, which moves the item back to where it already is.
    m_document.undoStack().push(new MoveComponentCommand(m_document, s(id), {from.x(), from.y()}, {to.x(), to.y()}));
    updateArrowsTouching(s(id));
}

ComponentItem* DiagramScene::componentAt(QPointF scenePosition) const {
    for (QGraphicsItem* under : items(scenePosition))
        if (auto* component = dynamic_cast<ComponentItem*>(under)) return component;
    return nullptr;
}

QString DiagramScene::addCall(const std::string& from, const std::string& to) {
    const auto& components = m_document.scenario().components;
    const auto index = std::find_if(components.begin(), components.end(), [&](const model::Component& c) { return c.id == from; });
    const model::Component* target = m_document.component(to);
    if (index == components.end() || !target) return tr("no such component");
    const auto at = std::size_t(index - components.begin());
    for (const auto& call : index->calls)
        if (call.to == to) return tr("%1 already calls %2").arg(QString::fromStdString(from), QString::fromStdString(to));
    const std::string written = model::fieldText(m_document.scenario(), at, "calls");
    model::Json calls = model::Json::parse(written.empty() ? std::string("[]") : written);
    model::Json call = {{"to", to}};
    if (model::traitsOf(target->kind).takesMessages) call["mode"] = "async";  // as validation requires
    calls.push_back(call);
    const model::FieldEdit edit = model::editField(m_document.scenario(), at, "calls", calls.dump());
    if (!edit.component) return QString::fromStdString(edit.problem);
    m_document.undoStack().push(new EditComponentCommand(m_document, *index, *edit.component, "calls"));
    return {};
}

void DiagramScene::removeCalls(std::vector<std::pair<std::string, std::size_t>> calls) {
    // Per caller, the highest index first, so the lower ones keep their places.
    std::sort(calls.begin(), calls.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second > b.second; });
    if (calls.empty()) return;
    m_document.undoStack().beginMacro(calls.size() == 1 ? tr("Delete call %1 → %2").arg(QString::fromStdString(calls.front().first),
                                                                                         QString::fromStdString(m_document.component(calls.front().first)->calls[calls.front().second].to))
                                                        : tr("Delete %1 calls").arg(calls.size()));
    for (std::size_t i = 0; i < calls.size();) {
        const std::string& caller = calls[i].first;
        const model::Component* before = m_document.component(caller);
        model::Component after = *before;
        for (; i < calls.size() && calls[i].first == caller; ++i)
            if (calls[i].second < after.calls.size()) after.calls.erase(after.calls.begin() + std::ptrdiff_t(calls[i].second));
        m_document.undoStack().push(new EditComponentCommand(m_document, *before, after, "calls"));
    }
    m_document.undoStack().endMacro();
}

void DiagramScene::contextMenuEvent(QGraphicsSceneContextMenuEvent* event) {
    for (QGraphicsItem* under : items(event->scenePos()))
        if (auto* call = dynamic_cast<CallItem*>(under); call && call->index()) {
            clearSelection();
            call->setSelected(true);
            QMenu menu;
            const std::string from = call->from();
            const std::size_t index = *call->index();
            menu.addAction(tr("Delete Call %1 → %2").arg(QString::fromStdString(from), QString::fromStdString(call->to())), [this, from, index] {
                removeCalls({{from, index}});
            });
            menu.exec(event->screenPos());
            event->accept();
            return;
        }
    if (ComponentItem* item = componentAt(event->scenePos())) {
        const model::Component* component = m_document.component(item->componentId());
        if (component && component->kind != model::ComponentKind::Client) {
            if (!item->isSelected()) {
                clearSelection();
                item->setSelected(true);
            }
            const QString id = QString::fromStdString(component->id);
            QMenu menu;
            const auto offer = [&](const QString& text, model::FaultKind kind) { menu.addAction(text, [this, id, kind] { emit faultRequested(id, kind); }); };
            menu.addSection(tr("What happens when…"));
            if (component->kind == model::ComponentKind::Database) {
                offer(tr("Lose Primary"), model::FaultKind::PrimaryLoss);
            } else if (component->kind != model::ComponentKind::Function) {
                offer(tr("Crash Instances…"), model::FaultKind::Crash);
                offer(tr("Hang…"), model::FaultKind::Hang);
            }
            offer(tr("Slow Down…"), model::FaultKind::Slowdown);
            if (model::traitsOf(component->kind).answersHits) offer(tr("Flush Cache"), model::FaultKind::CacheFlush);
            menu.exec(event->screenPos());
            event->accept();
            return;
        }
    }
    QGraphicsScene::contextMenuEvent(event);
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        if (ComponentItem* item = componentAt(event->scenePos()); item && ComponentItem::isOnPort(item->mapFromScene(event->scenePos()))) {
            m_connectingFrom = item->componentId();
            const QPointF start = item->mapToScene(QPointF(ComponentItem::kWidth, ComponentItem::kHeight / 2.0));
            m_connectingLine = QGraphicsScene::addLine(QLineF(start, event->scenePos()), QPen(QColor(0x1e, 0x6f, 0xd9), 1.5, Qt::DashLine));
            m_connectingLine->setZValue(10);
            event->accept();
            return;
        }
    }
    QGraphicsScene::mousePressEvent(event);
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent* event) {
    if (m_connectingLine) {
        QLineF line = m_connectingLine->line();
        line.setP2(event->scenePos());
        m_connectingLine->setLine(line);
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event) {
    if (!m_connectingLine) {
        QGraphicsScene::mouseReleaseEvent(event);
        return;
    }
    delete m_connectingLine;
    m_connectingLine = nullptr;
    const std::string from = std::exchange(m_connectingFrom, std::string());
    event->accept();
    ComponentItem* target = componentAt(event->scenePos());
    if (!target || target->componentId() == from) return;  // dropped on nothing: no call
    if (const QString why = addCall(from, target->componentId()); !why.isEmpty()) emit callRefused(why);
}

}  // namespace headroom::ui
