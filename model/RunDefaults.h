// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

/// The simulator's run settings when neither the `run` block nor the command line gives them:
/// Headroom's conventions (docs/format.md), long enough for the examples' intervals to be a few
/// per cent of their means on a laptop in seconds. The app reads them too (its events strip
/// spans the run).
namespace headroom::model::run_defaults {

inline constexpr double kDuration = 60.0;       ///< seconds
inline constexpr double kWarmupFraction = 0.1;  ///< of the duration
inline constexpr std::uint64_t kSeed = 1;
inline constexpr int kReplications = 5;         ///< enough for a t interval (4 degrees of freedom)

}  // namespace headroom::model::run_defaults
