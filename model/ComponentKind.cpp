// SPDX-License-Identifier: MIT
#include "model/ComponentKind.h"

#include <algorithm>
#include <array>
#include <vector>

#include "model/Suggest.h"

namespace headroom::model {
namespace {

constexpr std::array<std::string_view, 10> kKindNames{
    "client", "cdn", "load_balancer", "api_gateway", "service", "function", "cache", "database", "queue", "object_store",
};

constexpr std::array<std::string_view, 30> kComponentFields{
    "id", "kind", "label",
    "instances", "cores", "workers", "queue_capacity", "timeout", "service_time",
    "rate", "arrivals", "class", "operation", "profile", "users", "think_time",
    "hit_ratio", "algorithm", "weights", "rate_limit",
    "concurrency", "cold_start", "memory",
    "shards", "replicas", "read_from",
    "consumers", "partitions",
    "calls", "cost",
};

using FieldList = std::initializer_list<std::string_view>;

// A station of the queueing model: instances of `cores` CPUs serving `workers` at a time.
constexpr std::array<std::string_view, 7> kStationFields{"instances", "cores", "workers", "queue_capacity", "timeout", "service_time", "cost"};

bool listed(std::span<const std::string_view> list, std::string_view field) {
    return std::find(list.begin(), list.end(), field) != list.end();
}
bool listed(FieldList list, std::string_view field) { return std::find(list.begin(), list.end(), field) != list.end(); }

bool kindSpecificField(ComponentKind kind, std::string_view field) {
    switch (kind) {
        case ComponentKind::Client:
            return listed({"rate", "arrivals", "class", "operation", "profile", "users", "think_time", "timeout", "calls"}, field);
        case ComponentKind::Cdn:
        case ComponentKind::Cache: return listed(kStationFields, field) || listed({"hit_ratio", "calls"}, field);
        case ComponentKind::LoadBalancer: return listed(kStationFields, field) || listed({"algorithm", "weights", "calls"}, field);
        case ComponentKind::ApiGateway: return listed(kStationFields, field) || listed({"rate_limit", "calls"}, field);
        case ComponentKind::Service: return listed(kStationFields, field) || field == "calls";
        case ComponentKind::Function:
            return listed({"service_time", "timeout", "cost", "concurrency", "cold_start", "memory", "calls"}, field);
        case ComponentKind::Database: return listed(kStationFields, field) || listed({"shards", "replicas", "read_from"}, field);
        case ComponentKind::Queue: return listed(kStationFields, field) || listed({"consumers", "partitions"}, field);
        case ComponentKind::ObjectStore: return listed(kStationFields, field);
    }
    return false;
}

}  // namespace

std::string_view kindName(ComponentKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }

std::optional<ComponentKind> kindFromName(std::string_view name) {
    for (std::size_t i = 0; i < kKindNames.size(); ++i)
        if (kKindNames[i] == name) return static_cast<ComponentKind>(i);
    return std::nullopt;
}

std::span<const std::string_view> kindNames() { return kKindNames; }

std::span<const std::string_view> componentFields() { return kComponentFields; }

bool kindHasField(ComponentKind kind, std::string_view field) {
    return field == "id" || field == "kind" || field == "label" || kindSpecificField(kind, field);
}

std::string kindsWithField(std::string_view field) {
    std::vector<std::string_view> kinds;
    for (std::size_t i = 0; i < kKindNames.size(); ++i)
        if (kindHasField(static_cast<ComponentKind>(i), field)) kinds.push_back(kKindNames[i]);
    return joinAlternatives(kinds);
}

std::string withArticle(ComponentKind kind) {
    const std::string_view name = kindName(kind);
    const bool vowel = std::string_view("aeiou").find(name.front()) != std::string_view::npos;
    return std::string(vowel ? "an " : "a ") + std::string(name);
}

}  // namespace headroom::model
