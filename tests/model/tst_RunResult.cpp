// SPDX-License-Identifier: MIT
// The result's JSON form and back: what the simulation worker writes is what the app reads.
#include <QtTest>

#include "model/RunResult.h"

using namespace headroom::model;

namespace {

/// A result with every field set, none at a default, so that a field the reader forgets to read
/// shows as a difference in the second toJson.
RunResult everyField() {
    RunResult r;
    r.engine = "simulation";
    r.stable = false;
    ClassMetrics read;
    read.name = "read";
    read.throughput = 1999.5;
    read.rejected = 0.25;
    read.errors = 0.5;
    read.timeouts = 0.25;
    read.latency = {0.005, 0.004, 0.012, 0.019, 0.028};
    read.ci95 = LatencyResult{0.0001, 0.0002, 0.0003, 0.0004, 0.0005};
    read.throughputCi95 = 3.5;
    read.rejectedCi95 = 0.125;
    read.timeoutsCi95 = 0.0625;
    read.cdf = {{0.001, 0.001}, {0.004, 0.5}, {0.019, 0.99}};
    read.percentilesApproximate = true;
    read.maxThroughput = 4000.0;
    ClassMetrics browse;  // a closed class, and one without a lower bound
    browse.name = "browse";
    browse.users = 40;
    browse.maxUsersWithinSlo = 120;
    browse.maxUsersIsLowerBound = true;
    r.classes = {read, browse};
    PoolMetrics primary{"db/primary", 4, 10.0, 9.5, 0.25, 0.125, 0.01, 0.0012, true, "processor sharing", true, 0.5, 0.25,
                        LatencyResult{0.001, 0.0009, 0.003, 0.004, 0.006}, 0.5, 0.01};
    PoolMetrics replica = primary;
    replica.name = "db/replica";
    replica.stable = false;
    replica.latency.reset();
    replica.arrivalRateCi95.reset();
    replica.utilizationCi95.reset();
    PoolMetrics total = primary;
    total.name = "db";
    r.components = {ComponentMetrics{"db", total, {primary, replica}, 276.5},
                    ComponentMetrics{"api", PoolMetrics{"api", 2, 2000.0, 2000.0, 0.5, std::nullopt, 0.2, 0.005, true, "M/M/c"}, {}, std::nullopt}};
    r.components[1].total.meanInstances = 2.75;  // autoscaled, simulated
    r.components[1].pools = {r.components[1].total};
    AutoscaleOutlook scaled;
    scaled.component = "api";
    scaled.metric = "cpu";
    scaled.target = 0.6;
    scaled.min = 2;
    scaled.max = 6;
    scaled.span = 54.0;
    scaled.instancesAtStart = 2;
    scaled.instancesAtPeak = 3;
    scaled.meanInstances = 2.75;
    scaled.levels = {{2, 0.25}, {3, 0.75}};
    scaled.costPerMonth = 198.0;
    scaled.fixedCostPerMonth = 216.0;
    scaled.outrun = AutoscaleOutlook::Outrun{2, 10.0, 60.0, 150.0, 140.0};
    scaled.actions = {{12.0, 2, 3, 42.0}, {48.0, 3, 2, std::nullopt}};
    scaled.instanceHours = 0.04125;
    r.autoscaling = {scaled};
    r.bottleneck = "api";
    r.loadHeadroom = 2.0;
    r.slo = {SloOutcome{"read", 99.0, 0.15, 0.019, true, false}, SloOutcome{"browse", 50.0, 0.01, std::nullopt, std::nullopt, true}};
    r.notes = {"one replication: no confidence intervals"};
    r.run = RunInfo{60.0, 6.0, 7, 5, 123456, "mser-5", false,
                    PrecisionOutcome{false, 12, {{"read", "p99", false, 0.02, 0.031}, {"read", "p99.9", true, 0.02, std::nullopt}}}};
    r.timeSeries = TimeSeries{0.5, {0.0, 0.5}, {{"read", {10.0, 12.0}, {0.01, std::nullopt}, {0.0, 1.0}}}, {{"db/primary", {0.5, std::nullopt}, {0.0, 2.0}}}};
    r.timeSeries->pools.push_back({"api", {0.5, 0.75}, {0.0, 0.0}, {2.0, 2.5}, {2.0, 2.5}, {0.0, 1.0}});
    return r;
}

}  // namespace

