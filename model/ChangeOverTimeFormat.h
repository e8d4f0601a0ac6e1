// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "model/JsonReader.h"
#include "model/Problem.h"
#include "model/Scenario.h"

/// Reading, writing and checking format version 2's resilience and fault keys: the one place that
/// knows how `retry`, `circuit_breaker`, `health_check` and the `events` list are spelled and
/// what each fault kind takes. ScenarioReader, ScenarioWriter and Validation call it.
namespace headroom::model {

[[nodiscard]] std::optional<RetryPolicy> readRetryPolicy(const Json& value, const std::string& path, Problems& problems);
[[nodiscard]] std::optional<CircuitBreaker> readCircuitBreaker(const Json& value, const std::string& path, Problems& problems);
[[nodiscard]] std::optional<HealthCheck> readHealthCheck(const Json& value, const std::string& path, Problems& problems);
/// `target` is a number, or for rate_per_instance a rate ("100/s") kept per second.
[[nodiscard]] std::optional<Autoscale> readAutoscale(const Json& value, const std::string& path, Problems& problems);
/// Reads the `zones` list of a component.
[[nodiscard]] std::optional<std::vector<std::string>> readZones(const Json& value, const std::string& path, Problems& problems);
/// One element of `events`; none when it cannot be read as an event at all.
[[nodiscard]] std::optional<FaultEvent> readFaultEvent(const Json& value, const std::string& path, Problems& problems);

[[nodiscard]] Json toJson(const RetryPolicy& retry);
[[nodiscard]] Json toJson(const CircuitBreaker& breaker);
[[nodiscard]] Json toJson(const HealthCheck& check);
[[nodiscard]] Json toJson(const Autoscale& autoscale);
[[nodiscard]] Json toJson(const FaultEvent& event);

/// Every problem of the version-2 keys: ranges, a retry on an async call, a zone nobody uses,
/// an event naming a missing component or one of the wrong kind, in file order.
void validateChangeOverTime(const Scenario& scenario, Problems& problems);

/// The keys an event of its kind takes, in the order they are written ("at", "fault",
/// "component", …; "at", "change", "component", "strategy", …).
[[nodiscard]] std::span<const std::string_view> eventKeys(const FaultEvent& event);

/// Whether a deploy or a scale may change a component of `kind` (one with instances of its own:
/// not a client, a function or a database).
[[nodiscard]] bool takesChanges(ComponentKind kind);

/// "crash", "deploy": the event's kind as the file names it.
[[nodiscard]] std::string_view kindName(const FaultEvent& event);

/// "crash of api ×1 at 1min", "zone_outage of zone a at 30s", "rolling deploy of api at 5min",
/// "scale of api to 6 at 2min": an event as a person names it.
[[nodiscard]] std::string describe(const FaultEvent& event);

}  // namespace headroom::model
