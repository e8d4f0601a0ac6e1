// SPDX-License-Identifier: MIT
#pragma once

#include "model/Scenario.h"

/// What a client's rate profile means over time (DESIGN.md): the client sends `rate × factor(t)`
/// requests per second at simulated time t.
namespace headroom::model {

/// The factor at time t (seconds since the run began):
/// - spike: `factor` during [at, at + for), 1 otherwise;
/// - ramp: from `from` at 0 linearly to `to` at `over`, then `to`;
/// - diurnal: a cosine between 1 at `peak_at` (modulo `period`) and `trough` half a period away;
/// - steps: the factor of the last step at or before t, 1 before the first.
[[nodiscard]] double profileFactor(const Profile& profile, double t);

/// The largest factor the profile ever takes: what sizing plans for, and the envelope the
/// simulator draws arrivals under.
[[nodiscard]] double peakMultiplier(const Profile& profile);

}  // namespace headroom::model
