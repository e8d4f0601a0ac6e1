// SPDX-License-Identifier: MIT
#include "cli/SvgChart.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "cli/XmlText.h"
#include "model/ComponentKind.h"
#include "model/UnitFormat.h"

namespace headroom::cli {
namespace {

std::string number(double value) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << value;
    return out.str();
}

/// About five round tick values from `low` to `high` (1, 2 or 5 times a power of ten apart).
std::vector<double> ticks(double low, double high) {
    if (!(high > low)) return {low};
    const double raw = (high - low) / 5.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude;
    for (const double factor : {1.0, 2.0, 5.0, 10.0})
        if (raw <= factor * magnitude) {
            step = factor * magnitude;
            break;
        }
    std::vector<double> out;
    for (double t = std::ceil(low / step) * step; t <= high + step * 1e-9; t += step) out.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    return out;
}

}  // namespace

std::string svgChart(const Chart& chart) {
    constexpr double kWidth = 640, kHeight = 300, kLeft = 72, kRight = 16, kTop = 34, kBottom = 46;
    double xLow = INFINITY, xHigh = -INFINITY, yHigh = 0.0;
    for (const auto& series : chart.series)
        for (std::size_t i = 0; i < series.x.size(); ++i) {
            if (!std::isfinite(series.y[i])) continue;
            xLow = std::min(xLow, series.x[i]);
            xHigh = std::max(xHigh, series.x[i]);
            yHigh = std::max(yHigh, series.y[i] + (i < series.whisker.size() && std::isfinite(series.whisker[i]) ? series.whisker[i] : 0.0));
        }
    if (chart.horizontal) yHigh = std::max(yHigh, *chart.horizontal);
    if (!std::isfinite(xLow)) xLow = 0.0, xHigh = 1.0;
    if (xHigh <= xLow) xHigh = xLow + 1.0;
    if (yHigh <= 0.0) yHigh = 1.0;
    yHigh *= 1.08;
    const bool logX = chart.logX && xLow > 0.0;
    const auto sx = [&](double x) {
        const double t = logX ? (std::log(x) - std::log(xLow)) / (std::log(xHigh) - std::log(xLow)) : (x - xLow) / (xHigh - xLow);
        return kLeft + t * (kWidth - kLeft - kRight);
    };
    const auto sy = [&](double y) { return kHeight - kBottom - y / yHigh * (kHeight - kTop - kBottom); };
    std::string svg = "<svg class=\"chart\" viewBox=\"0 0 640 300\" width=\"640\" height=\"300\" role=\"img\" aria-label=\"" + xmlEscaped(chart.title) + "\">\n";
    svg += "<text x=\"" + number(kLeft) + "\" y=\"18\" class=\"title\">" + xmlEscaped(chart.title) + "</text>\n";
    for (const double t : ticks(0.0, yHigh)) {
        svg += "<line class=\"grid\" x1=\"" + number(kLeft) + "\" x2=\"" + number(kWidth - kRight) + "\" y1=\"" + number(sy(t)) + "\" y2=\"" + number(sy(t)) + "\"/>";
        svg += "<text class=\"tick\" text-anchor=\"end\" x=\"" + number(kLeft - 6) + "\" y=\"" + number(sy(t) + 4) + "\">" + xmlEscaped(t == 0.0 ? "0" : chart.yText(t)) +
               "</text>\n";
    }
    std::vector<double> xTicks = ticks(xLow, xHigh);
    if (logX) {
        xTicks.clear();
        for (double t = std::pow(10.0, std::ceil(std::log10(xLow))); t <= xHigh * (1 + 1e-9); t *= 10.0) xTicks.push_back(t);
        if (xTicks.size() < 2) xTicks = {xLow, xHigh};
    }
    for (const double t : xTicks)
        svg += "<text class=\"tick\" text-anchor=\"middle\" x=\"" + number(sx(t)) + "\" y=\"" + number(kHeight - kBottom + 16) + "\">" + xmlEscaped(t == 0.0 ? "0" : chart.xText(t)) + "</text>\n";
    svg += "<line class=\"axis\" x1=\"" + number(kLeft) + "\" x2=\"" + number(kWidth - kRight) + "\" y1=\"" + number(sy(0)) + "\" y2=\"" + number(sy(0)) + "\"/>\n";
    svg += "<text class=\"label\" text-anchor=\"middle\" x=\"" + number((kLeft + kWidth - kRight) / 2) + "\" y=\"" + number(kHeight - 8) + "\">" + xmlEscaped(chart.xLabel) + "</text>\n";
    svg += "<text class=\"label\" text-anchor=\"middle\" transform=\"translate(14 " + number((kTop + kHeight - kBottom) / 2) + ") rotate(-90)\">" + xmlEscaped(chart.yLabel) +
           "</text>\n";
    if (chart.horizontal) {
        const std::string y = number(sy(*chart.horizontal));
        svg += "<line class=\"target\" x1=\"" + number(kLeft) + "\" x2=\"" + number(kWidth - kRight) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
        // Its label at the left end, clear of the knee's at the top.
        svg += "<text class=\"target-label\" x=\"" + number(kLeft + 4) + "\" y=\"" + number(sy(*chart.horizontal) - 5) + "\">" + xmlEscaped(chart.horizontalLabel) +
               "</text>\n";
    }
    if (chart.markedX) {
        const std::string x = number(sx(*chart.markedX));
        svg += "<line class=\"knee\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + number(kTop) + "\" y2=\"" + number(sy(0)) + "\"/>";
        svg += "<text class=\"mark\" x=\"" + number(sx(*chart.markedX) + 5) + "\" y=\"" + number(kTop + 12) + "\">" + xmlEscaped(chart.markedLabel) + "</text>\n";
    }
    // The legend in the title's row, at the right, clear of the plot's marks.
    double legendX = kWidth - kRight;
    for (const auto& series : chart.series) legendX -= 24 + 6.5 * double(series.name.size());
    for (const auto& series : chart.series) {
        if (series.dots) {
            for (std::size_t i = 0; i < series.x.size(); ++i) {
                if (!std::isfinite(series.y[i])) continue;
                if (i < series.whisker.size() && std::isfinite(series.whisker[i]) && series.whisker[i] > 0.0)
                    svg += "<line stroke=\"" + series.colour + "\" x1=\"" + number(sx(series.x[i])) + "\" x2=\"" + number(sx(series.x[i])) + "\" y1=\"" +
                           number(sy(series.y[i] - series.whisker[i])) + "\" y2=\"" + number(sy(series.y[i] + series.whisker[i])) + "\"/>";
                svg += "<circle r=\"3.5\" fill=\"" + series.colour + "\" cx=\"" + number(sx(series.x[i])) + "\" cy=\"" + number(sy(series.y[i])) + "\"/>";
            }
        } else {
            std::string path;
            bool pen = false;
            for (std::size_t i = 0; i < series.x.size(); ++i) {
                if (!std::isfinite(series.y[i])) {
                    pen = false;
                    continue;
                }
                path += (pen ? " L" : " M") + number(sx(series.x[i])) + " " + number(sy(series.y[i]));
                pen = true;
            }
            if (!path.empty()) svg += "<path fill=\"none\" stroke-width=\"2\" stroke=\"" + series.colour + "\" d=\"" + path.substr(1) + "\"/>";
        }
        svg += "\n<rect x=\"" + number(legendX) + "\" y=\"9\" width=\"10\" height=\"10\" fill=\"" + series.colour + "\"/>";
        svg += "<text class=\"tick\" x=\"" + number(legendX + 14) + "\" y=\"18\">" + xmlEscaped(series.name) + "</text>\n";
        legendX += 24 + 6.5 * double(series.name.size());
    }
    return svg + "</svg>\n";
}

