// SPDX-License-Identifier: MIT
// What an autoscaler's target implies over a profile (issue 17), counted by hand: the instance
// count at each moment, the time at each count, the money, and a fleet outrun by its boot time.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "analytic/Autoscaling.h"
#include "analytic/ScenarioAnalysis.h"
#include "analytic/Sizing.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"

using namespace headroom;

namespace {

// 20/s into a service of 50 ms exponential on one core: one busy core at factor 1. It starts
// with 4 instances and holds cpu at 0.5 between 2 and 40, deciding every 60 s, booting in 90 s;
// $0.10 an instance-hour; the run is 600 s. `profile` is the client's.
std::string flashSale(const std::string& profile) {
    return R"({"format": "headroom-scenario", "version": 2, "name": "sale", "components": [
      {"id": "users", "kind": "client", "rate": "20/s", "profile": )" + profile + R"(, "calls": [{"to": "api"}]},
      {"id": "api", "kind": "service", "instances": 4, "service_time": "50ms", "cost": {"per_instance_hour": 0.1},
       "autoscale": {"metric": "cpu", "target": 0.5, "min": 2, "max": 40, "period": "60s", "boot_time": "90s"}}],
      "run": {"duration": "600s"}})";
}

model::AutoscaleOutlook outlookOf(const std::string& text) {
    const auto loaded = model::loadScenarioText(text);
    if (!loaded.scenario) qFatal("%s: %s", loaded.problems.front().path.c_str(), loaded.problems.front().message.c_str());
    const auto plan = model::compilePlan(*loaded.scenario).plan;
    const auto outlooks = analytic::analyzeAutoscaling(*loaded.scenario, *plan, analytic::analyze(*loaded.scenario, *plan));
    if (outlooks.size() != 1) qFatal("%zu outlooks", outlooks.size());
    return outlooks.front();
}

double shareOf(const model::AutoscaleOutlook& outlook, int instances) {
    for (const auto& level : outlook.levels)
        if (level.instances == instances) return level.share;
    return 0.0;
}

std::vector<std::string> problemPaths(const std::string& text) {
    std::vector<std::string> paths;
    for (const auto& problem : model::loadScenarioText(text).problems) paths.push_back(problem.path + ": " + problem.message);
    return paths;
}

}  // namespace

class tst_Autoscaling : public QObject {
    Q_OBJECT
private slots:
    void aRampIsFollowedCountByCount() {
        // The rate ramps from ×1 to ×3 over 120 s: busy cores B(t) = 1 + t/60, and the count is
        // ⌈B / 0.5⌉ = ⌈2 + t/30⌉: 3 on (0, 30], 4 on (30, 60], 5 on (60, 90], 6 on (90, 120],
        // then 6 to the end. Over 600 s: 30 s each at 3, 4 and 5, 510 s at 6; the mean is
        // (90 + 120 + 150 + 3060) / 600 = 5.7. At the start B = 1: 2 instances; at the peak 6.
        const auto outlook = outlookOf(flashSale(R"({"shape": "ramp", "from": 1, "to": 3, "over": "120s"})"));
        QCOMPARE(outlook.span, 600.0);
        QCOMPARE(outlook.instancesAtStart, 2);
        QCOMPARE(outlook.instancesAtPeak, 6);
        QCOMPARE(outlook.levels.size(), std::size_t(4));
        QCOMPARE(shareOf(outlook, 3), 0.05);
        QCOMPARE(shareOf(outlook, 4), 0.05);
        QCOMPARE(shareOf(outlook, 5), 0.05);
        QCOMPARE(shareOf(outlook, 6), 0.85);
        QCOMPARE(outlook.meanInstances, 5.7);
        // $0.10 × 720 h: 5.7 × 72 = $410.40 autoscaled, 6 × 72 = $432 held at the peak.
        QCOMPARE(*outlook.costPerMonth, 410.4);
        QCOMPARE(*outlook.fixedCostPerMonth, 432.0);
        // Four instances serve up to 4 busy cores; the ramp reaches 3: never outrun.
        QVERIFY(!outlook.outrun);
    }

