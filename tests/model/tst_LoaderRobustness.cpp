// SPDX-License-Identifier: MIT
// Thousands of random mutations of the example scenarios, fed to the loader: each must yield a
// scenario or a list of problems with paths, never a crash, a hang or a half-loaded scenario.
// A scenario that loads must also write back to itself, validate again and estimate to finite
// numbers (or no number, with a note). HEADROOM_FUZZ_SEED and HEADROOM_FUZZ_ROUNDS run more.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <random>

#include "model/Estimator.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"
#include "model/Validation.h"

using namespace headroom::model;

namespace {

std::vector<std::string> seedTexts() {
    std::vector<std::string> texts;
    for (const char* dir : {HEADROOM_SOURCE_DIR "/scenarios", HEADROOM_TEST_DATA_DIR "/golden"})
        for (const auto& entry : std::filesystem::directory_iterator(dir))
            if (entry.path().extension() == ".json") texts.push_back(readTextFile(entry.path()).value());
    std::sort(texts.begin(), texts.end());  // directory order differs between machines
    return texts;
}

std::uint64_t envNumber(const char* name, std::uint64_t fallback) {
    const QByteArray value = qgetenv(name);
    return value.isEmpty() ? fallback : value.toULongLong();
}

/// Every node of a document, by JSON pointer.
void collectPointers(const Json& value, const Json::json_pointer& at, std::vector<Json::json_pointer>& out) {
    out.push_back(at);
    if (value.is_object())
        for (const auto& [key, member] : value.items()) collectPointers(member, at / key, out);
    else if (value.is_array())
        for (std::size_t i = 0; i < value.size(); ++i) collectPointers(value[i], at / i, out);
}

class Mutator {
public:
    explicit Mutator(std::uint64_t seed) : m_random(seed) {}

    std::size_t below(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_random); }

    Json randomValue() {
        static const std::vector<Json> pool = {
            nullptr, true, false, 0, -1, 1, 2.5, 1e9, -1e308, 1e308, 4294967296.0, 0.5, 100,
            "", "x", "5 mss", "-5ms", "0ms", "1e400s", "1e307y", "NaN", "inf", "0/s", "1e300/s", "999999999T/year",
            "100%", "150%", "-3KB", "1e20PB", "10Gbps", "0.0001ns", "µs", "5y", "0d", "2000/s", "300M", "\u00e9\u4e2d",
            "users", "api", "db", "cache", "lb", "read", "write", "service", "queue", "client", "async", "lognormal",
            Json::object(), Json::array(), Json::array({Json::array()}), Json{{"to", "db"}}, Json{{"dist", "lognormal"}},
            Json{{"shape", "steps"}, {"steps", Json::array()}}, Json{{"per", "x"}, {"times", -1}},
            std::string(5000, 'a'),
        };
        return pool[below(pool.size())];
    }

    std::string randomKey() {
        static const std::vector<std::string> keys = {
            "id", "kind", "calls", "to", "rate", "hit_ratio", "service_time", "instances", "workers", "cores", "shards",
            "replicas", "read_from", "consumers", "timeout", "class", "mode", "times", "probability", "profile", "users",
            "think_time", "estimate", "actions", "per", "retention", "keys", "weights", "algorithm", "$schema", "hitratio",
        };
        return keys[below(keys.size())];
    }

    void mutate(Json& document) {
        std::vector<Json::json_pointer> pointers;
        collectPointers(document, Json::json_pointer(), pointers);
        const Json::json_pointer at = pointers[below(pointers.size())];
        Json& node = document[at];
        switch (below(6)) {
            case 0: node = randomValue(); break;
            case 1:  // remove a member or element
                if (!at.empty()) {
                    Json& parent = document[at.parent_pointer()];
                    if (parent.is_object())
                        parent.erase(at.back());
                    else if (parent.is_array())
                        parent.erase(parent.begin() + static_cast<std::ptrdiff_t>(std::stoul(at.back())));
                }
                break;
            case 2:  // add a member
                if (node.is_object()) node[randomKey()] = randomValue();
                else if (node.is_array()) node.push_back(node.empty() ? randomValue() : node[below(node.size())]);
                break;
            case 3:  // copy one node over another
                node = document[pointers[below(pointers.size())]];
                break;
            case 4:  // rename a member
                if (node.is_object() && !node.empty()) {
                    auto it = node.begin();
                    std::advance(it, static_cast<std::ptrdiff_t>(below(node.size())));
                    const std::string key = it.key();
                    Json value = *it;
                    node.erase(key);
                    node[randomKey()] = std::move(value);
                }
                break;
            default:  // a number far off
                node = std::ldexp(std::uniform_real_distribution<double>(-1.0, 1.0)(m_random), static_cast<int>(below(2100)) - 1050);
                break;
        }
    }

