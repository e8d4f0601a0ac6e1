// SPDX-License-Identifier: MIT
// The estimator's own rules, each on a small input worked out by hand. The published cases are
// in tst_GoldenEstimates.
#include <QtTest>

#include <cmath>

#include "model/Estimator.h"
#include "model/ScenarioFile.h"

using namespace headroom::model;

namespace {

Estimate estimateOf(const char* block) {
    const std::string text = std::string(R"({"format": "headroom-scenario", "version": 1, "name": "t", "components": [], "estimate": )") + block + "}";
    const Loaded loaded = loadScenarioText(text);
    if (!loaded.scenario) qFatal("%s: %s", loaded.problems.front().path.c_str(), loaded.problems.front().message.c_str());
    return estimate(*loaded.scenario->estimate);
}

double value(const Estimate& e, const char* action, const char* key) { return *e.action(action)->find(key)->value; }

}  // namespace

class tst_Estimator : public QObject {
    Q_OBJECT
private slots:
    void defaultConventionsNameTheirSources();
    void conventionsSetInTheFileHaveNoSource();
    void monthlyRatesUseTwelveMonthsAYear();
    void dailyRatesUseDaysPerYear();
    void perSecondRatesScaleBySecondsPerDay();
    void relativeRatesKeepTheirBasesPeriod();
    void binaryUnitsReadKilobytesAs1024();
    void mediaAddsItsExpectedBytes();
    void readsStoreNothingUnlessTheySaySo();
    void serversRoundUpPerAction();
    void missingInputsGiveNoValueAndSayWhy();
    void keysRunningOutIsFlagged();
    void aCacheSizedForAHitRatio();
    void theHottestShardsFactor();
    void overflowGivesNoValueNotInfinity();
    void formulasShowTheNumbersThatWentIn();
    void quantitiesAreFoundByTheirJsonPath();
};

void tst_Estimator::defaultConventionsNameTheirSources() {
    const Estimate e = estimateOf(R"({"actions": [{"name": "a", "kind": "write", "rate": "864/day", "size": "1KB"}], "retention": "1y"})");
    std::map<std::string, std::string> sources;
    for (const auto& c : e.conventions) sources[c.key] = c.source;
    QCOMPARE(sources["seconds_per_day"], std::string("T01"));
    QCOMPARE(sources["days_per_month"], std::string("T05"));
    QCOMPARE(sources["seconds_per_month"], std::string("T01, T05"));
    QCOMPARE(sources["days_per_year"], std::string("T06"));
    QCOMPARE(sources["peak_factor"], std::string("T11"));
    QCOMPARE(sources["cache_hot_fraction"], std::string("T13"));
    QCOMPARE(sources["storage_utilization"], std::string("T14"));
    // 864 a day ÷ 86,400 s = 0.01/s, by T01; peak × 2 by T11.
    QCOMPARE(value(e, "a", "qps"), 0.01);
    QCOMPARE(e.action("a")->find("qps")->sources, std::vector<std::string>{"T01"});
    QCOMPARE(e.action("a")->find("peak_qps")->sources, (std::vector<std::string>{"T01", "T11"}));
    // 1 KB × 864 × 365 = 315.36 MB, ÷ 0.7 (T14) = 450.5 MB provisioned.
    QCOMPARE_LE(std::abs(*e.total("storage_provisioned")->value - 315.36e6 / 0.7), 1e-3);
    QCOMPARE(e.total("storage_provisioned")->sources, (std::vector<std::string>{"T06", "T14"}));
}

void tst_Estimator::conventionsSetInTheFileHaveNoSource() {
    const Estimate e = estimateOf(R"({"seconds_per_day": 100000, "peak_factor": 5,
        "actions": [{"name": "a", "kind": "write", "rate": "1M/day"}]})");
    for (const auto& c : e.conventions)
        if (c.key == "seconds_per_day" || c.key == "peak_factor") QVERIFY2(c.source.empty(), c.key.c_str());
    // 1 M ÷ 100,000 s = 10/s; peak × 5 = 50/s (Xu & Lam vol. 2 conventions, T02 and T12).
    QCOMPARE(value(e, "a", "qps"), 10.0);
    QCOMPARE(value(e, "a", "peak_qps"), 50.0);
    QVERIFY(e.action("a")->find("qps")->sources.empty());
}

