// SPDX-License-Identifier: MIT
#include "model/Losses.h"

#include <set>

#include "model/ComponentKind.h"
#include "model/CountFields.h"

namespace headroom::model {
namespace {

/// Components whose instance count the loss of one instance changes: stations with instances
/// (a function scales itself; a database's copies are lost with a zone, or fail over).
bool losesSingleInstances(const Component& component) {
    return component.kind != ComponentKind::Client && component.kind != ComponentKind::Function && component.kind != ComponentKind::Database &&
           component.instances.value_or(*kInstancesField.whenAbsent) > 1;
}

int countIn(const std::vector<std::string>& zones, int slots, const std::string& zone) {
    int count = 0;
    for (int i = 0; i < slots; ++i)
        if (zones[std::size_t(i) % zones.size()] == zone) ++count;
    return count;
}

}  // namespace

std::vector<Loss> possibleLosses(const Scenario& scenario) {
    std::vector<Loss> losses;
    for (std::size_t c = 0; c < scenario.components.size(); ++c) {
        const Component& component = scenario.components[c];
        if (!losesSingleInstances(component)) continue;
        Loss loss{component.id + " ×1", scenario, {}, {}};
        const int before = component.instances.value_or(1);
        loss.scenario.components[c].instances = before - 1;
        loss.changes.push_back({component.id, before, before - 1});
        losses.push_back(std::move(loss));
    }
    std::set<std::string> zones;
    for (const auto& component : scenario.components)
        if (component.zones) zones.insert(component.zones->begin(), component.zones->end());
    for (const std::string& zone : zones) {
        Loss loss{"zone " + zone, scenario, {}, {}};
        for (Component& component : loss.scenario.components) {
            if (!component.zones || component.zones->empty()) continue;
            if (component.kind == ComponentKind::Database) {
                // Per shard: slot 0 the primary, slots 1…replicas its replicas.
                const int replicas = component.replicas.value_or(0);
                const int lost = countIn(*component.zones, replicas + 1, zone);
                if (lost == 0) continue;
                if (lost > replicas) {
                    loss.unavailable.push_back(component.id);
                    continue;
                }
                component.replicas = replicas - lost;
                // With no replica left, reads go to the promoted primary.
                if (replicas - lost == 0 && component.readFrom == ReadFrom::Replicas) component.readFrom = ReadFrom::Primary;
                loss.changes.push_back({component.id + "/replica", replicas, replicas - lost});
                continue;
            }
            if (component.kind == ComponentKind::Function) continue;
            const int before = component.instances.value_or(*kInstancesField.whenAbsent);
            const int lost = countIn(*component.zones, before, zone);
            if (lost == 0) continue;
            if (lost == before) {
                loss.unavailable.push_back(component.id);
                continue;
            }
            component.instances = before - lost;
            loss.changes.push_back({component.id, before, before - lost});
        }
        losses.push_back(std::move(loss));
    }
    return losses;
}

}  // namespace headroom::model
