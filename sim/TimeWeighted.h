// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <vector>

#include "sim/ReplicationRecord.h"

namespace headroom::sim {

/// A quantity that steps up and down over simulated time (busy cores, requests waiting),
/// integrated over the measurement window and over each interval of the time series.
class TimeWeighted {
public:
    void reset(const MeasurementWindow& window) {
        m_window = window;
        m_series.assign(window.points, 0.0);
    }

    /// The value changes by `delta` at `now`.
    void add(double now, double delta) {
        advance(now);
        m_value += delta;
    }

    void close(double end) { advance(end); }

    /// The value now.
    [[nodiscard]] double value() const { return m_value; }

    /// ∫ value dt over [warm-up, end].
    [[nodiscard]] double area() const { return m_area; }
    /// ∫ value dt over [0, now], the whole run (now no earlier than the last change): what a
    /// controller that measures its own periods reads.
    [[nodiscard]] double total(double now) const { return m_total + m_value * (now - m_last); }

    /// The time average of the value over each interval of the series.
    [[nodiscard]] std::vector<double> averages() const {
        std::vector<double> out(m_series.size(), 0.0);
        for (std::size_t k = 0; k < out.size(); ++k) {
            const double begin = double(k) * m_window.interval;
            const double length = std::min(m_window.end, begin + m_window.interval) - begin;
            if (length > 0.0) out[k] = m_series[k] / length;
        }
        return out;
    }

private:
    void advance(double now) {
        if (m_value != 0.0 && now > m_last) {
            const double from = std::max(m_last, m_window.warmup);
            const double to = std::min(now, m_window.end);
            if (to > from) m_area += m_value * (to - from);
            m_total += m_value * (now - m_last);
            const std::size_t first = m_window.pointOf(m_last);
            const std::size_t last = m_window.pointOf(now);
            for (std::size_t k = first; k <= last; ++k) {
                const double begin = std::max(m_last, double(k) * m_window.interval);
                const double end = k == last ? now : double(k + 1) * m_window.interval;
                if (end > begin) m_series[k] += m_value * (end - begin);
            }
        }
        m_last = now;
    }

    MeasurementWindow m_window;
    std::vector<double> m_series;
    double m_value = 0.0;
    double m_last = 0.0;
    double m_area = 0.0;
    double m_total = 0.0;
};

}  // namespace headroom::sim
