// SPDX-License-Identifier: MIT
#include "model/ChangeOverTimeFormat.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "model/CountFields.h"
#include "model/EnumNames.h"
#include "model/FormatKeys.h"
#include "model/JsonWrite.h"
#include "model/RangeCheck.h"
#include "model/Suggest.h"
#include "model/UnitFormat.h"

namespace headroom::model {
namespace {

using namespace write;

/// The keys each fault kind takes, in the order they are written, indexed by FaultKind.
constexpr std::array<std::string_view, 5> kCrashKeys{"at", "fault", "component", "instances", "for"};
constexpr std::array<std::string_view, 4> kZoneKeys{"at", "fault", "zone", "for"};
constexpr std::array<std::string_view, 5> kSlowdownKeys{"at", "fault", "component", "factor", "for"};
constexpr std::array<std::string_view, 6> kLatencyKeys{"at", "fault", "from", "to", "add", "for"};
constexpr std::array<std::string_view, 5> kPrimaryLossKeys{"at", "fault", "component", "shard", "for"};
constexpr std::array<std::string_view, 4> kCacheFlushKeys{"at", "fault", "component", "warmup"};
const std::array<std::span<const std::string_view>, 7> kKeysOfFault{kCrashKeys,     kCrashKeys,        kZoneKeys,      kSlowdownKeys,
                                                                   kLatencyKeys,   kPrimaryLossKeys,  kCacheFlushKeys};
/// The keys each change kind takes, in the order they are written, indexed by ChangeKind.
constexpr std::array<std::string_view, 11> kDeployKeys{"at",        "change", "component",           "strategy",        "max_unavailable", "max_surge",
                                                        "start_time", "drain", "service_time_factor", "canary_fraction", "canary_for"};
constexpr std::array<std::string_view, 4> kScaleKeys{"at", "change", "component", "instances"};
const std::array<std::span<const std::string_view>, 2> kKeysOfChange{kDeployKeys, kScaleKeys};

/// "25%" (a share) or 1 (a count): max_unavailable and max_surge.
std::optional<InstanceShare> readInstanceShare(ObjectReader& reader, std::string_view key) {
    if (!reader.has(key)) return std::nullopt;
    if (const Json* raw = reader.raw(key); raw && raw->is_string()) {
        if (const auto share = reader.ratio(key)) return InstanceShare{*share, true};
        return std::nullopt;
    }
    if (const auto count = reader.integer(key)) return InstanceShare{double(*count), false};
    return std::nullopt;
}

/// Reports each key of `value` that its kind (`own`, named `kindName`) does not take.
void rejectOtherKeys(const Json& value, ObjectReader& reader, std::span<const std::string_view> own, const std::string& kindName) {
    for (const auto& [key, field] : value.items()) {
        if (std::find(own.begin(), own.end(), key) != own.end()) continue;
        if (std::find(keys::kFaultEvent.begin(), keys::kFaultEvent.end(), key) != keys::kFaultEvent.end())
            reader.problem(reader.pathOf(key), "\"" + key + "\" is not a field of a " + kindName + " (it takes " + joinAlternatives(own, " and ") + ")");
        else
            reader.problem(reader.pathOf(key), "unknown key \"" + key + "\"" + didYouMean(key, own));
    }
}

/// An event's kind among `names` under `key` ("fault", "change"), its "at" required; with no
/// kind known, each key is checked against every key an event may take.
std::optional<std::size_t> eventKind(ObjectReader& reader, std::string_view key, std::span<const std::string_view> names) {
    reader.require("at", "when it happens, such as \"60s\"");
    const auto kind = reader.choice(key, names);
    if (!kind) reader.rejectUnknown(keys::kFaultEvent);
    return kind;
}

/// A `{"change": …}` entry of `events`: a deploy or a manual scale.
std::optional<FaultEvent> readChangeEvent(const Json& value, ObjectReader& reader) {
    const auto kind = eventKind(reader, "change", kChangeKindNames);
    if (!kind) return std::nullopt;
    FaultEvent event;
    event.change = static_cast<ChangeKind>(*kind);
    rejectOtherKeys(value, reader, kKeysOfChange[*kind], std::string(kChangeKindNames[*kind]));
    event.at = reader.duration("at").value_or(Seconds{});
    event.component = reader.string("component");
    reader.requireName("component", "the id of the component it changes");
    if (event.change == ChangeKind::Scale) {
        reader.require("instances", "the count to scale to, such as 6");
        event.instances = reader.integer("instances");
        return event;
    }
    if (const auto strategy = reader.choice("strategy", kDeployStrategyNames)) event.strategy = static_cast<DeployStrategy>(*strategy);
    event.maxUnavailable = readInstanceShare(reader, "max_unavailable");
    event.maxSurge = readInstanceShare(reader, "max_surge");
    event.startTime = reader.duration("start_time");
    event.drain = reader.duration("drain");
    event.serviceTimeFactor = reader.number("service_time_factor");
    event.canaryFraction = reader.ratio("canary_fraction");
    event.canaryFor = reader.duration("canary_for");
    if (event.strategy == DeployStrategy::Canary) {
        reader.require("canary_fraction", "the share of traffic the canary takes, such as 0.05");
        reader.require("canary_for", "how long the canary runs before the rest rolls, such as \"5min\"");
    }
    return event;
}

// Bounds that keep a typo from becoming an engine that loops or allocates without end; each is
// far beyond a real policy.
constexpr int kMaxAttempts = 100;
constexpr int kMaxChecks = 1000;
constexpr int kMaxBreakerCalls = 1'000'000;
constexpr double kMaxSlowdown = 1e6;
/// Events a scenario may hold: a drill has a handful. The simulator counts each failure against
/// every event in force, so 10^5 events made a ten-second run take over a minute.
constexpr std::size_t kMaxEvents = 1000;

bool isStation(ComponentKind kind) { return kind != ComponentKind::Client && kind != ComponentKind::Function; }

}  // namespace

std::optional<RetryPolicy> readRetryPolicy(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return std::nullopt;
    reader.rejectUnknown(keys::kRetry);
    RetryPolicy retry;
    retry.attempts = reader.integer("attempts");
    if (auto backoff = reader.choice("backoff", kBackoffNames)) retry.backoff = static_cast<Backoff>(*backoff);
    retry.base = reader.duration("base");
    retry.cap = reader.duration("cap");
    if (auto jitter = reader.choice("jitter", kJitterNames)) retry.jitter = static_cast<Jitter>(*jitter);
    if (reader.has("on")) {
        std::vector<RetryOn> on;
        reader.forEachElement("on", [&](const Json& element, const std::string& elementPath) {
            const auto name = element.is_string() ? element.get<std::string>() : std::string();
            const auto it = std::find(kRetryOnNames.begin(), kRetryOnNames.end(), name);
            if (it == kRetryOnNames.end())
                problems.push_back({elementPath, "must be one of " + joinAlternatives(kRetryOnNames) + ", got " +
                                                     (element.is_string() ? "\"" + name + "\"" + didYouMean(name, kRetryOnNames) : describeJsonType(element))});
            else
                on.push_back(static_cast<RetryOn>(it - kRetryOnNames.begin()));
        });
        retry.on = std::move(on);
    }
    retry.budget = reader.ratio("budget");
    return retry;
}

std::optional<CircuitBreaker> readCircuitBreaker(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return std::nullopt;
    reader.rejectUnknown(keys::kCircuitBreaker);
    return CircuitBreaker{reader.ratio("failure_rate"), reader.integer("window"), reader.integer("min_calls"), reader.duration("open_for"),
                          reader.integer("half_open_calls")};
}

std::optional<HealthCheck> readHealthCheck(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return std::nullopt;
    reader.rejectUnknown(keys::kHealthCheck);
    return HealthCheck{reader.duration("interval"), reader.integer("unhealthy_after"), reader.integer("healthy_after")};
}

std::optional<Autoscale> readAutoscale(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return std::nullopt;
    reader.rejectUnknown(keys::kAutoscale);
    reader.require("max", "the most instances the autoscaler may run, such as 40");
    Autoscale autoscale;
    if (auto metric = reader.choice("metric", kAutoscaleMetricNames)) autoscale.metric = static_cast<AutoscaleMetric>(*metric);
    // A rate per instance is written as a rate ("100/s"); the other targets are plain numbers.
    if (autoscale.metric == AutoscaleMetric::RatePerInstance) {
        if (auto rate = reader.rate("target")) autoscale.target = rate->value;
    } else {
        autoscale.target = reader.number("target");
    }
    autoscale.min = reader.integer("min");
    autoscale.max = reader.integer("max");
    autoscale.period = reader.duration("period");
    autoscale.bootTime = reader.duration("boot_time");
    autoscale.cooldown = reader.duration("cooldown");
    autoscale.scaleInAfter = reader.duration("scale_in_after");
    return autoscale;
}

std::optional<std::vector<std::string>> readZones(const Json& value, const std::string& path, Problems& problems) {
    if (!value.is_array()) {
        problems.push_back({path, "must be a list of zone names such as [\"a\", \"b\", \"c\"], got " + describeJsonType(value)});
        return std::nullopt;
    }
    std::vector<std::string> zones;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i].is_string())
            zones.push_back(value[i].get<std::string>());
        else
            problems.push_back({indexPath(path, i), "must be a zone name (a string), got " + describeJsonType(value[i])});
    }
    return zones;
}