class tst_RunResult : public QObject {
    Q_OBJECT
private slots:
    void aMomentShowsTheWindowThatHoldsIt() {
        // A run of 3 windows of 10 s; api has 4 instances, 3 in service in the second window
        // (one crashed) at 90 % busy. At t = 15 s (window 1) the canvas sees that; at 25 s the last.
        RunResult run;
        ComponentMetrics api;
        api.id = "api";
        api.total.name = "api";
        api.total.instances = 4;
        api.total.utilization = 0.6;
        api.total.stable = false;
        api.pools.push_back(api.total);
        run.components.push_back(api);
        run.bottleneck = "api";
        TimeSeries series;
        series.interval = 10.0;
        series.time = {0.0, 10.0, 20.0};
        series.pools.push_back({"api", {0.5, 0.9, 0.6}, {0.0, 3.0, 0.0}, {4.0, 3.0, 4.0}, {4.0, 3.0, 4.0}});
        run.timeSeries = series;
        const auto moment = momentOf(run, 15.0);
        QVERIFY(moment);
        QCOMPARE(*moment->components[0].total.utilization, 0.9);
        QCOMPARE(*moment->components[0].total.instancesInService, 3.0);
        QVERIFY(moment->components[0].total.stable);
        QVERIFY(!moment->bottleneck);
        QCOMPARE(*momentOf(run, 25.0)->components[0].total.utilization, 0.6);
        QCOMPARE(*momentOf(run, 99.0)->components[0].total.instancesInService, 4.0);  // past the end: the last window
        // Autoscaled: 1 booting in the second window beside the 3 in service.
        run.timeSeries->pools.front().booting = {0.0, 1.0, 0.0};
        QCOMPARE(*momentOf(run, 15.0)->components[0].total.instancesBooting, 1.0);
        QCOMPARE(*momentOf(run, 25.0)->components[0].total.instancesBooting, 0.0);
        run.timeSeries.reset();
        QVERIFY(!momentOf(run, 15.0));
    }

    void everyFieldSurvivesTheRoundTrip() {
        const Json written = toJson(everyField());
        std::string error;
        const auto read = runResultFromJson(written, error);
        QVERIFY2(read, error.c_str());
        QCOMPARE(toJson(*read).dump(2), written.dump(2));
        // Order is kept: the classes and components come back as written, not sorted.
        QCOMPARE(read->classes[0].name, std::string("read"));
        QCOMPARE(read->components[0].id, std::string("db"));
        QCOMPARE(read->components[0].pools.size(), std::size_t(2));
        QCOMPARE(read->components[1].pools.size(), std::size_t(1));  // one pool: the component
        QCOMPARE(*read->classes[1].maxUsersWithinSlo, 120);
        QCOMPARE(read->timeSeries->classes[0].meanLatency[1], std::optional<double>());
        // A precision-targeted run's warm-up cut and lines.
        QCOMPARE(*read->run->warmupMethod, std::string("mser-5"));
        QVERIFY(!read->run->warmupSettled);
        QCOMPARE(read->run->precision->lines[1].statistic, std::string("p99.9"));
        QVERIFY(read->run->precision->lines[1].slo && !read->run->precision->lines[1].reached);
    }

    void somethingElseIsRefusedWithAReason() {
        std::string error;
        QVERIFY(!runResultFromJson(Json::parse(R"({"type": "progress", "fraction": 0.5})"), error));
        QVERIFY(error.starts_with("not a Headroom result"));
        Json wrong = toJson(everyField());
        wrong["classes"]["read"]["throughput"] = "fast";
        error.clear();
        QVERIFY(!runResultFromJson(wrong, error));
        QVERIFY(!error.empty());
    }
};

QTEST_APPLESS_MAIN(tst_RunResult)
#include "tst_RunResult.moc"
