// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/Problem.h"
#include "model/RunDefaults.h"
#include "model/Scenario.h"

namespace headroom::sim {

/// How long, how often and from which seed a scenario is simulated: its `run` block, with the
/// command line's overrides, and these defaults where both are silent.
struct RunOptions {
    static constexpr double kDefaultDuration = model::run_defaults::kDuration;
    static constexpr double kDefaultWarmupFraction = model::run_defaults::kWarmupFraction;
    static constexpr std::uint64_t kDefaultSeed = model::run_defaults::kSeed;
    static constexpr int kDefaultReplications = model::run_defaults::kReplications;

    double duration = kDefaultDuration;
    double warmup = kDefaultDuration * kDefaultWarmupFraction;
    std::uint64_t seed = kDefaultSeed;
    int replications = kDefaultReplications;  ///< a precision-targeted run's first batch (at least model::run_defaults::kPrecisionFirstBatch)
    /// Empty: exactly `replications` runs. Otherwise batches until every target is met or
    /// `maxReplications` have run.
    std::vector<model::PrecisionTarget> precision;
    int maxReplications = model::run_defaults::kMaxReplications;
    /// A precision-targeted run whose file sets no warm-up: pilot runs find it (MSER-5).
    bool detectWarmup = false;
};

struct RunOverrides {
    std::optional<double> duration;
    std::optional<std::uint64_t> seed;
    std::optional<int> replications;
    std::vector<model::PrecisionTarget> precision;  ///< `--precision`; replaces the file's when given
};

/// The options in force; a problem (with the path of the field at fault) when the warm-up
/// would not leave any time to measure.
[[nodiscard]] RunOptions resolveRunOptions(const model::Scenario& scenario, const RunOverrides& overrides, model::Problems& problems);

/// Replication i's own seed, derived from the run's: independent streams, the same on any machine.
[[nodiscard]] std::uint64_t replicationSeed(std::uint64_t runSeed, int index);
/// Warm-up pilot i's seed: a stream of its own, apart from every replication's.
[[nodiscard]] std::uint64_t pilotSeed(std::uint64_t runSeed, int index);

}  // namespace headroom::sim
