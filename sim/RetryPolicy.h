// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>

#include "model/Plan.h"
#include "sim/RandomStream.h"

namespace headroom::sim {

/// A caller's retry policy as the simulator applies it: whether a failed attempt is tried again
/// and after how long (the AWS Architecture Blog's backoff and jitter formulas, REFERENCE F05),
/// and the retry budget (F07) as a sliding window of first tries and retries.
class RetryPolicy {
public:
    explicit RetryPolicy(const model::PlanRetry& plan) : m_plan(plan) {}

    [[nodiscard]] const model::PlanRetry& plan() const { return m_plan; }

    /// A first try went out at `now` (it earns the budget its share of retries).
    void firstTry(double now);
    /// Whether attempt `attempt` (1 = the first try) that failed for `reason` at `now` may be
    /// tried again: attempts left, a reason it retries on, and room in the budget. A retry it
    /// allows is counted against the budget.
    [[nodiscard]] bool allowsRetry(int attempt, model::RetryOn reason, double now);
    /// The wait before retry `retry` (1 = the first retry), given the previous wait (for
    /// decorrelated jitter; 0 before the first): with b = base, c = cap, e = min(c, b × 2^(n−1)),
    /// none → 0, constant → b, exponential → e; then full jitter U(0, e), equal jitter
    /// e/2 + U(0, e/2), decorrelated min(c, U(b, 3 × previous)).
    [[nodiscard]] double backoff(int retry, double previous, RandomStream& random) const;

private:
    /// The budget's window in slots of a tenth of it, each counting first tries and retries.
    static constexpr int kSlots = 10;
    void advance(double now);

    model::PlanRetry m_plan;
    std::array<double, kSlots> m_firstTries{}, m_retries{};
    std::int64_t m_slot = 0;  ///< the slot `now` falls in, counted from time zero
};

}  // namespace headroom::sim
