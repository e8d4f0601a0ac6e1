// SPDX-License-Identifier: MIT
// The simulator's parts that need no SimGrid: load balancers, random streams, time integrals,
// which executions have a core to themselves, the record that crosses process boundaries, and
// the merge of replications.
#include <QtTest>

#include <cmath>
#include <vector>

#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "sim/Balancer.h"
#include "sim/DedicatedCores.h"
#include "sim/RandomStream.h"
#include "sim/ReplicationRecord.h"
#include "sim/SimulationSummary.h"
#include "sim/TimeWeighted.h"
#include "support/Near.h"

using namespace headroom;
using model::LbAlgorithm;

class SimulatorPartsTest : public QObject {
    Q_OBJECT

private slots:
    void roundRobinCycles() {
        sim::Balancer balancer(LbAlgorithm::RoundRobin, 3, {});
        sim::RandomStream random(1);
        std::vector<std::size_t> picks;
        for (int i = 0; i < 6; ++i) picks.push_back(balancer.pick(random, 0));
        QCOMPARE(picks, (std::vector<std::size_t>{0, 1, 2, 0, 1, 2}));
    }

    void smoothWeightedRoundRobinInterleaves() {
        // Weights 3 and 1 (total 4). Credits: {3,1} → pick 0 → {−1,1}; {2,2} → tie, first → pick 0
        // → {−2,2}; {1,3} → pick 1 → {1,−1}; {4,0} → pick 0 → {0,0}: 0, 0, 1, 0, then again.
        sim::Balancer balancer(LbAlgorithm::WeightedRoundRobin, 2, {3.0, 1.0});
        sim::RandomStream random(1);
        std::vector<std::size_t> picks;
        for (int i = 0; i < 8; ++i) picks.push_back(balancer.pick(random, 0));
        QCOMPARE(picks, (std::vector<std::size_t>{0, 0, 1, 0, 0, 0, 1, 0}));
    }

    void leastConnectionsPicksTheIdlest() {
        sim::Balancer balancer(LbAlgorithm::LeastConnections, 3, {});
        sim::RandomStream random(1);
        balancer.sent(0);
        balancer.sent(0);
        balancer.sent(2);
        QCOMPARE(balancer.pick(random, 0), std::size_t(1));
        balancer.returned(0, 0.1);
        balancer.returned(0, 0.1);
        balancer.sent(1);
        QCOMPARE(balancer.pick(random, 0), std::size_t(0));  // 0, 1, 1 outstanding
    }

    void powerOfTwoPrefersTheLessLoaded() {
        // With two instances both are always sampled: the less loaded one always wins.
        sim::Balancer balancer(LbAlgorithm::PowerOfTwo, 2, {});
        sim::RandomStream random(7);
        for (int i = 0; i < 5; ++i) balancer.sent(0);
        for (int i = 0; i < 100; ++i) QCOMPARE(balancer.pick(random, std::uint64_t(i)), std::size_t(1));
    }

    void hashIsStickyPerKey() {
        sim::Balancer balancer(LbAlgorithm::Hash, 8, {});
        sim::RandomStream random(7);
        std::vector<int> seen(8, 0);
        for (std::uint64_t key = 0; key < 64; ++key) {
            const std::size_t first = balancer.pick(random, key);
            QCOMPARE(balancer.pick(random, key), first);
            ++seen[first];
        }
        QVERIFY(std::count(seen.begin(), seen.end(), 0) == 0);  // 64 keys reach all 8 instances
    }

    void leastResponseTimeLearns() {
        sim::Balancer balancer(LbAlgorithm::LeastResponseTime, 2, {});
        sim::RandomStream random(1);
        // Unmeasured instances are tried first.
        const std::size_t first = balancer.pick(random, 0);
        balancer.sent(first);
        QCOMPARE(balancer.pick(random, 0), 1 - first);
        balancer.returned(first, 0.100);
        balancer.sent(1 - first);
        balancer.returned(1 - first, 0.010);
        // 0.010 × 1 < 0.100 × 1: the faster one.
        QCOMPARE(balancer.pick(random, 0), 1 - first);
    }

