// SPDX-License-Identifier: MIT
// Retry decisions, backoff with its four jitters (AWS Architecture Blog, REFERENCE F05) and the
// retry budget (F07), counted by hand.
#include <QtTest>

#include "sim/RetryPolicy.h"

using namespace headroom;
using model::Backoff;
using model::Jitter;
using model::RetryOn;

namespace {

model::PlanRetry policy(Backoff backoff, Jitter jitter) {
    model::PlanRetry plan;
    plan.attempts = 4;
    plan.backoff = backoff;
    plan.jitter = jitter;
    plan.base = 0.1;
    plan.cap = 0.5;
    return plan;
}

}  // namespace

class tst_RetryPolicy : public QObject {
    Q_OBJECT
private slots:
    void attemptsCountTheFirstTry();
    void onlyTheNamedFailuresAreRetried();
    void exponentialBackoffDoublesUpToTheCap();
    void jitterStaysInsideItsFormula();
    void aBudgetAllowsItsFractionOfFirstTriesOverTheWindow();
};

void tst_RetryPolicy::attemptsCountTheFirstTry() {
    // attempts = 4: attempts 1, 2 and 3 may be retried; the 4th is the last.
    sim::RetryPolicy retry(policy(Backoff::None, Jitter::None));
    QVERIFY(retry.allowsRetry(1, RetryOn::Timeout, 0.0));
    QVERIFY(retry.allowsRetry(3, RetryOn::Timeout, 0.0));
    QVERIFY(!retry.allowsRetry(4, RetryOn::Timeout, 0.0));
}

void tst_RetryPolicy::onlyTheNamedFailuresAreRetried() {
    model::PlanRetry plan = policy(Backoff::None, Jitter::None);
    plan.on = {true, false, false};  // timeout only
    sim::RetryPolicy retry(plan);
    QVERIFY(retry.allowsRetry(1, RetryOn::Timeout, 0.0));
    QVERIFY(!retry.allowsRetry(1, RetryOn::Error, 0.0));
    QVERIFY(!retry.allowsRetry(1, RetryOn::Rejected, 0.0));
}

void tst_RetryPolicy::exponentialBackoffDoublesUpToTheCap() {
    // base 0.1 s, cap 0.5 s: retries 1, 2, 3, 4 wait 0.1, 0.2, 0.4, then min(0.5, 0.8) = 0.5.
    sim::RetryPolicy retry(policy(Backoff::Exponential, Jitter::None));
    sim::RandomStream random(1);
    QCOMPARE(retry.backoff(1, 0.0, random), 0.1);
    QCOMPARE(retry.backoff(2, 0.0, random), 0.2);
    QCOMPARE(retry.backoff(3, 0.0, random), 0.4);
    QCOMPARE(retry.backoff(4, 0.0, random), 0.5);
    sim::RetryPolicy constant(policy(Backoff::Constant, Jitter::None));
    QCOMPARE(constant.backoff(3, 0.0, random), 0.1);
    sim::RetryPolicy none(policy(Backoff::None, Jitter::Full));
    QCOMPARE(none.backoff(3, 0.0, random), 0.0);
}

void tst_RetryPolicy::jitterStaysInsideItsFormula() {
    // Retry 3 of exponential backoff: e = 0.4 s. Full jitter is U(0, 0.4) with mean 0.2; equal
    // jitter 0.2 + U(0, 0.2), mean 0.3; decorrelated after a 0.1 s wait is min(0.5, U(0.1, 0.3)),
    // mean 0.2. Over 20 000 draws the mean of a uniform of width w is within 4 × w / √(12 n)
    // (four standard errors) of its centre: 4 × 0.4 / √240000 ≈ 0.0033.
    sim::RandomStream random(7);
    const auto meanOf = [&](Jitter jitter, double previous, double low, double high) {
        sim::RetryPolicy retry(policy(Backoff::Exponential, jitter));
        double sum = 0.0;
        for (int i = 0; i < 20'000; ++i) {
            const double wait = retry.backoff(3, previous, random);
            if (wait < low || wait > high) return -1.0;
            sum += wait;
        }
        return sum / 20'000;
    };
    QCOMPARE_LE(std::abs(meanOf(Jitter::Full, 0.0, 0.0, 0.4) - 0.2), 0.0033);
    QCOMPARE_LE(std::abs(meanOf(Jitter::Equal, 0.0, 0.2, 0.4) - 0.3), 0.0033);
    QCOMPARE_LE(std::abs(meanOf(Jitter::Decorrelated, 0.1, 0.1, 0.3) - 0.2), 0.0033);
    // After a 0.4 s wait decorrelated would draw from U(0.1, 1.2); the cap holds it at 0.5.
    QCOMPARE_GE(meanOf(Jitter::Decorrelated, 0.4, 0.1, 0.5), 0.0);
}

void tst_RetryPolicy::aBudgetAllowsItsFractionOfFirstTriesOverTheWindow() {
    // Budget 0.1 over 10 s: after 50 first tries, 5 retries are allowed and the sixth is not.
    model::PlanRetry plan = policy(Backoff::None, Jitter::None);
    plan.budget = 0.1;
    sim::RetryPolicy retry(plan);
    for (int i = 0; i < 50; ++i) retry.firstTry(1.0 + i * 0.01);
    for (int i = 0; i < 5; ++i) QVERIFY(retry.allowsRetry(1, RetryOn::Timeout, 2.0));
    QVERIFY(!retry.allowsRetry(1, RetryOn::Timeout, 2.0));
    // 12 s later those first tries (and retries) have left the window: nothing earned, none allowed.
    QVERIFY(!retry.allowsRetry(1, RetryOn::Timeout, 14.0));
    for (int i = 0; i < 10; ++i) retry.firstTry(14.0);
    QVERIFY(retry.allowsRetry(1, RetryOn::Timeout, 14.5));  // 1 ≤ 0.1 × 10
    QVERIFY(!retry.allowsRetry(1, RetryOn::Timeout, 14.5));
}

QTEST_APPLESS_MAIN(tst_RetryPolicy)
#include "tst_RetryPolicy.moc"
