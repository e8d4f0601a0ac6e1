// SPDX-License-Identifier: MIT
#include "sim/RetryPolicy.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace headroom::sim {

void RetryPolicy::advance(double now) {
    const auto slot = std::int64_t(std::floor(now / (m_plan.budgetWindow / kSlots)));
    // Slots that have left the window start empty again.
    for (std::int64_t s = m_slot + 1; s <= slot && s <= m_slot + kSlots; ++s) {
        m_firstTries[std::size_t(s % kSlots)] = 0.0;
        m_retries[std::size_t(s % kSlots)] = 0.0;
    }
    m_slot = std::max(m_slot, slot);
}

void RetryPolicy::firstTry(double now) {
    if (!m_plan.budget) return;
    advance(now);
    m_firstTries[std::size_t(m_slot % kSlots)] += 1.0;
}

bool RetryPolicy::allowsRetry(int attempt, model::RetryOn reason, double now) {
    if (attempt >= m_plan.attempts || !m_plan.retries(reason)) return false;
    if (!m_plan.budget) return true;
    advance(now);
    // Retries over the window may be at most budget × first tries over it.
    const double firstTries = std::accumulate(m_firstTries.begin(), m_firstTries.end(), 0.0);
    const double retries = std::accumulate(m_retries.begin(), m_retries.end(), 0.0);
    if (retries + 1.0 > *m_plan.budget * firstTries) return false;
    m_retries[std::size_t(m_slot % kSlots)] += 1.0;
    return true;
}

double RetryPolicy::backoff(int retry, double previous, RandomStream& random) const {
    const double base = m_plan.base, cap = m_plan.cap;
    double wait = 0.0;
    switch (m_plan.backoff) {
        case model::Backoff::None: return 0.0;
        case model::Backoff::Constant: wait = base; break;
        case model::Backoff::Exponential: wait = std::min(cap, base * std::ldexp(1.0, std::min(retry - 1, 1000))); break;
    }
    switch (m_plan.jitter) {
        case model::Jitter::None: return wait;
        case model::Jitter::Full: return random.uniform() * wait;
        case model::Jitter::Equal: return wait / 2.0 + random.uniform() * wait / 2.0;
        case model::Jitter::Decorrelated: {
            const double upper = std::max(base, 3.0 * (previous > 0.0 ? previous : base));
            return std::min(cap, base + random.uniform() * (upper - base));
        }
    }
    return wait;
}

}  // namespace headroom::sim
