// SPDX-License-Identifier: MIT
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "model/ScenarioFile.h"
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
    Component blobs{.id = "blobs", .kind = ComponentKind::ObjectStore};
    blobs.serviceTime = ServiceTime{Distribution{Distribution::Shape::Exponential, Seconds{0.03}, std::nullopt}, {}, {}};
    s.components = {client, closed, ramp, diurnal, steps, cdn, lb, gateway, api, fn, cache, db, jobs, worker, blobs};
    s.links.push_back(Link{"api", "cache", Seconds{250e-6}, BytesPerSecond{1.25e9}});
    s.slos.push_back(Slo{"read", 99.9, Seconds{0.15}});
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
    const std::string text = R"({"format": "headroom-scenario", "version": 2, "name": "from the future", "warp": 9})";
    const Loaded loaded = loadScenarioText(text);
    QVERIFY(!loaded.scenario);
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].path, std::string("version"));
    QCOMPARE(QString::fromStdString(loaded.problems[0].message),
             QString("this file is format version 2, written by a newer Headroom; this one reads versions up to 1. The file was left as it is."));
}

void tst_ScenarioJson::missingOrWrongFormatIsRefused_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    QTest::newRow("not an object") << "[1, 2]" << "" << "a scenario is a JSON object, but this file holds an array";
    QTest::newRow("no format") << R"({"version": 1})" << "format" << "missing: a scenario file starts with \"format\": \"headroom-scenario\"";
    QTest::newRow("other format") << R"({"format": "drawio", "version": 1})" << "format"
                                  << "\"drawio\" is not a Headroom scenario (expected \"headroom-scenario\")";
    QTest::newRow("no version") << R"({"format": "headroom-scenario"})" << "version" << "missing: the format version, 1 for this Headroom";
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
