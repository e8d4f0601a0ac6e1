// SPDX-License-Identifier: MIT
// `headroom-cli diff`: the file's changes, the result's deltas worked by hand, the gate's exit
// code, git:REV:PATH, and significance from common random numbers.
#include <QtTest>

#include <cmath>
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

/// Clients at 12/s to a service of `instances` instances, one worker each at 100 ms (μ = 10/s
/// per instance), priced at $0.10 an instance-hour; `extra` adds top-level keys.
std::string pool(int instances, const std::string& extra = "", const std::string& slo = R"([{"class": "u", "percentile": 99, "latency": "1s"}])") {
    return R"({"format": "headroom-scenario", "version": 1, "name": "pool",)" + extra + R"(
  "components": [
    {"id": "u", "kind": "client", "rate": "12/s", "calls": [{"to": "s"}]},
    {"id": "s", "kind": "service", "instances": )" +
           std::to_string(instances) + R"(, "workers": 1, "service_time": "100ms", "cost": {"per_instance_hour": 0.1}}
  ],
  "slo": )" + slo + R"(,
  "run": {"duration": "30s", "warmup": "3s", "seed": 11, "replications": 4}
})";
}

const json* metric(const json& diff, const std::string& subject, const std::string& name) {
    for (const auto& m : diff["metrics"])
        if (m["subject"] == subject && m["metric"] == name) return &m;
    return nullptr;
}

bool near(double actual, double expected, double relative = 1e-9) { return std::abs(actual - expected) <= relative * std::abs(expected); }

}  // namespace

class tst_DiffCommand : public QObject {
    Q_OBJECT

private slots:
    // Simulations run in worker processes of headroom-cli, not of this test program.
    void initTestCase() { ::setenv("HEADROOM_WORKER", HEADROOM_CLI_PATH, 1); }
    void removingAnInstanceMovesTheFiguresWorkedByHand();
    void aChangedDescriptionMovesNoFigureAndExitsZero();
    void componentsAreMatchedByIdAndMovesAreOneLine();
    void theGateFailsWhenTheNewFileMissesAnSlo();
    void markdownIsATableForAPullRequest();
    void gitRevisionsAreReadWithGitShow();
    void simulatedDeltasAreSignificantOnlyWhenTheyAre();
    void pairsRunUntilBothSidesAreAsPreciseAsAsked();
    void aPrecisionOutOfReachStopsAtTheCapAndFailsTheGate();
};

void tst_DiffCommand::removingAnInstanceMovesTheFiguresWorkedByHand() {
    QTemporaryDir dir;
    const std::string before = write(dir, "before.headroom.json", pool(3)), after = write(dir, "after.headroom.json", pool(2));
    const auto r = cli({"diff", "--json", before, after});
    // Exit 3: the new file misses its SLO (theGateFailsWhenTheNewFileMissesAnSlo).
    QCOMPARE(r.code, 3);
    const json diff = json::parse(r.out);
    QCOMPARE(diff["changes"].size(), std::size_t(1));
    QCOMPARE(diff["changes"][0]["path"], "components[s].instances");
    QCOMPARE(diff["changes"][0]["text"], "components[s].instances: 3 → 2");
    // Three instances share 12/s: 4/s each, ρ = 0.4, R = 1/(μ − λ) = 1/6 s, p99 = R ln 100.
    // Two: 6/s each, ρ = 0.6, R = 1/4 s. Cost: instances × $0.10 × 720 h = $216 → $144.
    const json* mean = metric(diff, "u", "mean");
    const json* p99 = metric(diff, "u", "p99");
    const json* utilization = metric(diff, "s", "utilization");
    const json* cost = metric(diff, "system", "cost per month");
    QVERIFY(mean && p99 && utilization && cost);
    QVERIFY(near((*mean)["before"], 1.0 / 6.0));
    QVERIFY(near((*mean)["after"], 0.25));
    QVERIFY(near((*mean)["delta"], 0.25 - 1.0 / 6.0));
    QVERIFY(near((*p99)["before"], std::log(100.0) / 6.0, 1e-6));
    QVERIFY(near((*p99)["after"], std::log(100.0) / 4.0, 1e-6));
    QVERIFY(near((*utilization)["before"], 0.4));
    QVERIFY(near((*utilization)["after"], 0.6));
    QVERIFY(near((*cost)["before"], 216.0));
    QVERIFY(near((*cost)["after"], 144.0));
    // The throughput is the offered 12/s on both sides: listed, not changed.
    const json* throughput = metric(diff, "u", "throughput");
    QVERIFY(throughput && (*throughput)["changed"] == false);
    // The analytic engine is exact: no interval, no significance.
    QVERIFY((*mean)["significant"].is_null());
    // In words: +83.3 ms is +50 % of 167 ms; 40 % → 60 % is +20 points.
    const auto text = cli({"diff", before, after});
    QVERIFY2(text.out.find("u       mean            167 ms  250 ms  +83.3 ms (+50%)\n") != std::string::npos, text.out.c_str());
    QVERIFY2(text.out.find("+20 points") != std::string::npos, text.out.c_str());
    QVERIFY2(text.out.find("−$72 (−33%)") != std::string::npos, text.out.c_str());
    QVERIFY2(text.out.find("  1 other figure unchanged\n") != std::string::npos, text.out.c_str());
}

