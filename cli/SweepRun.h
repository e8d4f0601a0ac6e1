// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "model/JsonReader.h"
#include "model/Scenario.h"

namespace headroom::cli {

/// A sweep of `scenario` (read from `file`) run on this machine: the document `sweep --json`
/// prints (axes, points with their analytic and simulated figures, knees); none, with the reason
/// on `err` and `exitCode` set, when a --vary or a point fails.
[[nodiscard]] std::optional<model::Json> runSweep(const std::string& file, const model::Scenario& scenario, const std::vector<std::string>& vary,
                                                  const std::string& simulatePoints, const std::optional<int>& jobs, std::ostream& err, int& exitCode);

}  // namespace headroom::cli
