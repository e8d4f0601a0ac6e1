// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsPathItem>
#include <QGraphicsScene>

#include <string>
#include <unordered_map>
#include <vector>

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
    /// Colours every item by its load in `result` (or clears them without one).
    void showAnalysis(const std::optional<model::RunResult>& result);

private:
    void rebuild();
    void addItem(const std::string& id);
    void removeItem(const std::string& id);
    void refreshItem(const std::string& id);
    void followPosition(const std::string& id);
    void rebuildArrowsFrom(const std::string& caller);
    void updateArrowsTouching(const std::string& id);
    void placeArrow(QGraphicsPathItem* arrow, const std::string& from, const std::string& to) const;
    void addArrow(const std::string& from, const std::string& to, bool async);
    void onDragged(const QString& id, QPointF from, QPointF to);

    struct Arrow {
        std::string from;
        std::string to;
        QGraphicsPathItem* line = nullptr;
    };

    ScenarioDocument& m_document;
    std::unordered_map<std::string, ComponentItem*> m_items;
    std::vector<Arrow> m_arrows;
};

}  // namespace headroom::ui
