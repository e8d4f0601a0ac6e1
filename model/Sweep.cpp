// SPDX-License-Identifier: MIT
#include "model/Sweep.h"

#include <algorithm>
#include <cmath>

#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"
#include "model/UnitFormat.h"
#include "model/Units.h"

namespace headroom::model {
namespace {

using Kind = SweepAxis::Kind;

/// A value as written in a --vary range, with the kind its spelling says.
std::optional<std::pair<double, Kind>> readValue(std::string_view text) {
    if (const auto number = parseCount(text)) return std::pair{*number, Kind::Number};
    if (text.find('/') != std::string_view::npos) {
        if (const auto rate = parseRate(text)) return std::pair{rate->value, Kind::Rate};
        return std::nullopt;
    }
    if (text.ends_with('%')) {
        if (const auto ratio = parseRatio(text)) return std::pair{*ratio, Kind::Number};
        return std::nullopt;
    }
    if (const auto duration = parseDuration(text)) return std::pair{duration->value, Kind::Duration};
    if (const auto size = parseSize(text)) return std::pair{size->value, Kind::Size};
    return std::nullopt;
}

bool whole(double value) { return std::isfinite(value) && value == std::round(value); }

std::vector<double> spaced(double from, double to, int points, bool logarithmic) {
    std::vector<double> values;
    for (int i = 0; i < points; ++i) {
        const double t = double(i) / double(points - 1);
        values.push_back(logarithmic ? from * std::pow(to / from, t) : from + (to - from) * t);
    }
    values.front() = from;  // exactly the ends asked for, whatever the rounding between
    values.back() = to;
    return values;
}

Json jsonValue(const SweepAxis& axis, double value) {
    switch (axis.kind) {
        case Kind::Count: return Json(static_cast<std::int64_t>(std::llround(value)));
        case Kind::Number: return Json(value);
        case Kind::Rate: return Json(exactRate(PerSecond{value}));
        case Kind::Duration: return Json(exactDuration(Seconds{value}));
        case Kind::Size: return Json(exactSize(Bytes{value}));
    }
    return Json(value);
}

/// Sets one axis's value in the scenario's document.
std::optional<std::string> apply(Json& document, const SweepAxis& axis, double value) {
    Json& components = document["components"];
    if (axis.component.empty()) {
        // "rate": every open client's rate scaled so that they add up to the value.
        double total = 0.0;
        for (const auto& component : components)
            if (component.value("kind", "") == "client" && component.contains("rate"))
                if (const auto rate = parseRate(component["rate"].get<std::string>())) total += rate->value;
        if (total <= 0.0) return "rate: no client sends at a rate of its own (closed clients have users, not a rate)";
        for (auto& component : components)
            if (component.value("kind", "") == "client" && component.contains("rate"))
                if (const auto rate = parseRate(component["rate"].get<std::string>()))
                    component["rate"] = exactRate(PerSecond{value * rate->value / total});
        return std::nullopt;
    }
    for (auto& component : components)
        if (component.value("id", "") == axis.component) {
            component[axis.field] = jsonValue(axis, value);
            return std::nullopt;
        }
    return "no component has the id \"" + axis.component + "\"";
}

}  // namespace

tl::expected<SweepAxis, std::string> parseSweepAxis(std::string_view spec, const Scenario& scenario) {
    const std::string quoted = "--vary '" + std::string(spec) + "'";
    const std::size_t equals = spec.find('=');
    if (equals == std::string_view::npos) return tl::unexpected(quoted + ": expected PATH=FROM..TO, such as components[api].instances=2..12");
    SweepAxis axis;
    axis.name = std::string(spec.substr(0, equals));
    if (axis.name == "rate") {
        axis.field = "rate";
    } else {
        constexpr std::string_view kPrefix = "components[";
        const std::size_t close = axis.name.find("].");
        if (!axis.name.starts_with(kPrefix) || close == std::string::npos || close == kPrefix.size() || close + 2 == axis.name.size())
            return tl::unexpected(quoted + ": the field is components[ID].FIELD (such as components[api].instances) or rate");
        axis.component = axis.name.substr(kPrefix.size(), close - kPrefix.size());
        axis.field = axis.name.substr(close + 2);
        const bool known = std::any_of(scenario.components.begin(), scenario.components.end(), [&](const Component& c) { return c.id == axis.component; });
        if (!known) return tl::unexpected(quoted + ": no component has the id \"" + axis.component + "\"");
    }
    std::string_view range = spec.substr(equals + 1);
    std::optional<int> points;
    if (range.ends_with(":log")) {
        axis.logarithmic = true;
        range.remove_suffix(4);
    }
    if (const std::size_t colon = range.rfind(':'); colon != std::string_view::npos) {
        const auto count = parseCount(range.substr(colon + 1));
        if (!count || !whole(*count) || *count < 2 || *count > double(kMaxSweepPoints))
            return tl::unexpected(quoted + ": the number of points after ':' must be a whole number from 2 to " + std::to_string(kMaxSweepPoints));
        points = int(*count);
        range = range.substr(0, colon);
    } else if (axis.logarithmic) {
        return tl::unexpected(quoted + ": a logarithmic range needs its number of points, such as 1K/s..100K/s:20:log");
    }
    const std::size_t dots = range.find("..");
    if (dots == std::string_view::npos) return tl::unexpected(quoted + ": expected a range FROM..TO, such as 2..12 or 1K/s..20K/s");
    const auto from = readValue(range.substr(0, dots)), to = readValue(range.substr(dots + 2));
    if (!from || !to) return tl::unexpected(quoted + ": cannot read \"" + std::string(range.substr(from ? dots + 2 : 0, from ? std::string_view::npos : dots)) +
                                           "\" as a number, a rate (2K/s), a duration (5ms) or a size (4GB)");
    if (from->second != to->second) return tl::unexpected(quoted + ": FROM and TO must be in the same kind of unit");
    if (!std::isfinite(from->first) || !std::isfinite(to->first)) return tl::unexpected(quoted + ": the range must be finite");
    if (axis.logarithmic && (from->first <= 0.0 || to->first <= 0.0)) return tl::unexpected(quoted + ": a logarithmic range must be above zero");
    axis.kind = from->second;
    // A plain whole-numbered range is a count (instances, cores) unless it says otherwise.
    if (axis.kind == Kind::Number && whole(from->first) && whole(to->first) && range.find('%') == std::string_view::npos) axis.kind = Kind::Count;
    if (axis.field == "rate" && axis.kind != Kind::Rate) return tl::unexpected(quoted + ": a rate is written with its period, such as 1K/s..20K/s");
    if (axis.kind == Kind::Count && !points) {
        const double span = std::abs(to->first - from->first);
        points = span <= 100.0 ? int(span) + 1 : 10;
    }
    axis.values = spaced(from->first, to->first, std::max(points.value_or(10), from->first == to->first ? 1 : 2), axis.logarithmic);
    if (from->first == to->first) axis.values.resize(1);
    if (axis.kind == Kind::Count) {
        for (double& value : axis.values) value = std::round(value);
        axis.values.erase(std::unique(axis.values.begin(), axis.values.end()), axis.values.end());
    }
    // The first value through the loader: a field the component does not have, or a value its
    // kind refuses, is said now, with the loader's words.
    if (const auto first = scenarioAt(scenario, {axis}, {0}); !first) return tl::unexpected(quoted + ": " + first.error());
    return axis;
}

std::string valueText(const SweepAxis& axis, double value) {
    const Json json = jsonValue(axis, value);
    return json.is_string() ? json.get<std::string>() : shortestDecimal(value);
}

std::vector<std::vector<std::size_t>> sweepGrid(const std::vector<SweepAxis>& axes) {
    std::vector<std::vector<std::size_t>> grid{{}};
    for (const auto& axis : axes) {
        std::vector<std::vector<std::size_t>> next;
        for (const auto& point : grid)
            for (std::size_t i = 0; i < axis.values.size(); ++i) {
                next.push_back(point);
                next.back().push_back(i);
            }
        grid = std::move(next);
    }
    return grid;
}

tl::expected<Scenario, std::string> scenarioAt(const Scenario& scenario, const std::vector<SweepAxis>& axes, const std::vector<std::size_t>& point) {
    Json document = toJson(scenario);
    std::string where;
    for (std::size_t a = 0; a < axes.size(); ++a) {
        const double value = axes[a].values.at(point.at(a));
        if (const auto failure = apply(document, axes[a], value)) return tl::unexpected(*failure);
        where += (where.empty() ? "" : ", ") + axes[a].name + "=" + valueText(axes[a], value);
    }
    Loaded loaded = loadScenario(document);
    if (!loaded.scenario) {
        std::string problems;
        for (const auto& problem : loaded.problems)
            if (problem.severity == Problem::Severity::Error) problems += (problems.empty() ? "" : "; ") + problem.path + ": " + problem.message;
        return tl::unexpected("at " + where + ": " + problems);
    }
    return std::move(*loaded.scenario);
}

tl::expected<PlannedPoint, std::string> plannedScenarioAt(const Scenario& scenario, const std::vector<SweepAxis>& axes, const std::vector<std::size_t>& point) {
    auto at = scenarioAt(scenario, axes, point);
    if (!at) return tl::unexpected(at.error());
    Compiled compiled = compilePlan(*at);
    if (!compiled.plan) {
        std::string problems;
        for (const auto& problem : compiled.problems) problems += (problems.empty() ? "" : "; ") + problem.path + ": " + problem.message;
        return tl::unexpected(problems);
    }
    return PlannedPoint{std::move(*at), std::move(*compiled.plan)};
}

std::optional<std::size_t> kneeOf(const std::vector<double>& x, const std::vector<double>& y) {
    const std::size_t n = std::min(x.size(), y.size());
    if (n < 3) return std::nullopt;
    const auto xRange = std::minmax_element(x.begin(), x.begin() + long(n));
    const auto yRange = std::minmax_element(y.begin(), y.begin() + long(n));
    const double xLow = *xRange.first, xHigh = *xRange.second, yLow = *yRange.first, yHigh = *yRange.second;
    if (xHigh <= xLow || yHigh <= yLow) return std::nullopt;
    const auto xs = [&](std::size_t i) { return (x[i] - xLow) / (xHigh - xLow); };
    const auto ys = [&](std::size_t i) { return (y[i] - yLow) / (yHigh - yLow); };
    // The chord from the first point to the last; the knee lies farthest below it.
    const double x0 = xs(0), y0 = ys(0), x1 = xs(n - 1), y1 = ys(n - 1);
    if (x1 == x0) return std::nullopt;
    std::optional<std::size_t> knee;
    double farthest = 0.0;
    for (std::size_t i = 1; i + 1 < n; ++i) {
        const double chord = y0 + (y1 - y0) * (xs(i) - x0) / (x1 - x0);
        const double below = chord - ys(i);
        if (below > farthest) {
            farthest = below;
            knee = i;
        }
    }
    // A curve within a hundredth of its chord has no bend worth a mark.
    return farthest > 0.01 ? knee : std::nullopt;
}

}  // namespace headroom::model
