// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string_view>

/// Every default number Headroom ships, each with the row id of ../shared/REFERENCE.md it comes
/// from (copied into docs/reference.md). Code names the constant, never the bare number.
namespace headroom::model {

/// One row of the reference table.
struct ReferenceValue {
    std::string_view id;      ///< "T01"
    double value = 0.0;       ///< in SI base units (seconds, bytes, …) or as a plain factor
    std::string_view unit;    ///< "s", "1/s", "USD", "" for a factor
    std::string_view what;    ///< "seconds per day"
    std::string_view source;  ///< short citation
};

namespace defaults {
// Conventions of back-of-envelope estimates (REFERENCE.md 1.1).
inline constexpr ReferenceValue kSecondsPerDay{"T01", 86'400.0, "s", "seconds per day (exact)", "Xu & Lam, System Design Interview Vol.2 (2022), ch.1"};
inline constexpr ReferenceValue kSecondsPerDayApprox{"T02", 100'000.0, "s", "seconds per day (interview approximation)", "Xu & Lam Vol.2 (2022), ch.1; Design Gurus estimation cheat sheet (2026)"};
inline constexpr ReferenceValue kSecondsPerMonthApprox{"T03", 2'500'000.0, "s", "seconds per month (system-design-primer)", "donnemartin/system-design-primer, \"Handy conversion guide\" (2017)"};
inline constexpr ReferenceValue kDaysPerMonth{"T05", 30.0, "d", "days per month", "Grokking \"Designing a URL Shortening service\"; Xu Vol.1 ch.9"};
inline constexpr ReferenceValue kDaysPerYear{"T06", 365.0, "d", "days per year", "Xu Vol.1 (30 TB * 365 * 5); Grokking (400GB * 365 * 10)"};
inline constexpr ReferenceValue kBytesPerChar{"T09", 1.0, "B", "bytes per ASCII character", "Xu Vol.1 ch.2"};
inline constexpr ReferenceValue kPeakFactor{"T11", 2.0, "", "peak load as a multiple of the average", "Xu Vol.1 ch.2 \"Peek QPS = 2 * QPS\""};
inline constexpr ReferenceValue kCacheHotFraction{"T13", 0.2, "", "hot fraction of daily reads to cache (80/20 rule)", "Grokking TinyURL \"0.2 * 1.7 billion * 500 bytes\""};
/// The same rule read the other way: a cache holding the hot 20 % answers 80 % of reads. A new cache
/// or CDN on the canvas starts with it.
inline constexpr ReferenceValue kHotSetHitRatio{"T13", 0.8, "", "share of reads a cache of the hot 20 % answers (80/20 rule)", "Grokking TinyURL \"20% of URLs generate 80% of traffic\""};
inline constexpr ReferenceValue kStorageUtilization{"T14", 0.7, "", "fill ratio storage is provisioned for", "Grokking Pastebin \"70% capacity model\""};

// Per-operation latencies (REFERENCE.md 1.3), for components that give no service_time.
inline constexpr ReferenceValue kCacheGet{"O01", 200e-6, "s", "Redis/Memcached GET on a 1 Gbit/s LAN", "redis.io \"Diagnosing latency issues\""};
inline constexpr ReferenceValue kSqlQuery{"O05", 1.20e-3, "s", "SQL query, production mean including network", "Stack Overflow architecture, 2016 edition"};
inline constexpr ReferenceValue kDbCommit{"O06", 1.0e-3, "s", "PostgreSQL commit / database insert", "ByteByteGo latency numbers (2024)"};
inline constexpr ReferenceValue kKafkaEndToEnd{"O11", 2.0e-3, "s", "Kafka produce-to-consume latency, median", "LinkedIn Kafka benchmark (2014)"};
inline constexpr ReferenceValue kCdnHit{"O15", 80e-3, "s", "CDN edge cache hit, server side", "Netlify support answer (~2020)"};
inline constexpr ReferenceValue kDatacenterRoundTrip{"L10", 500e-6, "s", "round trip within a datacenter", "Jeff Dean, LADIS 2009; Bonér 2012"};

// Capacity (REFERENCE.md 1.4).
inline constexpr ReferenceValue kDatabaseNodeTps{"R11", 1000.0, "1/s", "transactions per second of one relational database node", "Xu & Lam Vol.2 ch.12"};

// Prices (REFERENCE.md 1.6, volatile: dated in docs/reference.md).
inline constexpr ReferenceValue kLambdaPerRequest{"C01", 0.20e-6, "USD", "AWS Lambda price per request", "AWS whitepaper \"How AWS Pricing Works\""};
inline constexpr ReferenceValue kLambdaPerGbSecond{"C02", 0.0000166667, "USD", "AWS Lambda price per GB-second (x86)", "AWS whitepaper \"How AWS Pricing Works\""};

// Faults, recovery and retries (REFERENCE.md 1.7), for format version 2.
inline constexpr ReferenceValue kHealthCheckInterval{"F01", 30.0, "s", "load-balancer health check interval", "AWS ELB ALB guide, \"Health checks for your target groups\""};
inline constexpr ReferenceValue kUnhealthyAfter{"F01", 2.0, "", "failed health checks before a target is taken out", "AWS ELB ALB guide, \"Health checks for your target groups\""};
inline constexpr ReferenceValue kHealthyAfter{"F01", 5.0, "", "passed health checks before a target is taken back", "AWS ELB ALB guide, \"Health checks for your target groups\""};
inline constexpr ReferenceValue kFailoverTime{"F03", 60.0, "s", "database failover time (RDS Multi-AZ DB instance)", "docs.aws.amazon.com RDS Multi-AZ failover"};
inline constexpr ReferenceValue kReplicationLag{"F04", 0.1, "s", "replica lag (Aurora: \"usually much less than 100 ms\")", "docs.aws.amazon.com Aurora.Replication"};
inline constexpr ReferenceValue kRetryAttempts{"F06", 3.0, "", "retry attempts in all (SDK standard mode)", "AWS SDKs and Tools reference, \"Retry behavior\""};
inline constexpr ReferenceValue kRetryBase{"F06", 0.1, "s", "retry backoff base (SDK standard mode)", "AWS SDKs and Tools reference, \"Retry behavior\""};
inline constexpr ReferenceValue kRetryCap{"F06", 20.0, "s", "retry backoff cap (SDK standard mode)", "AWS SDKs and Tools reference, \"Retry behavior\""};
inline constexpr ReferenceValue kRetryBudgetWindow{"F07", 10.0, "s", "window a retry budget counts over", "twitter/finagle RetryBudget (10 s TTL)"};
inline constexpr ReferenceValue kBreakerFailureRate{"F08", 0.5, "", "circuit breaker failure-rate threshold", "resilience4j CircuitBreakerConfig defaults"};
inline constexpr ReferenceValue kBreakerWindow{"F08", 100.0, "", "circuit breaker sliding window, calls", "resilience4j CircuitBreakerConfig defaults"};
inline constexpr ReferenceValue kBreakerMinCalls{"F08", 20.0, "", "calls before a circuit breaker may open", "Hystrix requestVolumeThreshold"};
inline constexpr ReferenceValue kBreakerOpenFor{"F08", 60.0, "s", "time a circuit breaker stays open", "resilience4j CircuitBreakerConfig defaults"};
inline constexpr ReferenceValue kBreakerHalfOpenCalls{"F08", 10.0, "", "trial calls of a half-open circuit breaker", "resilience4j CircuitBreakerConfig defaults"};
inline constexpr ReferenceValue kAutoscalePeriod{"F10", 60.0, "s", "autoscaling evaluation period (the AWS one-minute metric)", "kubernetes.io HorizontalPodAutoscaler; AWS one-minute metrics"};
inline constexpr ReferenceValue kAutoscaleTolerance{"F10", 0.1, "", "autoscaling tolerance: no change while metric ÷ target is within 1 ± this", "kubernetes.io HorizontalPodAutoscaler"};
inline constexpr ReferenceValue kScaleInAfter{"F10", 300.0, "s", "time the desired count stays lower before a scale-in (HPA scale-down stabilization)", "kubernetes.io HorizontalPodAutoscaler"};
inline constexpr ReferenceValue kAutoscaleCooldown{"F11", 300.0, "s", "autoscaling cooldown after a scale-out", "docs.aws.amazon.com EC2 Auto Scaling, Cooldown"};
inline constexpr ReferenceValue kBootTime{"F12", 90.0, "s", "instance launch until it takes traffic (boot ~29 s + application start, an assumption)", "daemonology.net EC2 boot time benchmarking (2021)"};
inline constexpr ReferenceValue kDeployDrain{"F02", 300.0, "s", "a deploy's drain: an old instance's time to finish its requests (ELB deregistration delay)", "AWS ELB target group attributes"};
inline constexpr ReferenceValue kMaxUnavailable{"F14", 0.25, "", "rolling update: share of instances that may be out at once (rounded down)", "Kubernetes RollingUpdateDeployment"};
inline constexpr ReferenceValue kMaxSurge{"F14", 0.25, "", "rolling update: share of instances that may run above the count (rounded up)", "Kubernetes RollingUpdateDeployment"};
inline constexpr ReferenceValue kAutoscaleTarget{"F13", 0.6, "", "autoscaling CPU target", "Breakscale 0.7, Server Survival 70 %; 0.6 leaves room for a boot time of growth"};
}  // namespace defaults

/// A cache_flush's warm-up when the event gives none: DESIGN.md's stated stand-in ("its hit ratio
/// rises linearly over 60 s") until caches have a key model (issue 20); not a measurement.
inline constexpr double kCacheFlushWarmupSeconds = 60.0;

/// An on-demand EC2 instance type with its hourly price (REFERENCE.md C11, us-east-1, Linux).
struct InstancePrice {
    std::string_view type;
    double perHour = 0.0;  ///< USD
    int vcpus = 0;
};

[[nodiscard]] std::span<const InstancePrice> instancePrices();
[[nodiscard]] std::optional<InstancePrice> findInstancePrice(std::string_view type);
inline constexpr std::string_view kInstancePriceId = "C11";

/// Every row above, for `headroom-cli defaults` and the docs.
[[nodiscard]] std::span<const ReferenceValue> referenceValues();

}  // namespace headroom::model
