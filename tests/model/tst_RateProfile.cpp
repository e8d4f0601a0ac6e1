// SPDX-License-Identifier: MIT
// Rate profiles over time and the plan's calls as written: what the simulator reads.
#include <QtTest>

#include <cmath>
#include <numbers>

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

    void piecesSayHowLongAFactorHolds() {
        // Spike × 5 at 30 s for 10 s: base rate until 30, × 5 until 40, then base for ever.
        const Profile spike = SpikeProfile{Seconds{30}, Seconds{10}, 5.0};
        QCOMPARE(profilePieceAt(spike, 0.0).end, 30.0);
        QCOMPARE(profilePieceAt(spike, 35.0).bound, 5.0);
        QCOMPARE(profilePieceAt(spike, 35.0).end, 40.0);
        QVERIFY(std::isinf(profilePieceAt(spike, 40.0).end));
        QCOMPARE(profilePieceAt(spike, 40.0).bound, 1.0);
        // Ramp 0.1 → 1 over 60 s: varying, at most 1, until 60; then constant at 1.
        const Profile ramp = RampProfile{0.1, 1.0, Seconds{60}};
        QVERIFY(!profilePieceAt(ramp, 10.0).constant);
        QCOMPARE(profilePieceAt(ramp, 10.0).end, 60.0);
        QCOMPARE(profilePieceAt(ramp, 10.0).bound, 1.0);
        QVERIFY(profilePieceAt(ramp, 60.0).constant);
        // Steps × 2 at 10 s, × 0.5 at 20 s: the base rate until the first step.
        const Profile steps = StepsProfile{{{Seconds{10}, 2.0}, {Seconds{20}, 0.5}}};
        QCOMPARE(profilePieceAt(steps, 5.0).end, 10.0);
        QCOMPARE(profilePieceAt(steps, 5.0).bound, 1.0);
        QCOMPARE(profilePieceAt(steps, 10.0).end, 20.0);
        QCOMPARE(profilePieceAt(steps, 10.0).bound, 2.0);
        QCOMPARE(profilePieceAt(steps, 25.0).bound, 0.5);
        QVERIFY(std::isinf(profilePieceAt(steps, 25.0).end));
    }

    void integralsCountTheRequestsSent() {
        // Spike × 5 at 30 s for 10 s over [0, 60]: 60 + (5 − 1) × 10 = 100; over [35, 100]:
        // 65 + 4 × 5 (the half of the spike inside) = 85.
        const Profile spike = SpikeProfile{Seconds{30}, Seconds{10}, 5.0};
        QCOMPARE(integratedFactor(spike, 0.0, 60.0), 100.0);
        QCOMPARE(integratedFactor(spike, 35.0, 100.0), 85.0);
        // Ramp 0.1 → 1 over 60 s, over [0, 90]: the trapezoid (0.1 + 1)/2 × 60 = 33, then 30 × 1.
        HEADROOM_COMPARE_NEAR(integratedFactor(RampProfile{0.1, 1.0, Seconds{60}}, 0.0, 90.0), 63.0, 1e-15);
        // From 30 s (factor 0.55) to 60 s: (0.55 + 1)/2 × 30 = 23.25.
        HEADROOM_COMPARE_NEAR(integratedFactor(RampProfile{0.1, 1.0, Seconds{60}}, 30.0, 60.0), 23.25, 1e-15);
        // Diurnal with trough 0.3 over one whole period: the cosine averages to 0, so the mean
        // factor is (1 + 0.3)/2 = 0.65, × 86,400 s = 56,160. Over the 12 h centred on the peak
        // (20 h ± 6 h): 0.3 × 43,200 + 0.7 × ½ × (43,200 + 2 × 86,400 / 2π) = 12,960 + 0.35 ×
        // (43,200 + 27,501.97) = 37,705.69.
        const Profile diurnal = DiurnalProfile{Seconds{86400}, Seconds{72000}, 0.3};
        HEADROOM_COMPARE_NEAR(integratedFactor(diurnal, 0.0, 86400.0), 56160.0, 1e-12);
        HEADROOM_COMPARE_NEAR(integratedFactor(diurnal, 72000.0 - 21600.0, 72000.0 + 21600.0),
                              12960.0 + 0.35 * (43200.0 + 86400.0 / std::numbers::pi), 1e-12);
        // Steps × 2 at 10 s, × 0.5 at 20 s, over [0, 30]: 10 × 1 + 10 × 2 + 10 × 0.5 = 35.
        QCOMPARE(integratedFactor(StepsProfile{{{Seconds{10}, 2.0}, {Seconds{20}, 0.5}}}, 0.0, 30.0), 35.0);
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
        QCOMPARE(miss.targets(Operation::Read).size(), std::size_t(2));
        HEADROOM_COMPARE_NEAR(miss.targets(Operation::Read)[0].share, 1.0 / 3.0, 1e-15);
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
            (plan.pools[edge.to].name == "db/primary" ? toPrimary : toReplicas) = plan.expectedCalls(edge, 0);
        }
        HEADROOM_COMPARE_NEAR(toPrimary, 0.4 / 3.0, 1e-15);
        HEADROOM_COMPARE_NEAR(toReplicas, 0.8 / 3.0, 1e-15);
    }
};

QTEST_GUILESS_MAIN(RateProfileTest)
#include "tst_RateProfile.moc"
