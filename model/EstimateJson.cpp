// SPDX-License-Identifier: MIT
#include "model/EstimateJson.h"

namespace headroom::model {
namespace {

Json quantityJson(const Quantity& quantity) {
    Json out = Json::object();
    out["value"] = quantity.value ? Json(*quantity.value) : Json(nullptr);
    out["unit"] = unitSymbol(quantity.unit);
    out["formula"] = quantity.formula;
    out["substituted"] = quantity.substituted;
    out["sources"] = quantity.sources;
    if (!quantity.note.empty()) out["note"] = quantity.note;
    return out;
}

Json groupJson(const std::vector<NamedQuantity>& quantities) {
    Json out = Json::object();
    for (const auto& named : quantities) out[named.key] = quantityJson(named.quantity);
    return out;
}

Json groupsJson(const std::vector<QuantityGroup>& groups) {
    Json out = Json::object();
    for (const auto& group : groups) out[group.name] = groupJson(group.quantities);
    return out;
}

}  // namespace

Json toJson(const Estimate& estimate, std::string_view scenarioName) {
    Json out = Json::object();
    out["engine"] = "estimate";
    out["scenario"] = scenarioName;
    Json conventions = Json::object();
    for (const auto& convention : estimate.conventions) {
        Json item = Json::object();
        item["value"] = convention.value;
        item["source"] = convention.source.empty() ? Json(nullptr) : Json(convention.source);
        item["meaning"] = convention.meaning;
        conventions[convention.key] = std::move(item);
    }
    out["conventions"] = std::move(conventions);
    for (const auto& named : estimate.totals) out[named.key] = quantityJson(named.quantity);
    out["actions"] = groupsJson(estimate.actions);
    out["datasets"] = groupsJson(estimate.datasets);
    if (estimate.keys) out["keys"] = groupJson(estimate.keys->quantities);
    return out;
}

}  // namespace headroom::model
