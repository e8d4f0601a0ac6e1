// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <optional>

#include "model/ChangeOverTime.h"

class QMenu;

namespace headroom::ui {

class ScenarioDocument;

/// The scenario's events on a time axis under the canvas, one row each, as a bar from when it
/// strikes to when it ends (to the end of the run when it lasts). Drag a bar along the axis to
/// move the event (whole seconds; one undo step), Delete removes the selected one, its context
/// menu removes it too; the context menu elsewhere adds a deploy or a scale. An optional marker
/// shows a moment of a simulated run.
class EventsStrip final : public QWidget {
    Q_OBJECT
public:
    explicit EventsStrip(ScenarioDocument& document, QWidget* parent = nullptr);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] std::optional<std::size_t> selectedEvent() const { return m_selected; }
    void selectEvent(std::optional<std::size_t> index);
    /// Marks a moment of a simulated run on the axis (the time scrubber), or none.
    void setMarker(std::optional<double> time);
    /// The centre of an event's bar, for tests and for pointing at it.
    [[nodiscard]] QPoint centreOf(std::size_t index) const;

    /// The strip's context menu at `at`: delete the event there, or elsewhere add a deploy or a
    /// scale of a component at that moment.
    void fillMenu(QMenu& menu, QPoint at);

signals:
    void eventSelected(std::optional<std::size_t> index);
    /// A deploy (with its strategy) or a scale of `component` at `at` seconds was asked for.
    void changeRequested(const QString& component, model::ChangeKind kind, model::DeployStrategy strategy, double at);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    [[nodiscard]] double seconds() const;
    [[nodiscard]] double xOf(double time) const;
    [[nodiscard]] double timeOf(double x) const;
    [[nodiscard]] QRectF barOf(std::size_t index, double at) const;
    [[nodiscard]] std::optional<std::size_t> eventAt(QPointF point) const;
    void removeEvent(std::size_t index);

    ScenarioDocument& m_document;
    std::optional<std::size_t> m_selected;
    std::optional<std::size_t> m_dragging;
    double m_grabOffset = 0.0;   ///< seconds between the press and the event's start
    double m_draggedAt = 0.0;    ///< where the dragged event would start, seconds
    std::optional<double> m_marker;
};

}  // namespace headroom::ui
