// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <string_view>

#include "model/RunResult.h"

namespace headroom::cli {

/// An engine's result as readable tables: classes, components, the bottleneck, SLOs, notes.
void printRunResult(std::ostream& out, const model::RunResult& result, std::string_view scenarioName);

}  // namespace headroom::cli
