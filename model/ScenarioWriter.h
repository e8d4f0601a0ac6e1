// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "model/JsonReader.h"
#include "model/Scenario.h"

namespace headroom::model {

/// The scenario as a JSON document in the canonical key order of docs/format.md, with every
/// quantity in its exact spelling (UnitFormat.h) and only the fields the scenario has.
[[nodiscard]] Json toJson(const Scenario& scenario);

/// The file's text (JsonPrint.h), with a final newline. Writing what was read from such a
/// text gives the same bytes.
[[nodiscard]] std::string toText(const Scenario& scenario);

}  // namespace headroom::model
