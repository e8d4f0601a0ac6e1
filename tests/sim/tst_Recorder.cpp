// SPDX-License-Identifier: MIT
// What a replication measures: inside the window for totals, everywhere for the series.
#include <QtTest>

#include "model/Plan.h"
#include "sim/Recorder.h"
#include "support/Near.h"

using namespace headroom;
using sim::Failure;

namespace {

model::Plan onePoolOneClass() {
    model::Plan plan;
    plan.classes.push_back(model::PlanClass{"a"});
    model::PlanPool pool;
    pool.name = "s";
    plan.pools.push_back(pool);
    return plan;
}

/// 10 s with a warm-up of 1 s, in intervals of 1 s.
sim::MeasurementWindow window() { return sim::MeasurementWindow::over(10.0, 1.0, 10); }

}  // namespace

class RecorderTest : public QObject {
    Q_OBJECT

private slots:
    void theWarmUpCountsInTheSeriesOnly() {
        // A request born at 0.2 s and answered at 0.5 s is in interval 0 of the series (1 done,
        // 0.3 s of latency) but not in the totals; one born at 2 s and answered at 2.5 s is in
        // both (interval 2, 0.5 s).
        const auto plan = onePoolOneClass();
        sim::Recorder recorder(plan, 3, 77, window());
        recorder.requestSent();
        recorder.requestSent();
        recorder.requestCompleted(0, 0.2, false, 0.5);
        recorder.requestCompleted(0, 2.0, true, 2.5);
        const auto record = recorder.finish(10.0, 10.0);
        QCOMPARE(record.index, 3);
        QCOMPARE(record.seed, std::uint64_t(77));
        QCOMPARE(record.requests, std::uint64_t(2));
        const auto& a = record.classes.front();
        QCOMPARE(a.completed, std::uint64_t(1));
        QCOMPARE(a.latency->count(), std::uint64_t(1));
        QCOMPARE(a.seriesCompleted[0], 1.0);
        HEADROOM_COMPARE_NEAR(a.seriesLatencySum[0], 0.3, 1e-12);
        QCOMPARE(a.seriesCompleted[2], 1.0);
        HEADROOM_COMPARE_NEAR(a.seriesLatencySum[2], 0.5, 1e-12);
        QCOMPARE(record.window.end, 10.0);
        QCOMPARE(record.simulatedTime, 10.0);
    }

    void visitsAndFailuresCountInsideTheWindow() {
        // Visits arriving at 0.5 s and 3 s: both are events, only the second an arrival. A
        // rejection at 0.5 s is not counted; a timeout at 4 s is. A measured request rejected
        // at 5 s counts, one born in the warm-up that times out at 6 s only shows in the series.
        const auto plan = onePoolOneClass();
        sim::Recorder recorder(plan, 0, 1, window());
        recorder.visitArrived(0, 0.5);
        recorder.visitArrived(0, 3.0);
        recorder.visitCompleted(0, 3.0, 3.25);
        recorder.poolFailed(0, Failure::Rejected, 0.5);
        recorder.poolFailed(0, Failure::TimedOut, 4.0);
        recorder.requestFailed(0, true, Failure::Rejected, 5.0);
        recorder.requestFailed(0, false, Failure::TimedOut, 6.0);
        const auto record = recorder.finish(10.0, 10.0);
        QCOMPARE(record.events, std::uint64_t(2));
        const auto& s = record.pools.front();
        QCOMPARE(s.arrivals, std::uint64_t(1));
        QCOMPARE(s.completed, std::uint64_t(1));
        QCOMPARE(s.rejected, std::uint64_t(0));
        QCOMPARE(s.timeouts, std::uint64_t(1));
        const auto& a = record.classes.front();
        QCOMPARE(a.rejected, std::uint64_t(1));
        QCOMPARE(a.timeouts, std::uint64_t(0));
        QCOMPARE(a.seriesFailed[5], 1.0);
        QCOMPARE(a.seriesFailed[6], 1.0);
    }

    void anOverloadedRunMeasuresUpToWhereItStopped() {
        const auto plan = onePoolOneClass();
        sim::Recorder recorder(plan, 0, 1, window());
        recorder.overloaded("1000 requests were sharing the 1 core(s) of \"s\"", "s");
        QVERIFY(recorder.isOverloaded());
        const auto record = recorder.finish(4.0, 10.0);
        QVERIFY(record.overloaded);
        QCOMPARE(record.overloadedPool, std::string("s"));
        QCOMPARE(record.window.end, 4.0);
        QCOMPARE(record.simulatedTime, 4.0);
        // Stopped inside the warm-up: nothing measured, the window closes at its start.
        sim::Recorder early(plan, 0, 1, window());
        early.overloaded("in flight", "");
        const auto cut = early.finish(0.5, 10.0);
        QCOMPARE(cut.window.end, 1.0);
        QVERIFY(cut.overloadedPool.empty());
    }
};

QTEST_APPLESS_MAIN(RecorderTest)
#include "tst_Recorder.moc"