void tst_DiffCommand::aChangedDescriptionMovesNoFigureAndExitsZero() {
    QTemporaryDir dir;
    const std::string before = write(dir, "a.headroom.json", pool(3, R"( "description": "three",)"));
    const std::string after = write(dir, "b.headroom.json", pool(3, R"( "description": "three, said otherwise",)"));
    const auto r = cli({"diff", before, after});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.find("  description: three → three, said otherwise\n") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("  no figure changed\n") != std::string::npos, r.out.c_str());
    // The same file in another spelling ("100 ms", keys reordered) is no change at all.
    std::string respelled = pool(3, R"( "description": "three",)");
    respelled.replace(respelled.find("\"100ms\""), 7, "\"100 ms\"");
    const auto same = cli({"diff", before, write(dir, "c.headroom.json", respelled)});
    QCOMPARE(same.code, 0);
    QVERIFY2(same.out.find("  nothing but formatting\n") != std::string::npos, same.out.c_str());
}

void tst_DiffCommand::componentsAreMatchedByIdAndMovesAreOneLine() {
    QTemporaryDir dir;
    const std::string before = write(dir, "a.headroom.json", R"({"format": "headroom-scenario", "version": 1, "name": "x",
  "components": [
    {"id": "u", "kind": "client", "rate": "5/s", "calls": [{"to": "s"}]},
    {"id": "s", "kind": "service", "service_time": "10ms"}
  ],
  "layout": {"u": {"x": 0, "y": 0}, "s": {"x": 200, "y": 0}}})");
    // The same two in the other order, a service added, and s moved on the canvas.
    const std::string after = write(dir, "b.headroom.json", R"({"format": "headroom-scenario", "version": 1, "name": "x",
  "components": [
    {"id": "s", "kind": "service", "service_time": "10ms"},
    {"id": "u", "kind": "client", "rate": "5/s", "calls": [{"to": "s"}]},
    {"id": "t", "kind": "service", "service_time": "5ms"}
  ],
  "layout": {"u": {"x": 0, "y": 0}, "s": {"x": 240, "y": 0}}})");
    const auto r = cli({"diff", "--json", before, after});
    QCOMPARE(r.code, 0);
    const json changes = json::parse(r.out)["changes"];
    QCOMPARE(changes.size(), std::size_t(2));
    QCOMPARE(changes[0]["text"], "components[t] added");
    QCOMPARE(changes[1]["text"], "layout: s moved on the canvas");
}

void tst_DiffCommand::theGateFailsWhenTheNewFileMissesAnSlo() {
    QTemporaryDir dir;
    // p99 ≤ 1 s: 0.768 s with three instances, 1.151 s with two (worked above).
    const std::string before = write(dir, "a.headroom.json", pool(3)), after = write(dir, "b.headroom.json", pool(2));
    const auto r = cli({"diff", before, after});
    QCOMPARE(r.code, 3);
    QVERIFY2(r.out.find("SLOs: every SLO met → missed u p99 ≤ 1 s\n") != std::string::npos, r.out.c_str());
    // Back the other way the new file meets it again.
    QCOMPARE(cli({"diff", after, before}).code, 0);
    // A file that cannot be read, or is not a scenario, is said so.
    QCOMPARE(cli({"diff", before, dir.path().toStdString() + "/absent.headroom.json"}).code, 2);
    QCOMPARE(cli({"diff", before, write(dir, "bad.headroom.json", "{")}).code, 1);
}