std::string svgDiagram(const model::Scenario& scenario, const model::RunResult* analysis) {
    constexpr double kBoxWidth = 140, kBoxHeight = 74, kMargin = 24;  // as the app's boxes (ui/ComponentItem)
    // Where the file places no box: columns by call depth from the clients.
    std::map<std::string, model::Position> place;
    std::map<std::string, int> depth;
    for (const auto& component : scenario.components)
        if (component.kind == model::ComponentKind::Client) depth[component.id] = 0;
    for (std::size_t round = 0; round < scenario.components.size(); ++round)
        for (const auto& component : scenario.components)
            if (depth.count(component.id))
                for (const auto& call : component.calls)
                    if (!depth.count(call.to) || depth[call.to] > depth[component.id] + 1) depth[call.to] = depth[component.id] + 1;
    std::map<int, int> row;
    for (const auto& component : scenario.components) {
        if (const auto found = scenario.layout.find(component.id); found != scenario.layout.end()) {
            place[component.id] = found->second;
            continue;
        }
        const int column = depth.count(component.id) ? depth[component.id] : 0;
        place[component.id] = {double(column) * 200.0, double(row[column]++) * 110.0};
    }
    double left = INFINITY, top = INFINITY, right = -INFINITY, bottom = -INFINITY;
    for (const auto& [id, p] : place) {
        left = std::min(left, p.x);
        top = std::min(top, p.y);
        right = std::max(right, p.x + kBoxWidth);
        bottom = std::max(bottom, p.y + kBoxHeight);
    }
    if (place.empty()) left = top = 0, right = kBoxWidth, bottom = kBoxHeight;
    const double width = right - left + 2 * kMargin, height = bottom - top + 2 * kMargin;
    const auto at = [&](const std::string& id) { return model::Position{place[id].x - left + kMargin, place[id].y - top + kMargin}; };
    std::string svg = "<svg class=\"diagram\" viewBox=\"0 0 " + number(width) + " " + number(height) + "\" width=\"" + number(std::min(width, 1100.0)) +
                      "\" role=\"img\" aria-label=\"the system's components and calls\">\n";
    svg += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
           "<path d=\"M0 0 L10 5 L0 10 z\" fill=\"#667\"/></marker></defs>\n";
    // A call leaves its box's right edge and enters the callee's left edge (or the nearer side).
    for (const auto& component : scenario.components)
        for (const auto& call : component.calls) {
            if (!place.count(call.to)) continue;
            const auto from = at(component.id), to = at(call.to);
            const bool forward = to.x >= from.x + kBoxWidth / 2;
            const double x1 = forward ? from.x + kBoxWidth : from.x, y1 = from.y + kBoxHeight / 2;
            const double x2 = forward ? to.x : to.x + kBoxWidth, y2 = to.y + kBoxHeight / 2;
            svg += "<line class=\"call\" x1=\"" + number(x1) + "\" y1=\"" + number(y1) + "\" x2=\"" + number(x2) + "\" y2=\"" + number(y2) +
                   "\" marker-end=\"url(#arrow)\"/>\n";
        }
    for (const auto& component : scenario.components) {
        const auto p = at(component.id);
        std::string load = "load-none", detail;
        if (analysis)
            for (const auto& metrics : analysis->components)
                if (metrics.id == component.id) {
                    const auto& total = metrics.total;
                    if (!total.stable) load = "load-saturated", detail = "saturated";
                    else if (total.utilization) {
                        load = *total.utilization >= 0.85 ? "load-high" : *total.utilization >= 0.6 ? "load-medium" : "load-low";
                        detail = "ρ " + model::formatNumber(*total.utilization * 100.0, 3) + "%";
                    }
                    detail = model::formatRate(model::PerSecond{total.arrivalRate}) + (detail.empty() ? "" : " · " + detail);
                }
        const bool bottleneck = analysis && analysis->bottleneck == component.id;
        svg += "<g class=\"box " + load + (bottleneck ? " bottleneck" : "") + "\"><rect x=\"" + number(p.x) + "\" y=\"" + number(p.y) + "\" width=\"" +
               number(kBoxWidth) + "\" height=\"" + number(kBoxHeight) + "\" rx=\"8\"/>";
        svg += "<text class=\"id\" x=\"" + number(p.x + 10) + "\" y=\"" + number(p.y + 22) + "\">" + xmlEscaped(component.id) + "</text>";
        svg += "<text class=\"kind\" x=\"" + number(p.x + 10) + "\" y=\"" + number(p.y + 40) + "\">" + xmlEscaped(model::kindName(component.kind)) +
               (component.instances && *component.instances > 1 ? " ×" + std::to_string(*component.instances) : "") + "</text>";
        if (!detail.empty()) svg += "<text class=\"kind\" x=\"" + number(p.x + 10) + "\" y=\"" + number(p.y + 58) + "\">" + xmlEscaped(detail) + "</text>";
        svg += "</g>\n";
    }
    return svg + "</svg>\n";
}

}  // namespace headroom::cli
