// SPDX-License-Identifier: MIT
// Sweeps: reading --vary ranges, the grid, a point's scenario, and the knee of a curve.
#include <QtTest>

#include <cmath>

#include "model/ScenarioFile.h"
#include "model/Sweep.h"

using namespace headroom::model;

namespace {

/// Two open clients at 1/s and 3/s to one service.
Scenario twoClients() {
    const Loaded loaded = loadScenarioText(R"({"format": "headroom-scenario", "version": 1, "name": "two",
  "components": [
    {"id": "a", "kind": "client", "rate": "1/s", "calls": [{"to": "s"}]},
    {"id": "b", "kind": "client", "rate": "3/s", "calls": [{"to": "s"}]},
    {"id": "s", "kind": "service", "instances": 2, "service_time": "10ms"}
  ]})");
    return *loaded.scenario;
}

double rateOf(const Scenario& scenario, const char* id) {
    for (const auto& component : scenario.components)
        if (component.id == id) return component.rate->value;
    return -1.0;
}

}  // namespace

class tst_Sweep : public QObject {
    Q_OBJECT

private slots:
    void countsStepByOne();
    void ratesAndDurationsTakeTheirUnits();
    void logarithmicStepsHaveEqualRatios();
    void rateScalesEveryOpenClientInProportion();
    void mistakesAreSaidWithTheSpec();
    void theGridHasTheFirstAxisOutermost();
    void theKneeOfAHockeyStick();
};

void tst_Sweep::countsStepByOne() {
    const auto axis = parseSweepAxis("components[s].instances=2..6", twoClients());
    QVERIFY2(axis, axis ? "" : axis.error().c_str());
    QCOMPARE(axis->kind, SweepAxis::Kind::Count);
    QCOMPARE(axis->values, (std::vector<double>{2, 3, 4, 5, 6}));
    // Ten points over 1..100 rounded: 1, 12, 23, …, 100 (step 11).
    const auto coarse = parseSweepAxis("components[s].instances=1..100:10", twoClients());
    QVERIFY(coarse);
    QCOMPARE(coarse->values, (std::vector<double>{1, 12, 23, 34, 45, 56, 67, 78, 89, 100}));
    // Rounding that repeats a count keeps it once: 1..3 in 5 points is 1, 1.5, 2, 2.5, 3 → 1, 2, 3
    // (2.5 rounds away from zero to 3, which follows 2).
    const auto repeated = parseSweepAxis("components[s].instances=1..3:5", twoClients());
    QVERIFY(repeated);
    QCOMPARE(repeated->values, (std::vector<double>{1, 2, 3}));
}

void tst_Sweep::ratesAndDurationsTakeTheirUnits() {
    const auto rate = parseSweepAxis("rate=1K/s..4K/s:4", twoClients());
    QVERIFY(rate);
    QCOMPARE(rate->kind, SweepAxis::Kind::Rate);
    QCOMPARE(rate->values, (std::vector<double>{1000, 2000, 3000, 4000}));
    QCOMPARE(valueText(*rate, 2000), std::string("2000/s"));
    const auto time = parseSweepAxis("components[s].service_time=2ms..8ms:4", twoClients());
    QVERIFY(time);
    QCOMPARE(time->kind, SweepAxis::Kind::Duration);
    QCOMPARE(time->values.size(), std::size_t(4));
    QVERIFY(std::abs(time->values[1] - 0.004) < 1e-15);
    QCOMPARE(valueText(*time, 0.004), std::string("4ms"));
}

void tst_Sweep::logarithmicStepsHaveEqualRatios() {
    // 100/s to 10K/s in 5 points: ratio (10⁴/10²)^(1/4) = √10 each: 100, 316.2, 1000, 3162, 10000.
    const auto axis = parseSweepAxis("rate=100/s..10K/s:5:log", twoClients());
    QVERIFY2(axis, axis ? "" : axis.error().c_str());
    QVERIFY(axis->logarithmic);
    const std::vector<double> expected{100, 100 * std::sqrt(10.0), 1000, 1000 * std::sqrt(10.0), 10000};
    for (std::size_t i = 0; i < expected.size(); ++i) QVERIFY(std::abs(axis->values[i] - expected[i]) < 1e-9 * expected[i]);
}

