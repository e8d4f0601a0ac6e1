// SPDX-License-Identifier: MIT
#include "model/KeysFormat.h"

#include "model/EnumNames.h"
#include "model/FormatKeys.h"
#include "model/JsonWrite.h"
#include "model/RangeCheck.h"
#include "model/UnitFormat.h"

namespace headroom::model {

using namespace write;

namespace {

/// The most keys a file may name: 10¹⁵, beyond any key space a cache or database has, and
/// still a whole number in a double.
constexpr double kMostKeys = 1e15;
/// Zipf exponents above this put all but nothing on the top key.
constexpr double kLargestZipf = 10.0;

}  // namespace

std::optional<Keys> readKeys(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return std::nullopt;
    reader.rejectUnknown(keys::kKeys);
    reader.require("count", "how many keys requests ask for, such as \"10M\"");
    Keys keys;
    keys.count = reader.count("count").value_or(1.0);
    if (const Json* popularity = reader.raw("popularity")) {
        const std::string popularityPath = reader.pathOf("popularity");
        if (popularity->is_string()) {
            if (popularity->get<std::string>() != "uniform")
                problems.push_back({popularityPath, "\"" + popularity->get<std::string>() + "\" is not a popularity: write \"uniform\" or {\"zipf\": 0.9}"});
        } else {
            ObjectReader zipf(*popularity, popularityPath, problems);
            if (zipf.isObject()) {
                zipf.rejectUnknown(keys::kZipfPopularity);
                zipf.require("zipf", "the exponent α of Zipf's law, such as 0.9");
                keys.zipf = zipf.number("zipf");
            }
        }
    }
    keys.itemSize = reader.size("item_size");
    keys.writeShare = reader.ratio("write_share");
    return keys;
}

Json keysJson(const Keys& keys) {
    Json out = Json::object();
    out["count"] = exactCount(keys.count);
    out["popularity"] = keys.zipf ? Json{{"zipf", number(*keys.zipf)}} : Json("uniform");
    putSize(out, "item_size", keys.itemSize);
    put(out, "write_share", keys.writeShare, [](double share) { return percent(share); });
    return out;
}

namespace {

template <class Enum, std::size_t N>
void readChoice(ObjectReader& reader, std::string_view key, const std::array<std::string_view, N>& names, std::optional<Enum>& into) {
    if (auto index = reader.choice(key, names)) into = static_cast<Enum>(*index);
}

template <class Enum, std::size_t N>
void putChoice(Json& out, std::string_view key, const std::optional<Enum>& value, const std::array<std::string_view, N>& names) {
    put(out, key, value, [&](Enum v) { return Json(nameOf(names, v)); });
}

}  // namespace

void readKeyFields(ObjectReader& reader, Component& component, Problems& problems) {
    if (const Json* keys = reader.raw("keys")) component.keys = readKeys(*keys, reader.pathOf("keys"), problems);
    component.capacity = reader.size("capacity");
    component.capacityItems = reader.count("capacity_items");
    readChoice(reader, "eviction", kEvictionNames, component.eviction);
    component.ttl = reader.duration("ttl");
    readChoice(reader, "writes", kCacheWritesNames, component.writes);
    readChoice(reader, "sharding", kShardingNames, component.sharding);
    component.replicationLag = reader.duration("replication_lag");
}

void writeKeyFields(const Component& component, Json& out) {
    put(out, "keys", component.keys, keysJson);
    putSize(out, "capacity", component.capacity);
    put(out, "capacity_items", component.capacityItems, [](double items) { return Json(exactCount(items)); });
    putChoice(out, "eviction", component.eviction, kEvictionNames);
    putDuration(out, "ttl", component.ttl);
    putChoice(out, "writes", component.writes, kCacheWritesNames);
    putChoice(out, "sharding", component.sharding, kShardingNames);
    putDuration(out, "replication_lag", component.replicationLag);
}

void validateKeys(const Keys& keys, const std::string& at, Problems& problems) {
    check::within(problems, at, ".count", std::optional(keys.count), 1.0, kMostKeys);
    if (keys.count != std::floor(keys.count)) problems.push_back({at + ".count", "must be a whole number of keys, got " + shortestDecimal(keys.count)});
    check::within(problems, at, ".popularity.zipf", keys.zipf, 0.0, kLargestZipf);
    check::positive(problems, at, ".item_size", keys.itemSize);
    if (keys.writeShare && !(*keys.writeShare >= 0.0 && *keys.writeShare < 1.0))
        problems.push_back({at + ".write_share", "must be at least 0 and below 1 (some requests must read), got " + shortestDecimal(*keys.writeShare)});
}

void validateKeyFields(const Component& component, const std::string& path, Problems& problems) {
    const auto add = [&](std::string at, std::string message) { problems.push_back({std::move(at), std::move(message)}); };
    if (component.keys) validateKeys(*component.keys, path + ".keys", problems);
    check::positive(problems, path, ".capacity", component.capacity);
    check::within(problems, path, ".capacity_items", component.capacityItems, 1.0, kMostKeys);
    check::positive(problems, path, ".ttl", component.ttl);
    check::notNegative(problems, path, ".replication_lag", component.replicationLag);
    // What needs `keys`, and what keys need beside them.
    for (const auto& [present, key] : {std::pair{component.capacity.has_value(), "capacity"}, {component.capacityItems.has_value(), "capacity_items"},
                                       {component.eviction.has_value(), "eviction"}, {component.ttl.has_value(), "ttl"},
                                       {component.writes.has_value(), "writes"}, {component.sharding.has_value(), "sharding"},
                                       {component.replicationLag.has_value(), "replication_lag"}})
        if (present && !component.keys) add(path + "." + key, std::string(key) + " needs a \"keys\" block: how many keys, and how popular each is");
    if (component.capacity && component.capacityItems)
        add(path + ".capacity_items", "give the size either in bytes (capacity) or in values (capacity_items), not both");
    if (component.capacity && component.keys && !component.keys->itemSize)
        add(path + ".keys.item_size", "missing: a capacity in bytes holds capacity / item_size values; give item_size, such as \"1KB\"");
    if (component.ttl && component.eviction && *component.eviction != Eviction::Ttl)
        add(path + ".ttl", "a ttl is modelled with eviction \"ttl\" (values live the ttl from when they are stored); the " +
                               std::string(nameOf(kEvictionNames, *component.eviction)) + " eviction runs on the cache's size");
    const bool sized = component.capacity || component.capacityItems;
    if (component.eviction == Eviction::Ttl && !component.ttl) add(path + ".ttl", "missing: eviction \"ttl\" needs the ttl, such as \"5min\"");
    if (component.keys && traitsOf(component.kind).answersHits && !component.hitRatio && !sized && evictionOf(component) != Eviction::Ttl)
        add(path + ".capacity", "missing: a cache with keys needs its size, capacity (\"64GiB\") or capacity_items (100000), or a ttl");
    if (component.replicationLag && component.replicas.value_or(0) == 0)
        add(path + ".replication_lag", "there are no replicas to lag: set \"replicas\"");
}

Eviction evictionOf(const Component& component) {
    if (component.eviction) return *component.eviction;
    return component.ttl ? Eviction::Ttl : Eviction::Lru;
}

double capacityItemsOf(const Component& component) {
    if (component.capacityItems) return *component.capacityItems;
    if (component.capacity && component.keys && component.keys->itemSize) return std::floor(component.capacity->value / component.keys->itemSize->value);
    return 0.0;
}

}  // namespace headroom::model
