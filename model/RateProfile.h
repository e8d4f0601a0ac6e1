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

/// The largest factor the profile ever takes: what sizing plans for.
[[nodiscard]] double peakMultiplier(const Profile& profile);
/// The smallest multiple of the rate the profile reaches (a diurnal profile's trough; 1 before a
/// spike or the first step).
[[nodiscard]] double lowestMultiplier(const Profile& profile);

/// The stretch of a profile that holds at time t, from t to `end` (infinity: the rest of time):
/// the factor is `bound` throughout when `constant` (a spike, a step, a ramp's plateau), or at
/// most `bound` (a ramp, a diurnal cycle). The simulator draws arrivals piece by piece, so a
/// short spike of a huge factor costs what its arrivals cost, not that rate over the whole run.
struct ProfilePiece {
    double end;
    double bound;
    bool constant;
};
[[nodiscard]] ProfilePiece profilePieceAt(const Profile& profile, double t);

/// ∫ factor(t) dt from `from` to `to`, exactly: requests sent over that time per unit of rate.
[[nodiscard]] double integratedFactor(const Profile& profile, double from, double to);

}  // namespace headroom::model