void tst_DiffCommand::markdownIsATableForAPullRequest() {
    QTemporaryDir dir;
    const std::string before = write(dir, "a.headroom.json", pool(3)), after = write(dir, "b.headroom.json", pool(2));
    const auto r = cli({"diff", "--markdown", before, after});
    QVERIFY2(r.out.starts_with("### Headroom: `" + before + "` → `" + after + "`\n"), r.out.c_str());
    QVERIFY2(r.out.find("- `components[s].instances: 3 → 2`\n") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("| u | p99 | 768 ms | 1.15 s | **+384 ms (+50%)** |\n") != std::string::npos, r.out.c_str());
    QVERIFY2(r.out.find("Bottleneck: `s` (unchanged).") != std::string::npos, r.out.c_str());
    QCOMPARE(cli({"diff", "--markdown", "--json", before, after}).code, 2);
}

void tst_DiffCommand::gitRevisionsAreReadWithGitShow() {
    QTemporaryDir repo;
    const std::string file = write(repo, "api.headroom.json", pool(3));
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(repo.path()));
    const auto git = [](const QStringList& arguments) {
        QProcess process;
        process.start("git", QStringList{"-c", "user.name=t", "-c", "user.email=t@example.com"} + arguments);
        return process.waitForFinished() && process.exitCode() == 0;
    };
    QVERIFY(git({"init", "-q"}) && git({"add", "api.headroom.json"}) && git({"commit", "-q", "-m", "three"}));
    write(repo, "api.headroom.json", pool(2));
    const auto r = cli({"diff", "git:HEAD:api.headroom.json", "api.headroom.json"});
    const auto missing = cli({"diff", "git:HEAD:absent.headroom.json", "api.headroom.json"});
    const auto malformed = cli({"diff", "git:HEAD", "api.headroom.json"});
    QDir::setCurrent(previous);
    QVERIFY2(r.out.find("  components[s].instances: 3 → 2\n") != std::string::npos, (r.out + r.err).c_str());
    QCOMPARE(missing.code, 2);
    QVERIFY2(missing.err.find("git:HEAD:absent.headroom.json: git exited with status 128: fatal: path 'absent.headroom.json' does not exist in 'HEAD'") !=
                 std::string::npos,
             missing.err.c_str());
    QCOMPARE(malformed.code, 2);
    QVERIFY(malformed.err.find("expected git:REV:PATH") != std::string::npos);
}

void tst_DiffCommand::simulatedDeltasAreSignificantOnlyWhenTheyAre() {
    QTemporaryDir dir;
    const std::string before = write(dir, "a.headroom.json", pool(3, R"( "description": "one",)"));
    // Only the description differs: with the same seeds the runs are the same runs, so every
    // delta is exactly zero, and none is significant.
    const std::string same = write(dir, "b.headroom.json", pool(3, R"( "description": "two",)"));
    const auto r = cli({"diff", "--json", "--engine", "simulate", "-j", "2", before, same});
    QCOMPARE(r.code, 0);
    const json diff = json::parse(r.out);
    QCOMPARE(diff["paired_replications"], 4);
    for (const auto& m : diff["metrics"]) {
        QVERIFY2(m["changed"] == false, m.dump().c_str());
        if (!m["significant"].is_null()) QVERIFY2(m["significant"] == false, m.dump().c_str());
    }
    // One instance fewer: utilization 0.4 → 0.6, a change far beyond the noise that the common
    // random numbers leave in a paired difference.
    const std::string fewer = write(dir, "c.headroom.json", pool(2, R"( "description": "one",)", "[]"));
    const json moved = json::parse(cli({"diff", "--json", "--engine", "simulate", "-j", "2", before, fewer}).out);
    const json* utilization = metric(moved, "s", "utilization");
    QVERIFY(utilization);
    QCOMPARE((*utilization)["significant"], true);
    QVERIFY2(std::abs((*utilization)["delta"].get<double>() - 0.2) < 3.0 * (*utilization)["half_width"].get<double>() + 0.01, utilization->dump().c_str());
    // The cost is the same in every replication ($0.10 × 720 h per instance: $216 → $144), so
    // its paired interval has no width, not the last bits of a sum, and the −$72 is significant.
    const json* cost = metric(moved, "system", "cost per month");
    QVERIFY(cost);
    QCOMPARE((*cost)["half_width"].get<double>(), 0.0);
    QCOMPARE((*cost)["significant"], true);
    QVERIFY2(near((*cost)["delta"].get<double>(), -72.0, 1e-9), cost->dump().c_str());
}

