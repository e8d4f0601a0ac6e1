// SPDX-License-Identifier: MIT
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "model/ScenarioFile.h"
#include "model/ChangeOverTimeFormat.h"
#include "model/ScenarioWriter.h"

using namespace headroom::model;

namespace {

/// A scenario that sets every field of every kind at least once.
Scenario everyField() {
    Scenario s;
    s.schema = "https://example.org/headroom-scenario.schema.json";
    s.name = "Every field";
    s.description = "Round-trip fixture";
    Component client{.id = "users", .kind = ComponentKind::Client};
    client.label = "Web users";
    client.rate = PerSecond{2000.0};
    client.arrivals = Arrivals::Constant;
    client.requestClass = "read";
    client.operation = Operation::Read;
    client.timeout = Seconds{3.0};
    client.profile = SpikeProfile{Seconds{30.0}, Seconds{10.0}, 5.0};
    client.calls.push_back(Call{.to = "cdn", .requestSize = Bytes{1000.0}, .responseSize = Bytes{20'480.0}});
    Component closed{.id = "testers", .kind = ComponentKind::Client};
    closed.users = 50;
    closed.thinkTime = Seconds{5.0};
    closed.requestClass = "write";
    closed.operation = Operation::Write;
    closed.calls.push_back(Call{.to = "gateway"});
    Component ramp{.id = "ramp", .kind = ComponentKind::Client};
    ramp.rate = PerSecond{10.0};
    ramp.profile = RampProfile{0.1, 1.0, Seconds{60.0}};
    ramp.calls.push_back(Call{.to = "gateway"});
    Component diurnal{.id = "diurnal", .kind = ComponentKind::Client};
    diurnal.rate = PerSecond{0.5};
    diurnal.profile = DiurnalProfile{Seconds{86'400.0}, Seconds{72'000.0}, 0.3};
    diurnal.calls.push_back(Call{.to = "gateway"});
    Component steps{.id = "steps", .kind = ComponentKind::Client};
    steps.rate = PerSecond{100.0};
    steps.profile = StepsProfile{{{Seconds{0.0}, 1.0}, {Seconds{60.0}, 2.5}}};
    steps.calls.push_back(Call{.to = "gateway"});
    Component cdn{.id = "cdn", .kind = ComponentKind::Cdn};
    cdn.hitRatio = 0.95;
    cdn.serviceTime = ServiceTime{Distribution{Distribution::Shape::Constant, Seconds{0.08}, std::nullopt}, {}, {}};
    cdn.calls.push_back(Call{.to = "lb"});
    Component lb{.id = "lb", .kind = ComponentKind::LoadBalancer};
    lb.algorithm = LbAlgorithm::WeightedRoundRobin;
    lb.weights = std::vector<double>{1.0, 2.0, 0.5};
    lb.serviceTime = ServiceTime{Distribution{Distribution::Shape::Exponential, Seconds{50e-6}, std::nullopt}, {}, {}};
    lb.calls.push_back(Call{.to = "gateway"});
    Component gateway{.id = "gateway", .kind = ComponentKind::ApiGateway};
    gateway.rateLimit = PerSecond{5000.0};
    gateway.serviceTime = ServiceTime{Distribution{Distribution::Shape::Exponential, Seconds{200e-6}, std::nullopt}, {}, {}};
    gateway.instances = 2;
    gateway.calls.push_back(Call{.to = "api", .probability = 0.75, .requestClass = "read", .times = 3});
    gateway.calls.push_back(Call{.to = "fn"});
    Component api{.id = "api", .kind = ComponentKind::Service};
    api.instances = 4;
    api.cores = 2;
    api.workers = 16;
    api.queueCapacity = 1000;
    api.timeout = Seconds{2.0};
    api.serviceTime = ServiceTime{Distribution{Distribution::Shape::Lognormal, Seconds{0.004}, 1.5}, {}, {}};
    api.cost = Cost{.instanceType = "m5.large"};
    api.calls.push_back(Call{.to = "cache"});
    api.calls.push_back(Call{.to = "jobs", .mode = CallMode::Async});
    api.calls.push_back(Call{.to = "blobs"});
    Component fn{.id = "fn", .kind = ComponentKind::Function};
    fn.concurrency = 1000;
    fn.coldStart = ColdStart{Seconds{0.3}, 0.01};
    fn.memory = Bytes{1024.0 * 1024.0 * 1024.0};
    fn.serviceTime = ServiceTime{Distribution{Distribution::Shape::Exponential, Seconds{0.025}, std::nullopt}, {}, {}};
    fn.cost = Cost{.perRequest = 2e-7, .perGbSecond = 0.0000166667};
    Component cache{.id = "cache", .kind = ComponentKind::Cache};
    cache.hitRatio = 0.9;
    cache.calls.push_back(Call{.to = "db"});
    Component db{.id = "db", .kind = ComponentKind::Database};
    db.shards = 4;
    db.replicas = 2;
    db.readFrom = ReadFrom::Replicas;
    db.serviceTime = ServiceTime{std::nullopt, Distribution{Distribution::Shape::Exponential, Seconds{0.002}, std::nullopt},
                                 Distribution{Distribution::Shape::Constant, Seconds{0.006}, std::nullopt}};
    db.cost = Cost{.perInstanceHour = 0.5};
    Component jobs{.id = "jobs", .kind = ComponentKind::Queue};
    jobs.partitions = 12;
    jobs.consumers = QueueConsumers{"worker", 8};
    Component worker{.id = "worker", .kind = ComponentKind::Service};
    worker.serviceTime = ServiceTime{Distribution{Distribution::Shape::Constant, Seconds{0.01}, std::nullopt}, {}, {}};
    Component blobs{.id = "blobs", .kind = ComponentKind::ObjectStore};
    blobs.serviceTime = ServiceTime{Distribution{Distribution::Shape::Exponential, Seconds{0.03}, std::nullopt}, {}, {}};
    // Format version 2: zones, retries, a breaker, a health check, failover, events.
    client.retry = RetryPolicy{.attempts = 3, .backoff = Backoff::Exponential, .base = Seconds{0.1}, .cap = Seconds{20.0},
                               .jitter = Jitter::Decorrelated, .on = std::vector{RetryOn::Timeout, RetryOn::Rejected}, .budget = 0.1};
    gateway.calls[0].retry = RetryPolicy{.attempts = 2, .backoff = Backoff::None};
    gateway.calls[1].circuitBreaker = CircuitBreaker{0.5, 100, 20, Seconds{60.0}, 10};
    lb.healthCheck = HealthCheck{Seconds{10.0}, 3, 2};
    api.zones = std::vector<std::string>{"a", "b"};
    api.dropExpired = true;
    db.failoverTime = Seconds{35.0};
    db.zones = std::vector<std::string>{"a", "b", "c"};
    s.events.push_back(FaultEvent{.at = Seconds{20.0}, .fault = FaultKind::Crash, .component = "api", .instances = 2, .duration = Seconds{30.0}});
    s.events.push_back(FaultEvent{.at = Seconds{21.0}, .fault = FaultKind::Hang, .component = "api"});
    s.events.push_back(FaultEvent{.at = Seconds{22.0}, .fault = FaultKind::ZoneOutage, .duration = Seconds{10.0}, .zone = "b"});
    s.events.push_back(FaultEvent{.at = Seconds{23.0}, .fault = FaultKind::Slowdown, .component = "blobs", .duration = Seconds{5.0}, .factor = 4.0});
    s.events.push_back(FaultEvent{.at = Seconds{24.0}, .fault = FaultKind::Latency, .duration = Seconds{15.0}, .from = "api", .to = "cache",
                                  .add = Seconds{0.04}});
    s.events.push_back(FaultEvent{.at = Seconds{25.0}, .fault = FaultKind::PrimaryLoss, .component = "db", .shard = 3});
    s.events.push_back(FaultEvent{.at = Seconds{26.0}, .fault = FaultKind::CacheFlush, .component = "cache", .warmup = Seconds{90.0}});
    s.components = {client, closed, ramp, diurnal, steps, cdn, lb, gateway, api, fn, cache, db, jobs, worker, blobs};
    s.links.push_back(Link{"api", "cache", Seconds{250e-6}, BytesPerSecond{1.25e9}});
    s.slos.push_back(Slo{"read", 99.9, Seconds{0.15}, std::nullopt});
    s.slos.push_back(Slo{.requestClass = "read", .availability = 0.999});
    s.run = RunSettings{Seconds{60.0}, Seconds{5.0}, 18'446'744'073'709'551'615ull, 5};
    s.defaults = ScenarioDefaults{Seconds{100e-6}};
    EstimateInput e;
    e.monthlyActiveUsers = 300e6;
    e.dailyActiveRatio = 0.5;
    e.totalUsers = 1e9;
    e.secondsPerDay = 100'000.0;
    e.daysPerMonth = 30.0;
    e.secondsPerMonth = 2.5e6;
    e.daysPerYear = 360.0;
    e.units = UnitSystem::Binary;
    e.peakFactor = 5.0;
    e.cacheHotFraction = 0.2;
    e.storageUtilization = 0.7;
    e.retention = CalendarSpan{18.0, CalendarSpan::Unit::Month};
    e.perServerQps = 1000.0;
    e.actions.push_back(EstimateAction{.name = "post", .kind = Operation::Write, .perUserPerDay = 2.0, .size = Bytes{310.0},
                                       .storedSize = Bytes{400.0}, .mediaRatio = 0.1, .mediaSize = Bytes{1'048'576.0}, .fanout = 200.0,
                                       .perServerQps = 500.0});
    e.actions.push_back(EstimateAction{.name = "read", .kind = Operation::Read, .relative = RelativeRate{"post", 100.0}});
    e.actions.push_back(EstimateAction{.name = "crawl", .kind = Operation::Write, .rate = CountPerPeriod{4e9, Period::Month}});
    e.datasets.push_back(EstimateDataset{.name = "sellers", .count = 50'000.0, .size = Bytes{255.0}});
    e.datasets.push_back(EstimateDataset{.name = "friends", .perUser = 50.0});
    e.keys = KeySpace{64.0, 6, "post"};
    s.estimate = e;
    s.layout["api"] = Position{240.0, 80.5};
    s.layout["users"] = Position{-10.0, 0.0};
    return s;
}

std::string readFile(const std::filesystem::path& path) { return readTextFile(path).value(); }

}  // namespace

class tst_ScenarioJson : public QObject {
    Q_OBJECT
private slots:
    void everyFieldSurvivesWriteAndRead();
    void aFileHeadroomWroteRoundTripsByteForByte();
    void everyExampleIsInCanonicalForm_data();
    void everyExampleIsInCanonicalForm();
    void quantitiesKeepEveryBit();
    void newerVersionIsRefusedAndNotRewritten();
    void aFileIsVersion2OnlyWhenItUsesAVersion2Key();
    void aVersion1FileWithAVersion2KeyIsToldToSaySo();
    void changesRoundTrip();
    void eventMistakesAreNamedWithTheirPaths_data();
    void eventMistakesAreNamedWithTheirPaths();
    void missingOrWrongFormatIsRefused_data();
    void missingOrWrongFormatIsRefused();
    void syntaxErrorsGiveLineAndColumn();
    void duplicateKeysAreReportedWithTheirPath();
    void absurdNestingIsRefusedBeforeParsing();
    void unreadableFilesSayWhy();
};

void tst_ScenarioJson::everyFieldSurvivesWriteAndRead() {
    const Scenario original = everyField();
    const std::string text = toText(original);
    const Loaded loaded = loadScenarioText(text);
    for (const auto& problem : loaded.problems) qWarning("%s: %s", problem.path.c_str(), problem.message.c_str());
    QVERIFY(loaded.scenario.has_value());
    QVERIFY(loaded.problems.empty());
    QVERIFY(*loaded.scenario == original);
}

void tst_ScenarioJson::aFileHeadroomWroteRoundTripsByteForByte() {
    const std::string first = toText(everyField());
    const std::string second = toText(*loadScenarioText(first).scenario);
    QCOMPARE(QString::fromStdString(second), QString::fromStdString(first));
}

void tst_ScenarioJson::everyExampleIsInCanonicalForm_data() {
    QTest::addColumn<QString>("path");
    for (const auto& entry : std::filesystem::directory_iterator(HEADROOM_SOURCE_DIR "/scenarios"))
        QTest::newRow(entry.path().filename().c_str()) << QString::fromStdString(entry.path().string());
}

void tst_ScenarioJson::everyExampleIsInCanonicalForm() {
    QFETCH(QString, path);
    const std::string text = readFile(path.toStdString());
    const Loaded loaded = loadScenarioText(text);
    QVERIFY(loaded.scenario.has_value());
    QCOMPARE(QString::fromStdString(toText(*loaded.scenario)), QString::fromStdString(text));
}

void tst_ScenarioJson::quantitiesKeepEveryBit() {
    // 0.1 ms, 1/3 s and 1.27 KB have no short exact decimal in a double; the file must still
    // give back the very same double.
    Scenario s = everyField();
    s.components[8].timeout = Seconds{1.0 / 3.0};
    s.components[8].serviceTime->all->mean = Seconds{0.1e-3};
    s.components[0].calls[0].requestSize = Bytes{1.27e3};
    const Scenario back = *loadScenarioText(toText(s)).scenario;
    QCOMPARE(back.components[8].timeout->value, 1.0 / 3.0);
    QCOMPARE(back.components[8].serviceTime->all->mean.value, 0.1e-3);
    QCOMPARE(back.components[0].calls[0].requestSize->value, 1.27e3);
}

void tst_ScenarioJson::newerVersionIsRefusedAndNotRewritten() {
    const std::string text = R"({"format": "headroom-scenario", "version": 3, "name": "from the future", "warp": 9})";
    const Loaded loaded = loadScenarioText(text);
    QVERIFY(!loaded.scenario);
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].path, std::string("version"));
    QCOMPARE(QString::fromStdString(loaded.problems[0].message),
             QString("this file is format version 3, written by a newer Headroom; this one reads versions up to 2. The file was left as it is."));
}

// A version-1 file reads through the migration and writes back as version 1, byte for byte,
// so that a Headroom of the first round still opens it; once it gains a version-2 key (here a
// crash event) it is written as version 2.
void tst_ScenarioJson::aFileIsVersion2OnlyWhenItUsesAVersion2Key() {
    const std::string version1 = readFile(HEADROOM_SOURCE_DIR "/scenarios/url-shortener.headroom.json");
    QVERIFY(version1.find("\"version\": 1,") != std::string::npos);
    Scenario scenario = *loadScenarioText(version1).scenario;
    QCOMPARE(toText(scenario), version1);
    QVERIFY(!firstVersion2Key(scenario));
    const auto service = std::find_if(scenario.components.begin(), scenario.components.end(),
                                      [](const Component& c) { return c.kind == ComponentKind::Service; });
    QVERIFY(service != scenario.components.end());
    scenario.events.push_back(FaultEvent{.at = Seconds{60.0}, .fault = FaultKind::Crash, .component = service->id});
    const std::string version2 = toText(scenario);
    QVERIFY(version2.find("\"version\": 2,") != std::string::npos);
    const Loaded back = loadScenarioText(version2);
    for (const auto& problem : back.problems) qWarning("%s: %s", problem.path.c_str(), problem.message.c_str());
    QVERIFY(back.scenario == scenario);
}

// Deploys and scales read, write and read back unchanged, in the file's order among the faults,
// with shares and counts kept as written.
void tst_ScenarioJson::changesRoundTrip() {
    const std::string text = R"({"format": "headroom-scenario", "version": 2, "name": "n", "components": [
        {"id": "users", "kind": "client", "rate": "10/s", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "5ms", "instances": 4}],
        "events": [{"at": "1min", "change": "deploy", "component": "api", "strategy": "canary", "max_unavailable": 1, "max_surge": "25%",
                    "start_time": "30s", "drain": "10s", "service_time_factor": 1.2, "canary_fraction": 0.05, "canary_for": "5min"},
                   {"at": "2min", "fault": "crash", "component": "api"},
                   {"at": "3min", "change": "scale", "component": "api", "instances": 6},
                   {"at": "4min", "change": "deploy", "component": "api", "strategy": "blue_green"},
                   {"at": "5min", "change": "deploy", "component": "api", "max_unavailable": "7%"}]})";
    const Loaded loaded = loadScenarioText(text);
    for (const auto& problem : loaded.problems) qWarning("%s: %s", problem.path.c_str(), problem.message.c_str());
    QVERIFY(loaded.scenario);
    const Scenario& scenario = *loaded.scenario;
    QCOMPARE(scenario.events.size(), std::size_t(5));
    QCOMPARE(scenario.events[0].change, std::optional(ChangeKind::Deploy));
    QCOMPARE(scenario.events[0].maxUnavailable, std::optional(InstanceShare{1.0, false}));
    QCOMPARE(scenario.events[0].maxSurge, std::optional(InstanceShare{0.25, true}));
    QVERIFY(!scenario.events[1].change);
    QCOMPARE(describe(scenario.events[2]), std::string("scale of api to 6 at 3min"));
    QCOMPARE(describe(scenario.events[3]), std::string("blue_green deploy of api at 4min"));
    const std::string written = toText(scenario);
    QVERIFY(written.find(R"("max_surge": "25%")") != std::string::npos);
    QVERIFY(written.find(R"("max_unavailable": 1,)") != std::string::npos);
    // 7 % is 0.07, and 0.07 × 100 is 7.000000000000001: written as "7%", which reads back the same.
    QVERIFY(written.find(R"("max_unavailable": "7%")") != std::string::npos);
    QVERIFY(loadScenarioText(written).scenario == scenario);
}

