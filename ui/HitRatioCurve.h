// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include <optional>
#include <vector>

#include "model/KeyPopularity.h"

namespace headroom::ui {

/// A keyed cache's hit ratio against its size, from a thousandth of its keys to all of them on a
/// logarithmic axis, from the same approximation the engines use (model::cacheOutcome): its
/// current size marked with what twice the memory would add, and the knee, where more memory
/// starts to pay less (Kneedle, as the Sweep panel marks latency's knee), when the curve has one:
/// under Zipf α ≤ 1 over millions of keys each doubling adds about as much as the last.
class HitRatioCurve final : public QWidget {
    Q_OBJECT
public:
    explicit HitRatioCurve(QWidget* parent = nullptr);

    /// The cache to draw: its keys, its policy and rates (capacityItems is its current size) and
    /// the size of one value (none: sizes in values only).
    void showCache(const model::KeyPopularity& popularity, const model::KeyedCache& cache, std::optional<double> itemBytes);

    struct Point {
        double items = 0.0;
        double hitRatio = 0.0;
    };
    [[nodiscard]] const std::vector<Point>& points() const { return m_points; }
    [[nodiscard]] std::optional<std::size_t> knee() const { return m_knee; }
    [[nodiscard]] double currentHitRatio() const { return m_current.hitRatio; }
    /// What twice the memory adds to the hit ratio: the slope the curve has where the cache is.
    [[nodiscard]] double doublingGain() const { return m_doubled - m_current.hitRatio; }

    QSize sizeHint() const override { return {240, 110}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    [[nodiscard]] QString sizeText(double items) const;

    std::vector<Point> m_points;
    Point m_current;
    std::optional<std::size_t> m_knee;
    double m_doubled = 0.0;  ///< the hit ratio at twice the current size
    std::optional<double> m_itemBytes;
};

}  // namespace headroom::ui
