// SPDX-License-Identifier: MIT
#include "model/RunResult.h"

namespace headroom::model {
namespace {

Json optional(const std::optional<double>& value) { return value ? Json(*value) : Json(nullptr); }

Json latencyJson(const LatencyResult& latency) {
    Json out = Json::object();
    out["mean"] = optional(latency.mean);
    out["p50"] = optional(latency.p50);
    out["p95"] = optional(latency.p95);
    out["p99"] = optional(latency.p99);
    out["p999"] = optional(latency.p999);
    return out;
}

Json poolJson(const PoolMetrics& pool) {
    Json out = Json::object();
    out["arrival_rate"] = pool.arrivalRate;
    out["throughput"] = pool.throughput;
    out["utilization"] = optional(pool.utilization);
    out["worker_utilization"] = optional(pool.workerUtilization);
    out["mean_queue_length"] = optional(pool.meanQueueLength);
    out["mean_response_time"] = optional(pool.meanResponseTime);
    out["instances"] = pool.instances;
    out["stable"] = pool.stable;
    out["model"] = pool.model;
    out["approximate"] = pool.approximate;
    out["rejected"] = optional(pool.rejected);
    out["timeouts"] = optional(pool.timeouts);
    out["latency"] = pool.latency ? latencyJson(*pool.latency) : Json(nullptr);
    if (pool.arrivalRateCi95 || pool.utilizationCi95)
        out["ci95"] = {{"arrival_rate", optional(pool.arrivalRateCi95)}, {"utilization", optional(pool.utilizationCi95)}};
    else
        out["ci95"] = nullptr;
    return out;
}

Json optionals(const std::vector<std::optional<double>>& values) {
    Json out = Json::array();
    for (const auto& value : values) out.push_back(optional(value));
    return out;
}

Json seriesJson(const TimeSeries& series) {
    Json classes = Json::object();
    for (const auto& line : series.classes)
        classes[line.name] = {{"throughput", line.throughput}, {"mean_latency", optionals(line.meanLatency)}, {"failures", line.failures}};
    Json pools = Json::object();
    for (const auto& line : series.pools)
        pools[line.name] = {{"utilization", optionals(line.utilization)}, {"queue_length", line.queueLength}};
    return {{"interval", series.interval}, {"time", series.time}, {"classes", std::move(classes)}, {"pools", std::move(pools)}};
}

}  // namespace

std::vector<SloOutcome> evaluateSlos(const Scenario& scenario, const RunResult& result, const QuantileOf& quantile) {
    std::vector<SloOutcome> outcomes;
    for (const Slo& slo : scenario.slos) {
        SloOutcome outcome{slo.requestClass, slo.percentile, slo.latency.value, std::nullopt, std::nullopt, false};
        for (std::size_t k = 0; k < result.classes.size(); ++k) {
            if (result.classes[k].name != slo.requestClass) continue;
            if (const auto value = quantile(k, slo.percentile / 100.0)) {
                outcome.value = value->first;
                outcome.approximate = value->second;
                outcome.met = value->first <= slo.latency.value;
            }
        }
        outcomes.push_back(outcome);
    }
    return outcomes;
}

bool everySloMet(const RunResult& result) {
    for (const auto& outcome : result.slo)
        if (outcome.met == false) return false;
    return true;
}

Json toJson(const RunResult& result) {
    Json out = Json::object();
    out["engine"] = result.engine;
    out["stable"] = result.stable;
    Json classes = Json::object();
    for (const auto& cls : result.classes) {
        Json item = Json::object();
        item["throughput"] = cls.throughput;
        item["errors"] = optional(cls.errors);
        item["rejected"] = cls.rejected;
        item["timeouts"] = optional(cls.timeouts);
        item["latency"] = latencyJson(cls.latency);
        if (cls.ci95) {
            Json ci = latencyJson(*cls.ci95);
            ci["throughput"] = optional(cls.throughputCi95);
            ci["rejected"] = optional(cls.rejectedCi95);
            ci["timeouts"] = optional(cls.timeoutsCi95);
            item["ci95"] = std::move(ci);
        } else {
            item["ci95"] = nullptr;
        }
        item["percentiles_approximate"] = cls.percentilesApproximate;
        if (!cls.cdf.empty()) {
            Json cdf = Json::array();
            for (const auto& [seconds, fraction] : cls.cdf) cdf.push_back({seconds, fraction});
            item["cdf"] = std::move(cdf);
        }
        item["max_throughput"] = optional(cls.maxThroughput);
        if (cls.users) {
            item["users"] = *cls.users;
            item["max_users_within_slo"] = cls.maxUsersWithinSlo ? Json(*cls.maxUsersWithinSlo) : Json(nullptr);
            item["max_users_is_lower_bound"] = cls.maxUsersIsLowerBound;
        }
        classes[cls.name] = std::move(item);
    }
    out["classes"] = std::move(classes);
    Json components = Json::object();
    for (const auto& component : result.components) {
        Json item = poolJson(component.total);
        if (component.pools.size() > 1) {
            Json pools = Json::object();
            for (const auto& pool : component.pools) pools[pool.name] = poolJson(pool);
            item["pools"] = std::move(pools);
        }
        item["cost_per_month"] = optional(component.costPerMonth);
        components[component.id] = std::move(item);
    }
    out["components"] = std::move(components);
    std::optional<double> totalCost;
    for (const auto& component : result.components)
        if (component.costPerMonth) totalCost = totalCost.value_or(0.0) + *component.costPerMonth;
    out["cost_per_month"] = optional(totalCost);
    out["bottleneck"] = result.bottleneck ? Json(*result.bottleneck) : Json(nullptr);
    out["load_headroom"] = optional(result.loadHeadroom);
    Json slos = Json::array();
    for (const auto& slo : result.slo) {
        Json item = Json::object();
        item["class"] = slo.requestClass;
        item["percentile"] = slo.percentile;
        item["target"] = slo.target;
        item["value"] = optional(slo.value);
        item["met"] = slo.met ? Json(*slo.met) : Json(nullptr);
        item["approximate"] = slo.approximate;
        slos.push_back(std::move(item));
    }
    out["slo"] = std::move(slos);
    out["notes"] = result.notes;
    if (result.run)
        out["run"] = {{"duration", result.run->duration}, {"warmup", result.run->warmup}, {"seed", result.run->seed},
                      {"replications", result.run->replications}, {"requests", result.run->requests}};
    if (result.timeSeries) out["time_series"] = seriesJson(*result.timeSeries);
    return out;
}

}  // namespace headroom::model
