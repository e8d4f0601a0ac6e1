// SPDX-License-Identifier: MIT
// Which call a visit makes next and where it goes, on a compiled plan, without SimGrid.
#include <QtTest>

#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "sim/Router.h"

using namespace headroom;

namespace {

// Plan order (model/Plan.cpp): pools lb 0, app 1, db/primary 2, db/replica 3, store 4; calls of
// the clients first (ca→lb 0, cb→app 1), then the pools' (lb→app 2, app→db 3, app→store 4);
// classes a 0 (reads) and b 1 (writes).
constexpr const char* kScenario = R"({"format": "headroom-scenario", "version": 1, "name": "routes",
    "components": [
      {"id": "ca", "kind": "client", "rate": "1/s", "class": "a", "calls": [{"to": "lb"}]},
      {"id": "cb", "kind": "client", "rate": "1/s", "class": "b", "operation": "write", "calls": [{"to": "app"}]},
      {"id": "lb", "kind": "load_balancer", "service_time": "1ms", "algorithm": "least_connections", "calls": [{"to": "app"}]},
      {"id": "app", "kind": "service", "instances": 3, "service_time": "1ms",
       "calls": [{"to": "db", "times": 2}, {"to": "store", "class": "b"}]},
      {"id": "db", "kind": "database", "service_time": "1ms", "shards": 2, "replicas": 1, "read_from": "any"},
      {"id": "store", "kind": "object_store", "service_time": "1ms"}]})";

constexpr std::uint32_t kClassA = 0, kClassB = 1;
constexpr std::uint32_t kLbToApp = 2, kAppToDb = 3, kAppToStore = 4;

model::Plan compiled() {
    const auto loaded = model::loadScenarioText(kScenario);
    if (!loaded.scenario) qFatal("the test scenario does not load");
    auto plan = model::compilePlan(*loaded.scenario).plan;
    if (!plan) qFatal("the test scenario does not compile");
    return *plan;
}

/// Every call a visit of `pool` makes for `requestClass`, in order.
std::vector<std::uint32_t> callsMade(const sim::Router& router, std::size_t pool, std::uint32_t requestClass) {
    sim::RandomStream random(1);
    sim::CallCursor cursor;
    std::vector<std::uint32_t> made;
    while (const auto call = router.nextCall(cursor, router.callsOfPool(pool), requestClass, [&]() -> sim::RandomStream& { return random; })) made.push_back(*call);
    return made;
}

}  // namespace

class RouterTest : public QObject {
    Q_OBJECT

private slots:
    void callsAreListedPerCaller() {
        const auto plan = compiled();
        sim::Router router(plan);
        QCOMPARE(router.callsOfClient(0), (std::vector<std::uint32_t>{0}));
        QCOMPARE(router.callsOfClient(1), (std::vector<std::uint32_t>{1}));
        QCOMPARE(router.callsOfPool(1), (std::vector<std::uint32_t>{kAppToDb, kAppToStore}));
        QVERIFY(router.callsOfPool(4).empty());
    }

    void aVisitRepeatsItsCallsAndSkipsOtherClasses() {
        // app calls db twice for everyone, then store for class b only.
        const auto plan = compiled();
        sim::Router router(plan);
        QCOMPARE(callsMade(router, 1, kClassA), (std::vector<std::uint32_t>{kAppToDb, kAppToDb}));
        QCOMPARE(callsMade(router, 1, kClassB), (std::vector<std::uint32_t>{kAppToDb, kAppToDb, kAppToStore}));
    }

    void writesGoToPrimariesAndReadsToAnyNode() {
        // One replica per shard and read_from any: a read goes to the primaries with probability
        // 1 / (1 + 1) = 1/2 (n = 20 000: standard error 0.0035, so ±0.02 is 5.7 of them); a
        // write always to the primaries; both to one of the 2 shards (and 2 replicas).
        const auto plan = compiled();
        sim::Router router(plan);
        sim::RandomStream random(11);
        int primaries = 0;
        const int n = 20'000;
        for (int i = 0; i < n; ++i) {
            const sim::Route read = router.route(kAppToDb, kClassA, 0, 0, random);
            QVERIFY(read.pool == 2 || read.pool == 3);
            QVERIFY(read.instance < 2);
            primaries += read.pool == 2 ? 1 : 0;
            const sim::Route write = router.route(kAppToDb, kClassB, 0, 0, random);
            QCOMPARE(write.pool, 2u);
            QVERIFY(write.instance < 2);
        }
        QVERIFY(std::abs(double(primaries) / n - 0.5) <= 0.02);
    }

    void theBalancerLearnsFromRepliesAndFailures() {
        // Least connections over app's 3 instances: three calls take one instance each. When
        // the second call fails, its instance is the only idle one and takes the next call;
        // when the first call's reply comes back, its instance does.
        const auto plan = compiled();
        sim::Router router(plan);
        sim::RandomStream random(1);
        const sim::Route first = router.route(kLbToApp, kClassA, 0, 0, random);
        const sim::Route second = router.route(kLbToApp, kClassA, 0, 0, random);
        const sim::Route third = router.route(kLbToApp, kClassA, 0, 0, random);
        QCOMPARE(first.pool, 1u);
        QVERIFY(first.instance != second.instance && second.instance != third.instance && first.instance != third.instance);
        router.failed(kLbToApp, second);
        QCOMPARE(router.route(kLbToApp, kClassA, 0, 0, random).instance, second.instance);
        router.replied(kLbToApp, first, 0.01);
        QCOMPARE(router.route(kLbToApp, kClassA, 0, 0, random).instance, first.instance);
    }

    void aKeyedDatabaseRoutesEachKeyToItsShard() {
        // Four range shards of 100 keys with 2 replicas each, reads from the replicas: rank r is
        // on shard ⌈4r/100⌉ − 1 (ranks 1–25 on shard 0, 26–50 on 1, …), a write goes to that
        // shard's primary, a read to one of its two replicas (instances 2s and 2s + 1).
        const auto loaded = model::loadScenarioText(R"({"format": "headroom-scenario", "version": 2, "name": "keyed",
            "components": [
              {"id": "r", "kind": "client", "rate": "1/s", "class": "r", "calls": [{"to": "db"}]},
              {"id": "w", "kind": "client", "rate": "1/s", "class": "w", "operation": "write", "calls": [{"to": "db"}]},
              {"id": "db", "kind": "database", "service_time": "1ms", "shards": 4, "replicas": 2, "read_from": "replicas",
               "keys": {"count": 100, "popularity": {"zipf": 1}}, "sharding": "range"}]})");
        const auto plan = *model::compilePlan(*loaded.scenario).plan;
        sim::Router router(plan);
        sim::RandomStream random(3);
        for (const auto& [rank, shard] : {std::pair{1u, 0u}, {25u, 0u}, {26u, 1u}, {75u, 2u}, {76u, 3u}, {100u, 3u}}) {
            const sim::Route write = router.route(1, 1, 0, rank, random);
            QCOMPARE(write.pool, 0u);
            QCOMPARE(write.instance, shard);
            const sim::Route read = router.route(0, 0, 0, rank, random);
            QCOMPARE(read.pool, 1u);
            QVERIFY(read.instance == 2 * shard || read.instance == 2 * shard + 1);
        }
    }
};

QTEST_APPLESS_MAIN(RouterTest)
#include "tst_Router.moc"
