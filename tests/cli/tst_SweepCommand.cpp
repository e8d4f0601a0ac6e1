// SPDX-License-Identifier: MIT
// `headroom-cli sweep`: the analytic curve at hand-worked points, the simulated curve with the
// same seed at every point, CSV, and the batch path (plan, one task a point, merge) giving the
// same bytes as the sweep run in one go.
#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/Run.h"
#include "support/CliRun.h"

using headroom::test::cli;
using headroom::test::readAll;
using headroom::test::write;
using nlohmann::json;

namespace {

// M/M/2: one instance of two cores and two workers at 100 ms (μ = 10/s a core). A run of
// 4 × 2,000 s gives intervals of a few per cent.
const char* kTwoServers = R"({"format": "headroom-scenario", "version": 1, "name": "mm2",
  "components": [
    {"id": "u", "kind": "client", "rate": "5/s", "calls": [{"to": "s"}]},
    {"id": "s", "kind": "service", "cores": 2, "workers": 2, "service_time": "100ms"}
  ],
  "run": {"duration": "2000s", "warmup": "50s", "seed": 3, "replications": 4}
})";

}  // namespace

class tst_SweepCommand : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { ::setenv("HEADROOM_WORKER", HEADROOM_CLI_PATH, 1); }
    void theAnalyticCurveIsMMcAtEachRate();
    void theSimulatedCurveRisesWithTheRateWithinItsIntervals();
    void csvHasAColumnPerFigureAndARowPerPoint();
    void aPlanRunPointByPointMergesToTheSameBytes();
    void theTaskIndexComesFromTheScheduler();
};

void tst_SweepCommand::theAnalyticCurveIsMMcAtEachRate() {
    QTemporaryDir dir;
    const std::string file = write(dir, "mm2.headroom.json", kTwoServers);
    const auto r = cli({"sweep", "--json", "--vary", "rate=5/s..15/s:3", file});
    QCOMPARE(r.code, 0);
    const json sweep = json::parse(r.out);
    QCOMPARE(sweep["points"].size(), std::size_t(3));
    // M/M/2 with a = λ/μ, ρ = a/2: the chance to wait is 2ρ²/(1 + ρ), the mean wait that over
    // (2μ − λ), the response the wait plus 1/μ = 0.1 s.
    //   λ = 5:  ρ = 0.25, wait chance 0.1,     wait 0.1/15     = 0.00667, response 0.10667 s
    //   λ = 10: ρ = 0.5,  wait chance 1/3,     wait (1/3)/10   = 0.03333, response 0.13333 s
    //   λ = 15: ρ = 0.75, wait chance 0.64286, wait 0.64286/5  = 0.12857, response 0.22857 s
    const double expected[] = {0.1 + 0.1 / 15.0, 0.1 + (1.0 / 3.0) / 10.0, 0.1 + (2.0 * 0.5625 / 1.75) / 5.0};
    const double utilization[] = {0.25, 0.5, 0.75};
    for (int i = 0; i < 3; ++i) {
        const json& point = sweep["points"][i];
        QCOMPARE(point["point"], i + 1);
        QVERIFY2(std::abs(point["analytic"]["classes"]["u"]["mean"].get<double>() - expected[i]) < 1e-12, point.dump().c_str());
        QVERIFY2(std::abs(point["analytic"]["bottleneck_utilization"].get<double>() - utilization[i]) < 1e-12, point.dump().c_str());
        QVERIFY(!point.contains("simulation"));
    }
    QCOMPARE(sweep["points"][1]["labels"]["rate"], "10/s");
}

void tst_SweepCommand::theSimulatedCurveRisesWithTheRateWithinItsIntervals() {
    QTemporaryDir dir;
    const std::string file = write(dir, "mm2.headroom.json", kTwoServers);
    const auto r = cli({"sweep", "--json", "-j", "2", "--simulate-points", "all", "--vary", "rate=5/s..15/s:3", file});
    QCOMPARE(r.code, 0);
    const json sweep = json::parse(r.out);
    double previous = 0.0;
    for (const auto& point : sweep["points"]) {
        const json& simulated = point["simulation"]["classes"]["u"];
        const double mean = simulated["mean"], half = simulated["mean_ci95"], exact = point["analytic"]["classes"]["u"]["mean"];
        QCOMPARE(point["simulation"]["seed"], 3);
        // The same seed at every point: more load, the same draws, a longer mean.
        QVERIFY2(mean > previous, point.dump().c_str());
        previous = mean;
        QVERIFY2(std::abs(mean - exact) <= half, point.dump().c_str());
    }
}

