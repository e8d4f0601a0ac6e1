// SPDX-License-Identifier: MIT
#include "model/ChangeOverTimePlan.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "model/ChangeOverTimeFormat.h"
#include "model/Defaults.h"

namespace headroom::model {

PlanRetry resolve(const RetryPolicy& retry) {
    PlanRetry out;
    out.attempts = retry.attempts.value_or(int(defaults::kRetryAttempts.value));
    out.backoff = retry.backoff.value_or(Backoff::Exponential);
    out.base = retry.base ? retry.base->value : defaults::kRetryBase.value;
    out.cap = retry.cap ? retry.cap->value : defaults::kRetryCap.value;
    // Full jitter is the AWS Architecture Blog's recommendation (F05).
    out.jitter = retry.jitter.value_or(Jitter::Full);
    if (retry.on) {
        out.on = {false, false, false};
        for (RetryOn reason : *retry.on) out.on[std::size_t(reason)] = true;
    }
    out.budget = retry.budget;
    out.budgetWindow = defaults::kRetryBudgetWindow.value;
    return out;
}

PlanBreaker resolve(const CircuitBreaker& breaker) {
    return PlanBreaker{breaker.failureRate.value_or(defaults::kBreakerFailureRate.value), breaker.window.value_or(int(defaults::kBreakerWindow.value)),
                       breaker.minCalls.value_or(int(defaults::kBreakerMinCalls.value)),
                       breaker.openFor ? breaker.openFor->value : defaults::kBreakerOpenFor.value,
                       breaker.halfOpenCalls.value_or(int(defaults::kBreakerHalfOpenCalls.value))};
}

PlanAutoscale resolve(const Autoscale& autoscale, int instances) {
    PlanAutoscale out;
    out.metric = autoscale.metric.value_or(AutoscaleMetric::Cpu);
    out.target = autoscale.target.value_or(defaults::kAutoscaleTarget.value);  // validation requires one for other metrics
    out.min = autoscale.min.value_or(instances);
    out.max = autoscale.max.value_or(out.min);  // validation requires max
    const auto seconds = [](const std::optional<Seconds>& given, const ReferenceValue& otherwise) { return given ? given->value : otherwise.value; };
    out.period = seconds(autoscale.period, defaults::kAutoscalePeriod);
    out.bootTime = seconds(autoscale.bootTime, defaults::kBootTime);
    out.cooldown = seconds(autoscale.cooldown, defaults::kAutoscaleCooldown);
    out.scaleInAfter = seconds(autoscale.scaleInAfter, defaults::kScaleInAfter);
    return out;
}

PlanHealthCheck resolve(const HealthCheck& check) {
    return PlanHealthCheck{check.interval ? check.interval->value : defaults::kHealthCheckInterval.value,
                           check.unhealthyAfter.value_or(int(defaults::kUnhealthyAfter.value)),
                           check.healthyAfter.value_or(int(defaults::kHealthyAfter.value))};
}

namespace {

std::vector<std::size_t> poolsOf(const Plan& plan, std::size_t component) {
    std::vector<std::size_t> pools;
    for (std::size_t p = 0; p < plan.pools.size(); ++p)
        if (plan.pools[p].component == component) pools.push_back(p);
    return pools;
}

/// Instance i of a pool runs in zones[i mod n]. A database spreads each shard the same way: its
/// primary in the first zone, its replica j (from 1) in zones[j mod n]; replicas are numbered
/// shard by shard (shard s's are s × replicas … s × replicas + replicas − 1).
void spreadZones(const Component& component, PlanPool& pool, const std::vector<std::string>& zones, int replicasPerShard) {
    if (!component.zones || component.zones->empty()) return;
    const auto& names = *component.zones;
    const auto indexOf = [&](const std::string& name) { return std::size_t(std::lower_bound(zones.begin(), zones.end(), name) - zones.begin()); };
    for (int i = 0; i < pool.instanceSlots(); ++i) {
        std::size_t slot = std::size_t(i);
        if (pool.role == PoolRole::Primaries) slot = 0;
        if (pool.role == PoolRole::Replicas) slot = std::size_t(i % replicasPerShard) + 1;
        pool.zoneOfInstance.push_back(indexOf(names[slot % names.size()]));
    }
}

}  // namespace

void resolveChangeOverTime(const Scenario& scenario, Plan& plan) {
    std::set<std::string> zones;
    for (const auto& component : scenario.components)
        if (component.zones) zones.insert(component.zones->begin(), component.zones->end());
    plan.zones.assign(zones.begin(), zones.end());

    for (PlanPool& pool : plan.pools) {
        const Component& component = scenario.components[pool.component];
        if (component.autoscale) pool.autoscale = resolve(*component.autoscale, component.instances.value_or(1));
        spreadZones(component, pool, plan.zones, component.replicas.value_or(0));  // over its slots: after the autoscaler
        pool.dropExpired = component.dropExpired.value_or(false);
        if (component.healthCheck || component.kind == ComponentKind::LoadBalancer)
            pool.healthCheck = resolve(component.healthCheck.value_or(HealthCheck{}));
        pool.failoverTime = component.failoverTime ? component.failoverTime->value : defaults::kFailoverTime.value;
        pool.hasReplicas = component.replicas.value_or(0) > 0;
    }

    for (const FaultEvent& event : scenario.events) {
        PlanFault fault;
        fault.kind = event.fault;
        fault.description = describe(event);
        fault.at = event.at.value;
        fault.until = event.duration ? event.at.value + event.duration->value : INFINITY;
        fault.end = fault.until;
        std::optional<std::size_t> component;
        if (event.component)
            for (std::size_t i = 0; i < scenario.components.size(); ++i)
                if (scenario.components[i].id == *event.component) component = i;
        fault.component = component;
        switch (event.fault) {
            case FaultKind::Crash:
            case FaultKind::Hang:
                // The first `instances` of the component's pool.
                for (std::size_t p : poolsOf(plan, *component))
                    for (int i = 0; i < std::min(event.instances.value_or(1), plan.pools[p].instances); ++i)
                        fault.instances.push_back({p, std::uint32_t(i)});
                break;
            case FaultKind::ZoneOutage: {
                const auto zone = std::size_t(std::lower_bound(plan.zones.begin(), plan.zones.end(), *event.zone) - plan.zones.begin());
                for (std::size_t p = 0; p < plan.pools.size(); ++p)
                    for (std::size_t i = 0; i < plan.pools[p].zoneOfInstance.size(); ++i)
                        if (plan.pools[p].zoneOfInstance[i] == zone) fault.instances.push_back({p, std::uint32_t(i)});
                break;
            }
            case FaultKind::Slowdown:
                fault.pools = poolsOf(plan, *component);
                fault.factor = event.factor.value_or(1.0);
                break;
            case FaultKind::Latency:
                for (std::size_t c = 0; c < plan.calls.size(); ++c) {
                    const PlanCall& call = plan.calls[c];
                    const std::size_t caller = call.fromPool ? plan.pools[*call.fromPool].component : plan.clients[*call.fromClient].component;
                    const std::string& a = scenario.components[caller].id;
                    const std::string& b = scenario.components[call.component].id;
                    if ((a == *event.from && b == *event.to) || (a == *event.to && b == *event.from)) fault.calls.push_back(c);
                }
                fault.add = event.add ? event.add->value : 0.0;
                break;
            case FaultKind::PrimaryLoss:
                for (std::size_t p : poolsOf(plan, *component)) {
                    const PlanPool& pool = plan.pools[p];
                    if (pool.role != PoolRole::Primaries) continue;
                    for (int shard = 0; shard < pool.instances; ++shard)
                        if (!event.shard || *event.shard == shard) fault.instances.push_back({p, std::uint32_t(shard)});
                    // A replica is promoted after the failover time; without one the shard waits
                    // for its primary.
                    if (pool.hasReplicas) fault.end = std::min(fault.until, fault.at + pool.failoverTime);
                }
                break;
            case FaultKind::CacheFlush:
                fault.pools = poolsOf(plan, *component);
                fault.warmup = event.warmup ? event.warmup->value : kCacheFlushWarmupSeconds;
                fault.end = fault.at + fault.warmup;
                break;
        }
        plan.faults.push_back(std::move(fault));
    }
}

bool Plan::changesOverTime() const {
    if (!faults.empty()) return true;
    for (const PlanPool& pool : pools)
        if (pool.autoscale) return true;
    for (const PlanCall& call : calls)
        if (call.retry || call.breaker) return true;
    return false;
}

}  // namespace headroom::model