    void mutateText(std::string& text) {
        if (text.empty()) return;
        const std::size_t at = below(text.size());
        switch (below(5)) {
            case 0: text[at] = static_cast<char>(below(256)); break;
            case 1: text.erase(at, std::min<std::size_t>(below(40) + 1, text.size() - at)); break;
            case 2: text.insert(at, 1, "{}[]\",:0e-.\\ \n"[below(14)]); break;
            case 3: text.resize(at); break;
            default: text.insert(at, text.substr(below(text.size()), below(60))); break;
        }
    }

private:
    std::mt19937_64 m_random;
};

/// The loader's promises, checked on one input.
void checkLoad(const std::string& text, std::size_t& loaded) {
    const Loaded result = loadScenarioText(text);
    for (const auto& problem : result.problems) QVERIFY2(!problem.message.empty(), problem.path.c_str());
    if (!result.scenario) {
        QVERIFY(hasErrors(result.problems));
        return;
    }
    ++loaded;
    QVERIFY(!hasErrors(result.problems));
    // What loads writes back to itself and validates the same.
    const std::string written = toText(*result.scenario);
    const Loaded again = loadScenarioText(written);
    QVERIFY2(again.scenario && *again.scenario == *result.scenario, written.c_str());
    QCOMPARE(toText(*again.scenario), written);
    if (result.scenario->estimate) {
        const Estimate e = estimate(*result.scenario->estimate);
        for (const auto& named : e.totals)
            if (named.quantity.value) QVERIFY2(std::isfinite(*named.quantity.value), named.key.c_str());
        for (const auto& group : e.actions)
            for (const auto& named : group.quantities)
                if (named.quantity.value) QVERIFY2(std::isfinite(*named.quantity.value), named.key.c_str());
    }
}

}  // namespace

class tst_LoaderRobustness : public QObject {
    Q_OBJECT
private slots:
    void mutatedDocumentsLoadOrListProblems();
    void mutatedTextLoadsOrListsProblems();
    void aTwentyThousandLongChainLoadsWithoutRecursion();
    void numbersBeyondADoubleAreAProblemNotACrash();
    void endlessInputsAreReadOnlyUpToTheLimit();
};

void tst_LoaderRobustness::mutatedDocumentsLoadOrListProblems() {
    const auto seeds = seedTexts();
    QVERIFY(seeds.size() >= 20);
    const std::uint64_t rounds = envNumber("HEADROOM_FUZZ_ROUNDS", 3000);
    Mutator mutator(envNumber("HEADROOM_FUZZ_SEED", 20261124));
    std::size_t loaded = 0;
    for (std::uint64_t round = 0; round < rounds; ++round) {
        Json document = Json::parse(seeds[mutator.below(seeds.size())]);
        const std::size_t mutations = 1 + mutator.below(3);
        for (std::size_t m = 0; m < mutations; ++m) mutator.mutate(document);
        checkLoad(document.dump(2), loaded);
        if (QTest::currentTestFailed()) qFatal("round %llu failed on:\n%s", static_cast<unsigned long long>(round), document.dump(2).c_str());
    }
    qInfo("%llu mutated documents, %zu still valid", static_cast<unsigned long long>(rounds), loaded);
}

void tst_LoaderRobustness::mutatedTextLoadsOrListsProblems() {
    const auto seeds = seedTexts();
    const std::uint64_t rounds = envNumber("HEADROOM_FUZZ_ROUNDS", 3000);
    Mutator mutator(envNumber("HEADROOM_FUZZ_SEED", 20261124) + 1);
    std::size_t loaded = 0;
    for (std::uint64_t round = 0; round < rounds; ++round) {
        std::string text = seeds[mutator.below(seeds.size())];
        const std::size_t mutations = 1 + mutator.below(4);
        for (std::size_t m = 0; m < mutations; ++m) mutator.mutateText(text);
        checkLoad(text, loaded);
        if (QTest::currentTestFailed()) qFatal("round %llu failed on:\n%s", static_cast<unsigned long long>(round), text.c_str());
    }
    qInfo("%llu mutated texts, %zu still valid", static_cast<unsigned long long>(rounds), loaded);
}