void tst_Estimator::monthlyRatesUseTwelveMonthsAYear() {
    // 3 M a month: 36 M a year (× 12), 100 K a day (÷ 30), 3 M ÷ 2,592,000 s = 1.157/s.
    const Estimate e = estimateOf(R"({"retention": "2y", "actions": [{"name": "a", "kind": "write", "rate": "3M/month", "size": "1B"}]})");
    QCOMPARE(value(e, "a", "per_year"), 36e6);
    QCOMPARE(value(e, "a", "per_day"), 100e3);
    QCOMPARE(value(e, "a", "qps"), 3e6 / 2'592'000.0);
    // Two years of a monthly rate are 24 months: 72 M objects.
    QCOMPARE(value(e, "a", "objects_total"), 72e6);
}

void tst_Estimator::dailyRatesUseDaysPerYear() {
    // 1,000 a day kept 18 months: 1,000 × 30 × 18 = 540,000; kept 90 days: 90,000.
    QCOMPARE(value(estimateOf(R"({"retention": "18month", "actions": [{"name": "a", "kind": "write", "rate": "1000/day"}]})"), "a", "objects_total"),
             540e3);
    QCOMPARE(value(estimateOf(R"({"retention": "90d", "actions": [{"name": "a", "kind": "write", "rate": "1000/day"}]})"), "a", "objects_total"),
             90e3);
    // With a 360-day year (days_per_year: 360) a year of it is 360,000.
    QCOMPARE(value(estimateOf(R"({"days_per_year": 360, "actions": [{"name": "a", "kind": "write", "rate": "1000/day"}]})"), "a", "per_year"),
             360e3);
}

void tst_Estimator::perSecondRatesScaleBySecondsPerDay() {
    // 30,000 a minute is 500/s; a day of it is 500 × 86,400 = 43.2 M, a month 500 × 2,592,000.
    const Estimate e = estimateOf(R"({"actions": [{"name": "a", "kind": "read", "rate": "30000/min"}]})");
    QCOMPARE(value(e, "a", "qps"), 500.0);
    QCOMPARE(value(e, "a", "per_day"), 43.2e6);
    QCOMPARE(value(e, "a", "per_month"), 500.0 * 2'592'000);
}

void tst_Estimator::relativeRatesKeepTheirBasesPeriod() {
    // c = 2 × b = 2 × 10 × a, where a = 1 M a month: c = 20 M a month, a year of c = 240 M.
    const Estimate e = estimateOf(R"({"actions": [
        {"name": "c", "kind": "read", "rate": {"per": "b", "times": 2}},
        {"name": "b", "kind": "read", "rate": {"per": "a", "times": 10}},
        {"name": "a", "kind": "write", "rate": "1M/month"}]})");
    QCOMPARE(value(e, "c", "per_month"), 20e6);
    QCOMPARE(value(e, "c", "per_year"), 240e6);
    QCOMPARE(QString::fromStdString(e.action("c")->find("per_month")->formula), QString("per_month = times × b.per_month"));
}

void tst_Estimator::binaryUnitsReadKilobytesAs1024() {
    // 1,000 writes a day of "1KB": 1,024,000 B a day in binary units, 1,000,000 in decimal.
    const char* binary = R"({"units": "binary", "actions": [{"name": "a", "kind": "write", "rate": "1000/day", "size": "1KB"}]})";
    const char* decimal = R"({"actions": [{"name": "a", "kind": "write", "rate": "1000/day", "size": "1KB"}]})";
    QCOMPARE(*estimateOf(binary).total("storage_per_day")->value, 1'024'000.0);
    QCOMPARE(*estimateOf(decimal).total("storage_per_day")->value, 1'000'000.0);
    // Printed in the convention's own units: 1,024,000 B = 1000 KiB.
    const Estimate e = estimateOf(binary);
    QCOMPARE(QString::fromStdString(formatQuantity(*e.total("storage_per_day"), e.units)), QString("1000 KiB"));
}

