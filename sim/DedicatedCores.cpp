// SPDX-License-Identifier: MIT
#include "sim/DedicatedCores.h"

#include <algorithm>

namespace headroom::sim {

DedicatedCores::DedicatedCores(const model::Plan& plan) {
    for (const model::PlanPool& pool : plan.pools) {
        m_firstPlace.push_back(std::uint32_t(m_places.size()));
        for (int i = 0; i < pool.instanceSlots(); ++i) m_places.push_back(Place{pool.cores, {}});
    }
}

DedicatedCores::Execution& DedicatedCores::slot(std::uint32_t r) {
    if (r >= m_executions.size()) m_executions.resize(std::size_t(r) + 1);
    return m_executions[r];
}

void DedicatedCores::leave(std::vector<std::uint32_t>& alone, std::uint32_t r) {
    alone.erase(std::find(alone.begin(), alone.end(), r));
}

std::uint64_t DedicatedCores::runAlone(std::uint32_t r, std::uint32_t place, double demand, double now) {
    Execution& execution = slot(r);
    execution = Execution{Where::Alone, place, now, demand, ++m_tokens};
    m_places[place].alone.push_back(r);
    return execution.token;
}

bool DedicatedCores::endAlone(std::uint32_t r, std::uint64_t token) {
    Execution& execution = slot(r);
    if (execution.where != Where::Alone || execution.token != token) return false;
    leave(m_places[execution.place].alone, r);
    execution.where = Where::None;
    return true;
}

bool DedicatedCores::endShared(std::uint32_t r) {
    Execution& execution = slot(r);
    if (execution.where != Where::Shared) return false;
    execution.where = Where::None;
    return true;
}

}  // namespace headroom::sim
