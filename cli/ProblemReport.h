// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "model/Plan.h"
#include "model/Problem.h"
#include "model/Scenario.h"

namespace headroom::cli {

/// "FILE: path: message", one line a problem, as compilers print errors.
void printProblems(std::ostream& err, const std::string& file, const model::Problems& problems);

/// A scenario read from `file`, or nothing with the reason printed to `err` and `exitCode` set:
/// UsageError for a file that cannot be read, ScenarioProblems for one with problems.
[[nodiscard]] std::optional<model::Scenario> loadScenarioFile(const std::string& file, std::ostream& err, int& exitCode);

/// A scenario and the plan the engines compute with.
struct PlannedScenario {
    model::Scenario scenario;
    model::Plan plan;
};

/// A scenario read from `file` and compiled, or nothing with its problems printed to `err` and
/// `exitCode` set, as loadScenarioFile does.
[[nodiscard]] std::optional<PlannedScenario> loadPlannedScenario(const std::string& file, std::ostream& err, int& exitCode);

/// The same for text read elsewhere (`git show`), its problems printed under `label`.
[[nodiscard]] std::optional<PlannedScenario> planScenarioText(std::string_view text, const std::string& label, std::ostream& err, int& exitCode);

}  // namespace headroom::cli
