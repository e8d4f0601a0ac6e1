// SPDX-License-Identifier: MIT
// Keys and popularity through the format, the plan and the analytic engine (issue 20): a keyed
// cache's hit ratio thins the traffic behind it, a range-sharded database's hot shard is a
// station of its own and the bottleneck, and replica reads go stale; every figure worked by hand.
#include <QtTest>

#include <cmath>

#include "analytic/ScenarioAnalysis.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"

using namespace headroom;

namespace {

model::Scenario load(const std::string& text) {
    const model::Loaded loaded = model::loadScenarioText(text);
    if (!loaded.scenario) {
        std::string problems;
        for (const auto& p : loaded.problems) problems += p.path + ": " + p.message + "; ";
        qFatal("%s", problems.c_str());
    }
    return *loaded.scenario;
}

model::RunResult analyzed(const model::Scenario& scenario) { return analytic::analyze(scenario, *model::compilePlan(scenario).plan); }

const model::ComponentMetrics& component(const model::RunResult& result, const std::string& id) {
    for (const auto& c : result.components)
        if (c.id == id) return c;
    qFatal("no component %s", id.c_str());
}

/// The problems a text loads with, as "path: message" lines.
QStringList problemsOf(const std::string& text) {
    QStringList out;
    for (const auto& p : model::loadScenarioText(text).problems) out << QString::fromStdString(p.path + ": " + p.message);
    return out;
}

bool mentions(const QStringList& problems, const QString& path, const QString& words) {
    for (const QString& p : problems)
        if (p.startsWith(path + ":") && p.contains(words)) return true;
    return false;
}

// 100 reads a second through a cache of 250 of 1,000 equally popular keys to a database.
constexpr const char* kUniformCache = R"({"format": "headroom-scenario", "version": 2, "name": "uniform cache",
 "components": [
  {"id": "users", "kind": "client", "rate": "100/s", "calls": [{"to": "cache"}]},
  {"id": "cache", "kind": "cache", "service_time": "1ms", "keys": {"count": 1000, "popularity": "uniform", "item_size": "1KB"},
   "capacity": "250KB", "calls": [{"to": "db"}]},
  {"id": "db", "kind": "database", "service_time": "5ms"}]})";

}  // namespace

class tst_KeyedAnalysis : public QObject {
    Q_OBJECT
private slots:
    void keyedFilesReadBackToTheSameBytes();
    void keysNeedWhatTheyNeed();
    void aUniformCacheHitsItsShare();
    void aTtlCacheSeesTheRateThatReachesIt();
    void theHotRangeShardIsTheBottleneck();
    void replicaReadsGoStale();
};

void tst_KeyedAnalysis::keyedFilesReadBackToTheSameBytes() {
    const model::Scenario scenario = load(kUniformCache);
    QCOMPARE(scenario.components[1].keys->count, 1000.0);
    QVERIFY(!scenario.components[1].keys->zipf);
    const std::string text = model::toText(scenario);
    QVERIFY(text.find("\"version\": 2") != std::string::npos);
    QCOMPARE(model::toText(load(text)), text);
    // A Zipf popularity, a write share and every cache field survive the round trip.
    const model::Scenario zipf = load(R"({"format": "headroom-scenario", "version": 2, "name": "z", "components": [
      {"id": "u", "kind": "client", "rate": "10/s", "calls": [{"to": "c"}]},
      {"id": "c", "kind": "cache", "keys": {"count": "10M", "popularity": {"zipf": 0.9}, "item_size": "2KB", "write_share": "5%"},
       "capacity_items": "100K", "eviction": "fifo", "writes": "write_through", "calls": [{"to": "d"}]},
      {"id": "d", "kind": "database", "shards": 4, "replicas": 1, "keys": {"count": "10M", "popularity": {"zipf": 0.9}},
       "sharding": "range", "replication_lag": "50ms"}]})");
    const std::string zipfText = model::toText(zipf);
    QCOMPARE(model::toText(load(zipfText)), zipfText);
    QCOMPARE(*zipf.components[1].keys->zipf, 0.9);
    QCOMPARE(*zipf.components[1].keys->writeShare, 0.05);
    QCOMPARE(*zipf.components[2].sharding, model::Sharding::Range);
}

