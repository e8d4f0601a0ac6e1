// SPDX-License-Identifier: MIT
#include "sim/ArrivalSource.h"

#include <cmath>

#include "model/RateProfile.h"

namespace headroom::sim {
namespace {

/// Constant arrivals under a profile advance in steps of this fraction of the shortest gap.
constexpr double kConstantArrivalStep = 1.0 / 8.0;

}  // namespace

ArrivalSource::ArrivalSource(const model::PlanClient& client, RandomStream random, double duration)
    : m_plan(&client), m_random(std::move(random)), m_duration(duration),
      m_peak(client.profile ? model::peakMultiplier(*client.profile) : 1.0) {}

double ArrivalSource::nextArrival(double t) {
    const double peakRate = m_plan->rate * m_peak;
    if (peakRate <= 0.0) return INFINITY;
    if (m_plan->arrivals == model::Arrivals::Poisson) {
        for (;;) {
            t += m_random.exponential(1.0 / peakRate);
            if (t >= m_duration) return INFINITY;
            if (!m_plan->profile || m_random.uniform() * m_peak < model::profileFactor(*m_plan->profile, t)) return t;
        }
    }
    if (!m_plan->profile) return t + 1.0 / m_plan->rate;
    // Constant arrivals at a changing rate: the next one when the rate's integral reaches 1.
    const double step = kConstantArrivalStep / peakRate;
    double owed = 1.0;
    while (t < m_duration) {
        const double rate = m_plan->rate * model::profileFactor(*m_plan->profile, t);
        if (rate * step >= owed) return t + owed / rate;
        owed -= rate * step;
        t += step;
    }
    return INFINITY;
}

}  // namespace headroom::sim