void tst_ScenarioJson::aVersion1FileWithAVersion2KeyIsToldToSaySo() {
    const std::string text = R"({"format": "headroom-scenario", "version": 1, "name": "n", "components": [
        {"id": "users", "kind": "client", "rate": "10/s", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "5ms", "zones": ["a", "b"]}]})";
    const Loaded loaded = loadScenarioText(text);
    QVERIFY(!loaded.scenario);
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].path, std::string("components[1].zones"));
    QVERIFY(loaded.problems[0].message.find("set \"version\": 2") != std::string::npos);
}

void tst_ScenarioJson::eventMistakesAreNamedWithTheirPaths_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("says");
    // Each row: one mistake in an otherwise valid version-2 file, the path it is reported at,
    // and a word of the message.
    QTest::newRow("missing component") << R"("events": [{"at": "10s", "fault": "crash", "component": "apii"}])" << "events[0].component"
                                       << "did you mean \"api\"";
    QTest::newRow("zone nobody uses") << R"("events": [{"at": "10s", "fault": "zone_outage", "zone": "d"}])" << "events[0].zone"
                                      << "no component runs in zone \"d\"";
    QTest::newRow("negative for") << R"("events": [{"at": "10s", "fault": "crash", "component": "api", "for": "-5s"}])" << "events[0].for"
                                  << "more than zero";
    QTest::newRow("more instances than it has") << R"("events": [{"at": "10s", "fault": "crash", "component": "api", "instances": 5}])"
                                                << "events[0].instances" << "at most 4";
    QTest::newRow("a field of another kind") << R"("events": [{"at": "10s", "fault": "crash", "component": "api", "factor": 3}])"
                                             << "events[0].factor" << "not a field of a crash fault";
    QTest::newRow("unknown fault") << R"("events": [{"at": "10s", "fault": "meteor", "component": "api"}])" << "events[0].fault" << "one of";
    QTest::newRow("primary loss of a service") << R"("events": [{"at": "10s", "fault": "primary_loss", "component": "api"}])"
                                               << "events[0].component" << "strikes a database";
    QTest::newRow("shard out of range") << R"("events": [{"at": "10s", "fault": "primary_loss", "component": "db", "shard": 2}])"
                                        << "events[0].shard" << "at most 1";
    QTest::newRow("deploy of a database") << R"("events": [{"at": "10s", "change": "deploy", "component": "db"}])" << "events[0].component"
                                          << "changes a component's instances";
    QTest::newRow("canary without its share") << R"("events": [{"at": "10s", "change": "deploy", "component": "api", "strategy": "canary", "canary_for": "1min"}])"
                                              << "events[0].canary_fraction" << "missing";
    QTest::newRow("canary field on rolling") << R"("events": [{"at": "10s", "change": "deploy", "component": "api", "canary_fraction": 0.1}])"
                                             << "events[0].canary_fraction" << "only a canary deploy";
    QTest::newRow("share above 100%") << R"("events": [{"at": "10s", "change": "deploy", "component": "api", "max_surge": "150%"}])"
                                      << "events[0].max_surge" << "from 0% to 100%";
    QTest::newRow("nothing can be replaced") << R"("events": [{"at": "10s", "change": "deploy", "component": "api", "max_unavailable": 0, "max_surge": "0%"}])"
                                             << "events[0].max_surge" << "cannot both be 0";
    QTest::newRow("a fault's field on a scale") << R"("events": [{"at": "10s", "change": "scale", "component": "api", "instances": 6, "for": "1min"}])"
                                                << "events[0].for" << "not a field of a scale";
    QTest::newRow("scale without a count") << R"("events": [{"at": "10s", "change": "scale", "component": "api"}])" << "events[0].instances"
                                           << "missing";
    QTest::newRow("unknown change") << R"("events": [{"at": "10s", "change": "restart", "component": "api"}])" << "events[0].change" << "one of";
    QTest::newRow("retry on an async call") << R"("events": [], "x": 0)" << "components[1].calls[1].retry" << "sync call";
    QTest::newRow("attempts 0") << R"("events": [], "x": 1)" << "components[1].calls[0].retry.attempts" << "at least 1";
}

