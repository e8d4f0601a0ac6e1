// SPDX-License-Identifier: MIT
// Precision-targeted runs through `headroom-cli simulate`, as users run them: an M/M/1 queue run
// to ±2 % on its p99 reaches it and its intervals contain the exact p99 as often as a 95 %
// interval should; a target out of reach within the cap says so and exits 3; the warm-up is
// found from the run; the progress lines carry the half-width; the bytes do not depend on the
// number of cores.
#include <QtTest>

#include <cmath>

#include "support/Simulate.h"

using headroom::model::Json;
using headroom::test::simulate;

namespace {

/// M/M/1: Poisson arrivals at λ = 500/s to one worker with exponential service of 1 ms
/// (μ = 1,000/s). The response time is exponential with rate μ − λ = 500/s, so its p-quantile
/// is −ln(1 − p)/500: the p99 is ln(100)/500 = 9.210340 ms, the mean 2 ms.
constexpr double kExactP99 = 0.009210340371976184;

Json mm1(std::uint64_t seed, Json run = Json::object(), Json events = Json::array()) {
    run["duration"] = run.value("duration", std::string("20s"));
    run["seed"] = seed;
    if (!run.contains("precision")) run["precision"] = {{"p99", "2%"}};
    Json scenario{{"format", "headroom-scenario"}, {"version", 2}, {"name", "mm1"},
                  {"components", Json::array({
                       {{"id", "users"}, {"kind", "client"}, {"rate", "500/s"}, {"calls", Json::array({{{"to", "server"}}})}},
                       {{"id", "server"}, {"kind", "service"}, {"workers", 1}, {"service_time", "1ms"}},
                   })},
                  {"run", std::move(run)}};
    if (!events.empty()) scenario["events"] = std::move(events);
    return scenario;
}

const Json& p99Line(const Json& result) {
    for (const Json& line : result["run"]["precision"]["statistics"])
        if (line["statistic"] == "p99" && !line["slo"].get<bool>()) return line;
    static const Json none;
    return none;
}

}  // namespace

class tst_PrecisionRun : public QObject {
    Q_OBJECT
private slots:
    void reachesTheTargetAndCoversTheExactP99();
    void aTargetOutOfReachSaysSoAndExits3();
    void findsTheWarmupFromTheRun();
    void progressCarriesTheHalfWidth();
    void sameSeedSameBytesOnAnyNumberOfCores();
};

void tst_PrecisionRun::reachesTheTargetAndCoversTheExactP99() {
    // 50 seeds, each run until its p99's 95 % interval is within ±2 %: every run ends at or
    // under 2 % (or at the cap, which these do not reach: about 15 replications of 10,000
    // requests suffice), and the interval holds 9.210340 ms in at least 45 of 50 runs. A
    // nominal 95 % interval misses it in 2.5 of 50 on average; 45 leaves room for the binomial
    // spread (P(X ≤ 44 | n = 50, p = 0.95) ≈ 0.1), for the sequential stop (which stops a little
    // early when an estimate of the spread happens to be small) and for the histogram's bucket
    // (its midpoint is 9.2163 ms, 0.065 % above the exact value).
    int covered = 0;
    QStringList misses;
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        const auto out = simulate(mm1(seed), {"--json"});
        QCOMPARE(out.exitCode, 0);
        const Json& line = p99Line(out.result);
        QVERIFY2(line.is_object(), out.out.constData());
        QVERIFY(out.result["run"]["precision"]["met"].get<bool>());
        QVERIFY(line["reached"].get<double>() <= 0.02);
        const double p99 = out.result["classes"]["users"]["latency"]["p99"].get<double>();
        const double halfWidth = out.result["classes"]["users"]["ci95"]["p99"].get<double>();
        QVERIFY(std::abs(halfWidth / p99 - line["reached"].get<double>()) < 1e-12);
        if (std::abs(p99 - kExactP99) <= halfWidth) ++covered;
        else misses << QString("seed %1: %2 ± %3 ms after %4").arg(seed).arg(p99 * 1e3).arg(halfWidth * 1e3).arg(out.result["run"]["replications"].get<int>());
    }
    QVERIFY2(covered >= 45, qPrintable(QString("covered %1 of 50; %2").arg(covered).arg(misses.join("; "))));
    qInfo("the exact p99 was inside the interval in %d of 50 runs", covered);
}

