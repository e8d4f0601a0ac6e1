// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <vector>

#include "model/Plan.h"
#include "model/RunResult.h"
#include "sim/ReplicationRecord.h"

namespace headroom::sim {

/// Each fault's impact from the replications (DESIGN.md, "Change over time"): what failed, timed
/// out and was retried, counted exactly while the fault lasted and by whole windows of the time
/// series after it until the system recovered; the worst window p99; and the recovery time: from
/// the fault's end until goodput (all classes) and the window p99 are within 10 % of the minute
/// before the fault for three windows in a row. Means over the replications with 95 % half-widths;
/// the recovery time is absent when some replication never recovered.
[[nodiscard]] std::vector<model::EventImpact> eventImpacts(const model::Scenario& scenario, const model::Plan& plan,
                                                           std::span<const ReplicationRecord> replications);

}  // namespace headroom::sim
