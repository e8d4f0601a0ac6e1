// SPDX-License-Identifier: MIT
// Each validation rule, shown by one mistake (a JSON Patch applied to a valid scenario) and the
// problem it must produce: the JSON path of the value at fault and the message.
#include <QtTest>

#include "model/ScenarioFile.h"

using namespace headroom::model;

namespace {

const char* kBase = R"({
  "format": "headroom-scenario", "version": 1, "name": "base",
  "components": [
    {"id": "users", "kind": "client", "rate": "100/s", "class": "read", "calls": [{"to": "lb"}]},
    {"id": "lb", "kind": "load_balancer", "service_time": "50us", "calls": [{"to": "api"}]},
    {"id": "api", "kind": "service", "instances": 2, "cores": 2, "workers": 4, "service_time": "4ms",
     "calls": [{"to": "cache"}, {"to": "jobs", "mode": "async"}]},
    {"id": "cache", "kind": "cache", "hit_ratio": 0.9, "calls": [{"to": "db"}]},
    {"id": "db", "kind": "database", "shards": 2, "replicas": 1, "read_from": "replicas",
     "service_time": {"read": "2ms", "write": "6ms"}},
    {"id": "jobs", "kind": "queue", "consumers": {"component": "worker", "workers": 2}},
    {"id": "worker", "kind": "service", "service_time": "10ms"}
  ],
  "links": [{"from": "api", "to": "cache", "latency": "250us"}],
  "slo": [{"class": "read", "percentile": 99, "latency": "100ms"}],
  "run": {"duration": "60s", "warmup": "5s", "seed": 1, "replications": 3},
  "estimate": {"daily_active_users": "1M", "retention": "1y",
               "actions": [{"name": "view", "kind": "read", "per_user_per_day": 10, "size": "1KB"},
                           {"name": "post", "kind": "write", "rate": {"per": "view", "times": 0.1}, "size": "2KB"}]},
  "layout": {"api": {"x": 0, "y": 0}}
})";

Loaded loadPatched(const QString& patch) {
    auto document = Json::parse(kBase);
    return loadScenario(document.patch(Json::parse(patch.toStdString())));
}

QString describe(const Problems& problems) {
    QString out;
    for (const auto& p : problems) out += QString::fromStdString("\n  " + p.path + ": " + p.message);
    return out;
}

}  // namespace

class tst_Validation : public QObject {
    Q_OBJECT
private slots:
    void theBaseScenarioIsValid();
    void eachRuleReportsItsPath_data();
    void eachRuleReportsItsPath();
    void aClassNameOfBothOperationsOrNeitherSaysNothing();
    void warningsDoNotKeepAScenarioFromLoading();
    void everyProblemIsListedAtOnceInFileOrder();
    void aMalformedValueIsNotAlsoReportedAsMissing();
    void anUnknownKindSilencesItsComponentsOtherChecks();
};

void tst_Validation::theBaseScenarioIsValid() {
    const Loaded loaded = loadScenario(Json::parse(kBase));
    QVERIFY2(loaded.problems.empty(), qPrintable(describe(loaded.problems)));
    QVERIFY(loaded.scenario.has_value());
}

