// SPDX-License-Identifier: MIT
#include "analytic/StationFormulas.h"

#include <cassert>
#include <cmath>
#include <vector>

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
    // Birth–death chain: p(n) ∝ a^n / n! for n ≤ c and a^c / c! (a/c)^(n−c) above. Terms are
    // built by ratio and rescaled as they grow, so hundreds of servers cannot overflow.
    const double a = arrivalRate * meanService;
    std::vector<double> p(static_cast<std::size_t>(capacity) + 1);
    p[0] = 1.0;
    double total = 1.0;
    for (int n = 1; n <= capacity; ++n) {
        p[n] = p[n - 1] * a / std::min(n, servers);
        total += p[n];
        if (total > 1e250) {
            for (int k = 0; k <= n; ++k) p[k] /= total;
            total = 1.0;
        }
    }
    double inSystem = 0.0;
    double waiting = 0.0;
    for (int n = 0; n <= capacity; ++n) {
        p[n] /= total;
        inSystem += n * p[n];
        if (n > servers) waiting += (n - servers) * p[n];
    }
    StationMetrics m;
    m.arrivalRate = arrivalRate;
    m.lossProbability = p[capacity];  // PASTA: an arrival sees the time-average state
    m.throughput = arrivalRate * (1.0 - m.lossProbability);
    m.utilization = a / servers;
    m.stable = true;  // a finite queue is always stable
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
