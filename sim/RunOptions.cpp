// SPDX-License-Identifier: MIT
#include "sim/RunOptions.h"

#include <algorithm>

#include "model/Validation.h"
#include "sim/RandomStream.h"

namespace headroom::sim {

RunOptions resolveRunOptions(const model::Scenario& scenario, const RunOverrides& overrides, model::Problems& problems) {
    RunOptions options;
    const model::RunSettings settings = scenario.run.value_or(model::RunSettings{});
    if (settings.duration) options.duration = settings.duration->value;
    if (overrides.duration) options.duration = *overrides.duration;
    options.warmup = settings.warmup ? settings.warmup->value : options.duration * RunOptions::kDefaultWarmupFraction;
    if (settings.seed) options.seed = *settings.seed;
    if (overrides.seed) options.seed = *overrides.seed;
    if (settings.replications) options.replications = *settings.replications;
    if (overrides.replications) options.replications = *overrides.replications;
    if (options.duration <= 0.0) problems.push_back({"run.duration", "must be longer than zero"});
    else if (auto problem = model::warmupProblem(model::Seconds{options.warmup}, model::Seconds{options.duration}))
        problems.push_back(std::move(*problem));
    if (options.replications < 1) problems.push_back({"run.replications", "must be at least 1"});
    options.precision = overrides.precision.empty() ? settings.precision : overrides.precision;
    if (!options.precision.empty()) {
        if (settings.maxReplications) options.maxReplications = *settings.maxReplications;
        options.maxReplications = std::max(options.maxReplications, 2);
        options.replications = std::clamp(std::max(options.replications, model::run_defaults::kPrecisionFirstBatch), 2, options.maxReplications);
        options.detectWarmup = !settings.warmup;
    }
    return options;
}

std::uint64_t replicationSeed(std::uint64_t runSeed, int index) { return deriveSeed(runSeed, std::uint64_t(index) + 1); }

// Replications take the run seed's streams 1, 2, …; stream 0 is the pilots' root.
std::uint64_t pilotSeed(std::uint64_t runSeed, int index) { return deriveSeed(deriveSeed(runSeed, 0), std::uint64_t(index) + 1); }

}  // namespace headroom::sim