void tst_Validation::eachRuleReportsItsPath_data() {
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");  // the problem's message contains this
    QTest::addColumn<bool>("warning");
    const auto row = [](const char* name, const char* patch, const char* path, const char* message, bool warning = false) {
        QTest::newRow(name) << QString(patch) << QString(path) << QString(message) << warning;
    };
    // Keys
    row("unknown key, with suggestion", R"([{"op": "add", "path": "/components/3/hitratio", "value": 0.5}])",
        "components[3].hitratio", R"(unknown key "hitratio" (did you mean "hit_ratio"?))");
    row("field of another kind", R"([{"op": "add", "path": "/components/2/hit_ratio", "value": 0.5}])",
        "components[2].hit_ratio", R"("hit_ratio" is not a field of a service (it belongs to cdn or cache))");
    row("unknown top-level key", R"([{"op": "add", "path": "/compnents", "value": []}])",
        "compnents", R"(unknown key "compnents" (did you mean "components"?))");
    row("unknown estimate key", R"([{"op": "add", "path": "/estimate/peak_facter", "value": 2}])",
        "estimate.peak_facter", R"(unknown key "peak_facter" (did you mean "peak_factor"?))");
    row("missing id", R"([{"op": "remove", "path": "/components/6/id"}])", "components[6].id", "missing: every component has an id");
    row("unknown kind", R"([{"op": "replace", "path": "/components/6/kind", "value": "servce"}])",
        "components[6].kind", R"("servce" is not one of client, cdn, load_balancer, api_gateway, service, function, cache, database, queue or object_store (did you mean "service"?))");
    row("missing name", R"([{"op": "remove", "path": "/name"}])", "name", "missing: a scenario has a name");
    row("empty name", R"([{"op": "replace", "path": "/name", "value": ""}])", "name", "must not be empty");
    // Types and quantities
    row("bad duration", R"([{"op": "replace", "path": "/components/2/service_time", "value": "5 mss"}])",
        "components[2].service_time", R"("5 mss" is not a duration (expected a number and one of ns, us, ms, s, min, h, d, y) (did you mean "ms"?))");
    row("number without unit", R"([{"op": "add", "path": "/components/2/timeout", "value": 2}])",
        "components[2].timeout", R"(must be a string such as "5ms", got a number (2) with no unit)");
    row("string for a count", R"([{"op": "replace", "path": "/components/2/instances", "value": "4"}])",
        "components[2].instances", "must be a whole number, got a string");
    row("fractional count", R"([{"op": "replace", "path": "/components/2/workers", "value": 2.5}])",
        "components[2].workers", "must be a whole number, got 2.5");
    row("array expected", R"([{"op": "replace", "path": "/components/2/calls", "value": "cache"}])",
        "components[2].calls", "must be an array, got a string");
    row("object expected", R"([{"op": "replace", "path": "/components/4", "value": 7}])", "components[4]", "must be an object, got a number");
    row("bad rate", R"([{"op": "replace", "path": "/components/0/rate", "value": "100/sec"}])",
        "components[0].rate", R"("100/sec" is not a rate)");
    row("bad retention", R"([{"op": "replace", "path": "/estimate/retention", "value": "5 years"}])",
        "estimate.retention", R"("5 years" is not a calendar span (expected a number and one of d, month, y))");
    row("negative seed", R"([{"op": "replace", "path": "/run/seed", "value": -1}])", "run.seed", "must not be negative, got -1");
    // References
    row("unknown call target", R"([{"op": "replace", "path": "/components/3/calls/0/to", "value": "dbb"}])",
        "components[3].calls[0].to", R"(there is no component "dbb" (did you mean "db"?))");
    row("duplicate id", R"([{"op": "replace", "path": "/components/6/id", "value": "api"}])",
        "components[6].id", R"(duplicate id "api" (also components[2]))");
    row("id with spaces", R"([{"op": "replace", "path": "/components/6/id", "value": "my worker"}])",
        "components[6].id", R"("my worker" may hold only letters, digits, '_', '-' and '.')");
    row("calling a client", R"([{"op": "add", "path": "/components/6/calls", "value": [{"to": "users"}]}])",
        "components[6].calls[0].to", R"("users" is a client: clients send requests and cannot be called)");
    row("calling itself", R"([{"op": "add", "path": "/components/6/calls", "value": [{"to": "worker"}]}])",
        "components[6].calls[0].to", "a component cannot call itself");
    row("sync call cycle", R"([{"op": "add", "path": "/components/3/calls/-", "value": {"to": "api"}}])",
        "components[3].calls[1].to", "sync call cycle: api → cache → api");
    row("unknown consumer", R"([{"op": "replace", "path": "/components/5/consumers/component", "value": "wrker"}])",
        "components[5].consumers.component", R"(there is no component "wrker" (did you mean "worker"?))");
    row("unknown call class", R"([{"op": "add", "path": "/components/2/calls/0/class", "value": "wrte"}])",
        "components[2].calls[0].class", R"(no client sends requests of class "wrte")");
    row("unknown slo class", R"([{"op": "replace", "path": "/slo/0/class", "value": "reed"}])",
        "slo[0].class", R"(no client sends requests of class "reed" (did you mean "read"?))");
    row("unknown link end", R"([{"op": "replace", "path": "/links/0/to", "value": "cach"}])",
        "links[0].to", R"(there is no component "cach" (did you mean "cache"?))");
    row("unknown instance type", R"([{"op": "add", "path": "/components/2/cost", "value": {"instance_type": "m5.larg"}}])",
        "components[2].cost.instance_type", R"(no price is known for "m5.larg")");
    row("layout of no component", R"([{"op": "add", "path": "/layout/apii", "value": {"x": 1, "y": 2}}])",
        "layout.apii", R"(there is no component "apii" (did you mean "api"?))", true);
    // Ranges
    row("hit ratio above 1", R"([{"op": "replace", "path": "/components/3/hit_ratio", "value": 1.5}])",
        "components[3].hit_ratio", "must be from 0 to 1, got 1.5");
    row("hit ratio as percent", R"([{"op": "replace", "path": "/components/3/hit_ratio", "value": "150%"}])",
        "components[3].hit_ratio", "must be from 0 to 1, got 1.5");
    row("no instances", R"([{"op": "replace", "path": "/components/2/instances", "value": 0}])",
        "components[2].instances", "must be at least 1, got 0");
    row("absurd instances", R"([{"op": "replace", "path": "/components/2/instances", "value": 1000000000}])",
        "components[2].instances", "must be at most 100000, got 1000000000");
    row("zero probability", R"([{"op": "add", "path": "/components/2/calls/0/probability", "value": 0}])",
        "components[2].calls[0].probability", "must be more than 0 and at most 1, got 0");
    row("zero service time", R"([{"op": "replace", "path": "/components/6/service_time", "value": "0ms"}])",
        "components[6].service_time", "must be more than zero, got 0s");
    row("negative link latency", R"([{"op": "replace", "path": "/links/0/latency", "value": "-1ms"}])",
        "links[0].latency", "must not be negative, got -1ms");
    row("percentile 100", R"([{"op": "replace", "path": "/slo/0/percentile", "value": 100}])",
        "slo[0].percentile", "must be more than 0 and less than 100, got 100");
    row("warm-up as long as the run", R"([{"op": "replace", "path": "/run/warmup", "value": "60s"}])",
        "run.warmup", "must be shorter than the run's duration (60s), got 60s");
    row("no replications", R"([{"op": "replace", "path": "/run/replications", "value": 0}])",
        "run.replications", "must be at least 1, got 0");
    row("peak factor below 1", R"([{"op": "add", "path": "/estimate/peak_factor", "value": 0.5}])",
        "estimate.peak_factor", "must be at least 1, got 0.5");
    // Contradictions and missing companions
    row("open and closed client", R"([{"op": "add", "path": "/components/0/users", "value": 10}])",
        "components[0].users", R"(a client is open ("rate") or closed ("users" with "think_time"), not both)");
    row("client without rate", R"([{"op": "remove", "path": "/components/0/rate"}])",
        "components[0].rate", R"(missing: a client needs a "rate" such as "2000/s", or "users" with a "think_time")");
    row("client calling nothing", R"([{"op": "remove", "path": "/components/0/calls"}])",
        "components[0].calls", "missing: a client must call at least one component");
    row("async into a service", R"([{"op": "add", "path": "/components/2/calls/0/mode", "value": "async"}])",
        "components[2].calls[0].mode", R"(async calls go into a queue; "cache" is a cache)");
    row("sync into a queue", R"([{"op": "remove", "path": "/components/2/calls/1/mode"}])",
        "components[2].calls[1].mode", R"(a call into a queue is async (add "mode": "async"))");
    row("replicas read without replicas", R"([{"op": "replace", "path": "/components/4/replicas", "value": 0}])",
        "components[4].read_from", R"(reads from replicas need "replicas" of at least 1)");
    row("queue without consumers", R"([{"op": "remove", "path": "/components/5/consumers"}])",
        "components[5].consumers", "missing: a queue needs consumers, or its messages pile up forever");
    row("lognormal without cv", R"([{"op": "replace", "path": "/components/6/service_time", "value": {"dist": "lognormal", "mean": "10ms"}}])",
        "components[6].service_time", R"(a lognormal distribution needs "cv")");
    row("cv on an exponential", R"([{"op": "replace", "path": "/components/6/service_time", "value": {"dist": "exponential", "mean": "10ms", "cv": 2}}])",
        "components[6].service_time.cv", R"("cv" applies to a lognormal distribution only (exponential has a fixed spread))");
    row("half of a per-operation time", R"([{"op": "replace", "path": "/components/4/service_time", "value": {"read": "2ms"}}])",
        "components[4].service_time.write", "missing: give the write service time as well as the read one");
    // What the engines need and no source gives, listed with the file's own problems (issue 15).
    row("service without a service time", R"([{"op": "remove", "path": "/components/6/service_time"}])",
        "components[6].service_time", R"(missing: the engines need the time a service takes per request, such as "4ms" (no sourced default exists for this kind))");
    row("cache without a hit ratio", R"([{"op": "remove", "path": "/components/3/hit_ratio"}])",
        "components[3].hit_ratio", "missing: the engines need the fraction of requests a cache answers itself");
    row("weights without weighted round robin", R"([{"op": "add", "path": "/components/1/weights", "value": [1, 2]}])",
        "components[1].weights", "weights apply to the weighted_round_robin algorithm only");
    row("link to itself", R"([{"op": "replace", "path": "/links/0/to", "value": "api"}])", "links[0].to", "a link joins two different components");
    row("second link", R"([{"op": "add", "path": "/links/-", "value": {"from": "cache", "to": "api", "latency": "1ms"}}])",
        "links[1]", R"(a second link between "cache" and "api" (also links[0]))");
    row("link no call uses", R"([{"op": "replace", "path": "/links/0/to", "value": "db"}])",
        "links[0]", R"(neither "api" nor "db" calls the other directly, so no call uses this link)", true);
    row("steps out of order", R"([{"op": "add", "path": "/components/0/profile", "value": {"shape": "steps", "steps": [{"at": "10s", "factor": 1}, {"at": "5s", "factor": 2}]}}])",
        "components[0].profile.steps[1].at", "steps must be in time order: 5s does not come after 10s");
    row("unknown profile shape", R"([{"op": "add", "path": "/components/0/profile", "value": {"shape": "spyke"}}])",
        "components[0].profile.shape", R"("spyke" is not one of spike, ramp, diurnal or steps (did you mean "spike"?))");
    // A class whose name says one operation while its clients do the other (the base's
    // "read" class reads, by default: no warning there). The SLO follows the renamed class.
    row("class named write that reads by default", R"([{"op": "replace", "path": "/components/0/class", "value": "write"}, {"op": "replace", "path": "/slo/0/class", "value": "write"}])",
        "components[0].operation", R"(class "write" sounds like writes, but its clients read ("operation" defaults to read))", true);
    row("class named post_comment that reads by default", R"([{"op": "replace", "path": "/components/0/class", "value": "post_comment"}, {"op": "replace", "path": "/slo/0/class", "value": "post_comment"}])",
        "components[0].operation", R"(class "post_comment" sounds like writes)", true);
    row("class named read declared a write", R"([{"op": "add", "path": "/components/0/operation", "value": "write"}])",
        "components[0].operation", R"(class "read" sounds like reads, but its clients are declared to write)", true);
    // A peak rate beyond any deployment (issue 14, defect 11: a spike of factor 1e306 on 100/s
    // made an infinite load and crashed size): 100/s × 1e306 = 1e308/s, and 2 T/s = 2e12/s on its own.
    row("spike beyond any deployment", R"([{"op": "add", "path": "/components/0/profile", "value": {"shape": "spike", "at": "1s", "for": "1s", "factor": 1e306}}])",
        "components[0].profile", "the peak rate (rate × the profile's largest factor) is 1e+308/s, more than the 1e+12/s any deployment could serve");
    row("rate beyond any deployment", R"([{"op": "replace", "path": "/components/0/rate", "value": "2T/s"}])",
        "components[0].rate", "the peak rate is 2e+12/s, more than the 1e+12/s any deployment could serve");
    // A rate so small that its reciprocal is infinite (issue 14, defect 16: NaN latencies).
    row("subnormal rate", R"([{"op": "replace", "path": "/components/0/rate", "value": "1e-320/s"}])",
        "components[0].rate", "is too close to zero to compute with (its reciprocal overflows a double)");
    // Empty names (issue 14, defect 18): an id of "" printed "Bottleneck: ;"; a call to ""
    // silently went nowhere.
    row("empty id", R"([{"op": "replace", "path": "/components/6/id", "value": ""}])",
        "components[6].id", "must not be empty: every component has an id");
    row("call to an empty id", R"([{"op": "replace", "path": "/components/0/calls/0/to", "value": ""}])",
        "components[0].calls[0].to", "must not be empty: the id of the component called");
    // The estimate block
    row("per-user rate without users", R"([{"op": "remove", "path": "/estimate/daily_active_users"}])",
        "estimate.actions[0].per_user_per_day", R"(needs daily users: set "daily_active_users" or "monthly_active_users")");
    row("daily and monthly users", R"([{"op": "add", "path": "/estimate/monthly_active_users", "value": "3M"}])",
        "estimate.daily_active_users", R"(give "daily_active_users", or "monthly_active_users" with "daily_active_ratio", not both)");
    row("action without a rate", R"([{"op": "remove", "path": "/estimate/actions/0/per_user_per_day"}])",
        "estimate.actions[0].rate", R"(missing: give "per_user_per_day", a "rate")");
    row("relative to an unknown action", R"([{"op": "replace", "path": "/estimate/actions/1/rate/per", "value": "veiw"}])",
        "estimate.actions[1].rate.per", R"(there is no action "veiw" (did you mean "view"?))");
    row("relative rates in a circle", R"([{"op": "replace", "path": "/estimate/actions/0", "value": {"name": "view", "kind": "read", "rate": {"per": "post", "times": 2}}}])",
        "estimate.actions[0].rate.per", R"(relative rates go round in a circle back to "view")");
    row("duplicate action", R"([{"op": "replace", "path": "/estimate/actions/1/name", "value": "view"}])",
        "estimate.actions[1].name", R"(duplicate action "view" (also estimate.actions[0]))");
    row("media ratio without size", R"([{"op": "add", "path": "/estimate/actions/1/media_ratio", "value": 0.1}])",
        "estimate.actions[1].media_size", R"(missing: "media_ratio" and "media_size" go together)");
    row("keys for an unknown action", R"([{"op": "add", "path": "/estimate/keys", "value": {"alphabet": 62, "length": 7, "action": "pst"}}])",
        "estimate.keys.action", R"(there is no action "pst" (did you mean "post"?))");
    row("per-user dataset without users", R"([{"op": "add", "path": "/estimate/datasets", "value": [{"name": "friends", "per_user": 50}]}])",
        "estimate.datasets[0].per_user", R"(needs "total_users" in the estimate block)");
}

