// SPDX-License-Identifier: MIT
// Where retried load settles: the fixed points of λ' = λ Σ_{k<n} p(λ')^k, counted by hand.
#include <QtTest>

#include "analytic/RetryEquilibria.h"
#include "analytic/ScenarioAnalysis.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"

using namespace headroom;

namespace {

// λ = 80/s of first tries into one worker of 10 ms (μ = 100/s), each attempt bounded by 1 s,
// retried at once up to 3 attempts; `extra` is spliced into the callee or the retry.
std::vector<model::RetryEquilibrium> equilibria(const std::string& calleeExtra, const std::string& retryExtra) {
    const std::string text = R"({"format": "headroom-scenario", "version": 2, "name": "storm", "components": [
      {"id": "users", "kind": "client", "rate": "80/s", "calls": [{"to": "api", "retry": {"attempts": 3, "backoff": "none")" + retryExtra + R"(}}]},
      {"id": "api", "kind": "service", "workers": 1, "service_time": "10ms", "timeout": "1s")" + calleeExtra + "}]}";
    const auto loaded = model::loadScenarioText(text);
    const auto plan = model::compilePlan(*loaded.scenario).plan;
    return analytic::retryEquilibria(*loaded.scenario, *plan, analytic::analyze(*loaded.scenario, *plan));
}

}  // namespace

class tst_RetryEquilibria : public QObject {
    Q_OBJECT
private slots:
    void anAttemptFailsByTheResponseTailOrTheQueueLimit();
    void unboundedQueuesWithRetriesHaveTwoStablePoints();
    void droppingExpiredWorkOrABudgetLeavesOne();
};

void tst_RetryEquilibria::anAttemptFailsByTheResponseTailOrTheQueueLimit() {
    // M/M/1 FIFO: P(T > t) = e^{−(μ − λ) t}; at λ = 80/s, μ = 100/s, t = 1 s: e^{−20}.
    QVERIFY(std::abs(analytic::attemptFailure(80.0, 1, 1, 0.01, 1.0, false) / std::exp(-20.0) - 1.0) < 1e-9);
    // Two instances share 160/s as 80/s each: the same.
    QVERIFY(std::abs(analytic::attemptFailure(160.0, 2, 1, 0.01, 1.0, false) / std::exp(-20.0) - 1.0) < 1e-9);
    // At or beyond capacity with nothing dropped, every attempt waits past its timeout.
    QCOMPARE(analytic::attemptFailure(100.0, 1, 1, 0.01, 1.0, false), 1.0);
    // Dropping expired work: M/M/1/K with K = 1 + 1 s / 10 ms = 101. At λ = 200/s (ρ = 2) the
    // loss is (1 − ρ) ρ^K / (1 − ρ^{K+1}) = 2^101 / (2^102 − 1) ≈ 1/2 = 1 − capacity/load.
    QVERIFY(std::abs(analytic::attemptFailure(200.0, 1, 1, 0.01, 1.0, true) - std::pow(2.0, 101) / (std::pow(2.0, 102) - 1.0)) < 1e-12);
}

void tst_RetryEquilibria::unboundedQueuesWithRetriesHaveTwoStablePoints() {
    // The healthy point: p = e^{−(100 − λ')} is about 2e-9 at λ' ≈ 80, so λ' = 80 (1 + p + p²) ≈ 80.
    // The failed one: every attempt fails (λ' ≥ 100 means p = 1), so λ' = 80 × 3 = 240, goodput 0.
    const auto all = equilibria("", "");
    QCOMPARE(all.size(), std::size_t(1));
    const auto& storm = all.front();
    QCOMPARE(storm.call, std::string("users → api"));
    QCOMPARE(storm.firstTries, 80.0);
    QCOMPARE(storm.stable.size(), std::size_t(2));
    QVERIFY(std::abs(storm.stable[0].offered - 80.0) < 1e-6);
    QVERIFY(std::abs(storm.stable[1].offered - 240.0) < 1e-6);
    QCOMPARE(storm.stable[1].failing, 1.0);
    QCOMPARE(storm.stable[1].goodput, 0.0);
    QVERIFY(storm.metastable);
    // The healthy point is gone once the first tries alone fill the server: p(λ') near
    // capacity makes λ (1 + p + p²) reach 100/s before λ does; the scan finds it between 90 and 100.
    QVERIFY(storm.triggerRate && *storm.triggerRate > 90.0 && *storm.triggerRate < 100.0);
}

void tst_RetryEquilibria::droppingExpiredWorkOrABudgetLeavesOne() {
    // Dropping: beyond capacity p = 1 − 100/λ' tends to what the server cannot do, and
    // 80 (1 + p + p²) stays below λ' for every λ' ≥ 100 (at 100: p ≈ 1/102, 80 × 1.01 < 100):
    // only the healthy point.
    const auto dropped = equilibria(R"(, "drop_expired": true)", "");
    QCOMPARE(dropped.front().stable.size(), std::size_t(1));
    QVERIFY(std::abs(dropped.front().stable[0].offered - 80.0) < 1e-3);
    QVERIFY(!dropped.front().metastable);
    // A 10 % budget caps λ' at 80 × 1.1 = 88 < 100: the failed point cannot be reached.
    const auto budgeted = equilibria("", R"(, "budget": 0.1)");
    QCOMPARE(budgeted.front().stable.size(), std::size_t(1));
    QVERIFY(!budgeted.front().metastable);
}

QTEST_APPLESS_MAIN(tst_RetryEquilibria)
#include "tst_RetryEquilibria.moc"
