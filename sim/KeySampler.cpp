// SPDX-License-Identifier: MIT
#include "sim/KeySampler.h"

#include <algorithm>
#include <cmath>

namespace headroom::sim {
namespace {

/// log1p(x)/x, and its series near 0.
double log1pOverX(double x) { return std::abs(x) > 1e-8 ? std::log1p(x) / x : 1.0 - x * (0.5 - x / 3.0); }
/// expm1(x)/x, and its series near 0.
double expm1OverX(double x) { return std::abs(x) > 1e-8 ? std::expm1(x) / x : 1.0 + x * 0.5 * (1.0 + x / 3.0); }

}  // namespace

KeySampler::KeySampler(const model::KeyPopularity& popularity)
    : m_keys(std::uint64_t(popularity.keys())), m_exponent(popularity.exponent().value_or(0.0)) {
    if (m_exponent <= 0.0) return;
    m_integralAtHalfPastOne = integral(1.5) - 1.0;
    m_integralAtEnd = integral(double(m_keys) + 0.5);
    m_squeeze = 2.0 - integralInverse(integral(2.5) - density(2.0));
}

double KeySampler::integral(double x) const {
    const double logX = std::log(x);
    return expm1OverX((1.0 - m_exponent) * logX) * logX;
}

double KeySampler::integralInverse(double y) const {
    const double t = std::max(-1.0, y * (1.0 - m_exponent));
    return std::exp(log1pOverX(t) * y);
}

double KeySampler::density(double x) const { return std::exp(-m_exponent * std::log(x)); }

std::uint64_t KeySampler::draw(RandomStream& random) const {
    if (m_exponent <= 0.0) return 1 + random.below(m_keys);
    // A point under the hat (the integral of x^(−α), with rank 1's share [0.5, 1.5] given the
    // whole of 1), inverted to x; its nearest rank k is taken when x is close enough (the
    // squeeze) or when the point falls under rank k's bar.
    for (;;) {
        const double u = m_integralAtEnd + random.uniform() * (m_integralAtHalfPastOne - m_integralAtEnd);
        const double x = integralInverse(u);
        const double k = std::clamp(std::floor(x + 0.5), 1.0, double(m_keys));
        if (k - x <= m_squeeze || u >= integral(k + 0.5) - density(k)) return std::uint64_t(k);
    }
}

}  // namespace headroom::sim
