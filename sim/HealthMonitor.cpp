// SPDX-License-Identifier: MIT
#include "sim/HealthMonitor.h"

#include <algorithm>

namespace headroom::sim {

bool HealthMonitor::check(std::size_t instance, bool answers) {
    if (answers) {
        m_failed[instance] = 0;
        ++m_passed[instance];
        if (!m_inService[instance] && m_passed[instance] >= m_plan.healthyAfter) {
            m_inService[instance] = true;
            return true;
        }
        return false;
    }
    m_passed[instance] = 0;
    ++m_failed[instance];
    if (m_inService[instance] && m_failed[instance] >= m_plan.unhealthyAfter) {
        m_inService[instance] = false;
        return true;
    }
    return false;
}

std::size_t HealthMonitor::inServiceCount() const { return std::size_t(std::count(m_inService.begin(), m_inService.end(), true)); }

}  // namespace headroom::sim
