// SPDX-License-Identifier: MIT
#include "analytic/ClassLatencies.h"

#include <algorithm>

namespace headroom::analytic {
namespace {

/// A visit whose distribution walks more parts than this is folded into the gamma of the same
/// mean and variance (LatencyTransform::compacted), and called approximate. The shipped
/// examples stay below it, so their tails are inverted whole; a chain of 100,000 services is
/// folded every few dozen hops instead of costing seconds per percentile (or the stack).
constexpr std::size_t kMaxCost = 256;

}  // namespace

LatencyTransform ClassLatencies::transformOf(const model::Distribution& distribution) {
    switch (distribution.shape) {
        case model::Distribution::Shape::Exponential: return LatencyTransform::exponential(distribution.mean.value);
        case model::Distribution::Shape::Constant: return LatencyTransform::constant(distribution.mean.value);
        case model::Distribution::Shape::Lognormal: return LatencyTransform::lognormal(distribution.mean.value, distribution.cv.value_or(1.0));
    }
    return LatencyTransform::exponential(distribution.mean.value);
}

double ClassLatencies::squaredCvOf(const model::Distribution& distribution) {
    switch (distribution.shape) {
        case model::Distribution::Shape::Exponential: return 1.0;
        case model::Distribution::Shape::Constant: return 0.0;
        case model::Distribution::Shape::Lognormal: return *distribution.cv * *distribution.cv;
    }
    return 1.0;
}

ClassLatencies::ClassLatencies(const model::Plan& plan, const std::vector<PoolTimes>& pools, const std::vector<std::size_t>& calleesFirst)
    : m_plan(plan), m_pools(pools), m_poolCalls(plan.pools.size()), m_clientCalls(plan.clients.size()), m_visits(plan.pools.size()),
      m_classes(plan.classes.size()), m_exact(plan.classes.size(), false) {
    for (std::size_t c = 0; c < plan.calls.size(); ++c) {
        const model::PlanCall& call = plan.calls[c];
        if (call.fromPool && call.sync) m_poolCalls[*call.fromPool].push_back(c);
        if (call.fromClient) m_clientCalls[*call.fromClient].push_back(c);
    }
    for (const std::size_t p : calleesFirst) buildVisits(p);
    // A class: its clients mixed by their share of its rate, each making its calls in turn.
    std::vector<std::vector<std::pair<double, LatencyTransform>>> parts(plan.classes.size());
    std::vector<int> queues(plan.classes.size(), 0);
    std::vector<bool> known(plan.classes.size(), true), exact(plan.classes.size(), true);
    for (std::size_t i = 0; i < plan.clients.size(); ++i) {
        const model::PlanClient& client = plan.clients[i];
        const model::PlanClass& cls = plan.classes[client.requestClass];
        if (cls.users || cls.rate <= 0.0 || client.rate <= 0.0) continue;
        const auto calls = callsOf(m_clientCalls[i], client.requestClass);
        if (!calls) {
            known[client.requestClass] = false;
            continue;
        }
        parts[client.requestClass].emplace_back(client.rate / cls.rate, calls->time);
        queues[client.requestClass] = std::max(queues[client.requestClass], calls->queues);
        exact[client.requestClass] = exact[client.requestClass] && calls->exact;
    }
    for (std::size_t k = 0; k < plan.classes.size(); ++k) {
        if (!known[k] || parts[k].empty()) continue;
        m_classes[k] = parts[k].size() == 1 ? parts[k].front().second : LatencyTransform::mixture(parts[k]);
        m_exact[k] = exact[k] && queues[k] <= 1;
    }
}

void ClassLatencies::buildVisits(std::size_t p) {
    const PoolTimes& pool = m_pools[p];
    const bool queueing = m_plan.pools[p].model == model::PoolModel::Queue;
    // A lognormal service is taken as its gamma fit (transformOf), in its own time and in the
    // wait it causes the others: then no visit to the pool is exact.
    const bool fitted = std::any_of(pool.service.begin(), pool.service.end(),
                                    [](const model::Distribution& d) { return d.shape == model::Distribution::Shape::Lognormal; });
    m_visits[p].assign(pool.classes.size(), std::nullopt);
    for (std::size_t i = 0; i < pool.classes.size(); ++i) {
        if (!pool.response[i]) continue;
        const auto calls = callsOf(m_poolCalls[p], pool.classes[i]);
        if (!calls) continue;
        // The visit's wait and CPU time, at the instances it goes to.
        std::vector<std::pair<double, LatencyTransform>> atInstances;
        for (const InstanceTimes& group : pool.instances) {
            const LatencyTransform cpu = cpuTime(pool.service[i], group.cpu[i]);
            atInstances.emplace_back(group.traffic, group.wait ? group.wait->then(cpu) : cpu);
        }
        LatencyTransform time = atInstances.size() == 1 ? atInstances.front().second : LatencyTransform::mixture(atInstances);
        // A cache or CDN calls only on a miss.
        LatencyTransform downstream = calls->time;
        if (const auto hit = m_plan.pools[p].hitRatio; hit && *hit > 0.0)
            downstream = LatencyTransform::mixture({{*hit, LatencyTransform()}, {1.0 - *hit, downstream}});
        Visit visit{time.then(downstream), calls->queues + (queueing ? 1 : 0), calls->exact && pool.exact && !fitted};
        if (visit.time.cost() > kMaxCost) visit = Visit{visit.time.compacted(), visit.queues, false};
        m_visits[p][i] = std::move(visit);
    }
}

LatencyTransform ClassLatencies::cpuTime(const model::Distribution& service, double cpu) {
    const double demand = service.mean.value;
    if (!(demand > 0.0)) return {};
    if (!(cpu > demand)) return transformOf(service);
    // Sharing the cores makes the time vary more than the service does: the queue a request
    // shares with fluctuates while it is served. In M/M/1-PS the sojourn time's squared
    // coefficient of variation is (2 + ρ)/(2 − ρ), where ρ is also the share f = 1 − s/R of the
    // sojourn spent sharing. Taken here for any cores and service as c_s² + 2f/(2 − f), on the
    // gamma of the processor-sharing mean (an approximation; exact in its mean, and in its
    // variance for one core with exponential service).
    const double sharing = 1.0 - demand / cpu;
    return LatencyTransform::gamma(cpu, std::sqrt(squaredCvOf(service) + 2.0 * sharing / (2.0 - sharing)));
}

std::optional<ClassLatencies::Visit> ClassLatencies::visitOf(std::size_t p, std::size_t requestClass) const {
    const auto& classes = m_pools[p].classes;
    const auto at = std::lower_bound(classes.begin(), classes.end(), requestClass);
    if (at == classes.end() || *at != requestClass) return std::nullopt;
    return m_visits[p][std::size_t(at - classes.begin())];
}

std::optional<ClassLatencies::Visit> ClassLatencies::callsOf(const std::vector<std::size_t>& calls, std::size_t requestClass) const {
    Visit total{LatencyTransform(), 0, true};
    for (const std::size_t c : calls) {
        const model::PlanCall& call = m_plan.calls[c];
        if (!call.appliesTo(requestClass)) continue;
        const auto one = callOf(call, requestClass);
        if (!one) return std::nullopt;
        total = Visit{total.time.then(one->time), total.queues + one->queues, total.exact && one->exact};
    }
    return total;
}

std::optional<ClassLatencies::Visit> ClassLatencies::callOf(const model::PlanCall& call, std::size_t requestClass) const {
    const auto& targets = call.targets(m_plan.classes[requestClass].operation);
    std::vector<std::pair<double, LatencyTransform>> parts;
    int queues = 0;
    bool exact = true;
    for (const auto& [pool, share] : targets) {
        const auto callee = visitOf(pool, requestClass);
        if (!callee) return std::nullopt;
        LatencyTransform time = call.networkDelay > 0.0 ? LatencyTransform::constant(call.networkDelay).then(callee->time) : callee->time;
        parts.emplace_back(share, std::move(time));
        queues = std::max(queues, callee->queues);
        exact = exact && callee->exact;
    }
    if (parts.empty()) return Visit{LatencyTransform(), 0, true};
    LatencyTransform once = parts.size() == 1 ? parts.front().second : LatencyTransform::mixture(parts);
    LatencyTransform time = once.repeated(call.times);
    if (call.probability < 1.0) time = LatencyTransform::mixture({{1.0 - call.probability, LatencyTransform()}, {call.probability, time}});
    return Visit{std::move(time), queues * call.times, exact};
}

}  // namespace headroom::analytic
