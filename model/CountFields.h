// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace headroom::model {

/// A whole-number field of a component: the values validation accepts and what the engines take
/// when the file is silent. The upper bounds keep a typo ("instances": 4000000000) from turning
/// into an engine that allocates for billions of servers; each is far beyond any real deployment
/// of one component.
struct CountField {
    std::string_view name;
    double minimum;
    double maximum;
    std::optional<int> whenAbsent;  ///< none: absent means unbounded, or the field is required
};

inline constexpr CountField kInstancesField{"instances", 1, 100'000, 1};
inline constexpr CountField kCoresField{"cores", 1, 4'096, 1};
inline constexpr CountField kWorkersField{"workers", 1, 1'000'000, std::nullopt};
inline constexpr CountField kQueueCapacityField{"queue_capacity", 0, 1e9, std::nullopt};
inline constexpr CountField kConcurrencyField{"concurrency", 1, 1'000'000, 1};
inline constexpr CountField kShardsField{"shards", 1, 100'000, 1};
inline constexpr CountField kReplicasField{"replicas", 0, 1'000, 0};
inline constexpr CountField kPartitionsField{"partitions", 1, 100'000, std::nullopt};
inline constexpr CountField kUsersField{"users", 1, 10'000'000, std::nullopt};
/// A run's `replications`; absent, the simulator's default (docs/engines.md).
inline constexpr CountField kReplicationsField{"replications", 1, 1'000, std::nullopt};
/// A call's `times`: how many calls one request makes.
inline constexpr CountField kCallTimesField{"times", 1, 10'000, 1};

/// The count field of that name, if it is one.
[[nodiscard]] std::optional<CountField> countField(std::string_view name);

}  // namespace headroom::model
