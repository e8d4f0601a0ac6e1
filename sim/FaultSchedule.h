// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "model/Plan.h"

namespace headroom::sim {

/// The scenario's faults as state over time: which instances are down or hung, how much slower
/// each pool serves, what latency each call has gained, how cold each cache is. The replication
/// starts and ends each fault at its times and asks here; faults that overlap add up (an
/// instance crashed twice is up when both have ended). Nothing of SimGrid.
class FaultSchedule {
public:
    explicit FaultSchedule(const model::Plan& plan);

    /// A start or an end of a fault, in time order (ties: in the plan's order, starts first).
    struct Change {
        double time = 0.0;
        std::uint32_t fault = 0;
        bool starts = true;
    };
    [[nodiscard]] std::vector<Change> changes(double duration) const;

    void start(std::uint32_t fault, double now);
    void end(std::uint32_t fault);

    [[nodiscard]] bool isDown(std::size_t pool, std::uint32_t instance) const { return m_down[pool][instance] > 0; }
    [[nodiscard]] bool isHung(std::size_t pool, std::uint32_t instance) const { return m_hung[pool][instance] > 0; }
    /// Whether the instance answers a health check.
    [[nodiscard]] bool answers(std::size_t pool, std::uint32_t instance) const { return !isDown(pool, instance) && !isHung(pool, instance); }
    /// Whether some fault takes instances of `pool` away (it then needs a health check).
    [[nodiscard]] bool losesInstances(std::size_t pool) const { return m_losesInstances[pool]; }
    /// Service times of `pool` are multiplied by this.
    [[nodiscard]] double slowdown(std::size_t pool) const { return m_slowdown[pool]; }
    /// Seconds added each way to call `call`.
    [[nodiscard]] double extraLatency(std::size_t call) const { return m_extraLatency[call]; }
    /// The share of a cache's hit ratio it has at `now`: 0 right after a flush, rising linearly
    /// to 1 over the flush's warm-up.
    [[nodiscard]] double warmth(std::size_t pool, double now) const;

private:
    const model::Plan& m_plan;
    std::vector<std::vector<int>> m_down, m_hung;  ///< per pool, per instance: faults in force
    std::vector<bool> m_losesInstances;
    std::vector<double> m_slowdown;
    std::vector<double> m_extraLatency;
    std::vector<double> m_flushedAt, m_flushWarmup;  ///< per pool; warm-up 0: never flushed
};

}  // namespace headroom::sim