void tst_ScenarioJson::eventMistakesAreNamedWithTheirPaths() {
    QFETCH(QString, json);
    QFETCH(QString, path);
    QFETCH(QString, says);
    // "x" picks a mistake in the calls instead of the events.
    std::string calls = R"([{"to": "db"}, {"to": "jobs", "mode": "async"}])";
    std::string events = json.toStdString();
    if (events.ends_with(R"("x": 0)")) calls = R"([{"to": "db"}, {"to": "jobs", "mode": "async", "retry": {"attempts": 2}}])";
    if (events.ends_with(R"("x": 1)")) calls = R"([{"to": "db", "retry": {"attempts": 0}}, {"to": "jobs", "mode": "async"}])";
    if (events.find(R"("x")") != std::string::npos) events = R"("events": [])";
    const std::string text = R"({"format": "headroom-scenario", "version": 2, "name": "n", "components": [
        {"id": "users", "kind": "client", "rate": "10/s", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "5ms", "instances": 4, "zones": ["a", "b", "c"], "calls": )" + calls + R"(},
        {"id": "db", "kind": "database", "shards": 2},
        {"id": "jobs", "kind": "queue", "consumers": {"component": "api"}}], )" + events + "}";
    const Loaded loaded = loadScenarioText(text);
    QVERIFY(!loaded.scenario);
    QStringList seen;
    for (const auto& problem : loaded.problems) seen << QString::fromStdString(problem.path + ": " + problem.message);
    QVERIFY2(loaded.problems.size() == 1, qPrintable(seen.join("\n")));
    QCOMPARE(QString::fromStdString(loaded.problems[0].path), path);
    QVERIFY2(QString::fromStdString(loaded.problems[0].message).contains(says), qPrintable(seen.join("\n")));
}

