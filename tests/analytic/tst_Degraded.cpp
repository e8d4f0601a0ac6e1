// SPDX-License-Identifier: MIT
// `analyze --degraded`: each single-instance loss and each zone loss re-solved, counted by hand.
#include <QtTest>

#include "analytic/Degraded.h"
#include "analytic/ScenarioAnalysis.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"

using namespace headroom;

namespace {

// 600/s onto 6 api instances spread over zones a, b, c (instances 0–5 in a, b, c, a, b, c: two
// per zone), 5 ms each; a database with 2 replicas per shard in the same zones (primary in a,
// replicas in b and c), reads from the replicas. The SLO: p99 within 100 ms.
constexpr const char* kScenario = R"({"format": "headroom-scenario", "version": 2, "name": "zones",
 "components": [
  {"id": "users", "kind": "client", "rate": "600/s", "calls": [{"to": "api"}]},
  {"id": "api", "kind": "service", "instances": 6, "zones": ["a", "b", "c"], "service_time": "5ms", "calls": [{"to": "db"}]},
  {"id": "db", "kind": "database", "replicas": 2, "read_from": "replicas", "zones": ["a", "b", "c"]}],
 "slo": [{"class": "users", "percentile": 99, "latency": "100ms"}]})";

struct Analyzed {
    model::Scenario scenario;
    model::RunResult normal;
    std::vector<model::DegradedCase> degraded;
};

Analyzed analyzed(const char* text) {
    const auto loaded = model::loadScenarioText(text);
    const auto plan = model::compilePlan(*loaded.scenario).plan;
    Analyzed out{*loaded.scenario, analytic::analyze(*loaded.scenario, *plan), {}};
    out.degraded = analytic::analyzeDegraded(out.scenario, out.normal);
    return out;
}

const model::DegradedCase::Load* loadOf(const model::DegradedCase& c, const std::string& component) {
    for (const auto& load : c.load)
        if (load.component == component) return &load;
    return nullptr;
}

}  // namespace

class tst_Degraded : public QObject {
    Q_OBJECT
private slots:
    void oneInstanceLostSpreadsItsShareOverTheRest();
    void aZoneOfThreeTakesAThirdAndLoadsTheRestByThreeHalves();
    void aLossThatBreaksTheSloSaysWhich();
    void aZoneHoldingEveryCopyLeavesNothing();
};

void tst_Degraded::oneInstanceLostSpreadsItsShareOverTheRest() {
    const Analyzed a = analyzed(kScenario);
    // Losses in order: api ×1 first (the database loses copies only with a zone), then zones a, b, c.
    QCOMPARE(a.degraded.size(), std::size_t(4));
    QCOMPARE(a.degraded[0].lost, std::string("api ×1"));
    // 600/s over 5 instances: 120/s each, ρ = 120 × 0.005 = 0.6 (it was 100/s and 0.5).
    const auto* api = loadOf(a.degraded[0], "api");
    QVERIFY(api);
    QCOMPARE(api->instancesAfter, 5);
    QCOMPARE(api->perInstanceBefore, 100.0);
    QCOMPARE(api->perInstanceAfter, 120.0);
    QVERIFY(std::abs(*api->utilizationAfter - 0.6) < 1e-12);
    QCOMPARE(a.degraded[0].sloMet, std::optional(true));
}

void tst_Degraded::aZoneOfThreeTakesAThirdAndLoadsTheRestByThreeHalves() {
    const Analyzed a = analyzed(kScenario);
    const model::DegradedCase& zoneA = a.degraded[1];
    QCOMPARE(zoneA.lost, std::string("zone a"));
    // Zone a held api instances 0 and 3: 4 of 6 survive, each taking 600/4 = 150/s = 3/2 × 100/s.
    const auto* api = loadOf(zoneA, "api");
    QVERIFY(api);
    QCOMPARE(api->instancesAfter, 4);
    QCOMPARE(api->perInstanceAfter, 1.5 * api->perInstanceBefore);
    // The primary was in a: a replica is promoted, 1 replica is left for the reads (600/s).
    const auto* replicas = loadOf(zoneA, "db/replica");
    QVERIFY(replicas);
    QCOMPARE(replicas->instancesBefore, 2);
    QCOMPARE(replicas->instancesAfter, 1);
    QCOMPARE(replicas->perInstanceAfter, 2.0 * replicas->perInstanceBefore);
}

void tst_Degraded::aLossThatBreaksTheSloSaysWhich() {
    // With 4 api instances at ρ = 0.75 the p99 of the request (api as processor sharing, plus the
    // replica at 72 %) rises past 100 ms while one lost instance (ρ = 0.6) keeps it inside: the
    // engine says which loss breaks which objective.
    const Analyzed a = analyzed(kScenario);
    QCOMPARE(a.degraded[1].sloMet, std::optional(false));
    QCOMPARE(a.degraded[1].missedSlos.size(), std::size_t(1));
    QVERIFY(a.degraded[1].missedSlos[0].starts_with("users p99"));
    QVERIFY(a.degraded[1].saturated.empty());
}

void tst_Degraded::aZoneHoldingEveryCopyLeavesNothing() {
    // A service with both its instances in zone a (zones ["a"]): losing a leaves it nothing.
    const char* text = R"({"format": "headroom-scenario", "version": 2, "name": "one zone",
     "components": [
      {"id": "users", "kind": "client", "rate": "100/s", "calls": [{"to": "api"}]},
      {"id": "api", "kind": "service", "instances": 2, "zones": ["a"], "service_time": "5ms"}]})";
    const Analyzed a = analyzed(text);
    QCOMPARE(a.degraded.back().lost, std::string("zone a"));
    QCOMPARE(a.degraded.back().unavailable, std::vector<std::string>{"api"});
    QVERIFY(!a.degraded.back().stable);
}

QTEST_APPLESS_MAIN(tst_Degraded)
#include "tst_Degraded.moc"
