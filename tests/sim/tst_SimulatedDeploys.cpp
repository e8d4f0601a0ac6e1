// SPDX-License-Identifier: MIT
// Deploys and manual scales in the simulator, run through `headroom-cli simulate` as users run
// them, on cases counted by hand: constant arrivals of 20/s onto 4 instances of a 100 ms
// constant service time on one core each (2 busy cores: 0.5 each at 4, 2/3 at 3), priced at
// $0.10 an instance-hour; 10 s windows.
#include <QtTest>

#include <fstream>

#include "support/Simulate.h"

using headroom::model::Json;
using headroom::test::simulate;

namespace {

double number(const Json& value) { return value.get<double>(); }

Json fleetScenario(const Json& events, const std::string& duration = "300s") {
    const Json users = {{"id", "users"}, {"kind", "client"}, {"rate", "20/s"}, {"arrivals", "constant"}, {"calls", Json::array({{{"to", "api"}}})}};
    const Json api = {{"id", "api"},
                      {"kind", "service"},
                      {"instances", 4},
                      {"service_time", {{"dist", "constant"}, {"mean", "100ms"}}},
                      {"cost", {{"per_instance_hour", 0.1}}}};
    return {{"format", "headroom-scenario"}, {"version", 2}, {"name", "deploys"}, {"components", Json::array({users, api})}, {"events", events},
            {"run", {{"duration", duration}, {"warmup", "0s"}, {"seed", 20261130}, {"replications", 2}}}};
}

/// The time series' value of `field` for pool "api" in the window holding `t`.
double seriesAt(const Json& result, const char* field, double t) {
    const Json& series = result["time_series"];
    return number(series["pools"]["api"][field][std::size_t(t / number(series["interval"]))]);
}

/// The mean of `field` for pool "api" over the windows starting in [from, to): a utilization
/// over several windows, where the work done in one 5 s window varies with its queue.
double meanOver(const Json& result, const char* field, double from, double to) {
    const Json& series = result["time_series"];
    const double interval = number(series["interval"]);
    double sum = 0.0;
    int windows = 0;
    for (double t = from; t < to - 1e-9; t += interval, ++windows) sum += seriesAt(result, field, t);
    return sum / windows;
}

}  // namespace

class tst_SimulatedDeploys : public QObject {
    Q_OBJECT
private slots:
    void aRollingDeployRunsOneShortForEachBatch();
    void blueGreenPaysForTwoFleetsDuringStartAndDrain();
    void aCanaryTakesItsShareThenTheRestRolls();
    void aScaleBootsNewInstancesAndDrainsSurplusOnes();
    void theRollingAgainstBlueGreenExampleShowsWhatItsDescriptionSays();
};

void tst_SimulatedDeploys::aRollingDeployRunsOneShortForEachBatch() {
    // Rolling at 100 s with max_unavailable 1 and max_surge 0: each batch takes 1 old instance
    // out and starts 1 new one, which takes traffic start_time = 30 s later. ⌈4 / 1⌉ = 4 batches:
    // [100, 130), [130, 160), [160, 190), [190, 220), at 3 instances each, then 4. The analytic
    // load at 3 instances is λS/3 = 20 × 0.1 / 3 = 2/3 each: the simulated utilization of the
    // deploy's windows. The new version is 1.5× slower: from 220 s each runs at 20 × 0.15 / 4 = 0.75.
    const Json deploy = {{"at", "100s"},      {"change", "deploy"}, {"component", "api"},  {"strategy", "rolling"},
                         {"max_unavailable", 1}, {"max_surge", 0},   {"start_time", "30s"}, {"drain", "10s"}, {"service_time_factor", 1.5}};
    const auto out = simulate(fleetScenario(Json::array({deploy})));
    QCOMPARE(out.exitCode, 0);
    for (double t = 105.0; t < 220.0; t += 10.0) QCOMPARE(seriesAt(out.result, "instances", t), 3.0);
    QCOMPARE(seriesAt(out.result, "instances", 95.0), 4.0);
    QCOMPARE(seriesAt(out.result, "instances", 225.0), 4.0);
    // Within each batch the 3 serving are 2 old and 1 new (or 3 old first): the load differs by
    // version, so check the first batch, all old: 2 busy cores ÷ 3.
    QVERIFY(std::abs(meanOver(out.result, "utilization", 100.0, 130.0) - 2.0 / 3.0) < 0.01);
    QVERIFY(std::abs(meanOver(out.result, "utilization", 240.0, 300.0) - 0.75) < 0.01);
    const Json& event = out.result["events"][0];
    QCOMPARE(event["kind"].get<std::string>(), std::string("deploy"));
    QCOMPARE(number(event["until"]), 220.0);
    QCOMPARE(number(event["impact"]["capacity_dip"]), 1.0);
    QCOMPARE(number(event["impact"]["failed"]), 0.0);
}

