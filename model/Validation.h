// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>

#include "model/Problem.h"
#include "model/Scenario.h"

namespace headroom::model {

/// Every semantic problem of a scenario, in file order: values out of range, ids that do not
/// exist or repeat, sync call cycles, contradictory fields. Syntax, types and units are the
/// reader's; this checks what the typed values mean, so the editor can run it on its own model.
[[nodiscard]] Problems validate(const Scenario& scenario);

/// Problems of the `estimate` block alone (EstimateValidation.cpp).
void validateEstimate(const EstimateInput& input, const std::string& path, Problems& problems);

/// A run measures after its warm-up: a problem at "run.warmup" when the warm-up leaves no time
/// (the file's own run block, or the run in force after the command line's overrides).
[[nodiscard]] std::optional<Problem> warmupProblem(Seconds warmup, Seconds duration);

/// The request class a client's requests belong to: its `class`, or its id when it has none.
[[nodiscard]] std::string classOf(const Component& client);
/// What a component of `kind` without a service time (and no sourced default) is told.
[[nodiscard]] std::string missingServiceTime(ComponentKind kind);
/// What a cache or CDN without a hit ratio is told.
[[nodiscard]] std::string missingHitRatio(ComponentKind kind);

}  // namespace headroom::model