std::optional<FaultEvent> readFaultEvent(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return std::nullopt;
    if (reader.has("change")) {
        if (reader.has("fault")) reader.problem(reader.pathOf("change"), "an event is a fault or a change, not both");
        return readChangeEvent(value, reader);
    }
    reader.require("fault", "the kind of fault: one of " + joinAlternatives(kFaultKindNames) + " (or a \"change\": " +
                                joinAlternatives(kChangeKindNames) + ")");
    const auto kind = eventKind(reader, "fault", kFaultKindNames);
    if (!kind) return std::nullopt;
    FaultEvent event;
    event.fault = static_cast<FaultKind>(*kind);
    // A key of another kind's is named as such: "factor" on a crash is not a typo of a key.
    rejectOtherKeys(value, reader, kKeysOfFault[*kind], std::string(kFaultKindNames[*kind]) + " fault");
    event.at = reader.duration("at").value_or(Seconds{});
    event.component = reader.string("component");
    event.instances = reader.integer("instances");
    event.duration = reader.duration("for");
    event.zone = reader.string("zone");
    event.factor = reader.number("factor");
    event.from = reader.string("from");
    event.to = reader.string("to");
    event.add = reader.duration("add");
    event.shard = reader.integer("shard");
    event.warmup = reader.duration("warmup");
    switch (event.fault) {
        case FaultKind::ZoneOutage: reader.requireName("zone", "the zone that goes dark"); break;
        case FaultKind::Latency:
            reader.requireName("from", "the id of one end");
            reader.requireName("to", "the id of the other end");
            reader.require("add", "the latency added each way, such as \"40ms\"");
            break;
        case FaultKind::Slowdown:
            reader.requireName("component", "the id of the component that slows down");
            reader.require("factor", "how many times longer its service takes, such as 4");
            break;
        default: reader.requireName("component", "the id of the component it strikes"); break;
    }
    return event;
}

