// SPDX-License-Identifier: MIT
#include "model/ComponentRollup.h"

#include <algorithm>

#include "model/Defaults.h"
#include "model/UnitTables.h"

namespace headroom::model {
namespace {

/// A component's totals over its pools: rates and queues add up, utilizations take the most
/// loaded pool, and the time per visit is the throughput-weighted mean.
PoolMetrics combine(const ComponentMetrics& component) {
    if (component.pools.size() == 1) return component.pools.front();
    PoolMetrics total;
    total.name = component.id;
    total.model = "pools";
    double weighted = 0.0;
    bool known = true;
    for (const auto& pool : component.pools) {
        total.instances += pool.instances;
        total.arrivalRate += pool.arrivalRate;
        total.throughput += pool.throughput;
        total.stable = total.stable && pool.stable;
        total.approximate = total.approximate || pool.approximate;
        if (pool.utilization) total.utilization = std::max(total.utilization.value_or(0.0), *pool.utilization);
        if (pool.workerUtilization) total.workerUtilization = std::max(total.workerUtilization.value_or(0.0), *pool.workerUtilization);
        if (pool.meanQueueLength) total.meanQueueLength = total.meanQueueLength.value_or(0.0) + *pool.meanQueueLength;
        if (pool.throughput > 0.0) {
            if (pool.meanResponseTime)
                weighted += pool.throughput * *pool.meanResponseTime;
            else
                known = false;
        }
    }
    if (known && total.throughput > 0.0) total.meanResponseTime = weighted / total.throughput;
    return total;
}

/// What the plan worked out from a pool's keys: a cache's hit ratio and what it holds, a
/// database's shard loads and stale replica reads. The simulator puts what it measured over them.
void addKeyed(const PlanPool& pool, ComponentMetrics& component) {
    if (!pool.keys) return;
    KeyedMetrics& keys = component.keys ? *component.keys : component.keys.emplace();
    if (pool.keyedCache) {
        keys.hitRatio = pool.hitRatio;
        keys.itemsHeld = pool.keyedCache->outcome.itemsHeld;
        if (pool.keys->itemBytes) keys.memoryBytes = *keys.itemsHeld * *pool.keys->itemBytes;
    }
    if (pool.role == PoolRole::Primaries) keys.shardLoad = pool.shardShares;
    if (pool.staleReads) keys.staleReads = pool.staleReads;
}

}  // namespace

void addComponents(const Scenario& scenario, const Plan& plan, std::span<const PoolMetrics> pools, RunResult& result) {
    const double monthSeconds = units::kMonth;
    const std::size_t first = result.components.size();
    for (std::size_t p = 0; p < plan.pools.size(); ++p) {
        const PlanPool& pool = plan.pools[p];
        const PoolMetrics& metrics = pools[p];
        const std::string& id = scenario.components[pool.component].id;
        if (result.components.size() == first || result.components.back().id != id) result.components.push_back({id, {}, {}, std::nullopt, std::nullopt});
        ComponentMetrics& component = result.components.back();
        component.pools.push_back(metrics);
        addKeyed(pool, component);
        if (pool.pricePerInstanceHour)
            component.costPerMonth = component.costPerMonth.value_or(0.0) +
                                     metrics.meanInstances.value_or(pool.instances) * *pool.pricePerInstanceHour * monthSeconds / 3600.0;
        if (pool.pricePerRequest && pool.memoryGb && metrics.meanResponseTime) {
            // Billed per invocation and per GB-second of wall time, sync calls included.
            const double invocations = metrics.throughput * monthSeconds;
            component.costPerMonth = component.costPerMonth.value_or(0.0) +
                                     invocations * (*pool.pricePerRequest + *pool.pricePerGbSecond * *pool.memoryGb * *metrics.meanResponseTime);
        } else if (pool.pricePerRequest && !pool.memoryGb) {
            result.notes.push_back("function \"" + id + "\" has no \"memory\", so its GB-seconds, and its cost, cannot be priced");
        }
        result.stable = result.stable && metrics.stable;
    }
    for (std::size_t c = first; c < result.components.size(); ++c) result.components[c].total = combine(result.components[c]);
}

void setBottleneck(const Scenario& scenario, const Plan& plan, std::span<const double> loadPerPool, RunResult& result) {
    double highest = 0.0;
    for (std::size_t p = 0; p < plan.pools.size(); ++p) {
        if (plan.pools[p].model == PoolModel::Delay || loadPerPool[p] <= highest) continue;
        highest = loadPerPool[p];
        result.bottleneck = scenario.components[plan.pools[p].component].id;
    }
    if (highest > 0.0) result.loadHeadroom = 1.0 / highest;
}

}  // namespace headroom::model