    void mersenneTwisterIsTheStandardOne() {
        // [rand.predef]: the 10000th output of a default-constructed mt19937_64 (seed 5489) is
        // 9981545732273789042; the stream must be that engine for runs to match on any machine.
        sim::RandomStream random(5489);
        for (int i = 0; i < 9999; ++i) (void)random.bits();
        QCOMPARE(random.bits(), std::uint64_t(9981545732273789042ULL));
    }

    void variatesHaveTheirMoments() {
        // 10^6 draws: the sample mean of an exponential is within 4 σ = 4 × mean / 1000 of its
        // mean; a lognormal of cv 0.5 within 4 × 0.5 × mean / 1000, its cv within a few percent.
        constexpr int n = 1'000'000;
        sim::RandomStream random(42);
        double sum = 0.0;
        for (int i = 0; i < n; ++i) sum += random.exponential(0.25);
        QVERIFY(std::abs(sum / n - 0.25) < 4.0 * 0.25 / 1000.0);
        const model::Distribution lognormal{model::Distribution::Shape::Lognormal, model::Seconds{2.0}, 0.5};
        double s1 = 0.0, s2 = 0.0;
        for (int i = 0; i < n; ++i) {
            const double x = random.sample(lognormal);
            s1 += x;
            s2 += x * x;
        }
        const double mean = s1 / n;
        const double cv = std::sqrt(s2 / n - mean * mean) / mean;
        QVERIFY(std::abs(mean - 2.0) < 4.0 * 0.5 * 2.0 / 1000.0);
        QVERIFY(std::abs(cv - 0.5) < 0.02);
        QCOMPARE(random.sample({model::Distribution::Shape::Constant, model::Seconds{0.003}, std::nullopt}), 0.003);
        QVERIFY(sim::deriveSeed(1, 1) != sim::deriveSeed(1, 2));
        QVERIFY(sim::deriveSeed(1, 1) != sim::deriveSeed(2, 1));
    }

