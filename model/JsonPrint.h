// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "model/JsonReader.h"

namespace headroom::model {

/// JSON the way people write scenario files: an object or array of plain values on one line
/// when it fits in `width` columns ({"x": 240, "y": 80}, {"to": "db", "times": 2}), anything
/// larger one member per line, indented by two spaces. Deterministic, so diffs stay small.
[[nodiscard]] std::string prettyJson(const Json& value, std::size_t width = 100);

}  // namespace headroom::model
