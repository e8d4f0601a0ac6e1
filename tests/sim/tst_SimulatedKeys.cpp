// SPDX-License-Identifier: MIT
// Keys in the simulator (issue 20), run through `headroom-cli simulate` as users run it: a keyed
// cache's measured hit ratio against the analytic engine's (Che), warm start against cold start,
// a sharded database's measured shard loads against the plan's, a flushed cache warming as its
// keys come back, and the same bytes for the same seed.
#include <QtTest>

#include <cmath>

#include "support/Simulate.h"

using headroom::model::Json;
using headroom::test::analyze;
using headroom::test::simulate;

namespace {

/// 2,000 reads a second through a cache of `capacity` of 10⁴ keys at Zipf 0.8 to a database.
Json cachedScenario(int capacity, Json events = Json::array(), const std::string& duration = "40s", const std::string& warmup = "10s") {
    return {{"format", "headroom-scenario"}, {"version", 2}, {"name", "keys"},
            {"components", Json::array({
                 {{"id", "users"}, {"kind", "client"}, {"rate", "2000/s"}, {"calls", Json::array({{{"to", "cache"}}})}},
                 {{"id", "cache"}, {"kind", "cache"}, {"service_time", {{"dist", "constant"}, {"mean", "10us"}}},
                  {"keys", {{"count", 10000}, {"popularity", {{"zipf", 0.8}}}}}, {"capacity_items", capacity},
                  {"calls", Json::array({{{"to", "db"}}})}},
                 {{"id", "db"}, {"kind", "database"}, {"cores", 4}, {"service_time", "1ms"}},
             })},
            {"events", std::move(events)},
            {"run", {{"duration", duration}, {"warmup", warmup}, {"seed", 424242}, {"replications", 4}}}};
}

}  // namespace

class tst_SimulatedKeys : public QObject {
    Q_OBJECT
private slots:
    void aKeyedCacheHitsWhatCheSays();
    void aColdStartSettlesToTheWarmOne();
    void shardsTakeTheKeysTheyOwn();
    void aFlushedCacheWarmsAsItsKeysComeBack();
    void sameSeedSameBytes();
};

void tst_SimulatedKeys::aKeyedCacheHitsWhatCheSays() {
    // Che's approximation is within 1 % absolute of an exact LRU on this key space
    // (tst_KeyPopularity); the simulated cache, 4 × 60,000 measured reads (standard error
    // ≈ √(h(1 − h)/240,000) < 0.1 %), lands within 1 % of it, and the database sees the misses.
    const Json scenario = cachedScenario(1000);
    const double che = analyze(scenario)["components"]["cache"]["hit_ratio"].get<double>();
    const auto out = simulate(scenario);
    QCOMPARE(out.exitCode, 0);
    const double measured = out.result["components"]["cache"]["hit_ratio"].get<double>();
    QVERIFY2(std::abs(measured - che) < 0.01, qPrintable(QString("simulated %1, Che %2").arg(measured).arg(che)));
    const double dbRate = out.result["components"]["db"]["arrival_rate"].get<double>();
    QVERIFY2(std::abs(dbRate - 2000.0 * (1.0 - measured)) < 2000.0 * 0.01, qPrintable(QString("db %1/s").arg(dbRate)));
    // The time series carries the hit ratio per interval.
    const Json& series = out.result["time_series"]["pools"]["cache"]["hit_ratio"];
    QVERIFY(series.is_array() && !series.empty());
}

void tst_SimulatedKeys::aColdStartSettlesToTheWarmOne() {
    // The same cache flushed at 0 s (empty, as a cold start) with a 30 s warm-up: by then its
    // characteristic time (T with Σ(1 − e^(−λpᵢT)) = 1,000, about half a second here) has passed
    // many times over, so it measures what the warm start measures, within 1 %.
    const Json warm = simulate(cachedScenario(1000, Json::array(), "60s", "30s")).result;
    const Json cold = simulate(cachedScenario(1000, Json::array({{{"at", "0s"}, {"fault", "cache_flush"}, {"component", "cache"}}}), "60s", "30s")).result;
    const double a = warm["components"]["cache"]["hit_ratio"].get<double>(), b = cold["components"]["cache"]["hit_ratio"].get<double>();
    QVERIFY2(std::abs(a - b) < 0.01, qPrintable(QString("warm %1, cold %2").arg(a).arg(b)));
}

