// SPDX-License-Identifier: MIT
// The plan: what each kind of component means to the engines, decided once. Each expectation is
// worked out from the scenario written beside it and docs/engines.md.
#include <QtTest>

#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "support/Near.h"

using namespace headroom::model;

namespace {

Scenario scenarioOf(const std::string& components, const std::string& extra = "") {
    const auto loaded = loadScenarioText(R"({"format": "headroom-scenario", "version": 1, "name": "plan", "components": )" + components + extra + "}");
    if (!loaded.scenario) qFatal("the test scenario does not load: %s", loaded.problems.front().message.c_str());
    return *loaded.scenario;
}

Plan planOf(const std::string& components, const std::string& extra = "") {
    auto compiled = compilePlan(scenarioOf(components, extra));
    if (!compiled.plan) qFatal("the test scenario does not compile: %s", compiled.problems.front().message.c_str());
    return *compiled.plan;
}

const PlanPool& pool(const Plan& plan, const std::string& name) {
    for (const auto& p : plan.pools)
        if (p.name == name) return p;
    qFatal("no pool %s", name.c_str());
}

/// The expected calls per request of class 0 on the edge into pool `to`.
double expectedCallsInto(const Plan& plan, const std::string& to) {
    double calls = 0.0;
    for (const auto& edge : plan.edges)
        if (plan.pools[edge.to].name == to) calls += plan.expectedCalls(edge, 0);
    return calls;
}

}  // namespace

class tst_Plan : public QObject {
    Q_OBJECT
private slots:
    void managedKindsAreDelaysUntilGivenInstances();
    void functionsAreLossSystemsUnderAConcurrencyLimit();
    void defaultServiceTimesNameTheirReferenceRows();
    void aServiceWithoutAServiceTimeCannotBeComputed();
    void aDatabaseIsItsPrimariesAndReplicas();
    void readsFollowReadFromAndWritesGoToPrimaries();
    void edgesCountCallsPerRequest();
    void networkDelayIsTheLinkBothWaysPlusTransfer();
    void classesSumTheirClientsAndAgreeOnTheOperation();
    void aQueueHandsEveryMessageToItsConsumerAsynchronously();
};

void tst_Plan::managedKindsAreDelaysUntilGivenInstances() {
    // A cache, CDN, queue or object store without instances is a managed service: a delay. With
    // instances it is run by the user: a station. A service is always a station.
    const Plan plan = planOf(R"([{"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "1ms", "calls": [{"to": "c"}, {"to": "s"}, {"to": "o"}, {"to": "q", "mode": "async"}]},
        {"id": "c", "kind": "cache", "hit_ratio": 0.5, "calls": [{"to": "o"}]},
        {"id": "s", "kind": "cache", "hit_ratio": 0.5, "instances": 2, "calls": [{"to": "o"}]},
        {"id": "o", "kind": "object_store", "service_time": "10ms"},
        {"id": "q", "kind": "queue", "consumers": {"component": "worker"}},
        {"id": "worker", "kind": "service", "service_time": "10ms"}])");
    QCOMPARE(pool(plan, "c").model, PoolModel::Delay);
    QCOMPARE(pool(plan, "s").model, PoolModel::Queue);
    QCOMPARE(pool(plan, "s").instances, 2);
    QCOMPARE(pool(plan, "s").role, PoolRole::Whole);
    QCOMPARE(pool(plan, "o").model, PoolModel::Delay);
    QCOMPARE(pool(plan, "q").model, PoolModel::Delay);
}

