// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

#include "model/Estimator.h"
#include "model/JsonReader.h"

namespace headroom::model {

/// The estimate as DESIGN.md's result: every quantity under a stable key as
/// {"value", "unit", "formula", "substituted", "sources"} (and "note" where there is one), the
/// conventions it used, and the same per action under "actions".
[[nodiscard]] Json toJson(const Estimate& estimate, std::string_view scenarioName);

}  // namespace headroom::model
