// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>

#include "model/Scenario.h"

namespace headroom::sim {

/// A stream of random numbers with every variate computed here, not by <random>'s
/// distributions (whose algorithms differ between standard libraries): the same seed gives the
/// same numbers on any machine. mt19937_64 itself is fully specified by the standard.
class RandomStream {
public:
    explicit RandomStream(std::uint64_t seed) : m_engine(seed) {}

    /// Uniform on [0, 1), from the top 53 bits.
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; }
    /// True with probability p.
    bool chance(double p) { return p >= 1.0 || uniform() < p; }
    /// Uniform on {0, …, n − 1} (n ≥ 1; bias below n × 2^-53).
    std::size_t below(std::size_t n) { return std::min(n - 1, std::size_t(uniform() * double(n))); }
    double exponential(double mean) { return -mean * std::log1p(-uniform()); }
    /// Standard normal, by the Box–Muller transform (the second value of each pair is kept).
    double normal();
    /// A draw from a service-time distribution.
    double sample(const model::Distribution& distribution);
    std::uint64_t bits() { return m_engine(); }

private:
    std::mt19937_64 m_engine;
    std::optional<double> m_spareNormal;
};

/// An independent seed for stream `stream` of a run seeded `seed` (SplitMix64's finalizer over
/// both): replications and the streams within one get unrelated sequences.
[[nodiscard]] std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

}  // namespace headroom::sim