void tst_Sweep::rateScalesEveryOpenClientInProportion() {
    const Scenario scenario = twoClients();
    const auto axis = parseSweepAxis("rate=8/s..8/s", scenario);
    QVERIFY(axis);
    // 1/s and 3/s make 4/s; at 8/s each doubles: 2/s and 6/s.
    const auto at = scenarioAt(scenario, {*axis}, {0});
    QVERIFY(at);
    QCOMPARE(rateOf(*at, "a"), 2.0);
    QCOMPARE(rateOf(*at, "b"), 6.0);
}

void tst_Sweep::mistakesAreSaidWithTheSpec() {
    const Scenario scenario = twoClients();
    const auto error = [&](const char* spec) {
        const auto axis = parseSweepAxis(spec, scenario);
        return axis ? std::string() : axis.error();
    };
    QVERIFY(error("components[s].instances").find("expected PATH=FROM..TO") != std::string::npos);
    QVERIFY(error("components[x].instances=1..2").find("no component has the id \"x\"") != std::string::npos);
    QVERIFY(error("components[s].instnces=1..2").find("unknown key \"instnces\"") != std::string::npos);
    QVERIFY(error("components[s].instances=0..2").find("must be at least 1, got 0") != std::string::npos);
    QVERIFY(error("rate=1..5").find("a rate is written with its period") != std::string::npos);
    QVERIFY(error("rate=1K/s..5ms").find("same kind of unit") != std::string::npos);
    QVERIFY(error("rate=0/s..5/s:4:log").find("above zero") != std::string::npos);
    QVERIFY(error("rate=1/s..5/s:1").find("from 2 to 10000") != std::string::npos);
    QVERIFY(error("components[s].service_time=fast..slow").find("cannot read \"fast\"") != std::string::npos);
}

void tst_Sweep::theGridHasTheFirstAxisOutermost() {
    SweepAxis a, b;
    a.values = {1, 2};
    b.values = {10, 20, 30};
    const auto grid = sweepGrid({a, b});
    QCOMPARE(grid.size(), std::size_t(6));
    QCOMPARE(grid[0], (std::vector<std::size_t>{0, 0}));
    QCOMPARE(grid[2], (std::vector<std::size_t>{0, 2}));
    QCOMPARE(grid[3], (std::vector<std::size_t>{1, 0}));
}

void tst_Sweep::theKneeOfAHockeyStick() {
    // M/M/1 mean response 1/(1 − ρ) (in service times) at ρ = 0.1, 0.2, …, 0.9: 1.11, 1.25, 1.43,
    // 1.67, 2, 2.5, 3.33, 5, 10. Scaled to [0, 1] (x: (ρ − 0.1)/0.8, y: (R − 1.11)/8.89), the
    // chord is y = x and the distance below it, x − y, at ρ = 0.2 … 0.8 is 0.109, 0.214, 0.313,
    // 0.400, 0.469, 0.500, 0.438: largest at ρ = 0.7 (x = 0.75, y = 0.25), index 6.
    std::vector<double> x, y;
    for (int i = 1; i <= 9; ++i) {
        x.push_back(i / 10.0);
        y.push_back(1.0 / (1.0 - i / 10.0));
    }
    QCOMPARE(kneeOf(x, y), std::optional<std::size_t>(6));
    // Latency against instances falls and flattens: the same curve mirrored, whose chord runs
    // from (0, 1) to (1, 0); point i lies as far below it as point 8 − i above, so index 2.
    std::vector<double> reversedY(y.rbegin(), y.rend());
    QCOMPARE(kneeOf(x, reversedY), std::optional<std::size_t>(2));
    // A straight line has no knee; nor do two points.
    QCOMPARE(kneeOf({1, 2, 3, 4}, {2, 4, 6, 8}), std::optional<std::size_t>());
    QCOMPARE(kneeOf({1, 2}, {1, 5}), std::optional<std::size_t>());
}

QTEST_GUILESS_MAIN(tst_Sweep)
#include "tst_Sweep.moc"
