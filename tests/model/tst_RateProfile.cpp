// SPDX-License-Identifier: MIT
// Rate profiles over time and the plan's calls as written: what the simulator reads.
#include <QtTest>

#include "model/Plan.h"
#include "model/RateProfile.h"
#include "model/ScenarioFile.h"
#include "support/Near.h"

using namespace headroom::model;

class RateProfileTest : public QObject {
    Q_OBJECT

private slots:
    void spikeMultipliesDuringItsWindow() {
        const Profile spike = SpikeProfile{Seconds{30}, Seconds{10}, 5.0};
        QCOMPARE(profileFactor(spike, 29.999), 1.0);
        QCOMPARE(profileFactor(spike, 30.0), 5.0);
        QCOMPARE(profileFactor(spike, 39.999), 5.0);
        QCOMPARE(profileFactor(spike, 40.0), 1.0);
        QCOMPARE(peakMultiplier(spike), 5.0);
    }

    void rampRisesLinearlyThenHolds() {
        // From 0.1 to 1 over 60 s: at 30 s, 0.1 + 0.9 × 0.5 = 0.55.
        const Profile ramp = RampProfile{0.1, 1.0, Seconds{60}};
        QCOMPARE(profileFactor(ramp, 0.0), 0.1);
        HEADROOM_COMPARE_NEAR(profileFactor(ramp, 30.0), 0.55, 1e-15);
        QCOMPARE(profileFactor(ramp, 90.0), 1.0);
        QCOMPARE(peakMultiplier(ramp), 1.0);
    }

    void diurnalPeaksAtItsHourAndBottomsHalfADayLater() {
        // Period 24 h, peak at 20 h, trough 0.3: 1 at 20 h, 0.3 at 8 h, and halfway between
        // (0.65) a quarter period from the peak, at 14 h: cos(−π/2) = 0.
        const Profile diurnal = DiurnalProfile{Seconds{86400}, Seconds{72000}, 0.3};
        HEADROOM_COMPARE_NEAR(profileFactor(diurnal, 72000.0), 1.0, 1e-15);
        HEADROOM_COMPARE_NEAR(profileFactor(diurnal, 28800.0), 0.3, 1e-12);
        HEADROOM_COMPARE_NEAR(profileFactor(diurnal, 50400.0), 0.65, 1e-12);
        QCOMPARE(peakMultiplier(diurnal), 1.0);
    }

    void stepsHoldTheLastStepReached() {
        const Profile steps = StepsProfile{{{Seconds{10}, 2.0}, {Seconds{20}, 0.5}}};
        QCOMPARE(profileFactor(steps, 5.0), 1.0);  // before the first step: the base rate
        QCOMPARE(profileFactor(steps, 10.0), 2.0);
        QCOMPARE(profileFactor(steps, 25.0), 0.5);
        QCOMPARE(peakMultiplier(steps), 2.0);
    }

    void planKeepsEachCallAsWritten() {
        // A cache (hit ratio 0.8) that calls a database with two replicas per shard, reads
        // from "any": the edge sums to 0.2 misses × (1/3 primary, 2/3 replicas), while the call
        // keeps its probability and the hit ratio stays on the cache's pool.
        const auto loaded = loadScenarioText(R"({"format": "headroom-scenario", "version": 1, "name": "p",
            "components": [{"id": "users", "kind": "client", "rate": "10/s", "timeout": "1s", "calls": [{"to": "cache"}]},
                           {"id": "cache", "kind": "cache", "hit_ratio": 0.8, "timeout": "50ms",
                            "calls": [{"to": "db", "times": 2, "response_size": "1KB"}]},
                           {"id": "db", "kind": "database", "replicas": 2, "read_from": "any"}],
            "links": [{"from": "cache", "to": "db", "latency": "1ms", "bandwidth": "1MB/s"}]})");
        QVERIFY(loaded.scenario);
        const auto compiled = compilePlan(*loaded.scenario);
        QVERIFY(compiled.plan);
        const Plan& plan = *compiled.plan;
        QCOMPARE(plan.clients.size(), std::size_t(1));
        QCOMPARE(*plan.clients[0].timeout, 1.0);
        QCOMPARE(plan.calls.size(), std::size_t(2));
        const PlanCall& miss = plan.calls[1];
        QCOMPARE(miss.fromPool, std::optional<std::size_t>(0));
        QCOMPARE(miss.times, 2);
        QCOMPARE(miss.targets[0].size(), std::size_t(2));
        HEADROOM_COMPARE_NEAR(miss.targets[0][0].share, 1.0 / 3.0, 1e-15);
        QCOMPARE(miss.latencyEachWay, 0.001);
        QCOMPARE(miss.responseBytes, 1000.0);
        // 2 × 1 ms + 1,000 B ÷ 1 MB/s = 3 ms.
        HEADROOM_COMPARE_NEAR(miss.networkDelay, 0.003, 1e-15);
        QCOMPARE(*plan.pools[0].hitRatio, 0.8);
        QCOMPARE(*plan.pools[0].timeout, 0.05);
        // Edges: 0.2 misses × 2 calls × 1/3 to the primary, × 2/3 to the replicas.
        double toPrimary = 0.0, toReplicas = 0.0;
        for (const auto& edge : plan.edges) {
            if (edge.from != std::optional<std::size_t>(0)) continue;
            (plan.pools[edge.to].name == "db/primary" ? toPrimary : toReplicas) = edge.expectedCalls[0];
        }
        HEADROOM_COMPARE_NEAR(toPrimary, 0.4 / 3.0, 1e-15);
        HEADROOM_COMPARE_NEAR(toReplicas, 0.8 / 3.0, 1e-15);
    }
};

QTEST_GUILESS_MAIN(RateProfileTest)
#include "tst_RateProfile.moc"
