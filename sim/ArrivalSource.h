// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "model/Plan.h"
#include "model/RateProfile.h"
#include "sim/RandomStream.h"

namespace headroom::sim {

/// One client's requests over time: when an open client's next request arrives under its
/// profile, how long a closed client's user thinks, and the key a hash balancer sees. It owns
/// the client's random stream (the calls it makes draw from it too).
class ArrivalSource {
public:
    /// Arrivals stop at `duration` (seconds), the end of the run.
    ArrivalSource(const model::PlanClient& client, RandomStream random, double duration);

    [[nodiscard]] const model::PlanClient& plan() const { return *m_plan; }
    RandomStream& random() { return m_random; }

    /// The next arrival after `t`: Poisson, drawn piece by piece of the profile, or evenly spaced
    /// at the rate of the moment; infinity when none comes before the end of the run. The work
    /// is proportional to the arrivals, never to the profile's peak times the run.
    [[nodiscard]] double nextArrival(double t);
    /// When a closed client's user who starts thinking at `now` sends again (exponential think
    /// times).
    [[nodiscard]] double wakesAt(double now) { return now + m_random.exponential(m_plan->thinkTime); }
    /// The key of a request: a closed client's user is a fixed key (a session); an open
    /// client's requests each get a random one.
    [[nodiscard]] std::uint64_t requestKey(std::int32_t user) { return user >= 0 ? std::uint64_t(user) : m_random.bits(); }

private:
    [[nodiscard]] model::ProfilePiece pieceAt(double t) const;
    [[nodiscard]] double nextPoissonArrival(double t);
    [[nodiscard]] double nextConstantArrival(double t);

    const model::PlanClient* m_plan;
    RandomStream m_random;
    double m_duration;
};

}  // namespace headroom::sim
