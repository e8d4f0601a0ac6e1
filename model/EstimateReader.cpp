// SPDX-License-Identifier: MIT
#include <array>

#include "model/EnumNames.h"
#include "model/ScenarioReader.h"

namespace headroom::model {
namespace {

EstimateAction readAction(const Json& value, const std::string& path, UnitSystem units, Problems& problems) {
    ObjectReader reader(value, path, problems);
    static constexpr std::array<std::string_view, 10> kKeys{
        "name", "kind", "per_user_per_day", "rate", "size", "stored_size", "media_ratio", "media_size", "fanout", "per_server_qps",
    };
    reader.rejectUnknown(kKeys);
    reader.require("name", "every action has a name");
    reader.require("kind", "read or write");
    EstimateAction action;
    action.name = reader.string("name").value_or("");
    if (auto kind = reader.choice("kind", kOperationNames)) action.kind = static_cast<Operation>(*kind);
    action.perUserPerDay = reader.count("per_user_per_day");
    if (const Json* rate = reader.raw("rate"); rate && rate->is_object()) {
        ObjectReader relative(*rate, reader.pathOf("rate"), problems);
        static constexpr std::array<std::string_view, 2> kRelativeKeys{"per", "times"};
        relative.rejectUnknown(kRelativeKeys);
        relative.require("per", "the name of the action this rate is a multiple of");
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
    static constexpr std::array<std::string_view, 4> kKeys{"name", "count", "per_user", "size"};
    reader.rejectUnknown(kKeys);
    reader.require("name", "every dataset has a name");
    return EstimateDataset{reader.string("name").value_or(""), reader.count("count"), reader.count("per_user"),
                           reader.size("size", units)};
}

}  // namespace

EstimateInput readEstimate(const Json& block, const std::string& path, Problems& problems) {
    ObjectReader reader(block, path, problems);
    EstimateInput input;
    if (!reader.isObject()) return input;
    static constexpr std::array<std::string_view, 17> kKeys{
        "monthly_active_users", "daily_active_ratio", "daily_active_users", "total_users",
        "seconds_per_day", "days_per_month", "seconds_per_month", "days_per_year", "units",
        "peak_factor", "cache_hot_fraction", "storage_utilization", "retention", "per_server_qps",
        "actions", "datasets", "keys",
    };
    reader.rejectUnknown(kKeys);
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
            static constexpr std::array<std::string_view, 3> kKeyKeys{"alphabet", "length", "action"};
            keyReader.rejectUnknown(kKeyKeys);
            keyReader.require("alphabet", "the number of distinct characters, such as 62 or 64");
            keyReader.require("length", "characters per key, such as 7");
            keyReader.require("action", "the action whose objects need keys");
            input.keys = KeySpace{keyReader.number("alphabet").value_or(62.0), keyReader.integer("length").value_or(7),
                                  keyReader.string("action").value_or("")};
        }
    }
    return input;
}

}  // namespace headroom::model
