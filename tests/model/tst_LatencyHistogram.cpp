// SPDX-License-Identifier: MIT
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

#include "model/LatencyHistogram.h"
#include "model/ReplicationStatistics.h"

using namespace headroom::model;

class tst_LatencyHistogram : public QObject {
    Q_OBJECT
private slots:
    void quantilesAreWithinTheBucketError_data();
    void quantilesAreWithinTheBucketError();
    void everyBucketMidpointIsWithinItsBound();
    void memoryDoesNotGrowWithSamples();
    void mergingEqualsRecordingTogether();
    void survivesTheTripBetweenProcesses();
    void valuesOutsideTheRangeAreClampedAndSaySo();
    void cumulativeFractions();
    void studentTMatchesPublishedTables();
    void confidenceIntervalByHand();
};

void tst_LatencyHistogram::quantilesAreWithinTheBucketError_data() {
    QTest::addColumn<QString>("distribution");
    QTest::newRow("exponential, mean 5 ms") << "exponential";
    QTest::newRow("lognormal, heavy tail") << "lognormal";
    QTest::newRow("uniform 1 us to 10 s") << "uniform";
}

void tst_LatencyHistogram::quantilesAreWithinTheBucketError() {
    // Against the exact order statistics of the same 200,000 samples: every quantile within
    // 1/129 of the true value (the bucket's half-width relative to its lower bound).
    QFETCH(QString, distribution);
    std::mt19937_64 random(3);
    std::exponential_distribution<double> exponential(200.0);
    std::lognormal_distribution<double> lognormal(std::log(0.01), 1.5);
    std::uniform_real_distribution<double> uniform(1e-6, 10.0);
    std::vector<double> samples(200'000);
    LatencyHistogram h;
    for (double& s : samples) {
        s = distribution == "exponential" ? exponential(random) : distribution == "lognormal" ? lognormal(random) : uniform(random);
        h.record(s);
    }
    std::sort(samples.begin(), samples.end());
    for (double p : {0.0001, 0.01, 0.5, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0}) {
        const double exact = samples[static_cast<std::size_t>(std::ceil(p * samples.size())) - 1];
        const double approx = *h.quantile(p);
        QVERIFY2(std::abs(approx - exact) <= exact / 129.0 + 1e-15,
                 qPrintable(QString("p%1: %2 vs %3").arg(p * 100).arg(approx, 0, 'g', 10).arg(exact, 0, 'g', 10)));
    }
    double sum = 0.0;
    for (double s : samples) sum += s;
    QCOMPARE_LE(std::abs(*h.mean() - sum / samples.size()), 1e-12 * sum / samples.size());  // the mean is exact
}

void tst_LatencyHistogram::everyBucketMidpointIsWithinItsBound() {
    // A bucket [a, a (1 + 1/(64 + k))) … its widest relative span is at k = 0: 1/64 of a; the
    // midpoint is within half that, 1/128 of a, which is 1/129 of the midpoint side — checked
    // against both ends of every bucket.
    for (std::size_t b = 0; b < LatencyHistogram::kBuckets; ++b) {
        const double mid = LatencyHistogram::midpointOf(b);
        QCOMPARE(LatencyHistogram::bucketOf(mid), b);
        const int exponent = static_cast<int>(b / 64) + LatencyHistogram::kMinExponent;
        const double low = std::ldexp(0.5 + double(b % 64) / 128.0, exponent);
        const double high = std::ldexp(0.5 + double(b % 64 + 1) / 128.0, exponent);
        QVERIFY(mid - low <= low / 128.0 * (1 + 1e-12) && high - mid <= low / 128.0 * (1 + 1e-12));
        QCOMPARE(LatencyHistogram::bucketOf(low), b);
        QVERIFY(b + 1 == LatencyHistogram::kBuckets || LatencyHistogram::bucketOf(high) == b + 1);
    }
}

void tst_LatencyHistogram::memoryDoesNotGrowWithSamples() {
    // 50 octaves × 64 counts of 8 bytes, whatever is recorded.
    QCOMPARE(LatencyHistogram::kBuckets, std::size_t(3200));
    QVERIFY(sizeof(LatencyHistogram) < 26 * 1024);
}

void tst_LatencyHistogram::mergingEqualsRecordingTogether() {
    std::mt19937_64 random(9);
    std::exponential_distribution<double> service(100.0);
    LatencyHistogram a, b, both;
    for (int i = 0; i < 50'000; ++i) {
        const double s = service(random);
        (i % 3 ? a : b).record(s);
        both.record(s);
    }
    a.merge(b);
    QCOMPARE(a.count(), both.count());
    QCOMPARE(*a.min(), *both.min());
    QCOMPARE(*a.max(), *both.max());
    for (double p : {0.5, 0.99, 0.999}) QCOMPARE(*a.quantile(p), *both.quantile(p));
    QCOMPARE_LE(std::abs(*a.mean() - *both.mean()), 1e-12 * *both.mean());
}

void tst_LatencyHistogram::survivesTheTripBetweenProcesses() {
    LatencyHistogram h;
    for (double s : {0.001, 0.002, 0.002, 0.5, 3.0}) h.record(s);
    const std::string text = h.toJson().dump();
    const auto back = LatencyHistogram::fromJson(Json::parse(text));
    QVERIFY(back.has_value());
    QCOMPARE(back->count(), h.count());
    QCOMPARE(*back->quantile(0.5), *h.quantile(0.5));
    QCOMPARE(back->toJson().dump(), text);
    // A malformed or inconsistent form is refused, not half-read.
    QVERIFY(!LatencyHistogram::fromJson(Json::parse(R"({"count": 2, "sum": 1, "min": 0, "max": 1, "clamped": false, "buckets": [[5, 1]]})")));
    QVERIFY(!LatencyHistogram::fromJson(Json::parse(R"({"count": 1, "sum": 1, "min": 0, "max": 1, "clamped": false, "buckets": [[99999, 1]]})")));
    QVERIFY(!LatencyHistogram::fromJson(Json::parse(R"({"buckets": "none"})")));
}

void tst_LatencyHistogram::valuesOutsideTheRangeAreClampedAndSaySo() {
    LatencyHistogram h;
    h.record(0.01);
    QVERIFY(!h.clamped());
    h.record(3e6);  // 35 days, beyond 2^20 s
    QVERIFY(h.clamped());
    QCOMPARE(*h.max(), 3e6);
    QCOMPARE(*h.quantile(1.0), 3e6);  // the exact max stands in for the last bucket
}

void tst_LatencyHistogram::cumulativeFractions() {
    LatencyHistogram h;
    for (int i = 1; i <= 100; ++i) h.record(i * 0.001);  // 1 … 100 ms
    QCOMPARE_LE(std::abs(h.fractionAtOrBelow(0.0505) - 0.50), 0.011);
    QCOMPARE(h.fractionAtOrBelow(1.0), 1.0);
    QCOMPARE(h.fractionAtOrBelow(1e-6), 0.0);
}

void tst_LatencyHistogram::studentTMatchesPublishedTables() {
    // Student's t table, two-sided 95 %: 1 dof 12.706, 4 dof 2.776, 9 dof 2.262, 29 dof 2.045.
    QCOMPARE_LE(std::abs(studentT95(1) - 12.706), 0.0005);
    QCOMPARE_LE(std::abs(studentT95(4) - 2.776), 0.0005);
    QCOMPARE_LE(std::abs(studentT95(9) - 2.262), 0.0005);
    QCOMPARE_LE(std::abs(studentT95(29) - 2.045), 0.0005);
}

void tst_LatencyHistogram::confidenceIntervalByHand() {
    // 1, 2, 3, 4, 5: mean 3, s² = (4 + 1 + 0 + 1 + 4) / 4 = 2.5, half-width t(4) × √2.5 / √5 = t(4) × √0.5.
    const std::vector<double> values{1, 2, 3, 4, 5};
    const ReplicationSummary s = summarize(values);
    QCOMPARE(s.mean, 3.0);
    QCOMPARE_LE(std::abs(*s.halfWidth95 - studentT95(4) * std::sqrt(0.5)), 1e-12);
    QVERIFY(!summarize(std::vector<double>{4.2}).halfWidth95);  // one replication: no interval
}

QTEST_APPLESS_MAIN(tst_LatencyHistogram)
#include "tst_LatencyHistogram.moc"
