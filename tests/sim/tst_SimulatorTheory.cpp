// SPDX-License-Identifier: MIT
// The simulator against queueing theory: each expected value is worked out by hand below, and
// the simulated value must hold it within the run's own 99 % confidence interval (from its
// replications; support/Simulate.h), percentiles also within the histogram's resolution.
#include <QtTest>

#include "support/Near.h"
#include "support/Simulate.h"

using headroom::model::Json;
using headroom::test::kHistogramResolution;
using headroom::test::scenarioOf;
using headroom::test::simulate;

namespace {

constexpr int kReplications = 10;

Json client(double rate, const std::string& to) {
    return {{"id", "users"}, {"kind", "client"}, {"rate", std::to_string(rate) + "/s"}, {"calls", Json::array({{{"to", to}}})}};
}

Json run(const std::string& duration, const std::string& warmup) {
    return {{"duration", duration}, {"warmup", warmup}, {"seed", 20261124}, {"replications", kReplications}};
}

const Json& latencyOf(const Json& result) { return result["classes"]["users"]["latency"]; }
const Json& ciOf(const Json& result) { return result["classes"]["users"]["ci95"]; }

}  // namespace

class SimulatorTheoryTest : public QObject {
    Q_OBJECT

private slots:
    void mm1MeanAndPercentiles() {
        // M/M/1: λ = 80/s, mean service 10 ms (μ = 100/s), ρ = 0.8. The response time of FIFO
        // M/M/1 is exponential with rate μ − λ = 20/s: mean 1/20 = 0.05 s, p50 = ln 2 / 20 =
        // 0.034657 s, p99 = ln 100 / 20 = 0.230259 s. Utilization ρ = 0.8; waiting Lq = ρ²/(1 − ρ) = 3.2.
        const auto out = simulate(scenarioOf({client(80, "s"), {{"id", "s"}, {"kind", "service"}, {"workers", 1}, {"service_time", "10ms"}}},
                                             run("1000s", "50s")));
        QCOMPARE(out.exitCode, 0);
        const Json& latency = latencyOf(out.result);
        const Json& ci = ciOf(out.result);
        HEADROOM_VERIFY_WITHIN_CI(latency["mean"].get<double>(), ci["mean"].get<double>(), kReplications, 0.05, 0.0);
        HEADROOM_VERIFY_WITHIN_CI(latency["p50"].get<double>(), ci["p50"].get<double>(), kReplications, std::log(2.0) / 20.0,
                                  kHistogramResolution * 0.034657);
        HEADROOM_VERIFY_WITHIN_CI(latency["p99"].get<double>(), ci["p99"].get<double>(), kReplications, std::log(100.0) / 20.0,
                                  kHistogramResolution * 0.230259);
        const Json& s = out.result["components"]["s"];
        HEADROOM_VERIFY_WITHIN_CI(s["utilization"].get<double>(), s["ci95"]["utilization"].get<double>(), kReplications, 0.8, 0.0);
        // The queue length has no interval of its own; its relative error follows the mean's
        // (Little: Lq = λ Wq), which the mean's check bounds.
        QVERIFY(std::abs(s["mean_queue_length"].get<double>() - 3.2) < 3.2 * 4.0 * ci["mean"].get<double>() / 0.05);
    }

    void mmcMeanIsErlangC() {
        // M/M/4: one instance with 4 cores and 4 workers, λ = 300/s, mean service 10 ms:
        // a = λ/μ = 3, ρ = 0.75. Σ_{k<4} a^k/k! = 1 + 3 + 4.5 + 4.5 = 13; a⁴/4! ÷ (1 − ρ) = 3.375 / 0.25
        // = 13.5; Erlang C = 13.5 / (13 + 13.5) = 0.509434. Wq = C / (cμ − λ) = 0.509434 / 100 =
        // 0.00509434 s; R = 0.01 + Wq = 0.0150943 s.
        const auto out = simulate(scenarioOf({client(300, "s"), {{"id", "s"}, {"kind", "service"}, {"cores", 4}, {"workers", 4}, {"service_time", "10ms"}}},
                                             run("200s", "10s")));
        QCOMPARE(out.exitCode, 0);
        HEADROOM_VERIFY_WITHIN_CI(latencyOf(out.result)["mean"].get<double>(), ciOf(out.result)["mean"].get<double>(), kReplications, 0.0150943, 0.0);
        const Json& s = out.result["components"]["s"];
        HEADROOM_VERIFY_WITHIN_CI(s["utilization"].get<double>(), s["ci95"]["utilization"].get<double>(), kReplications, 0.75, 0.0);
    }