void tst_SimulatedDeploys::blueGreenPaysForTwoFleetsDuringStartAndDrain() {
    // Blue-green at 100 s, start_time 30 s, drain 60 s, a 300 s run. The green set (4) is billed
    // from 100 s to the end: 4 × 200 = 800 s. The blue set (4) serves until the switch at 130 s
    // and is kept, billed, until 130 + 60 = 190 s: 4 × 190 = 760 s. Together 1,560 instance-
    // seconds, against 4 × 300 = 1,200 fixed: the double fleet costs 4 × (30 + 60) = 360 more.
    // Mean 1,560 ÷ 300 = 5.2 instances: 5.2 × $0.10 × 720 h = $374.40 a month. Capacity never
    // dips: 4 serve throughout (the switch is one instant).
    const Json deploy = {{"at", "100s"}, {"change", "deploy"}, {"component", "api"}, {"strategy", "blue_green"}, {"start_time", "30s"}, {"drain", "60s"}};
    const auto out = simulate(fleetScenario(Json::array({deploy})));
    QCOMPARE(out.exitCode, 0);
    const Json& api = out.result["components"]["api"];
    QVERIFY2(std::abs(number(api["mean_instances"]) - 5.2) < 1e-9, qPrintable(QString::number(number(api["mean_instances"]), 'g', 12)));
    QVERIFY(std::abs(number(api["cost_per_month"]) - 374.4) < 1e-6);
    QCOMPARE(seriesAt(out.result, "booting", 115.0), 4.0);
    QCOMPARE(seriesAt(out.result, "instances", 115.0), 4.0);
    QCOMPARE(seriesAt(out.result, "instances", 165.0), 4.0);
    const Json& event = out.result["events"][0];
    QCOMPARE(number(event["until"]), 190.0);
    QCOMPARE(number(event["impact"]["capacity_dip"]), 0.0);
}

void tst_SimulatedDeploys::aCanaryTakesItsShareThenTheRestRolls() {
    // Canary at 100 s: one new instance (1.2× slower) starts, takes traffic at 130 s with
    // canary_fraction 0.25 of it for canary_for 60 s. Meanwhile the canary carries 5/s × 0.12 s
    // = 0.6 busy cores and the 4 old ones 15/s × 0.1 s = 1.5: 2.1 over 5 instances = 0.42 each.
    // At 190 s it joins the rotation, one old drains, and the other 3 roll one at a time
    // (max_unavailable 1, max_surge 0) in 3 batches of 30 s at 3 serving: done at 280 s, the
    // event's end (30 + 60 + 3 × 30 = 180 s after its start). Then 4 new: 20 × 0.12 ÷ 4 = 0.6 each.
    const Json deploy = {{"at", "100s"},           {"change", "deploy"},     {"component", "api"},       {"strategy", "canary"},
                         {"canary_fraction", 0.25}, {"canary_for", "60s"},     {"max_unavailable", 1},     {"max_surge", 0},
                         {"start_time", "30s"},     {"drain", "10s"},         {"service_time_factor", 1.2}};
    const auto out = simulate(fleetScenario(Json::array({deploy}), "360s"));
    QCOMPARE(out.exitCode, 0);
    QCOMPARE(seriesAt(out.result, "instances", 155.0), 5.0);
    QVERIFY2(std::abs(meanOver(out.result, "utilization", 140.0, 190.0) - 0.42) < 0.01, qPrintable(QString::number(meanOver(out.result, "utilization", 140.0, 190.0))));
    QCOMPARE(seriesAt(out.result, "instances", 235.0), 3.0);
    QCOMPARE(number(out.result["events"][0]["until"]), 280.0);
    QCOMPARE(seriesAt(out.result, "instances", 295.0), 4.0);
    QVERIFY(std::abs(meanOver(out.result, "utilization", 300.0, 360.0) - 0.6) < 0.01);
}

