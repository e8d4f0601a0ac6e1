// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsPathItem>
#include <QGraphicsScene>

#include <string>
#include <unordered_map>
#include <vector>

#include "ui/CallItem.h"
#include "ui/ComponentItem.h"
#include "ui/ScenarioDocument.h"

namespace headroom::ui {

/// The canvas: an item per component and an arrow per call (dashed when async, and from a queue
/// to its consumer), kept in step with the document.
/// The document is the truth: the scene refreshes only the items a signal names, and turns the
/// user's drags into (merging) move commands on the document's undo stack.
class DiagramScene final : public QGraphicsScene {
    Q_OBJECT
public:
    explicit DiagramScene(ScenarioDocument& document, QObject* parent = nullptr);

    [[nodiscard]] ComponentItem* item(std::string_view id) const;
    [[nodiscard]] std::size_t arrowCount() const;
    /// The arrow of `from`'s call number `index`, if drawn.
    [[nodiscard]] CallItem* callItem(const std::string& from, std::size_t index) const;
    /// Colours every item by its load in `result` (or clears them without one).
    void showAnalysis(const std::optional<model::RunResult>& result);
    /// Marks each box with its own problems (the paths under "components[i]"), all at once.
    void showProblems(const model::Problems& problems);
    /// Adds a call from one component to another as an undo command (async into a queue, as
    /// the format requires); the reason when the scenario would not allow it.
    QString addCall(const std::string& from, const std::string& to);
    /// Removes calls, as one undo command per caller; each (caller, index) names a call.
    void removeCalls(std::vector<std::pair<std::string, std::size_t>> calls);

signals:
    /// A call dragged between two components was not added, and why.
    void callRefused(const QString& why);
    /// A fault was chosen from a component's context menu.
    void faultRequested(const QString& id, model::FaultKind kind);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void contextMenuEvent(QGraphicsSceneContextMenuEvent* event) override;

private:
    void rebuild();
    void addItem(const std::string& id);
    void removeItem(const std::string& id);
    void refreshItem(const std::string& id);
    void followPosition(const std::string& id);
    void rebuildArrowsFrom(const std::string& caller);
    void updateArrowsTouching(const std::string& id);
    void placeArrow(CallItem* arrow) const;
    void addArrow(const std::string& from, const std::string& to, const model::Call* call, std::optional<std::size_t> index);
    void onDragged(const QString& id, QPointF from, QPointF to);


    [[nodiscard]] ComponentItem* componentAt(QPointF scenePosition) const;

    ScenarioDocument& m_document;
    std::string m_connectingFrom;               ///< while a call is dragged from a port
    QGraphicsLineItem* m_connectingLine = nullptr;
    std::unordered_map<std::string, ComponentItem*> m_items;
    std::vector<CallItem*> m_arrows;
};

}  // namespace headroom::ui
