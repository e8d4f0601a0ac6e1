// SPDX-License-Identifier: MIT
#include <QtTest>

#include <cmath>

#include "analytic/Sizing.h"
#include "model/ScenarioFile.h"

using namespace headroom;

namespace {

model::Scenario scenario(const std::string& components, const std::string& extra = "") {
    const std::string text = R"({"format": "headroom-scenario", "version": 1, "name": "t", "components": )" + components + extra + "}";
    const model::Loaded loaded = model::loadScenarioText(text);
    if (!loaded.scenario) qFatal("%s: %s", loaded.problems.front().path.c_str(), loaded.problems.front().message.c_str());
    return *loaded.scenario;
}

// 25/s into instances of one core shared by all requests (processor sharing), 100 ms each.
const std::string kService = R"([{"id": "u", "kind": "client", "rate": "25/s", "calls": [{"to": "s"}]},
    {"id": "s", "kind": "service", "service_time": "100ms"}])";

int instancesOf(const analytic::Sizing& sizing, const char* id) { return sizing.sized.find(id)->instances.value_or(1); }

}  // namespace

class tst_Sizing : public QObject {
    Q_OBJECT
private slots:
    void fewestInstancesThatMeetTheSlo();
    void aUtilizationLimitWithoutSlos();
    void thePeakOfTheProfileIsWhatCounts();
    void anSloNoCountCanMeetIsInfeasible();
    void shardsNeverShrinkBelowTheFile();
    void theSizedScenarioKeepsItsOwnRates();
};

void tst_Sizing::fewestInstancesThatMeetTheSlo() {
    // Per instance ρ = 2.5 / n and R = 0.1 / (1 − ρ); p99 taken as an exponential tail,
    // 4.605 R ≤ 1 s needs ρ ≤ 0.5395, n ≥ 4.63: 5 instances (p99 0.921 s; 4 give 1.228 s).
    const auto sizing = analytic::size(scenario(kService, R"(, "slo": [{"class": "u", "percentile": 99, "latency": "1s"}])"));
    QVERIFY(sizing.feasible);
    QCOMPARE(instancesOf(sizing, "s"), 5);
    QCOMPARE(sizing.changes.size(), std::size_t(1));
    QCOMPARE(sizing.changes[0].from, 1);
    QCOMPARE(sizing.changes[0].to, 5);
    QVERIFY(std::abs(*sizing.atPeak.slo[0].value - std::log(100.0) * 0.2) < 1e-9);
}

void tst_Sizing::aUtilizationLimitWithoutSlos() {
    // Below 40 % busy: 2.5 / n < 0.4 needs n ≥ 7 (6 give 41.7 %).
    analytic::SizingOptions options;
    options.maxUtilization = 0.4;
    QCOMPARE(instancesOf(analytic::size(scenario(kService), options), "s"), 7);
    // Without a limit or SLOs, just stable: 2.5 / n < 1 needs 3.
    QCOMPARE(instancesOf(analytic::size(scenario(kService)), "s"), 3);
}

void tst_Sizing::thePeakOfTheProfileIsWhatCounts() {
    // A spike doubles the rate to 50/s: ρ = 5 / n ≤ 0.5395 needs n ≥ 9.27, so 10.
    std::string spiky = kService;
    spiky.replace(spiky.find(R"("rate": "25/s",)"), 15, R"("rate": "25/s", "profile": {"shape": "spike", "at": "10s", "for": "5s", "factor": 2},)");
    const auto sizing = analytic::size(scenario(spiky, R"(, "slo": [{"class": "u", "percentile": 99, "latency": "1s"}])"));
    QCOMPARE(sizing.peakFactor, 2.0);
    QCOMPARE(instancesOf(sizing, "s"), 10);
}

void tst_Sizing::anSloNoCountCanMeetIsInfeasible() {
    // The object store alone takes 100 ms: a 50 ms p99 cannot be bought with instances.
    const auto sizing = analytic::size(scenario(R"([{"id": "u", "kind": "client", "rate": "25/s", "calls": [{"to": "s"}]},
        {"id": "s", "kind": "service", "service_time": "1ms", "calls": [{"to": "store"}]},
        {"id": "store", "kind": "object_store", "service_time": {"dist": "constant", "mean": "100ms"}}])",
        R"(, "slo": [{"class": "u", "percentile": 99, "latency": "50ms"}])"));
    QVERIFY(!sizing.feasible);
    QVERIFY(sizing.reason.find("cannot meet the SLOs") != std::string::npos);
}

void tst_Sizing::shardsNeverShrinkBelowTheFile() {
    // 10 reads/s at 1 ms need one shard, but the file has 8 for its data: they stay.
    const auto sizing = analytic::size(scenario(R"([{"id": "u", "kind": "client", "rate": "10/s", "calls": [{"to": "db"}]},
        {"id": "db", "kind": "database", "shards": 8, "service_time": "1ms"}])"));
    QVERIFY(sizing.feasible);
    QCOMPARE(*sizing.sized.find("db")->shards, 8);
    QVERIFY(sizing.changes.empty());
}

void tst_Sizing::theSizedScenarioKeepsItsOwnRates() {
    std::string spiky = kService;
    spiky.replace(spiky.find(R"("rate": "25/s",)"), 15, R"("rate": "25/s", "profile": {"shape": "spike", "at": "10s", "for": "5s", "factor": 2},)");
    const auto sizing = analytic::size(scenario(spiky));
    QCOMPARE(sizing.sized.find("u")->rate->value, 25.0);  // not the peak's 50
    QCOMPARE(instancesOf(sizing, "s"), 6);                // 5 / n < 1 needs 6
}

QTEST_APPLESS_MAIN(tst_Sizing)
#include "tst_Sizing.moc"
