// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "model/Plan.h"
#include "model/RunResult.h"
#include "model/Scenario.h"

/// What each autoscaler's target implies over the clients' profiles, from the analytic solution:
/// the load on the component at each moment of the span (the run, or one period of a diurnal
/// profile) is linear in the clients' factors, so one solve per group of clients sharing a
/// profile gives it everywhere. At each moment the instance count is the target's: ⌈busy cores ÷
/// (cores × target)⌉ for cpu, ⌈busy workers ÷ (workers × target)⌉ for workers (their holding
/// time taken from the solved load), ⌈rate ÷ target⌉ for rate_per_instance, and the fewest
/// instances whose M/M/c queue per instance is at most the target for queue_length; clamped to
/// [min, max]. It does not model the autoscaler's lag except in the outrun check: that is the
/// simulator's.
namespace headroom::analytic {

/// `base` is the scenario's own analytic result (its rates at factor 1).
[[nodiscard]] std::vector<model::AutoscaleOutlook> analyzeAutoscaling(const model::Scenario& scenario, const model::Plan& plan,
                                                                      const model::RunResult& base);

}  // namespace headroom::analytic
