// SPDX-License-Identifier: MIT
#pragma once

#include <complex>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

/// Response times as distributions, not just means: each is its Laplace–Stieltjes transform
/// E[e^(−sT)] at complex s. Along a class's calls independent hops add (transforms multiply),
/// cache hits and misses or probabilistic calls mix (transforms add, weighted), and the
/// percentiles come from inverting the transform numerically (Abate and Whitt's Euler
/// algorithm), so p99 follows the real tail instead of an exponential guess from the mean.
namespace headroom::analytic {

using Complex = std::complex<double>;

class LatencyTransform {
public:
    using Function = std::function<Complex(Complex)>;

    /// Zero time.
    LatencyTransform();
    LatencyTransform(Function transform, double mean);

    // Building blocks, exact.
    [[nodiscard]] static LatencyTransform constant(double seconds);
    [[nodiscard]] static LatencyTransform exponential(double mean);
    /// Gamma with this mean and coefficient of variation: Erlang for cv = 1/√k, exponential at 1.
    [[nodiscard]] static LatencyTransform gamma(double mean, double cv);
    /// A lognormal with this mean and coefficient of variation. It has no closed-form transform:
    /// cut where its normal exponent is −3, −2.5, …, 5 (and beyond), each piece a gamma with the
    /// piece's own mean and variance (closed forms of the lognormal's partial moments), mixed by
    /// the pieces' probabilities: the mean and variance stay exact and the tail follows the
    /// lognormal's, where one gamma of the same two moments falls off too fast.
    [[nodiscard]] static LatencyTransform lognormal(double mean, double cv);
    /// The waiting time of M/M/c FCFS (λ per second, mean service s, c servers, λ s < c): zero
    /// with probability 1 − C (Erlang's C), else exponential with rate cμ − λ.
    [[nodiscard]] static LatencyTransform mmcWait(double arrivalRate, double meanService, int servers);
    /// The waiting time of M/M/c/K FCFS, `waitingRoom` = K − c places, of the arrivals it admits
    /// (any load): one that finds n < c present starts at once; one that finds c + j (j < K − c)
    /// waits for j + 1 departures at rate cμ, Erlang(j + 1, cμ). With ρ = λ/(cμ) the admitted
    /// arrivals find c + j with weight ρ^j against Σ_{n<c} (a^n/n!)/(a^c/c!) for no wait, so
    /// given a wait, E[e^(−sW)] = Σ_j ρ^j x^(j+1) / Σ_j ρ^j with x = cμ/(cμ + s), a finite
    /// geometric sum in closed form.
    [[nodiscard]] static LatencyTransform mmckWait(double arrivalRate, double meanService, int servers, int waitingRoom);
    /// The waiting time of M/G/1 FCFS by the Pollaczek–Khinchine transform, (1 − ρ) s /
    /// (s − λ (1 − S(s))), for any service distribution S whose second moment E[S²] is given
    /// (for the mean, λ E[S²] / (2 (1 − ρ))).
    [[nodiscard]] static LatencyTransform mg1Wait(double arrivalRate, const LatencyTransform& service, double serviceSecondMoment);

    /// This time multiplied by `factor` (a service stretched by sharing its cores).
    [[nodiscard]] LatencyTransform scaled(double factor) const;
    /// Independent sum: this, then `other`.
    [[nodiscard]] LatencyTransform then(const LatencyTransform& other) const;
    /// `count` independent copies one after the other.
    [[nodiscard]] LatencyTransform repeated(int count) const;
    /// One of the parts, chosen with the given probabilities (which add up to 1).
    [[nodiscard]] static LatencyTransform mixture(const std::vector<std::pair<double, LatencyTransform>>& parts);

    [[nodiscard]] Complex operator()(Complex s) const { return (*m_transform)(s); }
    [[nodiscard]] double mean() const { return m_mean; }
    /// What one evaluation costs: the parts it walks (a part shared twice counts twice).
    [[nodiscard]] std::size_t cost() const { return m_cost; }
    /// The variance, from the transform by a complex step: E[T²] = 2 (1 − Re L(ih)) / h² + O(h²).
    [[nodiscard]] double variance() const;
    /// The gamma distribution with the same mean and variance, which costs one part: what a
    /// long chain of hops is folded into (by the central limit theorem their sum tends to a
    /// normal, which a gamma of the same two moments approaches too).
    [[nodiscard]] LatencyTransform compacted() const;
    /// P(T > t), by numerical inversion: good to about 10⁻⁹ absolute away from jumps.
    [[nodiscard]] double tail(double t) const;
    /// The p-quantile (0 < p < 1), to a relative 10⁻⁷; none when the tail cannot be bracketed.
    [[nodiscard]] std::optional<double> quantile(double p) const;

private:
    /// Shared, so that combining transforms copies pointers, not the trees below them (a
    /// chain of a thousand calls would otherwise copy itself a thousand times over).
    std::shared_ptr<const Function> m_transform;
    double m_mean = 0.0;
    std::size_t m_cost = 1;
};

}  // namespace headroom::analytic
