// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/Plan.h"

namespace headroom::sim {

/// Which CPU executions of a replication have a core to themselves. While an instance runs no
/// more executions than it has cores, each one runs at full speed (SimGrid gives an execution
/// at most one core), so the end of one that starts then is known the moment it starts: the
/// replication puts that end on its own calendar instead of making the execution a SimGrid
/// activity, which costs several times as much (docs/engines.md, "Speed"). When one more would
/// outnumber the cores, those running alone move to SimGrid with the work they have left, to
/// share the cores with it and with what SimGrid already runs there: SimGrid decides every
/// shared core, so the completion times are the ones SimGrid alone would give.
///
/// It knows requests by slot (at most one execution per slot at a time) and nothing of SimGrid.
class DedicatedCores {
public:
    explicit DedicatedCores(const model::Plan& plan);

    /// An instance of the plan, numbered across pools.
    [[nodiscard]] std::uint32_t placeOf(std::size_t pool, std::uint32_t instance) const { return m_firstPlace[pool] + instance; }

    /// Whether an execution starting now at `place` runs alone: the `running` executions there,
    /// counting it, fit the place's cores.
    [[nodiscard]] bool fits(std::uint32_t place, int running) const { return running <= m_places[place].cores; }
    /// Request slot r runs `demand` seconds of CPU alone at `place` from `now`; it ends at now +
    /// demand, which the calendar carries with the token returned.
    std::uint64_t runAlone(std::uint32_t r, std::uint32_t place, double demand, double now);
    /// Whether the calendar's end (r, token) is still r's execution (not moved to SimGrid since):
    /// if so, r's core is free again.
    bool endAlone(std::uint32_t r, std::uint64_t token);

    /// Request slot r's execution at `place` is to share the cores: it and the executions running
    /// alone there become SimGrid's, beside those SimGrid runs there. `start(slot, workLeft)`
    /// starts each with the CPU seconds it has left: r's own first, the others in the order they
    /// started.
    template <typename Start>
    void share(std::uint32_t r, std::uint32_t place, double demand, double now, Start start) {
        Place& at = m_places[place];
        slot(r) = Execution{Where::Shared, place, now, demand, 0};
        start(r, demand);
        for (const std::uint32_t other : at.alone) {
            Execution& execution = m_executions[other];
            execution.where = Where::Shared;
            // At full speed since it started: what it has not done yet (nothing, if it ends now).
            start(other, std::max(0.0, execution.demand - (now - execution.startedAt)));
        }
        at.alone.clear();
    }
    /// Request slot r's SimGrid activity ended: true when it was a shared execution (r's CPU is
    /// free again), false when it was a transfer.
    bool endShared(std::uint32_t r);

private:
    enum class Where : std::uint8_t { None, Alone, Shared };
    struct Execution {
        Where where = Where::None;
        std::uint32_t place = 0;
        double startedAt = 0.0;
        double demand = 0.0;
        std::uint64_t token = 0;
    };
    struct Place {
        int cores = 1;
        std::vector<std::uint32_t> alone;  ///< request slots running alone here, in start order
    };

    Execution& slot(std::uint32_t r);
    void leave(std::vector<std::uint32_t>& alone, std::uint32_t r);

    std::vector<std::uint32_t> m_firstPlace;  ///< per pool
    std::vector<Place> m_places;
    std::vector<Execution> m_executions;      ///< per request slot
    std::uint64_t m_tokens = 0;
};

}  // namespace headroom::sim
