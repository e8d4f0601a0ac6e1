// SPDX-License-Identifier: MIT
#include "analytic/LatencyTransform.h"

#include <array>
#include <cassert>
#include <cmath>
#include <limits>
#include <numbers>

#include "analytic/StationFormulas.h"

namespace headroom::analytic {
namespace {

/// Abate and Whitt's Euler algorithm in their unified framework ("A unified framework for
/// numerically inverting Laplace transforms", INFORMS J. Computing 18(4), 2006): for a function
/// f with transform F, f(t) ≈ (10^(M/3) / t) Σ_{k=0}^{2M} η_k Re F(β_k / t), with
/// β_k = M ln(10)/3 + iπk, η_k = (−1)^k ξ_k, ξ_0 = ½, ξ_k = 1 for 1 ≤ k ≤ M, ξ_2M = 2^−M and
/// ξ_(2M−k) = ξ_(2M−k+1) + 2^−M C(M, k) for 0 < k < M. M = 16 gives about 0.6 M = 10
/// significant digits in double precision.
constexpr int kEulerM = 16;
/// Where a lognormal is cut into pieces, on its normal exponent: every half unit from −3 to 5,
/// plus the two ends (18 pieces; below −3 and above 5 lie 0.13 % and 3·10⁻⁷ of it).
constexpr double kLognormalFirstCut = -3.0, kLognormalLastCut = 5.0, kLognormalStep = 0.25;

struct EulerNodes {
    std::array<Complex, 2 * kEulerM + 1> beta;
    std::array<double, 2 * kEulerM + 1> eta;
};

EulerNodes makeEulerNodes() {
    EulerNodes nodes;
    std::array<double, 2 * kEulerM + 1> xi{};
    xi[0] = 0.5;
    for (int k = 1; k <= kEulerM; ++k) xi[k] = 1.0;
    xi[2 * kEulerM] = std::ldexp(1.0, -kEulerM);
    double binomial = 1.0;  // C(M, k)
    for (int k = 1; k < kEulerM; ++k) {
        binomial = binomial * (kEulerM - k + 1) / k;
        xi[2 * kEulerM - k] = xi[2 * kEulerM - k + 1] + std::ldexp(binomial, -kEulerM);
    }
    for (int k = 0; k <= 2 * kEulerM; ++k) {
        nodes.beta[k] = Complex(kEulerM * std::log(10.0) / 3.0, std::numbers::pi * k);
        nodes.eta[k] = (k % 2 == 0 ? 1.0 : -1.0) * xi[k];
    }
    return nodes;
}

const EulerNodes& eulerNodes() {
    static const EulerNodes nodes = makeEulerNodes();
    return nodes;
}

}  // namespace

LatencyTransform::LatencyTransform() : LatencyTransform([](Complex) { return Complex(1.0); }, 0.0) {}

LatencyTransform::LatencyTransform(Function transform, double mean)
    : m_transform(std::make_shared<const Function>(std::move(transform))), m_mean(mean) {}

LatencyTransform LatencyTransform::constant(double seconds) {
    return {[seconds](Complex s) { return std::exp(-s * seconds); }, seconds};
}

LatencyTransform LatencyTransform::exponential(double mean) {
    if (mean <= 0.0) return {};
    const double rate = 1.0 / mean;
    return {[rate](Complex s) { return rate / (rate + s); }, mean};
}

LatencyTransform LatencyTransform::gamma(double mean, double cv) {
    if (mean <= 0.0) return {};
    if (cv <= 0.0) return constant(mean);
    // Shape k = 1/cv², scale θ = mean cv²: E[e^(−sT)] = (1 + θ s)^(−k).
    const double shape = 1.0 / (cv * cv), scale = mean * cv * cv;
    return {[shape, scale](Complex s) { return std::pow(1.0 + scale * s, -shape); }, mean};
}

LatencyTransform LatencyTransform::lognormal(double mean, double cv) {
    if (mean <= 0.0) return {};
    if (cv <= 0.0) return constant(mean);
    const double sigma = std::sqrt(std::log1p(cv * cv));
    // P(a < Z < b) for the standard normal, from whichever tail keeps its digits.
    const auto between = [](double a, double b) {
        const auto upper = [](double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); };  // P(Z > z)
        return a >= 0.0 ? upper(a) - upper(b) : upper(-b) - upper(-a);
    };
    // X = mean e^(σZ − σ²/2): E[X; a < Z < b] = mean P(a − σ < Z < b − σ) and
    // E[X²; a < Z < b] = mean² e^(σ²) P(a − 2σ < Z < b − 2σ).
    std::vector<double> cuts{-std::numeric_limits<double>::infinity()};
    for (double z = kLognormalFirstCut; z <= kLognormalLastCut + 1e-9; z += kLognormalStep) cuts.push_back(z);
    cuts.push_back(std::numeric_limits<double>::infinity());
    std::vector<std::pair<double, LatencyTransform>> pieces;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        const double a = cuts[i], b = cuts[i + 1];
        const double probability = between(a, b);
        if (!(probability > 0.0)) continue;
        const double pieceMean = mean * between(a - sigma, b - sigma) / probability;
        const double pieceSecond = mean * mean * std::exp(sigma * sigma) * between(a - 2.0 * sigma, b - 2.0 * sigma) / probability;
        const double pieceVariance = std::max(0.0, pieceSecond - pieceMean * pieceMean);
        pieces.emplace_back(probability, gamma(pieceMean, std::sqrt(pieceVariance) / pieceMean));
    }
    LatencyTransform out = mixture(pieces);
    out.m_mean = mean;  // the pieces' means add up to it; this keeps the last bit
    return out;
}

