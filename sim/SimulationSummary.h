// SPDX-License-Identifier: MIT
#pragma once

#include <span>

#include "model/Plan.h"
#include "model/RunResult.h"
#include "sim/ReplicationRecord.h"

namespace headroom::sim {

/// The simulation's result in DESIGN.md's shape from its replications (at least one, in index
/// order): rates pooled over every replication's measured time, percentiles from the merged
/// histograms, 95 % confidence intervals from the spread between replications (Student's t),
/// per-interval series averaged over replications, and SLOs checked on the merged percentiles.
[[nodiscard]] model::RunResult summarizeReplications(const model::Scenario& scenario, const model::Plan& plan,
                                                     std::span<const ReplicationRecord> replications, const model::RunInfo& info);

}  // namespace headroom::sim
