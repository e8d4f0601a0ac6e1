// SPDX-License-Identifier: MIT
#pragma once

#include <set>
#include <string>

#include "model/JsonReader.h"
#include "model/Problem.h"
#include "model/Scenario.h"

namespace headroom::model {

/// What the reader made of a document: the scenario as far as it could be read, the problems
/// of syntax, type and unit it found, and the paths whose content it could not interpret (a
/// component of unknown kind), under which validation's own findings would only be noise.
struct ReadResult {
    Scenario scenario;
    Problems problems;
    std::set<std::string> unreliablePaths;
};

/// Reads the body of a document migrated to the current format version (format and version are checked by the caller).
[[nodiscard]] ReadResult readScenario(const Json& document);

/// One element of `slo`, and the `run` block (a challenge file reads its own with these).
[[nodiscard]] Slo readSlo(const Json& value, const std::string& path, Problems& problems);
[[nodiscard]] RunSettings readRun(const Json& value, const std::string& path, Problems& problems);
/// Reads a document's `estimate` block (EstimateReader.cpp).
[[nodiscard]] EstimateInput readEstimate(const Json& block, const std::string& path, Problems& problems);

}  // namespace headroom::model
