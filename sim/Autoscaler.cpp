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

Autoscaler::Autoscaler(const model::PlanAutoscale& policy, int instances, int slots, const MeasurementWindow& window)
    : m_policy(policy), m_states(std::size_t(slots), State::Stopped), m_window(window) {
    m_billed.reset(window);
    m_booting.reset(window);
    m_counts[std::size_t(State::Stopped)] = slots;
    for (int i = 0; i < instances; ++i) setState(std::uint32_t(i), State::Running, 0.0);
}

int Autoscaler::desired(double demand) const {
    const int current = provisioned();
    if (running() > 0 && std::abs(demand / (running() * m_policy.target) - 1.0) <= model::defaults::kAutoscaleTolerance.value) return current;
    // A count a hair above an integer from rounding (3.0000000001) is that integer.
    const int wanted = int(std::ceil(demand / m_policy.target - 1e-9));
    return std::clamp(wanted, m_policy.min, m_policy.max);
}

Autoscaler::Decision Autoscaler::evaluate(double now, double demand) {
    Decision decision;
    const int current = provisioned();
    const int wanted = desired(demand);
    if (wanted >= current) m_lowerSince.reset();
    if (wanted > current) {
        if (m_lastScaleOut && now < *m_lastScaleOut + m_policy.cooldown - kTimeSlack) return decision;
        for (std::uint32_t slot = 0; slot < m_states.size() && int(decision.launched.size()) < wanted - current; ++slot)
            if (m_states[slot] == State::Stopped) decision.launched.push_back(slot);
        for (const std::uint32_t slot : decision.launched) setState(slot, State::Booting, now);
        m_lastScaleOut = now;
        m_actions.push_back({now, current, provisioned()});
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
    const int surplus = std::min(current - m_highestLower, running());
    for (std::uint32_t slot = std::uint32_t(m_states.size()); slot-- > 0 && int(decision.draining.size()) < surplus;)
        if (m_states[slot] == State::Running) decision.draining.push_back(slot);
    for (const std::uint32_t slot : decision.draining) setState(slot, State::Draining, now);
    m_actions.push_back({now, current, provisioned()});
    m_lowerSince.reset();
    return decision;
}

void Autoscaler::setState(std::uint32_t slot, State state, double now) {
    const State before = m_states[slot];
    if (before == state) return;
    const auto billed = [](State s) { return s != State::Stopped; };
    if (billed(before) != billed(state)) m_billed.add(now, billed(state) ? 1.0 : -1.0);
    if ((before == State::Booting) != (state == State::Booting)) m_booting.add(now, state == State::Booting ? 1.0 : -1.0);
    if ((before == State::Running) != (state == State::Running)) accrueCount(now);
    --m_counts[std::size_t(before)];
    ++m_counts[std::size_t(state)];
    m_states[slot] = state;
    m_peak = std::max(m_peak, provisioned());
}

void Autoscaler::accrueCount(double now) {
    const double from = std::max(m_countSince, m_window.warmup);
    const double to = std::min(now, m_window.end);
    if (to > from) {
        if (m_secondsAt.size() <= std::size_t(running())) m_secondsAt.resize(std::size_t(running()) + 1, 0.0);
        m_secondsAt[std::size_t(running())] += to - from;
    }
    m_countSince = now;
}

void Autoscaler::close(double end, PoolScaling& record) {
    m_billed.close(end);
    m_booting.close(end);
    accrueCount(end);
    record.billedSeconds = m_billed.area();
    record.secondsAt = m_secondsAt;
    record.peak = m_peak;
    record.actions = m_actions;
    record.seriesBooting = m_booting.averages();
}

}  // namespace headroom::sim