void tst_Estimator::mediaAddsItsExpectedBytes() {
    // 100 B of text plus 10 % × 2 MB of media = 200,100 B a post.
    const Estimate e = estimateOf(R"({"actions": [{"name": "p", "kind": "write", "rate": "1/s", "size": "100B", "media_ratio": 0.1, "media_size": "2MB"}]})");
    QCOMPARE(value(e, "p", "ingress"), 200'100.0);
    QCOMPARE(value(e, "p", "storage_rate"), 200'100.0);
}

void tst_Estimator::readsStoreNothingUnlessTheySaySo() {
    const Estimate plain = estimateOf(R"({"actions": [{"name": "r", "kind": "read", "rate": "1/s", "size": "1KB"}]})");
    QCOMPARE(*plain.total("storage_per_day")->value, 0.0);
    QVERIFY(!plain.action("r")->find("storage_per_day"));
    const Estimate stored = estimateOf(R"({"actions": [{"name": "r", "kind": "read", "rate": "1/s", "size": "1KB", "stored_size": "270B"}]})");
    QCOMPARE(*stored.total("storage_per_day")->value, 270.0 * 86400);
}

void tst_Estimator::serversRoundUpPerAction() {
    // Peak × 2: a = 2,000/s at 300/s a server → ⌈6.67⌉ = 7; b = 10/s at the default 300 → 1.
    const Estimate e = estimateOf(R"({"per_server_qps": 300, "actions": [
        {"name": "a", "kind": "read", "rate": "1000/s"}, {"name": "b", "kind": "write", "rate": "5/s"}]})");
    QCOMPARE(value(e, "a", "servers"), 7.0);
    QCOMPARE(value(e, "b", "servers"), 1.0);
    QCOMPARE(*e.total("servers")->value, 8.0);
}

void tst_Estimator::missingInputsGiveNoValueAndSayWhy() {
    const Estimate e = estimateOf(R"({"actions": [{"name": "a", "kind": "write", "rate": "1/s"}]})");
    QVERIFY(!e.total("servers")->value);
    QVERIFY(e.total("servers")->note.find("per_server_qps") != std::string::npos);
    QVERIFY(!e.total("storage_total")->value);
    QVERIFY(e.total("storage_total")->note.find("retention") != std::string::npos);
    QVERIFY(!e.total("daily_active_users")->value);
    QCOMPARE(QString::fromStdString(formatQuantity(*e.total("servers"), UnitSystem::Decimal)), QString("—"));
}

void tst_Estimator::keysRunningOutIsFlagged() {
    // 10 a day for 10 years = 36,500 objects; 10^4 keys of 4 decimal digits: used 365 %.
    const Estimate e = estimateOf(R"({"retention": "10y", "actions": [{"name": "a", "kind": "write", "rate": "10/day"}],
        "keys": {"alphabet": 10, "length": 4, "action": "a"}})");
    QCOMPARE(*e.keys->find("keyspace_used")->value, 3.65);
    QVERIFY(e.keys->find("keyspace_used")->note.find("run out") != std::string::npos);
    QCOMPARE(*e.keys->find("key_storage")->value, 36'500.0 * 4);
}

void tst_Estimator::overflowGivesNoValueNotInfinity() {
    // 1e6 ^ 64 = 1e384 is beyond a double.
    const Estimate e = estimateOf(R"({"retention": "1y", "actions": [{"name": "a", "kind": "write", "rate": "1/day"}],
        "keys": {"alphabet": 1000000, "length": 64, "action": "a"}})");
    QVERIFY(!e.keys->find("keyspace")->value);
    QCOMPARE(e.keys->find("keyspace")->note, std::string("too large to compute: the inputs overflow a double"));
}

void tst_Estimator::formulasShowTheNumbersThatWentIn() {
    const Estimate e = estimateOf(R"({"daily_active_users": "150M", "actions": [{"name": "tweet", "kind": "write", "per_user_per_day": 2}]})");
    const Quantity& perDay = *e.action("tweet")->find("per_day");
    QCOMPARE(QString::fromStdString(perDay.formula), QString("per_day = per_user_per_day × daily_active_users"));
    QCOMPARE(QString::fromStdString(perDay.substituted), QString("2 × 150,000,000 = 300 million"));
    const Quantity& qps = *e.action("tweet")->find("qps");
    QCOMPARE(QString::fromStdString(qps.formula), QString("qps = per_day ÷ seconds_per_day"));
    QCOMPARE(QString::fromStdString(qps.substituted), QString("300,000,000 ÷ 86,400 s = 3.472 K/s"));
}

