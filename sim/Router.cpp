// SPDX-License-Identifier: MIT
#include "sim/Router.h"

#include <algorithm>

namespace headroom::sim {

Router::Router(const model::Plan& plan)
    : m_plan(plan), m_poolCalls(plan.pools.size()), m_clientCalls(plan.clients.size()), m_balancers(plan.calls.size()), m_out(plan.pools.size()),
      m_inService(plan.pools.size()) {
    for (std::size_t i = 0; i < plan.calls.size(); ++i) {
        const model::PlanCall& call = plan.calls[i];
        if (call.fromPool) m_poolCalls[*call.fromPool].push_back(std::uint32_t(i));
        if (call.fromClient) m_clientCalls[*call.fromClient].push_back(std::uint32_t(i));
        if (!call.fromPool || !plan.pools[*call.fromPool].balancing) continue;
        // A balancer spreads over the instances of the pool it calls (its first, for a database).
        const auto& callee = call.targets(model::Operation::Write);  // the callee's first pool (a database's primaries)
        const model::PlanPool& target = plan.pools[callee.empty() ? 0 : callee.front().pool];
        const model::PlanPool& balancer = plan.pools[*call.fromPool];
        m_balancers[i] = std::make_unique<Balancer>(*balancer.balancing, std::size_t(target.instanceSlots()), balancer.weights);
    }
    // An autoscaled pool's slots beyond the instances it starts with are stopped.
    for (std::size_t p = 0; p < plan.pools.size(); ++p)
        for (int slot = plan.pools[p].instances; slot < plan.pools[p].instanceSlots(); ++slot) setInService(p, std::uint32_t(slot), false);
}

Route Router::route(std::uint32_t call, std::uint32_t requestClass, std::uint64_t key, std::uint64_t keyRank, RandomStream& random) {
    const auto& targets = m_plan.calls[call].targets(m_plan.classes[requestClass].operation);
    std::size_t choice = 0;
    if (targets.size() > 1) {
        double u = random.uniform();
        while (choice + 1 < targets.size() && u >= targets[choice].share) u -= targets[choice++].share;
    }
    const std::size_t pool = targets[choice].pool;
    const int instances = m_plan.pools[pool].instanceSlots();
    std::size_t instance = 0;
    Balancer* balancer = m_balancers[call].get();
    const model::PlanPool& target = m_plan.pools[pool];
    if (target.sharding && keyRank > 0) {
        // The key's shard; a replica pool's replicas of that shard share it at random.
        const int shard = model::shardOfRank(keyRank, target.keys->popularity.keys(), target.shards, *target.sharding);
        const int perShard = std::max(1, target.instances / target.shards);
        return Route{std::uint32_t(pool), std::uint32_t(shard * perShard + int(perShard > 1 ? random.below(std::size_t(perShard)) : 0))};
    }
    if (const auto canary = m_canaries.find(pool); canary != m_canaries.end() && random.chance(canary->second.fraction)) {
        instance = canary->second.slot;
        if (balancer && choice == 0) balancer->sent(instance);  // it counts the reply or failure back
    } else if (balancer && choice == 0) {
        instance = balancer->pick(random, key);
        balancer->sent(instance);
    } else if (!m_inService[pool].empty()) {
        instance = m_inService[pool][random.below(m_inService[pool].size())];
    } else if (instances > 1) {
        // Without a balancer every instance takes an equal share at random (a database: a key's
        // shard, and one of its replicas).
        instance = random.below(std::size_t(instances));
    }
    return Route{std::uint32_t(pool), std::uint32_t(instance)};
}

Balancer* Router::balancerOf(std::uint32_t call, Route to) const {
    Balancer* balancer = m_balancers[call].get();
    if (!balancer) return nullptr;
    const auto& targets = m_plan.calls[call].targets(model::Operation::Write);
    return !targets.empty() && targets.front().pool == to.pool ? balancer : nullptr;
}

void Router::replied(std::uint32_t call, Route to, double responseTime) {
    if (Balancer* balancer = balancerOf(call, to)) balancer->returned(to.instance, responseTime);
}

void Router::setInService(std::size_t pool, std::uint32_t instance, bool inService) {
    std::vector<bool>& out = m_out[pool];
    if (out.empty()) out.assign(std::size_t(m_plan.pools[pool].instanceSlots()), false);
    out[instance] = !inService;
    m_inService[pool].clear();
    if (std::find(out.begin(), out.end(), true) != out.end())
        for (std::uint32_t i = 0; i < out.size(); ++i)
            if (!out[i]) m_inService[pool].push_back(i);
    for (std::size_t c = 0; c < m_plan.calls.size(); ++c)
        if (m_balancers[c] && balancerOf(std::uint32_t(c), Route{std::uint32_t(pool), instance})) m_balancers[c]->setInService(instance, inService);
}

std::optional<std::uint32_t> Router::clearCanary(std::size_t pool) {
    const auto it = m_canaries.find(pool);
    if (it == m_canaries.end()) return std::nullopt;
    const std::uint32_t slot = it->second.slot;
    m_canaries.erase(it);
    return slot;
}

void Router::failed(std::uint32_t call, Route to) {
    if (Balancer* balancer = balancerOf(call, to)) balancer->failed(to.instance);
}

}  // namespace headroom::sim
