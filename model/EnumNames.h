// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <string_view>

/// How each enum of the scenario is spelled in the file, indexed by the enum's value. The reader
/// and the writer both use these, so a name cannot be read one way and written another.
namespace headroom::model {

inline constexpr std::array<std::string_view, 3> kDistributionNames{"exponential", "constant", "lognormal"};
inline constexpr std::array<std::string_view, 2> kCallModeNames{"sync", "async"};
inline constexpr std::array<std::string_view, 4> kAutoscaleMetricNames{"cpu", "workers", "queue_length", "rate_per_instance"};
inline constexpr std::array<std::string_view, 4> kProfileShapeNames{"spike", "ramp", "diurnal", "steps"};
inline constexpr std::array<std::string_view, 2> kArrivalNames{"poisson", "constant"};
inline constexpr std::array<std::string_view, 2> kOperationNames{"read", "write"};
inline constexpr std::array<std::string_view, 7> kLbAlgorithmNames{
    "round_robin", "weighted_round_robin", "random", "least_connections", "power_of_two", "hash", "least_response_time",
};
inline constexpr std::array<std::string_view, 3> kReadFromNames{"primary", "replicas", "any"};
inline constexpr std::array<std::string_view, 5> kEvictionNames{"lru", "lfu", "fifo", "random", "ttl"};
inline constexpr std::array<std::string_view, 2> kCacheWritesNames{"invalidate", "write_through"};
inline constexpr std::array<std::string_view, 2> kShardingNames{"hash", "range"};
inline constexpr std::array<std::string_view, 2> kUnitSystemNames{"decimal", "binary"};
inline constexpr std::array<std::string_view, 3> kBackoffNames{"none", "constant", "exponential"};
inline constexpr std::array<std::string_view, 4> kJitterNames{"none", "full", "equal", "decorrelated"};
inline constexpr std::array<std::string_view, 3> kRetryOnNames{"timeout", "error", "rejected"};
inline constexpr std::array<std::string_view, 7> kFaultKindNames{
    "crash", "hang", "zone_outage", "slowdown", "latency", "primary_loss", "cache_flush",
};
inline constexpr std::array<std::string_view, 2> kChangeKindNames{"deploy", "scale"};
inline constexpr std::array<std::string_view, 3> kDeployStrategyNames{"rolling", "blue_green", "canary"};
inline constexpr std::array<std::string_view, 5> kPrecisionStatisticNames{"mean", "p50", "p95", "p99", "p999"};

template <class Enum, std::size_t N>
[[nodiscard]] constexpr std::string_view nameOf(const std::array<std::string_view, N>& names, Enum value) {
    return names[static_cast<std::size_t>(value)];
}

}  // namespace headroom::model
