// SPDX-License-Identifier: MIT
#include "sim/RandomStream.h"

#include <cmath>
#include <numbers>

namespace headroom::sim {

double RandomStream::normal() {
    if (m_spareNormal) {
        const double spare = *m_spareNormal;
        m_spareNormal.reset();
        return spare;
    }
    const double radius = std::sqrt(-2.0 * std::log1p(-uniform()));
    const double angle = 2.0 * std::numbers::pi * uniform();
    m_spareNormal = radius * std::sin(angle);
    return radius * std::cos(angle);
}

double RandomStream::sample(const model::Distribution& distribution) {
    const double mean = distribution.mean.value;
    switch (distribution.shape) {
        case model::Distribution::Shape::Constant: return mean;
        case model::Distribution::Shape::Exponential: return exponential(mean);
        case model::Distribution::Shape::Lognormal: {
            // A lognormal with this mean and coefficient of variation: σ² = ln(1 + cv²),
            // μ = ln(mean) − σ²/2.
            const double cv = distribution.cv.value_or(1.0);
            const double variance = std::log1p(cv * cv);
            return std::exp(std::log(mean) - 0.5 * variance + std::sqrt(variance) * normal());
        }
    }
    return mean;
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream) {
    const auto mix = [](std::uint64_t z) {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    };
    return mix(mix(seed) ^ (stream * 0xd1b54a32d192ed03ULL));
}

}  // namespace headroom::sim
