// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QTabWidget>

#include <vector>

#include "model/RunResult.h"

class QChartView;

namespace headroom::ui {

/// A simulation's answer as charts (Qt Charts): per class its percentiles with their 95 %
/// confidence intervals, its latency distribution (CDF, logarithmic time), and throughput and
/// queue lengths over the run.
class SimulationCharts final : public QTabWidget {
    Q_OBJECT
public:
    explicit SimulationCharts(QWidget* parent = nullptr);

    void showResult(const model::RunResult& result);
    void clear();

    /// Series drawn per chart, for tests: percentiles, CDF, over time, timeline.
    [[nodiscard]] int seriesCount(int chart) const;
    /// Their colours: per class on the percentiles and CDF charts, per line over time.
    [[nodiscard]] std::vector<QColor> seriesColours(int chart) const;

private:
    void showTimeline(const model::RunResult& result);

    QChartView* m_percentiles;
    QChartView* m_cdf;
    QChartView* m_overTime;
    QChartView* m_timeline;  ///< faults, retries: goodput, failures, p99 and instances, the events as bands
};

}  // namespace headroom::ui
