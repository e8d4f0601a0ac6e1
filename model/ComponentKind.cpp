// SPDX-License-Identifier: MIT
#include "model/ComponentKind.h"

#include <algorithm>
#include <array>
#include <vector>

#include "model/Suggest.h"

namespace headroom::model {
namespace {

constexpr std::array<std::string_view, 44> kComponentFields{
    "id", "kind", "label",
    "instances", "cores", "workers", "queue_capacity", "timeout", "service_time",
    "rate", "arrivals", "class", "operation", "profile", "users", "think_time",
    "hit_ratio", "algorithm", "weights", "rate_limit",
    "concurrency", "cold_start", "memory",
    "shards", "replicas", "read_from",
    "consumers", "partitions",
    "calls", "cost",
    "zones", "drop_expired", "retry", "health_check", "failover_time", "autoscale",
    "keys", "capacity", "capacity_items", "eviction", "ttl", "writes", "sharding", "replication_lag",
};

// The fields of each kind. A station of the queueing model: instances of `cores` CPUs serving
// `workers` at a time.
// Version 2 adds where its instances run (`zones`) and whether it drops work whose caller gave up.
#define HEADROOM_STATION_FIELDS "instances", "cores", "workers", "queue_capacity", "timeout", "service_time", "cost", "zones", "drop_expired"
constexpr std::array<std::string_view, 10> kClientFields{"rate", "arrivals", "class", "operation", "profile", "users", "think_time", "timeout", "calls", "retry"};
constexpr std::array<std::string_view, 17> kHitFields{HEADROOM_STATION_FIELDS, "hit_ratio", "keys", "capacity", "capacity_items", "eviction", "ttl", "writes", "calls"};
constexpr std::array<std::string_view, 13> kBalancerFields{HEADROOM_STATION_FIELDS, "algorithm", "weights", "health_check", "calls"};
constexpr std::array<std::string_view, 12> kGatewayFields{HEADROOM_STATION_FIELDS, "rate_limit", "autoscale", "calls"};
constexpr std::array<std::string_view, 11> kServiceFields{HEADROOM_STATION_FIELDS, "autoscale", "calls"};
constexpr std::array<std::string_view, 8> kFunctionFields{"service_time", "timeout", "cost", "concurrency", "cold_start", "memory", "drop_expired", "calls"};
constexpr std::array<std::string_view, 16> kDatabaseFields{HEADROOM_STATION_FIELDS, "shards", "replicas", "read_from", "failover_time", "keys", "sharding", "replication_lag"};
constexpr std::array<std::string_view, 11> kQueueFields{HEADROOM_STATION_FIELDS, "consumers", "partitions"};
constexpr std::array<std::string_view, 9> kStationFields{HEADROOM_STATION_FIELDS};
#undef HEADROOM_STATION_FIELDS

constexpr DefaultServiceTimes both(const ReferenceValue& row) { return {row, row}; }

using K = ComponentKind;
using F = KindFamily;

// In the enum's order (checked below). Icons: a monitor, a globe, one arrow fanning out to
// three, a gate, a server box with two lights, a lambda, a lightning bolt in a box, a cylinder,
// messages in a row, a bucket.
constexpr std::array<KindTraits, 10> kKinds{{
    {K::Client, "client", kClientFields, std::nullopt, false, false, false, "", F::Client,
     R"(<rect x="5" y="6" width="22" height="15" rx="2"/><path d="M12 26h8M16 21v5"/>)"},
    {K::Cdn, "cdn", kHitFields, both(defaults::kCdnHit), true, true, false, "instances", F::Edge,
     R"(<circle cx="16" cy="16" r="11"/><ellipse cx="16" cy="16" rx="5" ry="11"/><path d="M5 16h22M7 10h18M7 22h18"/>)"},
    {K::LoadBalancer, "load_balancer", kBalancerFields, std::nullopt, false, false, false, "instances", F::Edge,
     R"(<circle cx="7" cy="16" r="3"/><path d="M10 16h5M15 16l10-8M15 16h10M15 16l10 8"/><circle cx="26" cy="8" r="2"/><circle cx="26" cy="16" r="2"/><circle cx="26" cy="24" r="2"/>)"},
    {K::ApiGateway, "api_gateway", kGatewayFields, std::nullopt, false, false, false, "instances", F::Edge,
     R"(<path d="M6 27V11l10-6 10 6v16"/><path d="M11 27V17h10v10"/><path d="M16 17v10"/>)"},
    {K::Service, "service", kServiceFields, std::nullopt, false, false, false, "instances", F::Compute,
     R"(<rect x="6" y="6" width="20" height="8" rx="1.5"/><rect x="6" y="18" width="20" height="8" rx="1.5"/><path d="M10 10h1M10 22h1"/><path d="M16 10h6M16 22h6"/>)"},
    {K::Function, "function", kFunctionFields, std::nullopt, false, false, false, "concurrency", F::Compute,
     R"(<path d="M9 6h4l10 20"/><path d="M17 14l-8 12"/>)"},
    {K::Cache, "cache", kHitFields, both(defaults::kCacheGet), true, true, false, "instances", F::Storage,
     R"(<rect x="6" y="6" width="20" height="20" rx="3"/><path d="M18 9l-6 8h5l-3 6 7-9h-5z"/>)"},
    {K::Database, "database", kDatabaseFields, DefaultServiceTimes{defaults::kSqlQuery, defaults::kDbCommit}, false, false, false, "shards", F::Storage,
     R"(<ellipse cx="16" cy="8" rx="10" ry="3.5"/><path d="M6 8v16c0 2 4.5 3.5 10 3.5s10-1.5 10-3.5V8"/><path d="M6 16c0 2 4.5 3.5 10 3.5s10-1.5 10-3.5"/>)"},
    {K::Queue, "queue", kQueueFields, both(defaults::kKafkaEndToEnd), true, false, true, "instances", F::Messaging,
     R"(<rect x="4" y="11" width="6" height="10" rx="1"/><rect x="13" y="11" width="6" height="10" rx="1"/><path d="M22 16h6M25 13l3 3-3 3"/>)"},
    {K::ObjectStore, "object_store", kStationFields, std::nullopt, true, false, false, "instances", F::Storage,
     R"(<path d="M6 9h20l-3 18H9z"/><ellipse cx="16" cy="9" rx="10" ry="3"/>)"},
}};

constexpr bool inEnumOrder() {
    for (std::size_t i = 0; i < kKinds.size(); ++i)
        if (static_cast<std::size_t>(kKinds[i].kind) != i) return false;
    return true;
}
static_assert(inEnumOrder(), "kKinds is indexed by ComponentKind");

constexpr std::array<std::string_view, 10> kKindNames = [] {
    std::array<std::string_view, 10> names{};
    for (std::size_t i = 0; i < kKinds.size(); ++i) names[i] = kKinds[i].name;
    return names;
}();

bool listed(std::span<const std::string_view> list, std::string_view field) {
    return std::find(list.begin(), list.end(), field) != list.end();
}

}  // namespace

const KindTraits& traitsOf(ComponentKind kind) { return kKinds[static_cast<std::size_t>(kind)]; }

std::span<const KindTraits> allKindTraits() { return kKinds; }

std::string_view kindName(ComponentKind kind) { return traitsOf(kind).name; }

std::optional<ComponentKind> kindFromName(std::string_view name) {
    for (const KindTraits& traits : kKinds)
        if (traits.name == name) return traits.kind;
    return std::nullopt;
}

std::span<const std::string_view> kindNames() { return kKindNames; }

std::span<const std::string_view> componentFields() { return kComponentFields; }

bool kindHasField(ComponentKind kind, std::string_view field) {
    return field == "id" || field == "kind" || field == "label" || listed(traitsOf(kind).fields, field);
}

std::string kindsWithField(std::string_view field) {
    std::vector<std::string_view> kinds;
    for (const KindTraits& traits : kKinds)
        if (listed(traits.fields, field)) kinds.push_back(traits.name);
    return joinAlternatives(kinds);
}

std::string withArticle(ComponentKind kind) {
    const std::string_view name = kindName(kind);
    const bool vowel = std::string_view("aeiou").find(name.front()) != std::string_view::npos;
    return std::string(vowel ? "an " : "a ") + std::string(name);
}

}  // namespace headroom::model
