// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/RunResult.h"
#include "model/Scenario.h"

/// Charts and the diagram as inline SVG for the HTML report: no script, no font or image from
/// elsewhere, so the report reads the same offline and in a mail attachment.
namespace headroom::cli {

struct ChartSeries {
    std::string name;
    std::string colour;               ///< CSS colour
    std::vector<double> x, y;         ///< the same length; NaN leaves a gap
    std::vector<double> whisker;      ///< optional: the half-width of each point's interval
    bool dots = false;                ///< points, not a line
};

struct Chart {
    std::string title;
    std::string xLabel, yLabel;
    std::function<std::string(double)> xText, yText;  ///< tick labels in the quantity's units
    std::vector<ChartSeries> series;
    std::optional<double> horizontal;                 ///< a target line (an SLO)
    std::string horizontalLabel;
    std::optional<double> markedX;                    ///< a vertical mark (the knee)
    std::string markedLabel;
    bool logX = false;
};

/// A line chart 640 × 300 with its axes, ticks, legend and marks.
[[nodiscard]] std::string svgChart(const Chart& chart);

/// The system as drawn in the app: a box a component where the file places it (left to right by
/// call depth where it places none), an arrow a call, each box coloured by how busy the
/// analysis finds it and the bottleneck outlined.
[[nodiscard]] std::string svgDiagram(const model::Scenario& scenario, const model::RunResult* analysis);

}  // namespace headroom::cli