void tst_ScenarioJson::missingOrWrongFormatIsRefused_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("not an object") << "[1, 2]" << "" << "a scenario is a JSON object, but this file holds an array";
    QTest::newRow("no format") << R"({"version": 1})" << "format" << "missing: a scenario file starts with \"format\": \"headroom-scenario\"";
    QTest::newRow("other format") << R"({"format": "drawio", "version": 1})" << "format"
                                  << "\"drawio\" is not a Headroom scenario (expected \"headroom-scenario\")";
    QTest::newRow("no version") << R"({"format": "headroom-scenario"})" << "version" << "missing: the format version, 1 (or 2 for a file that uses version-2 keys)";
    QTest::newRow("version 0") << R"({"format": "headroom-scenario", "version": 0})" << "version" << "version 0 does not exist; the first is 1";
    QTest::newRow("version text") << R"({"format": "headroom-scenario", "version": "1"})" << "version" << "must be a whole number, got \"1\"";
}

void tst_ScenarioJson::missingOrWrongFormatIsRefused() {
    QFETCH(QString, text);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const Loaded loaded = loadScenarioText(text.toStdString());
    QVERIFY(!loaded.scenario);
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(loaded.problems[0].path), path);
    QCOMPARE(QString::fromStdString(loaded.problems[0].message), message);
}

