// SPDX-License-Identifier: MIT
#include "model/RunResult.h"

#include <algorithm>

#include "model/UnitFormat.h"

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
    if (pool.meanInstances) out["mean_instances"] = *pool.meanInstances;
    if (pool.arrivalRateCi95 || pool.utilizationCi95)
        out["ci95"] = {{"arrival_rate", optional(pool.arrivalRateCi95)}, {"utilization", optional(pool.utilizationCi95)}};
    else
        out["ci95"] = nullptr;
    return out;
}

Json figuresJson(const EventImpact::Figures& figures) {
    return {{"failed", optional(figures.failed)},           {"timed_out", optional(figures.timedOut)},
            {"retries", optional(figures.retries)},         {"peak_p99", optional(figures.peakP99)},
            {"recovery_time", optional(figures.recoveryTime)}, {"detection_time", optional(figures.detectionTime)},
            {"capacity_dip", optional(figures.capacityDip)}};
}

Json optionals(const std::vector<std::optional<double>>& values) {
    Json out = Json::array();
    for (const auto& value : values) out.push_back(optional(value));
    return out;
}

Json seriesJson(const TimeSeries& series) {
    Json classes = Json::object();
    for (const auto& line : series.classes) {
        Json item{{"throughput", line.throughput}, {"mean_latency", optionals(line.meanLatency)}, {"failures", line.failures}};
        if (!line.p99.empty()) {
            item["goodput"] = line.throughput;
            item["errors"] = line.errors;
            item["timeouts"] = line.timeouts;
            item["rejected"] = line.rejected;
            item["retries"] = line.retries;
            item["p99"] = optionals(line.p99);
        }
        classes[line.name] = std::move(item);
    }
    Json pools = Json::object();
    for (const auto& line : series.pools) {
        Json item{{"utilization", optionals(line.utilization)}, {"queue_length", line.queueLength}};
        if (!line.instances.empty()) {
            item["instances"] = line.instances;
            item["healthy"] = line.healthy;
        }
        if (!line.booting.empty()) item["booting"] = line.booting;
        if (!line.hitRatio.empty()) {
            Json ratios = Json::array();
            for (const auto& ratio : line.hitRatio) ratios.push_back(optional(ratio));
            item["hit_ratio"] = std::move(ratios);
        }
        pools[line.name] = std::move(item);
    }
    return {{"interval", series.interval}, {"time", series.time}, {"classes", std::move(classes)}, {"pools", std::move(pools)}};
}

/// A keyed component's figures, only those it has (a result without keys keeps its bytes).
void writeKeyed(const KeyedMetrics& keys, Json& item) {
    if (keys.hitRatio) item["hit_ratio"] = *keys.hitRatio;
    if (keys.itemsHeld) item["items_held"] = *keys.itemsHeld;
    if (keys.memoryBytes) item["memory_bytes"] = *keys.memoryBytes;
    if (!keys.shardLoad.empty()) {
        item["shard_load"] = keys.shardLoad;
        const auto hottest = keys.hottestShard();
        item["hot_shard"] = hottest->first;
        item["hot_shard_factor"] = hottest->second;
    }
    if (keys.staleReads) item["stale_reads"] = *keys.staleReads;
}

}  // namespace

std::optional<std::pair<std::size_t, double>> KeyedMetrics::hottestShard() const {
    if (shardLoad.empty()) return std::nullopt;
    const auto top = std::max_element(shardLoad.begin(), shardLoad.end());
    double sum = 0.0;
    for (const double load : shardLoad) sum += load;
    const double mean = sum / double(shardLoad.size());
    return std::pair{std::size_t(top - shardLoad.begin()), mean > 0.0 ? *top / mean : 1.0};
}