void tst_Plan::functionsAreLossSystemsUnderAConcurrencyLimit() {
    // concurrency 10: one instance of 10 cores and 10 workers and no waiting room (Erlang loss);
    // without a limit a pure delay. Prices default to C01 and C02; 512 MB is 0.5 GB.
    const Plan plan = planOf(R"([{"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "f"}, {"to": "g"}]},
        {"id": "f", "kind": "function", "service_time": "100ms", "concurrency": 10, "memory": "512MiB"},
        {"id": "g", "kind": "function", "service_time": "100ms"}])");
    const PlanPool& f = pool(plan, "f");
    QCOMPARE(f.model, PoolModel::Queue);
    QCOMPARE(f.cores, 10);
    QCOMPARE(f.workers, std::optional<int>(10));
    QCOMPARE(f.queueCapacity, std::optional<int>(0));
    QCOMPARE(*f.pricePerRequest, 0.20e-6);
    QCOMPARE(*f.pricePerGbSecond, 0.0000166667);
    QCOMPARE(*f.memoryGb, 0.5);
    QCOMPARE(pool(plan, "g").model, PoolModel::Delay);
}

void tst_Plan::defaultServiceTimesNameTheirReferenceRows() {
    // REFERENCE.md: cache GET 200 µs (O01); SQL query 1.2 ms (O05) for reads, commit 1 ms (O06)
    // for writes; Kafka produce-to-consume 2 ms (O11); CDN hit 80 ms (O15). A given time has no row.
    const Plan plan = planOf(R"([{"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "1ms", "calls": [{"to": "c"}, {"to": "d"}, {"to": "q", "mode": "async"}, {"to": "e"}, {"to": "s"}]},
        {"id": "c", "kind": "cache", "hit_ratio": 0.5, "calls": [{"to": "s"}]},
        {"id": "d", "kind": "database"},
        {"id": "q", "kind": "queue", "consumers": {"component": "s"}},
        {"id": "e", "kind": "cdn", "hit_ratio": 0.5, "calls": [{"to": "s"}]},
        {"id": "s", "kind": "service", "service_time": "3ms"}])");
    QCOMPARE(pool(plan, "c").read.source, std::string("O01"));
    QCOMPARE(pool(plan, "c").read.distribution.mean.value, 200e-6);
    QCOMPARE(pool(plan, "d/primary").read.source, std::string("O05"));
    QCOMPARE(pool(plan, "d/primary").read.distribution.mean.value, 1.2e-3);
    QCOMPARE(pool(plan, "d/primary").write.source, std::string("O06"));
    QCOMPARE(pool(plan, "d/primary").write.distribution.mean.value, 1e-3);
    QCOMPARE(pool(plan, "q").read.source, std::string("O11"));
    QCOMPARE(pool(plan, "e").read.source, std::string("O15"));
    QCOMPARE(pool(plan, "e").read.distribution.mean.value, 80e-3);
    QCOMPARE(pool(plan, "s").read.source, std::string());
    QCOMPARE(pool(plan, "s").read.distribution.mean.value, 3e-3);
}

void tst_Plan::aServiceWithoutAServiceTimeCannotBeComputed() {
    // Validation lists it, so such a file opens only as a draft; the plan refuses the draft too.
    const auto loaded = loadScenarioText(R"({"format": "headroom-scenario", "version": 1, "name": "plan", "components": [
        {"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "s"}]}, {"id": "s", "kind": "service"}]})");
    QVERIFY(!loaded.scenario && loaded.draft);
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].path, std::string("components[1].service_time"));
    const auto compiled = compilePlan(*loaded.draft);
    QVERIFY(!compiled.plan);
    QCOMPARE(compiled.problems.size(), std::size_t(1));
    QCOMPARE(compiled.problems[0].path, std::string("components[1].service_time"));
    QVERIFY(compiled.problems[0].message.find("a service takes per request") != std::string::npos);
}

