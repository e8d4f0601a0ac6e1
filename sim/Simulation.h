// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>

#include "model/Plan.h"
#include "sim/ReplicationRecord.h"
#include "sim/RunOptions.h"

/// The simulator: one replication of a scenario on SimGrid. SimGrid keeps global state (one
/// engine, a static clock), so a process runs at most one replication; `headroom-cli simulate`
/// runs each in a child process of its own (DESIGN.md).
namespace headroom::sim {

struct Progress {
    double simulatedTime = 0.0;
    double fraction = 0.0;      ///< of the run's duration
    std::uint64_t requests = 0; ///< sent so far, warm-up included
};

struct ReplicationSettings {
    int index = 0;
    std::uint64_t seed = 1;      ///< this replication's own seed (derived from the run's)
    double duration = RunOptions::kDefaultDuration;  ///< seconds
    double warmup = RunOptions{}.warmup;             ///< seconds
    /// Requests in flight beyond which the run stops and reports an overload: an unstable
    /// scenario then costs bounded memory and time.
    std::size_t maxInFlight = 50'000;
    /// Called every slice of simulated time; returning false stops the run.
    std::function<bool(const Progress&)> onProgress;
};

/// Runs one replication; call at most once per process.
[[nodiscard]] ReplicationRecord simulateReplication(const model::Plan& plan, const ReplicationSettings& settings);

}  // namespace headroom::sim