void tst_LoaderRobustness::aTwentyThousandLongChainLoadsWithoutRecursion() {
    // 20,000 services in one sync chain, 20,000 links along it and 20,000 estimate actions each
    // relative to the one before: deep enough to overflow the stack of a recursive walk of the
    // calls or of the actions. (How long loading takes is bench/'s business, not a test's.)
    constexpr int n = 20'000;
    Json document = {{"format", "headroom-scenario"}, {"version", 1}, {"name", "huge"}};
    Json components = Json::array();
    components.push_back({{"id", "users"}, {"kind", "client"}, {"rate", "1/s"}, {"calls", {{{"to", "s0"}}}}});
    Json links = Json::array();
    Json actions = Json::array();
    actions.push_back({{"name", "a0"}, {"kind", "write"}, {"rate", "1M/day"}, {"size", "1KB"}});
    for (int i = 0; i < n; ++i) {
        Json service = {{"id", "s" + std::to_string(i)}, {"kind", "service"}, {"service_time", "1ms"}};
        if (i + 1 < n) {
            service["calls"] = {{{"to", "s" + std::to_string(i + 1)}}};
            links.push_back({{"from", "s" + std::to_string(i)}, {"to", "s" + std::to_string(i + 1)}, {"latency", "1us"}});
            actions.push_back({{"name", "a" + std::to_string(i + 1)}, {"kind", "read"}, {"rate", {{"per", "a" + std::to_string(i)}, {"times", 1}}}});
        }
        components.push_back(std::move(service));
    }
    document["components"] = std::move(components);
    document["links"] = std::move(links);
    document["estimate"] = {{"retention", "1y"}, {"actions", std::move(actions)}};
    const Loaded loaded = loadScenarioText(document.dump());
    QVERIFY(loaded.scenario.has_value());
    const Estimate e = estimate(*loaded.scenario->estimate);
    // Every action of the chain is a0's rate × 1: 1 M a day each, n of them in all.
    QCOMPARE(*e.action("a" + std::to_string(n - 1))->find("per_day")->value, 1e6);
    QCOMPARE(*e.total("read_qps")->value, (n - 1) * 1e6 / 86400.0);

    // The same chain closed into a cycle is reported, not followed forever.
    document["components"][n]["calls"] = {{{"to", "s0"}}};
    const Loaded cyclic = loadScenarioText(document.dump());
    QVERIFY(!cyclic.scenario);
    QCOMPARE(cyclic.problems.size(), std::size_t(1));
    QCOMPARE(cyclic.problems[0].path, "components[" + std::to_string(n) + "].calls[0].to");
}

void tst_LoaderRobustness::numbersBeyondADoubleAreAProblemNotACrash() {
    // Issue 14, defect 7: nlohmann throws out_of_range (not parse_error) for 1e400 and for an
    // integer of 5,000 digits, which aborted every command. Each is now one problem that names the
    // literal and where it stands: below, `{` is column 1, so the 1 of 1e400 is column 38.
    const Loaded exponent = loadScenarioText(R"({"format": "headroom-scenario", "x": 1e400})");
    QVERIFY(!exponent.scenario);
    QCOMPARE(exponent.problems.size(), std::size_t(1));
    QCOMPARE(exponent.problems[0].message, std::string("not valid JSON at line 1, column 38: the number 1e400 is too large for any value Headroom reads"));
    const Loaded digits = loadScenarioText("[" + std::string(5000, '9') + "]");
    QVERIFY(!digits.scenario);
    QCOMPARE(digits.problems.size(), std::size_t(1));
    QVERIFY(digits.problems[0].message.find("the number 99999999999999999999… (5000 characters) is too large") != std::string::npos);
}

void tst_LoaderRobustness::endlessInputsAreReadOnlyUpToTheLimit() {
    // Issue 14, defect 13: /dev/zero has no size to check first, and was read until 8.4 GB.
    const auto endless = readTextFile("/dev/zero");
    QVERIFY(!endless);
    QCOMPARE(endless.error(), std::string("cannot read /dev/zero: more than a scenario file can hold (16 MiB)"));
}

QTEST_APPLESS_MAIN(tst_LoaderRobustness)
#include "tst_LoaderRobustness.moc"
