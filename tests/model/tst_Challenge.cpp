// SPDX-License-Identifier: MIT
// Interview-practice challenges (issue 18): the file's problems with their paths, the estimate
// curve at hand-worked points, and a design's checks against results built by hand, so that each
// verdict follows from numbers one can read here. The shipped challenges' starters and reference
// designs are scored for real by tests/challenges/designs_pass_and_fail.py.
#include <QtTest>

#include <cmath>

#include "model/ChallengeScore.h"
#include "model/ScenarioFile.h"

using namespace headroom::model;

namespace {

/// A small challenge: 1,000 reads a second from one client (class "read"), an estimate of one
/// action of 86.4 M reads a day (1,000/s, peak 2,000/s at T11's factor 2).
Json challengeJson() {
    return Json::parse(R"({
      "format": "headroom-challenge", "version": 1, "title": "Reads", "difficulty": "easy",
      "brief": "Serve reads.",
      "estimate": {"actions": [{"name": "read", "kind": "read", "rate": "86.4M/day", "size": "1KB"}]},
      "questions": [{"id": "qps", "ask": "Reads per second", "quantity": "actions.read.qps"},
                    {"id": "egress", "ask": "Bytes sent per second", "quantity": "egress"}],
      "constraints": {"goodput": "99%", "slo": [{"class": "read", "percentile": 99, "latency": "100ms"}],
                      "budget": "$1,000/month",
                      "survive": [{"at": "10s", "fault": "zone_outage", "zone": "b", "for": "10s"}],
                      "requires": ["service"], "service_time": {"service": "2ms"}},
      "weights": {"estimates": 30, "goodput": 25, "latency": 25, "availability": 0, "cost": 20, "recovery": 0},
      "hints": ["Add a service."],
      "run": {"duration": "30s", "warmup": "5s", "seed": 3, "replications": 4},
      "starter": {"format": "headroom-scenario", "version": 1, "name": "Reads",
                  "components": [{"id": "users", "kind": "client", "rate": "1000/s", "class": "read", "operation": "read"}]}
    })");
}

Challenge loaded(const Json& document = challengeJson()) {
    const LoadedChallenge result = loadChallenge(document);
    if (!result.challenge) qFatal("%s: %s", result.problems.front().path.c_str(), result.problems.front().message.c_str());
    return *result.challenge;
}

Scenario design(int instances, const char* serviceTime = "2ms") {
    const std::string text = std::string(R"({"format": "headroom-scenario", "version": 2, "name": "d", "components": [
        {"id": "users", "kind": "client", "rate": "1000/s", "class": "read", "operation": "read", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "instances": )") + std::to_string(instances) + R"(, "service_time": ")" + serviceTime +
                             R"(", "zones": ["a", "b"], "cost": {"per_instance_hour": 0.5}}]})";
    const Loaded scenario = loadScenarioText(text);
    if (!scenario.scenario) qFatal("%s", scenario.problems.front().message.c_str());
    return *scenario.scenario;
}

/// A simulated result of the design: `answered` of requests, a p99 with its half-width, and
/// api's cost.
RunResult simulated(double availability, double availabilityHalf, double p99, double p99Half, std::optional<double> cost) {
    RunResult result;
    result.engine = "simulation";
    ClassMetrics cls;
    cls.name = "read";
    cls.throughput = 1000.0 * availability;
    cls.availability = availability;
    cls.availabilityCi95 = availabilityHalf;
    cls.latency.p99 = p99;
    cls.ci95 = LatencyResult{};
    cls.ci95->p99 = p99Half;
    result.classes.push_back(cls);
    result.slo.push_back({"read", 99.0, 0.1, p99, p99 <= 0.1, false, false});
    ComponentMetrics api;
    api.id = "api";
    api.total.name = "api";
    api.costPerMonth = cost;
    result.components.push_back(api);
    EventImpact outage;
    outage.kind = "zone_outage";
    outage.recovered = true;
    outage.impact.recoveryTime = 1.0;
    result.events.push_back(outage);
    return result;
}

