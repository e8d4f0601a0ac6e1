// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <string_view>

#include "model/Estimator.h"

namespace headroom::cli {

/// The estimate as a readable table: each quantity's value, its formula, the formula with the
/// numbers put in, and the reference rows of the defaults it used.
void printEstimate(std::ostream& out, const model::Estimate& estimate, std::string_view scenarioName);

}  // namespace headroom::cli
