// SPDX-License-Identifier: MIT
#include "sim/Platform.h"

#include <string>

namespace headroom::sim {

namespace sg4 = simgrid::s4u;

Platform::Platform(const model::Scenario& scenario, const model::Plan& plan)
    : m_hosts(plan.pools.size()), m_endpoints(scenario.components.size(), nullptr), m_linkHasBandwidth(scenario.links.size(), false) {
    sg4::NetZone* zone = sg4::create_full_zone("scenario");
    for (std::size_t p = 0; p < plan.pools.size(); ++p) {
        const model::PlanPool& pool = plan.pools[p];
        if (pool.model != model::PoolModel::Queue) continue;  // a delay needs no CPU
        for (int i = 0; i < pool.instances; ++i)
            m_hosts[p].push_back(zone->create_host(pool.name + "#" + std::to_string(i), 1.0)->set_core_count(pool.cores)->seal());
    }
    const auto endpointOf = [&](const std::string& id) {
        const model::Component* component = scenario.find(id);
        const auto index = std::size_t(component - scenario.components.data());
        if (!m_endpoints[index]) m_endpoints[index] = zone->create_host("net:" + id, 1.0)->seal();
        return m_endpoints[index];
    };
    for (std::size_t l = 0; l < scenario.links.size(); ++l) {
        const model::Link& link = scenario.links[l];
        if (!link.bandwidth || !scenario.find(link.from) || !scenario.find(link.to)) continue;
        m_linkHasBandwidth[l] = true;
        sg4::Host* from = endpointOf(link.from);
        sg4::Host* to = endpointOf(link.to);
        const sg4::Link* wire = zone->create_split_duplex_link("link:" + link.from + "-" + link.to, link.bandwidth->value)
                                    ->set_latency(link.latency.value_or(model::Seconds{}).value)
                                    ->seal();
        zone->add_route(from->get_netpoint(), to->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(wire, sg4::LinkInRoute::Direction::UP)}, false);
        zone->add_route(to->get_netpoint(), from->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(wire, sg4::LinkInRoute::Direction::DOWN)}, false);
    }
    zone->seal();
}

}  // namespace headroom::sim
