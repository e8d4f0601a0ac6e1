// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/JsonReader.h"
#include "model/Scenario.h"

namespace headroom::model {

/// One difference between two scenarios, in the file's own spelling (both sides written in the
/// canonical form Headroom saves, so that a reordered key or "2 ms" against "2ms" is no change).
struct ScenarioChange {
    enum class Kind { Added, Removed, Changed, Moved };
    Kind kind = Kind::Changed;
    /// Where: "components[api]" (a component by its id), "components[api].instances",
    /// "slo[0].latency", "description"; for Moved, "layout".
    std::string path;
    std::optional<Json> before, after;  ///< the values (a whole component when one is added or removed)
    std::vector<std::string> moved;     ///< Moved: the ids whose place on the canvas changed
};

/// What changed from `before` to `after`: components matched by id wherever they stand in the
/// list, every other list by position, and the canvas layout as one line of moved ids (it
/// changes no number).
[[nodiscard]] std::vector<ScenarioChange> diffScenarios(const Scenario& before, const Scenario& after);

/// "components[api].instances: 4 → 3", "components[cache] added", "layout: api, db moved".
[[nodiscard]] std::string describe(const ScenarioChange& change);

}  // namespace headroom::model
