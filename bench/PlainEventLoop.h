// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <deque>
#include <queue>
#include <random>
#include <vector>

/// The baseline the simulator is measured against: the smallest honest discrete-event loop for
/// a chain of FIFO single-server stations (a binary heap of events, a deque per station), with
/// fixed delays between tiers. No SimGrid, no plan, no measurements beyond the mean.
namespace bench {

struct Tier {
    int servers = 1;          ///< identical single-server stations, picked at random
    double meanService = 0.1; ///< exponential, seconds
    double delayBefore = 0.0; ///< network delay from the previous tier, seconds
};

struct PlainResult {
    std::uint64_t completed = 0;
    double meanResponse = 0.0;
};

inline PlainResult runPlainChain(const std::vector<Tier>& tiers, double arrivalRate, std::uint64_t requests, std::uint64_t seed) {
    struct Event {
        double time;
        std::uint64_t order;
        int kind;  // 0 arrival from outside, 1 reaches tier, 2 service done
        std::uint32_t request;
        bool operator>(const Event& o) const { return time != o.time ? time > o.time : order > o.order; }
    };
    struct Request {
        double born;
        int tier;
        int server;
    };
    std::mt19937_64 random(seed);
    const auto uniform = [&] { return double(random() >> 11) * 0x1.0p-53; };
    const auto exponential = [&](double mean) { return -mean * std::log1p(-uniform()); };
    std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
    std::vector<Request> pool;
    std::vector<std::uint32_t> freeList;
    std::vector<std::vector<std::deque<std::uint32_t>>> queues(tiers.size());
    std::vector<std::vector<bool>> busy(tiers.size());
    for (std::size_t t = 0; t < tiers.size(); ++t) {
        queues[t].resize(std::size_t(tiers[t].servers));
        busy[t].assign(std::size_t(tiers[t].servers), false);
    }
    std::uint64_t order = 0, arrived = 0;
    PlainResult result;
    double sum = 0.0;
    double now = 0.0;
    const auto startService = [&](std::uint32_t r) {
        Request& q = pool[r];
        busy[std::size_t(q.tier)][std::size_t(q.server)] = true;
        events.push({now + exponential(tiers[std::size_t(q.tier)].meanService), order++, 2, r});
    };
    const auto reach = [&](std::uint32_t r) {
        Request& q = pool[r];
        const auto t = std::size_t(q.tier);
        q.server = tiers[t].servers > 1 ? int(uniform() * tiers[t].servers) : 0;
        if (!busy[t][std::size_t(q.server)]) startService(r);
        else queues[t][std::size_t(q.server)].push_back(r);
    };
    const auto enterTier = [&](std::uint32_t r, int tier) {
        pool[r].tier = tier;
        if (tiers[std::size_t(tier)].delayBefore > 0.0) events.push({now + tiers[std::size_t(tier)].delayBefore, order++, 1, r});
        else reach(r);
    };
    events.push({exponential(1.0 / arrivalRate), order++, 0, 0});
    while (!events.empty()) {
        const Event e = events.top();
        events.pop();
        now = e.time;
        if (e.kind == 0) {
            std::uint32_t r;
            if (!freeList.empty()) {
                r = freeList.back();
                freeList.pop_back();
            } else {
                r = std::uint32_t(pool.size());
                pool.push_back({});
            }
            pool[r] = {now, 0, 0};
            enterTier(r, 0);
            if (++arrived < requests) events.push({now + exponential(1.0 / arrivalRate), order++, 0, 0});
        } else if (e.kind == 1) {
            reach(e.request);
        } else {
            Request& q = pool[e.request];
            const auto t = std::size_t(q.tier);
            const auto s = std::size_t(q.server);
            busy[t][s] = false;
            if (!queues[t][s].empty()) {
                const std::uint32_t next = queues[t][s].front();
                queues[t][s].pop_front();
                startService(next);
            }
            if (t + 1 < tiers.size()) {
                enterTier(e.request, int(t) + 1);
            } else {
                sum += now - q.born;
                ++result.completed;
                freeList.push_back(e.request);
            }
        }
    }
    result.meanResponse = result.completed ? sum / double(result.completed) : 0.0;
    return result;
}

}  // namespace bench
