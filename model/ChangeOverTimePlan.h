// SPDX-License-Identifier: MIT
#pragma once

#include "model/Plan.h"

/// Compiling format version 2's keys into the plan: defaults of REFERENCE.md section 1.7 applied,
/// zones spread over instances, and each event resolved to what it strikes.
namespace headroom::model {

[[nodiscard]] PlanRetry resolve(const RetryPolicy& retry);
[[nodiscard]] PlanBreaker resolve(const CircuitBreaker& breaker);
[[nodiscard]] PlanHealthCheck resolve(const HealthCheck& check);
/// An autoscaler with its F10–F13 defaults; `instances` is the component's own count, the
/// default `min`.
[[nodiscard]] PlanAutoscale resolve(const Autoscale& autoscale, int instances);

/// A deploy or scale event (`event.change` set) with its F02, F12 and F14 defaults, for the count
/// its component runs when it starts as the file plans it.
[[nodiscard]] PlanChange resolveChange(const Scenario& scenario, const FaultEvent& event);

/// By class: whether its requests visit a pool the fault or change strikes (a latency fault: its
/// calls' callees). An event's impact counts those classes only.
[[nodiscard]] std::vector<bool> classesReaching(const Plan& plan, const PlanFault& fault);

/// Fills the pools' zones, drop_expired, health checks and failover, and Plan::zones and
/// Plan::faults, once the pools and calls are in place.
void resolveChangeOverTime(const Scenario& scenario, Plan& plan);

}  // namespace headroom::model
