// SPDX-License-Identifier: MIT
#include "model/ScenarioWriter.h"

#include <cmath>

#include "model/ChangeOverTimeFormat.h"
#include "model/KeysFormat.h"
#include "model/EnumNames.h"
#include "model/JsonPrint.h"
#include "model/JsonWrite.h"
#include "model/UnitFormat.h"

namespace headroom::model {
namespace {

using namespace write;

Json distributionJson(const Distribution& distribution) {
    if (distribution.shape == Distribution::Shape::Exponential && !distribution.cv) return exactDuration(distribution.mean);
    Json out = Json::object();
    out["dist"] = nameOf(kDistributionNames, distribution.shape);
    out["mean"] = exactDuration(distribution.mean);
    putNumber(out, "cv", distribution.cv);
    return out;
}

Json serviceTimeJson(const ServiceTime& serviceTime) {
    if (serviceTime.all) return distributionJson(*serviceTime.all);
    Json out = Json::object();
    put(out, "read", serviceTime.read, distributionJson);
    put(out, "write", serviceTime.write, distributionJson);
    return out;
}

Json callJson(const Call& call) {
    Json out = Json::object();
    out["to"] = call.to;
    putNumber(out, "probability", call.probability);
    putString(out, "class", call.requestClass);
    put(out, "mode", call.mode, [](CallMode mode) { return Json(nameOf(kCallModeNames, mode)); });
    putInteger(out, "times", call.times);
    putSize(out, "request_size", call.requestSize);
    putSize(out, "response_size", call.responseSize);
    put(out, "retry", call.retry, [](const RetryPolicy& retry) { return toJson(retry); });
    put(out, "circuit_breaker", call.circuitBreaker, [](const CircuitBreaker& breaker) { return toJson(breaker); });
    return out;
}

Json profileJson(const Profile& profile) {
    Json out = Json::object();
    out["shape"] = kProfileShapeNames[profile.index()];
    if (const auto* spike = std::get_if<SpikeProfile>(&profile)) {
        out["at"] = exactDuration(spike->at);
        out["for"] = exactDuration(spike->duration);
        out["factor"] = number(spike->factor);
    } else if (const auto* ramp = std::get_if<RampProfile>(&profile)) {
        out["from"] = number(ramp->from);
        out["to"] = number(ramp->to);
        out["over"] = exactDuration(ramp->over);
    } else if (const auto* diurnal = std::get_if<DiurnalProfile>(&profile)) {
        out["period"] = exactDuration(diurnal->period);
        out["peak_at"] = exactDuration(diurnal->peakAt);
        out["trough"] = number(diurnal->trough);
    } else if (const auto* steps = std::get_if<StepsProfile>(&profile)) {
        Json list = Json::array();
        for (const auto& step : steps->steps) list.push_back(Json{{"at", exactDuration(step.at)}, {"factor", number(step.factor)}});
        out["steps"] = std::move(list);
    }
    return out;
}

Json costJson(const Cost& cost) {
    Json out = Json::object();
    putString(out, "instance_type", cost.instanceType);
    putNumber(out, "per_instance_hour", cost.perInstanceHour);
    putNumber(out, "per_request", cost.perRequest);
    putNumber(out, "per_gb_second", cost.perGbSecond);
    return out;
}

Json componentJson(const Component& component) {
    Json out = Json::object();
    out["id"] = component.id;
    out["kind"] = kindName(component.kind);
    putString(out, "label", component.label);
    putInteger(out, "instances", component.instances);
    putInteger(out, "cores", component.cores);
    putInteger(out, "workers", component.workers);
    putInteger(out, "queue_capacity", component.queueCapacity);
    putDuration(out, "timeout", component.timeout);
    put(out, "service_time", component.serviceTime, serviceTimeJson);
    put(out, "rate", component.rate, [](PerSecond v) { return Json(exactRate(v)); });
    put(out, "arrivals", component.arrivals, [](Arrivals v) { return Json(nameOf(kArrivalNames, v)); });
    putString(out, "class", component.requestClass);
    put(out, "operation", component.operation, [](Operation v) { return Json(nameOf(kOperationNames, v)); });
    put(out, "profile", component.profile, profileJson);
    putInteger(out, "users", component.users);
    putDuration(out, "think_time", component.thinkTime);
    put(out, "retry", component.retry, [](const RetryPolicy& retry) { return toJson(retry); });
    putNumber(out, "hit_ratio", component.hitRatio);
    writeKeyFields(component, out);
    put(out, "algorithm", component.algorithm, [](LbAlgorithm v) { return Json(nameOf(kLbAlgorithmNames, v)); });
    put(out, "weights", component.weights, [](const std::vector<double>& weights) {
        Json list = Json::array();
        for (double weight : weights) list.push_back(number(weight));
        return list;
    });
    put(out, "health_check", component.healthCheck, [](const HealthCheck& check) { return toJson(check); });
    put(out, "autoscale", component.autoscale, [](const Autoscale& autoscale) { return toJson(autoscale); });
    put(out, "rate_limit", component.rateLimit, [](PerSecond v) { return Json(exactRate(v)); });
    putInteger(out, "concurrency", component.concurrency);
    put(out, "cold_start", component.coldStart, [](const ColdStart& cold) {
        return Json{{"latency", exactDuration(cold.latency)}, {"probability", number(cold.probability)}};
    });
    putSize(out, "memory", component.memory);
    putInteger(out, "shards", component.shards);
    putInteger(out, "replicas", component.replicas);
    put(out, "read_from", component.readFrom, [](ReadFrom v) { return Json(nameOf(kReadFromNames, v)); });
    putDuration(out, "failover_time", component.failoverTime);
    put(out, "consumers", component.consumers, [](const QueueConsumers& consumers) {
        return Json{{"component", consumers.component}, {"workers", consumers.workers}};
    });
    putInteger(out, "partitions", component.partitions);
    put(out, "zones", component.zones, [](const std::vector<std::string>& zones) { return Json(zones); });
    put(out, "drop_expired", component.dropExpired, [](bool drop) { return Json(drop); });
    if (!component.calls.empty()) {
        Json calls = Json::array();
        for (const auto& call : component.calls) calls.push_back(callJson(call));
        out["calls"] = std::move(calls);
    }
    put(out, "cost", component.cost, costJson);
    return out;
}

// Sizes read under the binary convention ("10KB" = 10,240 B) are written as "10KiB", which
// reads back the same under either convention.
Json actionJson(const EstimateAction& action) {
    Json out = Json::object();
    out["name"] = action.name;
    out["kind"] = nameOf(kOperationNames, action.kind);
    putNumber(out, "per_user_per_day", action.perUserPerDay);
    put(out, "rate", action.rate, [](const CountPerPeriod& rate) { return Json(exactCountPerPeriod(rate)); });
    put(out, "rate", action.relative, [](const RelativeRate& relative) {
        return Json{{"per", relative.per}, {"times", number(relative.times)}};
    });
    putSize(out, "size", action.size);
    putSize(out, "stored_size", action.storedSize);
    putNumber(out, "media_ratio", action.mediaRatio);
    putSize(out, "media_size", action.mediaSize);
    putNumber(out, "fanout", action.fanout);
    putNumber(out, "per_server_qps", action.perServerQps);
    return out;
}

Json estimateJson(const EstimateInput& input) {
    Json out = Json::object();
    putCount(out, "monthly_active_users", input.monthlyActiveUsers);
    putNumber(out, "daily_active_ratio", input.dailyActiveRatio);
    putCount(out, "daily_active_users", input.dailyActiveUsers);
    putCount(out, "total_users", input.totalUsers);
    putNumber(out, "seconds_per_day", input.secondsPerDay);
    putNumber(out, "days_per_month", input.daysPerMonth);
    putNumber(out, "seconds_per_month", input.secondsPerMonth);
    putNumber(out, "days_per_year", input.daysPerYear);
    put(out, "units", input.units, [](UnitSystem v) { return Json(nameOf(kUnitSystemNames, v)); });
    putNumber(out, "peak_factor", input.peakFactor);
    putNumber(out, "cache_hot_fraction", input.cacheHotFraction);
    putNumber(out, "storage_utilization", input.storageUtilization);
    put(out, "retention", input.retention, [](const CalendarSpan& span) { return Json(exactCalendarSpan(span)); });
    putNumber(out, "per_server_qps", input.perServerQps);
    put(out, "key_popularity", input.keyPopularity, keysJson);
    put(out, "cache_hit_target", input.cacheHitTarget, [](double ratio) { return percent(ratio); });
    putInteger(out, "shards", input.shards);
    put(out, "sharding", input.sharding, [](Sharding v) { return Json(nameOf(kShardingNames, v)); });
    if (!input.actions.empty()) {
        Json actions = Json::array();
        for (const auto& action : input.actions) actions.push_back(actionJson(action));
        out["actions"] = std::move(actions);
    }
    if (!input.datasets.empty()) {
        Json datasets = Json::array();
        for (const auto& dataset : input.datasets) {
            Json item = Json::object();
            item["name"] = dataset.name;
            putCount(item, "count", dataset.count);
            putNumber(item, "per_user", dataset.perUser);
            putSize(item, "size", dataset.size);
            datasets.push_back(std::move(item));
        }
        out["datasets"] = std::move(datasets);
    }
    put(out, "keys", input.keys, [](const KeySpace& keys) {
        return Json{{"alphabet", number(keys.alphabet)}, {"length", keys.length}, {"action", keys.action}};
    });
    return out;
}

}  // namespace

Json toJson(const Component& component) { return componentJson(component); }

Json toJson(const EstimateInput& estimate) { return estimateJson(estimate); }

Json toJson(const Scenario& scenario) {
    Json out = Json::object();
    putString(out, "$schema", scenario.schema);
    out["format"] = kFormatName;
    // A file is version 2 only once it uses a version-2 key (DESIGN.md, "Change over time").
    out["version"] = firstVersion2Key(scenario) ? kFormatVersion : 1;
    out["name"] = scenario.name;
    putString(out, "description", scenario.description);
    Json components = Json::array();
    for (const auto& component : scenario.components) components.push_back(componentJson(component));
    out["components"] = std::move(components);
    if (!scenario.links.empty()) {
        Json links = Json::array();
        for (const auto& link : scenario.links) {
            Json item = Json::object();
            item["from"] = link.from;
            item["to"] = link.to;
            putDuration(item, "latency", link.latency);
            put(item, "bandwidth", link.bandwidth, [](BytesPerSecond v) { return Json(exactDataRate(v)); });
            links.push_back(std::move(item));
        }
        out["links"] = std::move(links);
    }
    if (!scenario.slos.empty()) {
        Json slos = Json::array();
        for (const auto& slo : scenario.slos)
            if (slo.availability)
                slos.push_back(Json{{"class", slo.requestClass}, {"availability", percent(*slo.availability)}});
            else
                slos.push_back(Json{{"class", slo.requestClass}, {"percentile", number(slo.percentile)}, {"latency", exactDuration(slo.latency)}});
        out["slo"] = std::move(slos);
    }
    if (!scenario.events.empty()) {
        Json events = Json::array();
        for (const auto& event : scenario.events) events.push_back(toJson(event));
        out["events"] = std::move(events);
    }
    put(out, "run", scenario.run, [](const RunSettings& run) {
        Json item = Json::object();
        putDuration(item, "duration", run.duration);
        putDuration(item, "warmup", run.warmup);
        put(item, "seed", run.seed, [](std::uint64_t seed) { return Json(seed); });
        putInteger(item, "replications", run.replications);
        if (!run.precision.empty()) {
            Json targets = Json::object();
            for (const auto& target : run.precision) targets[std::string(nameOf(kPrecisionStatisticNames, target.statistic))] = number(target.relative);
            item["precision"] = std::move(targets);
        }
        putInteger(item, "max_replications", run.maxReplications);
        return item;
    });
    put(out, "defaults", scenario.defaults, [](const ScenarioDefaults& defaults) {
        Json item = Json::object();
        putDuration(item, "link_latency", defaults.linkLatency);
        return item;
    });
    put(out, "estimate", scenario.estimate, estimateJson);
    if (!scenario.layout.empty()) {
        Json layout = Json::object();
        for (const auto& [id, position] : scenario.layout) layout[id] = Json{{"x", number(position.x)}, {"y", number(position.y)}};
        out["layout"] = std::move(layout);
    }
    return out;
}

std::string toText(const Scenario& scenario) { return prettyJson(toJson(scenario)) + "\n"; }

}  // namespace headroom::model
