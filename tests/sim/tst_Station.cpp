// SPDX-License-Identifier: MIT
// A pool as the simulator serves it: admission, workers, queue, rate limit, and its time
// integrals, counted by hand without SimGrid.
#include <QtTest>

#include "model/Plan.h"
#include "sim/Station.h"
#include "support/Near.h"

using namespace headroom;
using Admission = sim::Station::Admission;

namespace {

model::PlanPool pool(int instances, int cores, std::optional<int> workers, std::optional<int> queueCapacity) {
    // A constant 10 ms for reads and writes.
    const model::ResolvedService tenMs{model::Distribution{model::Distribution::Shape::Constant, model::Seconds{0.01}, std::nullopt}, ""};
    return model::PlanPool{.name = "s", .instances = instances, .cores = cores, .workers = workers, .queueCapacity = queueCapacity,
                           .read = tenMs, .write = tenMs};
}

/// A window from 0 to 10 s without warm-up, in intervals of 1 s.
sim::MeasurementWindow tenSeconds() { return sim::MeasurementWindow::over(10.0, 0.0, 10); }

/// The station of `plan` over tenSeconds(), drawing from stream 1.
sim::Station stationOf(const model::PlanPool& plan) { return sim::Station(plan, sim::RandomStream(1), tenSeconds()); }

/// Request 10 (visit 100) reaches instance 0 and takes a worker at once: whether both held.
bool serveFirst(sim::Station& station) { return station.admit(0, 10, 100, 0.0) == Admission::Serve && station.startService(0, 0.0); }

}  // namespace

class StationTest : public QObject {
    Q_OBJECT

private slots:
    void aFullWorkerQueuesThenRejects() {
        // One worker and one waiting place: the first request is served, the second waits, the
        // third finds both taken.
        const auto plan = pool(1, 1, 1, 1);
        sim::Station station = stationOf(plan);
        QVERIFY(serveFirst(station));
        QCOMPARE(station.admit(0, 11, 101, 0.0), Admission::Queued);
        QCOMPARE(station.admit(0, 12, 102, 0.0), Admission::Rejected);
        QCOMPARE(station.waitingNow(), std::uint64_t(1));
        // The worker is free at 1 s: the waiting request (11) is next.
        station.leaveCpu(0, 1.0);
        const auto next = station.releaseWorker(0, 1.0, [](std::uint32_t, std::uint64_t) { return true; });
        QCOMPARE(next, std::optional<std::uint32_t>(11));
        QCOMPARE(station.waitingNow(), std::uint64_t(0));
    }

    void staleQueueEntriesAreSkipped() {
        // Requests 11 and 12 wait; 11 timed out (its visit is no longer current): 12 is next.
        const auto plan = pool(1, 1, 1, std::nullopt);
        sim::Station station = stationOf(plan);
        QVERIFY(serveFirst(station));
        QCOMPARE(station.admit(0, 11, 101, 0.0), Admission::Queued);
        QCOMPARE(station.admit(0, 12, 102, 0.0), Admission::Queued);
        station.abandonQueue(0, 0.5);  // 11 leaves the count at once, its entry stays
        QCOMPARE(station.waitingNow(), std::uint64_t(1));
        station.leaveCpu(0, 1.0);
        const auto next = station.releaseWorker(0, 1.0, [](std::uint32_t, std::uint64_t visit) { return visit != 101; });
        QCOMPARE(next, std::optional<std::uint32_t>(12));
        QCOMPARE(station.waitingNow(), std::uint64_t(0));
        // Nobody is left: the next free worker finds no one.
        station.leaveCpu(0, 2.0);
        QVERIFY(!station.releaseWorker(0, 2.0, [](std::uint32_t, std::uint64_t) { return true; }));
    }

    void instancesQueueSeparately() {
        // Two instances of one worker each: a busy instance 0 does not make instance 1 queue.
        const auto plan = pool(2, 1, 1, std::nullopt);
        sim::Station station = stationOf(plan);
        QCOMPARE(station.admit(0, 1, 1, 0.0), Admission::Serve);
        QVERIFY(station.startService(0, 0.0));
        QCOMPARE(station.admit(1, 2, 2, 0.0), Admission::Serve);
        QCOMPARE(station.admit(0, 3, 3, 0.0), Admission::Queued);
    }