bool takesChanges(ComponentKind kind) { return isStation(kind) && kind != ComponentKind::Database; }

std::string_view kindName(const FaultEvent& event) {
    return event.change ? nameOf(kChangeKindNames, *event.change) : nameOf(kFaultKindNames, event.fault);
}

std::span<const std::string_view> eventKeys(const FaultEvent& event) {
    return event.change ? kKeysOfChange[std::size_t(*event.change)] : kKeysOfFault[std::size_t(event.fault)];
}

Json toJson(const RetryPolicy& retry) {
    Json out = Json::object();
    putInteger(out, "attempts", retry.attempts);
    put(out, "backoff", retry.backoff, [](Backoff v) { return Json(nameOf(kBackoffNames, v)); });
    putDuration(out, "base", retry.base);
    putDuration(out, "cap", retry.cap);
    put(out, "jitter", retry.jitter, [](Jitter v) { return Json(nameOf(kJitterNames, v)); });
    put(out, "on", retry.on, [](const std::vector<RetryOn>& on) {
        Json list = Json::array();
        for (RetryOn reason : on) list.push_back(nameOf(kRetryOnNames, reason));
        return list;
    });
    putNumber(out, "budget", retry.budget);
    return out;
}

Json toJson(const CircuitBreaker& breaker) {
    Json out = Json::object();
    putNumber(out, "failure_rate", breaker.failureRate);
    putInteger(out, "window", breaker.window);
    putInteger(out, "min_calls", breaker.minCalls);
    putDuration(out, "open_for", breaker.openFor);
    putInteger(out, "half_open_calls", breaker.halfOpenCalls);
    return out;
}

