// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/Plan.h"
#include "sim/ReplicationRecord.h"
#include "sim/TimeWeighted.h"

namespace headroom::sim {

/// One autoscaled pool's instances over a run (DESIGN.md "Change over time", REFERENCE F10–F13):
/// which of its `max` slots are stopped, booting, taking traffic or draining, and the target
/// tracking that moves them. Every `period` the replication measures the pool's load and asks
/// evaluate(); the scaler answers with the slots to launch (they take traffic `boot_time` later)
/// and the ones to drain (out of the routing at once, stopped when their last request is done).
/// It counts what is billed (from launch until stopped) and the time at each count. Nothing of
/// SimGrid or of requests.
class Autoscaler {
public:
    enum class State : std::uint8_t { Stopped, Booting, Running, Draining };

    struct Decision {
        std::vector<std::uint32_t> launched;  ///< booting from now; ready at now + boot_time
        std::vector<std::uint32_t> draining;  ///< out of the routing from now
    };

    /// Slots [0, instances) run from time 0; the window bounds what is billed and measured.
    Autoscaler(const model::PlanAutoscale& policy, int instances, int slots, const MeasurementWindow& window);

    [[nodiscard]] const model::PlanAutoscale& policy() const { return m_policy; }
    [[nodiscard]] State state(std::uint32_t slot) const { return m_states[slot]; }
    /// Instances taking traffic, and those launched and not yet taking it.
    [[nodiscard]] int running() const { return m_counts[std::size_t(State::Running)]; }
    [[nodiscard]] int booting() const { return m_counts[std::size_t(State::Booting)]; }

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
    /// A launched slot has booted and takes traffic / a draining slot's last request is done.
    void booted(std::uint32_t slot, double now) { setState(slot, State::Running, now); }
    void stopped(std::uint32_t slot, double now) { setState(slot, State::Stopped, now); }

    /// Closes the integrals at `end` and writes them into `record`'s scaling part.
    void close(double end, PoolScaling& record);

private:
    void setState(std::uint32_t slot, State state, double now);
    /// Adds the time since the running count last changed, inside the window, to its count.
    void accrueCount(double now);
    [[nodiscard]] int provisioned() const { return running() + booting(); }

    model::PlanAutoscale m_policy;
    std::vector<State> m_states;  ///< per slot
    std::array<int, 4> m_counts{}; ///< slots per State
    int m_peak = 0;                 ///< the most provisioned at once
    std::optional<double> m_lastScaleOut;
    std::optional<double> m_lowerSince;  ///< desired has been below the count since
    int m_highestLower = 0;              ///< the highest desired since then
    TimeWeighted m_billed, m_booting;     ///< launched (booting, running, draining); booting
    MeasurementWindow m_window;
    std::vector<double> m_secondsAt;      ///< measured seconds with n instances running, by n
    double m_countSince = 0.0;            ///< when the running count last changed
    std::vector<PoolScaling::Action> m_actions;  ///< the whole run
};

}  // namespace headroom::sim
