// SPDX-License-Identifier: MIT
// Faults, health checks, failover and retries in the simulator, each on a case small enough to
// count by hand (the expected values are worked out beside each check), run through
// `headroom-cli simulate` as users run it and held to the run's own 99 % confidence interval.
#include <QtTest>

#include "support/Simulate.h"

using headroom::model::Json;
using headroom::test::simulate;

namespace {

constexpr int kReplications = 8;

Json scenario(Json components, Json events, const std::string& duration, const std::string& warmup, std::uint64_t seed = 20261130) {
    return {{"format", "headroom-scenario"}, {"version", 2}, {"name", "faults"}, {"components", std::move(components)},
            {"events", std::move(events)},
            {"run", {{"duration", duration}, {"warmup", warmup}, {"seed", seed}, {"replications", kReplications}}}};
}

double number(const Json& value) { return value.get<double>(); }

}  // namespace

class tst_SimulatedFaults : public QObject {
    Q_OBJECT
private slots:
    void aCrashFailsItsShareUntilTheHealthCheckNotices();
    void aLostPrimaryFailsWritesForTheFailoverTime();
    void retriesWithoutFailuresChangeNothing();
    void retriesMultiplyTheOfferedLoadAsTheGeometricSeriesSays();
    void aRetryStormOutlivesItsTriggerUnlessExpiredWorkIsDroppedOrRetriesBudgeted();
    void sameSeedSameBytesWithEvents();
    void theExamplesShowWhatTheirDescriptionsSay();
    void aWorkerWithTimersStillPendingExitsCleanly();
};

void tst_SimulatedFaults::aCrashFailsItsShareUntilTheHealthCheckNotices() {
    // λ = 400/s through a round-robin balancer onto 4 instances (5 ms each, ρ = 0.5). One crashes
    // at 65 s. Checks run every I = 10 s and take it out after u = 2 failures: at 70 s (one) and
    // 80 s (two), so detection is 15 s, inside [(u − 1) I, u I] = [10 s, 20 s] and on the check
    // schedule (65 + 15 = 80 = 8 I). Round robin sends exactly every 4th request to it: λ/4 ×
    // 15 s = 1,500 fail, plus the ≈ 1 it held when it crashed (M/M/1 at ρ = 0.5: L = ρ/(1 − ρ) = 1),
    // which the allowance of 2 covers. Nothing times out.
    const Json components = Json::array({
        {{"id", "users"}, {"kind", "client"}, {"rate", "400/s"}, {"calls", Json::array({{{"to", "lb"}}})}},
        {{"id", "lb"}, {"kind", "load_balancer"}, {"service_time", {{"dist", "constant"}, {"mean", "10us"}}}, {"algorithm", "round_robin"},
         {"health_check", {{"interval", "10s"}, {"unhealthy_after", 2}, {"healthy_after", 2}}}, {"calls", Json::array({{{"to", "api"}}})}},
        {{"id", "api"}, {"kind", "service"}, {"instances", 4}, {"service_time", "5ms"}},
    });
    const Json events = Json::array({{{"at", "65s"}, {"fault", "crash"}, {"component", "api"}, {"instances", 1}, {"for", "60s"}}});
    const auto out = simulate(scenario(components, events, "150s", "10s"));
    QCOMPARE(out.exitCode, 0);
    const Json& event = out.result["events"][0];
    QCOMPARE(event["kind"].get<std::string>(), std::string("crash"));
    const double detection = number(event["impact"]["detection_time"]);
    QCOMPARE(detection, 15.0);
    QVERIFY(event["impact_ci95"]["detection_time"].is_null() || number(event["impact_ci95"]["detection_time"]) == 0.0);
    HEADROOM_VERIFY_WITHIN_CI(number(event["impact"]["failed"]), number(event["impact_ci95"]["failed"]), kReplications, 400.0 / 4.0 * detection, 2.0);
    QCOMPARE(number(event["impact"]["timed_out"]), 0.0);
    // Running instances: 3 of 4 from 65 s to 125 s, then back.
    const Json& series = out.result["time_series"];
    const auto at = [&](double t) { return std::size_t(t / number(series["interval"])); };
    QCOMPARE(number(series["pools"]["api"]["instances"][at(100.0)]), 3.0);
    QCOMPARE(number(series["pools"]["api"]["healthy"][at(100.0)]), 3.0);
    QCOMPARE(number(series["pools"]["api"]["instances"][at(140.0)]), 4.0);
}