void tst_KeyedAnalysis::keysNeedWhatTheyNeed() {
    const auto scenario = [](const std::string& cache, const std::string& db = R"({"id": "d", "kind": "database"})") {
        return R"({"format": "headroom-scenario", "version": 2, "name": "k", "components": [
          {"id": "u", "kind": "client", "rate": "10/s", "calls": [{"to": "c"}]},
          {"id": "c", "kind": "cache", "calls": [{"to": "d"}])" + cache + "}, " + db + "]}";
    };
    QVERIFY(mentions(problemsOf(scenario(R"(, "capacity": "1GB")")), "components[1].capacity", "needs a \"keys\" block"));
    QVERIFY(mentions(problemsOf(scenario(R"(, "keys": {"count": 100}, "capacity": "1GB")")), "components[1].keys.item_size", "capacity / item_size"));
    QVERIFY(mentions(problemsOf(scenario(R"(, "keys": {"count": 100})")), "components[1].capacity", "needs its size"));
    QVERIFY(mentions(problemsOf(scenario(R"(, "keys": {"count": 100, "popularity": {"zipf": 11}}, "capacity_items": 10)")),
                     "components[1].keys.popularity.zipf", "at most 10"));
    QVERIFY(mentions(problemsOf(scenario(R"(, "keys": {"count": 100, "popularity": "zipfian"}, "capacity_items": 10)")),
                     "components[1].keys.popularity", "not a popularity"));
    QVERIFY(mentions(problemsOf(scenario(R"(, "keys": {"count": 100, "write_share": 1}, "capacity_items": 10)")),
                     "components[1].keys.write_share", "below 1"));
    QVERIFY(mentions(problemsOf(scenario(R"(, "keys": {"count": 100}, "eviction": "lru", "ttl": "5s", "capacity_items": 10)")),
                     "components[1].ttl", "eviction \"ttl\""));
    QVERIFY(mentions(problemsOf(scenario(R"(, "hit_ratio": 0.5)", R"({"id": "d", "kind": "database", "keys": {"count": 9}, "replication_lag": "1s"})")),
                     "components[2].replication_lag", "no replicas"));
    // A version-1 file with keys is refused with the key's path.
    QVERIFY(mentions(problemsOf(R"({"format": "headroom-scenario", "version": 1, "name": "k", "components": [
          {"id": "u", "kind": "client", "rate": "10/s", "calls": [{"to": "c"}]},
          {"id": "c", "kind": "cache", "keys": {"count": 100}, "capacity_items": 10, "calls": [{"to": "d"}]},
          {"id": "d", "kind": "database"}]})"), "components[1].keys", "format-version-2 key"));
    // Keys stand in for hit_ratio: no "missing hit_ratio".
    for (const QString& p : problemsOf(scenario(R"(, "keys": {"count": 100}, "capacity_items": 10)"))) QVERIFY2(!p.contains("hit_ratio"), qPrintable(p));
}

void tst_KeyedAnalysis::aUniformCacheHitsItsShare() {
    // 250 KB of 1 KB values hold 250 of the 1,000 keys: uniform popularity hits 250/1000 = 25 %,
    // so the database sees 100 × 0.75 = 75 reads a second, ρ = 75 × 5 ms = 0.375.
    const model::RunResult result = analyzed(load(kUniformCache));
    const auto& cache = component(result, "cache");
    QVERIFY(cache.keys && cache.keys->hitRatio);
    QVERIFY(std::abs(*cache.keys->hitRatio - 0.25) < 1e-9);
    QVERIFY(std::abs(*cache.keys->itemsHeld - 250.0) < 1e-6);
    QVERIFY(std::abs(*cache.keys->memoryBytes - 250e3) < 1e-3);
    const auto& db = component(result, "db");
    QVERIFY(std::abs(db.total.arrivalRate - 75.0) < 1e-9);
    QVERIFY(std::abs(*db.total.utilization - 0.375) < 1e-9);
}

void tst_KeyedAnalysis::aTtlCacheSeesTheRateThatReachesIt() {
    // One key read 3 times a second through a cache whose values live 2 s: 6 hits per miss,
    // 6/7 of reads hit and the database sees 3/7 a second. Behind a first cache that answers
    // half (hit_ratio 0.5), the ttl cache sees 1.5/s: λT = 3, 3/4 hit, the database 1.5/4.
    std::string text = R"({"format": "headroom-scenario", "version": 2, "name": "ttl", "components": [
      {"id": "users", "kind": "client", "rate": "3/s", "calls": [{"to": "cache"}]},
      {"id": "cache", "kind": "cache", "service_time": "1ms", "keys": {"count": 1}, "ttl": "2s", "calls": [{"to": "db"}]},
      {"id": "db", "kind": "database", "service_time": "5ms"}]})";
    model::RunResult result = analyzed(load(text));
    QVERIFY(std::abs(*component(result, "cache").keys->hitRatio - 6.0 / 7.0) < 1e-12);
    QVERIFY(std::abs(component(result, "db").total.arrivalRate - 3.0 / 7.0) < 1e-12);
    text = R"({"format": "headroom-scenario", "version": 2, "name": "ttl", "components": [
      {"id": "users", "kind": "client", "rate": "3/s", "calls": [{"to": "edge"}]},
      {"id": "edge", "kind": "cdn", "service_time": "1ms", "hit_ratio": 0.5, "calls": [{"to": "cache"}]},
      {"id": "cache", "kind": "cache", "service_time": "1ms", "keys": {"count": 1}, "ttl": "2s", "calls": [{"to": "db"}]},
      {"id": "db", "kind": "database", "service_time": "5ms"}]})";
    result = analyzed(load(text));
    QVERIFY(std::abs(*component(result, "cache").keys->hitRatio - 0.75) < 1e-12);
    QVERIFY(std::abs(component(result, "db").total.arrivalRate - 0.375) < 1e-12);
}

