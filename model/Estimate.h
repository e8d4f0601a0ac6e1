// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/KeyPopularity.h"
#include "model/Operation.h"
#include "model/Units.h"

/// The scenario's `estimate` block: the back-of-envelope estimator's input (docs/format.md).
namespace headroom::model {

/// A rate given as a multiple of another action's: {"per": "view", "times": 0.005}.
struct RelativeRate {
    std::string per;
    double times = 1.0;
    friend bool operator==(const RelativeRate&, const RelativeRate&) = default;
};

/// Something users do, at a rate given one of three ways.
struct EstimateAction {
    std::string name;
    Operation kind = Operation::Write;
    std::optional<double> perUserPerDay;       ///< × daily active users
    std::optional<CountPerPeriod> rate;        ///< an absolute rate, "500M/month"
    std::optional<RelativeRate> relative;      ///< `rate` written as {"per", "times"}
    std::optional<Bytes> size;                 ///< per action: received for a write, sent for a read
    std::optional<Bytes> storedSize;           ///< bytes stored per action, when not `size` (+ media)
    std::optional<double> mediaRatio;          ///< fraction of actions that carry media
    std::optional<Bytes> mediaSize;            ///< bytes of media when they do
    std::optional<double> fanout;              ///< deliveries per action (a tweet to 10 followers' timelines)
    std::optional<double> perServerQps;        ///< capacity of one server for this action
    friend bool operator==(const EstimateAction&, const EstimateAction&) = default;
};

/// A static collection held in memory or on disk: {"name": "sellers", "count": "50K", "size": "255B"}.
struct EstimateDataset {
    std::string name;
    std::optional<double> count;
    std::optional<double> perUser;  ///< × total users
    std::optional<Bytes> size;      ///< per item
    friend bool operator==(const EstimateDataset&, const EstimateDataset&) = default;
};

/// Short keys for an action's objects (a URL shortener's base-64 keys).
struct KeySpace {
    double alphabet = 62.0;
    int length = 7;
    std::string action;  ///< whose objects need keys over the retention
    friend bool operator==(const KeySpace&, const KeySpace&) = default;
};

struct EstimateInput {
    std::optional<double> monthlyActiveUsers;
    std::optional<double> dailyActiveRatio;
    std::optional<double> dailyActiveUsers;
    std::optional<double> totalUsers;
    // conventions
    std::optional<double> secondsPerDay;
    std::optional<double> daysPerMonth;
    std::optional<double> secondsPerMonth;
    std::optional<double> daysPerYear;
    std::optional<UnitSystem> units;
    std::optional<double> peakFactor;
    std::optional<double> cacheHotFraction;
    std::optional<double> storageUtilization;
    std::optional<CalendarSpan> retention;
    std::optional<double> perServerQps;
    std::vector<EstimateAction> actions;
    std::vector<EstimateDataset> datasets;
    std::optional<KeySpace> keys;
    // Keys and popularity: a cache sized for a hit ratio, and the hottest shard.
    std::optional<Keys> keyPopularity;     ///< `key_popularity`: the keys reads ask for
    std::optional<double> cacheHitTarget;  ///< `cache_hit_target`: the hit ratio to size the cache for; absent: T13's 80 %
    std::optional<int> shards;             ///< `shards`: for the hottest shard's factor
    std::optional<Sharding> sharding;      ///< absent: hash
    friend bool operator==(const EstimateInput&, const EstimateInput&) = default;
};

}  // namespace headroom::model
