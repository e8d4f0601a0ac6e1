// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "model/Plan.h"

namespace headroom::sim {

/// A health check of one pool's instances, as a load balancer runs it (REFERENCE F01): every
/// `interval` each instance is checked; after `unhealthyAfter` failed checks in a row it is
/// taken out of service, after `healthyAfter` passed ones taken back. Until then callers keep
/// sending to a dead instance.
class HealthMonitor {
public:
    HealthMonitor(const model::PlanHealthCheck& plan, std::size_t instances)
        : m_plan(plan), m_inService(instances, true), m_failed(instances, 0), m_passed(instances, 0) {}

    [[nodiscard]] double interval() const { return m_plan.interval; }
    /// One check of `instance`, which answers it when `answers`; true when that changed whether
    /// the instance is in service.
    bool check(std::size_t instance, bool answers);
    [[nodiscard]] bool inService(std::size_t instance) const { return m_inService[instance]; }
    /// A newly launched instance starts with a clean record, in service.
    void reset(std::size_t instance) {
        m_inService[instance] = true;
        m_failed[instance] = m_passed[instance] = 0;
    }
    [[nodiscard]] std::size_t inServiceCount() const;

private:
    model::PlanHealthCheck m_plan;
    std::vector<bool> m_inService;
    std::vector<int> m_failed, m_passed;  ///< checks in a row
};

}  // namespace headroom::sim
