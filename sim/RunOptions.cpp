// SPDX-License-Identifier: MIT
#include "sim/RunOptions.h"

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
    return options;
}

std::uint64_t replicationSeed(std::uint64_t runSeed, int index) { return deriveSeed(runSeed, std::uint64_t(index) + 1); }

}  // namespace headroom::sim