LatencyTransform LatencyTransform::mmcWait(double arrivalRate, double meanService, int servers) {
    const double a = arrivalRate * meanService;
    assert(a < servers);
    if (arrivalRate <= 0.0) return {};
    const double waitProbability = erlangC(servers, a);
    const double drain = servers / meanService - arrivalRate;  // cμ − λ
    return {[waitProbability, drain](Complex s) { return (1.0 - waitProbability) + waitProbability * drain / (drain + s); },
            waitProbability / drain};
}

LatencyTransform LatencyTransform::mmckWait(double arrivalRate, double meanService, int servers, int waitingRoom) {
    if (arrivalRate <= 0.0 || waitingRoom <= 0) return {};
    const double a = arrivalRate * meanService;
    const double rho = a / servers;
    const double m = double(waitingRoom);
    const double rate = servers / meanService;  // cμ: departures while all servers are busy
    // Σ_{n<c} q_n / q_c, q_n = a^n / n!: going down, q_{n−1} / q_n = n / a.
    double head = 0.0;
    for (double ratio = 1.0, n = servers; n >= 1.0 && std::isfinite(head); n -= 1.0) head += ratio *= n / a;
    // The waiting arrivals' j is geometric with ratio ρ truncated to j < m. Above ρ = 1 it is
    // counted down from the top (ratio 1/ρ) so that ρ^m never overflows; Σ ρ^j is then
    // ρ^(m−1) Σ (1/ρ)^i, and head / Σ ρ^j shrinks to nothing as the room fills.
    const bool fromTop = rho > 1.0;
    const double r = fromTop ? 1.0 / rho : rho;
    const double rm = std::pow(r, m);
    const double sum = r == 1.0 ? m : (1.0 - rm) / (1.0 - r);                       // Σ_{i<m} r^i
    const double meanIndex = r == 1.0 ? (m - 1.0) / 2.0 : r / (1.0 - r) - m * rm / (1.0 - rm);  // E[i]
    const double headShare = fromTop ? head * std::pow(r, m - 1.0) / sum : head / sum;
    const double waitProbability = 1.0 / (1.0 + headShare);
    const double stages = 1.0 + (fromTop ? m - 1.0 - meanIndex : meanIndex);  // E[j + 1]
    const auto transform = [=](Complex s) {
        const Complex x = rate / (rate + s);
        Complex given;  // E[e^(−sW) | a wait]
        if (r == 1.0) given = std::abs(1.0 - x) == 0.0 ? Complex(1.0) : x * (1.0 - std::pow(x, m)) / ((1.0 - x) * m);
        else if (!fromTop) given = x * (1.0 - std::pow(rho * x, m)) / ((1.0 - rho * x) * sum);
        else given = x * (std::pow(x, m) - rm) / ((x - r) * sum);  // Σ_i r^i x^(m−i) over the sum
        return (1.0 - waitProbability) + waitProbability * given;
    };
    return {transform, waitProbability * stages / rate};
}

LatencyTransform LatencyTransform::mg1Wait(double arrivalRate, const LatencyTransform& service, double serviceSecondMoment) {
    const double rho = arrivalRate * service.mean();
    assert(rho < 1.0);
    if (arrivalRate <= 0.0) return {};
    const auto transform = [arrivalRate, rho, service](Complex s) {
        if (std::abs(s) == 0.0) return Complex(1.0);
        return (1.0 - rho) * s / (s - arrivalRate * (1.0 - service(s)));
    };
    return {transform, arrivalRate * serviceSecondMoment / (2.0 * (1.0 - rho))};
}

