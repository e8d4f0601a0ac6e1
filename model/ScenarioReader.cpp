// SPDX-License-Identifier: MIT
#include "model/ScenarioReader.h"

#include <array>

#include "model/ChangeOverTimeFormat.h"
#include "model/KeysFormat.h"
#include "model/EnumNames.h"
#include "model/FormatKeys.h"
#include "model/Suggest.h"
#include "model/UnitTables.h"

namespace headroom::model {
namespace {

std::optional<Distribution> readDistribution(const Json& value, const std::string& path, Problems& problems) {
    if (value.is_string()) {
        auto mean = parseDuration(value.get<std::string>());
        if (!mean) {
            problems.push_back({path, mean.error()});
            return std::nullopt;
        }
        return Distribution{Distribution::Shape::Exponential, *mean, std::nullopt};
    }
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return std::nullopt;
    reader.rejectUnknown(keys::kDistribution);
    reader.require("mean", "a distribution needs its mean, such as \"4ms\"");
    Distribution distribution;
    if (auto shape = reader.choice("dist", kDistributionNames)) distribution.shape = static_cast<Distribution::Shape>(*shape);
    distribution.cv = reader.number("cv");
    auto mean = reader.duration("mean");
    if (!mean) return std::nullopt;
    distribution.mean = *mean;
    return distribution;
}

std::optional<ServiceTime> readServiceTime(const Json& value, const std::string& path, Problems& problems) {
    const bool perOperation = value.is_object() && (value.contains("read") || value.contains("write"));
    if (!perOperation) {
        if (!value.is_string() && !value.is_object()) {
            problems.push_back({path, "must be a duration such as \"4ms\", a distribution such as "
                                      "{\"dist\": \"constant\", \"mean\": \"4ms\"}, or one per operation such as "
                                      "{\"read\": \"2ms\", \"write\": \"6ms\"}; got " + describeJsonType(value)});
            return std::nullopt;
        }
        auto distribution = readDistribution(value, path, problems);
        if (!distribution) return std::nullopt;
        return ServiceTime{distribution, std::nullopt, std::nullopt};
    }
    ObjectReader reader(value, path, problems);
    reader.rejectUnknown(keys::kServiceTimePerOperation);
    ServiceTime serviceTime;
    if (const Json* read = reader.raw("read")) serviceTime.read = readDistribution(*read, reader.pathOf("read"), problems);
    if (const Json* write = reader.raw("write")) serviceTime.write = readDistribution(*write, reader.pathOf("write"), problems);
    return serviceTime;
}

Call readCall(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    reader.rejectUnknown(keys::kCall);
    reader.requireName("to", "the id of the component called");
    Call call;
    call.to = reader.string("to").value_or("");
    call.probability = reader.ratio("probability");
    call.requestClass = reader.string("class");
    if (auto mode = reader.choice("mode", kCallModeNames)) call.mode = static_cast<CallMode>(*mode);
    call.times = reader.integer("times");
    call.requestSize = reader.size("request_size");
    call.responseSize = reader.size("response_size");
    if (const Json* retry = reader.raw("retry")) call.retry = readRetryPolicy(*retry, reader.pathOf("retry"), problems);
    if (const Json* breaker = reader.raw("circuit_breaker"))
        call.circuitBreaker = readCircuitBreaker(*breaker, reader.pathOf("circuit_breaker"), problems);
    return call;
}

std::optional<Profile> readProfile(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    if (!reader.isObject()) return std::nullopt;
    reader.require("shape", "one of spike, ramp, diurnal, steps");
    const auto shape = reader.choice("shape", kProfileShapeNames);
    if (!shape) return std::nullopt;
    switch (*shape) {
        case 0: {
            reader.rejectUnknown(keys::kSpikeProfile);
            reader.require("at", "when the spike starts, such as \"30s\"");
            reader.require("for", "how long the spike lasts, such as \"10s\"");
            reader.require("factor", "the multiple of the rate during the spike");
            SpikeProfile spike;
            spike.at = reader.duration("at").value_or(Seconds{});
            spike.duration = reader.duration("for").value_or(Seconds{});
            spike.factor = reader.number("factor").value_or(1.0);
            return spike;
        }
        case 1: {
            reader.rejectUnknown(keys::kRampProfile);
            reader.require("over", "how long the ramp lasts, such as \"60s\"");
            RampProfile ramp;
            ramp.from = reader.number("from").value_or(0.0);
            ramp.to = reader.number("to").value_or(1.0);
            ramp.over = reader.duration("over").value_or(Seconds{});
            return ramp;
        }
        case 2: {
            reader.rejectUnknown(keys::kDiurnalProfile);
            reader.require("trough", "the factor at the quietest time, such as 0.3");
            DiurnalProfile diurnal;
            diurnal.period = reader.duration("period").value_or(Seconds{units::kDay});
            diurnal.peakAt = reader.duration("peak_at").value_or(Seconds{});
            diurnal.trough = reader.number("trough").value_or(1.0);
            return diurnal;
        }
        default: {
            reader.rejectUnknown(keys::kStepsProfile);
            reader.require("steps", "a list of {\"at\", \"factor\"}");
            StepsProfile steps;
            reader.forEachElement("steps", [&](const Json& element, const std::string& stepPath) {
                ObjectReader step(element, stepPath, problems);
                step.rejectUnknown(keys::kProfileStep);
                step.require("at", "when this step starts");
                step.require("factor", "the multiple of the rate from then on");
                steps.steps.push_back({step.duration("at").value_or(Seconds{}), step.number("factor").value_or(1.0)});
            });
            return steps;
        }
    }
}

Cost readCost(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    reader.rejectUnknown(keys::kCost);
    return Cost{reader.string("instance_type"), reader.number("per_instance_hour"), reader.number("per_request"),
                reader.number("per_gb_second")};
}

/// Reports keys that no component has, and keys that belong to other kinds.
void checkComponentKeys(const Json& value, ObjectReader& reader, std::optional<ComponentKind> kind) {
    for (const auto& [key, field] : value.items()) {
        const auto fields = componentFields();
        const bool known = std::find(fields.begin(), fields.end(), key) != fields.end();
        if (!known)
            reader.problem(reader.pathOf(key), "unknown key \"" + key + "\"" + didYouMean(key, fields));
        else if (kind && !kindHasField(*kind, key))
            reader.problem(reader.pathOf(key), "\"" + key + "\" is not a field of " + withArticle(*kind) + " (it belongs to " +
                                                   kindsWithField(key) + ")");
    }
}

Component readComponent(const Json& value, const std::string& path, ReadResult& result) {
    Problems& problems = result.problems;
    ObjectReader reader(value, path, problems);
    Component component;
    if (!reader.isObject()) {
        result.unreliablePaths.insert(path);
        return component;
    }
    reader.requireName("id", "every component has an id");
    reader.require("kind", "one of " + joinAlternatives(kindNames()));
    component.id = reader.string("id").value_or("");
    std::optional<ComponentKind> kind;
    if (auto kindIndex = reader.choice("kind", kindNames())) kind = static_cast<ComponentKind>(*kindIndex);
    if (kind)
        component.kind = *kind;
    else
        result.unreliablePaths.insert(path);
    checkComponentKeys(value, reader, kind);

    component.label = reader.string("label");
    component.instances = reader.integer("instances");
    component.cores = reader.integer("cores");
    component.workers = reader.integer("workers");
    component.queueCapacity = reader.integer("queue_capacity");
    component.timeout = reader.duration("timeout");
    if (const Json* serviceTime = reader.raw("service_time"))
        component.serviceTime = readServiceTime(*serviceTime, reader.pathOf("service_time"), problems);
    reader.forEachElement("calls", [&](const Json& element, const std::string& callPath) {
        component.calls.push_back(readCall(element, callPath, problems));
    });
    if (const Json* cost = reader.raw("cost")) component.cost = readCost(*cost, reader.pathOf("cost"), problems);
    if (const Json* zones = reader.raw("zones")) component.zones = readZones(*zones, reader.pathOf("zones"), problems);
    component.dropExpired = reader.boolean("drop_expired");
    if (const Json* retry = reader.raw("retry")) component.retry = readRetryPolicy(*retry, reader.pathOf("retry"), problems);
    if (const Json* health = reader.raw("health_check")) component.healthCheck = readHealthCheck(*health, reader.pathOf("health_check"), problems);
    if (const Json* autoscale = reader.raw("autoscale")) component.autoscale = readAutoscale(*autoscale, reader.pathOf("autoscale"), problems);
    component.failoverTime = reader.duration("failover_time");

    component.rate = reader.rate("rate");
    if (auto arrivals = reader.choice("arrivals", kArrivalNames)) component.arrivals = static_cast<Arrivals>(*arrivals);
    component.requestClass = reader.string("class");
    if (auto operation = reader.choice("operation", kOperationNames)) component.operation = static_cast<Operation>(*operation);
    if (const Json* profile = reader.raw("profile")) component.profile = readProfile(*profile, reader.pathOf("profile"), problems);
    component.users = reader.integer("users");
    component.thinkTime = reader.duration("think_time");

    component.hitRatio = reader.ratio("hit_ratio");
    readKeyFields(reader, component, problems);
    if (auto algorithm = reader.choice("algorithm", kLbAlgorithmNames)) component.algorithm = static_cast<LbAlgorithm>(*algorithm);
    if (reader.has("weights")) {
        std::vector<double> weights;
        reader.forEachElement("weights", [&](const Json& element, const std::string& weightPath) {
            if (element.is_number())
                weights.push_back(element.get<double>());
            else
                problems.push_back({weightPath, "must be a number, got " + describeJsonType(element)});
        });
        component.weights = std::move(weights);
    }
    component.rateLimit = reader.rate("rate_limit");

    component.concurrency = reader.integer("concurrency");
    if (const Json* coldStart = reader.raw("cold_start")) {
        ObjectReader cold(*coldStart, reader.pathOf("cold_start"), problems);
        if (cold.isObject()) {
            cold.rejectUnknown(keys::kColdStart);
            cold.require("latency", "the extra time of a cold start, such as \"300ms\"");
            cold.require("probability", "the fraction of invocations that start cold, such as 0.01");
            component.coldStart = ColdStart{cold.duration("latency").value_or(Seconds{}), cold.ratio("probability").value_or(0.0)};
        }
    }
    component.memory = reader.size("memory");

    component.shards = reader.integer("shards");
    component.replicas = reader.integer("replicas");
    if (auto readFrom = reader.choice("read_from", kReadFromNames)) component.readFrom = static_cast<ReadFrom>(*readFrom);

    if (const Json* consumers = reader.raw("consumers")) {
        ObjectReader consumer(*consumers, reader.pathOf("consumers"), problems);
        if (consumer.isObject()) {
            consumer.rejectUnknown(keys::kConsumers);
            consumer.requireName("component", "the id of the component whose workers take messages off the queue");
            component.consumers = QueueConsumers{consumer.string("component").value_or(""), consumer.integer("workers").value_or(1)};
        }
    }
    component.partitions = reader.integer("partitions");
    return component;
}

Link readLink(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    reader.rejectUnknown(keys::kLink);
    reader.requireName("from", "the id of one end");
    reader.requireName("to", "the id of the other end");
    return Link{reader.string("from").value_or(""), reader.string("to").value_or(""), reader.duration("latency"),
                reader.dataRate("bandwidth")};
}

}  // namespace

Slo readSlo(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    reader.rejectUnknown(keys::kSlo);
    reader.requireName("class", "the request class the objective is for");
    if (reader.has("availability")) {
        for (const std::string_view latencyKey : {"percentile", "latency"})
            if (reader.has(latencyKey))
                reader.problem(reader.pathOf(latencyKey), "an objective is a latency (\"percentile\" and \"latency\") or an \"availability\", "
                                                          "not both: write two objectives");
        Slo slo{reader.string("class").value_or(""), 99.0, Seconds{}, std::nullopt};
        slo.availability = reader.ratio("availability");
        if (!slo.availability) slo.availability = 0.0;  // the reason is already a problem
        return slo;
    }
    reader.require("percentile", "such as 99");
    reader.require("latency", "the target, such as \"150ms\"");
    return Slo{reader.string("class").value_or(""), reader.number("percentile").value_or(99.0),
               reader.duration("latency").value_or(Seconds{}), std::nullopt};
}

RunSettings readRun(const Json& value, const std::string& path, Problems& problems) {
    ObjectReader reader(value, path, problems);
    reader.rejectUnknown(keys::kRun);
    RunSettings run{reader.duration("duration"), reader.duration("warmup"), reader.unsignedInteger("seed"), reader.integer("replications"), {},
                    reader.integer("max_replications")};
    if (const Json* precision = reader.raw("precision")) {
        ObjectReader targets(*precision, reader.pathOf("precision"), problems);
        targets.rejectUnknown(kPrecisionStatisticNames);
        for (std::size_t s = 0; s < kPrecisionStatisticNames.size(); ++s)
            if (const auto relative = targets.ratio(kPrecisionStatisticNames[s])) run.precision.push_back({PrecisionStatistic(s), *relative});
        if (targets.isObject() && precision->empty())
            problems.push_back({reader.pathOf("precision"), "names no statistic; give one or more of mean, p50, p95, p99, p999, such as {\"p99\": \"2%\"}"});
    }
    return run;
}

ReadResult readScenario(const Json& document) {
    ReadResult result;
    Problems& problems = result.problems;
    Scenario& scenario = result.scenario;
    ObjectReader reader(document, "", problems);
    if (!reader.isObject()) return result;
    reader.rejectUnknown(keys::kScenario);
    reader.require("name", "a scenario has a name");
    scenario.schema = reader.string("$schema");
    scenario.name = reader.string("name").value_or("");
    scenario.description = reader.string("description");
    reader.forEachElement("components", [&](const Json& element, const std::string& path) {
        scenario.components.push_back(readComponent(element, path, result));
    });
    reader.forEachElement("links", [&](const Json& element, const std::string& path) {
        scenario.links.push_back(readLink(element, path, problems));
    });
    reader.forEachElement("slo", [&](const Json& element, const std::string& path) {
        scenario.slos.push_back(readSlo(element, path, problems));
    });
    reader.forEachElement("events", [&](const Json& element, const std::string& path) {
        // An event that cannot be read keeps its place, so that the ones after it keep their
        // paths; what validation would say of the stand-in is noise.
        auto event = readFaultEvent(element, path, problems);
        if (!event) result.unreliablePaths.insert(path);
        scenario.events.push_back(event.value_or(FaultEvent{}));
    });
    if (const Json* run = reader.raw("run")) scenario.run = readRun(*run, "run", problems);
    if (const Json* defaults = reader.raw("defaults")) {
        ObjectReader defaultsReader(*defaults, "defaults", problems);
        defaultsReader.rejectUnknown(keys::kDefaults);
        scenario.defaults = ScenarioDefaults{defaultsReader.duration("link_latency")};
    }
    if (const Json* estimate = reader.raw("estimate")) scenario.estimate = readEstimate(*estimate, "estimate", problems);
    if (const Json* layout = reader.raw("layout")) {
        ObjectReader layoutReader(*layout, "layout", problems);
        if (layoutReader.isObject()) {
            for (const auto& [id, position] : layout->items()) {
                ObjectReader at(position, layoutReader.pathOf(id), problems);
                at.rejectUnknown(keys::kPosition);
                at.require("x", "the horizontal position");
                at.require("y", "the vertical position");
                scenario.layout[id] = Position{at.number("x").value_or(0.0), at.number("y").value_or(0.0)};
            }
        }
    }
    return result;
}

}  // namespace headroom::model
