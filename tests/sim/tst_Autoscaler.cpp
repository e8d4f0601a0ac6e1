// SPDX-License-Identifier: MIT
// The autoscaler's rule on its own (sim/Autoscaler) and the fleet it moves (sim/Fleet): each
// decision counted by hand from DESIGN's target tracking, desired = ceil(demand ÷ target), with
// the F10 tolerance, the cooldown after a scale-out and the scale-in stabilization; and the bill.
#include <QtTest>

#include "sim/Autoscaler.h"

using headroom::sim::Autoscaler;
using headroom::sim::Fleet;
using headroom::sim::MeasurementWindow;
using headroom::sim::PoolScaling;

namespace {

headroom::model::PlanAutoscale policy() {
    headroom::model::PlanAutoscale p;
    p.target = 0.6;
    p.min = 2;
    p.max = 6;
    p.period = 60.0;
    p.bootTime = 30.0;
    p.cooldown = 300.0;
    p.scaleInAfter = 300.0;
    return p;
}

MeasurementWindow window(double end) { return MeasurementWindow::over(end, 0.0); }

}  // namespace

class tst_Autoscaler : public QObject {
    Q_OBJECT
private slots:
    void desiredIsTheDemandOverTheTargetWithinTheTolerance();
    void aScaleOutWaitsOutTheCooldown();
    void aScaleInWaitsForTheLowerDemandToLastAndKeepsTheHighestAskedFor();
    void billedTimeRunsFromLaunchUntilStopped();
};

void tst_Autoscaler::desiredIsTheDemandOverTheTargetWithinTheTolerance() {
    Fleet fleet(2, 6, window(600.0));
    Autoscaler scaler(policy(), fleet);
    // 2 running at target 0.6 hold 1.2 busy cores. Demand 1.3 is 1.3 ÷ 1.2 = 1.083 of the target:
    // within 1 ± 0.1, so 2 stay (without the tolerance ceil(1.3 ÷ 0.6) = 3).
    QCOMPARE(scaler.desired(1.3), 2);
    // 1.6 ÷ 1.2 = 1.33: ceil(1.6 ÷ 0.6) = ceil(2.67) = 3.
    QCOMPARE(scaler.desired(1.6), 3);
    // 1.8 ÷ 0.6 = 3 exactly (floating point may make it 3.0000000000000004): 3, not 4.
    QCOMPARE(scaler.desired(1.8), 3);
    // 10 cores of demand ask for 17, clamped to max 6; none asks for 1, clamped to min 2.
    QCOMPARE(scaler.desired(10.0), 6);
    QCOMPARE(scaler.desired(0.0), 2);
}

void tst_Autoscaler::aScaleOutWaitsOutTheCooldown() {
    Fleet fleet(2, 6, window(1000.0));
    Autoscaler scaler(policy(), fleet);
    // At 60 s demand 1.6 asks for 3: slot 2 launches. At 120 s demand 3.0 asks for 5, but the
    // cooldown (300 s from 60 s) holds until 360 s, when 5 − 3 = 2 more launch (slots 3 and 4).
    auto first = scaler.evaluate(60.0, 1.6);
    QCOMPARE(first.launched, std::vector<std::uint32_t>{2});
    QCOMPARE(fleet.state(2), Fleet::State::Booting);
    fleet.booted(2, 90.0);
    QVERIFY(scaler.evaluate(120.0, 3.0).launched.empty());
    QVERIFY(scaler.evaluate(300.0, 3.0).launched.empty());
    QCOMPARE(scaler.evaluate(360.0, 3.0).launched, (std::vector<std::uint32_t>{3, 4}));
    QCOMPARE(fleet.booting(), 2);
    QCOMPARE(fleet.running(), 3);
    // Booting instances count as capacity already asked for: demand 3.0 still asks for 5 = 3 + 2.
    QVERIFY(scaler.evaluate(700.0, 3.0).launched.empty());
}

void tst_Autoscaler::aScaleInWaitsForTheLowerDemandToLastAndKeepsTheHighestAskedFor() {
    Fleet fleet(5, 6, window(2000.0));
    Autoscaler scaler(policy(), fleet);
    // 5 running. From 60 s the demand asks for 2 (1.0 ÷ 0.6 = 1.67 → 2), at 180 s for 3 (1.5 ÷
    // 0.6 = 2.5 → 3): lower since 60 s, so at 60 + 300 = 360 s it scales in to the highest
    // asked for meanwhile, 3: the two newest (slots 4 and 3) drain.
    for (double t = 60.0; t < 360.0; t += 60.0) QVERIFY(scaler.evaluate(t, t == 180.0 ? 1.5 : 1.0).draining.empty());
    QCOMPARE(scaler.evaluate(360.0, 1.0).draining, (std::vector<std::uint32_t>{4, 3}));
    QCOMPARE(fleet.running(), 3);
    // A period at the count again resets the wait: lower at 420, at 3 at 480, lower from 540,
    // so the next scale-in is at 540 + 300 = 840 s, not 720 s.
    QVERIFY(scaler.evaluate(420.0, 0.5).draining.empty());
    QVERIFY(scaler.evaluate(480.0, 1.8).draining.empty());
    for (double t = 540.0; t < 840.0; t += 60.0) QVERIFY(scaler.evaluate(t, 0.5).draining.empty());
    QCOMPARE(scaler.evaluate(840.0, 0.5).draining, std::vector<std::uint32_t>{2});
}

void tst_Autoscaler::billedTimeRunsFromLaunchUntilStopped() {
    Fleet fleet(2, 6, window(600.0));
    Autoscaler scaler(policy(), fleet);
    // 2 from 0 to 600 s: 1,200 s. Slot 2 launched at 60 s, booted at 90 s, draining from 420 s
    // (lower since 120 s: 120 + 300), stopped at 421 s: 361 s billed, 1,561 s in all. Taking
    // traffic: 2 over [0, 90) and [420, 600) = 270 s, 3 over [90, 420) = 330 s.
    scaler.evaluate(60.0, 1.6);
    fleet.booted(2, 90.0);
    for (double t = 120.0; t < 420.0; t += 60.0) QVERIFY(scaler.evaluate(t, 0.6).draining.empty());
    QCOMPARE(scaler.evaluate(420.0, 0.6).draining, std::vector<std::uint32_t>{2});
    fleet.stopped(2, 421.0);
    PoolScaling record;
    fleet.close(600.0, record);
    QCOMPARE(record.billedSeconds, 1561.0);
    QCOMPARE(record.secondsAt.size(), std::size_t(4));
    QCOMPARE(record.secondsAt[2], 270.0);
    QCOMPARE(record.secondsAt[3], 330.0);
    QCOMPARE(record.peak, 3);
    QCOMPARE(record.actions.size(), std::size_t(2));
    QCOMPARE(record.actions[0].at, 60.0);
    QCOMPARE(record.actions[0].to, 3);
    QCOMPARE(record.actions[1].at, 420.0);
    QCOMPARE(record.actions[1].to, 2);
}

QTEST_APPLESS_MAIN(tst_Autoscaler)
#include "tst_Autoscaler.moc"