std::vector<SloOutcome> evaluateSlos(const Scenario& scenario, const RunResult& result, const QuantileOf& quantile) {
    std::vector<SloOutcome> outcomes;
    for (const Slo& slo : scenario.slos) {
        if (slo.availability) {
            SloOutcome outcome{slo.requestClass, 0.0, *slo.availability, std::nullopt, std::nullopt, false, true};
            for (const auto& cls : result.classes)
                if (cls.name == slo.requestClass && cls.availability) {
                    outcome.value = cls.availability;
                    outcome.met = *cls.availability >= *slo.availability;
                }
            outcomes.push_back(outcome);
            continue;
        }
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

std::optional<RunResult> momentOf(const RunResult& simulated, double time) {
    if (!simulated.timeSeries || simulated.timeSeries->time.empty()) return std::nullopt;
    const TimeSeries& series = *simulated.timeSeries;
    const auto window = std::size_t(std::clamp(time / series.interval, 0.0, double(series.time.size() - 1)));
    RunResult moment = simulated;
    for (ComponentMetrics& component : moment.components) {
        std::optional<double> busiest;
        std::optional<double> inService, booting;
        for (const PoolMetrics& pool : component.pools)
            for (const auto& line : series.pools) {
                if (line.name != pool.name) continue;
                if (window < line.utilization.size() && line.utilization[window])
                    busiest = std::max(busiest.value_or(0.0), *line.utilization[window]);
                if (window < line.healthy.size()) inService = inService.value_or(0.0) + line.healthy[window];
                if (window < line.booting.size()) booting = booting.value_or(0.0) + line.booting[window];
            }
        component.total.utilization = busiest;
        component.total.workerUtilization.reset();
        component.total.meanResponseTime.reset();
        component.total.instancesInService = inService;
        component.total.instancesBooting = booting;
        // A moment is not the run's verdict: no box is marked saturated or the bottleneck.
        component.total.stable = true;
    }
    moment.bottleneck.reset();
    return moment;
}

namespace {

std::string objectiveText(std::string_view requestClass, double percentile, double target, bool availability) {
    if (availability) return std::string(requestClass) + " availability ≥ " + formatNumber(target * 100.0, 5) + "%";
    return std::string(requestClass) + " p" + formatNumber(percentile) + " ≤ " + formatDuration(Seconds{target});
}

}  // namespace

std::string objectiveName(const Slo& slo) {
    return objectiveText(slo.requestClass, slo.percentile, slo.availability.value_or(slo.latency.value), slo.isAvailability());
}

std::string objectiveName(const SloOutcome& outcome) {
    return objectiveText(outcome.requestClass, outcome.percentile, outcome.target, outcome.availability);
}

const ClassMetrics* findClass(const RunResult& result, std::string_view name) {
    for (const auto& cls : result.classes)
        if (cls.name == name) return &cls;
    return nullptr;
}

std::optional<double> percentileHalfWidth(const ClassMetrics& cls, double percentile) {
    if (!cls.ci95) return std::nullopt;
    if (percentile == 50.0) return cls.ci95->p50;
    if (percentile == 95.0) return cls.ci95->p95;
    if (percentile == 99.0) return cls.ci95->p99;
    if (percentile == 99.9) return cls.ci95->p999;
    return std::nullopt;
}

std::optional<double> monthlyCost(const RunResult& result) {
    std::optional<double> total;
    for (const auto& component : result.components)
        if (component.costPerMonth) total = total.value_or(0.0) + *component.costPerMonth;
    return total;
}

std::optional<double> bottleneckUtilization(const RunResult& result) {
    for (const auto& component : result.components)
        if (result.bottleneck && component.id == *result.bottleneck) return component.total.utilization;
    return std::nullopt;
}

bool everySloMet(const RunResult& result) {
    for (const auto& outcome : result.slo)
        if (outcome.met == false) return false;
    return true;
}

Json toJson(const PrecisionOutcome& outcome) {
    Json lines = Json::array();
    for (const auto& line : outcome.lines)
        lines.push_back({{"class", line.requestClass}, {"statistic", line.statistic}, {"slo", line.slo}, {"target", line.target},
                         {"reached", optional(line.reached)}});
    return {{"met", outcome.met}, {"max_replications", outcome.maxReplications}, {"statistics", std::move(lines)}};
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
        if (cls.availability) {
            item["availability"] = *cls.availability;
            item["availability_ci95"] = optional(cls.availabilityCi95);
            item["retries"] = optional(cls.retries);
        }
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
        if (component.keys) writeKeyed(*component.keys, item);
        components[component.id] = std::move(item);
    }
    out["components"] = std::move(components);
    out["cost_per_month"] = optional(monthlyCost(result));
    out["bottleneck"] = result.bottleneck ? Json(*result.bottleneck) : Json(nullptr);
    out["load_headroom"] = optional(result.loadHeadroom);
    Json slos = Json::array();
    for (const auto& slo : result.slo) {
        Json item = Json::object();
        item["class"] = slo.requestClass;
        if (slo.availability) item["availability"] = true;
        else item["percentile"] = slo.percentile;
        item["target"] = slo.target;
        item["value"] = optional(slo.value);
        item["met"] = slo.met ? Json(*slo.met) : Json(nullptr);
        item["approximate"] = slo.approximate;
        slos.push_back(std::move(item));
    }
    out["slo"] = std::move(slos);
    out["notes"] = result.notes;
    if (result.run) {
        const RunInfo& run = *result.run;
        out["run"] = {{"duration", run.duration}, {"warmup", run.warmup}, {"seed", run.seed}, {"replications", run.replications}, {"requests", run.requests}};
        if (run.warmupMethod) out["run"]["warmup_detected"] = {{"method", *run.warmupMethod}, {"settled", run.warmupSettled}};
        if (run.precision) out["run"]["precision"] = toJson(*run.precision);
    }
    if (result.timeSeries) out["time_series"] = seriesJson(*result.timeSeries);
    if (!result.retries.empty()) {
        Json calls = Json::array();
        for (const auto& retry : result.retries) {
            Json points = Json::array();
            for (const auto& point : retry.stable)
                points.push_back({{"offered", point.offered}, {"failing", point.failing}, {"goodput", point.goodput}});
            calls.push_back({{"call", retry.call},
                             {"first_tries", retry.firstTries},
                             {"attempts", retry.attempts},
                             {"stable_points", std::move(points)},
                             {"metastable", retry.metastable},
                             {"trigger_rate", optional(retry.triggerRate)}});
        }
        out["retries"] = std::move(calls);
    }
    if (!result.autoscaling.empty()) {
        Json outlooks = Json::array();
        for (const auto& outlook : result.autoscaling) {
            Json levels = Json::array();
            for (const auto& level : outlook.levels) levels.push_back({{"instances", level.instances}, {"share", level.share}});
            Json item = {{"component", outlook.component}, {"metric", outlook.metric}, {"target", outlook.target},
                         {"min", outlook.min}, {"max", outlook.max}, {"span", outlook.span},
                         {"instances_at_start", outlook.instancesAtStart}, {"instances_at_peak", outlook.instancesAtPeak},
                         {"mean_instances", outlook.meanInstances}, {"levels", std::move(levels)},
                         {"cost_per_month", optional(outlook.costPerMonth)}, {"fixed_cost_per_month", optional(outlook.fixedCostPerMonth)},
                         {"outrun", nullptr}};
            if (const auto& outrun = outlook.outrun)
                item["outrun"] = {{"instances", outrun->instances}, {"saturates_at", outrun->saturatesAt}, {"decided_at", outrun->decidedAt},
                                  {"capacity_at", outrun->capacityAt}, {"overloaded_for", outrun->overloadedFor}};
            if (outlook.instanceHours) {
                Json actions = Json::array();
                for (const auto& action : outlook.actions)
                    actions.push_back({{"at", action.at}, {"from", action.from}, {"to", action.to}, {"ready", optional(action.ready)}});
                item["actions"] = std::move(actions);
                item["instance_hours"] = *outlook.instanceHours;
            }
            outlooks.push_back(std::move(item));
        }
        out["autoscaling"] = std::move(outlooks);
    }
    if (!result.degraded.empty()) {
        Json cases = Json::array();
        for (const auto& degraded : result.degraded) {
            Json load = Json::object();
            for (const auto& l : degraded.load)
                load[l.component] = {{"instances", l.instancesAfter},
                                     {"instances_before", l.instancesBefore},
                                     {"arrival_rate_per_instance", l.perInstanceAfter},
                                     {"arrival_rate_per_instance_before", l.perInstanceBefore},
                                     {"utilization", optional(l.utilizationAfter)}};
            cases.push_back({{"lost", degraded.lost},
                             {"slo_met", degraded.sloMet ? Json(*degraded.sloMet) : Json(nullptr)},
                             {"stable", degraded.stable},
                             {"bottleneck", degraded.bottleneck ? Json(*degraded.bottleneck) : Json(nullptr)},
                             {"saturated", degraded.saturated},
                             {"unavailable", degraded.unavailable},
                             {"missed_slos", degraded.missedSlos},
                             {"load", std::move(load)}});
        }
        out["degraded"] = std::move(cases);
    }
    if (!result.events.empty()) {
        Json events = Json::array();
        for (const auto& event : result.events)
            events.push_back({{"at", event.at},
                              {"until", optional(event.until)},
                              {"kind", event.kind},
                              {"component", event.component ? Json(*event.component) : Json(nullptr)},
                              {"description", event.description},
                              {"impact", figuresJson(event.impact)},
                              {"impact_ci95", figuresJson(event.ci95)},
                              {"recovered", event.recovered},
                              {"metastable", event.metastable}});
        out["events"] = std::move(events);
    }
    return out;
}

namespace {

/// Reads toJson's form; throws nlohmann's exceptions (caught below) on a wrong type.
class ResultReader {
public:
    static std::optional<double> optional(const Json& value) { return value.is_null() ? std::nullopt : std::optional(value.get<double>()); }

    static std::optional<KeyedMetrics> readKeyed(const Json& item) {
        if (!item.contains("hit_ratio") && !item.contains("shard_load") && !item.contains("stale_reads")) return std::nullopt;
        KeyedMetrics keys;
        const auto number = [&](const char* key) { return item.contains(key) ? optional(item.at(key)) : std::nullopt; };
        keys.hitRatio = number("hit_ratio");
        keys.itemsHeld = number("items_held");
        keys.memoryBytes = number("memory_bytes");
        if (item.contains("shard_load")) keys.shardLoad = item.at("shard_load").get<std::vector<double>>();
        keys.staleReads = number("stale_reads");
        return keys;
    }

    static LatencyResult latency(const Json& json) {
        return {optional(json.at("mean")), optional(json.at("p50")), optional(json.at("p95")), optional(json.at("p99")), optional(json.at("p999"))};
    }

    static PoolMetrics pool(const std::string& name, const Json& json) {
        PoolMetrics out;
        out.name = name;
        out.arrivalRate = json.at("arrival_rate").get<double>();
        out.throughput = json.at("throughput").get<double>();
        out.utilization = optional(json.at("utilization"));
        out.workerUtilization = optional(json.at("worker_utilization"));
        out.meanQueueLength = optional(json.at("mean_queue_length"));
        out.meanResponseTime = optional(json.at("mean_response_time"));
        out.instances = json.at("instances").get<int>();
        out.stable = json.at("stable").get<bool>();
        out.model = json.at("model").get<std::string>();
        out.approximate = json.at("approximate").get<bool>();
        out.rejected = optional(json.at("rejected"));
        out.timeouts = optional(json.at("timeouts"));
        if (!json.at("latency").is_null()) out.latency = latency(json.at("latency"));
        if (json.contains("mean_instances")) out.meanInstances = json.at("mean_instances").get<double>();
        if (const Json& ci = json.at("ci95"); !ci.is_null()) {
            out.arrivalRateCi95 = optional(ci.at("arrival_rate"));
            out.utilizationCi95 = optional(ci.at("utilization"));
        }
        return out;
    }

    static ClassMetrics cls(const std::string& name, const Json& json) {
        ClassMetrics out;
        out.name = name;
        out.throughput = json.at("throughput").get<double>();
        out.errors = optional(json.at("errors"));
        out.rejected = json.at("rejected").get<double>();
        out.timeouts = optional(json.at("timeouts"));
        out.latency = latency(json.at("latency"));
        if (const Json& ci = json.at("ci95"); !ci.is_null()) {
            out.ci95 = latency(ci);
            out.throughputCi95 = optional(ci.at("throughput"));
            out.rejectedCi95 = optional(ci.at("rejected"));
            out.timeoutsCi95 = optional(ci.at("timeouts"));
        }
        out.percentilesApproximate = json.at("percentiles_approximate").get<bool>();
        if (json.contains("cdf"))
            for (const Json& point : json.at("cdf")) out.cdf.emplace_back(point.at(0).get<double>(), point.at(1).get<double>());
        out.maxThroughput = optional(json.at("max_throughput"));
        if (json.contains("availability")) {
            out.availability = json.at("availability").get<double>();
            out.availabilityCi95 = optional(json.at("availability_ci95"));
            out.retries = optional(json.at("retries"));
        }
        if (json.contains("users")) {
            out.users = json.at("users").get<int>();
            if (!json.at("max_users_within_slo").is_null()) out.maxUsersWithinSlo = json.at("max_users_within_slo").get<int>();
            out.maxUsersIsLowerBound = json.at("max_users_is_lower_bound").get<bool>();
        }
        return out;
    }

    static EventImpact::Figures figures(const Json& json) {
        return {optional(json.at("failed")),        optional(json.at("timed_out")),     optional(json.at("retries")),
                optional(json.at("peak_p99")),      optional(json.at("recovery_time")), optional(json.at("detection_time")),
                json.contains("capacity_dip") ? optional(json.at("capacity_dip")) : std::nullopt};
    }

    static std::vector<std::optional<double>> optionals(const Json& values) {
        std::vector<std::optional<double>> out;
        for (const Json& value : values) out.push_back(optional(value));
        return out;
    }

    static TimeSeries series(const Json& json) {
        TimeSeries out;
        out.interval = json.at("interval").get<double>();
        out.time = json.at("time").get<std::vector<double>>();
        for (const auto& [name, line] : json.at("classes").items()) {
            TimeSeries::ClassLine item{name, line.at("throughput").get<std::vector<double>>(), optionals(line.at("mean_latency")),
                                       line.at("failures").get<std::vector<double>>(), {}, {}, {}, {}, {}};
            if (line.contains("p99")) {
                item.errors = line.at("errors").get<std::vector<double>>();
                item.timeouts = line.at("timeouts").get<std::vector<double>>();
                item.rejected = line.at("rejected").get<std::vector<double>>();
                item.retries = line.at("retries").get<std::vector<double>>();
                item.p99 = optionals(line.at("p99"));
            }
            out.classes.push_back(std::move(item));
        }
        for (const auto& [name, line] : json.at("pools").items()) {
            TimeSeries::PoolLine item{name, optionals(line.at("utilization")), line.at("queue_length").get<std::vector<double>>(), {}, {}};
            if (line.contains("instances")) {
                item.instances = line.at("instances").get<std::vector<double>>();
                item.healthy = line.at("healthy").get<std::vector<double>>();
            }
            if (line.contains("booting")) item.booting = line.at("booting").get<std::vector<double>>();
            if (line.contains("hit_ratio"))
                for (const Json& ratio : line.at("hit_ratio")) item.hitRatio.push_back(optional(ratio));
            out.pools.push_back(std::move(item));
        }
        return out;
    }

    static AutoscaleOutlook autoscaling(const Json& json) {
        AutoscaleOutlook out;
        out.component = json.at("component").get<std::string>();
        out.metric = json.at("metric").get<std::string>();
        out.target = json.at("target").get<double>();
        out.min = json.at("min").get<int>();
        out.max = json.at("max").get<int>();
        out.span = json.at("span").get<double>();
        out.instancesAtStart = json.at("instances_at_start").get<int>();
        out.instancesAtPeak = json.at("instances_at_peak").get<int>();
        out.meanInstances = json.at("mean_instances").get<double>();
        for (const Json& level : json.at("levels")) out.levels.push_back({level.at("instances").get<int>(), level.at("share").get<double>()});
        out.costPerMonth = optional(json.at("cost_per_month"));
        out.fixedCostPerMonth = optional(json.at("fixed_cost_per_month"));
        if (const Json& outrun = json.at("outrun"); !outrun.is_null())
            out.outrun = AutoscaleOutlook::Outrun{outrun.at("instances").get<int>(), outrun.at("saturates_at").get<double>(),
                                                  outrun.at("decided_at").get<double>(), outrun.at("capacity_at").get<double>(),
                                                  outrun.at("overloaded_for").get<double>()};
        if (json.contains("instance_hours")) {
            out.instanceHours = json.at("instance_hours").get<double>();
            for (const Json& action : json.at("actions"))
                out.actions.push_back({action.at("at").get<double>(), action.at("from").get<int>(), action.at("to").get<int>(), optional(action.at("ready"))});
        }
        return out;
    }

    static RunResult result(const Json& json) {
        RunResult out;
        out.engine = json.at("engine").get<std::string>();
        out.stable = json.at("stable").get<bool>();
        for (const auto& [name, item] : json.at("classes").items()) out.classes.push_back(cls(name, item));
        for (const auto& [id, item] : json.at("components").items()) {
            ComponentMetrics component;
            component.id = id;
            component.total = pool(id, item);
            // toJson lists the pools only when there are several; one pool is the component.
            if (item.contains("pools"))
                for (const auto& [name, p] : item.at("pools").items()) component.pools.push_back(pool(name, p));
            else
                component.pools.push_back(component.total);
            component.costPerMonth = optional(item.at("cost_per_month"));
            component.keys = readKeyed(item);
            out.components.push_back(std::move(component));
        }
        if (!json.at("bottleneck").is_null()) out.bottleneck = json.at("bottleneck").get<std::string>();
        out.loadHeadroom = optional(json.at("load_headroom"));
        for (const Json& item : json.at("slo")) {
            SloOutcome slo;
            slo.requestClass = item.at("class").get<std::string>();
            slo.availability = item.contains("availability");
            if (!slo.availability) slo.percentile = item.at("percentile").get<double>();
            slo.target = item.at("target").get<double>();
            slo.value = optional(item.at("value"));
            if (!item.at("met").is_null()) slo.met = item.at("met").get<bool>();
            slo.approximate = item.at("approximate").get<bool>();
            out.slo.push_back(std::move(slo));
        }
        out.notes = json.at("notes").get<std::vector<std::string>>();
        if (json.contains("run")) {
            const Json& run = json.at("run");
            out.run = RunInfo{run.at("duration").get<double>(), run.at("warmup").get<double>(), run.at("seed").get<std::uint64_t>(),
                              run.at("replications").get<int>(), run.at("requests").get<std::uint64_t>()};
            if (run.contains("warmup_detected")) {
                out.run->warmupMethod = run.at("warmup_detected").at("method").get<std::string>();
                out.run->warmupSettled = run.at("warmup_detected").at("settled").get<bool>();
            }
            if (run.contains("precision")) {
                const Json& precision = run.at("precision");
                PrecisionOutcome outcome{precision.at("met").get<bool>(), precision.at("max_replications").get<int>(), {}};
                for (const Json& line : precision.at("statistics"))
                    outcome.lines.push_back({line.at("class").get<std::string>(), line.at("statistic").get<std::string>(), line.at("slo").get<bool>(),
                                             line.at("target").get<double>(), optional(line.at("reached"))});
                out.run->precision = std::move(outcome);
            }
        }
        if (json.contains("time_series")) out.timeSeries = series(json.at("time_series"));
        if (json.contains("autoscaling"))
            for (const Json& item : json.at("autoscaling")) out.autoscaling.push_back(autoscaling(item));
        if (json.contains("events"))
            for (const Json& item : json.at("events")) {
                EventImpact event;
                event.at = item.at("at").get<double>();
                event.until = optional(item.at("until"));
                event.kind = item.at("kind").get<std::string>();
                if (!item.at("component").is_null()) event.component = item.at("component").get<std::string>();
                event.description = item.at("description").get<std::string>();
                event.impact = figures(item.at("impact"));
                event.ci95 = figures(item.at("impact_ci95"));
                event.recovered = item.at("recovered").get<bool>();
                event.metastable = item.at("metastable").get<bool>();
                out.events.push_back(std::move(event));
            }
        return out;
    }
};

}  // namespace

std::optional<RunResult> runResultFromJson(const Json& json, std::string& error) {
    try {
        return ResultReader::result(json);
    } catch (const nlohmann::json::exception& e) {
        error = std::string("not a Headroom result: ") + e.what();
        return std::nullopt;
    }
}

}  // namespace headroom::model
