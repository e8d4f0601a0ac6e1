// SPDX-License-Identifier: MIT
// Autoscaling in the simulator, run through `headroom-cli simulate` as users run it, on cases
// small enough to count by hand: constant arrivals and constant service times, so that each
// period's demand is known exactly and every decision, boot and bill can be worked out.
#include <QtTest>

#include <fstream>

#include "support/Simulate.h"

using headroom::model::Json;
using headroom::test::simulate;

namespace {

double number(const Json& value) { return value.get<double>(); }

/// Users at `rate` with constant arrivals and `profile`, calling an autoscaled service of
/// 100 ms constant service time on one core, priced at $0.10 an instance-hour.
Json stepScenario(const std::string& rate, const Json& profile, int instances, const Json& autoscale, const std::string& duration) {
    Json users = {{"id", "users"}, {"kind", "client"}, {"rate", rate}, {"arrivals", "constant"}, {"calls", Json::array({{{"to", "api"}}})}};
    if (!profile.is_null()) users["profile"] = profile;
    const Json api = {{"id", "api"},
                      {"kind", "service"},
                      {"instances", instances},
                      {"service_time", {{"dist", "constant"}, {"mean", "100ms"}}},
                      {"cost", {{"per_instance_hour", 0.1}}},
                      {"autoscale", autoscale}};
    return {{"format", "headroom-scenario"}, {"version", 2},         {"name", "autoscaling"}, {"components", Json::array({users, api})},
            {"run", {{"duration", duration}, {"warmup", "0s"}, {"seed", 20261130}, {"replications", 2}}}};
}

Json steps(std::initializer_list<std::pair<const char*, double>> list) {
    Json out = Json::array();
    for (const auto& [at, factor] : list) out.push_back({{"at", at}, {"factor", factor}});
    return {{"shape", "steps"}, {"steps", out}};
}

/// The time series' value of `field` for pool "api" in the window holding `t`.
double seriesAt(const Json& result, const char* field, double t) {
    const Json& series = result["time_series"];
    return number(series["pools"]["api"][field][std::size_t(t / number(series["interval"]))]);
}

}  // namespace

class tst_SimulatedAutoscaling : public QObject {
    Q_OBJECT
private slots:
    void aStepIsMetAtTheFirstPeriodBoundaryAndServedAfterTheBoot();
    void aLoadAtTheTargetsEdgeDoesNotFlap();
    void ratePerInstanceScalesToTheRateOverTheTarget();
    void theSimulatorLagsWhereTheAnalyticOutrunSays();
    void sameSeedSameBytes();
    void theExamplesShowWhatTheirDescriptionsSay();
};

