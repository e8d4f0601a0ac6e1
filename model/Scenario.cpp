// SPDX-License-Identifier: MIT
#include "model/Scenario.h"

#include "model/JsonReader.h"

namespace headroom::model {

const Component* Scenario::find(std::string_view id) const {
    for (const auto& component : components)
        if (component.id == id) return &component;
    return nullptr;
}

std::optional<std::string> firstVersion2Key(const Scenario& scenario) {
    for (std::size_t i = 0; i < scenario.components.size(); ++i) {
        const Component& component = scenario.components[i];
        const std::string path = indexPath("components", i);
        if (component.zones) return path + ".zones";
        if (component.dropExpired) return path + ".drop_expired";
        if (component.retry) return path + ".retry";
        if (component.healthCheck) return path + ".health_check";
        if (component.autoscale) return path + ".autoscale";
        if (component.failoverTime) return path + ".failover_time";
        for (const auto& [present, key] : {std::pair{component.keys.has_value(), "keys"}, {component.capacity.has_value(), "capacity"},
                                           {component.capacityItems.has_value(), "capacity_items"}, {component.eviction.has_value(), "eviction"},
                                           {component.ttl.has_value(), "ttl"}, {component.writes.has_value(), "writes"},
                                           {component.sharding.has_value(), "sharding"}, {component.replicationLag.has_value(), "replication_lag"}})
            if (present) return path + "." + key;
        for (std::size_t c = 0; c < component.calls.size(); ++c) {
            if (component.calls[c].retry) return indexPath(path + ".calls", c) + ".retry";
            if (component.calls[c].circuitBreaker) return indexPath(path + ".calls", c) + ".circuit_breaker";
        }
    }
    for (std::size_t i = 0; i < scenario.slos.size(); ++i)
        if (scenario.slos[i].isAvailability()) return indexPath("slo", i) + ".availability";
    if (!scenario.events.empty()) return "events";
    if (const auto& run = scenario.run) {
        if (!run->precision.empty()) return "run.precision";
        if (run->maxReplications) return "run.max_replications";
    }
    if (const auto& estimate = scenario.estimate) {
        if (estimate->keyPopularity) return "estimate.key_popularity";
        if (estimate->cacheHitTarget) return "estimate.cache_hit_target";
        if (estimate->shards) return "estimate.shards";
        if (estimate->sharding) return "estimate.sharding";
    }
    return std::nullopt;
}

}  // namespace headroom::model
