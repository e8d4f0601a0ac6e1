// SPDX-License-Identifier: MIT
// MSER-5 (model::mserCut) on series whose transient is known, with the tolerance worked out from
// the statistic itself rather than found by trying.
#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

#include "model/WarmupDetection.h"

using headroom::model::mserCut;

namespace {

/// n observations: the first `transient` at level + offset, the rest at level, each plus
/// independent normal noise of standard deviation sigma.
std::vector<double> stepSeries(std::size_t n, std::size_t transient, double offset, double sigma, unsigned seed) {
    std::mt19937_64 random(seed);
    std::normal_distribution<double> noise(0.0, sigma);
    std::vector<double> series(n);
    for (std::size_t i = 0; i < n; ++i) series[i] = 1.0 + (i < transient ? offset : 0.0) + noise(random);
    return series;
}

}  // namespace

class tst_WarmupDetection : public QObject {
    Q_OBJECT
private slots:
    void cutsAStepTransientWithinItsDerivedTolerance();
    void keepsAStationarySeriesAlmostWhole();
    void saysSoWhenNothingSettles();
    void tooShortASeriesIsNotCut();
};

void tst_WarmupDetection::cutsAStepTransientWithinItsDerivedTolerance() {
    // 10,000 observations, the first m = 500 raised by A; batches of 5 give k = 2,000 batch
    // means of standard deviation σ_b = σ/√5, the first 100 batches biased. A = 10 σ_b.
    //
    // Never too early: keeping one biased batch (d = 99 instead of 100) adds about A² to the sum
    // of squares S while the divisor (k − d)² grows by the factor 1 + 2/(k − d); with
    // S ≈ (k − d) σ_b², MSER(99) < MSER(100) needs A² < 2 σ_b², i.e. that batch's noise below
    // −8.6 σ_b (probability ~1e-17). Keeping more biased batches only adds more. So cut ≥ 500.
    //
    // Not much too late: past the transient, dropping j more stationary batches lowers S by
    // σ_b² Σ X_i (X_i ~ χ²₁) and raises the divisor by ≈ 2j/(k − d); MSER(100 + j) < MSER(100)
    // needs Σ_{i≤j} X_i > 2j (S/(k − d)σ_b² is within ±10 % at k − d ≈ 1,900, three standard
    // deviations of χ²/(k − d), so take 1.8j). Chernoff: P(Σ X_i > 1.8j) ≤ e^{−0.1061 j}
    // (θ = (1 − 1/1.8)/2, exponent ½ ln 1.8 − 1.8θ). Summed over j ≥ J by the union bound,
    // e^{−0.1061 J}/0.1007 ≤ 10⁻⁴ for J ≥ 109 batches: the cut exceeds 500 + 545 with
    // probability under 10⁻⁴ per series, under 0.2 % over the 20 series here.
    const double sigma = 1.0, sigmaBatch = sigma / std::sqrt(5.0);
    for (unsigned seed = 1; seed <= 20; ++seed) {
        const auto cut = mserCut(stepSeries(10'000, 500, 10.0 * sigmaBatch, sigma, seed), 5);
        QVERIFY2(cut.observations >= 500 && cut.observations <= 500 + 545, qPrintable(QString("seed %1: cut %2").arg(seed).arg(cut.observations)));
        QVERIFY(cut.settled);
        QCOMPARE(cut.observations % 5, std::size_t(0));
    }
}

void tst_WarmupDetection::keepsAStationarySeriesAlmostWhole() {
    // No transient at all (m = 0): the same bound says the cut stays under 545 observations,
    // a twentieth of the series.
    for (unsigned seed = 1; seed <= 20; ++seed) {
        const auto cut = mserCut(stepSeries(10'000, 0, 0.0, 1.0, seed), 5);
        QVERIFY2(cut.observations <= 545, qPrintable(QString("seed %1: cut %2").arg(seed).arg(cut.observations)));
    }
}

void tst_WarmupDetection::saysSoWhenNothingSettles() {
    // A series that rises throughout: over the m = k − d batches kept, a ramp's squared
    // deviations sum to m(m² − 1)/12 (in batch steps), so MSER(d) = (m² − 1)/(12 m) falls
    // with every batch dropped; the minimum is at the search limit, k/2, and not settled.
    std::vector<double> ramp(1000);
    for (std::size_t i = 0; i < ramp.size(); ++i) ramp[i] = double(i);
    const auto cut = mserCut(ramp, 5);
    QCOMPARE(cut.observations, std::size_t(500));  // k = 200 batches, limit 100 batches
    QVERIFY(!cut.settled);
}

void tst_WarmupDetection::tooShortASeriesIsNotCut() {
    // Fewer than two batches: nothing to compare, no cut. Exactly two: d ranges over 0 and 1,
    // and the cut of one batch leaves a single mean, whose squared deviation is 0: MSER(1) = 0
    // < MSER(0) unless the batches are equal.
    QCOMPARE(mserCut(std::vector<double>{5, 6, 7}, 5).observations, std::size_t(0));
    QCOMPARE(mserCut(std::vector<double>{9, 9, 9, 9, 9, 1, 1, 1, 1, 1}, 5).observations, std::size_t(5));
    QCOMPARE(mserCut(std::vector<double>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 5).observations, std::size_t(0));
}

QTEST_APPLESS_MAIN(tst_WarmupDetection)
#include "tst_WarmupDetection.moc"