    void windowsPickRoundIntervals() {
        // 60 s in at most 120 points: at least 0.5 s an interval, which is round already.
        const auto minute = sim::MeasurementWindow::over(60.0, 6.0);
        QCOMPARE(minute.interval, 0.5);
        QCOMPARE(minute.points, std::size_t(120));
        // 20,000 s: at least 166.7 s, rounded up to 200 s: 100 points.
        const auto long_ = sim::MeasurementWindow::over(20'000.0, 100.0);
        QCOMPARE(long_.interval, 200.0);
        QCOMPARE(long_.points, std::size_t(100));
        QCOMPARE(long_.pointOf(20'000.0), std::size_t(99));
    }

    void seriesTimesAreTheDecimalsTheyStandFor() {
        // 20 s in at most 120 points: at least 1/6 s, rounded up to 0.2 s. Interval 3 begins at
        // 0.6 s, which 3 × 0.2 in doubles misses by one unit in the last place (and JSON would
        // print 0.6000000000000001); interval 99 at 19.8 s. JSON prints what it reads back.
        const auto window = sim::MeasurementWindow::over(20.0, 2.0);
        QCOMPARE(window.interval, 0.2);
        QVERIFY(3 * 0.2 != 0.6);
        QCOMPARE(window.timeOf(3), 0.6);
        QCOMPARE(window.timeOf(99), 19.8);
        QCOMPARE(model::Json(window.timeOf(3)).dump(), std::string("0.6"));
        // Whole intervals stay whole: 200 s × 7 = 1400 s.
        QCOMPARE(sim::MeasurementWindow::over(20'000.0, 100.0).timeOf(7), 1400.0);
        QCOMPARE(sim::MeasurementWindow::over(60.0, 6.0).timeOf(0), 0.0);
    }

    void timeWeightedIntegratesOverTheWindowAndIntervals() {
        // Warm-up 1 s, end 10 s, intervals of 1 s. The value is 2 from 0.5 s, 1 from 3 s.
        // Window area: 2 × (3 − 1) + 1 × (10 − 3) = 11. Interval 0: 2 × 0.5 = 1 (average 1);
        // intervals 1 and 2: 2; intervals 3 to 9: 1.
        sim::MeasurementWindow window{1.0, 10.0, 1.0, 10};
        sim::TimeWeighted value;
        value.reset(window);
        value.add(0.5, 2.0);
        value.add(3.0, -1.0);
        value.close(10.0);
        QCOMPARE(value.area(), 11.0);
        const auto averages = value.averages();
        QCOMPARE(averages, (std::vector<double>{1.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0}));
    }

    void recordsSurviveTheTripBetweenProcesses() {
        sim::ReplicationRecord record = recordOf(3, 100, 0.1, 5.0);
        record.overloaded = true;
        record.overloadReason = "why";
        record.overloadedPool = "s";
        const auto json = record.toJson();
        std::string error;
        const auto back = sim::ReplicationRecord::fromJson(model::Json::parse(json.dump()), error);
        QVERIFY2(back, error.c_str());
        QCOMPARE(back->toJson(), json);
        model::Json broken = json;
        broken.erase("pools");
        QVERIFY(!sim::ReplicationRecord::fromJson(broken, error));
        QVERIFY(error.find("malformed") != std::string::npos);
    }

    void executionsRunAloneUntilTheyOutnumberTheCores() {
        // Pool "a" has one instance (place 0), pool "b" two instances of 2 cores (places 1 and 2).
        const auto loaded = model::loadScenarioText(R"({"format": "headroom-scenario", "version": 1, "name": "cores",
            "components": [{"id": "users", "kind": "client", "rate": "1/s", "calls": [{"to": "a"}]},
                           {"id": "a", "kind": "service", "service_time": "1s", "calls": [{"to": "b"}]},
                           {"id": "b", "kind": "service", "instances": 2, "cores": 2, "service_time": "1s"}]})");
        QVERIFY(loaded.scenario);
        const auto plan = *model::compilePlan(*loaded.scenario).plan;
        sim::DedicatedCores cores(plan);
        struct Shared {
            std::uint32_t request;
            double workLeft;
        };
        const auto share = [&](std::uint32_t r, std::uint32_t place, double demand, double now) {
            std::vector<Shared> started;
            cores.share(r, place, demand, now, [&](std::uint32_t request, double workLeft) { started.push_back({request, workLeft}); });
            return started;
        };
        QCOMPARE(cores.placeOf(0, 0), 0u);
        QCOMPARE(cores.placeOf(1, 1), 2u);
        // On place 1: slot 7 starts 3 s of CPU at t = 0 and slot 8 starts 1 s at t = 1; with
        // them 1, then 2 executions run on 2 cores: both alone.
        QVERIFY(cores.fits(1, 1));
        const std::uint64_t seven = cores.runAlone(7, 1, 3.0, 0.0);
        QVERIFY(cores.fits(1, 2));
        const std::uint64_t eight = cores.runAlone(8, 1, 1.0, 1.0);
        QVERIFY(seven != eight);
        // At t = 1.5 slot 9 would make 3 on 2 cores: it shares, and the two running alone move
        // to SimGrid with what is left of them: slot 7 has done 1.5 of 3 s, slot 8 0.5 of 1 s.
        QVERIFY(!cores.fits(1, 3));
        const auto shared = share(9, 1, 2.0, 1.5);
        QCOMPARE(shared.size(), std::size_t(3));
        QCOMPARE(shared[0].request, 9u);
        QCOMPARE(shared[0].workLeft, 2.0);
        QCOMPARE(shared[1].request, 7u);
        QCOMPARE(shared[1].workLeft, 1.5);
        QCOMPARE(shared[2].request, 8u);
        QCOMPARE(shared[2].workLeft, 0.5);
        // Their calendar ends are stale; the other instance of "b" is untouched.
        QVERIFY(!cores.endAlone(7, seven));
        QVERIFY(!cores.endAlone(8, eight));
        QVERIFY(cores.fits(2, 1));
        // Slots 8 and 9 end in SimGrid, slot 7 runs on there. A new one (slot 5) makes 2 on 2
        // cores, each at full speed: it runs alone beside SimGrid's one.
        QVERIFY(cores.endShared(8));
        QVERIFY(!cores.endShared(8));  // its next activity, a transfer, is not an execution
        QVERIFY(cores.endShared(9));
        QVERIFY(cores.fits(1, 2));
        const std::uint64_t five = cores.runAlone(5, 1, 0.25, 4.0);
        // Then slot 6 makes 3 (7 in SimGrid, 5 alone): only 5 moves, with 0.25 − 0.1 s left.
        QVERIFY(!cores.fits(1, 3));
        const auto third = share(6, 1, 1.0, 4.1);
        QCOMPARE(third.size(), std::size_t(2));
        QCOMPARE(third[1].request, 5u);
        HEADROOM_COMPARE_NEAR(third[1].workLeft, 0.15, 1e-12);
        QVERIFY(!cores.endAlone(5, five));
        // An end at its own token frees the core, once.
        const std::uint64_t again = cores.runAlone(7, 2, 0.25, 4.0);
        QVERIFY(cores.endAlone(7, again));
        QVERIFY(!cores.endAlone(7, again));
        // An execution that ends just as another arrives moves with nothing left.
        cores.runAlone(3, 0, 1.0, 10.0);
        const auto atItsEnd = share(4, 0, 1.0, 11.0);
        QCOMPARE(atItsEnd[1].workLeft, 0.0);
    }

    void replicationsMergeIntoOneResult() {
        // Two replications of 10 measured seconds. Answered: 100 at 0.1 s, then 120 at 0.2 s.
        // Throughput: 220 / 20 s = 11/s; per replication 10 and 12, s = √2, so the 95 % half-width
        // is t(0.975, 1) × √2 / √2 = 12.7062. Mean latency (100 × 0.1 + 120 × 0.2) / 220 = 0.154545 s.
        // The station's cores were busy 5 s and 7 s: utilization 12 / 20 = 0.6.
        const auto loaded = model::loadScenarioText(R"({"format": "headroom-scenario", "version": 1, "name": "m",
            "components": [{"id": "users", "kind": "client", "rate": "11/s", "calls": [{"to": "s"}]},
                           {"id": "s", "kind": "service", "workers": 1, "service_time": "50ms"}],
            "slo": [{"class": "users", "percentile": 50, "latency": "150ms"}]})");
        QVERIFY(loaded.scenario);
        const auto compiled = model::compilePlan(*loaded.scenario);
        std::vector<sim::ReplicationRecord> records;
        records.push_back(recordOf(0, 100, 0.1, 5.0));
        records.push_back(recordOf(1, 120, 0.2, 7.0));
        const model::RunResult result = sim::summarizeReplications(*loaded.scenario, *compiled.plan, records, {10.0, 0.0, 1, 2, 220});
        QCOMPARE(result.engine, std::string("simulation"));
        const auto& users = result.classes.front();
        HEADROOM_COMPARE_NEAR(users.throughput, 11.0, 1e-12);
        HEADROOM_COMPARE_NEAR(*users.throughputCi95, 12.706204736, 1e-6);
        HEADROOM_COMPARE_NEAR(*users.latency.mean, 0.154545454545, 1e-9);
        const auto& s = result.components.front().total;
        HEADROOM_COMPARE_NEAR(*s.utilization, 0.6, 1e-12);
        QCOMPARE(result.bottleneck, std::optional<std::string>("s"));
        // The median of 100 × 0.1 s and 120 × 0.2 s is 0.2 s (within its bucket): over 150 ms.
        QCOMPARE(result.slo.front().met, std::optional(false));
        QVERIFY(result.timeSeries);
    }

private:
    /// A record of class "users" and station "s" over 10 measured seconds.
    static sim::ReplicationRecord recordOf(int index, int answered, double latency, double busyCoreSeconds) {
        sim::ReplicationRecord record;
        record.index = index;
        record.seed = std::uint64_t(index) + 1;
        record.window = {0.0, 10.0, 1.0, 10};
        record.simulatedTime = 10.0;
        record.requests = std::uint64_t(answered);
        sim::ClassRecord users;
        users.name = "users";
        users.completed = std::uint64_t(answered);
        for (int i = 0; i < answered; ++i) users.latency->record(latency);
        users.seriesCompleted.assign(10, answered / 10.0);
        users.seriesLatencySum.assign(10, answered / 10.0 * latency);
        users.seriesFailed.assign(10, 0.0);
        record.classes.push_back(std::move(users));
        sim::PoolRecord s;
        s.name = "s";
        s.arrivals = s.completed = std::uint64_t(answered);
        s.busyCoreSeconds = s.busyWorkerSeconds = busyCoreSeconds;
        s.seriesBusyCores.assign(10, busyCoreSeconds / 10.0);
        s.seriesWaiting.assign(10, 0.0);
        record.pools.push_back(std::move(s));
        return record;
    }
};

QTEST_GUILESS_MAIN(SimulatorPartsTest)
#include "tst_SimulatorParts.moc"