    void mm1kLosesTheBlockingProbability() {
        // M/M/1/5: one worker and 4 waiting places, λ = 90/s, μ = 100/s, ρ = 0.9.
        // P(full) = (1 − ρ) ρ⁵ / (1 − ρ⁶) = 0.1 × 0.59049 / 0.468559 = 0.1260225, so 90 × 0.1260225 =
        // 11.34203 requests/s are rejected. L = ρ/(1 − ρ) − 6 ρ⁶/(1 − ρ⁶) = 9 − 6.805218 = 2.194782;
        // accepted λ' = 90 × 0.8739775 = 78.65798/s; R = L / λ' = 0.0279029 s (Little).
        const auto out = simulate(scenarioOf({client(90, "s"), {{"id", "s"}, {"kind", "service"}, {"workers", 1}, {"queue_capacity", 4}, {"service_time", "10ms"}}},
                                             run("500s", "20s")));
        QCOMPARE(out.exitCode, 0);
        const Json& users = out.result["classes"]["users"];
        HEADROOM_VERIFY_WITHIN_CI(users["rejected"].get<double>(), users["ci95"]["rejected"].get<double>(), kReplications, 11.34203, 0.0);
        HEADROOM_VERIFY_WITHIN_CI(users["throughput"].get<double>(), users["ci95"]["throughput"].get<double>(), kReplications, 78.65798, 0.0);
        HEADROOM_VERIFY_WITHIN_CI(users["latency"]["mean"].get<double>(), users["ci95"]["mean"].get<double>(), kReplications, 0.0279029, 0.0);
    }

    void md1MeanIsPollaczekKhinchine() {
        // M/D/1: λ = 80/s, a constant 10 ms of service, ρ = 0.8. Pollaczek–Khinchine:
        // Wq = λ E[S²] / (2 (1 − ρ)) = 80 × 0.0001 / 0.4 = 0.02 s; R = 0.01 + 0.02 = 0.03 s.
        const auto out = simulate(scenarioOf({client(80, "s"), {{"id", "s"}, {"kind", "service"}, {"workers", 1},
                                                                 {"service_time", {{"dist", "constant"}, {"mean", "10ms"}}}}},
                                             run("500s", "20s")));
        QCOMPARE(out.exitCode, 0);
        HEADROOM_VERIFY_WITHIN_CI(latencyOf(out.result)["mean"].get<double>(), ciOf(out.result)["mean"].get<double>(), kReplications, 0.03, 0.0);
    }

    void processorSharingTandemIsJackson() {
        // Two processor-sharing stations (no worker limit, one core each) in series, λ = 50/s,
        // mean service 10 ms then 15 ms: ρ = 0.5 and 0.75. Each behaves as M/M/1 in a Jackson
        // network: R = 0.01/(1 − 0.5) + 0.015/(1 − 0.75) = 0.02 + 0.06 = 0.08 s.
        const auto out = simulate(scenarioOf({client(50, "a"),
                                              {{"id", "a"}, {"kind", "service"}, {"service_time", "10ms"}, {"calls", Json::array({{{"to", "b"}}})}},
                                              {{"id", "b"}, {"kind", "service"}, {"service_time", "15ms"}}},
                                             run("1000s", "50s")));
        QCOMPARE(out.exitCode, 0);
        HEADROOM_VERIFY_WITHIN_CI(latencyOf(out.result)["mean"].get<double>(), ciOf(out.result)["mean"].get<double>(), kReplications, 0.08, 0.0);
    }