void tst_SimulatedKeys::shardsTakeTheKeysTheyOwn() {
    // 10⁵ keys at Zipf 1.2 over 8 hash shards: the plan places the top 8,192 keys by their hash
    // (all of the popularity mass but Σ_{i>8192} pᵢ ≈ 2 %); the simulator routes every key by the
    // same hash. Each shard's measured share of 4 × 3,000 × 20 requests is within 1 % of the plan's
    // (binomial standard error ≤ √(0.25/240,000) ≈ 0.1 %).
    const Json scenario = {{"format", "headroom-scenario"}, {"version", 2}, {"name", "shards"},
                           {"components", Json::array({
                                {{"id", "users"}, {"kind", "client"}, {"rate", "3000/s"}, {"calls", Json::array({{{"to", "db"}}})}},
                                {{"id", "db"}, {"kind", "database"}, {"cores", 4}, {"shards", 8}, {"service_time", "1ms"},
                                 {"keys", {{"count", 100000}, {"popularity", {{"zipf", 1.2}}}}}},
                            })},
                           {"run", {{"duration", "25s"}, {"warmup", "5s"}, {"seed", 7}, {"replications", 4}}}};
    const Json planned = analyze(scenario)["components"]["db"];
    const auto out = simulate(scenario);
    QCOMPARE(out.exitCode, 0);
    const Json& measured = out.result["components"]["db"];
    QCOMPARE(measured["shard_load"].size(), std::size_t(8));
    for (std::size_t s = 0; s < 8; ++s)
        QVERIFY2(std::abs(measured["shard_load"][s].get<double>() - planned["shard_load"][s].get<double>()) < 0.01,
                 qPrintable(QString("shard %1: %2 against %3").arg(s).arg(measured["shard_load"][s].get<double>()).arg(planned["shard_load"][s].get<double>())));
    QCOMPARE(measured["hot_shard"].get<int>(), planned["hot_shard"].get<int>());
}

void tst_SimulatedKeys::aFlushedCacheWarmsAsItsKeysComeBack() {
    // Flushed at 20 s, the cache is empty: the first interval after it hits far less than the
    // steady ratio (an empty LRU hits only keys read again since the flush: in the first second
    // Σ pᵢ(1 − e^(−λpᵢt)) averaged over t ≤ 1 s, under the steady ratio), and by the end, 20 s
    // later (many characteristic times), it is back within 2 % of it.
    const Json out = simulate(cachedScenario(1000, Json::array({{{"at", "20s"}, {"fault", "cache_flush"}, {"component", "cache"}}}), "40s", "5s")).result;
    const double steady = out["components"]["cache"]["hit_ratio"].get<double>();
    const Json& series = out["time_series"];
    const double interval = series["interval"].get<double>();
    const Json& hits = series["pools"]["cache"]["hit_ratio"];
    const auto at = [&](double t) { return hits[std::size_t(t / interval)].get<double>(); };
    QVERIFY2(at(20.0) < steady - 0.05, qPrintable(QString("just after the flush %1, steady %2").arg(at(20.0)).arg(steady)));
    QVERIFY2(std::abs(at(39.0) - steady) < 0.02, qPrintable(QString("at the end %1, steady %2").arg(at(39.0)).arg(steady)));
}

void tst_SimulatedKeys::sameSeedSameBytes() {
    const Json scenario = cachedScenario(500);
    const auto a = simulate(scenario), b = simulate(scenario);
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, b.out);
}

QTEST_MAIN(tst_SimulatedKeys)
#include "tst_SimulatedKeys.moc"
