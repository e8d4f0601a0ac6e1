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
/// `error` set, when a worker fails or the run is cancelled. A run with `run.precision` runs in
/// batches until every target is met or the cap is reached (its result's `run.precision` says
/// which), after pilot runs that find the warm-up when `run.detectWarmup`.
[[nodiscard]] std::optional<model::RunResult> simulateReplications(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                                                                   const SimulateOptions& options, std::ostream& out, std::ostream& err, std::string& error);

/// One side of a paired comparison: a validated scenario and the run options in force for it.
struct RunSide {
    const std::string& source;  ///< what the errors of its workers name
    const model::Scenario& scenario;
    const model::Plan& plan;
    const sim::RunOptions& run;
};

/// A run merged, and each of its replications summarized on its own.
struct ReplicatedRun {
    model::RunResult merged;
    std::vector<model::RunResult> replications;
};
struct PairedRuns {
    ReplicatedRun before, after;
};

/// Two scenarios run replication by replication with the same seeds (the caller gives both the
/// same `run.seed`; the first batch is the larger `run.replications`), as a paired comparison
/// needs: a fixed number of pairs, or, when either asks for precision, batches of pairs until
/// both sides meet their own targets or the smaller cap is reached, each side finding its own
/// warm-up. Progress is not drawn. None, with `error` set, when a worker fails.
[[nodiscard]] std::optional<PairedRuns> simulatePairs(const RunSide& before, const RunSide& after, const SimulateOptions& options, std::ostream& err,
                                                      std::string& error);

}  // namespace headroom::cli
