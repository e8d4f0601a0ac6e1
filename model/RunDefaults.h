// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
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

// A precision-targeted run (`run.precision`):
/// Replications of the first batch at least: with fewer, the sample standard deviation that
/// decides when to stop is itself too noisy and the run stops early too often (Law, Simulation
/// Modeling and Analysis, 5th ed., §9.4.1 recommends n₀ ≥ 10 for the sequential procedure).
inline constexpr int kPrecisionFirstBatch = 10;
/// The cap when `run.max_replications` is not given: a fifth of the replications field's maximum.
inline constexpr int kMaxReplications = 200;
/// Pilot replications, measured from time zero, whose mean response-time series MSER reads
/// when the file sets no warm-up.
inline constexpr int kWarmupPilots = 2;
/// MSER-5: intervals of the time series averaged in fives (White, Cobb & Spratt 2000).
inline constexpr std::size_t kMserBatch = 5;

}  // namespace headroom::model::run_defaults
