// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <vector>

#include "model/Plan.h"
#include "model/RunResult.h"

/// What both engines do with their per-pool answers: group them into the result's components
/// (a database's primaries and replicas under one id), price them, and name the bottleneck.
namespace headroom::model {

/// Appends one ComponentMetrics per component, in plan order, from `pools` (one per plan pool),
/// with its monthly cost: instances × hourly price × 720 h (30 days, T05), or for a function
/// invocations × (price per request + price per GB-second × memory × its time per visit).
/// Marks the result unstable when a pool is.
void addComponents(const Scenario& scenario, const Plan& plan, std::span<const PoolMetrics> pools, RunResult& result);

/// The queueing pool with the highest load (utilization of its cores or its workers) is the
/// bottleneck; 1 ÷ that load is how far every rate can grow before it saturates.
void setBottleneck(const Scenario& scenario, const Plan& plan, std::span<const double> loadPerPool, RunResult& result);

}  // namespace headroom::model