void tst_SimulatedAutoscaling::aStepIsMetAtTheFirstPeriodBoundaryAndServedAfterTheBoot() {
    // 2 instances, S = 100 ms on 1 core, λ₁ = 6/s (demand 0.6 busy cores, 0.3 each), stepping to
    // λ₂ = 18/s at t₀ = 70 s and back to 6/s at 400 s. cpu target 0.6, period P = 60 s, boot
    // B = 30 s, cooldown 300 s, scale-in after 300 s, min 2, max 6.
    // - 60 s: demand 0.6 over [0, 60) is 0.6 ÷ (2 × 0.6) = 0.5 of the target: desired ceil(1) = 1,
    //   clamped to min 2. No change.
    // - 120 s, the first boundary after t₀: demand (10 s × 0.6 + 50 s × 1.8) ÷ 60 s = 1.6, 1.33
    //   of the target: ceil(1.6 ÷ 0.6) = 3. The count λ₂ asks for is ceil(λ₂ S ÷ (target ×
    //   cores)) = ceil(1.8 ÷ 0.6) = 3 too. One launches at 120 s and takes traffic at 150 s.
    // - 180 s … 420 s: demand 1.8 (420 s: 40 s × 1.8 + 20 s × 0.6 = 1.4 → ceil 2.33 = 3): 3 stay.
    // - 480 s: demand 0.6 asks for 2 < 3: lower since 480 s, so the scale-in is at 780 s.
    // Billed: 2 × 900 s + (780 − 120) s = 2,460 s (the drain of an instance at 0.2 busy takes
    // at most one 100 ms request): 0.6833 instance-hours, 2.7333 instances on average, so
    // 2.7333 × $0.10 × 720 h = $196.80 a month, against 3 × $0.10 × 720 = $216 for the peak
    // held fixed. Taking traffic: 2 for 150 + 120 = 270 s (30 %), 3 for 630 s (70 %).
    const Json autoscale = {{"metric", "cpu"}, {"target", 0.6},     {"min", 2},          {"max", 6},
                            {"period", "60s"}, {"boot_time", "30s"}, {"cooldown", "300s"}, {"scale_in_after", "300s"}};
    const auto out = simulate(stepScenario("6/s", steps({{"70s", 3.0}, {"400s", 1.0}}), 2, autoscale, "900s"));
    QCOMPARE(out.exitCode, 0);
    const Json& scaling = out.result["autoscaling"][0];
    QCOMPARE(scaling["component"].get<std::string>(), std::string("api"));
    const Json& actions = scaling["actions"];
    QCOMPARE(actions.size(), std::size_t(2));
    QCOMPARE(number(actions[0]["at"]), 120.0);
    QCOMPARE(actions[0]["from"].get<int>(), 2);
    QCOMPARE(actions[0]["to"].get<int>(), 3);
    QCOMPARE(number(actions[0]["ready"]), 150.0);
    QCOMPARE(number(actions[1]["at"]), 780.0);
    QCOMPARE(actions[1]["to"].get<int>(), 2);
    QVERIFY(actions[1]["ready"].is_null());
    // The instance series (10 s windows): 2 before the boot, booting in [120, 150), 3 after.
    QCOMPARE(seriesAt(out.result, "instances", 115.0), 2.0);
    QCOMPARE(seriesAt(out.result, "booting", 125.0), 1.0);
    QCOMPARE(seriesAt(out.result, "booting", 145.0), 1.0);
    QCOMPARE(seriesAt(out.result, "instances", 155.0), 3.0);
    QCOMPARE(seriesAt(out.result, "booting", 155.0), 0.0);
    QCOMPARE(seriesAt(out.result, "instances", 795.0), 2.0);
    // At 3 instances and 18/s each runs at 1.8 ÷ 3 = 0.6 (random spread: the total is exact,
    // the shares vary; the series divides the total).
    QVERIFY(std::abs(seriesAt(out.result, "utilization", 255.0) - 0.6) < 0.01);
    QVERIFY2(std::abs(number(scaling["instance_hours"]) - 2460.0 / 3600.0) < 1.0 / 3600.0, qPrintable(QString::number(number(scaling["instance_hours"]) * 3600.0)));
    QVERIFY(std::abs(number(scaling["mean_instances"]) - 2460.0 / 900.0) < 1.0 / 900.0);
    QVERIFY(std::abs(number(scaling["cost_per_month"]) - 196.8) < 0.1);
    QCOMPARE(number(scaling["fixed_cost_per_month"]), 216.0);
    QCOMPARE(number(out.result["components"]["api"]["cost_per_month"]), number(scaling["cost_per_month"]));
    QCOMPARE(scaling["instances_at_peak"].get<int>(), 3);
    QCOMPARE(scaling["levels"].size(), std::size_t(2));
    QVERIFY(std::abs(number(scaling["levels"][0]["share"]) - 0.3) < 1e-3);
    QVERIFY(std::abs(number(scaling["levels"][1]["share"]) - 0.7) < 1e-3);
}

void tst_SimulatedAutoscaling::aLoadAtTheTargetsEdgeDoesNotFlap() {
    // 3 instances hold 18/s × 100 ms = 1.8 busy cores = 3 × 0.6, exactly the target; the load
    // alternates each 60 s period between ×1.15 (2.07, asking ceil(3.45) = 4) and ×0.85 (1.53,
    // asking ceil(2.55) = 3). A load held exactly at the target (×1: 1.8 ÷ 1.8 = 1) is inside
    // the tolerance: no action at all.
    const Json autoscale = {{"target", 0.6}, {"min", 2}, {"max", 6}, {"period", "60s"}, {"boot_time", "30s"}};
    const auto held = simulate(stepScenario("18/s", nullptr, 3, autoscale, "900s"));
    QCOMPARE(held.exitCode, 0);
    QCOMPARE(held.result["autoscaling"][0]["actions"].size(), std::size_t(0));
    // Alternating: at 60 s it scales out to 4 (2.07 ÷ 1.8 = 1.15 is outside the tolerance).
    // From then on every other period asks for 4 again, so the lower demand never lasts the
    // 300 s scale_in_after (F10): one action in 900 s.
    Json alternating = steps({});
    for (int k = 0; k < 15; ++k) alternating["steps"].push_back({{"at", std::to_string(60 * k) + "s"}, {"factor", k % 2 == 0 ? 1.15 : 0.85}});
    const auto stabilized = simulate(stepScenario("18/s", alternating, 3, autoscale, "900s"));
    QCOMPARE(stabilized.exitCode, 0);
    const Json& actions = stabilized.result["autoscaling"][0]["actions"];
    QCOMPARE(actions.size(), std::size_t(1));
    QCOMPARE(number(actions[0]["at"]), 60.0);
    QCOMPARE(actions[0]["to"].get<int>(), 4);
    // Without the stabilization and the cooldown it flaps: out at 60 s, in at 120 s (1.53 at 4
    // running is 0.64 of the target, asking 3), out at 180 s (2.07 at 3 is 1.15), … an action
    // at each of the 14 boundaries 60 s … 840 s.
    Json eager = autoscale;
    eager["scale_in_after"] = "0s";
    eager["cooldown"] = "0s";
    const auto flapping = simulate(stepScenario("18/s", alternating, 3, eager, "900s"));
    QCOMPARE(flapping.exitCode, 0);
    QCOMPARE(flapping.result["autoscaling"][0]["actions"].size(), std::size_t(14));
}

