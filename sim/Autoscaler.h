// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/Plan.h"
#include "sim/Fleet.h"

namespace headroom::sim {

/// Target tracking on one pool's fleet (DESIGN.md "Change over time", REFERENCE F10–F13). Every
/// `period` the replication measures the pool's demand and asks evaluate(); the scaler launches
/// instances (they take traffic `boot_time` later) or drains them (out of the routing at once,
/// stopped when their last request is done), and answers which.
class Autoscaler {
public:
    struct Decision {
        std::vector<std::uint32_t> launched;  ///< booting from now; ready at now + boot_time
        std::vector<std::uint32_t> draining;  ///< out of the routing from now
    };

    Autoscaler(const model::PlanAutoscale& policy, Fleet& fleet) : m_policy(policy), m_fleet(fleet) {}

    [[nodiscard]] const model::PlanAutoscale& policy() const { return m_policy; }

    /// The count the target asks for when the pool carried `demand` over the last period: its
    /// mean load in the metric's unit, all instances together (busy cores ÷ cores for cpu, busy
    /// workers ÷ workers, requests waiting, requests per second). That is DESIGN's
    /// ceil(running × metric ÷ target) with the metric the demand spread over the instances
    /// running now, clamped to [min, max]; the current count while metric ÷ target is within
    /// the tolerance (F10). Spreading over the instances running now, not those that ran during
    /// the period, keeps a scale-out that lands mid-period from being counted twice.
    [[nodiscard]] int desired(double demand) const;
    /// A period boundary: scale out to desired (unless within `cooldown` of the last scale-out),
    /// or scale in once desired has stayed lower for `scale_in_after` (to the highest count asked
    /// for meanwhile, as Kubernetes' stabilization window does). Booting instances count as
    /// capacity already asked for.
    Decision evaluate(double now, double demand);

private:
    model::PlanAutoscale m_policy;
    Fleet& m_fleet;
    std::optional<double> m_lastScaleOut;
    std::optional<double> m_lowerSince;  ///< desired has been below the count since
    int m_highestLower = 0;              ///< the highest desired since then
};

}  // namespace headroom::sim
