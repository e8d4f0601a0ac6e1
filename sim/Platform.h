// SPDX-License-Identifier: MIT
#pragma once

#include <utility>
#include <vector>

#include <simgrid/s4u.hpp>

#include "model/Plan.h"

namespace headroom::sim {

/// The SimGrid platform of a scenario, built in code: a host per instance of every queueing
/// pool, with the pool's cores at 1 flop/s each (so flops are seconds of CPU demand), and for
/// every link with a bandwidth a split-duplex SimGrid link between two network endpoints, one
/// at each of its components, over which transfers share the bandwidth as SimGrid models it.
/// Memory grows with instances and links, never with their square.
class Platform {
public:
    /// Needs the SimGrid engine to exist.
    explicit Platform(const model::Plan& plan);

    [[nodiscard]] simgrid::s4u::Host* host(std::size_t pool, std::size_t instance) const { return m_hosts[pool][instance]; }
    /// Whether a call's bytes travel over a SimGrid link (else the call costs its latency only).
    [[nodiscard]] bool carriesBytes(const model::PlanCall& call) const { return call.link && m_links[*call.link].atFrom; }
    /// The network endpoints of a call that carriesBytes: the caller's end (`caller` is its
    /// component) and the callee's.
    [[nodiscard]] std::pair<simgrid::s4u::Host*, simgrid::s4u::Host*> ends(const model::PlanCall& call, std::size_t caller) const;

private:
    /// A link with a bandwidth: an endpoint at each of its components.
    struct LinkEnds {
        std::size_t fromComponent = 0;
        simgrid::s4u::Host* atFrom = nullptr;  ///< nullptr: the link has no bandwidth
        simgrid::s4u::Host* atTo = nullptr;
    };

    std::vector<std::vector<simgrid::s4u::Host*>> m_hosts;  ///< per pool, per instance
    std::vector<LinkEnds> m_links;                          ///< per plan link
};

}  // namespace headroom::sim
