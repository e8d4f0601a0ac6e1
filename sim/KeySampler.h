// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "model/KeyPopularity.h"
#include "sim/RandomStream.h"

namespace headroom::sim {

/// Draws key ranks (1 = the most popular) from a popularity in O(1) and without a table: Zipf's
/// law by rejection-inversion (Hörmann & Derflinger, "Rejection-inversion to generate variates
/// from monotone discrete distributions", ACM TOMACS 6(3), 1996), uniform by one draw. 10⁸ keys
/// cost what 10 do.
class KeySampler {
public:
    explicit KeySampler(const model::KeyPopularity& popularity);

    [[nodiscard]] std::uint64_t draw(RandomStream& random) const;
    [[nodiscard]] std::uint64_t keys() const { return m_keys; }

private:
    /// H(x) = ∫₁ˣ t^(−α) dt, written so that α = 1 and α near 1 lose no digits.
    [[nodiscard]] double integral(double x) const;
    [[nodiscard]] double integralInverse(double y) const;
    [[nodiscard]] double density(double x) const;  ///< x^(−α)

    std::uint64_t m_keys = 1;
    double m_exponent = 0.0;  ///< 0: uniform
    double m_integralAtHalfPastOne = 0.0;  ///< H(1.5) − 1: the hat's left end, rank 1 taking all of [0.5, 1.5]
    double m_integralAtEnd = 0.0;          ///< H(keys + 0.5)
    double m_squeeze = 0.0;                ///< ranks within this of the inverted point are taken at once
};

}  // namespace headroom::sim
