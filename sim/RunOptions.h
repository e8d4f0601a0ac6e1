// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>

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
    int replications = kDefaultReplications;
};

struct RunOverrides {
    std::optional<double> duration;
    std::optional<std::uint64_t> seed;
    std::optional<int> replications;
};

/// The options in force; a problem (with the path of the field at fault) when the warm-up
/// would not leave any time to measure.
[[nodiscard]] RunOptions resolveRunOptions(const model::Scenario& scenario, const RunOverrides& overrides, model::Problems& problems);

/// Replication i's own seed, derived from the run's: independent streams, the same on any machine.
[[nodiscard]] std::uint64_t replicationSeed(std::uint64_t runSeed, int index);

}  // namespace headroom::sim
