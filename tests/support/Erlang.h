// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>

/// Closed forms the tests compute their expectations with, independently of the engines.
namespace headroom::test {

/// Erlang's formula for the M/D/1 waiting time (Erlang 1909; Franx, "A simple solution for the
/// M/D/c waiting time distribution", Oper. Res. Letters 29, 2001, with c = 1):
/// P(W ≤ t) = (1 − ρ) Σ_{k=0}^{⌊t/D⌋} (λ(kD − t))^k / k! e^(−λ(kD − t)). Its terms alternate and
/// grow like e^(2λt), so it holds in doubles while e^(2λt) × 10⁻¹⁶ is small enough.
inline double md1WaitCdf(double lambda, double d, double t) {
    const double rho = lambda * d;
    double sum = 0.0;
    for (int k = 0; k <= static_cast<int>(std::floor(t / d)); ++k) {
        const double x = lambda * (k * d - t);
        sum += std::pow(x, k) / std::tgamma(k + 1.0) * std::exp(-x);
    }
    return (1.0 - rho) * sum;
}

/// Where an increasing function reaches p, by bisection between low and high.
template <class Increasing>
double solveIncreasing(Increasing f, double p, double low, double high) {
    for (int i = 0; i < 200; ++i) {
        const double middle = 0.5 * (low + high);
        (f(middle) < p ? low : high) = middle;
    }
    return 0.5 * (low + high);
}

}  // namespace headroom::test
