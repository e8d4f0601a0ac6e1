// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/RunResult.h"

namespace headroom::model {

/// One figure of two results side by side.
struct MetricDelta {
    enum class Unit { Rate, Seconds, Fraction, Dollars };
    std::string subject;  ///< a class, a component, or "system"
    std::string metric;   ///< "throughput", "mean", "p99", "availability", "utilization", "arrivals", "cost per month"
    Unit unit = Unit::Rate;
    std::optional<double> before, after;
    /// Both sides simulated with the same seeds (common random numbers): the 95 % half-width of
    /// the mean per-replication difference, and whether that interval leaves out zero.
    std::optional<double> halfWidth;
    std::optional<bool> significant;
    [[nodiscard]] std::optional<double> delta() const;
    /// The two sides differ (one side absent counts), beyond rounding (10⁻⁹ relative).
    [[nodiscard]] bool changed() const;
};

/// Two results of one engine compared: every class's throughput, mean, p99 and (simulated)
/// availability; every component's utilization (or arrivals, for one without); each priced
/// component's and the system's monthly cost; the bottleneck and whether every SLO holds.
struct ResultDiff {
    std::string engine;
    std::vector<MetricDelta> metrics;
    std::optional<std::string> bottleneckBefore, bottleneckAfter;
    std::vector<std::string> missedBefore, missedAfter;  ///< objectives not met: "read p99 ≤ 150 ms: 210 ms"
    bool stableBefore = true, stableAfter = true;
    int pairs = 0;  ///< replications paired by seed for the significance of each delta; 0 for none
    /// Each side's precision-targeted run: how close it came to its file's targets.
    std::optional<PrecisionOutcome> precisionBefore, precisionAfter;
    /// Both sides ran to their targets, or neither had any.
    [[nodiscard]] bool precise() const { return (!precisionBefore || precisionBefore->met) && (!precisionAfter || precisionAfter->met); }
};

/// `before` against `after`. With each side's replications summarized one by one (the same seeds,
/// in the same order, at least two), every delta gets a paired 95 % interval: the variation that
/// both sides share cancels, so a small change shows as a small, tight delta.
[[nodiscard]] ResultDiff diffResults(const RunResult& before, const RunResult& after, std::span<const RunResult> beforeReplications = {},
                                     std::span<const RunResult> afterReplications = {});

}  // namespace headroom::model
