// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "model/Plan.h"
#include "sim/Balancer.h"
#include "sim/RandomStream.h"
#include "sim/Request.h"

namespace headroom::sim {

/// Where a call goes: the callee's pool (a database's primaries or its replicas) and instance.
struct Route {
    std::uint32_t pool = 0;
    std::uint32_t instance = 0;
};

/// The plan's calls as a request follows them: which call a visit makes next (class, probability
/// and repeats), which pool and instance it reaches (the routing shares, a load balancer's
/// algorithm, an even random spread otherwise), and what the balancers learn from replies and
/// failures.
class Router {
public:
    explicit Router(const model::Plan& plan);

    /// The calls a pool's visit makes, and a client's request, in the plan's order.
    [[nodiscard]] const std::vector<std::uint32_t>& callsOfPool(std::size_t pool) const { return m_poolCalls[pool]; }
    [[nodiscard]] const std::vector<std::uint32_t>& callsOfClient(std::size_t client) const { return m_clientCalls[client]; }

    /// The next call of `calls` that a request of `requestClass` makes, moving `cursor` past it;
    /// none when the visit has made them all. A call for another class is passed over; a call
    /// with a probability is made when the stream `randomOf()` returns says so, then `times`
    /// times in a row. (The stream is looked up only when a draw is due.)
    template <typename RandomOf>
    [[nodiscard]] std::optional<std::uint32_t> nextCall(CallCursor& cursor, const std::vector<std::uint32_t>& calls, std::uint32_t requestClass,
                                                        RandomOf randomOf) const;
    /// Where call `call` of a request of `requestClass` with `key` goes, choosing with `random`
    /// (the caller's stream); a balancer counts the call as outstanding. A keyed database's
    /// shards take the request whose key (popularity rank `keyRank`) they own.
    [[nodiscard]] Route route(std::uint32_t call, std::uint32_t requestClass, std::uint64_t key, std::uint64_t keyRank, RandomStream& random);
    /// The reply of a call routed to `to` came back after `responseTime` seconds / the call failed.
    void replied(std::uint32_t call, Route to, double responseTime);
    void failed(std::uint32_t call, Route to);
    /// A health check took an instance of `pool` out of service or back, or an autoscaler
    /// stopped, drained or started it: balancers and the even random spread stop or start
    /// sending to it.
    void setInService(std::size_t pool, std::uint32_t instance, bool inService);

    /// From now on `slot` of `pool` (a canary, kept out of the even spread) takes `fraction` of
    /// the pool's calls, drawn before the balancer or the spread picks among the rest.
    void setCanary(std::size_t pool, std::uint32_t slot, double fraction) { m_canaries[pool] = Canary{slot, fraction}; }
    /// The canary of `pool` joins the rest; the slot it was, if any.
    std::optional<std::uint32_t> clearCanary(std::size_t pool);
    [[nodiscard]] bool isCanary(std::size_t pool, std::uint32_t slot) const {
        const auto it = m_canaries.find(pool);
        return it != m_canaries.end() && it->second.slot == slot;
    }

private:
    struct Canary {
        std::uint32_t slot = 0;
        double fraction = 0.0;
    };
    /// The balancer that picked `to`'s instance, if one did (it spreads over the first pool
    /// the call targets).
    Balancer* balancerOf(std::uint32_t call, Route to) const;

    const model::Plan& m_plan;
    std::vector<std::vector<std::uint32_t>> m_poolCalls, m_clientCalls;
    std::vector<std::unique_ptr<Balancer>> m_balancers;  ///< per plan call from a load balancer
    std::vector<std::vector<bool>> m_out;                ///< per pool, per instance: out of service (empty: all in)
    std::vector<std::vector<std::uint32_t>> m_inService; ///< per pool, while some instance is out
    std::map<std::size_t, Canary> m_canaries;            ///< by pool, while a canary deploy runs there
};

template <typename RandomOf>
std::optional<std::uint32_t> Router::nextCall(CallCursor& cursor, const std::vector<std::uint32_t>& calls, std::uint32_t requestClass,
                                              RandomOf randomOf) const {
    while (cursor.repeatsLeft == 0) {
        if (cursor.next >= calls.size()) return std::nullopt;
        const model::PlanCall& call = m_plan.calls[calls[cursor.next]];
        if (!call.appliesTo(requestClass) || !randomOf().chance(call.probability)) {
            ++cursor.next;
            continue;
        }
        cursor.repeatsLeft = call.times;
    }
    const std::uint32_t call = calls[cursor.next];
    if (--cursor.repeatsLeft == 0) ++cursor.next;
    return call;
}

}  // namespace headroom::sim