void tst_ScenarioJson::syntaxErrorsGiveLineAndColumn() {
    // The stray comma ends line 3; the parser finds the problem at the "}" on line 4, column 1.
    const std::string text = "{\n  \"format\": \"headroom-scenario\",\n  \"version\": 1,\n}\n";
    const Loaded loaded = loadScenarioText(text);
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    const QString message = QString::fromStdString(loaded.problems[0].message);
    QVERIFY2(message.startsWith("not valid JSON at line 4, column 1: "), qPrintable(message));
}

void tst_ScenarioJson::duplicateKeysAreReportedWithTheirPath() {
    const std::string text = R"({"format": "headroom-scenario", "version": 1, "name": "x",
        "components": [{"id": "a", "kind": "service"}, {"id": "b", "kind": "service", "instances": 2, "instances": 20}]})";
    const Loaded loaded = loadScenarioText(text);
    QVERIFY(!loaded.scenario);
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].path, std::string("components[1].instances"));
    QCOMPARE(loaded.problems[0].message, std::string("the key \"instances\" is given twice in one object; only one can count"));
}

void tst_ScenarioJson::absurdNestingIsRefusedBeforeParsing() {
    const std::string text = std::string(100'000, '[') + std::string(100'000, ']');
    const Loaded loaded = loadScenarioText(text);
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].message, std::string("arrays and objects are nested more than 64 deep (line 1, column 65)"));
}

void tst_ScenarioJson::unreadableFilesSayWhy() {
    QTemporaryDir dir;
    const std::filesystem::path missing = std::filesystem::path(dir.path().toStdString()) / "none.headroom.json";
    QCOMPARE(readTextFile(missing).error(), "cannot read " + missing.string() + ": no such file");
    QCOMPARE(readTextFile(dir.path().toStdString()).error(), "cannot read " + dir.path().toStdString() + ": it is a directory");
    const std::filesystem::path huge = std::filesystem::path(dir.path().toStdString()) / "huge.json";
    std::ofstream(huge).put('{');
    std::filesystem::resize_file(huge, kMaxScenarioFileBytes + 1);
    QVERIFY(QString::fromStdString(readTextFile(huge).error()).contains("is more than a scenario file can hold (16 MiB)"));
}

QTEST_APPLESS_MAIN(tst_ScenarioJson)
#include "tst_ScenarioJson.moc"
