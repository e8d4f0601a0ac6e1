// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/Commands.h"
#include "model/Plan.h"
#include "model/RunResult.h"
#include "model/Scenario.h"
#include "sim/RunOptions.h"

namespace headroom::cli {

/// A validated scenario's replications, each in a worker process of its own as `simulate` runs
/// them (`options.jobs` at once, progress as `options` asks), merged into one result; none, with
/// `error` set, when a worker fails or the run is cancelled.
[[nodiscard]] std::optional<model::RunResult> simulateReplications(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                                                                   const SimulateOptions& options, std::ostream& out, std::ostream& err, std::string& error);

/// A run with `run.precision` runs in batches until every target is met or the cap is reached
/// (its result's `run.precision` says which), after pilot runs that find the warm-up when
/// `run.detectWarmup`.

/// The same run, and each replication also summarized on its own (what a paired comparison of
/// two runs with the same seeds needs); always `run.replications` of them, precision or not.
struct ReplicatedRun {
    model::RunResult merged;
    std::vector<model::RunResult> replications;
};
[[nodiscard]] std::optional<ReplicatedRun> simulateEachReplication(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                                                                   const SimulateOptions& options, std::ostream& out, std::ostream& err, std::string& error);

}  // namespace headroom::cli
