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

namespace {

std::optional<std::size_t> indexOf(const Scenario& scenario, const std::optional<std::string>& id) {
    if (!id) return std::nullopt;
    for (std::size_t i = 0; i < scenario.components.size(); ++i)
        if (scenario.components[i].id == *id) return i;
    return std::nullopt;
}

/// The count a component runs just before `at`: its instances, or the last scale before then.
int countBefore(const Scenario& scenario, const std::string& id, double at) {
    const Component* component = scenario.find(id);
    int count = component ? component->instances.value_or(1) : 1;
    double latest = -1.0;
    for (const FaultEvent& event : scenario.events)
        if (event.change == ChangeKind::Scale && event.component == id && event.at.value < at && event.at.value >= latest) {
            latest = event.at.value;
            count = event.instances.value_or(count);
        }
    return count;
}

/// A share of `count` instances, or a count (F14: unavailable rounds down, surge up).
int instancesOf(const std::optional<InstanceShare>& given, const ReferenceValue& otherwise, int count, bool roundUp) {
    const InstanceShare share = given.value_or(InstanceShare{otherwise.value, true});
    if (!share.share) return int(share.value);
    const double exact = share.value * count;
    return int(roundUp ? std::ceil(exact - 1e-9) : std::floor(exact + 1e-9));
}

}  // namespace

PlanChange resolveChange(const Scenario& scenario, const FaultEvent& event) {
    PlanChange out;
    out.kind = *event.change;
    const Component* component = scenario.find(event.component.value_or(""));
    const double boot = component && component->autoscale ? resolve(*component->autoscale, component->instances.value_or(1)).bootTime
                                                           : defaults::kBootTime.value;
    out.from = countBefore(scenario, event.component.value_or(""), event.at.value);
    out.startTime = event.startTime ? event.startTime->value : boot;
    if (out.kind == ChangeKind::Scale) {
        out.instances = event.instances.value_or(out.from);
        return out;
    }
    out.instances = out.from;
    out.strategy = event.strategy.value_or(DeployStrategy::Rolling);
    out.drain = event.drain ? event.drain->value : defaults::kDeployDrain.value;
    out.serviceTimeFactor = event.serviceTimeFactor.value_or(1.0);
    out.canaryFraction = event.canaryFraction.value_or(0.0);
    out.canaryFor = event.canaryFor ? event.canaryFor->value : 0.0;
    out.unavailable = instancesOf(event.maxUnavailable, defaults::kMaxUnavailable, out.from, false);
    out.surge = instancesOf(event.maxSurge, defaults::kMaxSurge, out.from, true);
    if (out.unavailable + out.surge == 0) out.unavailable = 1;  // a share too small for the count: one at a time
    return out;
}

double PlanChange::span() const {
    if (kind == ChangeKind::Scale) return instances > from ? startTime : 0.0;
    switch (strategy) {
        case DeployStrategy::Rolling: return batches(instances) * startTime;
        case DeployStrategy::BlueGreen: return startTime + drain;
        case DeployStrategy::Canary: return startTime + canaryFor + batches(instances - 1) * startTime;
    }
    return 0.0;
}

void resolveChangeOverTime(const Scenario& scenario, Plan& plan) {
    std::set<std::string> zones;
    for (const auto& component : scenario.components)
        if (component.zones) zones.insert(component.zones->begin(), component.zones->end());
    plan.zones.assign(zones.begin(), zones.end());

    for (PlanPool& pool : plan.pools) {
        const Component& component = scenario.components[pool.component];
        if (component.autoscale) pool.autoscale = resolve(*component.autoscale, component.instances.value_or(1));
    }
    // The slots a pool needs: the largest count a scale asks for, and beside the most it runs a
    // deploy's new instances (a rolling batch launched while the last one's old instances may
    // still drain; blue-green a whole second set).
    for (const FaultEvent& event : scenario.events) {
        if (!event.change) continue;
        const auto component = indexOf(scenario, event.component);
        if (!component) continue;
        const PlanChange change = resolveChange(scenario, event);
        for (std::size_t p : poolsOf(plan, *component)) {
            PlanPool& pool = plan.pools[p];
            if (change.kind == ChangeKind::Scale) pool.largestScale = std::max(pool.largestScale, change.instances);
        }
    }
    for (const FaultEvent& event : scenario.events) {
        if (event.change != ChangeKind::Deploy) continue;
        const auto component = indexOf(scenario, event.component);
        if (!component) continue;
        const PlanChange change = resolveChange(scenario, event);
        for (std::size_t p : poolsOf(plan, *component)) {
            PlanPool& pool = plan.pools[p];
            const int most = pool.instanceSlots() - pool.spareSlots;
            const int spare = change.strategy == DeployStrategy::BlueGreen ? most : 2 * change.batchSize() + (change.strategy == DeployStrategy::Canary);
            pool.spareSlots = std::max(pool.spareSlots, spare);
        }
    }

    for (PlanPool& pool : plan.pools) {
        const Component& component = scenario.components[pool.component];
        spreadZones(component, pool, plan.zones, component.replicas.value_or(0));  // over its slots
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
        if (event.change) {
            fault.change = resolveChange(scenario, event);
            fault.component = indexOf(scenario, event.component);
            if (fault.component) fault.pools = poolsOf(plan, *fault.component);
            fault.until = fault.end = fault.at + fault.change->span();
            plan.faults.push_back(std::move(fault));
            continue;
        }
        fault.until = event.duration ? event.at.value + event.duration->value : INFINITY;
        fault.end = fault.until;
        const std::optional<std::size_t> component = indexOf(scenario, event.component);
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
    for (PlanFault& fault : plan.faults) fault.classes = classesReaching(plan, fault);
}

std::vector<bool> classesReaching(const Plan& plan, const PlanFault& fault) {
    // What it strikes: its pools, its instances' pools, the callees of its calls.
    std::vector<bool> struck(plan.pools.size(), false);
    for (const std::size_t p : fault.pools) struck[p] = true;
    for (const auto& target : fault.instances) struck[target.pool] = true;
    for (const std::size_t c : fault.calls)
        for (const auto& targets : plan.calls[c].targetsByOperation)
            for (const PoolShare& target : targets) struck[target.pool] = true;
    std::vector<bool> reaches(plan.classes.size(), false);
    for (std::size_t k = 0; k < plan.classes.size(); ++k) {
        // The pools a request of class k visits, from its clients' calls onwards.
        std::vector<bool> seen(plan.pools.size(), false);
        std::vector<std::size_t> frontier;
        const auto follow = [&](const PlanCall& call) {
            if (!call.appliesTo(k)) return;
            for (const PoolShare& target : call.targets(plan.classes[k].operation))
                if (!seen[target.pool]) {
                    seen[target.pool] = true;
                    frontier.push_back(target.pool);
                }
        };
        for (const PlanCall& call : plan.calls)
            if (call.fromClient && plan.clients[*call.fromClient].requestClass == k) follow(call);
        while (!frontier.empty()) {
            const std::size_t p = frontier.back();
            frontier.pop_back();
            for (const PlanCall& call : plan.calls)
                if (call.fromPool == p) follow(call);
        }
        for (std::size_t p = 0; p < plan.pools.size() && !reaches[k]; ++p) reaches[k] = seen[p] && struck[p];
    }
    return reaches;
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
