// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "model/RunResult.h"
#include "model/Scenario.h"

namespace headroom::analytic {

/// `analyze --degraded`: every loss of model::possibleLosses re-solved by the analytic engine:
/// whether each SLO still holds, what saturates, what is left with nothing to serve, and the load
/// per surviving instance. `normal` is the analysis of the intact scenario.
[[nodiscard]] std::vector<model::DegradedCase> analyzeDegraded(const model::Scenario& scenario, const model::RunResult& normal);

}  // namespace headroom::analytic