void tst_Plan::aDatabaseIsItsPrimariesAndReplicas() {
    // 4 shards with 2 replicas each: 4 primaries and 4 × 2 = 8 replicas, two pools. Without
    // replicas, the primaries alone.
    const Plan plan = planOf(R"([{"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "db"}, {"to": "one"}]},
        {"id": "db", "kind": "database", "shards": 4, "replicas": 2},
        {"id": "one", "kind": "database"}])");
    QCOMPARE(pool(plan, "db/primary").instances, 4);
    QCOMPARE(pool(plan, "db/replica").instances, 8);
    QCOMPARE(pool(plan, "one/primary").instances, 1);
    QCOMPARE(plan.pools.size(), std::size_t(3));
    // Each pool knows its part, so nothing downstream reads it out of the name.
    QCOMPARE(pool(plan, "db/primary").role, PoolRole::Primaries);
    QCOMPARE(pool(plan, "db/replica").role, PoolRole::Replicas);
    // Instances on a database are refused: its shards and replicas say how many.
    const auto refused = compilePlan(scenarioOf(R"([{"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "db"}]},
        {"id": "db", "kind": "database", "instances": 3}])"));
    QVERIFY(!refused.plan);
    QCOMPARE(refused.problems[0].path, std::string("components[1].instances"));
}

void tst_Plan::readsFollowReadFromAndWritesGoToPrimaries() {
    // read_from any with 3 replicas a shard: every node of 4 takes a quarter of the reads, so
    // the primaries 1/4 and the replicas 3/4. Writes all go to the primaries.
    const Plan plan = planOf(R"([{"id": "r", "kind": "client", "rate": "8/s", "class": "reads", "calls": [{"to": "db"}]},
        {"id": "w", "kind": "client", "rate": "2/s", "class": "writes", "operation": "write", "calls": [{"to": "db"}]},
        {"id": "db", "kind": "database", "replicas": 3, "read_from": "any"}])");
    const PlanCall& reads = plan.calls[0];
    QCOMPARE(reads.targets(Operation::Read).size(), std::size_t(2));
    HEADROOM_COMPARE_NEAR(reads.targets(Operation::Read)[0].share, 0.25, 1e-15);
    HEADROOM_COMPARE_NEAR(reads.targets(Operation::Read)[1].share, 0.75, 1e-15);
    const PlanCall& writes = plan.calls[1];
    QCOMPARE(writes.targets(Operation::Write).size(), std::size_t(1));
    QCOMPARE(plan.pools[writes.targets(Operation::Write)[0].pool].name, std::string("db/primary"));
}

void tst_Plan::edgesCountCallsPerRequest() {
    // api calls the cache twice; the cache (hit ratio 0.75) calls db on a miss, and api calls
    // the store with probability 0.2: per request 2 cache visits, 2 × 0.25 = 0.5 db visits and
    // 0.2 store visits.
    const Plan plan = planOf(R"([{"id": "u", "kind": "client", "rate": "10/s", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "1ms", "calls": [{"to": "cache", "times": 2}, {"to": "store", "probability": 0.2}]},
        {"id": "cache", "kind": "cache", "hit_ratio": 0.75, "calls": [{"to": "db"}]},
        {"id": "db", "kind": "service", "service_time": "1ms"},
        {"id": "store", "kind": "object_store", "service_time": "5ms"}])");
    HEADROOM_COMPARE_NEAR(expectedCallsInto(plan, "api"), 1.0, 1e-15);
    HEADROOM_COMPARE_NEAR(expectedCallsInto(plan, "cache"), 2.0, 1e-15);
    HEADROOM_COMPARE_NEAR(expectedCallsInto(plan, "db"), 0.25, 1e-15);  // per visit of the cache
    HEADROOM_COMPARE_NEAR(expectedCallsInto(plan, "store"), 0.2, 1e-15);
    QCOMPARE(plan.classes[0].rate, 10.0);
}

