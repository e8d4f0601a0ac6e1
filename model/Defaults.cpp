// SPDX-License-Identifier: MIT
#include "model/Defaults.h"

#include <array>

namespace headroom::model {
namespace {

// REFERENCE.md C11: "m5.large (2 vCPU, 8 GiB) $0.096/h; m5.xlarge $0.192/h; c5.large $0.085/h;
// t3.medium $0.0416/h; m7g.large $0.0816/h" (2024–2026 snapshots of AWS list prices).
constexpr std::array kInstancePrices{
    InstancePrice{"c5.large", 0.085, 2},  InstancePrice{"m5.large", 0.096, 2},  InstancePrice{"m5.xlarge", 0.192, 4},
    InstancePrice{"m7g.large", 0.0816, 2}, InstancePrice{"t3.medium", 0.0416, 2},
};

constexpr std::array kReferenceValues{
    defaults::kSecondsPerDay,   defaults::kSecondsPerDayApprox, defaults::kSecondsPerMonthApprox, defaults::kDaysPerMonth,
    defaults::kDaysPerYear,     defaults::kBytesPerChar,        defaults::kPeakFactor,            defaults::kCacheHotFraction, defaults::kHotSetHitRatio,
    defaults::kStorageUtilization, defaults::kCacheGet,         defaults::kSqlQuery,              defaults::kDbCommit,
    defaults::kKafkaEndToEnd,   defaults::kCdnHit,              defaults::kDatacenterRoundTrip,   defaults::kDatabaseNodeTps,
    defaults::kLambdaPerRequest, defaults::kLambdaPerGbSecond,
    defaults::kHealthCheckInterval, defaults::kUnhealthyAfter, defaults::kHealthyAfter, defaults::kFailoverTime, defaults::kReplicationLag,
    defaults::kRetryAttempts, defaults::kRetryBase, defaults::kRetryCap, defaults::kRetryBudgetWindow,
    defaults::kBreakerFailureRate, defaults::kBreakerWindow, defaults::kBreakerMinCalls, defaults::kBreakerOpenFor,
    defaults::kBreakerHalfOpenCalls, defaults::kAutoscalePeriod, defaults::kScaleInAfter, defaults::kAutoscaleCooldown,
    defaults::kBootTime, defaults::kAutoscaleTarget, defaults::kAutoscaleTolerance, defaults::kDeployDrain, defaults::kMaxUnavailable,
    defaults::kMaxSurge,
};

}  // namespace

std::span<const InstancePrice> instancePrices() { return kInstancePrices; }

std::optional<InstancePrice> findInstancePrice(std::string_view type) {
    for (const auto& price : kInstancePrices)
        if (price.type == type) return price;
    return std::nullopt;
}

std::span<const ReferenceValue> referenceValues() { return kReferenceValues; }

}  // namespace headroom::model
