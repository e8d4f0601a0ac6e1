// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/ReplicationRecord.h"
#include "sim/TimeWeighted.h"

namespace headroom::sim {

/// The instances of a pool whose count changes over a run (an autoscaler, a deploy, a scale):
/// one slot per instance it may ever run (model::PlanPool::instanceSlots), each stopped, booting,
/// running (taking traffic) or draining, with the version it was launched at. It counts what is
/// billed (launch to stop), the time at each running count, the peak and the autoscaler's moves. Who decides
/// (sim/Autoscaler, sim/Rollout, a scale event) asks it to launch and drain; the replication tells
/// it when an instance has booted or stopped. Nothing of SimGrid or of requests.
class Fleet {
public:
    enum class State : std::uint8_t { Stopped, Booting, Running, Draining };

    /// Slots [0, instances) run from time 0; the window bounds what is billed and measured.
    Fleet(int instances, int slots, const MeasurementWindow& window);

    [[nodiscard]] State state(std::uint32_t slot) const { return m_slots[slot].state; }
    [[nodiscard]] std::size_t size() const { return m_slots.size(); }
    [[nodiscard]] int count(State state) const { return m_counts[std::size_t(state)]; }
    [[nodiscard]] int running() const { return count(State::Running); }
    [[nodiscard]] int booting() const { return count(State::Booting); }
    /// Running and booting: the capacity asked for.
    [[nodiscard]] int provisioned() const { return running() + booting(); }

    /// Instances launched from now on run a new version whose service times are × `factor`.
    void newVersion(double factor);
    [[nodiscard]] int version() const { return m_version; }
    [[nodiscard]] int versionOf(std::uint32_t slot) const { return m_slots[slot].version; }
    /// How many times `slot` has been launched: tells a launch from a later one of the same slot.
    [[nodiscard]] std::uint32_t launches(std::uint32_t slot) const { return m_slots[slot].launches; }
    /// Service times on `slot` are × this (its version's factor).
    [[nodiscard]] double serviceFactor(std::uint32_t slot) const { return m_slots[slot].factor; }

    /// Launches up to `n` stopped slots (lowest first) at the current version; the ones launched.
    std::vector<std::uint32_t> launch(int n, double now);
    void booted(std::uint32_t slot, double now) { setState(slot, State::Running, now); }
    void drain(std::uint32_t slot, double now) { setState(slot, State::Draining, now); }
    void stopped(std::uint32_t slot, double now) { setState(slot, State::Stopped, now); }
    /// Up to `n` running slots, newest (highest) first, of a version below `belowVersion`
    /// (any version by default).
    [[nodiscard]] std::vector<std::uint32_t> newestRunning(int n, int belowVersion = std::numeric_limits<int>::max()) const;
    /// The same, oldest (lowest) first: what a deploy replaces first.
    [[nodiscard]] std::vector<std::uint32_t> oldestRunning(int n, int belowVersion) const;

    /// An autoscaler's move of the count asked for (a scale-out, a scale-in), for the record; a
    /// deploy's or a scale's moves are events of their own.
    void moved(double at, int from, int to) { m_actions.push_back({at, from, to}); }

    /// Closes the integrals at `end` and writes them into `record`.
    void close(double end, PoolScaling& record);

private:
    struct Slot {
        State state = State::Stopped;
        int version = 0;
        double factor = 1.0;
        std::uint32_t launches = 0;
    };
    void setState(std::uint32_t slot, State state, double now);
    /// Adds the time since the running count last changed, inside the window, to its count.
    void accrueCount(double now);

    std::vector<Slot> m_slots;
    std::array<int, 4> m_counts{};  ///< slots per State
    int m_version = 0;
    double m_versionFactor = 1.0;
    int m_peak = 0;
    TimeWeighted m_billed, m_booting;  ///< launched (booting, running, draining); booting
    MeasurementWindow m_window;
    std::vector<double> m_secondsAt;   ///< measured seconds with n instances running, by n
    double m_countSince = 0.0;         ///< when the running count last changed
    std::vector<PoolScaling::Action> m_actions;  ///< the whole run
};

}  // namespace headroom::sim