void tst_Plan::networkDelayIsTheLinkBothWaysPlusTransfer() {
    // The link: 1 ms each way and 1 MB/s; the call sends 10 KB and receives 40 KB:
    // 2 × 1 ms + 50,000 B ÷ 1,000,000 B/s = 2 + 50 = 52 ms. Without a link, the default
    // latency both ways: 2 × 0.5 ms = 1 ms.
    const Plan plan = planOf(R"([{"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "a"}]},
        {"id": "a", "kind": "service", "service_time": "1ms", "calls": [{"to": "b", "request_size": "10KB", "response_size": "40KB"}, {"to": "c"}]},
        {"id": "b", "kind": "service", "service_time": "1ms"},
        {"id": "c", "kind": "service", "service_time": "1ms"}])",
                             R"(, "links": [{"from": "b", "to": "a", "latency": "1ms", "bandwidth": "1MB/s"}], "defaults": {"link_latency": "500us"})");
    QCOMPARE(plan.calls.size(), std::size_t(3));
    // The link is resolved into the plan: its ends as component indices (b is 2, a is 1, as
    // written), its latency and bandwidth in base units, so the simulator needs no scenario.
    QCOMPARE(plan.links.size(), std::size_t(1));
    QCOMPARE(plan.links[0].from, std::size_t(2));
    QCOMPARE(plan.links[0].to, std::size_t(1));
    QCOMPARE(plan.links[0].latency, 0.001);
    QCOMPARE(plan.links[0].bandwidth, std::optional<double>(1e6));
    QCOMPARE(plan.calls[1].link, std::optional<std::size_t>(0));
    QCOMPARE(plan.componentCount, std::size_t(4));
    HEADROOM_COMPARE_NEAR(plan.calls[1].networkDelay, 0.052, 1e-12);
    HEADROOM_COMPARE_NEAR(plan.calls[1].latencyEachWay, 0.001, 1e-15);
    QVERIFY(plan.calls[1].link.has_value());
    HEADROOM_COMPARE_NEAR(plan.calls[2].networkDelay, 0.001, 1e-15);
    QVERIFY(!plan.calls[2].link.has_value());
}

void tst_Plan::classesSumTheirClientsAndAgreeOnTheOperation() {
    // Two clients of class "feed" at 30/s and 10/s: one class of 40/s, whose entry splits
    // 3/4 and 1/4 between them (one entry edge each, both into api).
    const Plan plan = planOf(R"([{"id": "a", "kind": "client", "rate": "30/s", "class": "feed", "calls": [{"to": "api"}]},
        {"id": "b", "kind": "client", "rate": "10/s", "class": "feed", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "1ms"}])");
    QCOMPARE(plan.classes.size(), std::size_t(1));
    QCOMPARE(plan.classes[0].rate, 40.0);
    QCOMPARE(plan.edges.size(), std::size_t(2));
    QCOMPARE(plan.expectedCalls(plan.edges[0], 0), 0.75);
    QCOMPARE(plan.expectedCalls(plan.edges[1], 0), 0.25);
    // A class cannot both read and write.
    const auto refused = compilePlan(scenarioOf(R"([{"id": "a", "kind": "client", "rate": "1/s", "class": "feed", "calls": [{"to": "api"}]},
        {"id": "b", "kind": "client", "rate": "1/s", "class": "feed", "operation": "write", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "1ms"}])"));
    QVERIFY(!refused.plan);
    QCOMPARE(refused.problems[0].path, std::string("components[1].operation"));
}

void tst_Plan::aQueueHandsEveryMessageToItsConsumerAsynchronously() {
    // Each message into q reaches one worker of the consumer: an async call from q, after the
    // calls written in the file, of 1 per visit.
    const Plan plan = planOf(R"([{"id": "u", "kind": "client", "rate": "5/s", "calls": [{"to": "api"}]},
        {"id": "api", "kind": "service", "service_time": "1ms", "calls": [{"to": "q", "mode": "async"}]},
        {"id": "q", "kind": "queue", "consumers": {"component": "worker"}},
        {"id": "worker", "kind": "service", "service_time": "10ms"}])");
    const PlanCall& handOff = plan.calls.back();
    QCOMPARE(plan.pools[*handOff.fromPool].name, std::string("q"));
    QCOMPARE(plan.pools[handOff.targets(Operation::Read)[0].pool].name, std::string("worker"));
    QVERIFY(!handOff.sync);
    HEADROOM_COMPARE_NEAR(expectedCallsInto(plan, "worker"), 1.0, 1e-15);
}

QTEST_APPLESS_MAIN(tst_Plan)
#include "tst_Plan.moc"