void tst_Validation::eachRuleReportsItsPath() {
    QFETCH(QString, patch);
    QFETCH(QString, path);
    QFETCH(QString, message);
    QFETCH(bool, warning);
    const Loaded loaded = loadPatched(patch);
    bool found = false;
    for (const auto& problem : loaded.problems) {
        if (QString::fromStdString(problem.path) != path || !QString::fromStdString(problem.message).contains(message)) continue;
        found = true;
        QCOMPARE(problem.severity == Problem::Severity::Warning, warning);
    }
    QVERIFY2(found, qPrintable("expected " + path + ": " + message + "\ngot:" + describe(loaded.problems)));
    QCOMPARE(loaded.scenario.has_value(), warning);
}

void tst_Validation::aClassNameOfBothOperationsOrNeitherSaysNothing() {
    // "read_write" names both; "feed" names neither; "Upload" writes whatever its case, and
    // declares it: none of them warns.
    for (const char* patch : {R"([{"op": "replace", "path": "/components/0/class", "value": "read_write"}, {"op": "replace", "path": "/slo/0/class", "value": "read_write"}])",
                              R"([{"op": "replace", "path": "/components/0/class", "value": "feed"}, {"op": "replace", "path": "/slo/0/class", "value": "feed"}])",
                              R"([{"op": "replace", "path": "/components/0/class", "value": "Upload"}, {"op": "replace", "path": "/slo/0/class", "value": "Upload"}, {"op": "add", "path": "/components/0/operation", "value": "write"}])"}) {
        const Loaded loaded = loadPatched(patch);
        QVERIFY2(loaded.problems.empty(), qPrintable(QString(patch) + describe(loaded.problems)));
    }
}

