// SPDX-License-Identifier: MIT
#include "sim/Platform.h"

#include <string>

namespace headroom::sim {

namespace sg4 = simgrid::s4u;

Platform::Platform(const model::Plan& plan) : m_hosts(plan.pools.size()), m_links(plan.links.size()) {
    // Zones whose routing tables grow with what they route, not with the square of the hosts:
    // instances only compute, so they sit in a zone without routes; each link with a bandwidth
    // is a zone of its own with its two ends. (One full zone for everything kept a table of
    // hosts² routes: 0.8 GB at 10,000 instances.)
    sg4::NetZone* root = sg4::create_empty_zone("scenario");
    sg4::NetZone* instances = sg4::create_empty_zone("instances")->set_parent(root);
    for (std::size_t p = 0; p < plan.pools.size(); ++p) {
        const model::PlanPool& pool = plan.pools[p];
        if (pool.model != model::PoolModel::Queue) continue;  // a delay needs no CPU
        m_hosts[p].reserve(std::size_t(pool.instanceSlots()));
        for (int i = 0; i < pool.instanceSlots(); ++i)
            m_hosts[p].push_back(instances->create_host(pool.name + "#" + std::to_string(i), 1.0)->set_core_count(pool.cores)->seal());
    }
    instances->seal();
    for (std::size_t l = 0; l < plan.links.size(); ++l) {
        const model::PlanLink& link = plan.links[l];
        if (!link.bandwidth) continue;
        sg4::NetZone* zone = sg4::create_full_zone("link:" + link.name)->set_parent(root);
        LinkEnds& ends = m_links[l];
        ends.fromComponent = link.from;
        ends.atFrom = zone->create_host("net:" + link.name + ":from", 1.0)->seal();
        ends.atTo = zone->create_host("net:" + link.name + ":to", 1.0)->seal();
        const sg4::Link* wire = zone->create_split_duplex_link("link:" + link.name, *link.bandwidth)->set_latency(link.latency)->seal();
        zone->add_route(ends.atFrom->get_netpoint(), ends.atTo->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(wire, sg4::LinkInRoute::Direction::UP)}, false);
        zone->add_route(ends.atTo->get_netpoint(), ends.atFrom->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(wire, sg4::LinkInRoute::Direction::DOWN)}, false);
        zone->seal();
    }
    root->seal();
}

std::pair<sg4::Host*, sg4::Host*> Platform::ends(const model::PlanCall& call, std::size_t caller) const {
    const LinkEnds& link = m_links[*call.link];
    return caller == link.fromComponent ? std::pair{link.atFrom, link.atTo} : std::pair{link.atTo, link.atFrom};
}

}  // namespace headroom::sim
