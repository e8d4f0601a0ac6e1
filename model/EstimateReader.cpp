// SPDX-License-Identifier: MIT
#include <array>

#include "model/EnumNames.h"
#include "model/FormatKeys.h"
#include "model/KeysFormat.h"
#include "model/ScenarioReader.h"

namespace headroom::model {
namespace {

EstimateAction readAction(const Json& value, const std::string& path, UnitSystem units, Problems& problems) {
    ObjectReader reader(value, path, problems);
    reader.rejectUnknown(keys::kEstimateAction);
    reader.requireName("name", "every action has a name");
    reader.require("kind", "read or write");
    EstimateAction action;
    action.name = reader.string("name").value_or("");
    if (auto kind = reader.choice("kind", kOperationNames)) action.kind = static_cast<Operation>(*kind);
    action.perUserPerDay = reader.count("per_user_per_day");
    if (const Json* rate = reader.raw("rate"); rate && rate->is_object()) {
        ObjectReader relative(*rate, reader.pathOf("rate"), problems);
        relative.rejectUnknown(keys::kRelativeRate);
        relative.requireName("per", "the name of the action this rate is a multiple of");
        relative.require("times", "how many of this action per one of that");
        action.relative = RelativeRate{relative.string("per").value_or(""), relative.count("times").value_or(1.0)};
    } else {
        action.rate = reader.countPerPeriod("rate");
    }
    action.size = reader.size("size", units);
    action.storedSize = reader.size("stored_size", units);
    action.mediaRatio = reader.ratio("media_ratio");
    action.mediaSize = reader.size("media_size", units);
    action.fanout = reader.count("fanout");
    action.perServerQps = reader.count("per_server_qps");
    return action;
}

EstimateDataset readDataset(const Json& value, const std::string& path, UnitSystem units, Problems& problems) {
    ObjectReader reader(value, path, problems);
    reader.rejectUnknown(keys::kEstimateDataset);
    reader.requireName("name", "every dataset has a name");
    return EstimateDataset{reader.string("name").value_or(""), reader.count("count"), reader.count("per_user"),
                           reader.size("size", units)};
}

}  // namespace

EstimateInput readEstimate(const Json& block, const std::string& path, Problems& problems) {
    ObjectReader reader(block, path, problems);
    EstimateInput input;
    if (!reader.isObject()) return input;
    reader.rejectUnknown(keys::kEstimate);
    input.monthlyActiveUsers = reader.count("monthly_active_users");
    input.dailyActiveRatio = reader.ratio("daily_active_ratio");
    input.dailyActiveUsers = reader.count("daily_active_users");
    input.totalUsers = reader.count("total_users");
    input.secondsPerDay = reader.count("seconds_per_day");
    input.daysPerMonth = reader.number("days_per_month");
    input.secondsPerMonth = reader.count("seconds_per_month");
    input.daysPerYear = reader.number("days_per_year");
    if (auto units = reader.choice("units", kUnitSystemNames)) input.units = static_cast<UnitSystem>(*units);
    input.peakFactor = reader.number("peak_factor");
    input.cacheHotFraction = reader.ratio("cache_hot_fraction");
    input.storageUtilization = reader.ratio("storage_utilization");
    input.retention = reader.calendarSpan("retention");
    input.perServerQps = reader.count("per_server_qps");
    const UnitSystem units = input.units.value_or(UnitSystem::Decimal);
    reader.forEachElement("actions", [&](const Json& element, const std::string& elementPath) {
        input.actions.push_back(readAction(element, elementPath, units, problems));
    });
    reader.forEachElement("datasets", [&](const Json& element, const std::string& elementPath) {
        input.datasets.push_back(readDataset(element, elementPath, units, problems));
    });
    if (const Json* keys = reader.raw("keys")) {
        ObjectReader keyReader(*keys, reader.pathOf("keys"), problems);
        if (keyReader.isObject()) {
            keyReader.rejectUnknown(keys::kKeySpace);
            keyReader.require("alphabet", "the number of distinct characters, such as 62 or 64");
            keyReader.require("length", "characters per key, such as 7");
            keyReader.requireName("action", "the action whose objects need keys");
            input.keys = KeySpace{keyReader.number("alphabet").value_or(62.0), keyReader.integer("length").value_or(7),
                                  keyReader.string("action").value_or("")};
        }
    }
    if (const Json* popularity = reader.raw("key_popularity")) input.keyPopularity = readKeys(*popularity, reader.pathOf("key_popularity"), problems);
    input.cacheHitTarget = reader.ratio("cache_hit_target");
    input.shards = reader.integer("shards");
    if (auto sharding = reader.choice("sharding", kShardingNames)) input.sharding = static_cast<Sharding>(*sharding);
    return input;
}

}  // namespace headroom::model
