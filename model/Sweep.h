// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

#include "model/JsonReader.h"
#include "model/Plan.h"
#include "model/Scenario.h"

/// A sweep: one scenario re-solved over a grid of one or two of its fields (`headroom-cli sweep`,
/// the app's Sweep panel).
namespace headroom::model {

/// One varied field and the values it takes.
struct SweepAxis {
    /// Count: whole numbers (instances, cores); Number: any number (a hit ratio, "50%" read as 0.5).
    enum class Kind { Count, Number, Rate, Duration, Size };
    std::string name;         ///< as given: "components[api].instances", "rate"
    std::string component;    ///< the component's id; empty for "rate", every open client's rate
    std::string field;        ///< "instances", "service_time", "rate", …
    Kind kind = Kind::Count;
    std::vector<double> values;  ///< in SI base units, in sweep order
    bool logarithmic = false;
};

/// The most points a sweep may have (two axes multiply): far beyond a chart, short of an hour of
/// the analytic engine.
inline constexpr std::size_t kMaxSweepPoints = 10'000;

/// Reads "PATH=FROM..TO[:N[:log]]": PATH is `components[ID].FIELD` or `rate` (the total rate of
/// the open clients, each scaled in proportion); FROM and TO in the field's units ("2..12",
/// "1K/s..20K/s", "1ms..8ms", "50%..95%"); N points, evenly spaced or, with `log`, in equal ratios.
/// Without N, a count steps by 1 up to 101 points, anything else takes 10 points. Counts are
/// rounded to whole numbers (duplicates dropped). The path must name a component of `scenario` and
/// a field it has, or one that validation accepts for its kind.
[[nodiscard]] tl::expected<SweepAxis, std::string> parseSweepAxis(std::string_view spec, const Scenario& scenario);

/// The values of one axis as the file would spell them: "4", "2.5K/s", "2ms", "0.9".
[[nodiscard]] std::string valueText(const SweepAxis& axis, double value);

/// Every combination of the axes' values, the first axis outermost: each point a value index per axis.
[[nodiscard]] std::vector<std::vector<std::size_t>> sweepGrid(const std::vector<SweepAxis>& axes);

/// The scenario at one point of the grid, through the loader (so a value validation refuses, such
/// as 0 instances, is a problem of that point); none, with the reason, when it does not load.
[[nodiscard]] tl::expected<Scenario, std::string> scenarioAt(const Scenario& scenario, const std::vector<SweepAxis>& axes,
                                                            const std::vector<std::size_t>& point);

/// The same, compiled for the engines.
struct PlannedPoint {
    Scenario scenario;
    Plan plan;
};
[[nodiscard]] tl::expected<PlannedPoint, std::string> plannedScenarioAt(const Scenario& scenario, const std::vector<SweepAxis>& axes,
                                                                       const std::vector<std::size_t>& point);

/// The knee of a curve y(x) that bends upwards as x grows (latency against load): the point
/// farthest below the chord from its first to its last point once both axes are scaled to
/// [0, 1] (Kneedle; Satopää, Albrecht, Irwin and Raghavan, 2011). For a curve that falls as x
/// grows (latency against instances), the same on the mirrored curve. None with fewer than three
/// points or no bend.
[[nodiscard]] std::optional<std::size_t> kneeOf(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace headroom::model
