// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/Plan.h"
#include "sim/Fleet.h"

namespace headroom::sim {

/// One deploy of a pool's fleet, step by step (DESIGN.md "Change over time", REFERENCE F02, F14):
/// - rolling: each batch launches unavailable + surge new instances and drains `unavailable` old
///   ones at once; when the new ones take traffic (`start_time` later) it drains the rest of the
///   batch's old ones and starts the next batch, until no old instance is left;
/// - blue_green: launches a whole second set; when it takes traffic, every old instance leaves the
///   routing at once and is kept (and billed) for `drain` before it stops;
/// - canary: launches one new instance, which takes `canary_fraction` of the traffic for
///   `canary_for` once it has started; then it joins the rotation, one old instance drains, and
///   the rest rolls.
/// The replication carries out each step and calls next() when `after` has passed.
class Rollout {
public:
    struct Step {
        std::vector<std::uint32_t> launched;  ///< booting; they take traffic start_time later
        std::vector<std::uint32_t> draining;  ///< out of the routing from now
        bool holdDrain = false;               ///< the drained ones stop at `drain`, not when idle
        std::optional<std::uint32_t> canary;  ///< this slot takes canary_fraction of the traffic from now
        bool canaryEnds = false;              ///< the canary joins the rotation
        std::optional<double> after;          ///< seconds until next(); none: the deploy is done
    };

    Rollout(const model::PlanChange& change, Fleet& fleet) : m_change(change), m_fleet(fleet) {}

    [[nodiscard]] const model::PlanChange& change() const { return m_change; }
    Step start(double now);
    Step next(double now);

private:
    enum class Phase { CanaryBooting, CanaryServing, Rolling, Switching, Done };
    /// Launches the next rolling batch and drains its unavailable share, or ends the deploy.
    Step batch(double now);
    [[nodiscard]] int oldRunning() const { return int(m_fleet.oldestRunning(int(m_fleet.size()), m_version).size()); }

    model::PlanChange m_change;
    Fleet& m_fleet;
    int m_version = 0;        ///< the version this deploy launches
    Phase m_phase = Phase::Rolling;
    int m_pendingDrain = 0;   ///< old instances the batch under way drains once its new ones serve
    std::optional<std::uint32_t> m_canary;
};

}  // namespace headroom::sim
