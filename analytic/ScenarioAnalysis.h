// SPDX-License-Identifier: MIT
#pragma once

#include "model/Plan.h"
#include "model/RunResult.h"
#include "model/Scenario.h"

/// The analytic engine on a whole scenario: traffic from the plan's calls, each pool as a
/// queueing station, sync calls holding the caller's worker, and end-to-end means per class.
/// docs/engines.md lists what it assumes and where it is exact.
namespace headroom::analytic {

/// Where the percentiles come from: each open class's end-to-end distribution, or (the engine
/// before distributions, kept as bench_analysis's baseline) an exponential tail from the mean.
enum class Percentiles { FromDistributions, ExponentialFromMean };

[[nodiscard]] model::RunResult analyze(const model::Scenario& scenario, const model::Plan& plan,
                                       Percentiles percentiles = Percentiles::FromDistributions);

}  // namespace headroom::analytic