    void aSpikeFasterThanTheBootIsOutrun() {
        // ×5 from 70 s for 120 s: B = 5 > the 4 cores of the starting fleet from 70 s. The
        // autoscaler wants ⌈5 / 0.5⌉ = 10 from 70 s, decides at the next period boundary, 120 s,
        // and the new instances take traffic at 120 + 90 = 210 s; the spike ends at 190 s first:
        // 190 − 70 = 120 s overloaded. Mean count: 2 outside the spike, 10 in it (120 of 600 s):
        // 0.8 × 2 + 0.2 × 10 = 3.6.
        const auto outlook = outlookOf(flashSale(R"({"shape": "spike", "at": "70s", "for": "120s", "factor": 5})"));
        QVERIFY(outlook.outrun);
        QCOMPARE(outlook.outrun->instances, 4);
        QCOMPARE(outlook.outrun->saturatesAt, 70.0);
        QCOMPARE(outlook.outrun->decidedAt, 120.0);
        QCOMPARE(outlook.outrun->capacityAt, 210.0);
        QCOMPARE(outlook.outrun->overloadedFor, 120.0);
        QCOMPARE(outlook.meanInstances, 3.6);
        // A boot of 10 s lands at 130 s, still inside the spike: 60 s overloaded.
        std::string quick = flashSale(R"({"shape": "spike", "at": "70s", "for": "120s", "factor": 5})");
        quick.replace(quick.find("\"boot_time\": \"90s\""), 18, "\"boot_time\": \"10s\"");
        QCOMPARE(outlookOf(quick).outrun->overloadedFor, 60.0);
    }