Json toJson(const HealthCheck& check) {
    Json out = Json::object();
    putDuration(out, "interval", check.interval);
    putInteger(out, "unhealthy_after", check.unhealthyAfter);
    putInteger(out, "healthy_after", check.healthyAfter);
    return out;
}

Json toJson(const Autoscale& autoscale) {
    Json out = Json::object();
    if (autoscale.metric) out["metric"] = nameOf(kAutoscaleMetricNames, *autoscale.metric);
    if (autoscale.target)
        out["target"] = autoscale.metric == AutoscaleMetric::RatePerInstance ? Json(exactRate(PerSecond{*autoscale.target})) : Json(*autoscale.target);
    putInteger(out, "min", autoscale.min);
    putInteger(out, "max", autoscale.max);
    putDuration(out, "period", autoscale.period);
    putDuration(out, "boot_time", autoscale.bootTime);
    putDuration(out, "cooldown", autoscale.cooldown);
    putDuration(out, "scale_in_after", autoscale.scaleInAfter);
    return out;
}

Json toJson(const FaultEvent& event) {
    Json out = Json::object();
    out["at"] = exactDuration(event.at);
    if (event.change) {
        out["change"] = nameOf(kChangeKindNames, *event.change);
        putString(out, "component", event.component);
        putInteger(out, "instances", event.instances);
        put(out, "strategy", event.strategy, [](DeployStrategy v) { return Json(nameOf(kDeployStrategyNames, v)); });
        const auto share = [](const InstanceShare& s) { return s.share ? percent(s.value) : Json(int(s.value)); };
        put(out, "max_unavailable", event.maxUnavailable, share);
        put(out, "max_surge", event.maxSurge, share);
        putDuration(out, "start_time", event.startTime);
        putDuration(out, "drain", event.drain);
        putNumber(out, "service_time_factor", event.serviceTimeFactor);
        putNumber(out, "canary_fraction", event.canaryFraction);
        putDuration(out, "canary_for", event.canaryFor);
        return out;
    }
    out["fault"] = nameOf(kFaultKindNames, event.fault);
    putString(out, "component", event.component);
    putInteger(out, "instances", event.instances);
    putString(out, "zone", event.zone);
    putNumber(out, "factor", event.factor);
    putString(out, "from", event.from);
    putString(out, "to", event.to);
    putDuration(out, "add", event.add);
    putInteger(out, "shard", event.shard);
    putDuration(out, "warmup", event.warmup);
    putDuration(out, "for", event.duration);
    return out;
}

std::string describe(const FaultEvent& event) {
    if (event.change == ChangeKind::Scale)
        return "scale of " + event.component.value_or("?") + " to " + std::to_string(event.instances.value_or(0)) + " at " + exactDuration(event.at);
    if (event.change == ChangeKind::Deploy)
        return std::string(nameOf(kDeployStrategyNames, event.strategy.value_or(DeployStrategy::Rolling))) + " deploy of " + event.component.value_or("?") +
               " at " + exactDuration(event.at);
    std::string text(nameOf(kFaultKindNames, event.fault));
    if (event.fault == FaultKind::ZoneOutage) text += " of zone " + event.zone.value_or("?");
    else if (event.fault == FaultKind::Latency) text += " between " + event.from.value_or("?") + " and " + event.to.value_or("?");
    else text += " of " + event.component.value_or("?");
    if (event.fault == FaultKind::Crash || event.fault == FaultKind::Hang) text += " ×" + std::to_string(event.instances.value_or(1));
    if (event.fault == FaultKind::PrimaryLoss && event.shard) text += " shard " + std::to_string(*event.shard);
    return text + " at " + exactDuration(event.at);
}

namespace {

class ChangeOverTimeValidator {
public:
    ChangeOverTimeValidator(const Scenario& scenario, Problems& problems) : m_scenario(scenario), m_problems(problems) {
        for (const auto& component : scenario.components) {
            m_ids.push_back(component.id);
            if (component.zones)
                for (const auto& zone : *component.zones) m_zones.insert(zone);
        }
        for (const auto& zone : m_zones) m_zoneList.push_back(zone);
    }

