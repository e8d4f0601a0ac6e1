// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace headroom::model {

/// Something wrong with a scenario, and where: the JSON path of the value at fault.
struct Problem {
    /// An error keeps the scenario from loading; a warning points at something harmless but
    /// probably unintended (a link no call uses), and the scenario loads.
    enum class Severity { Error, Warning };
    std::string path;     ///< where in the file, e.g. "components[2].instances"; "" for the whole file
    std::string message;  ///< "must be at least 1, got 0"
    Severity severity = Severity::Error;
    friend bool operator==(const Problem&, const Problem&) = default;
};

using Problems = std::vector<Problem>;

[[nodiscard]] inline bool hasErrors(const Problems& problems) {
    for (const auto& problem : problems)
        if (problem.severity == Problem::Severity::Error) return true;
    return false;
}

}  // namespace headroom::model