    void theRateLimitIsATokenBucketOfOneSecond() {
        // 2/s: the bucket holds 2 × 1 s = 2 tokens. At t = 0 two pass and the third is refused;
        // by t = 0.5 s one token has come back (0.5 s × 2/s), by 0.6 s only 0.2 more.
        auto plan = pool(1, 1, std::nullopt, std::nullopt);
        plan.rateLimit = 2.0;
        sim::Station station = stationOf(plan);
        QCOMPARE(station.admit(0, 1, 1, 0.0), Admission::Serve);
        QCOMPARE(station.admit(0, 2, 2, 0.0), Admission::Serve);
        QCOMPARE(station.admit(0, 3, 3, 0.0), Admission::Rejected);
        QCOMPARE(station.admit(0, 4, 4, 0.5), Admission::Serve);
        QCOMPARE(station.admit(0, 5, 5, 0.6), Admission::Rejected);
    }

    void busyCoresAndWaitingAreIntegratedOverTime() {
        // Processor sharing on 1 core, no worker limit: request A runs from 0 to 4 s, B from 1 to
        // 3 s. Busy cores: 1 from 0 to 4 s = 4 core-seconds. Beyond the one core B counts as
        // waiting from 1 to 3 s: 2 request-seconds. Busy workers: A 4 s + B 2 s = 6.
        const auto plan = pool(1, 1, std::nullopt, std::nullopt);
        sim::Station station = stationOf(plan);
        QCOMPARE(station.admit(0, 1, 1, 0.0), Admission::Serve);
        QVERIFY(station.startService(0, 0.0));
        QCOMPARE(station.admit(0, 2, 2, 1.0), Admission::Serve);
        QVERIFY(station.startService(0, 1.0));
        QCOMPARE(station.running(0), 2);
        station.leaveCpu(0, 3.0);
        QVERIFY(!station.releaseWorker(0, 3.0, [](std::uint32_t, std::uint64_t) { return true; }));
        station.leaveCpu(0, 4.0);
        QVERIFY(!station.releaseWorker(0, 4.0, [](std::uint32_t, std::uint64_t) { return true; }));
        sim::PoolRecord record;
        station.close(10.0, record);
        HEADROOM_COMPARE_NEAR(record.busyCoreSeconds, 4.0, 1e-12);
        HEADROOM_COMPARE_NEAR(record.waitingSeconds, 2.0, 1e-12);
        HEADROOM_COMPARE_NEAR(record.busyWorkerSeconds, 6.0, 1e-12);
        QCOMPARE(record.peakWaiting, std::uint64_t(1));
        // Per interval of 1 s: one core busy in the first four, none after.
        QCOMPARE(record.seriesBusyCores, (std::vector<double>{1, 1, 1, 1, 0, 0, 0, 0, 0, 0}));
    }

    void tooManyRequestsSharingCoresStopTheRun() {
        // The limit is 64 requests per core, at least 1000: 1 core → 1000, 32 cores → 2048.
        const auto one = pool(1, 1, std::nullopt, std::nullopt);
        sim::Station small = stationOf(one);
        QCOMPARE(small.overloadLimit(), 1000);
        const auto many = pool(1, 32, std::nullopt, std::nullopt);
        QCOMPARE(stationOf(many).overloadLimit(), 2048);
        for (int i = 0; i < 1000; ++i) QVERIFY(small.startService(0, 0.0));
        QVERIFY(!small.startService(0, 0.0));
    }

    void aCacheHitsAtItsRatioAndColdStartsAddTheirLatency() {
        // Hit ratio 0.25 over 100 000 draws: standard error √(0.25 × 0.75 / n) = 0.0014, so
        // ±0.01 is 7 standard errors. A cold start of 1 s on every invocation (probability 1)
        // adds exactly 1 s to the constant 10 ms.
        auto plan = pool(1, 1, std::nullopt, std::nullopt);
        plan.hitRatio = 0.25;
        plan.coldStart = model::ColdStart{model::Seconds{1.0}, 1.0};
        sim::Station station(plan, sim::RandomStream(9), tenSeconds());
        int hits = 0;
        const int n = 100'000;
        for (int i = 0; i < n; ++i) hits += station.hits() ? 1 : 0;
        QVERIFY(std::abs(double(hits) / n - 0.25) <= 0.01);
        HEADROOM_COMPARE_NEAR(station.sampleDemand(model::Operation::Read), 1.01, 1e-12);
    }
};

QTEST_APPLESS_MAIN(StationTest)
#include "tst_Station.moc"