    void aDiurnalDayCostsItsIntegralNotItsPeak() {
        // 100/s at the peak, a trough of 0.5: f(θ) = 0.75 + 0.25 cos θ over the day. Holding
        // 30/s per instance: ⌈100 f / 30⌉ is 4 where f > 0.9 (cos θ > 0.6), 2 where f ≤ 0.6
        // (cos θ ≤ −0.6) and 3 between. cos θ > 0.6 for a share arccos(0.6) / π = 0.29517 of the
        // day, and ≤ −0.6 for the same share: mean 4 × 0.29517 + 3 × 0.40966 + 2 × 0.29517 = 3
        // exactly, by symmetry, against 4 held all day. The count is taken at 2,880 moments (30 s):
        // each of the four changes of count can be misplaced by half a moment, so each share is
        // within 2 × 0.5 / 2880 of the hand value and the mean within 4 × 0.5 / 2880.
        const auto outlook = outlookOf(R"({"format": "headroom-scenario", "version": 2, "name": "day", "components": [
          {"id": "users", "kind": "client", "rate": "100/s", "profile": {"shape": "diurnal", "period": "1d", "trough": 0.5}, "calls": [{"to": "api"}]},
          {"id": "api", "kind": "service", "instances": 4, "service_time": "5ms", "cost": {"per_instance_hour": 0.1},
           "autoscale": {"metric": "rate_per_instance", "target": "30/s", "min": 1, "max": 10}}]})");
        QCOMPARE(outlook.span, 86400.0);
        const double top = std::acos(0.6) / std::numbers::pi;
        QVERIFY(std::abs(shareOf(outlook, 4) - top) <= 1.0 / 2880);
        QVERIFY(std::abs(shareOf(outlook, 2) - top) <= 1.0 / 2880);
        QVERIFY(std::abs(outlook.meanInstances - 3.0) <= 2.0 / 2880);
        QCOMPARE(outlook.instancesAtStart, 4);  // the day starts at its peak (peak_at 0)
        QCOMPARE(outlook.instancesAtPeak, 4);
        QVERIFY(std::abs(*outlook.costPerMonth - 3.0 * 72.0) <= 72.0 * 2.0 / 2880);
        QCOMPARE(*outlook.fixedCostPerMonth, 288.0);
    }

    void sizingRaisesAnAutoscalersMaxToThePeaksCount() {
        // At the spike's ×5 the service has 20 × 5 × 50 ms = 5 busy cores: stable from 6
        // instances (5/6 busy). An autoscaled service keeps the 4 it starts with; its max, 4
        // here, must reach 6.
        std::string text = flashSale(R"({"shape": "spike", "at": "70s", "for": "120s", "factor": 5})");
        text.replace(text.find(R"("max": 40)"), 9, R"("max": 4)");
        const auto loaded = model::loadScenarioText(text);
        QVERIFY(loaded.scenario);
        const analytic::Sizing sizing = analytic::size(*loaded.scenario);
        QVERIFY(sizing.feasible);
        QCOMPARE(sizing.changes.size(), std::size_t(1));
        QCOMPARE(sizing.changes[0].field, std::string("autoscale.max"));
        QCOMPARE(sizing.changes[0].from, 4.0);
        QCOMPARE(sizing.changes[0].to, 6.0);
        QCOMPARE(sizing.sized.components[1].instances, std::optional(4));
        QVERIFY(model::loadScenarioText(model::toText(sizing.sized)).scenario);  // still a valid file
    }

    void sizingLowersATargetThatWouldUnderprovisionAndTheMinToTheTrough() {
        // The spike's ×5: 5 busy cores. Kept at or below 70 % busy, the peak needs 8 instances
        // (5/8 = 62.5 %; 7 would run at 71.4 %): max 4 → 8. A target of 0.9 would ask for only
        // ceil(5 ÷ 0.9) = 6 at the peak, so it comes down to the 62.5 % the 8 run at (ceil(5 ÷
        // 0.625) = 8). Outside the spike the rate is the base 20/s, 1 busy core: the target asks
        // for ceil(1 ÷ 0.625) = ceil(1.6) = 2, so min 3 → 2 (within [1, the 4 it starts with]).
        std::string text = flashSale(R"({"shape": "spike", "at": "70s", "for": "120s", "factor": 5})");
        text.replace(text.find(R"("target": 0.5, "min": 2, "max": 40)"), 34, R"("target": 0.9, "min": 3, "max": 4)");
        const auto loaded = model::loadScenarioText(text);
        QVERIFY(loaded.scenario);
        analytic::SizingOptions options;
        options.maxUtilization = 0.7;
        const analytic::Sizing sizing = analytic::size(*loaded.scenario, options);
        QVERIFY(sizing.feasible);
        QCOMPARE(sizing.changes.size(), std::size_t(3));
        QCOMPARE(sizing.changes[0].field, std::string("autoscale.max"));
        QCOMPARE(sizing.changes[0].to, 8.0);
        QCOMPARE(sizing.changes[1].field, std::string("autoscale.target"));
        QCOMPARE(sizing.changes[1].from, 0.9);
        QCOMPARE(sizing.changes[1].to, 0.625);
        QCOMPARE(sizing.changes[2].field, std::string("autoscale.min"));
        QCOMPARE(sizing.changes[2].from, 3.0);
        QCOMPARE(sizing.changes[2].to, 2.0);
        QCOMPARE(sizing.sized.components[1].instances, std::optional(4));
        QVERIFY(model::loadScenarioText(model::toText(sizing.sized)).scenario);  // still a valid file
    }

    void theFormatReadsWritesAndChecksIt() {
        const std::string text = flashSale(R"({"shape": "ramp", "from": 1, "to": 3, "over": "120s"})");
        const auto loaded = model::loadScenarioText(text);
        QVERIFY(loaded.scenario);
        const model::Autoscale& autoscale = *loaded.scenario->components[1].autoscale;
        QCOMPARE(autoscale.metric, std::optional(model::AutoscaleMetric::Cpu));
        QCOMPARE(autoscale.max, std::optional(40));
        QCOMPARE(model::loadScenarioText(model::toText(*loaded.scenario)).scenario, loaded.scenario);
        // A rate target is written as a rate.
        const std::string rate = R"({"format": "headroom-scenario", "version": 2, "name": "r", "components": [
          {"id": "users", "kind": "client", "rate": "10/s", "calls": [{"to": "api"}]},
          {"id": "api", "kind": "service", "service_time": "5ms", "autoscale": {"metric": "rate_per_instance", "target": "100/s", "max": 4}}]})";
        QVERIFY(model::toText(*model::loadScenarioText(rate).scenario).find(R"("target": "100/s")") != std::string::npos);
        // Mistakes, each named where it is.
        const auto bad = [&](const std::string& from, const std::string& to) {
            std::string broken = text;
            broken.replace(broken.find(from), from.size(), to);
            return problemPaths(broken);
        };
        QCOMPARE(bad(R"(, "max": 40)", ""), std::vector<std::string>{"components[1].autoscale.max: missing: the most instances the autoscaler may run, such as 40"});
        QCOMPARE(bad(R"("target": 0.5)", R"("target": 60)"),
                 std::vector<std::string>{"components[1].autoscale.target: a cpu target is a utilization, more than 0 and at most 1, got 60"});
        QCOMPARE(bad(R"("max": 40)", R"("max": 3)"),
                 std::vector<std::string>{"components[1].autoscale.max: must be at least the 4 instances the component starts with, got 3"});
        QCOMPARE(bad(R"("min": 2)", R"("min": 5)"),
                 std::vector<std::string>{"components[1].autoscale.min: must be at most the 4 instances the component starts with, got 5"});
        QCOMPARE(bad(R"("metric": "cpu")", R"("metric": "workers")"),
                 (std::vector<std::string>{R"(components[1].autoscale.metric: workers are measured only where the component has "workers"; give them, or use cpu)"}));
        // Only a service or a gateway scales.
        QVERIFY(!model::loadScenarioText(R"({"format": "headroom-scenario", "version": 2, "name": "d", "components": [
          {"id": "db", "kind": "database", "autoscale": {"max": 4}}]})").scenario);
    }
};

QTEST_APPLESS_MAIN(tst_Autoscaling)
#include "tst_Autoscaling.moc"
