// SPDX-License-Identifier: MIT
#include <functional>
#include <map>
#include <vector>

#include "model/JsonReader.h"
#include "model/KeysFormat.h"
#include "model/RangeCheck.h"
#include "model/Suggest.h"
#include "model/Validation.h"

namespace headroom::model {
namespace {

void checkUsers(const EstimateInput& input, const std::string& path, Problems& problems) {
    check::positive(problems, path, ".monthly_active_users", input.monthlyActiveUsers);
    check::positive(problems, path, ".daily_active_users", input.dailyActiveUsers);
    check::positive(problems, path, ".total_users", input.totalUsers);
    if (input.dailyActiveRatio && !(*input.dailyActiveRatio > 0.0 && *input.dailyActiveRatio <= 1.0))
        problems.push_back({childPath(path, "daily_active_ratio"), "must be more than 0 and at most 1, got " + check::show(*input.dailyActiveRatio)});
    if (input.dailyActiveUsers && input.monthlyActiveUsers)
        problems.push_back({childPath(path, "daily_active_users"),
                            "give \"daily_active_users\", or \"monthly_active_users\" with \"daily_active_ratio\", not both"});
    if (input.dailyActiveRatio && !input.monthlyActiveUsers)
        problems.push_back({childPath(path, "daily_active_ratio"), "applies to \"monthly_active_users\", which is missing"});
    if (input.monthlyActiveUsers && !input.dailyActiveRatio)
        problems.push_back({childPath(path, "daily_active_ratio"),
                            "missing: the fraction of monthly users active on a day, such as 0.5, turns monthly users into daily ones"});
}

void checkConventions(const EstimateInput& input, const std::string& path, Problems& problems) {
    check::within(problems, path, ".seconds_per_day", input.secondsPerDay, 1.0, 1e6);
    check::within(problems, path, ".days_per_month", input.daysPerMonth, 1.0, 31.0);
    check::within(problems, path, ".seconds_per_month", input.secondsPerMonth, 1.0, 1e8);
    check::within(problems, path, ".days_per_year", input.daysPerYear, 1.0, 366.0);
    check::within(problems, path, ".peak_factor", input.peakFactor, 1.0, 1000.0);
    if (input.cacheHotFraction && !(*input.cacheHotFraction > 0.0 && *input.cacheHotFraction <= 1.0))
        problems.push_back({childPath(path, "cache_hot_fraction"), "must be more than 0 and at most 1, got " + check::show(*input.cacheHotFraction)});
    if (input.storageUtilization && !(*input.storageUtilization > 0.0 && *input.storageUtilization <= 1.0))
        problems.push_back({childPath(path, "storage_utilization"), "must be more than 0 and at most 1, got " + check::show(*input.storageUtilization)});
    if (input.retention && !(input.retention->count > 0.0 && input.retention->count <= 1e6))
        problems.push_back({childPath(path, "retention"), "must be more than zero and at most 1000000, got " + exactCalendarSpan(*input.retention)});
    check::positive(problems, path, ".per_server_qps", input.perServerQps);
    if (input.keyPopularity) validateKeys(*input.keyPopularity, childPath(path, "key_popularity"), problems);
    if (input.cacheHitTarget && !(*input.cacheHitTarget > 0.0 && *input.cacheHitTarget < 1.0))
        problems.push_back({childPath(path, "cache_hit_target"), "must be more than 0 and below 1, got " + check::show(*input.cacheHitTarget)});
    check::within(problems, path, ".shards", input.shards, 1.0, 100000.0);
    for (const auto& [present, key] : {std::pair{input.cacheHitTarget.has_value(), "cache_hit_target"}, {input.shards.has_value(), "shards"},
                                       {input.sharding.has_value(), "sharding"}})
        if (present && !input.keyPopularity)
            problems.push_back({childPath(path, key), std::string(key) + " needs \"key_popularity\": how many keys reads ask for, and how popular each is"});
    if (input.keyPopularity && !input.keyPopularity->itemSize && !input.shards)
        problems.push_back({childPath(path, "key_popularity.item_size"), "missing: the cache's memory is its values × item_size; give item_size, such as \"500B\""});
}

void checkActions(const EstimateInput& input, const std::string& path, Problems& problems) {
    const std::string actionsPath = childPath(path, "actions");
    std::map<std::string, std::size_t, std::less<>> byName;
    std::vector<std::string_view> names;
    for (std::size_t i = 0; i < input.actions.size(); ++i) {
        const auto& name = input.actions[i].name;
        if (name.empty()) continue;
        if (auto [it, inserted] = byName.emplace(name, i); !inserted)
            problems.push_back({indexPath(actionsPath, i) + ".name", "duplicate action \"" + name + "\" (also " + indexPath(actionsPath, it->second) + ")"});
        names.push_back(name);
    }
    const bool hasDailyUsers = input.dailyActiveUsers || input.monthlyActiveUsers;
    for (std::size_t i = 0; i < input.actions.size(); ++i) {
        const EstimateAction& action = input.actions[i];
        const std::string at = indexPath(actionsPath, i);
        const int rates = int(action.perUserPerDay.has_value()) + int(action.rate.has_value()) + int(action.relative.has_value());
        if (rates == 0)
            problems.push_back({at + ".rate", "missing: give \"per_user_per_day\", a \"rate\" such as \"500M/month\", or "
                                              "a \"rate\" relative to another action such as {\"per\": \"post\", \"times\": 100}"});
        if (rates > 1) problems.push_back({at + ".per_user_per_day", "give one of \"per_user_per_day\" and \"rate\", not both"});
        check::positive(problems, at, ".per_user_per_day", action.perUserPerDay);
        if (action.perUserPerDay && !hasDailyUsers)
            problems.push_back({at + ".per_user_per_day", "needs daily users: set \"daily_active_users\" or \"monthly_active_users\""});
        if (action.rate && !(action.rate->count > 0.0))
            problems.push_back({at + ".rate", "must be more than zero, got " + exactCountPerPeriod(*action.rate)});
        if (action.relative) {
            check::positive(problems, at, ".rate.times", std::optional(action.relative->times));
            if (!action.relative->per.empty() && !byName.contains(action.relative->per))
                problems.push_back({at + ".rate.per", "there is no action \"" + action.relative->per + "\"" + didYouMean(action.relative->per, names)});
            else if (action.relative->per == action.name)
                problems.push_back({at + ".rate.per", "an action's rate cannot be a multiple of itself"});
        }
        check::notNegative(problems, at, ".size", action.size);
        check::notNegative(problems, at, ".stored_size", action.storedSize);
        check::fraction(problems, at, ".media_ratio", action.mediaRatio);
        check::notNegative(problems, at, ".media_size", action.mediaSize);
        if (action.mediaRatio.has_value() != action.mediaSize.has_value())
            problems.push_back({at + (action.mediaRatio ? ".media_size" : ".media_ratio"),
                                "missing: \"media_ratio\" and \"media_size\" go together"});
        check::notNegative(problems, at, ".fanout", action.fanout);
        check::positive(problems, at, ".per_server_qps", action.perServerQps);
    }
    // A chain of relative rates that comes back to where it started has no base rate. Each
    // action names at most one other, so one walk with three colours finds every circle.
    enum class Mark { New, Walking, Done };
    std::vector<Mark> marks(input.actions.size(), Mark::New);
    for (std::size_t start = 0; start < input.actions.size(); ++start) {
        std::vector<std::size_t> walk;
        std::size_t current = start;
        bool circle = false;
        while (marks[current] == Mark::New) {
            marks[current] = Mark::Walking;
            walk.push_back(current);
            const auto& relative = input.actions[current].relative;
            const auto next = relative ? byName.find(relative->per) : byName.end();
            if (next == byName.end() || next->second == current) break;
            current = next->second;
            circle = marks[current] == Mark::Walking;
        }
        if (circle)
            problems.push_back({indexPath(actionsPath, current) + ".rate.per",
                                "relative rates go round in a circle back to \"" + input.actions[current].name + "\": one of them needs its own rate"});
        for (std::size_t index : walk) marks[index] = Mark::Done;
    }
    if (input.keys) {
        const std::string keysPath = childPath(path, "keys");
        check::within(problems, keysPath, ".alphabet", std::optional(input.keys->alphabet), 2.0, 1e6);
        check::within(problems, keysPath, ".length", std::optional(input.keys->length), 1, 64);
        if (!input.keys->action.empty() && !byName.contains(input.keys->action))
            problems.push_back({keysPath + ".action", "there is no action \"" + input.keys->action + "\"" + didYouMean(input.keys->action, names)});
    }
}

void checkDatasets(const EstimateInput& input, const std::string& path, Problems& problems) {
    const std::string datasetsPath = childPath(path, "datasets");
    std::map<std::string, std::size_t, std::less<>> byName;
    for (std::size_t i = 0; i < input.datasets.size(); ++i) {
        const EstimateDataset& dataset = input.datasets[i];
        const std::string at = indexPath(datasetsPath, i);
        if (!dataset.name.empty())
            if (auto [it, inserted] = byName.emplace(dataset.name, i); !inserted)
                problems.push_back({at + ".name", "duplicate dataset \"" + dataset.name + "\" (also " + indexPath(datasetsPath, it->second) + ")"});
        if (dataset.count.has_value() == dataset.perUser.has_value())
            problems.push_back({at + ".count", dataset.count ? "give \"count\" or \"per_user\", not both"
                                                             : "missing: give a \"count\" such as \"50K\", or \"per_user\""});
        if (dataset.perUser && !input.totalUsers)
            problems.push_back({at + ".per_user", "needs \"total_users\" in the estimate block"});
        check::notNegative(problems, at, ".count", dataset.count);
        check::notNegative(problems, at, ".per_user", dataset.perUser);
        check::notNegative(problems, at, ".size", dataset.size);
    }
}

}  // namespace

void validateEstimate(const EstimateInput& input, const std::string& path, Problems& problems) {
    checkUsers(input, path, problems);
    checkConventions(input, path, problems);
    checkActions(input, path, problems);
    checkDatasets(input, path, problems);
}

}  // namespace headroom::model