void tst_SweepCommand::csvHasAColumnPerFigureAndARowPerPoint() {
    QTemporaryDir dir;
    const std::string file = write(dir, "mm2.headroom.json", kTwoServers);
    const auto r = cli({"sweep", "--csv", "--vary", "rate=5/s..15/s:3", "--vary", "components[s].instances=1..2", file});
    QCOMPARE(r.code, 0);
    std::istringstream lines(r.out);
    std::string header;
    std::getline(lines, header);
    QVERIFY2(header.starts_with("rate,components[s].instances,u.analytic_throughput,u.analytic_mean,u.analytic_p99,"), header.c_str());
    int rows = 0;
    for (std::string line; std::getline(lines, line);) ++rows;
    QCOMPARE(rows, 6);  // 3 rates × 2 instance counts
}

void tst_SweepCommand::aPlanRunPointByPointMergesToTheSameBytes() {
    QTemporaryDir dir;
    const std::string file = write(dir, "mm2.headroom.json", kTwoServers);
    const std::string plan = dir.path().toStdString() + "/plan";
    QCOMPARE(cli({"sweep", "--plan", plan, "--vary", "rate=5/s..15/s:3", file}).code, 0);
    // Before every task has run, the merge says which points are missing.
    QCOMPARE(cli({"sweep", "--run-point", plan, "--index", "0", "-j", "2"}).code, 0);
    const auto early = cli({"sweep", "--merge", plan});
    QCOMPARE(early.code, 4);
    QVERIFY2(early.err.find("2 of 3 simulated points missing or unreadable: point 2, 3") != std::string::npos, early.err.c_str());
    for (const char* task : {"2", "1"}) QCOMPARE(cli({"sweep", "--run-point", plan, "--index", task, "-j", "2"}).code, 0);
    const auto merged = cli({"sweep", "--merge", plan, "--json"});
    QCOMPARE(merged.code, 0);
    const auto local = cli({"sweep", "--json", "-j", "2", "--simulate-points", "all", "--vary", "rate=5/s..15/s:3", file});
    QCOMPARE(merged.out, local.out);
    QCOMPARE(cli({"sweep", "--run-point", plan, "--index", "3"}).code, 2);
}

void tst_SweepCommand::theTaskIndexComesFromTheScheduler() {
    QTemporaryDir dir;
    const std::string file = write(dir, "mm2.headroom.json", kTwoServers);
    const std::string plan = dir.path().toStdString() + "/plan";
    QCOMPARE(cli({"sweep", "--plan", plan, "--simulate-points", "1,3", "--vary", "rate=5/s..15/s:3", file}).code, 0);
    // Task 1 of a plan that simulates points 1 and 3 is point 3.
    ::setenv("SLURM_ARRAY_TASK_ID", "1", 1);
    const auto slurm = cli({"sweep", "--run-point", plan, "-j", "2"});
    ::unsetenv("SLURM_ARRAY_TASK_ID");
    QCOMPARE(slurm.code, 0);
    QVERIFY2(slurm.out.find("point 3 (task 1)") != std::string::npos, slurm.out.c_str());
    ::setenv("JOB_COMPLETION_INDEX", "0", 1);
    const auto kubernetes = cli({"sweep", "--run-point", plan, "-j", "2"});
    ::unsetenv("JOB_COMPLETION_INDEX");
    QVERIFY2(kubernetes.out.find("point 1 (task 0)") != std::string::npos, kubernetes.out.c_str());
    const auto none = cli({"sweep", "--run-point", plan});
    QCOMPARE(none.code, 2);
    QVERIFY(none.err.find("no task index") != std::string::npos);
    QCOMPARE(cli({"sweep", "--merge", plan}).code, 0);
}

QTEST_GUILESS_MAIN(tst_SweepCommand)
#include "tst_SweepCommand.moc"
