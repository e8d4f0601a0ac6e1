// SPDX-License-Identifier: MIT
#include "sim/Autoscaler.h"

#include <algorithm>
#include <cmath>

#include "model/Defaults.h"

namespace headroom::sim {
namespace {

/// Times within this of a bound count as at it: period boundaries are sums of floating-point
/// periods (0.1 + 0.2 ≠ 0.3).
constexpr double kTimeSlack = 1e-9;

}  // namespace

int Autoscaler::desired(double demand) const {
    const int current = m_fleet.provisioned();
    const int running = m_fleet.running();
    if (running > 0 && std::abs(demand / (running * m_policy.target) - 1.0) <= model::defaults::kAutoscaleTolerance.value) return current;
    // A count a hair above an integer from rounding (3.0000000001) is that integer.
    const int wanted = int(std::ceil(demand / m_policy.target - 1e-9));
    return std::clamp(wanted, m_policy.min, m_policy.max);
}

Autoscaler::Decision Autoscaler::evaluate(double now, double demand) {
    Decision decision;
    const int current = m_fleet.provisioned();
    const int wanted = desired(demand);
    if (wanted >= current) m_lowerSince.reset();
    if (wanted > current) {
        if (m_lastScaleOut && now < *m_lastScaleOut + m_policy.cooldown - kTimeSlack) return decision;
        decision.launched = m_fleet.launch(wanted - current, now);
        m_lastScaleOut = now;
        m_fleet.moved(now, current, m_fleet.provisioned());
        return decision;
    }
    if (wanted == current) return decision;
    if (!m_lowerSince) {
        m_lowerSince = now;
        m_highestLower = wanted;
    }
    m_highestLower = std::max(m_highestLower, wanted);
    if (now < *m_lowerSince + m_policy.scaleInAfter - kTimeSlack) return decision;
    // The newest running instances go first; booting ones are kept (they were asked for).
    decision.draining = m_fleet.newestRunning(std::min(current - m_highestLower, m_fleet.running()));
    for (const std::uint32_t slot : decision.draining) m_fleet.drain(slot, now);
    m_fleet.moved(now, current, m_fleet.provisioned());
    m_lowerSince.reset();
    return decision;
}

}  // namespace headroom::sim
