// SPDX-License-Identifier: MIT
#include "sim/ArrivalSource.h"

#include <algorithm>
#include <cmath>

#include "model/RateProfile.h"

namespace headroom::sim {
namespace {

/// Constant arrivals under a profile advance in steps of this fraction of the shortest gap.
constexpr double kConstantArrivalStep = 1.0 / 8.0;

}  // namespace

ArrivalSource::ArrivalSource(const model::PlanClient& client, RandomStream random, double duration)
    : m_plan(&client), m_random(std::move(random)), m_duration(duration) {}

model::ProfilePiece ArrivalSource::pieceAt(double t) const {
    return m_plan->profile ? model::profilePieceAt(*m_plan->profile, t) : model::ProfilePiece{INFINITY, 1.0, true};
}

double ArrivalSource::nextArrival(double t) {
    if (m_plan->arrivals == model::Arrivals::Poisson) return nextPoissonArrival(t);
    if (!m_plan->profile) return m_plan->rate > 0.0 ? t + 1.0 / m_plan->rate : INFINITY;
    return nextConstantArrival(t);
}

double ArrivalSource::nextPoissonArrival(double t) {
    // Piece by piece: within a piece, a Poisson stream at the piece's bound, thinned to the
    // factor of the moment where the factor varies (Lewis and Shedler); a draw that passes the
    // piece's end starts again there, which memorylessness allows.
    while (t < m_duration) {
        const model::ProfilePiece piece = pieceAt(t);
        const double rate = m_plan->rate * piece.bound;
        const double next = rate > 0.0 ? t + m_random.exponential(1.0 / rate) : INFINITY;
        if (next >= piece.end) {
            t = piece.end;
            continue;
        }
        t = next;
        if (t >= m_duration) break;
        if (piece.constant || m_random.uniform() * piece.bound < model::profileFactor(*m_plan->profile, t)) return t;
    }
    return INFINITY;
}

double ArrivalSource::nextConstantArrival(double t) {
    // The next one when the rate's integral from t reaches 1: exactly across constant pieces,
    // in small steps across a varying one.
    double owed = 1.0;
    while (t < m_duration) {
        const model::ProfilePiece piece = pieceAt(t);
        const double end = std::min(piece.end, m_duration);
        if (piece.constant) {
            const double rate = m_plan->rate * piece.bound;
            if (rate > 0.0 && t + owed / rate < end) return t + owed / rate;
            owed -= rate * (end - t);
            t = end;
            continue;
        }
        if (!(m_plan->rate * piece.bound > 0.0)) {
            t = end;
            continue;
        }
        const double step = kConstantArrivalStep / (m_plan->rate * piece.bound);
        for (; t < end; t += step) {
            const double rate = m_plan->rate * model::profileFactor(*m_plan->profile, t);
            if (rate * step >= owed) return t + owed / rate;
            owed -= rate * step;
        }
    }
    return INFINITY;
}

}  // namespace headroom::sim
