// SPDX-License-Identifier: MIT
#include "sim/Fleet.h"

#include <algorithm>

namespace headroom::sim {

Fleet::Fleet(int instances, int slots, const MeasurementWindow& window) : m_slots(std::size_t(slots)), m_window(window) {
    m_billed.reset(window);
    m_booting.reset(window);
    m_counts[std::size_t(State::Stopped)] = slots;
    for (int i = 0; i < instances; ++i) setState(std::uint32_t(i), State::Running, 0.0);
}

void Fleet::newVersion(double factor) {
    ++m_version;
    m_versionFactor = factor;
}

std::vector<std::uint32_t> Fleet::launch(int n, double now) {
    std::vector<std::uint32_t> launched;
    for (std::uint32_t slot = 0; slot < m_slots.size() && int(launched.size()) < n; ++slot)
        if (m_slots[slot].state == State::Stopped) launched.push_back(slot);
    for (const std::uint32_t slot : launched) {
        m_slots[slot].version = m_version;
        m_slots[slot].factor = m_versionFactor;
        ++m_slots[slot].launches;
        setState(slot, State::Booting, now);
    }
    return launched;
}

std::vector<std::uint32_t> Fleet::newestRunning(int n, int belowVersion) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t slot = std::uint32_t(m_slots.size()); slot-- > 0 && int(out.size()) < n;)
        if (m_slots[slot].state == State::Running && m_slots[slot].version < belowVersion) out.push_back(slot);
    return out;
}

std::vector<std::uint32_t> Fleet::oldestRunning(int n, int belowVersion) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t slot = 0; slot < m_slots.size() && int(out.size()) < n; ++slot)
        if (m_slots[slot].state == State::Running && m_slots[slot].version < belowVersion) out.push_back(slot);
    return out;
}

void Fleet::setState(std::uint32_t slot, State state, double now) {
    const State before = m_slots[slot].state;
    if (before == state) return;
    const auto billed = [](State s) { return s != State::Stopped; };
    if (billed(before) != billed(state)) m_billed.add(now, billed(state) ? 1.0 : -1.0);
    if ((before == State::Booting) != (state == State::Booting)) m_booting.add(now, state == State::Booting ? 1.0 : -1.0);
    if ((before == State::Running) != (state == State::Running)) accrueCount(now);
    --m_counts[std::size_t(before)];
    ++m_counts[std::size_t(state)];
    m_slots[slot].state = state;
    m_peak = std::max(m_peak, provisioned());
}

void Fleet::accrueCount(double now) {
    const double from = std::max(m_countSince, m_window.warmup);
    const double to = std::min(now, m_window.end);
    if (to > from) {
        if (m_secondsAt.size() <= std::size_t(running())) m_secondsAt.resize(std::size_t(running()) + 1, 0.0);
        m_secondsAt[std::size_t(running())] += to - from;
    }
    m_countSince = now;
}

void Fleet::close(double end, PoolScaling& record) {
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