LatencyTransform LatencyTransform::scaled(double factor) const {
    if (factor == 1.0) return *this;
    LatencyTransform out{[one = m_transform, factor](Complex s) { return (*one)(s * factor); }, m_mean * factor};
    out.m_cost = m_cost + 1;
    return out;
}

LatencyTransform LatencyTransform::then(const LatencyTransform& other) const {
    if (other.m_mean == 0.0 && other.m_cost == 1) return *this;  // zero time
    if (m_mean == 0.0 && m_cost == 1) return other;
    LatencyTransform out{[first = m_transform, second = other.m_transform](Complex s) { return (*first)(s) * (*second)(s); },
                         m_mean + other.m_mean};
    out.m_cost = m_cost + other.m_cost + 1;
    return out;
}

LatencyTransform LatencyTransform::repeated(int count) const {
    if (count <= 0) return {};
    if (count == 1) return *this;
    LatencyTransform out{[one = m_transform, count](Complex s) { return std::pow((*one)(s), count); }, m_mean * count};
    out.m_cost = m_cost + 1;
    return out;
}

LatencyTransform LatencyTransform::mixture(const std::vector<std::pair<double, LatencyTransform>>& parts) {
    double mean = 0.0;
    std::size_t cost = 1;
    for (const auto& [probability, part] : parts) {
        mean += probability * part.mean();
        cost += part.cost();
    }
    LatencyTransform out{[parts](Complex s) {
                             Complex sum = 0.0;
                             for (const auto& [probability, part] : parts) sum += probability * part(s);
                             return sum;
                         },
                         mean};
    out.m_cost = cost;
    return out;
}

double LatencyTransform::variance() const {
    if (!(m_mean > 0.0)) return 0.0;
    const double h = 1e-3 / m_mean;
    const double secondMoment = 2.0 * (1.0 - (*this)(Complex(0.0, h)).real()) / (h * h);
    return std::max(0.0, secondMoment - m_mean * m_mean);
}

LatencyTransform LatencyTransform::compacted() const {
    if (m_cost <= 1 || !(m_mean > 0.0)) return *this;
    return gamma(m_mean, std::sqrt(variance()) / m_mean);
}

double LatencyTransform::tail(double t) const {
    if (!(t > 0.0)) return 1.0;
    // P(T > t) has the transform (1 − E[e^(−sT)]) / s.
    const EulerNodes& nodes = eulerNodes();
    double sum = 0.0;
    for (std::size_t k = 0; k < nodes.beta.size(); ++k) {
        const Complex s = nodes.beta[k] / t;
        sum += nodes.eta[k] * ((1.0 - (*m_transform)(s)) / s).real();
    }
    return std::clamp(std::pow(10.0, kEulerM / 3.0) / t * sum, 0.0, 1.0);
}

std::optional<double> LatencyTransform::quantile(double p) const {
    if (!(p > 0.0 && p < 1.0) || !(m_mean > 0.0) || !std::isfinite(m_mean)) return m_mean == 0.0 ? std::optional(0.0) : std::nullopt;
    const double target = 1.0 - p;
    // Bracket from the exponential guess, then bisect on log t: the tail falls monotonically.
    double high = m_mean * std::max(1.0, -std::log(target));
    for (int i = 0; tail(high) > target; ++i) {
        if (i == 200) return std::nullopt;
        high *= 2.0;
    }
    double low = high / 2.0;
    for (int i = 0; tail(low) <= target; ++i) {
        if (i == 200) return low;  // everything is within a vanishing time: an atom near zero
        low /= 2.0;
    }
    // Then the Illinois method (regula falsi that halves a stale end's weight) on
    // g(x) = ln P(T > eˣ) − ln(1 − p), nearly straight for the exponential-like tails of
    // response times: ten or so inversions to a relative 10⁻¹⁰, where bisection takes thirty.
    const auto g = [&](double x) { return std::log(std::max(tail(std::exp(x)), 1e-300)) - std::log(target); };
    double a = std::log(low), b = std::log(high), ga = g(a), gb = g(b);
    int side = 0;
    double previous = a;
    for (int i = 0; i < 100 && b - a > 1e-10; ++i) {
        const double x = ga == gb ? 0.5 * (a + b) : (a * gb - b * ga) / (gb - ga);
        if (std::abs(x - previous) < 1e-11) return std::exp(x);
        previous = x;
        const double gx = g(x);
        if (gx > 0.0) {  // still above the target's tail: the quantile lies beyond x
            a = x;
            ga = gx;
            if (side == -1) gb /= 2.0;
            side = -1;
        } else {
            b = x;
            gb = gx;
            if (side == 1) ga /= 2.0;
            side = 1;
        }
        if (gx == 0.0) return std::exp(x);
    }
    return std::exp(0.5 * (a + b));
}

}  // namespace headroom::analytic
