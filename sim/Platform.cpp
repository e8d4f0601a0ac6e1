// SPDX-License-Identifier: MIT
#include "sim/Platform.h"

#include <string>

namespace headroom::sim {

namespace sg4 = simgrid::s4u;

Platform::Platform(const model::Plan& plan)
    : m_hosts(plan.pools.size()), m_endpoints(plan.componentCount, nullptr), m_linkHasBandwidth(plan.links.size(), false) {
    sg4::NetZone* zone = sg4::create_full_zone("scenario");
    for (std::size_t p = 0; p < plan.pools.size(); ++p) {
        const model::PlanPool& pool = plan.pools[p];
        if (pool.model != model::PoolModel::Queue) continue;  // a delay needs no CPU
        for (int i = 0; i < pool.instances; ++i)
            m_hosts[p].push_back(zone->create_host(pool.name + "#" + std::to_string(i), 1.0)->set_core_count(pool.cores)->seal());
    }
    const auto endpointOf = [&](std::size_t component) {
        if (!m_endpoints[component]) m_endpoints[component] = zone->create_host("net:" + std::to_string(component), 1.0)->seal();
        return m_endpoints[component];
    };
    for (std::size_t l = 0; l < plan.links.size(); ++l) {
        const model::PlanLink& link = plan.links[l];
        if (!link.bandwidth) continue;
        m_linkHasBandwidth[l] = true;
        sg4::Host* from = endpointOf(link.from);
        sg4::Host* to = endpointOf(link.to);
        const sg4::Link* wire = zone->create_split_duplex_link("link:" + link.name, *link.bandwidth)->set_latency(link.latency)->seal();
        zone->add_route(from->get_netpoint(), to->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(wire, sg4::LinkInRoute::Direction::UP)}, false);
        zone->add_route(to->get_netpoint(), from->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(wire, sg4::LinkInRoute::Direction::DOWN)}, false);
    }
    zone->seal();
}

}  // namespace headroom::sim