void tst_PrecisionRun::aTargetOutOfReachSaysSoAndExits3() {
    // ±0.1 % on the p99 would need thousands of replications; the cap of 12 stops it after the
    // first batch of 10 and a second of 2. The result says the target was missed and by how
    // much, and the command exits 3 (docs/cli.md).
    const auto out = simulate(mm1(7, {{"precision", {{"p99", "0.1%"}}}, {"max_replications", 12}}), {"--json"});
    QCOMPARE(out.exitCode, 3);
    QCOMPARE(out.result["run"]["replications"].get<int>(), 12);
    QVERIFY(!out.result["run"]["precision"]["met"].get<bool>());
    QCOMPARE(out.result["run"]["precision"]["max_replications"].get<int>(), 12);
    QVERIFY(p99Line(out.result)["reached"].get<double>() > 0.001);
    bool noted = false;
    for (const Json& note : out.result["notes"]) noted = noted || note.get<std::string>().rfind("precision not reached: p99 of users", 0) == 0;
    QVERIFY2(noted, out.result["notes"].dump().c_str());
    const auto text = simulate(mm1(7, {{"precision", {{"p99", "0.1%"}}}, {"max_replications", 12}}), {});
    QCOMPARE(text.exitCode, 3);
    QVERIFY2(text.out.contains("Precision: short of the target after 12 replications (the cap); furthest: p99 of users"), text.out.constData());
}

void tst_PrecisionRun::findsTheWarmupFromTheRun() {
    // The server runs 4 × slower (4 ms, ρ = 2: overloaded) for the first 10 s of a 40 s run, then
    // recovers: the queue built up (about 250 requests/s × 10 s = 2,500) drains at 500/s
    // spare capacity in about 5 s more. Response times are far above their steady 2 ms until
    // about 15 s. MSER-5 over the pilots' 0.5 s intervals (batches of 2.5 s) cannot keep a
    // batch from that period (its offset is hundreds of standard deviations; see
    // tst_WarmupDetection), so the cut is at least 15 s less the last, partly drained batch,
    // and within the first half (20 s). The run measures from there: its mean is the steady
    // 2 ms within its interval, which a run from time zero would miss by far.
    const Json events = Json::array({{{"at", "0s"}, {"for", "10s"}, {"fault", "slowdown"}, {"component", "server"}, {"factor", 4}}});
    const auto out = simulate(mm1(11, {{"duration", "40s"}, {"precision", {{"mean", "2%"}}}}, events), {"--json"});
    QVERIFY2(out.exitCode == 0, out.err.constData());
    const Json& run = out.result["run"];
    QCOMPARE(run["warmup_detected"]["method"].get<std::string>(), std::string("mser-5"));
    QVERIFY(run["warmup_detected"]["settled"].get<bool>());
    const double warmup = run["warmup"].get<double>();
    QVERIFY2(warmup >= 12.5 && warmup <= 20.0, qPrintable(QString("cut at %1 s").arg(warmup)));
    const double mean = out.result["classes"]["users"]["latency"]["mean"].get<double>();
    const double halfWidth = out.result["classes"]["users"]["ci95"]["mean"].get<double>();
    QVERIFY2(std::abs(mean - 0.002) <= halfWidth, qPrintable(QString("mean %1 ± %2").arg(mean).arg(halfWidth)));
    // A file that sets its warm-up keeps it.
    const auto set = simulate(mm1(11, {{"duration", "40s"}, {"warmup", "30s"}, {"precision", {{"mean", "5%"}}}}, events), {"--json"});
    QCOMPARE(set.result["run"]["warmup"].get<double>(), 30.0);
    QVERIFY(!set.result["run"].contains("warmup_detected"));
}

void tst_PrecisionRun::progressCarriesTheHalfWidth() {
    // The protocol: "phase": "warmup" while the pilots run, then after each batch the line
    // furthest from its target with its half-width.
    const auto out = simulate(mm1(3), {"--progress", "jsonl"});
    QCOMPARE(out.exitCode, 0);
    bool pilots = false, narrowed = false, result = false;
    for (const QByteArray& text : out.out.split('\n')) {
        const Json line = Json::parse(text.toStdString(), nullptr, false);
        if (!line.is_object()) continue;
        if (line["type"] == "progress" && line.value("phase", "") == "warmup") pilots = true;
        if (line["type"] == "progress" && line.contains("precision")) {
            narrowed = true;
            QCOMPARE(line["precision"]["statistic"].get<std::string>(), std::string("p99"));
            QCOMPARE(line["precision"]["target"].get<double>(), 0.02);
        }
        result = result || line["type"] == "result";
    }
    QVERIFY(pilots && narrowed && result);
}

void tst_PrecisionRun::sameSeedSameBytesOnAnyNumberOfCores() {
    // How many replications run is decided from the results alone, which the seed fixes.
    const auto one = simulate(mm1(5), {"--json", "--jobs", "1"});
    const auto two = simulate(mm1(5), {"--json", "--jobs", "2"});
    QCOMPARE(one.exitCode, 0);
    QCOMPARE(one.out, two.out);
    // --precision replaces the file's target.
    const auto option = simulate(mm1(5), {"--json", "--precision", "p99=5%"});
    QCOMPARE(p99Line(option.result)["target"].get<double>(), 0.05);
}

QTEST_GUILESS_MAIN(tst_PrecisionRun)
#include "tst_PrecisionRun.moc"
