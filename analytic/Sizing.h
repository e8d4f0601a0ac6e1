// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/RunResult.h"
#include "model/Scenario.h"

/// Sizing: the fewest instances per component that keep every component stable (offered load
/// below 1, or below the utilization limit) and meet every SLO at the scenario's peak load, by
/// the analytic engine. A database's shards may grow but never shrink below the file's: they
/// hold the data as well as the load.
namespace headroom::analytic {

/// One count the sizing may change.
struct SizeChange {
    std::string component;
    /// "instances", "shards", "replicas", "concurrency", or an autoscaled component's
    /// "autoscale.max", "autoscale.target" or "autoscale.min"
    std::string field;
    double from = 0.0;  ///< a count, or a target in its metric's unit
    double to = 0.0;
};

struct SizingOptions {
    /// Also keep every station's utilization at or below this (e.g. 0.7 for head-room).
    std::optional<double> maxUtilization;
    /// The bound on the search's work, in analyses × pools analysed (about 30 s here): beyond
    /// it the search stops with counts that hold but may not be least (Sizing::minimal).
    double maxPoolAnalyses = 5e6;
};

struct Sizing {
    bool feasible = false;          ///< every SLO met and every component stable at peak
    std::string reason;             ///< why not, when not
    bool minimal = true;            ///< each count is the least that holds (false: the search was cut short)
    std::string note;               ///< why a feasible sizing may not be minimal
    std::vector<SizeChange> changes;
    model::Scenario sized;          ///< the scenario with the new counts (and its own rates)
    model::RunResult atPeak;        ///< the analysis of the sized scenario at peak load
    double peakFactor = 1.0;        ///< the largest profile multiple applied to any client's rate
};

/// Sizes a valid scenario; a scenario the engines cannot compile is refused by the caller.
[[nodiscard]] Sizing size(const model::Scenario& scenario, const SizingOptions& options = {});

}  // namespace headroom::analytic
