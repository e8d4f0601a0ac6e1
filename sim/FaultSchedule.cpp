// SPDX-License-Identifier: MIT
#include "sim/FaultSchedule.h"

#include <algorithm>
#include <cmath>

namespace headroom::sim {

using model::FaultKind;

FaultSchedule::FaultSchedule(const model::Plan& plan)
    : m_plan(plan), m_losesInstances(plan.pools.size(), false), m_slowdown(plan.pools.size(), 1.0), m_extraLatency(plan.calls.size(), 0.0),
      m_flushedAt(plan.pools.size(), 0.0), m_flushWarmup(plan.pools.size(), 0.0) {
    for (const auto& pool : plan.pools) {
        m_down.emplace_back(std::size_t(pool.instanceSlots()), 0);
        m_hung.emplace_back(std::size_t(pool.instanceSlots()), 0);
    }
    for (const auto& fault : plan.faults)
        for (const auto& target : fault.instances) m_losesInstances[target.pool] = true;
}

std::vector<FaultSchedule::Change> FaultSchedule::changes(double duration) const {
    std::vector<Change> out;
    for (std::uint32_t f = 0; f < m_plan.faults.size(); ++f) {
        const model::PlanFault& fault = m_plan.faults[f];
        if (fault.at >= duration) continue;
        out.push_back({fault.at, f, true});
        // A cache flush has no end to undo: its warm-up runs out by itself.
        if (fault.kind != FaultKind::CacheFlush && std::isfinite(fault.end) && fault.end < duration) out.push_back({fault.end, f, false});
    }
    std::stable_sort(out.begin(), out.end(), [](const Change& a, const Change& b) {
        if (a.time != b.time) return a.time < b.time;
        return a.starts && !b.starts;
    });
    return out;
}

void FaultSchedule::start(std::uint32_t f, double now) {
    const model::PlanFault& fault = m_plan.faults[f];
    switch (fault.kind) {
        case FaultKind::Crash:
        case FaultKind::ZoneOutage:
        case FaultKind::PrimaryLoss:
            for (const auto& target : fault.instances) ++m_down[target.pool][target.instance];
            break;
        case FaultKind::Hang:
            for (const auto& target : fault.instances) ++m_hung[target.pool][target.instance];
            break;
        case FaultKind::Slowdown:
            for (std::size_t pool : fault.pools) m_slowdown[pool] *= fault.factor;
            break;
        case FaultKind::Latency:
            for (std::size_t call : fault.calls) m_extraLatency[call] += fault.add;
            break;
        case FaultKind::CacheFlush:
            for (std::size_t pool : fault.pools) {
                m_flushedAt[pool] = now;
                m_flushWarmup[pool] = fault.warmup;
            }
            break;
    }
}

void FaultSchedule::end(std::uint32_t f) {
    const model::PlanFault& fault = m_plan.faults[f];
    switch (fault.kind) {
        case FaultKind::Crash:
        case FaultKind::ZoneOutage:
        case FaultKind::PrimaryLoss:
            for (const auto& target : fault.instances) --m_down[target.pool][target.instance];
            break;
        case FaultKind::Hang:
            for (const auto& target : fault.instances) --m_hung[target.pool][target.instance];
            break;
        case FaultKind::Slowdown:
            for (std::size_t pool : fault.pools) m_slowdown[pool] /= fault.factor;
            break;
        case FaultKind::Latency:
            for (std::size_t call : fault.calls) m_extraLatency[call] = std::max(0.0, m_extraLatency[call] - fault.add);
            break;
        case FaultKind::CacheFlush: break;
    }
}

double FaultSchedule::warmth(std::size_t pool, double now) const {
    if (m_flushWarmup[pool] <= 0.0) return 1.0;
    return std::clamp((now - m_flushedAt[pool]) / m_flushWarmup[pool], 0.0, 1.0);
}

}  // namespace headroom::sim
