// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/Units.h"

/// Format version 2's resilience and fault keys (DESIGN.md, "Change over time"), as typed values.
/// Like the rest of the scenario, what the file leaves out stays absent: the engines apply the
/// defaults of REFERENCE.md section 1.7 (Defaults.h, F rows).
namespace headroom::model {

/// A load balancer's health check of its targets (F01).
struct HealthCheck {
    std::optional<Seconds> interval;
    std::optional<int> unhealthyAfter;  ///< failed checks in a row before a target is taken out
    std::optional<int> healthyAfter;    ///< passed checks in a row before it is taken back
    friend bool operator==(const HealthCheck&, const HealthCheck&) = default;
};

/// What a target-tracking autoscaler measures per running instance.
enum class AutoscaleMetric { Cpu, Workers, QueueLength, RatePerInstance };

/// Target tracking on a service or gateway (F10–F13): every `period`, desired = ceil(running ×
/// metric / target), clamped to [min, max]; a new instance takes traffic after `bootTime` and
/// costs from its launch; no scale-out within `cooldown` of the last; scale-in only after the
/// desired count has stayed lower for `scaleInAfter`. Absent values take the F rows' defaults.
struct Autoscale {
    std::optional<AutoscaleMetric> metric;  ///< cpu when absent
    /// The metric's level to hold: a fraction for cpu and workers, requests waiting per instance
    /// for queue_length, requests per second per instance for rate_per_instance.
    std::optional<double> target;
    std::optional<int> min;  ///< absent: the component's instances
    std::optional<int> max;  ///< required
    std::optional<Seconds> period;
    std::optional<Seconds> bootTime;
    std::optional<Seconds> cooldown;
    std::optional<Seconds> scaleInAfter;
    friend bool operator==(const Autoscale&, const Autoscale&) = default;
};

enum class Backoff { None, Constant, Exponential };
enum class Jitter { None, Full, Equal, Decorrelated };
/// What makes an attempt worth another.
enum class RetryOn { Timeout, Error, Rejected };

/// How a caller retries a call (on a call) or a whole request (on a client), F05–F07.
struct RetryPolicy {
    std::optional<int> attempts;  ///< the first try included
    std::optional<Backoff> backoff;
    std::optional<Seconds> base;
    std::optional<Seconds> cap;
    std::optional<Jitter> jitter;
    std::optional<std::vector<RetryOn>> on;
    std::optional<double> budget;  ///< retries at most this fraction of first tries; absent: unlimited
    friend bool operator==(const RetryPolicy&, const RetryPolicy&) = default;
};

/// A circuit breaker on a call (F08): closed → open when the failure rate over the last
/// `window` calls (once `minCalls` were made) reaches `failureRate`; open fails calls at once
/// for `openFor`; then `halfOpenCalls` trial calls decide between closed and open again.
struct CircuitBreaker {
    std::optional<double> failureRate;
    std::optional<int> window;
    std::optional<int> minCalls;
    std::optional<Seconds> openFor;
    std::optional<int> halfOpenCalls;
    friend bool operator==(const CircuitBreaker&, const CircuitBreaker&) = default;
};

enum class FaultKind { Crash, Hang, ZoneOutage, Slowdown, Latency, PrimaryLoss, CacheFlush };
/// A change an operator makes, as opposed to a fault: a deployment or a manual resize.
enum class ChangeKind { Deploy, Scale };
enum class DeployStrategy { Rolling, BlueGreen, Canary };

/// A number of instances, or a share of them ("25%"): a rolling deploy's max_unavailable and
/// max_surge (F14). A share is counted as Kubernetes does: unavailable rounds down, surge up.
struct InstanceShare {
    double value = 0.0;    ///< a count, or a fraction when `share`
    bool share = false;
    friend bool operator==(const InstanceShare&, const InstanceShare&) = default;
};

/// One timed fault or change of the `events` list. Which fields a kind takes is in
/// ChangeOverTimeFormat.cpp; the reader reports a field on the wrong kind.
struct FaultEvent {
    Seconds at;
    /// Set for a change (`"change": "deploy"`); `fault` is then not read.
    std::optional<ChangeKind> change;
    FaultKind fault = FaultKind::Crash;
    std::optional<std::string> component;  ///< crash, hang, slowdown, primary_loss, cache_flush
    std::optional<int> instances;          ///< crash, hang: how many; absent = 1
    std::optional<Seconds> duration;       ///< "for"; absent = until the end of the run
    std::optional<std::string> zone;       ///< zone_outage
    std::optional<double> factor;          ///< slowdown: service times × factor
    std::optional<std::string> from;       ///< latency: between these two components
    std::optional<std::string> to;
    std::optional<Seconds> add;            ///< latency: added to each crossing, each way
    std::optional<int> shard;              ///< primary_loss: absent = every shard
    std::optional<Seconds> warmup;         ///< cache_flush: time for the hit ratio to climb back
    // A deploy (its component is `component`; a scale's count is `instances`):
    std::optional<DeployStrategy> strategy;        ///< rolling when absent
    std::optional<InstanceShare> maxUnavailable;   ///< rolling, canary: 25 % when absent (F14)
    std::optional<InstanceShare> maxSurge;         ///< rolling, canary: 25 % when absent (F14)
    std::optional<Seconds> startTime;              ///< launch until a new instance takes traffic
    std::optional<Seconds> drain;                  ///< an old instance's time to finish its requests
    std::optional<double> serviceTimeFactor;       ///< the new version's service times × this
    std::optional<double> canaryFraction;          ///< canary: the share of traffic its one new instance takes
    std::optional<Seconds> canaryFor;              ///< canary: how long, before it rolls
    [[nodiscard]] bool isChange() const { return change.has_value(); }
    friend bool operator==(const FaultEvent&, const FaultEvent&) = default;
};

}  // namespace headroom::model