void tst_Validation::warningsDoNotKeepAScenarioFromLoading() {
    const Loaded loaded = loadPatched(R"([{"op": "replace", "path": "/links/0/to", "value": "db"}])");
    QVERIFY(loaded.scenario.has_value());
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].severity, Problem::Severity::Warning);
}

void tst_Validation::everyProblemIsListedAtOnceInFileOrder() {
    const Loaded loaded = loadPatched(R"([
        {"op": "replace", "path": "/components/2/instances", "value": 0},
        {"op": "replace", "path": "/components/3/hit_ratio", "value": 2},
        {"op": "replace", "path": "/components/3/calls/0/to", "value": "dbb"},
        {"op": "add", "path": "/components/6/hitratio", "value": 1},
        {"op": "replace", "path": "/slo/0/latency", "value": "100 ms!"}
    ])");
    QStringList paths;
    for (const auto& problem : loaded.problems) paths << QString::fromStdString(problem.path);
    // Syntax, type and unit problems as the reader walks the file, then the meaning of the
    // values, component by component.
    QCOMPARE(paths, QStringList({"components[6].hitratio", "slo[0].latency", "components[2].instances", "components[3].hit_ratio",
                                 "components[3].calls[0].to"}));
}

void tst_Validation::aMalformedValueIsNotAlsoReportedAsMissing() {
    // The bad rate reads as absent; "a client needs a rate" would only repeat the problem.
    const Loaded loaded = loadPatched(R"([{"op": "replace", "path": "/components/0/rate", "value": "lots"}])");
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].path, std::string("components[0].rate"));
}

void tst_Validation::anUnknownKindSilencesItsComponentsOtherChecks() {
    // With its kind unknown, which fields "worker" may have cannot be judged: one problem only,
    // and the calls that name it still find it.
    const Loaded loaded = loadPatched(R"([{"op": "replace", "path": "/components/6/kind", "value": "servce"}])");
    QCOMPARE(loaded.problems.size(), std::size_t(1));
    QCOMPARE(loaded.problems[0].path, std::string("components[6].kind"));
}

QTEST_APPLESS_MAIN(tst_Validation)
#include "tst_Validation.moc"