void tst_Estimator::quantitiesAreFoundByTheirJsonPath() {
    const Estimate e = estimateOf(R"({"retention": "1y", "actions": [{"name": "v1.read", "kind": "read", "rate": "1/s"}],
        "datasets": [{"name": "s", "count": 3, "size": "2B"}], "keys": {"alphabet": 2, "length": 3, "action": "v1.read"}})");
    QCOMPARE(e.at("read_qps"), e.total("read_qps"));
    QCOMPARE(*e.at("actions.v1.read.qps")->value, 1.0);  // an action name with a dot
    QCOMPARE(*e.at("datasets.s.size")->value, 6.0);
    QCOMPARE(*e.at("keys.keyspace")->value, 8.0);
    QVERIFY(!e.at("actions.none.qps"));
    QVERIFY(!e.at("actions.v1.read"));
    QVERIFY(!e.at("nothing"));
}

void tst_Estimator::aCacheSizedForAHitRatio() {
    // Uniform popularity: an LRU of C of N keys hits C/N, so 80 % of 1,000 keys of 1 KB is 800
    // values, 800 KB; T13's 80 % is the default target.
    const char* uniform = R"({"key_popularity": {"count": 1000, "item_size": "1KB"}, "actions": [{"name": "r", "kind": "read", "rate": "1/s", "size": "1KB"}]})";
    const std::string text = std::string(R"({"format": "headroom-scenario", "version": 2, "name": "t", "components": [], "estimate": )") + uniform + "}";
    const Estimate e = estimate(*loadScenarioText(text).scenario->estimate);
    const Quantity* memory = e.total("cache_memory_for_hit_target");
    QVERIFY(memory && memory->value);
    QVERIFY(std::abs(*memory->value - 800e3) <= 1e3);  // C rounded up to a whole value
    QCOMPARE(memory->sources, std::vector<std::string>{"T13"});
    // Zipf 0.8 over 10⁴ keys for 50 %: the same fixed point summed key by key here, T by
    // bisection on Σ pᵢ(1 − e^(−pᵢT)) = 0.5, then C = Σ (1 − e^(−pᵢT)).
    const std::string zipf = std::string(R"({"format": "headroom-scenario", "version": 2, "name": "t", "components": [], "estimate": )") +
                             R"({"key_popularity": {"count": 10000, "popularity": {"zipf": 0.8}, "item_size": "100B"}, "cache_hit_target": 0.5}})";
    std::vector<double> p(10'000);
    double total = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) total += p[i] = std::pow(double(i + 1), -0.8);
    double lo = 0.0, hi = 1e9;
    for (int i = 0; i < 200; ++i) {
        const double t = (lo + hi) / 2.0;
        double hit = 0.0;
        for (const double x : p) hit += x / total * -std::expm1(-x / total * t);
        (hit < 0.5 ? lo : hi) = t;
    }
    double held = 0.0;
    for (const double x : p) held += -std::expm1(-x / total * lo);
    const Estimate zipfEstimate = estimate(*loadScenarioText(zipf).scenario->estimate);
    const Quantity* zipfMemory = zipfEstimate.total("cache_memory_for_hit_target");
    // The grouped sums (2 % rank groups below rank 64) may round C to the next whole value.
    QVERIFY2(std::abs(*zipfMemory->value - std::ceil(held) * 100.0) <= 100.0, qPrintable(QString("%1 against %2").arg(*zipfMemory->value).arg(std::ceil(held) * 100.0)));
}

void tst_Estimator::theHottestShardsFactor() {
    // Four keys at Zipf 1 on two range shards: shard 0 takes 18/25 = 0.72, × 2 = 1.44.
    const std::string text = std::string(R"({"format": "headroom-scenario", "version": 2, "name": "t", "components": [], "estimate": )") +
                             R"({"key_popularity": {"count": 4, "popularity": {"zipf": 1}}, "shards": 2, "sharding": "range"}})";
    const Estimate e = estimate(*loadScenarioText(text).scenario->estimate);
    const Quantity* factor = e.total("hot_shard_factor");
    QVERIFY(factor && factor->value);
    QVERIFY(std::abs(*factor->value - 1.44) < 1e-12);
    QVERIFY(QString::fromStdString(factor->substituted).contains("shard 0 of 2"));
}

QTEST_APPLESS_MAIN(tst_Estimator)
#include "tst_Estimator.moc"
