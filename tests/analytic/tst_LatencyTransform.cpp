// SPDX-License-Identifier: MIT
// Response-time distributions as transforms, inverted numerically: each expected value is a
// closed form worked out here, or an independent computation in the test itself.
#include <QtTest>

#include <cmath>

#include "analytic/LatencyTransform.h"
#include "analytic/StationFormulas.h"
#include "support/Erlang.h"
#include "support/Near.h"

using headroom::analytic::Complex;
using headroom::analytic::LatencyTransform;

using headroom::test::md1WaitCdf;

namespace {

template <class Cdf>
double solve(Cdf cdf, double p, double low, double high) { return headroom::test::solveIncreasing(cdf, p, low, high); }

}  // namespace

class tst_LatencyTransform : public QObject {
    Q_OBJECT
private slots:
    void mm1ResponseIsExponential();
    void mmcWaitHasAnAtomAndAnExponentialTail();
    void mmckWaitOfTheAdmitted();
    void md1MatchesErlangsFormula();
    void aLognormalInPiecesKeepsItsMomentsAndTail();
    void mg1MomentsMatchTakacs();
    void aTandemIsAHypoexponential();
    void aMixtureWeighsItsParts();
    void constantsAndRepeats();
};

void tst_LatencyTransform::mm1ResponseIsExponential() {
    // M/M/1, λ = 8, μ = 10: response = wait + service is exponential with rate μ − λ = 2, so
    // P(T > t) = e^(−2t) and p99 = ln 100 / 2 = 2.302585 s.
    const auto response = LatencyTransform::mmcWait(8.0, 0.1, 1).then(LatencyTransform::exponential(0.1));
    HEADROOM_COMPARE_NEAR(response.mean(), 0.5, 1e-12);
    HEADROOM_COMPARE_NEAR(response.tail(1.0), std::exp(-2.0), 1e-8);
    HEADROOM_COMPARE_NEAR(*response.quantile(0.99), std::log(100.0) / 2.0, 1e-6);
    HEADROOM_COMPARE_NEAR(*response.quantile(0.999), std::log(1000.0) / 2.0, 1e-6);
}

void tst_LatencyTransform::mmcWaitHasAnAtomAndAnExponentialTail() {
    // M/M/2, λ = 1.6, μ = 1 (a = 1.6): C = 2 B / (2 − a (1 − B)) with B = Erlang B(2, 1.6) =
    // (1.6²/2) / (1 + 1.6 + 1.6²/2) = 1.28 / 3.88 = 0.329897; C = 0.659794 / (2 − 1.6 × 0.670103)
    // = 0.711111. P(W > t) = C e^(−(2 − 1.6) t); P(W > 0) = C.
    const double c = 2.0 * (1.28 / 3.88) / (2.0 - 1.6 * (1.0 - 1.28 / 3.88));
    HEADROOM_COMPARE_NEAR(c, 0.711111111, 1e-8);
    const auto wait = LatencyTransform::mmcWait(1.6, 1.0, 2);
    HEADROOM_COMPARE_NEAR(wait.tail(3.0), c * std::exp(-0.4 * 3.0), 1e-8);
    HEADROOM_COMPARE_NEAR(wait.mean(), c / 0.4, 1e-12);
    // p99: C e^(−0.4 t) = 0.01 → t = ln(100 C) / 0.4.
    HEADROOM_COMPARE_NEAR(*wait.quantile(0.99), std::log(100.0 * c) / 0.4, 1e-6);
}

