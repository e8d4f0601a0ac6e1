// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <span>
#include <string_view>

/// Every key of every object in a scenario file, in the order files are written: the one list
/// the reader accepts (anything else is "unknown key"), and the one list the JSON Schema
/// (docs/headroom-scenario.schema.json) and the format reference (docs/format.md) are checked
/// against. Component keys, which depend on the kind, are in ComponentKind.h.
namespace headroom::model::keys {

inline constexpr std::array<std::string_view, 13> kScenario{
    "$schema", "format", "version", "name", "description", "components", "links", "slo", "events", "run", "defaults", "estimate", "layout",
};
inline constexpr std::array<std::string_view, 3> kDistribution{"dist", "mean", "cv"};
inline constexpr std::array<std::string_view, 2> kServiceTimePerOperation{"read", "write"};
inline constexpr std::array<std::string_view, 9> kCall{"to", "probability", "class", "mode", "times", "request_size", "response_size",
                                                       "retry", "circuit_breaker"};
inline constexpr std::array<std::string_view, 4> kSpikeProfile{"shape", "at", "for", "factor"};
inline constexpr std::array<std::string_view, 4> kRampProfile{"shape", "from", "to", "over"};
inline constexpr std::array<std::string_view, 4> kDiurnalProfile{"shape", "period", "peak_at", "trough"};
inline constexpr std::array<std::string_view, 2> kStepsProfile{"shape", "steps"};
inline constexpr std::array<std::string_view, 2> kProfileStep{"at", "factor"};
inline constexpr std::array<std::string_view, 4> kCost{"instance_type", "per_instance_hour", "per_request", "per_gb_second"};
inline constexpr std::array<std::string_view, 2> kColdStart{"latency", "probability"};
inline constexpr std::array<std::string_view, 2> kConsumers{"component", "workers"};
inline constexpr std::array<std::string_view, 4> kLink{"from", "to", "latency", "bandwidth"};
inline constexpr std::array<std::string_view, 4> kSlo{"class", "percentile", "latency", "availability"};
inline constexpr std::array<std::string_view, 6> kRun{"duration", "warmup", "seed", "replications", "precision", "max_replications"};
inline constexpr std::array<std::string_view, 1> kDefaults{"link_latency"};
inline constexpr std::array<std::string_view, 2> kPosition{"x", "y"};
// Format version 2 (DESIGN.md, "Change over time").
inline constexpr std::array<std::string_view, 3> kHealthCheck{"interval", "unhealthy_after", "healthy_after"};
inline constexpr std::array<std::string_view, 8> kAutoscale{"metric", "target", "min", "max", "period", "boot_time", "cooldown", "scale_in_after"};
inline constexpr std::array<std::string_view, 7> kRetry{"attempts", "backoff", "base", "cap", "jitter", "on", "budget"};
// Format version 2 (DESIGN.md, "Keys and popularity").
inline constexpr std::array<std::string_view, 4> kKeys{"count", "popularity", "item_size", "write_share"};
inline constexpr std::array<std::string_view, 1> kZipfPopularity{"zipf"};
inline constexpr std::array<std::string_view, 5> kCircuitBreaker{"failure_rate", "window", "min_calls", "open_for", "half_open_calls"};
/// Every key of an event; which of them each fault kind takes is in ChangeOverTimeFormat.cpp.
inline constexpr std::array<std::string_view, 21> kFaultEvent{
    "at", "fault", "component", "instances", "for", "zone", "factor", "from", "to", "add", "shard", "warmup",
    "change", "strategy", "max_unavailable", "max_surge", "start_time", "drain", "service_time_factor", "canary_fraction", "canary_for",
};

inline constexpr std::array<std::string_view, 21> kEstimate{
    "monthly_active_users", "daily_active_ratio", "daily_active_users", "total_users",
    "seconds_per_day", "days_per_month", "seconds_per_month", "days_per_year", "units",
    "peak_factor", "cache_hot_fraction", "storage_utilization", "retention", "per_server_qps",
    "actions", "datasets", "keys", "key_popularity", "cache_hit_target", "shards", "sharding",
};
inline constexpr std::array<std::string_view, 10> kEstimateAction{
    "name", "kind", "per_user_per_day", "rate", "size", "stored_size", "media_ratio", "media_size", "fanout", "per_server_qps",
};
inline constexpr std::array<std::string_view, 2> kRelativeRate{"per", "times"};
inline constexpr std::array<std::string_view, 4> kEstimateDataset{"name", "count", "per_user", "size"};
inline constexpr std::array<std::string_view, 3> kKeySpace{"alphabet", "length", "action"};

/// An object of the format and where the schema describes it.
struct FormatObject {
    std::string_view schemaPointer;  ///< a JSON Pointer into the schema: "" is the file itself, "/$defs/call" a call
    std::span<const std::string_view> keys;
};

inline constexpr std::array<FormatObject, 29> kFormatObjects{{
    {"", kScenario},
    {"/$defs/distribution", kDistribution},
    {"/$defs/service_time_per_operation", kServiceTimePerOperation},
    {"/$defs/call", kCall},
    {"/$defs/spike_profile", kSpikeProfile},
    {"/$defs/ramp_profile", kRampProfile},
    {"/$defs/diurnal_profile", kDiurnalProfile},
    {"/$defs/steps_profile", kStepsProfile},
    {"/$defs/profile_step", kProfileStep},
    {"/$defs/cost", kCost},
    {"/$defs/cold_start", kColdStart},
    {"/$defs/consumers", kConsumers},
    {"/$defs/link", kLink},
    {"/$defs/slo", kSlo},
    {"/$defs/run", kRun},
    {"/$defs/defaults", kDefaults},
    {"/$defs/position", kPosition},
    {"/$defs/health_check", kHealthCheck},
    {"/$defs/autoscale", kAutoscale},
    {"/$defs/retry", kRetry},
    {"/$defs/circuit_breaker", kCircuitBreaker},
    {"/$defs/keys", kKeys},
    {"/$defs/zipf_popularity", kZipfPopularity},
    {"/$defs/fault_event", kFaultEvent},
    {"/$defs/estimate", kEstimate},
    {"/$defs/estimate_action", kEstimateAction},
    {"/$defs/relative_rate", kRelativeRate},
    {"/$defs/estimate_dataset", kEstimateDataset},
    {"/$defs/key_space", kKeySpace},
}};

}  // namespace headroom::model::keys