void tst_SimulatedFaults::aLostPrimaryFailsWritesForTheFailoverTime() {
    // Writes at 50/s straight to a database with one replica per shard; its primary is lost at
    // 40 s and a replica promoted after failover_time = 20 s. Every write in between fails at
    // once: 50/s × 20 s = 1,000 (plus the ≈ 0.05 in service then: 50/s × 1 ms). Reads go on.
    const Json components = Json::array({
        {{"id", "writers"}, {"kind", "client"}, {"rate", "50/s"}, {"class", "post"}, {"operation", "write"}, {"calls", Json::array({{{"to", "db"}}})}},
        {{"id", "db"}, {"kind", "database"}, {"replicas", 1}, {"failover_time", "20s"}},
    });
    const Json events = Json::array({{{"at", "40s"}, {"fault", "primary_loss"}, {"component", "db"}}});
    const auto out = simulate(scenario(components, events, "100s", "5s"));
    QCOMPARE(out.exitCode, 0);
    const Json& impact = out.result["events"][0]["impact"];
    HEADROOM_VERIFY_WITHIN_CI(number(impact["failed"]), number(out.result["events"][0]["impact_ci95"]["failed"]), kReplications, 1000.0, 1.0);
    // 1,000 of 95 s × 50/s = 4,750 measured writes failed: availability 1 − 1000/4750 = 0.78947.
    const Json& post = out.result["classes"]["post"];
    HEADROOM_VERIFY_WITHIN_CI(number(post["availability"]), number(post["availability_ci95"]), kReplications, 1.0 - 1000.0 / 4750.0, 0.0);
}

void tst_SimulatedFaults::retriesWithoutFailuresChangeNothing() {
    // Nothing fails, so no attempt is ever retried: the same seed gives the same requests, the
    // same latencies and the same counts with a retry policy as without one.
    Json components = Json::array({
        {{"id", "users"}, {"kind", "client"}, {"rate", "300/s"}, {"calls", Json::array({{{"to", "api"}}})}},
        {{"id", "api"}, {"kind", "service"}, {"instances", 2}, {"service_time", "4ms"}, {"calls", Json::array({{{"to", "db"}}})}},
        {{"id", "db"}, {"kind", "database"}},
    });
    Json plain = scenario(components, Json::array(), "60s", "5s");
    plain.erase("events");
    const auto without = simulate(plain);
    components[1]["calls"][0]["retry"] = {{"attempts", 4}, {"backoff", "exponential"}, {"jitter", "full"}, {"budget", 0.2}};
    components[0]["calls"][0]["retry"] = {{"attempts", 3}};
    const auto with = simulate(scenario(components, Json::array(), "60s", "5s"));
    QCOMPARE(without.exitCode, 0);
    QCOMPARE(with.exitCode, 0);
    const Json& a = without.result["classes"]["users"];
    const Json& b = with.result["classes"]["users"];
    QCOMPARE(number(a["throughput"]), number(b["throughput"]));
    QCOMPARE(a["latency"], b["latency"]);
    QCOMPARE(number(b["retries"]), 0.0);
    QCOMPARE(number(b["availability"]), 1.0);
}

void tst_SimulatedFaults::retriesMultiplyTheOfferedLoadAsTheGeometricSeriesSays() {
    // One of 4 instances is down from the start and, with random spread and the F01 check
    // (30 s, 2 failures), stays in the spread until 60 s: the run ends at 50 s. Each attempt
    // fails with p = 1/4, independently. With n = 3 attempts and no backoff, the attempts per
    // request are Σ_{k<3} p^k = (1 − p³)/(1 − p) = (63/64)/(3/4) = 1.3125: at λ = 200/s the
    // instances see 262.5/s; retries are λ (p + p²) = 62.5/s; a request fails only when all 3
    // attempts do, p³ = 1/64, so availability is 63/64 = 0.984375.
    const Json components = Json::array({
        {{"id", "users"}, {"kind", "client"}, {"rate", "200/s"}, {"calls", Json::array({{{"to", "api"}, {"retry", {{"attempts", 3}, {"backoff", "none"}}}}})}},
        {{"id", "api"}, {"kind", "service"}, {"instances", 4}, {"service_time", "2ms"}},
    });
    const Json events = Json::array({{{"at", "0s"}, {"fault", "crash"}, {"component", "api"}}});
    const auto out = simulate(scenario(components, events, "50s", "5s"));
    QCOMPARE(out.exitCode, 0);
    const Json& api = out.result["components"]["api"];
    HEADROOM_VERIFY_WITHIN_CI(number(api["arrival_rate"]), number(api["ci95"]["arrival_rate"]), kReplications, 262.5, 0.0);
    const Json& users = out.result["classes"]["users"];
    HEADROOM_VERIFY_WITHIN_CI(number(users["availability"]), number(users["availability_ci95"]), kReplications, 63.0 / 64.0, 0.0);
    // Retries have no interval of their own: 45 s × 62.5/s × 8 replications = 22,500 retries,
    // a binomial count whose relative standard error is about 1/√22500 = 0.7 %; 4 % is six of them.
    QVERIFY2(std::abs(number(users["retries"]) - 62.5) < 62.5 * 0.04, qPrintable(QString::number(number(users["retries"]))));
}

