// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "model/Plan.h"

namespace headroom::sim {

/// A circuit breaker on one call (REFERENCE F08, resilience4j's count-based state machine):
/// closed, it counts the outcomes of the last `window` calls and opens when at least `minCalls`
/// were made and the failure rate reaches `failureRate`; open, it refuses every call for
/// `openFor`; then half-open, it lets `halfOpenCalls` trial calls through and closes if their
/// failure rate stays below `failureRate`, or opens again.
class CircuitBreaker {
public:
    enum class State { Closed, Open, HalfOpen };

    explicit CircuitBreaker(const model::PlanBreaker& plan);

    /// Whether a call may go out at `now` (a half-open breaker counts it as one of its trials).
    [[nodiscard]] bool allows(double now);
    /// A call that went out ended, well or not, at `now`.
    void record(bool success, double now);
    [[nodiscard]] State state() const { return m_state; }
    /// How many times it has opened.
    [[nodiscard]] int opened() const { return m_opened; }

private:
    void open(double now);
    void close();

    model::PlanBreaker m_plan;
    State m_state = State::Closed;
    std::vector<std::uint8_t> m_outcomes;  ///< ring of the last `window` calls: 1 failed
    std::size_t m_next = 0;
    int m_calls = 0;
    int m_failures = 0;
    double m_openUntil = 0.0;
    int m_trialsSent = 0, m_trialsDone = 0, m_trialFailures = 0;
    int m_opened = 0;
};

}  // namespace headroom::sim
