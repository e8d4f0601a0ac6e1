// SPDX-License-Identifier: MIT
// docs/headroom-scenario.schema.json and docs/format.md against the loader: every key the loader
// accepts is in the schema (and nothing else is), every enumeration has the loader's names, and
// the format reference names every key. (tests/schema/check_schema.py validates the examples
// against the schema, and checks that schema and loader judge the same files alike.)
#include <QtTest>

#include <set>

#include <nlohmann/json.hpp>

#include "model/ComponentKind.h"
#include "model/Defaults.h"
#include "model/EnumNames.h"
#include "model/FormatKeys.h"
#include "model/ScenarioFile.h"

using namespace headroom::model;

namespace {

std::string readText(const char* path) {
    auto text = readTextFile(path);
    if (!text) qFatal("%s", text.error().c_str());
    return *text;
}

const Json& schema() {
    static const Json document = Json::parse(readText(HEADROOM_SOURCE_DIR "/docs/headroom-scenario.schema.json"));
    return document;
}

const Json& at(const std::string& pointer) { return schema().at(Json::json_pointer(pointer)); }

std::set<std::string> propertiesAt(const std::string& pointer) {
    std::set<std::string> names;
    for (const auto& [name, value] : at(pointer).at("properties").items()) names.insert(name);
    return names;
}

template <class Names>
std::set<std::string> setOf(const Names& names) {
    return {names.begin(), names.end()};
}

std::string listed(const std::set<std::string>& names) {
    std::string text;
    for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
    return text;
}

/// The names in `a` that are not in `b`.
std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::set<std::string> out;
    for (const auto& name : a)
        if (!b.contains(name)) out.insert(name);
    return out;
}

void compareKeys(const std::string& where, const std::set<std::string>& loader, const std::set<std::string>& inSchema) {
    const std::string message = where + ": the loader alone knows {" + listed(minus(loader, inSchema)) + "}; the schema alone has {" +
                                listed(minus(inSchema, loader)) + "}";
    QVERIFY2(loader == inSchema, message.c_str());
}

}  // namespace

class tst_ScenarioSchema : public QObject {
    Q_OBJECT
private slots:
    void isADraft2020Schema();
    void everyObjectHasTheLoadersKeysAndNoOthers();
    void everyKindHasItsOwnFieldsAndNoOthers();
    void enumerationsHaveTheLoadersNames();
    void theFormatReferenceNamesEveryKey();
};

void tst_ScenarioSchema::isADraft2020Schema() {
    QCOMPARE(schema().at("$schema").get<std::string>(), std::string("https://json-schema.org/draft/2020-12/schema"));
    QCOMPARE(schema().at("properties").at("format").at("const").get<std::string>(), std::string("headroom-scenario"));
    // Every version this Headroom reads, 1 to ScenarioFile's kFormatVersion.
    QCOMPARE(schema().at("properties").at("version").at("enum"), Json::parse("[1, 2]"));
}

// An object the schema leaves open would accept a typo the loader refuses, so every object of
// the format must close itself with additionalProperties: false.
void tst_ScenarioSchema::everyObjectHasTheLoadersKeysAndNoOthers() {
    for (const keys::FormatObject& object : keys::kFormatObjects) {
        const std::string pointer(object.schemaPointer);
        compareKeys(pointer.empty() ? "the file" : pointer, setOf(object.keys), propertiesAt(pointer));
        QVERIFY2(at(pointer).at("additionalProperties") == false, pointer.c_str());
    }
    compareKeys("/$defs/component_fields", setOf(componentFields()), propertiesAt("/$defs/component_fields"));
}

void tst_ScenarioSchema::everyKindHasItsOwnFieldsAndNoOthers() {
    const Json& dispatch = at("/$defs/component/allOf");
    QCOMPARE(dispatch.size(), kindNames().size());
    for (std::size_t i = 0; i < kindNames().size(); ++i) {
        const auto kind = static_cast<ComponentKind>(i);
        const std::string name(kindName(kind));
        std::set<std::string> fields;
        for (std::string_view field : componentFields())
            if (kindHasField(kind, field)) fields.insert(std::string(field));
        compareKeys("/$defs/" + name, fields, propertiesAt("/$defs/" + name));
        QVERIFY2(at("/$defs/" + name).at("additionalProperties") == false, name.c_str());
        // The component schema sends each kind to its own definition.
        QCOMPARE(dispatch[i].at("if").at("properties").at("kind").at("const").get<std::string>(), name);
        QCOMPARE(dispatch[i].at("then").at("$ref").get<std::string>(), "#/$defs/" + name);
    }
}

void tst_ScenarioSchema::enumerationsHaveTheLoadersNames() {
    const auto enumAt = [](const std::string& pointer) {
        std::set<std::string> names;
        for (const Json& name : at(pointer).at("enum")) names.insert(name.get<std::string>());
        return names;
    };
    const std::string field = "/$defs/component_fields/properties/";
    QCOMPARE(enumAt(field + "kind"), setOf(kindNames()));
    QCOMPARE(enumAt(field + "arrivals"), setOf(kArrivalNames));
    QCOMPARE(enumAt(field + "operation"), setOf(kOperationNames));
    QCOMPARE(enumAt(field + "algorithm"), setOf(kLbAlgorithmNames));
    QCOMPARE(enumAt(field + "read_from"), setOf(kReadFromNames));
    QCOMPARE(enumAt("/$defs/distribution/properties/dist"), setOf(kDistributionNames));
    QCOMPARE(enumAt("/$defs/call/properties/mode"), setOf(kCallModeNames));
    QCOMPARE(enumAt("/$defs/retry/properties/backoff"), setOf(kBackoffNames));
    QCOMPARE(enumAt("/$defs/retry/properties/jitter"), setOf(kJitterNames));
    QCOMPARE(enumAt("/$defs/retry/properties/on/items"), setOf(kRetryOnNames));
    QCOMPARE(enumAt("/$defs/fault_event/properties/fault"), setOf(kFaultKindNames));
    QCOMPARE(enumAt("/$defs/estimate/properties/units"), setOf(kUnitSystemNames));
    QCOMPARE(enumAt("/$defs/estimate_action/properties/kind"), setOf(kOperationNames));
    std::set<std::string> shapes;
    for (const Json& profile : at("/$defs/profile/oneOf"))
        shapes.insert(at(profile.at("$ref").get<std::string>().substr(1) + "/properties/shape/const").get<std::string>());
    QCOMPARE(shapes, setOf(kProfileShapeNames));
    std::set<std::string> instanceTypes;
    for (const InstancePrice& price : instancePrices()) instanceTypes.insert(std::string(price.type));
    QCOMPARE(enumAt("/$defs/cost/properties/instance_type"), instanceTypes);
}

// docs/format.md is the reference a person reads: each key appears there in code font.
void tst_ScenarioSchema::theFormatReferenceNamesEveryKey() {
    const std::string reference = readText(HEADROOM_SOURCE_DIR "/docs/format.md");
    QVERIFY(!reference.empty());
    std::set<std::string> missing;
    const auto check = [&](std::string_view key) {
        if (reference.find("`" + std::string(key) + "`") == std::string::npos) missing.insert(std::string(key));
    };
    for (const keys::FormatObject& object : keys::kFormatObjects)
        for (std::string_view key : object.keys) check(key);
    for (std::string_view key : componentFields()) check(key);
    QVERIFY2(missing.empty(), ("docs/format.md does not name " + listed(missing)).c_str());
}

QTEST_APPLESS_MAIN(tst_ScenarioSchema)
#include "tst_ScenarioSchema.moc"