void tst_DiffCommand::pairsRunUntilBothSidesAreAsPreciseAsAsked() {
    QTemporaryDir dir;
    // No SLO, so that the mean is the only statistic each side narrows.
    const std::string before = write(dir, "a.headroom.json", pool(3, R"( "description": "one",)", "[]"));
    const std::string same = write(dir, "b.headroom.json", pool(3, R"( "description": "two",)", "[]"));
    // The same runs on both sides (only words differ): both reach the target together, with the
    // same half-widths, and every delta stays exactly zero. A precision target makes the first
    // batch at least ten pairs (Law's n₀ ≥ 10), more than the file's four.
    const auto r = cli({"diff", "--json", "--engine", "simulate", "--precision", "mean=5%", "-j", "2", before, same});
    QCOMPARE(r.code, 0);
    const json diff = json::parse(r.out);
    QVERIFY2(diff["paired_replications"].get<int>() >= 10, r.out.c_str());
    QCOMPARE(diff["precision"]["before"], diff["precision"]["after"]);
    QCOMPARE(diff["precision"]["before"]["met"], true);
    for (const auto& m : diff["metrics"]) QVERIFY2(m["changed"] == false, m.dump().c_str());

    // One instance fewer (ρ 0.4 → 0.6 per instance: mean 1/(10 − 4) = 167 ms → 1/(10 − 6) = 250 ms,
    // an M/M/1 each, worked in removingAnInstanceMovesTheFiguresWorkedByHand): the busier side is
    // the noisier, so it sets the count, and the quieter side runs as many pairs. Both end with a
    // 95 % half-width within 5 % of their means, and the +50 % change is significant. Each mean
    // is held to its 99 % interval: t(0.995, 9) ÷ t(0.975, 9) = 3.250 ÷ 2.262 = 1.44 times the
    // 95 % half-width for ten replications, less for more.
    const std::string fewer = write(dir, "c.headroom.json", pool(2, R"( "description": "one",)", "[]"));
    const auto moved = cli({"diff", "--json", "--engine", "simulate", "--precision", "mean=5%", "-j", "2", before, fewer});
    QCOMPARE(moved.code, 0);
    const json paired = json::parse(moved.out);
    for (const char* side : {"before", "after"}) {
        const json& precision = paired["precision"][side];
        QCOMPARE(precision["met"], true);
        QCOMPARE(precision["statistics"].size(), std::size_t(1));
        QVERIFY2(precision["statistics"][0]["reached"].get<double>() <= 0.05, moved.out.c_str());
    }
    const json* mean = metric(paired, "u", "mean");
    QVERIFY(mean);
    QCOMPARE((*mean)["significant"], true);
    const double reachedBefore = paired["precision"]["before"]["statistics"][0]["reached"], reachedAfter = paired["precision"]["after"]["statistics"][0]["reached"];
    QVERIFY2(near((*mean)["before"].get<double>(), 1.0 / 6.0, 1.44 * reachedBefore), mean->dump().c_str());
    QVERIFY2(near((*mean)["after"].get<double>(), 0.25, 1.44 * reachedAfter), mean->dump().c_str());
    QVERIFY2(moved.out.find("the new file's precision reached after " + std::to_string(paired["paired_replications"].get<int>()) + " paired replications") !=
                 std::string::npos,
             moved.out.c_str());
}

void tst_DiffCommand::aPrecisionOutOfReachStopsAtTheCapAndFailsTheGate() {
    QTemporaryDir dir;
    // A p99 within 0.5 % from 27 s of 12/s (about three answers beyond the p99 per replication)
    // would take thousands of replications; the file caps them at 12.
    std::string capped = pool(3);
    capped.replace(capped.find(R"("version": 1)"), 12, R"("version": 2)");
    capped.replace(capped.find(R"("replications": 4})"), 19, R"("replications": 4, "precision": {"p99": "0.5%"}, "max_replications": 12})");
    const std::string before = write(dir, "a.headroom.json", capped);
    const std::string after = write(dir, "b.headroom.json", capped);
    const auto r = cli({"diff", "--json", "--engine", "simulate", "-j", "2", before, after});
    QCOMPARE(r.code, 3);  // the figures are not as precise as the files ask
    const json diff = json::parse(r.out);
    QCOMPARE(diff["paired_replications"], 12);
    QCOMPARE(diff["precision"]["after"]["met"], false);
    QCOMPARE(diff["precision"]["after"]["max_replications"], 12);
    QVERIFY2(diff["precision"]["after"]["statistics"][0]["reached"].get<double>() > 0.005, r.out.c_str());
    bool said = false;
    for (const auto& note : diff["notes"])
        said = said || note.get<std::string>().starts_with("the new file's precision not reached: p99 of u ±");
    QVERIFY2(said, r.out.c_str());
    QVERIFY2(r.out.find("after 12 paired replications (the cap, run.max_replications)") != std::string::npos, r.out.c_str());
}

QTEST_GUILESS_MAIN(tst_DiffCommand)
#include "tst_DiffCommand.moc"
