// SPDX-License-Identifier: MIT
#include "model/ComponentEdit.h"

#include "model/ComponentKind.h"
#include "model/EnumNames.h"
#include "model/ScenarioReader.h"
#include "model/ScenarioWriter.h"
#include "model/Validation.h"

namespace headroom::model {
namespace {

std::string componentPath(std::size_t component) { return "components[" + std::to_string(component) + "]"; }

/// The first error at `path` or below it, if any.
std::optional<std::string> problemAt(const Problems& problems, const std::string& path) {
    for (const auto& problem : problems) {
        if (problem.severity != Problem::Severity::Error) continue;
        if (problem.path == path || problem.path.starts_with(path + ".") || problem.path.starts_with(path + "["))
            return problem.message;
    }
    return std::nullopt;
}

}  // namespace

std::string fieldText(const Scenario& scenario, std::size_t component, std::string_view field) {
    const Json document = toJson(scenario);
    const Json& object = document["components"][component];
    const auto found = object.find(std::string(field));
    if (found == object.end()) return "";
    return found->is_string() ? found->get<std::string>() : found->dump();
}

FieldEdit editField(const Scenario& scenario, std::size_t component, std::string_view field, const std::string& text) {
    const std::string path = componentPath(component) + "." + std::string(field);
    const auto attempt = [&](const std::optional<Json>& value) -> std::pair<ReadResult, std::optional<std::string>> {
        Json document = toJson(scenario);
        Json& object = document["components"][component];
        if (value) object[std::string(field)] = *value;
        else object.erase(std::string(field));
        ReadResult read = readScenario(document);
        if (auto problem = problemAt(read.problems, path)) return {std::move(read), problem};
        return {std::move(read), problemAt(validate(read.scenario), path)};
    };
    std::optional<Json> value;
    if (!text.empty()) {
        const Json parsed = Json::parse(text, nullptr, false);
        value = parsed.is_discarded() ? Json(text) : parsed;
    }
    auto [read, problem] = attempt(value);
    // "123" as an id, or a label that looks like a number: try the text as a string.
    if (problem && value && !value->is_string() && !value->is_object() && !value->is_array()) {
        auto [asString, stringProblem] = attempt(Json(text));
        if (!stringProblem) {
            read = std::move(asString);
            problem.reset();
        }
    }
    if (problem) return {std::nullopt, *problem};
    return {read.scenario.components[component], ""};
}

std::vector<std::string_view> editableFields(ComponentKind kind) {
    std::vector<std::string_view> fields;
    for (const auto field : componentFields())
        if (field == "id" || field == "kind" || field == "label" || kindHasField(kind, field)) fields.push_back(field);
    return fields;
}

std::span<const std::string_view> choicesOf(std::string_view field) {
    if (field == "arrivals") return kArrivalNames;
    if (field == "operation") return kOperationNames;
    if (field == "algorithm") return kLbAlgorithmNames;
    if (field == "read_from") return kReadFromNames;
    return {};
}

}  // namespace headroom::model