void tst_SimulatedFaults::aRetryStormOutlivesItsTriggerUnlessExpiredWorkIsDroppedOrRetriesBudgeted() {
    // λ = 80/s into one worker of 10 ms (μ = 100/s, ρ = 0.8), each attempt bounded by a 1 s
    // timeout and retried at once, up to 3 attempts. A 10 s slowdown ×4 (μ = 25/s) builds a queue
    // of about (80 − 25) × 10 = 550 requests, 5.5 s of work: every attempt now times out and is
    // retried, 3 × 80 = 240/s offered to a server that does 100/s, and the timed-out attempts are
    // still served (wasted work). So the storm outlives the trigger: never recovered, in every
    // replication. Dropping expired work leaves the server only live requests; a 10 % budget
    // caps the offered load near 88/s < 100/s: both recover.
    Json components = Json::array({
        {{"id", "users"}, {"kind", "client"}, {"rate", "80/s"}, {"calls", Json::array({{{"to", "api"}, {"retry", {{"attempts", 3}, {"backoff", "none"}}}}})}},
        {{"id", "api"}, {"kind", "service"}, {"workers", 1}, {"service_time", "10ms"}, {"timeout", "1s"}},
    });
    const Json events = Json::array({{{"at", "60s"}, {"fault", "slowdown"}, {"component", "api"}, {"factor", 4}, {"for", "10s"}}});
    const auto storm = simulate(scenario(components, events, "240s", "10s"));
    QCOMPARE(storm.exitCode, 0);
    QVERIFY(storm.result["events"][0]["impact"]["recovery_time"].is_null());
    QVERIFY(storm.result["events"][0]["metastable"].get<bool>());

    Json dropping = components;
    dropping[1]["drop_expired"] = true;
    const auto dropped = simulate(scenario(dropping, events, "240s", "10s"));
    QVERIFY(dropped.result["events"][0]["recovered"].get<bool>());
    QVERIFY(!dropped.result["events"][0]["impact"]["recovery_time"].is_null());

    Json budgeted = components;
    budgeted[0]["calls"][0]["retry"]["budget"] = 0.1;
    const auto budget = simulate(scenario(budgeted, events, "240s", "10s"));
    QVERIFY(budget.result["events"][0]["recovered"].get<bool>());
}

void tst_SimulatedFaults::sameSeedSameBytesWithEvents() {
    const Json components = Json::array({
        {{"id", "users"}, {"kind", "client"}, {"rate", "100/s"}, {"calls", Json::array({{{"to", "api"}, {"retry", {{"attempts", 3}}}, {"circuit_breaker", Json::object()}}})}},
        {{"id", "api"}, {"kind", "service"}, {"instances", 2}, {"zones", {"a", "b"}}, {"service_time", "5ms"}, {"timeout", "200ms"}},
    });
    const Json events = Json::array({{{"at", "10s"}, {"fault", "zone_outage"}, {"zone", "a"}, {"for", "10s"}},
                                     {{"at", "25s"}, {"fault", "hang"}, {"component", "api"}, {"for", "5s"}}});
    const auto first = simulate(scenario(components, events, "40s", "2s"));
    const auto second = simulate(scenario(components, events, "40s", "2s"));
    QCOMPARE(first.exitCode, 0);
    QCOMPARE(first.out, second.out);
}