void tst_SimulatedAutoscaling::ratePerInstanceScalesToTheRateOverTheTarget() {
    // rate_per_instance with a target of 5/s each: 10/s on 2 instances is the target exactly.
    // At 70 s the rate steps to 30/s: the period [60, 120) carries (10 × 10 + 50 × 30) ÷ 60 =
    // 26.67/s, asking ceil(26.67 ÷ 5) = ceil(5.33) = 6; 4 launch at 120 s and take traffic at
    // 150 s. From 180 s the demand is 30/s, asking 6: nothing more.
    const Json autoscale = {{"metric", "rate_per_instance"}, {"target", "5/s"}, {"min", 2}, {"max", 8}, {"period", "60s"}, {"boot_time", "30s"}};
    const auto out = simulate(stepScenario("10/s", steps({{"70s", 3.0}}), 2, autoscale, "300s"));
    QCOMPARE(out.exitCode, 0);
    const Json& actions = out.result["autoscaling"][0]["actions"];
    QCOMPARE(actions.size(), std::size_t(1));
    QCOMPARE(number(actions[0]["at"]), 120.0);
    QCOMPARE(actions[0]["to"].get<int>(), 6);
    QCOMPARE(seriesAt(out.result, "instances", 145.0), 2.0);
    QCOMPARE(seriesAt(out.result, "booting", 145.0), 4.0);
    QCOMPARE(seriesAt(out.result, "instances", 155.0), 6.0);
}

void tst_SimulatedAutoscaling::theSimulatorLagsWhereTheAnalyticOutrunSays() {
    // tst_Cli::anAutoscalerIsAnalyzed's spike: 20/s × 5 from 70 s for 120 s onto 4 instances of
    // 50 ms (target 0.5, period 60 s, boot 90 s). The analytic outlook says: saturated at 70 s,
    // decided at 120 s, capacity at 210 s. The simulator decides at the same boundary: the
    // period [60 s, 120 s) carries 10 s at 20/s × 50 ms = 1 busy core and 50 s saturated at all 4
    // (100/s × 50 ms = 5 > 4), demand (10 + 200) ÷ 60 = 3.5 cores, asking ceil(3.5 ÷ 0.5) = 7;
    // they take traffic at 120 + 90 = 210 s. (The 300 s cooldown then holds past the spike.)
    const Json scenario = {{"format", "headroom-scenario"}, {"version", 2}, {"name", "spike"},
        {"components", Json::array({
            {{"id", "u"}, {"kind", "client"}, {"rate", "20/s"}, {"profile", {{"shape", "spike"}, {"at", "70s"}, {"for", "120s"}, {"factor", 5}}},
             {"calls", Json::array({{{"to", "s"}}})}},
            {{"id", "s"}, {"kind", "service"}, {"instances", 4}, {"service_time", "50ms"},
             {"autoscale", {{"target", 0.5}, {"min", 2}, {"max", 40}, {"period", "60s"}, {"boot_time", "90s"}}}}})},
        {"run", {{"duration", "600s"}, {"replications", 2}}}};
    const auto out = simulate(scenario);
    QCOMPARE(out.exitCode, 0);
    const Json& action = out.result["autoscaling"][0]["actions"][0];
    QCOMPARE(number(action["at"]), 120.0);
    QCOMPARE(number(action["ready"]), 210.0);
    QCOMPARE(action["to"].get<int>(), 7);
    // Meanwhile requests pile up at (100 − 80)/s for 140 s: the window p99 after 190 s is
    // seconds, not the 50 ms-scale of the calm before 70 s.
    const Json& p99 = out.result["time_series"]["classes"]["u"]["p99"];
    const double interval = number(out.result["time_series"]["interval"]);
    QVERIFY(number(p99[std::size_t(60.0 / interval)]) < 0.5);
    QVERIFY(number(p99[std::size_t(200.0 / interval)]) > 1.0);
}

