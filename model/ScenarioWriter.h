// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "model/JsonReader.h"
#include "model/Scenario.h"

namespace headroom::model {

/// The scenario as a JSON document in the canonical key order of docs/format.md, with every
/// quantity in its exact spelling (UnitFormat.h) and only the fields the scenario has.
[[nodiscard]] Json toJson(const Scenario& scenario);

/// One component, or the estimate block, as toJson(Scenario) writes it (for editors that show
/// one field at a time without writing the whole scenario).
[[nodiscard]] Json toJson(const Component& component);
[[nodiscard]] Json toJson(const EstimateInput& estimate);

/// The file's text (JsonPrint.h), with a final newline. Writing what was read from such a
/// text gives the same bytes.
[[nodiscard]] std::string toText(const Scenario& scenario);

}  // namespace headroom::model