namespace {

Json example(const std::string& name) {
    std::ifstream file(HEADROOM_SOURCE_DIR "/scenarios/" + name + ".headroom.json");
    return Json::parse(file);
}

/// `headroom-cli analyze --json [--degraded]` on a scenario.
Json analyzed(const Json& scenario, bool degraded) {
    QTemporaryDir dir;
    const QString path = dir.filePath("scenario.headroom.json");
    std::ofstream(path.toStdString()) << scenario.dump(2);
    QProcess process;
    QStringList arguments{"analyze", "--json", path};
    if (degraded) arguments << "--degraded";
    process.start(HEADROOM_CLI_PATH, arguments);
    process.waitForFinished(60'000);
    return Json::parse(process.readAllStandardOutput().toStdString(), nullptr, false);
}

}  // namespace

void tst_SimulatedFaults::theExamplesShowWhatTheirDescriptionsSay() {
    // retry-storm: metastable in the simulator (never recovered) and in advance by the analytic
    // engine (two stable points); a budget of 10 % recovers.
    Json storm = example("retry-storm");
    QVERIFY(simulate(storm).result["events"][0]["metastable"].get<bool>());
    QCOMPARE(analyzed(storm, false)["retries"][0]["stable_points"].size(), std::size_t(2));
    storm["components"][0]["calls"][0]["retry"]["budget"] = 0.1;
    QVERIFY(simulate(storm).result["events"][0]["recovered"].get<bool>());

    // zone-outage: a zone's loss breaks the p99 SLO (4 of 6 left at 900/4 × 4 ms = 90 % busy),
    // one instance's does not (5 at 72 %); with 4 instances per zone every loss is survived.
    Json zones = example("zone-outage");
    const Json degraded = analyzed(zones, true)["degraded"];
    QCOMPARE(degraded[0]["lost"].get<std::string>(), std::string("api ×1"));
    QVERIFY(degraded[0]["slo_met"].get<bool>());
    QCOMPARE(degraded[1]["lost"].get<std::string>(), std::string("zone a"));
    QVERIFY(!degraded[1]["slo_met"].get<bool>());
    zones["components"][2]["instances"] = 12;
    for (const Json& loss : analyzed(zones, true)["degraded"]) QVERIFY2(loss["slo_met"].get<bool>(), loss["lost"].get<std::string>().c_str());

    // database-failover: half of 100 writes/s go to shard 0, which has no primary for 60 s:
    // 50/s × 60 s = 3,000 fail (plus the ≈ 0.1 in service then).
    const auto failover = simulate(example("database-failover"));
    const Json& lost = failover.result["events"][0];
    HEADROOM_VERIFY_WITHIN_CI(number(lost["impact"]["failed"]), number(lost["impact_ci95"]["failed"]), 4, 3000.0, 1.0);

    // circuit-breaker: while recommendations is 20× slower its calls fail at once (breaker open)
    // far more often than they time out; without the breaker they all time out.
    Json breaker = example("circuit-breaker");
    const Json tripped = simulate(breaker).result["events"][0]["impact"];
    QVERIFY(number(tripped["failed"]) > 10.0 * number(tripped["timed_out"]));
    breaker["components"][1]["calls"][0].erase("circuit_breaker");
    const Json held = simulate(breaker).result["events"][0]["impact"];
    QCOMPARE(number(held["failed"]), 0.0);
    QVERIFY(number(held["timed_out"]) > number(tripped["timed_out"]));
}

void tst_SimulatedFaults::aWorkerWithTimersStillPendingExitsCleanly() {
    // A replication worker whose calendar still held a timeout (or a retry) at the end of the run
    // wrote its record, then crashed in SimGrid's shutdown at exit: the parent kept the record
    // and nobody noticed. Every example has such timers; the worker must exit with 0.
    for (const char* name : {"retry-storm", "ocr-api"}) {
        QProcess worker;
        worker.start(HEADROOM_CLI_PATH, {"simulate-replication", "--index", "0", "--seed", "1", "--duration", "100", "--warmup", "10",
                                         "--max-in-flight", "100000"});
        QVERIFY(worker.waitForStarted());
        worker.write(QByteArray::fromStdString(example(name).dump()));
        worker.closeWriteChannel();
        QVERIFY(worker.waitForFinished(60'000));
        QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
        QCOMPARE(worker.exitCode(), 0);
    }
}

QTEST_MAIN(tst_SimulatedFaults)
#include "tst_SimulatedFaults.moc"
