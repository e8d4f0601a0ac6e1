// SPDX-License-Identifier: MIT
#include "model/ComponentEdit.h"

#include <array>
#include <functional>

#include "model/ComponentKind.h"
#include "model/Defaults.h"
#include "model/EnumNames.h"
#include "model/FormatKeys.h"
#include "model/ScenarioReader.h"
#include "model/ScenarioWriter.h"
#include "model/Validation.h"

namespace headroom::model {
namespace {

std::string componentPath(std::size_t component) { return "components[" + std::to_string(component) + "]"; }

/// The errors at `path` or below it.
Problems problemsAt(const Problems& problems, const std::string& path) {
    Problems found;
    for (const auto& problem : problems) {
        if (problem.severity != Problem::Severity::Error) continue;
        if (isUnder(problem.path, path)) found.push_back(problem);
    }
    return found;
}

/// The value of `field` in the JSON object `locate` finds, as text.
std::string textOf(const Json& object, std::string_view field) {
    if (!object.is_object()) return "";
    const auto found = object.find(std::string(field));
    if (found == object.end()) return "";
    return found->is_string() ? found->get<std::string>() : found->dump();
}

/// The scenario read back with `field` of the object `locate` finds set to `text` (removed when
/// empty), or the problems the reader (else validation) finds at `path`. Text that parses as
/// JSON is JSON; else, and when a scalar is refused where a string would do, a string.
std::pair<std::optional<Scenario>, Problems> edited(const Scenario& scenario, const std::function<Json&(Json&)>& locate, std::string_view field,
                                                    const std::string& path, const std::string& text) {
    const auto attempt = [&](const std::optional<Json>& value) -> std::pair<ReadResult, Problems> {
        Json document = toJson(scenario);
        Json& object = locate(document);
        if (value) object[std::string(field)] = *value;
        else if (object.is_object()) object.erase(std::string(field));
        ReadResult read = readScenario(document);
        if (Problems problems = problemsAt(read.problems, path); !problems.empty()) return {std::move(read), std::move(problems)};
        Problems problems = problemsAt(validate(read.scenario), path);
        return {std::move(read), std::move(problems)};
    };
    std::optional<Json> value;
    if (!text.empty()) {
        const Json parsed = Json::parse(text, nullptr, false);
        value = parsed.is_discarded() ? Json(text) : parsed;
    }
    auto [read, problems] = attempt(value);
    if (!problems.empty() && value && !value->is_string() && !value->is_object() && !value->is_array()) {
        auto [asString, stringProblems] = attempt(Json(text));
        if (stringProblems.empty()) {
            read = std::move(asString);
            problems.clear();
        }
    }
    if (!problems.empty()) return {std::nullopt, std::move(problems)};
    return {std::move(read.scenario), {}};
}

}  // namespace

std::string fieldText(const Scenario& scenario, std::size_t component, std::string_view field) {
    return textOf(toJson(scenario.components[component]), field);
}

FieldEdit editField(const Scenario& scenario, std::size_t component, std::string_view field, const std::string& text) {
    const std::string path = componentPath(component) + "." + std::string(field);
    auto [edit, problems] = edited(scenario, [&](Json& document) -> Json& { return document["components"][component]; }, field, path, text);
    if (!edit) return {std::nullopt, problems.front().message, std::move(problems)};
    return {edit->components[component], "", {}};
}

std::string estimateFieldText(const Scenario& scenario, std::string_view field) {
    return scenario.estimate ? textOf(toJson(*scenario.estimate), field) : "";
}

EstimateEdit editEstimateField(const Scenario& scenario, std::string_view field, const std::string& text) {
    auto [edit, problems] = edited(scenario, [](Json& document) -> Json& {
        if (!document.contains("estimate")) document["estimate"] = Json::object();
        return document["estimate"];
    }, field, "estimate." + std::string(field), text);
    if (!edit) return {std::nullopt, problems.front().message};
    return {edit->estimate.value_or(EstimateInput{}), ""};
}

std::span<const std::string_view> estimateFields() { return keys::kEstimate; }

ScenarioSettings settingsOf(const Scenario& scenario) {
    return {scenario.name, scenario.description, scenario.links, scenario.slos, scenario.run, scenario.defaults, scenario.events};
}

void applySettings(Scenario& scenario, const ScenarioSettings& settings) {
    scenario.name = settings.name;
    scenario.description = settings.description;
    scenario.links = settings.links;
    scenario.slos = settings.slos;
    scenario.run = settings.run;
    scenario.defaults = settings.defaults;
    scenario.events = settings.events;
}

namespace {

constexpr std::array<std::string_view, 10> kSettings{"name",     "description", "run.duration", "run.warmup", "run.replications",
                                                    "run.seed", "slo",         "events",       "links",      "defaults"};

/// "run.seed" → the object "run" (made when absent) and its key "seed"; else the document.
std::pair<std::function<Json&(Json&)>, std::string> settingPlace(std::string_view setting) {
    if (setting.starts_with("run.")) {
        return {[](Json& document) -> Json& {
                    if (!document.contains("run")) document["run"] = Json::object();
                    return document["run"];
                },
                std::string(setting.substr(4))};
    }
    return {[](Json& document) -> Json& { return document; }, std::string(setting)};
}

}  // namespace

std::span<const std::string_view> settingFields() { return kSettings; }

std::string settingText(const Scenario& scenario, std::string_view setting) {
    Json document = toJson(scenario);
    const auto [locate, key] = settingPlace(setting);
    return textOf(locate(document), key);
}

SettingEdit editSetting(const Scenario& scenario, std::string_view setting, const std::string& text) {
    const auto [locate, key] = settingPlace(setting);
    auto [edit, problems] = edited(scenario, locate, key, std::string(setting), text);
    if (!edit) return {std::nullopt, problems.front().message};
    return {settingsOf(*edit), ""};
}

Component startingComponent(ComponentKind kind, std::string id) {
    Component component;
    component.kind = kind;
    component.id = std::move(id);
    if (traitsOf(kind).answersHits) component.hitRatio = defaults::kHotSetHitRatio.value;
    return component;
}

std::vector<std::string_view> editableFields(ComponentKind kind) {
    std::vector<std::string_view> fields;
    for (const auto field : componentFields())
        if (field == "id" || field == "kind" || field == "label" || kindHasField(kind, field)) fields.push_back(field);
    return fields;
}

std::span<const std::string_view> choicesOf(std::string_view field) {
    if (field == "units") return kUnitSystemNames;
    if (field == "arrivals") return kArrivalNames;
    if (field == "operation") return kOperationNames;
    if (field == "algorithm") return kLbAlgorithmNames;
    if (field == "read_from") return kReadFromNames;
    if (field == "eviction") return kEvictionNames;
    if (field == "writes") return kCacheWritesNames;
    if (field == "sharding") return kShardingNames;
    return {};
}

}  // namespace headroom::model