    void processorSharingByHand() {
        // One core shared by whoever is on it (no worker limit), 1.5 s of CPU each (constant),
        // requests at fixed times: a every 4 s (4, 8, 12, 16), b every 5 s (5, 10, 15), run
        // 19 s. Alone, a request takes 1.5 s; two on the core each go at half speed:
        //   a@4 alone to 5 (1 s done); from 5 shares with b@5: a's 0.5 s left takes 1 s, ends 6;
        //     b has 0.5 s done by then, its last 1 s alone ends 7.        a 2.0 s, b 2.0 s
        //   a@8 alone, ends 9.5; b@10 alone, ends 11.5; a@12 alone, ends 13.5.  1.5 s each
        //   b@15 alone to 16 (1 s done); a@16 shares: b's 0.5 s ends 17, a has 0.5 s done,
        //     its last 1 s alone ends 18.                              b 2.0 s, a 2.0 s
        // Means: a (2 + 1.5 + 1.5 + 2) / 4 = 1.75 s, b (2 + 1.5 + 2) / 3 = 1.833333 s. The core
        // is busy 4–7, 8–9.5, 10–11.5, 12–13.5 and 15–18: 3 + 1.5 + 1.5 + 1.5 + 3 = 10.5 s
        // (= 7 × 1.5 s of work) of 19, a utilization of 0.552632.
        // This takes the simulator's both ways of running a CPU: alone on its core, and moved
        // to SimGrid's sharing with the work it has left when another arrives.
        const auto clientEvery = [](const std::string& id, const std::string& rate) {
            return Json{{"id", id}, {"kind", "client"}, {"rate", rate}, {"arrivals", "constant"}, {"calls", Json::array({{{"to", "s"}}})}};
        };
        const auto out = simulate(scenarioOf({clientEvery("a", "0.25/s"), clientEvery("b", "0.2/s"),
                                              {{"id", "s"}, {"kind", "service"}, {"service_time", {{"dist", "constant"}, {"mean", "1.5s"}}}}},
                                             {{"duration", "19s"}, {"warmup", "0s"}, {"seed", 1}, {"replications", 1}}));
        QCOMPARE(out.exitCode, 0);
        const Json& classes = out.result["classes"];
        HEADROOM_COMPARE_NEAR(classes["a"]["throughput"].get<double>(), 4.0 / 19.0, 1e-12);  // all 7 answered
        HEADROOM_COMPARE_NEAR(classes["b"]["throughput"].get<double>(), 3.0 / 19.0, 1e-12);
        HEADROOM_COMPARE_NEAR(classes["a"]["latency"]["mean"].get<double>(), 1.75, 1e-9);
        HEADROOM_COMPARE_NEAR(classes["b"]["latency"]["mean"].get<double>(), 1.8333333333, 1e-9);
        HEADROOM_COMPARE_NEAR(out.result["components"]["s"]["utilization"].get<double>(), 10.5 / 19.0, 1e-9);
    }

    void probabilisticSplit() {
        // λ = 40/s into a (PS, 5 ms), which calls b (PS, 20 ms) with probability 0.3.
        // a: ρ = 0.2, R = 0.005/0.8 = 0.00625 s. b: λ = 12/s, ρ = 0.24, R = 0.02/0.76 = 0.0263158 s.
        // End to end: 0.00625 + 0.3 × 0.0263158 = 0.0141447 s; b's arrival rate 12/s.
        const auto out = simulate(scenarioOf({client(40, "a"),
                                              {{"id", "a"}, {"kind", "service"}, {"service_time", "5ms"},
                                               {"calls", Json::array({{{"to", "b"}, {"probability", 0.3}}})}},
                                              {{"id", "b"}, {"kind", "service"}, {"service_time", "20ms"}}},
                                             run("1000s", "50s")));
        QCOMPARE(out.exitCode, 0);
        HEADROOM_VERIFY_WITHIN_CI(latencyOf(out.result)["mean"].get<double>(), ciOf(out.result)["mean"].get<double>(), kReplications, 0.0141447, 0.0);
        const Json& b = out.result["components"]["b"];
        HEADROOM_VERIFY_WITHIN_CI(b["arrival_rate"].get<double>(), b["ci95"]["arrival_rate"].get<double>(), kReplications, 12.0, 0.0);
    }

    void closedUsersFollowMeanValueAnalysis() {
        // 5 users who think 1 s on average, then wait for one request at a single worker of
        // 100 ms (exponential). Exact MVA, R(n) = S (1 + Q(n−1)), X(n) = n / (Z + R(n)), Q(n) = X R:
        //   n = 1: R = 0.1,       X = 0.9090909, Q = 0.0909091
        //   n = 2: R = 0.1090909, X = 1.8032787, Q = 0.1967213
        //   n = 3: R = 0.1196721, X = 2.6793558, Q = 0.3206442
        //   n = 4: R = 0.1320644, X = 3.5333678, Q = 0.4666322
        //   n = 5: R = 0.1466632, X = 4.3604782.
        const auto out = simulate(scenarioOf({{{"id", "users"}, {"kind", "client"}, {"users", 5}, {"think_time", "1s"},
                                               {"calls", Json::array({{{"to", "s"}}})}},
                                              {{"id", "s"}, {"kind", "service"}, {"workers", 1}, {"service_time", "100ms"}}},
                                             run("5000s", "100s")));
        QCOMPARE(out.exitCode, 0);
        const Json& users = out.result["classes"]["users"];
        HEADROOM_VERIFY_WITHIN_CI(users["throughput"].get<double>(), users["ci95"]["throughput"].get<double>(), kReplications, 4.3604782, 0.0);
        HEADROOM_VERIFY_WITHIN_CI(users["latency"]["mean"].get<double>(), users["ci95"]["mean"].get<double>(), kReplications, 0.1466632, 0.0);
    }
};

QTEST_GUILESS_MAIN(SimulatorTheoryTest)
#include "tst_SimulatorTheory.moc"
