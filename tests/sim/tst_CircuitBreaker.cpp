// SPDX-License-Identifier: MIT
// The breaker's closed → open → half-open → closed/open cycle on a hand-built sequence of outcomes.
#include <QtTest>

#include "sim/CircuitBreaker.h"

using namespace headroom;
using State = sim::CircuitBreaker::State;

class tst_CircuitBreaker : public QObject {
    Q_OBJECT
private slots:
    void opensAtTheFailureRateOnceMinCallsWereMade();
    void halfOpenTrialsDecideBetweenClosedAndOpen();
    void oldOutcomesLeaveTheWindow();
};

namespace {
// failure rate 50 %, window 10 calls, at least 4 calls, open 5 s, 2 trial calls.
const model::PlanBreaker kPlan{0.5, 10, 4, 5.0, 2};
}  // namespace

void tst_CircuitBreaker::opensAtTheFailureRateOnceMinCallsWereMade() {
    sim::CircuitBreaker breaker(kPlan);
    // Three failures: 3 of 3 failed, but fewer than min_calls (4) were made: still closed.
    for (int i = 0; i < 3; ++i) breaker.record(false, 1.0);
    QCOMPARE(breaker.state(), State::Closed);
    QVERIFY(breaker.allows(1.0));
    // A fourth call, a success: 3 of 4 failed = 75 % ≥ 50 %: open.
    breaker.record(true, 1.0);
    QCOMPARE(breaker.state(), State::Open);
    QCOMPARE(breaker.opened(), 1);
    QVERIFY(!breaker.allows(5.9));  // open until 1 + 5 = 6 s
}

void tst_CircuitBreaker::halfOpenTrialsDecideBetweenClosedAndOpen() {
    sim::CircuitBreaker breaker(kPlan);
    for (int i = 0; i < 4; ++i) breaker.record(false, 0.0);  // opens at 0 s, until 5 s
    QVERIFY(breaker.allows(5.0));                            // half-open: trial 1 of 2
    QCOMPARE(breaker.state(), State::HalfOpen);
    QVERIFY(breaker.allows(5.0));                            // trial 2
    QVERIFY(!breaker.allows(5.0));                           // no third while they run
    breaker.record(true, 5.1);
    breaker.record(false, 5.2);                              // 1 of 2 failed = 50 % ≥ 50 %: open again
    QCOMPARE(breaker.state(), State::Open);
    QCOMPARE(breaker.opened(), 2);
    QVERIFY(!breaker.allows(10.1));                          // until 5.2 + 5 = 10.2 s
    QVERIFY(breaker.allows(10.2));
    QVERIFY(breaker.allows(10.2));
    breaker.record(true, 10.3);
    breaker.record(true, 10.4);                              // 0 of 2 failed: closed
    QCOMPARE(breaker.state(), State::Closed);
    // Closed afresh: the old failures are forgotten, 3 failures (under min_calls) leave it closed.
    for (int i = 0; i < 3; ++i) breaker.record(false, 11.0);
    QCOMPARE(breaker.state(), State::Closed);
}

void tst_CircuitBreaker::oldOutcomesLeaveTheWindow() {
    sim::CircuitBreaker breaker(kPlan);
    // 4 failures among 10 successes can't open it if they were spread: F S S S F S S S F S (3 of
    // 10 = 30 %); then 10 successes push them all out; then 4 failures make 4 of 10 = 40 %: closed.
    const char* sequence = "FSSSFSSSFSSSSSSSSSSSFFFF";
    for (const char* c = sequence; *c; ++c) breaker.record(*c == 'S', 1.0);
    QCOMPARE(breaker.state(), State::Closed);
    // One more failure: 5 of the last 10 = 50 %: open.
    breaker.record(false, 1.0);
    QCOMPARE(breaker.state(), State::Open);
}

QTEST_APPLESS_MAIN(tst_CircuitBreaker)
#include "tst_CircuitBreaker.moc"
