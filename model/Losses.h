// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "model/Scenario.h"

/// The capacity a scenario can lose, as scenarios: one instance of each component that has more
/// than one, and each zone (DESIGN.md, "analyze --degraded"). The analytic engine re-solves each.
namespace headroom::model {

struct Loss {
    std::string lost;                   ///< "api ×1", "zone b"
    Scenario scenario;                  ///< the scenario with it gone
    std::vector<std::string> unavailable;  ///< components left with no instance (or a shard with no copy)
    /// The components whose instances changed, with their counts before and after.
    struct Change {
        std::string component;
        int before = 0;
        int after = 0;
    };
    std::vector<Change> changes;
};

/// Every single-instance loss, then every zone loss. Instance i of a component runs in
/// zones[i mod n]; a database's copies of a shard (primary, then replicas) likewise, so a zone
/// takes the same copies of every shard: a lost primary is replaced by a surviving replica.
[[nodiscard]] std::vector<Loss> possibleLosses(const Scenario& scenario);

}  // namespace headroom::model