    void run() {
        for (std::size_t i = 0; i < m_scenario.components.size(); ++i) {
            const Component& component = m_scenario.components[i];
            const std::string path = indexPath("components", i);
            checkZones(component, path);
            if (component.retry) checkRetry(*component.retry, path + ".retry");
            if (component.healthCheck) checkHealthCheck(*component.healthCheck, path + ".health_check");
            if (component.autoscale) checkAutoscale(component, path);
            check::notNegative(m_problems, path, ".failover_time", component.failoverTime);
            for (std::size_t c = 0; c < component.calls.size(); ++c) {
                const Call& call = component.calls[c];
                const std::string callPath = indexPath(path + ".calls", c);
                const bool async = call.mode == CallMode::Async;
                if (call.retry) {
                    if (async) add(callPath + ".retry", "a retry applies to a sync call: nobody waits for an async message's reply to fail");
                    checkRetry(*call.retry, callPath + ".retry");
                }
                if (call.circuitBreaker) {
                    if (async) add(callPath + ".circuit_breaker", "a circuit breaker applies to a sync call: an async message has no reply to count");
                    checkBreaker(*call.circuitBreaker, callPath + ".circuit_breaker");
                }
            }
        }
        if (m_scenario.events.size() > kMaxEvents)
            add("events", "holds " + std::to_string(m_scenario.events.size()) + " events, more than the " + std::to_string(kMaxEvents) +
                              " a scenario may have (an incident drill needs a handful)");
        const double duration = m_scenario.run && m_scenario.run->duration ? m_scenario.run->duration->value : INFINITY;
        for (std::size_t e = 0; e < m_scenario.events.size(); ++e) checkEvent(m_scenario.events[e], indexPath("events", e), duration);
    }

private:
    void add(std::string path, std::string message) { m_problems.push_back({std::move(path), std::move(message)}); }

    void checkZones(const Component& component, const std::string& path) {
        if (!component.zones) return;
        if (component.zones->empty()) add(path + ".zones", "must name at least one zone (leave \"zones\" out for none)");
        std::set<std::string> seen;
        for (std::size_t z = 0; z < component.zones->size(); ++z) {
            const std::string& zone = (*component.zones)[z];
            if (zone.empty()) add(indexPath(path + ".zones", z), "must not be empty");
            else if (!seen.insert(zone).second) add(indexPath(path + ".zones", z), "zone \"" + zone + "\" is listed twice");
        }
    }

    void checkRetry(const RetryPolicy& retry, const std::string& path) {
        check::within(m_problems, path, ".attempts", retry.attempts, 1, kMaxAttempts);
        check::notNegative(m_problems, path, ".base", retry.base);
        check::notNegative(m_problems, path, ".cap", retry.cap);
        if (retry.base && retry.cap && retry.cap->value < retry.base->value)
            add(path + ".cap", "must be at least the base (" + exactDuration(*retry.base) + "), got " + exactDuration(*retry.cap));
        if (retry.on && retry.on->empty()) add(path + ".on", "must name at least one of " + joinAlternatives(kRetryOnNames));
        check::notNegative(m_problems, path, ".budget", retry.budget);
        if (retry.attempts == 1 && retry.budget) add(path + ".budget", "a budget limits retries, and \"attempts\": 1 makes none");
    }

    void checkBreaker(const CircuitBreaker& breaker, const std::string& path) {
        if (breaker.failureRate && !(*breaker.failureRate > 0.0 && *breaker.failureRate <= 1.0))
            add(path + ".failure_rate", "must be more than 0 and at most 1, got " + check::show(*breaker.failureRate));
        check::within(m_problems, path, ".window", breaker.window, 1, kMaxBreakerCalls);
        check::within(m_problems, path, ".min_calls", breaker.minCalls, 1, kMaxBreakerCalls);
        check::positive(m_problems, path, ".open_for", breaker.openFor);
        check::within(m_problems, path, ".half_open_calls", breaker.halfOpenCalls, 1, kMaxBreakerCalls);
    }