const Check& checkNamed(const DesignScore& score, std::string_view start) {
    for (const auto& check : score.checks)
        if (check.name.starts_with(start)) return check;
    qFatal("no check %s", std::string(start).c_str());
}

bool hasProblem(const Problems& problems, std::string_view path, std::string_view words) {
    for (const auto& problem : problems)
        if (problem.path == path && problem.message.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

class tst_Challenge : public QObject {
    Q_OBJECT
private slots:
    void creditAtHandWorkedPoints();
    void answersAreReadInTheQuantitysUnit();
    void unknownAnswersAreProblems();
    void badChallengeFilesListEveryProblemWithItsPath();
    void aNewerVersionIsRefused();
    void aZoneOutageStrikesStationsThatNameNoZone();
    void aFaultOnAKindStrikesEveryComponentOfIt();
    void aPassNeedsTheIntervalOnTheRightSide();
    void cheaperWorkThanTheBriefFails();
    void anUnpricedComponentFailsTheBudget();
    void zeroGoodputScoresNothing();
    void aChangedWorkloadFails();
    void theTotalWeighsEachPart();
};

void tst_Challenge::creditAtHandWorkedPoints() {
    // d = |log10(answer ÷ expected)|; full within log10 1.12 = 0.049218, none from log10 10 = 1;
    // between, (1 − d) ÷ (1 − 0.049218) = (1 − d) ÷ 0.950782.
    QCOMPARE(estimateCredit(100.0, 100.0), 1.0);             // exact
    QCOMPARE(estimateCredit(112.0, 100.0), 1.0);             // ×1.12: d = 0.049218, still full
    QCOMPARE(estimateCredit(100.0, 112.0), 1.0);             // ÷1.12, the same from below
    // ×2: d = 0.301030; (1 − 0.301030) ÷ 0.950782 = 0.698970 ÷ 0.950782 = 0.735153.
    QVERIFY(std::abs(estimateCredit(200.0, 100.0) - 0.735153) < 1e-6);
    QVERIFY(std::abs(estimateCredit(50.0, 100.0) - 0.735153) < 1e-6);  // ÷2 scores as ×2
    // ×√10: d = 0.5; 0.5 ÷ 0.950782 = 0.525882.
    QVERIFY(std::abs(estimateCredit(100.0 * std::sqrt(10.0), 100.0) - 0.525882) < 1e-6);
    QCOMPARE(estimateCredit(1000.0, 100.0), 0.0);            // ×10: none
    QCOMPARE(estimateCredit(10000.0, 100.0), 0.0);           // ×100: none
    QCOMPARE(estimateCredit(0.0, 100.0), 0.0);               // nothing is no estimate
}

void tst_Challenge::answersAreReadInTheQuantitysUnit() {
    const Challenge challenge = loaded();
    // The estimator: 86.4 M a day ÷ 86,400 s = 1,000/s; egress 1,000/s × 1 KB = 1 MB/s.
    const auto scores = scoreAnswers(challenge, {{"qps", "2K/s"}, {"egress", "1GB/s"}});
    QCOMPARE(scores.size(), std::size_t(2));
    QCOMPARE(*scores[0].value, 2000.0);
    QVERIFY(std::abs(scores[0].credit - 0.735153) < 1e-6);  // ×2, as above
    QVERIFY(scores[0].explanation.find("×2 over") != std::string::npos);
    QCOMPARE(*scores[1].value, 1e9);  // a wrong unit (GB for MB) is ×1000 off: no marks
    QCOMPARE(scores[1].credit, 0.0);
    QVERIFY(!scores[0].expected.formula.empty());  // shown beside the answer

    const auto wrongKind = scoreAnswers(challenge, {{"qps", "3TB"}});
    QVERIFY(!wrongKind[0].value);  // a size is no rate
    QCOMPARE(wrongKind[0].credit, 0.0);
    QVERIFY(wrongKind[0].explanation.find("is not a rate") != std::string::npos);
    QCOMPARE(wrongKind[1].credit, 0.0);  // not answered
    QVERIFY(wrongKind[1].explanation.starts_with("not answered"));

    const auto plain = scoreAnswers(challenge, {{"qps", "1000"}});  // a plain number is per second
    QCOMPARE(plain[0].credit, 1.0);
}

void tst_Challenge::unknownAnswersAreProblems() {
    Problems problems;
    const auto answers = readAnswers(Json::parse(R"({"qps": 1000, "peak": "2K/s", "egress": [1]})"), loaded(), problems);
    QCOMPARE(answers.size(), std::size_t(1));
    QCOMPARE(answers.at("qps"), std::string("1000"));
    QVERIFY(hasProblem(problems, "peak", "asks no question"));
    QVERIFY(hasProblem(problems, "egress", "must be a number or a quantity"));
}

void tst_Challenge::badChallengeFilesListEveryProblemWithItsPath() {
    Json document = challengeJson();
    document["questions"][0]["quantity"] = "actions.read.peek";
    document["constraints"]["requires"] = Json::array({"servise"});
    document["constraints"]["survive"].push_back(Json::parse(R"({"at": "5s", "fault": "crash", "component": "api", "for": "5s"})"));
    document["constraints"]["goodput"] = "120%";
    document["weights"].erase("cost");
    document["run"].erase("seed");
    document["hints"].push_back(7);
    document["constraints"]["slo"][0]["class"] = "write";
    LoadedChallenge result = loadChallenge(document);
    QVERIFY(!result.challenge);
    const Problems& problems = result.problems;
    QVERIFY(hasProblem(problems, "constraints.requires[0]", "must be a component kind"));
    QVERIFY(hasProblem(problems, "constraints.survive[1].component", "name a \"kind\""));
    QVERIFY(hasProblem(problems, "constraints.goodput", "from 0% to 100%"));
    QVERIFY(hasProblem(problems, "weights.cost", "missing"));
    QVERIFY(hasProblem(problems, "hints[1]", "a hint in words"));

    // Once the file reads, what depends on the starter and the estimate is checked, with paths.
    document = challengeJson();
    document["questions"][0]["quantity"] = "actions.read.peek";
    document["run"].erase("seed");
    document["constraints"]["slo"][0]["class"] = "write";
    document["starter"]["components"].push_back(Json::parse(R"({"id": "api", "kind": "service", "service_time": "1ms"})"));
    result = loadChallenge(document);
    QVERIFY(!result.challenge);
    QVERIFY(hasProblem(result.problems, "questions[0].quantity", "no quantity \"actions.read.peek\""));
    QVERIFY(hasProblem(result.problems, "run.seed", "missing"));
    QVERIFY(hasProblem(result.problems, "constraints.slo[0].class", "write"));
    QVERIFY(hasProblem(result.problems, "starter.components[1].kind", "clients only"));

    result = loadChallengeText("{\"format\": \"headroom-challenge\", \"version\": 1,\n \"title\": }");
    QVERIFY(!result.challenge);
    QVERIFY(result.problems.front().message.starts_with("not valid JSON at line 2"));
}

void tst_Challenge::aNewerVersionIsRefused() {
    // A version of 0 was refused without a word (found by the fuzzer, tests/fuzz/regressions).
    for (const Json& version : {Json(0), Json(-3), Json("1"), Json(1.5)}) {
        Json document = challengeJson();
        document["version"] = version;
        const LoadedChallenge result = loadChallenge(document);
        QVERIFY(!result.challenge);
        QVERIFY2(!result.problems.empty() && result.problems.front().path == "version", version.dump().c_str());
    }
    Json document = challengeJson();
    document["version"] = 2;
    const LoadedChallenge result = loadChallenge(document);
    QVERIFY(!result.challenge);
    QVERIFY(hasProblem(result.problems, "version", "newer than this Headroom reads"));
}

void tst_Challenge::aZoneOutageStrikesStationsThatNameNoZone() {
    const Challenge challenge = loaded();
    Scenario unzoned = design(2);
    unzoned.components[1].zones.reset();
    std::vector<std::string> notes;
    const Scenario scored = scoredScenario(challenge, unzoned, notes);
    // A station that names no zone is somewhere; the challenge assumes the worst: zone b.
    QCOMPARE(*scored.components[1].zones, std::vector<std::string>{"b"});
    QCOMPARE(notes.size(), std::size_t(1));
    QCOMPARE(scored.events.size(), std::size_t(1));
    QCOMPARE(scored.slos, challenge.constraints.slos);  // the challenge's objectives, not the design's
    QCOMPARE(*scored.run->seed, std::uint64_t(3));
    // Spread over a and b, it keeps its own zones.
    notes.clear();
    QCOMPARE(*scoredScenario(challenge, design(2), notes).components[1].zones, (std::vector<std::string>{"a", "b"}));
    QVERIFY(notes.empty());
}

void tst_Challenge::aFaultOnAKindStrikesEveryComponentOfIt() {
    Json document = challengeJson();
    document["constraints"]["survive"] = Json::parse(R"([{"at": "10s", "fault": "crash", "kind": "service", "for": "5s"}])");
    const Challenge challenge = loaded(document);
    Scenario twoServices = design(2);
    Component second = twoServices.components[1];
    second.id = "worker";
    twoServices.components.push_back(second);
    std::vector<std::string> notes;
    const Scenario scored = scoredScenario(challenge, twoServices, notes);
    QCOMPARE(scored.events.size(), std::size_t(2));
    QCOMPARE(*scored.events[0].component, std::string("api"));
    QCOMPARE(*scored.events[1].component, std::string("worker"));
}

void tst_Challenge::aPassNeedsTheIntervalOnTheRightSide() {
    const Challenge challenge = loaded();
    std::vector<std::string> notes;
    const Scenario scored = scoredScenario(challenge, design(2), notes);
    // Goodput 99.5 % ± 0.2 %: [99.3, 99.7] above 99 %: pass. p99 80 ms ± 10 ms: [70, 90] under 100 ms: pass.
    DesignScore score = scoreDesign(challenge, scored, simulated(0.995, 0.002, 0.080, 0.010, 720.0));
    QCOMPARE(checkNamed(score, "read goodput").verdict, Verdict::Pass);
    QCOMPARE(checkNamed(score, "read p99").verdict, Verdict::Pass);
    QVERIFY(score.passed);
    // 99.1 % ± 0.2 %: [98.9, 99.3] straddles 99 %: inconclusive, which is not a pass.
    // p99 95 ms ± 10 ms: [85, 105] straddles 100 ms: inconclusive too.
    score = scoreDesign(challenge, scored, simulated(0.991, 0.002, 0.095, 0.010, 720.0));
    QCOMPARE(checkNamed(score, "read goodput").verdict, Verdict::Inconclusive);
    QCOMPARE(checkNamed(score, "read p99").verdict, Verdict::Inconclusive);
    QVERIFY(!score.passed);
    // 120 ms ± 10 ms: [110, 130] all above 100 ms: fail, credit 100 ÷ 120 = 0.8333.
    score = scoreDesign(challenge, scored, simulated(0.995, 0.002, 0.120, 0.010, 720.0));
    QCOMPARE(checkNamed(score, "read p99").verdict, Verdict::Fail);
    QVERIFY(std::abs(checkNamed(score, "read p99").credit - 100.0 / 120.0) < 1e-12);
    // Cost: $720 against $1,000 passes; $1,500 fails with credit 2 − 1.5 = 0.5.
    QCOMPARE(checkNamed(score, "cost").verdict, Verdict::Pass);
    score = scoreDesign(challenge, scored, simulated(0.995, 0.002, 0.080, 0.010, 1500.0));
    QCOMPARE(checkNamed(score, "cost").verdict, Verdict::Fail);
    QVERIFY(std::abs(checkNamed(score, "cost").credit - 0.5) < 1e-12);
}

void tst_Challenge::cheaperWorkThanTheBriefFails() {
    const Challenge challenge = loaded();
    std::vector<std::string> notes;
    const Scenario scored = scoredScenario(challenge, design(2, "500us"), notes);
    const DesignScore score = scoreDesign(challenge, scored, simulated(0.995, 0.002, 0.080, 0.010, 720.0));
    QCOMPARE(checkNamed(score, "api's service time").verdict, Verdict::Fail);
    QVERIFY(!score.passed);
}

void tst_Challenge::anUnpricedComponentFailsTheBudget() {
    const Challenge challenge = loaded();
    std::vector<std::string> notes;
    const Scenario scored = scoredScenario(challenge, design(2), notes);
    const DesignScore score = scoreDesign(challenge, scored, simulated(0.995, 0.002, 0.080, 0.010, std::nullopt));
    QCOMPARE(checkNamed(score, "cost").verdict, Verdict::Fail);
    QVERIFY(checkNamed(score, "cost").explanation.find("api") != std::string::npos);
}

void tst_Challenge::zeroGoodputScoresNothing() {
    const Challenge challenge = loaded();
    std::vector<std::string> notes;
    const Scenario scored = scoredScenario(challenge, design(2), notes);
    // Nothing answered, yet a p99 under target and a cost under budget: they earn nothing.
    const DesignScore score = scoreDesign(challenge, scored, simulated(0.0, 0.0, 0.010, 0.001, 720.0));
    QVERIFY(!score.passed);
    QCOMPARE(checkNamed(score, "goodput above zero").verdict, Verdict::Fail);
    const ChallengeScore total = combineScore(challenge, {}, score);
    QCOMPARE(total.total, 0.0);
}

void tst_Challenge::aChangedWorkloadFails() {
    const Challenge challenge = loaded();
    Scenario lighter = design(2);
    lighter.components[0].rate = PerSecond{100.0};
    QCOMPARE(workloadChanges(challenge, lighter).size(), std::size_t(1));
    std::vector<std::string> notes;
    const DesignScore score = scoreDesign(challenge, scoredScenario(challenge, lighter, notes), simulated(0.995, 0.002, 0.080, 0.010, 720.0));
    QCOMPARE(checkNamed(score, "the challenge's workload").verdict, Verdict::Fail);
}

void tst_Challenge::theTotalWeighsEachPart() {
    const Challenge challenge = loaded();
    std::vector<std::string> notes;
    // Goodput passes (credit 1), p99 120 ms (credit 100/120 = 0.8333), cost $720 (credit 1);
    // estimates: qps exact (1) and egress ×2 (0.735153), mean 0.867577.
    const DesignScore design2 = scoreDesign(challenge, scoredScenario(challenge, design(2), notes), simulated(0.995, 0.002, 0.120, 0.010, 720.0));
    const auto answers = scoreAnswers(challenge, {{"qps", "1000/s"}, {"egress", "2MB/s"}});
    const ChallengeScore score = combineScore(challenge, answers, design2);
    // Weights: estimates 30, goodput 25, latency 25, cost 20 (recovery counts 0):
    // (30 × 0.867577 + 25 × 1 + 25 × 0.833333 + 20 × 1) ÷ 100 × 100
    // = 26.02730 + 25 + 20.83333 + 20 = 91.86063.
    QVERIFY(std::abs(score.total - 91.86063) < 1e-4);
    QVERIFY(score.summary.starts_with("Not passed: 92 of 100"));
}

QTEST_GUILESS_MAIN(tst_Challenge)
#include "tst_Challenge.moc"
