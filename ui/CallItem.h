// SPDX-License-Identifier: MIT
#pragma once

#include <QGraphicsPathItem>

#include <optional>
#include <string>

#include "model/Scenario.h"

namespace headroom::ui {

/// One call on the canvas: an arrow from caller to callee (dashed when async), labelled with
/// what makes it more than one plain call (×100, 10 %, a class), selectable so that the Inspector
/// shows it and Delete removes it. A queue's link to its consumer is drawn the same way but is
/// not a call: it cannot be selected.
class CallItem final : public QGraphicsPathItem {
public:
    /// `index`: the call's place in the caller's calls; none for a queue's consumer link.
    CallItem(std::string from, std::string to, std::optional<std::size_t> index);

    [[nodiscard]] const std::string& from() const { return m_from; }
    [[nodiscard]] const std::string& to() const { return m_to; }
    [[nodiscard]] std::optional<std::size_t> index() const { return m_index; }
    void rename(const std::string& before, const std::string& after);

    /// Shows what the call says: dashed when async, and its label.
    void showCall(const model::Call* call);
    [[nodiscard]] const QString& label() const { return m_label; }
    /// Runs from `start` to `tip`, the head at the tip; the label halfway from `exit` (where the
    /// line leaves the caller's box) to the tip.
    void place(QPointF start, QPointF tip, QPointF exit);

    QPainterPath shape() const override;
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::string m_from;
    std::string m_to;
    std::optional<std::size_t> m_index;
    [[nodiscard]] static QFont labelFont();
    [[nodiscard]] QRectF labelRect() const;

    QString m_label;
    double m_labelWidth = 0.0;
    QPointF m_middle;
};

/// "×100 · 10 % · class read": what a call's label says; empty for one plain call.
[[nodiscard]] QString callLabel(const model::Call& call);

}  // namespace headroom::ui