void tst_SimulatedDeploys::aScaleBootsNewInstancesAndDrainsSurplusOnes() {
    // Scale to 6 at 60 s: 2 boot for the F12 boot time, 90 s, and take traffic at 150 s (each then
    // at 2 ÷ 6 = 1/3). Scale to 3 at 200 s: the 3 newest drain (idle within one 100 ms request)
    // and 3 carry the 2 busy cores, 2/3 each. Billed: 4 × 60 + 6 × 140 + 3 × 100 = 1,380
    // instance-seconds over 300 s.
    const Json events = Json::array({{{"at", "60s"}, {"change", "scale"}, {"component", "api"}, {"instances", 6}},
                                     {{"at", "200s"}, {"change", "scale"}, {"component", "api"}, {"instances", 3}}});
    const auto out = simulate(fleetScenario(events));
    QCOMPARE(out.exitCode, 0);
    QCOMPARE(seriesAt(out.result, "instances", 145.0), 4.0);
    QCOMPARE(seriesAt(out.result, "booting", 145.0), 2.0);
    QCOMPARE(seriesAt(out.result, "instances", 155.0), 6.0);
    QVERIFY(std::abs(meanOver(out.result, "utilization", 150.0, 200.0) - 1.0 / 3.0) < 0.01);
    QCOMPARE(seriesAt(out.result, "instances", 205.0), 3.0);
    QVERIFY(std::abs(meanOver(out.result, "utilization", 210.0, 300.0) - 2.0 / 3.0) < 0.01);
    QVERIFY(std::abs(number(out.result["components"]["api"]["mean_instances"]) * 300.0 - 1380.0) < 1.0);
    QCOMPARE(out.result["events"][1]["kind"].get<std::string>(), std::string("scale"));
}

void tst_SimulatedDeploys::theRollingAgainstBlueGreenExampleShowsWhatItsDescriptionSays() {
    // rolling-vs-blue-green: 8 of each at 1,100/s × 10 ms ÷ 2 cores = 69 % busy. Rolling with the
    // F14 defaults (2 unavailable, 2 surge) runs 2 batches of 60 s at 6 (92 % busy): capacity dip
    // 2, its p99 over the SLO. Blue-green never dips and meets it, and bills the old set from 30 s
    // (warm-up) to the switch at 180 s plus 120 s of drain and the new one from 120 s to 480 s:
    // 8 × (270 + 360) ÷ 450 = 11.2 instances on average, against rolling's 8 + 2 booting × 120 s
    // ÷ 450 ≈ 8.53.
    std::ifstream file(HEADROOM_SOURCE_DIR "/scenarios/rolling-vs-blue-green.headroom.json");
    const auto out = simulate(Json::parse(file));
    QCOMPARE(out.exitCode, 3);  // the rolling one misses its SLO
    const Json& events = out.result["events"];
    QCOMPARE(number(events[0]["impact"]["capacity_dip"]), 2.0);
    QCOMPARE(number(events[1]["impact"]["capacity_dip"]), 0.0);
    QVERIFY(number(events[0]["impact"]["peak_p99"]) > 2 * number(events[1]["impact"]["peak_p99"]));
    QVERIFY(!out.result["slo"][0]["met"].get<bool>());
    QVERIFY(out.result["slo"][1]["met"].get<bool>());
    QVERIFY(std::abs(number(out.result["components"]["api_blue_green"]["mean_instances"]) - 11.2) < 1e-6);
    QVERIFY(std::abs(number(out.result["components"]["api_rolling"]["mean_instances"]) - 8.0 - 2.0 * 120.0 / 450.0) < 0.01);
}

QTEST_APPLESS_MAIN(tst_SimulatedDeploys)
#include "tst_SimulatedDeploys.moc"
