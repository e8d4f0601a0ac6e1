// SPDX-License-Identifier: MIT
#include "analytic/StationFormulas.h"

#include <cassert>
#include <cmath>
#include <cstdint>

namespace headroom::analytic {
namespace {

StationMetrics saturated(double arrivalRate, double meanService, int servers) {
    StationMetrics m;
    m.arrivalRate = arrivalRate;
    m.utilization = arrivalRate * meanService / servers;
    m.throughput = servers / meanService;
    m.stable = false;
    return m;
}

/// Fills L and Lq from W and Wq by Little's law.
StationMetrics withLittle(StationMetrics m) {
    m.meanInSystem = m.throughput * *m.meanResponse;
    m.meanQueueLength = m.throughput * *m.meanWait;
    return m;
}

/// A single server at load ρ = λ s < 1 whose mean wait is `waitAt(ρ)`; saturated otherwise.
template <class Wait>
StationMetrics singleServer(double arrivalRate, double meanService, Wait waitAt) {
    assert(meanService > 0.0 && arrivalRate >= 0.0);
    const double rho = arrivalRate * meanService;
    if (rho >= 1.0) return saturated(arrivalRate, meanService, 1);
    StationMetrics m;
    m.arrivalRate = arrivalRate;
    m.throughput = arrivalRate;
    m.utilization = rho;
    m.meanWait = waitAt(rho);
    m.meanResponse = *m.meanWait + meanService;
    return withLittle(m);
}

/// For a ratio x in (0, 1] and a count n: A = Σ x^i and B = Σ i x^i over i = 0..n−1, and
/// x^(n−1), the last term. By doubling: joining a run of n₁ terms to one of n₂ gives A₁ + x^n₁ A₂
/// and B₁ + x^n₁ (B₂ + n₁ A₂), so n = 10⁹ takes 60 steps, every term positive (no cancellation
/// near x = 1, where the textbook closed forms lose every digit).
struct GeometricSums {
    double powers = 0.0;    ///< A
    double weighted = 0.0;  ///< B
    double last = 0.0;      ///< x^(n−1)
};

GeometricSums geometricSums(double x, std::uint64_t n) {
    struct Run {
        double a, b, next;  // sums, and x^length (the factor that shifts a run after this one)
        double length;
    };
    const auto join = [](const Run& first, const Run& second) {
        return Run{first.a + first.next * second.a, first.b + first.next * (second.b + first.length * second.a), first.next * second.next,
                   first.length + second.length};
    };
    Run result{0.0, 0.0, 1.0, 0.0}, piece{1.0, 0.0, x, 1.0};
    for (std::uint64_t left = n; left > 0; left >>= 1) {
        if (left & 1u) result = join(result, piece);
        piece = join(piece, piece);
    }
    return {result.a, result.b, result.next / x};
}

}  // namespace

double erlangB(int servers, double a) {
    assert(servers >= 1 && a >= 0.0);
    double b = 1.0;
    for (int k = 1; k <= servers; ++k) b = a * b / (k + a * b);
    return b;
}

double erlangC(int servers, double a) {
    assert(a < servers);
    const double b = erlangB(servers, a);
    return servers * b / (servers - a * (1.0 - b));
}

ExponentialWait mmcWait(int servers, double a, double meanService) {
    return {erlangC(servers, a), meanService / (servers - a)};
}

ExponentialWait shortestQueueWait(int instances, int servers, double a, double meanService) {
    const double rho = a / servers;
    return {erlangC(instances * servers, instances * a), meanService / (servers * (1.0 - std::pow(rho, instances)))};
}

StationMetrics mmc(double arrivalRate, double meanService, int servers) {
    assert(servers >= 1 && meanService > 0.0 && arrivalRate >= 0.0);
    const double a = arrivalRate * meanService;  // offered load in Erlangs
    if (a >= servers) return saturated(arrivalRate, meanService, servers);
    StationMetrics m;
    m.arrivalRate = arrivalRate;
    m.throughput = arrivalRate;
    m.utilization = a / servers;
    // Wq = C / (cμ − λ)
    m.meanWait = arrivalRate > 0.0 ? erlangC(servers, a) / (servers / meanService - arrivalRate) : 0.0;
    m.meanResponse = *m.meanWait + meanService;
    return withLittle(m);
}

StationMetrics mmck(double arrivalRate, double meanService, int servers, int capacity) {
    assert(servers >= 1 && capacity >= servers && meanService > 0.0 && arrivalRate >= 0.0);
    // Birth–death chain: p(n) ∝ q(n) = a^n / n! for n ≤ c, and q(c) ρ^j at n = c + j above, with
    // ρ = a / c and j up to the waiting room m = K − c. The c + 1 head terms are summed one by one
    // (rescaled as they grow, so hundreds of servers cannot overflow); the tail is geometric and
    // summed in closed form, so a waiting room of 10⁹ costs what one of 10 does, in time and memory.
    StationMetrics m;
    m.arrivalRate = arrivalRate;
    m.utilization = arrivalRate * meanService / servers;
    m.stable = true;  // a finite queue is always stable
    const double a = arrivalRate * meanService;
    if (a <= 0.0) {
        m.meanInSystem = m.meanQueueLength = m.meanWait = 0.0;
        m.meanResponse = meanService;
        return m;
    }
    // Head: Σ q(n) and Σ n q(n) for n = 0..c, all × e^(−headScale).
    double term = 1.0, headTotal = 1.0, headInSystem = 0.0, headScale = 0.0;
    for (int n = 1; n <= servers; ++n) {
        term *= a / n;
        headTotal += term;
        headInSystem += n * term;
        if (headTotal > 1e250) {
            term /= headTotal;
            headInSystem /= headTotal;
            headScale += std::log(headTotal);
            headTotal = 1.0;
        }
    }
    const double logTop = std::log(term) + headScale;  // log q(c)
    // Tail: Σ_j w(j), Σ_j j w(j) and w(m), for w(j) = q(c) ρ^j, j = 1..m, all × e^(−tailScale).
    const double rho = a / servers;
    const auto room = static_cast<std::uint64_t>(capacity - servers);
    double tailTotal = 0.0, tailWaiting = 0.0, tailLast = 0.0, tailScale = logTop;
    if (room > 0 && rho <= 1.0) {
        // Σ_{j=1}^m ρ^j = ρ A, Σ j ρ^j = ρ (B + A), with A, B the sums over i = 0..m−1.
        const GeometricSums g = geometricSums(rho, room);
        tailTotal = rho * g.powers;
        tailWaiting = rho * (g.weighted + g.powers);
        tailLast = rho * g.last;
    } else if (room > 0) {
        // Growing terms: counted down from the largest, w(m) = q(c) ρ^m, with ratio 1/ρ: j = m − i,
        // so Σ w = ρ^m A and Σ j w = ρ^m (m A − B), which is at least half of m A: no cancellation.
        const GeometricSums g = geometricSums(1.0 / rho, room);
        tailScale += double(room) * std::log(rho);
        tailTotal = g.powers;
        tailWaiting = double(room) * g.powers - g.weighted;
        tailLast = 1.0;
    }
    // Both parts on one scale, the larger one's.
    const double top = std::max(headScale + std::log(headTotal), tailTotal > 0.0 ? tailScale + std::log(tailTotal) : -INFINITY);
    const double head = std::exp(headScale - top), tail = tailTotal > 0.0 ? std::exp(tailScale - top) : 0.0;
    const double total = headTotal * head + tailTotal * tail;
    const double inSystem = (headInSystem * head + (servers * tailTotal + tailWaiting) * tail) / total;
    const double waiting = tailWaiting * tail / total;
    m.lossProbability = room > 0 ? tailLast * tail / total : term * std::exp(headScale - top) / total;  // PASTA
    m.throughput = arrivalRate * (1.0 - m.lossProbability);
    m.meanInSystem = inSystem;
    m.meanQueueLength = waiting;
    // Little's law on the accepted stream.
    m.meanResponse = m.throughput > 0.0 ? inSystem / m.throughput : meanService;
    m.meanWait = m.throughput > 0.0 ? waiting / m.throughput : 0.0;
    return m;
}

StationMetrics mg1(double arrivalRate, double meanService, double serviceScv) {
    assert(serviceScv >= 0.0);
    // Pollaczek–Khinchine: Wq = ρ s (1 + cv²) / (2 (1 − ρ)).
    return singleServer(arrivalRate, meanService, [&](double rho) { return rho * meanService * (1.0 + serviceScv) / (2.0 * (1.0 - rho)); });
}

StationMetrics processorSharing(double arrivalRate, double meanService) {
    // W = s / (1 − ρ); under sharing nobody waits apart from being served slowly: the time
    // beyond s counts as waiting.
    return singleServer(arrivalRate, meanService, [&](double rho) { return meanService / (1.0 - rho) - meanService; });
}

StationMetrics infiniteServer(double arrivalRate, double meanService) {
    StationMetrics m;
    m.arrivalRate = arrivalRate;
    m.throughput = arrivalRate;
    m.utilization = 0.0;  // no server is ever a bottleneck
    m.meanResponse = meanService;
    m.meanWait = 0.0;
    return withLittle(m);
}

double mmcResponseTail(double arrivalRate, double meanService, int servers, double t) {
    const double mu = 1.0 / meanService;
    const double a = arrivalRate * meanService;
    const double c = arrivalRate > 0.0 ? erlangC(servers, a) : 0.0;
    const double theta = servers * mu - arrivalRate;  // rate of the wait, given that one waits
    // P(Exp(θ) + Exp(μ) > t), the hypoexponential tail, and its limit when θ = μ.
    const double both = std::abs(theta - mu) > 1e-9 * mu ? (mu * std::exp(-theta * t) - theta * std::exp(-mu * t)) / (mu - theta)
                                                         : (1.0 + mu * t) * std::exp(-mu * t);
    return (1.0 - c) * std::exp(-mu * t) + c * both;
}

std::optional<double> mmcResponseQuantile(double arrivalRate, double meanService, int servers, double p) {
    assert(p > 0.0 && p < 1.0);
    if (arrivalRate * meanService >= servers) return std::nullopt;
    // The tail falls from 1 at t = 0; bracket the quantile by doubling, then bisect to machine precision.
    const double target = 1.0 - p;
    double low = 0.0;
    double high = meanService;
    while (mmcResponseTail(arrivalRate, meanService, servers, high) > target) {
        low = high;
        high *= 2.0;
    }
    for (int i = 0; i < 200 && high - low > 1e-15 * high; ++i) {
        const double middle = 0.5 * (low + high);
        (mmcResponseTail(arrivalRate, meanService, servers, middle) > target ? low : high) = middle;
    }
    return 0.5 * (low + high);
}

}  // namespace headroom::analytic