void tst_SimulatedAutoscaling::sameSeedSameBytes() {
    Json scenario = stepScenario("6/s", steps({{"70s", 3.0}, {"400s", 1.0}}), 2,
                                 {{"max", 6}, {"period", "60s"}, {"boot_time", "30s"}, {"scale_in_after", "120s"}}, "600s");
    scenario["components"][0]["arrivals"] = "poisson";
    scenario["components"][1]["service_time"] = "100ms";
    const auto first = simulate(scenario);
    const auto second = simulate(scenario);
    QCOMPARE(first.exitCode, 0);
    QVERIFY(!first.result["autoscaling"][0]["actions"].empty());
    QCOMPARE(first.out, second.out);
}

namespace {

Json example(const std::string& name) {
    std::ifstream file(HEADROOM_SOURCE_DIR "/scenarios/" + name + ".headroom.json");
    return Json::parse(file);
}

const Json& outlookOf(const Json& result, const std::string& component) {
    for (const Json& outlook : result["autoscaling"])
        if (outlook["component"] == component) return outlook;
    static const Json none;
    return none;
}

}  // namespace

void tst_SimulatedAutoscaling::theExamplesShowWhatTheirDescriptionsSay() {
    // flash-sale: the ramp is 3 (1 + t/60) busy-core-instances (300/s × 20 ms ÷ 2 cores) until
    // 120 s, then 9. The stock autoscaler's first period [0, 60) carries 4.5, asking ceil(4.5 ÷ 0.6)
    // = 8: launched at 60 s, serving at 150 s. Its 5 saturate at 3 (1 + t/60) = 5, t = 40 s, and 8
    // are too few for 9; the 300 s cooldown holds the next move until 360 s (serving at 450 s).
    // Its users time out meanwhile. The tuned one (15 s periods, 30 s boot and cooldown, target
    // 0.5) decides at 15, 45, 75, 105 and 135 s and never saturates: it meets its SLO and bills more.
    const auto flash = simulate(example("flash-sale"));
    QCOMPARE(flash.exitCode, 3);  // the lagging one misses its SLO
    const Json& lagging = outlookOf(flash.result, "checkout_default");
    QCOMPARE(number(lagging["actions"][0]["at"]), 60.0);
    QCOMPARE(number(lagging["actions"][0]["ready"]), 150.0);
    QCOMPARE(lagging["actions"][0]["to"].get<int>(), 8);
    QCOMPARE(number(lagging["actions"][1]["at"]), 360.0);
    QCOMPARE(number(lagging["actions"][1]["ready"]), 450.0);
    const Json& tuned = outlookOf(flash.result, "checkout_tuned");
    std::vector<double> decided;
    for (const Json& action : tuned["actions"]) decided.push_back(number(action["at"]));
    QCOMPARE(decided, (std::vector<double>{15.0, 45.0, 75.0, 105.0, 135.0}));
    QVERIFY(number(flash.result["classes"]["shoppers"]["availability"]) < 0.9);
    QVERIFY(number(flash.result["classes"]["shoppers_tuned"]["availability"]) > 0.999);
    QVERIFY(flash.result["slo"][1]["met"].get<bool>());
    QVERIFY(!flash.result["slo"][0]["met"].get<bool>());
    QVERIFY(number(tuned["instance_hours"]) > number(lagging["instance_hours"]));
    // diurnal-autoscaling: the analytic engine integrates the target's count over the day; the
    // simulation bills less than the 9 held at the peak ($269.57), and within the lag of the
    // analytic mean (scale-ins wait 5 minutes; the tolerance keeps 8 at the peak).
    Json day = example("diurnal-autoscaling");
    day["run"]["replications"] = 1;
    const auto simulatedDay = simulate(day);
    QCOMPARE(simulatedDay.exitCode, 0);
    const Json& followed = simulatedDay.result["autoscaling"][0];
    QVERIFY(number(followed["cost_per_month"]) < 9 * 0.0416 * 720);
    QVERIFY2(std::abs(number(followed["mean_instances"]) - 5.925) < 0.3, qPrintable(QString::number(number(followed["mean_instances"]))));
    QVERIFY(simulatedDay.result["slo"][0]["met"].get<bool>());
}

QTEST_APPLESS_MAIN(tst_SimulatedAutoscaling)
#include "tst_SimulatedAutoscaling.moc"