void tst_KeyedAnalysis::theHotRangeShardIsTheBottleneck() {
    // Four keys at Zipf 1 over two range shards: shard 0 owns ranks 1–2, (1 + 1/2)/(25/12) =
    // 72 % of requests, shard 1 28 %. At 100/s and 5 ms (exponential, one core each), shard 0
    // is an M/M/1 at λ = 72, ρ = 0.36; shard 1 at λ = 28, ρ = 0.14. The hot shard decides the
    // headroom, 1/0.36; evenly loaded it would have been 1/0.25.
    // Mean time: 0.72 × 5/(1 − 0.36) + 0.28 × 5/(1 − 0.14) = 0.72 × 7.8125 + 0.28 × 5.81395 =
    // 7.25291 ms, against 5/(1 − 0.25) = 6.66667 ms evenly.
    const model::Scenario scenario = load(R"({"format": "headroom-scenario", "version": 2, "name": "hot", "components": [
      {"id": "users", "kind": "client", "rate": "100/s", "calls": [{"to": "db"}]},
      {"id": "db", "kind": "database", "shards": 2, "service_time": "5ms", "keys": {"count": 4, "popularity": {"zipf": 1}}, "sharding": "range"}]})");
    const model::RunResult result = analyzed(scenario);
    const auto& db = component(result, "db");
    QVERIFY(db.keys);
    QCOMPARE(db.keys->shardLoad.size(), std::size_t(2));
    QVERIFY(std::abs(db.keys->shardLoad[0] - 0.72) < 1e-12);
    const auto hottest = db.keys->hottestShard();
    QCOMPARE(hottest->first, std::size_t(0));
    QVERIFY(std::abs(hottest->second - 1.44) < 1e-12);
    QCOMPARE(*result.bottleneck, std::string("db"));
    QVERIFY(std::abs(*result.loadHeadroom - 1.0 / 0.36) < 1e-9);
    QVERIFY(std::abs(*result.classes[0].latency.mean - 7.25291e-3) < 1e-8);
    // Hash sharding of four keys: the plan places each by hashShard, so the shares are the
    // masses of the keys each shard got.
    model::Scenario hashed = scenario;
    hashed.components[1].sharding = model::Sharding::Hash;
    const model::RunResult hashedResult = analyzed(hashed);
    const auto& shares = component(hashedResult, "db").keys->shardLoad;
    std::vector<double> expected(2, 0.0);
    for (int rank = 1; rank <= 4; ++rank) expected[std::size_t(model::hashShard(std::uint64_t(rank), 2))] += (1.0 / rank) / (25.0 / 12.0);
    QVERIFY(std::abs(shares[0] - expected[0]) < 1e-12 && std::abs(shares[1] - expected[1]) < 1e-12);
}

void tst_KeyedAnalysis::replicaReadsGoStale() {
    // One key, read 10 times a second from a replica; half the keys' requests write, so 10
    // writes a second; the replica is 100 ms behind (F04): a read is stale when a write came
    // in the last 100 ms, 1 − e^(−10 × 0.1) = 0.632121.
    const model::RunResult result = analyzed(load(R"({"format": "headroom-scenario", "version": 2, "name": "stale", "components": [
      {"id": "users", "kind": "client", "rate": "10/s", "calls": [{"to": "db"}]},
      {"id": "db", "kind": "database", "replicas": 1, "read_from": "replicas", "service_time": "5ms",
       "keys": {"count": 1, "write_share": 0.5}}]})"));
    QVERIFY(std::abs(*component(result, "db").keys->staleReads - 0.63212056) < 1e-8);
}

QTEST_APPLESS_MAIN(tst_KeyedAnalysis)
#include "tst_KeyedAnalysis.moc"