    void checkAutoscale(const Component& component, const std::string& componentPath) {
        const Autoscale& autoscale = *component.autoscale;
        const std::string path = componentPath + ".autoscale";
        const AutoscaleMetric metric = autoscale.metric.value_or(AutoscaleMetric::Cpu);
        if (metric == AutoscaleMetric::Cpu || metric == AutoscaleMetric::Workers) {
            if (autoscale.target && !(*autoscale.target > 0.0 && *autoscale.target <= 1.0))
                add(path + ".target", "a " + std::string(nameOf(kAutoscaleMetricNames, metric)) + " target is a utilization, more than 0 and at most 1, got " +
                                          shortestDecimal(*autoscale.target));
        } else {
            check::positive(m_problems, path, ".target", autoscale.target);
        }
        if (metric == AutoscaleMetric::Workers && !component.workers)
            add(path + ".metric", "workers are measured only where the component has \"workers\"; give them, or use cpu");
        if (metric != AutoscaleMetric::Cpu && !autoscale.target)
            add(path + ".target", "missing: " + std::string(nameOf(kAutoscaleMetricNames, metric)) + " has no default target; give one, such as " +
                                      (metric == AutoscaleMetric::Workers ? "0.7" : metric == AutoscaleMetric::QueueLength ? "10" : "\"100/s\""));
        check::within(m_problems, path, ".min", autoscale.min, int(kInstancesField.minimum), int(kInstancesField.maximum));
        check::within(m_problems, path, ".max", autoscale.max, int(kInstancesField.minimum), int(kInstancesField.maximum));
        const int min = autoscale.min.value_or(component.instances.value_or(1));
        if (autoscale.max && *autoscale.max < min)
            add(path + ".max", "must be at least min (" + std::to_string(min) + "), got " + std::to_string(*autoscale.max));
        // The component's instances are the count it starts with: within [min, max].
        if (component.instances && autoscale.min && *autoscale.min > *component.instances)
            add(path + ".min", "must be at most the " + std::to_string(*component.instances) + " instances the component starts with, got " +
                                   std::to_string(*autoscale.min));
        if (component.instances && autoscale.max && *autoscale.max < *component.instances && *autoscale.max >= min)
            add(path + ".max", "must be at least the " + std::to_string(*component.instances) + " instances the component starts with, got " +
                                   std::to_string(*autoscale.max));
        check::positive(m_problems, path, ".period", autoscale.period);
        check::notNegative(m_problems, path, ".boot_time", autoscale.bootTime);
        check::notNegative(m_problems, path, ".cooldown", autoscale.cooldown);
        check::notNegative(m_problems, path, ".scale_in_after", autoscale.scaleInAfter);
    }

    /// A deploy or a scale: of a component with instances, with counts, shares and times in range.
    void checkChange(const FaultEvent& event, const std::string& path) {
        const Component* target = component(path + ".component", event.component);
        if (target && !takesChanges(target->kind))
            add(path + ".component", "a " + std::string(nameOf(kChangeKindNames, *event.change)) + " changes a component's instances; \"" + target->id +
                                         "\" is " + withArticle(target->kind));
        if (event.change == ChangeKind::Scale) {
            check::within(m_problems, path, ".instances", event.instances, int(kInstancesField.minimum), int(kInstancesField.maximum));
            return;
        }
        const auto checkShare = [&](const char* key, const std::optional<InstanceShare>& share) {
            if (!share) return;
            if (share->share && !(share->value >= 0.0 && share->value <= 1.0))
                add(path + "." + key, "a share of the instances is from 0% to 100%, got " + shortestDecimal(share->value * 100.0) + "%");
            if (!share->share && !(share->value >= 0.0 && share->value <= kInstancesField.maximum))
                add(path + "." + key, "must be a count of instances from 0, got " + shortestDecimal(share->value));
        };
        checkShare("max_unavailable", event.maxUnavailable);
        checkShare("max_surge", event.maxSurge);
        if (event.maxUnavailable && event.maxSurge && event.maxUnavailable->value == 0.0 && event.maxSurge->value == 0.0)
            add(path + ".max_surge", "max_unavailable and max_surge cannot both be 0: no instance could ever be replaced");
        check::notNegative(m_problems, path, ".start_time", event.startTime);
        check::notNegative(m_problems, path, ".drain", event.drain);
        check::positive(m_problems, path, ".service_time_factor", event.serviceTimeFactor);
        check::within(m_problems, path, ".service_time_factor", event.serviceTimeFactor, 0.0, kMaxSlowdown);
        const bool canary = event.strategy == DeployStrategy::Canary;
        const bool rolls = event.strategy.value_or(DeployStrategy::Rolling) != DeployStrategy::BlueGreen;
        if (!canary && event.canaryFraction) add(path + ".canary_fraction", "only a canary deploy sends a share of traffic to a canary");
        if (!canary && event.canaryFor) add(path + ".canary_for", "only a canary deploy has a canary period");
        if (!rolls && event.maxUnavailable) add(path + ".max_unavailable", "a blue_green deploy starts a whole second set: nothing is unavailable");
        if (!rolls && event.maxSurge) add(path + ".max_surge", "a blue_green deploy starts a whole second set: its surge is every instance");
        if (canary && event.canaryFraction && !(*event.canaryFraction > 0.0 && *event.canaryFraction < 1.0))
            add(path + ".canary_fraction", "must be more than 0 and less than 1, got " + shortestDecimal(*event.canaryFraction));
        check::positive(m_problems, path, ".canary_for", event.canaryFor);
    }

