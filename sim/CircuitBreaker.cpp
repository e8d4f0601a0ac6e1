// SPDX-License-Identifier: MIT
#include "sim/CircuitBreaker.h"

namespace headroom::sim {

CircuitBreaker::CircuitBreaker(const model::PlanBreaker& plan) : m_plan(plan), m_outcomes(std::size_t(plan.window), 0) {}

bool CircuitBreaker::allows(double now) {
    if (m_state == State::Open) {
        if (now < m_openUntil) return false;
        m_state = State::HalfOpen;
        m_trialsSent = m_trialsDone = m_trialFailures = 0;
    }
    if (m_state == State::HalfOpen) {
        if (m_trialsSent >= m_plan.halfOpenCalls) return false;
        ++m_trialsSent;
    }
    return true;
}

void CircuitBreaker::record(bool success, double now) {
    if (m_state == State::Open) return;  // a call sent before it opened
    if (m_state == State::HalfOpen) {
        ++m_trialsDone;
        if (!success) ++m_trialFailures;
        if (m_trialsDone < m_plan.halfOpenCalls) return;
        if (double(m_trialFailures) >= m_plan.failureRate * m_trialsDone) open(now);
        else close();
        return;
    }
    // Closed: the outcome replaces the oldest of the window.
    if (m_calls == m_plan.window) m_failures -= m_outcomes[m_next];
    else ++m_calls;
    m_outcomes[m_next] = success ? 0 : 1;
    m_failures += m_outcomes[m_next];
    m_next = (m_next + 1) % m_outcomes.size();
    if (m_calls >= m_plan.minCalls && double(m_failures) >= m_plan.failureRate * m_calls) open(now);
}

void CircuitBreaker::open(double now) {
    m_state = State::Open;
    m_openUntil = now + m_plan.openFor;
    ++m_opened;
}

void CircuitBreaker::close() {
    m_state = State::Closed;
    m_calls = m_failures = 0;
    m_next = 0;
    std::fill(m_outcomes.begin(), m_outcomes.end(), std::uint8_t{0});
}

}  // namespace headroom::sim