void tst_LatencyTransform::mmckWaitOfTheAdmitted() {
    // M/M/1 with one waiting place, λ = 8, μ = 10 (ρ 0.8): the admitted find 0 or 1 present, in
    // proportion 1 : ρ, so they wait with probability ρ / (1 + ρ) = 4/9, then exponentially at μ.
    // Mean 4/9 × 0.1 s; p99: (4/9) e^(−10 t) = 0.01 → t = ln(44.44) / 10 = 0.379424 s.
    const auto one = LatencyTransform::mmckWait(8.0, 0.1, 1, 1);
    HEADROOM_COMPARE_NEAR(one.mean(), 4.0 / 90.0, 1e-12);
    HEADROOM_COMPARE_NEAR(one.tail(0.2), 4.0 / 9.0 * std::exp(-2.0), 1e-8);
    HEADROOM_COMPARE_NEAR(*one.quantile(0.99), std::log(400.0 / 9.0) / 10.0, 1e-6);
    // Overloaded, λ = 20, μ = 10 (ρ = a = 2), three waiting places: the admitted find n = 0..3 in
    // proportion a^n = 1, 2, 4, 8 (of 15) and wait for n departures: Erlang(n, 10). Mean
    // (2 × 1 + 4 × 2 + 8 × 3) / 15 / 10 = 34/150 s. At t = 0.1 (x = μt = 1):
    // P(W > t) = e^(−1) (2 + 4 (1 + 1) + 8 (1 + 1 + 1/2)) / 15 = 2 e^(−1).
    const auto full = LatencyTransform::mmckWait(20.0, 0.1, 1, 3);
    HEADROOM_COMPARE_NEAR(full.mean(), 34.0 / 150.0, 1e-12);
    HEADROOM_COMPARE_NEAR(full.tail(0.1), 2.0 * std::exp(-1.0), 1e-8);
    // A waiting room of a billion is M/M/c: the M/M/2 above.
    const auto large = LatencyTransform::mmckWait(1.6, 1.0, 2, 1'000'000'000);
    const auto unbounded = LatencyTransform::mmcWait(1.6, 1.0, 2);
    HEADROOM_COMPARE_NEAR(large.mean(), unbounded.mean(), 1e-9);
    HEADROOM_COMPARE_NEAR(large.tail(3.0), unbounded.tail(3.0), 1e-8);
    // And one of a billion at ρ = 2 waits for about a billion departures: finite, no overflow.
    const auto flooded = LatencyTransform::mmckWait(20.0, 0.1, 1, 1'000'000'000);
    HEADROOM_COMPARE_NEAR(flooded.mean(), (1e9 - 1.0) / 10.0, 1e-6);
}

void tst_LatencyTransform::aLognormalInPiecesKeepsItsMomentsAndTail() {
    // A lognormal of mean 1 and coefficient of variation cv: σ² = ln(1 + cv²), and its
    // p-quantile is e^(−σ²/2 + σ z_p), z_0.99 = 2.326348, z_0.999 = 3.090232. The pieces keep the
    // mean to the last bits and the variance cv² (up to the complex-step estimate, 10⁻³ relative
    // at cv 2). Each piece is a gamma, whose shape within the piece differs from the
    // lognormal's: the quantiles were measured within 2.4 % at cv 0.5 to 4, and are held to 3 %
    // (the single gamma of the same two moments misses p99.9 at cv 2 by far more, below).
    for (const double cv : {0.5, 1.0, 2.0, 4.0}) {
        const double sigma = std::sqrt(std::log1p(cv * cv));
        const auto pieces = LatencyTransform::lognormal(1.0, cv);
        HEADROOM_COMPARE_NEAR(pieces.mean(), 1.0, 1e-12);
        if (cv <= 2.0) HEADROOM_COMPARE_NEAR(pieces.variance(), cv * cv, 2e-3);
        for (const auto& [p, z] : {std::pair{0.99, 2.326348}, std::pair{0.999, 3.090232}}) {
            const double exact = std::exp(-sigma * sigma / 2.0 + sigma * z);
            HEADROOM_COMPARE_NEAR(*pieces.quantile(p), exact, 0.03);
        }
    }
    // The gamma fit at cv 2: shape 1/4, p99.9 = 17.5 against the lognormal's 22.5 (−22 %).
    const double lognormalTail = std::exp(-std::log1p(4.0) / 2.0 + std::sqrt(std::log1p(4.0)) * 3.090232);
    QVERIFY(*LatencyTransform::gamma(1.0, 2.0).quantile(0.999) < 0.8 * lognormalTail);
}

void tst_LatencyTransform::md1MatchesErlangsFormula() {
    // M/D/1 at ρ = 0.8 with D = 10 ms (λ = 80/s): the response is W + D; its p99 from Erlang's
    // formula, solved here by bisection, is 113.6 ms (issue 22's table). The formula's terms
    // alternate and grow like e^(2λt), so it is summed only where doubles hold it: up to
    // t = 0.13 s, e^(20.8) × 10⁻¹⁶ ≈ 10⁻⁷.
    const double lambda = 80.0, d = 0.010;
    const double exactWait = solve([&](double t) { return md1WaitCdf(lambda, d, t); }, 0.99, 0.0, 0.13);
    HEADROOM_COMPARE_NEAR(exactWait + d, 0.1136, 1e-3);
    const auto response = LatencyTransform::mg1Wait(lambda, LatencyTransform::constant(d), d * d).then(LatencyTransform::constant(d));
    HEADROOM_COMPARE_NEAR(*response.quantile(0.99), exactWait + d, 1e-5);
    // The CDF between the kinks at multiples of D: the inversion smooths the kinks, most the
    // first and sharpest (an error of 9 × 10⁻⁵ at 1.5 D, measured), less each later one: from
    // 2.5 D on within 2 × 10⁻⁶, and 2 × 10⁻⁷ from 8 D (p97.5) on, where users read percentiles.
    const auto wait = LatencyTransform::mg1Wait(lambda, LatencyTransform::constant(d), d * d);
    for (const double t : {0.025, 0.047, 0.055}) HEADROOM_COMPARE_NEAR(1.0 - wait.tail(t), md1WaitCdf(lambda, d, t), 2e-6);
    for (const double t : {0.083, 0.095, 0.105, 0.125}) HEADROOM_COMPARE_NEAR(1.0 - wait.tail(t), md1WaitCdf(lambda, d, t), 2e-7);
}

void tst_LatencyTransform::mg1MomentsMatchTakacs() {
    // M/G/1 with gamma service, mean 10 ms, cv 2 (E[S²] = (1 + cv²) E[S]² = 5 × 10⁻⁴,
    // E[S³] = E[S]³ (1 + cv²)(1 + 2cv²) = 10⁻⁶ × 5 × 9 = 4.5 × 10⁻⁵), λ = 50/s, ρ = 0.5.
    // Pollaczek–Khinchine: E[W] = λ E[S²] / (2(1 − ρ)) = 0.025 s. Takács: E[W²] = 2 E[W]² +
    // λ E[S³] / (3(1 − ρ)) = 0.00125 + 0.0015 = 0.00275 s².
    const auto wait = LatencyTransform::mg1Wait(50.0, LatencyTransform::gamma(0.010, 2.0), 5e-4);
    HEADROOM_COMPARE_NEAR(wait.mean(), 0.025, 1e-6);
    // The moments from the transform itself, by a complex step: E[W] = −Im W(ih)/h and
    // E[W²] = 2(1 − Re W(ih))/h² up to O(h²).
    const double h = 1e-2;
    HEADROOM_COMPARE_NEAR(-wait(Complex(0.0, h)).imag() / h, 0.025, 1e-4);
    HEADROOM_COMPARE_NEAR(2.0 * (1.0 - wait(Complex(0.0, h)).real()) / (h * h), 0.00275, 1e-3);
}

void tst_LatencyTransform::aTandemIsAHypoexponential() {
    // Two M/M/1 in tandem at λ = 0.5 with μ1 = 1 and μ2 = 2: by Burke's theorem the responses
    // are independent exponentials with rates a = 0.5 and b = 1.5, so
    // P(T > t) = (b e^(−at) − a e^(−bt)) / (b − a).
    const auto first = LatencyTransform::mmcWait(0.5, 1.0, 1).then(LatencyTransform::exponential(1.0));
    const auto second = LatencyTransform::mmcWait(0.5, 0.5, 1).then(LatencyTransform::exponential(0.5));
    const auto tandem = first.then(second);
    const auto exact = [](double t) { return (1.5 * std::exp(-0.5 * t) - 0.5 * std::exp(-1.5 * t)) / 1.0; };
    for (const double t : {0.5, 2.0, 8.0}) HEADROOM_COMPARE_NEAR(tandem.tail(t), exact(t), 1e-8);
    const double p99 = solve([&](double t) { return 1.0 - exact(t); }, 0.99, 0.0, 100.0);
    HEADROOM_COMPARE_NEAR(*tandem.quantile(0.99), p99, 1e-6);
    HEADROOM_COMPARE_NEAR(tandem.mean(), 2.0 + 2.0 / 3.0, 1e-12);
}

void tst_LatencyTransform::aMixtureWeighsItsParts() {
    // A cache: 90 % hits of mean 1 ms, 10 % misses of mean 10 ms, both exponential:
    // P(T > t) = 0.9 e^(−1000 t) + 0.1 e^(−100 t); at p99 the hits have gone (e^(−1000 t) ≈ 0 at
    // t ≈ 23 ms), so t ≈ ln(0.1/0.01)/100 = 23.03 ms, solved exactly here by bisection.
    const auto cache = LatencyTransform::mixture({{0.9, LatencyTransform::exponential(0.001)}, {0.1, LatencyTransform::exponential(0.010)}});
    const auto exact = [](double t) { return 0.9 * std::exp(-1000.0 * t) + 0.1 * std::exp(-100.0 * t); };
    HEADROOM_COMPARE_NEAR(cache.mean(), 0.0019, 1e-12);
    HEADROOM_COMPARE_NEAR(cache.tail(0.005), exact(0.005), 1e-8);
    HEADROOM_COMPARE_NEAR(*cache.quantile(0.99), solve([&](double t) { return 1.0 - exact(t); }, 0.99, 0.0, 1.0), 1e-6);
}

void tst_LatencyTransform::constantsAndRepeats() {
    // Three repeats of an exponential of mean 1 are Erlang-3: P(T > t) = e^(−t)(1 + t + t²/2).
    const auto erlang = LatencyTransform::exponential(1.0).repeated(3);
    HEADROOM_COMPARE_NEAR(erlang.tail(2.0), std::exp(-2.0) * (1.0 + 2.0 + 2.0), 1e-8);
    HEADROOM_COMPARE_NEAR(erlang.mean(), 3.0, 1e-12);
    // A constant 5 ms after it shifts every quantile by 5 ms.
    const auto shifted = LatencyTransform::exponential(0.010).then(LatencyTransform::constant(0.005));
    HEADROOM_COMPARE_NEAR(*shifted.quantile(0.99), 0.005 + 0.010 * std::log(100.0), 1e-6);
    // Zero time is zero at every quantile.
    QCOMPARE(*LatencyTransform().quantile(0.99), 0.0);
}

QTEST_APPLESS_MAIN(tst_LatencyTransform)
#include "tst_LatencyTransform.moc"