    void checkHealthCheck(const HealthCheck& health, const std::string& path) {
        check::positive(m_problems, path, ".interval", health.interval);
        check::within(m_problems, path, ".unhealthy_after", health.unhealthyAfter, 1, kMaxChecks);
        check::within(m_problems, path, ".healthy_after", health.healthyAfter, 1, kMaxChecks);
    }

    const Component* component(const std::string& path, const std::optional<std::string>& id) {
        if (!id || id->empty()) return nullptr;  // "missing" was reported by the reader
        const Component* found = m_scenario.find(*id);
        if (!found) add(path, "there is no component \"" + *id + "\"" + didYouMean(*id, m_ids));
        return found;
    }

    void checkEvent(const FaultEvent& event, const std::string& path, double duration) {
        check::notNegative(m_problems, path, ".at", std::optional(event.at));
        if (event.at.value >= duration)
            m_problems.push_back({path + ".at", "comes at or after the end of the run (" + exactDuration(Seconds{duration}) + "), so it never happens",
                                  Problem::Severity::Warning});
        if (event.change) {
            checkChange(event, path);
            return;
        }
        check::positive(m_problems, path, ".for", event.duration);
        const Component* target = component(path + ".component", event.component);
        const std::string_view kind = nameOf(kFaultKindNames, event.fault);
        const auto wrongKind = [&](std::string_view needs) {
            add(path + ".component", "a " + std::string(kind) + " strikes " + std::string(needs) + "; \"" + target->id + "\" is " + withArticle(target->kind));
        };
        switch (event.fault) {
            case FaultKind::Crash:
            case FaultKind::Hang: {
                if (!target) break;
                if (!isStation(target->kind) || target->kind == ComponentKind::Database) {
                    wrongKind(target->kind == ComponentKind::Database ? "a component's instances (a database's primary is lost with primary_loss)"
                                                                      : "a component with instances");
                    break;
                }
                const int instances = target->instances.value_or(1);
                check::within(m_problems, path, ".instances", event.instances, 1, instances);
                break;
            }
            case FaultKind::ZoneOutage:
                if (event.zone && !event.zone->empty() && !m_zones.contains(*event.zone))
                    add(path + ".zone", "no component runs in zone \"" + *event.zone + "\"" +
                                            (m_zoneList.empty() ? std::string(" (give components \"zones\")") : " (zones: " + joinAlternatives(m_zoneList, " and ") + ")" +
                                                                                                                     didYouMean(*event.zone, m_zoneList)));
                break;
            case FaultKind::Slowdown:
                if (target && !isStation(target->kind)) wrongKind("a component that serves requests");
                check::positive(m_problems, path, ".factor", event.factor);
                check::within(m_problems, path, ".factor", event.factor, 0.0, kMaxSlowdown);
                break;
            case FaultKind::Latency: {
                const Component* from = component(path + ".from", event.from);
                const Component* to = component(path + ".to", event.to);
                if (from && from == to) add(path + ".to", "latency is added between two different components");
                check::notNegative(m_problems, path, ".add", event.add);
                break;
            }
            case FaultKind::PrimaryLoss:
                if (!target) break;
                if (target->kind != ComponentKind::Database) {
                    wrongKind("a database");
                    break;
                }
                check::within(m_problems, path, ".shard", event.shard, 0, target->shards.value_or(1) - 1);
                break;
            case FaultKind::CacheFlush:
                if (target && !traitsOf(target->kind).answersHits) wrongKind("a cache or a CDN");
                check::positive(m_problems, path, ".warmup", event.warmup);
                break;
        }
    }

    const Scenario& m_scenario;
    Problems& m_problems;
    std::vector<std::string_view> m_ids;
    std::set<std::string> m_zones;
    std::vector<std::string_view> m_zoneList;
};

}  // namespace

void validateChangeOverTime(const Scenario& scenario, Problems& problems) { ChangeOverTimeValidator(scenario, problems).run(); }

}  // namespace headroom::model
