// SPDX-License-Identifier: MIT
#include "model/ScenarioDiff.h"

#include "model/ScenarioWriter.h"

namespace headroom::model {
namespace {

using Kind = ScenarioChange::Kind;

/// A list whose items are objects with an "id" (the components): matched by id.
bool listedById(const Json& list) {
    if (!list.is_array() || list.empty()) return false;
    for (const auto& item : list)
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) return false;
    return true;
}

const Json* findById(const Json& list, const std::string& id) {
    for (const auto& item : list)
        if (item["id"] == id) return &item;
    return nullptr;
}

void diffValues(const std::string& path, const Json& before, const Json& after, std::vector<ScenarioChange>& out);

void diffObjects(const std::string& path, const Json& before, const Json& after, std::vector<ScenarioChange>& out) {
    const std::string prefix = path.empty() ? "" : path + ".";
    for (const auto& [key, value] : before.items()) {
        if (!after.contains(key)) out.push_back({Kind::Removed, prefix + key, value, std::nullopt, {}});
        else diffValues(prefix + key, value, after[key], out);
    }
    for (const auto& [key, value] : after.items())
        if (!before.contains(key)) out.push_back({Kind::Added, prefix + key, std::nullopt, value, {}});
}

void diffLists(const std::string& path, const Json& before, const Json& after, std::vector<ScenarioChange>& out) {
    // By id also when one side is empty (every component added, or removed).
    if ((listedById(before) || before.empty()) && (listedById(after) || after.empty())) {
        for (const auto& item : before) {
            const std::string id = item["id"];
            const std::string at = path + "[" + id + "]";
            if (const Json* other = findById(after, id)) diffValues(at, item, *other, out);
            else out.push_back({Kind::Removed, at, item, std::nullopt, {}});
        }
        for (const auto& item : after)
            if (!findById(before, item["id"])) out.push_back({Kind::Added, path + "[" + item["id"].get<std::string>() + "]", std::nullopt, item, {}});
        return;
    }
    const std::size_t common = std::min(before.size(), after.size());
    for (std::size_t i = 0; i < common; ++i) diffValues(path + "[" + std::to_string(i) + "]", before[i], after[i], out);
    for (std::size_t i = common; i < before.size(); ++i) out.push_back({Kind::Removed, path + "[" + std::to_string(i) + "]", before[i], std::nullopt, {}});
    for (std::size_t i = common; i < after.size(); ++i) out.push_back({Kind::Added, path + "[" + std::to_string(i) + "]", std::nullopt, after[i], {}});
}

void diffValues(const std::string& path, const Json& before, const Json& after, std::vector<ScenarioChange>& out) {
    if (before == after) return;
    if (before.is_object() && after.is_object()) return diffObjects(path, before, after, out);
    if (before.is_array() && after.is_array()) return diffLists(path, before, after, out);
    out.push_back({Kind::Changed, path, before, after, {}});
}

}  // namespace

std::vector<ScenarioChange> diffScenarios(const Scenario& before, const Scenario& after) {
    Json left = toJson(before), right = toJson(after);
    const Json leftLayout = left.value("layout", Json::object()), rightLayout = right.value("layout", Json::object());
    left.erase("layout");
    right.erase("layout");
    std::vector<ScenarioChange> changes;
    diffValues("", left, right, changes);
    ScenarioChange moved{Kind::Moved, "layout", std::nullopt, std::nullopt, {}};
    for (const auto& [id, place] : rightLayout.items())
        if (!leftLayout.contains(id) || leftLayout[id] != place) moved.moved.push_back(id);
    for (const auto& [id, place] : leftLayout.items())
        if (!rightLayout.contains(id)) moved.moved.push_back(id);
    if (!moved.moved.empty()) changes.push_back(std::move(moved));
    return changes;
}

namespace {

/// A value as it stands in the file, shortened when it is a whole object or list.
std::string shown(const Json& value) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    constexpr std::size_t kLongest = 80;
    if (text.size() <= kLongest) return text;
    // Cut on a character's first byte, never inside one.
    std::size_t cut = kLongest - 1;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

}  // namespace

std::string describe(const ScenarioChange& change) {
    switch (change.kind) {
        case Kind::Added: return change.path + " added" + (change.after && !change.after->is_object() ? ": " + shown(*change.after) : "");
        case Kind::Removed: return change.path + " removed" + (change.before && !change.before->is_object() ? " (was " + shown(*change.before) + ")" : "");
        case Kind::Changed: return change.path + ": " + shown(*change.before) + " → " + shown(*change.after);
        case Kind::Moved: {
            std::string ids;
            for (const auto& id : change.moved) ids += (ids.empty() ? "" : ", ") + id;
            return "layout: " + ids + " moved on the canvas";
        }
    }
    return change.path;
}

}  // namespace headroom::model
