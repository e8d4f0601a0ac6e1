// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include <simgrid/s4u.hpp>

#include "model/Plan.h"

namespace headroom::sim {

/// The SimGrid platform of a scenario, built in code: a host per instance of every queueing
/// pool, with the pool's cores at 1 flop/s each (so flops are seconds of CPU demand), and for
/// every link with a bandwidth a split-duplex SimGrid link between network endpoints of its two
/// components, over which transfers share the bandwidth as SimGrid models it.
class Platform {
public:
    /// Needs the SimGrid engine to exist.
    explicit Platform(const model::Plan& plan);

    [[nodiscard]] simgrid::s4u::Host* host(std::size_t pool, std::size_t instance) const { return m_hosts[pool][instance]; }
    /// The network endpoint of a component, or nullptr when no link with a bandwidth reaches it.
    [[nodiscard]] simgrid::s4u::Host* endpoint(std::size_t component) const { return m_endpoints[component]; }
    /// Whether a call's bytes travel over a SimGrid link (else the call costs its latency only).
    [[nodiscard]] bool carriesBytes(const model::PlanCall& call) const { return call.link && m_linkHasBandwidth[*call.link]; }

private:
    std::vector<std::vector<simgrid::s4u::Host*>> m_hosts;  ///< per pool, per instance
    std::vector<simgrid::s4u::Host*> m_endpoints;           ///< per component
    std::vector<bool> m_linkHasBandwidth;                   ///< per plan link
};

}  // namespace headroom::sim
