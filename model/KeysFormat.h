// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "model/JsonReader.h"
#include "model/Problem.h"
#include "model/Scenario.h"

/// Reading, writing and checking format version 2's keys and popularity (DESIGN.md, "Keys and
/// popularity"): the one place that knows how a `keys` block and a cache's or database's key
/// fields are spelled and what each needs. ScenarioReader, ScenarioWriter and Validation call it.
namespace headroom::model {

/// Reads a `keys` block (a component's, or the estimate's `key_popularity`).
[[nodiscard]] std::optional<Keys> readKeys(const Json& value, const std::string& path, Problems& problems);
[[nodiscard]] Json keysJson(const Keys& keys);
/// The ranges of a `keys` block at `path`.
void validateKeys(const Keys& keys, const std::string& path, Problems& problems);

/// Reads the `keys` block, the cache fields (`capacity`, `capacity_items`, `eviction`, `ttl`,
/// `writes`) and the database fields (`sharding`, `replication_lag`) of one component.
void readKeyFields(ObjectReader& reader, Component& component, Problems& problems);
/// Writes them, in the order readKeyFields reads them.
void writeKeyFields(const Component& component, Json& out);
/// Every problem of a component's key fields: ranges, a capacity in bytes without an item size,
/// a cache with keys but no size, a field that needs `keys`.
void validateKeyFields(const Component& component, const std::string& path, Problems& problems);

/// The eviction a keyed cache runs: as written, or ttl when only a `ttl` is given, or lru.
[[nodiscard]] Eviction evictionOf(const Component& component);
/// The values a keyed cache holds: `capacity_items`, or `capacity` / `item_size`.
[[nodiscard]] double capacityItemsOf(const Component& component);

}  // namespace headroom::model
