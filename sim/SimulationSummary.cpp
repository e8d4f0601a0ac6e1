// SPDX-License-Identifier: MIT
#include "sim/SimulationSummary.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "model/ComponentRollup.h"
#include "model/EnumNames.h"
#include "model/UnitTables.h"
#include "model/ReplicationStatistics.h"
#include "sim/EventImpacts.h"

namespace headroom::sim {
namespace {

using model::LatencyHistogram;
using model::LatencyResult;

constexpr std::array<double, 4> kPercentiles{0.50, 0.95, 0.99, 0.999};

LatencyResult latencyOf(const LatencyHistogram& histogram) {
    LatencyResult out;
    out.mean = histogram.mean();
    out.p50 = histogram.quantile(kPercentiles[0]);
    out.p95 = histogram.quantile(kPercentiles[1]);
    out.p99 = histogram.quantile(kPercentiles[2]);
    out.p999 = histogram.quantile(kPercentiles[3]);
    return out;
}

/// Half-widths of 95 % confidence intervals from the replications' own values (Student's t).
LatencyResult confidenceOf(const std::vector<LatencyResult>& perReplication) {
    const auto halfWidth = [&](std::optional<double> LatencyResult::*field) -> std::optional<double> {
        std::vector<double> values;
        for (const auto& r : perReplication)
            if (r.*field) values.push_back(*(r.*field));
        if (values.size() < 2) return std::nullopt;
        return model::summarize(values).halfWidth95;
    };
    return {halfWidth(&LatencyResult::mean), halfWidth(&LatencyResult::p50), halfWidth(&LatencyResult::p95), halfWidth(&LatencyResult::p99),
            halfWidth(&LatencyResult::p999)};
}

class Summary {
public:
    Summary(const model::Scenario& scenario, const model::Plan& plan, std::span<const ReplicationRecord> replications)
        : m_scenario(scenario), m_plan(plan), m_replications(replications), m_changes(plan.changesOverTime()) {
        for (const auto& r : replications) m_measured += r.window.measuredTime();
    }

    model::RunResult build(const model::RunInfo& info) {
        model::RunResult result;
        result.engine = "simulation";
        result.run = info;
        std::vector<model::PoolMetrics> pools;
        std::vector<double> loads;
        for (std::size_t p = 0; p < m_plan.pools.size(); ++p) {
            pools.push_back(poolMetrics(p));
            loads.push_back(std::max(pools.back().utilization.value_or(0.0), pools.back().workerUtilization.value_or(0.0)));
        }
        model::setBottleneck(m_scenario, m_plan, loads, result);
        if (const auto overloaded = overloadReasons(); !overloaded.empty()) {
            // The run stopped with requests piling up: where they piled up is the bottleneck.
            for (const auto& r : m_replications) {
                if (!r.overloaded) continue;
                for (std::size_t p = 0; p < m_plan.pools.size(); ++p)
                    if (m_plan.pools[p].name == r.overloadedPool) {
                        pools[p].stable = false;
                        result.bottleneck = m_scenario.components[m_plan.pools[p].component].id;
                    }
            }
            result.stable = false;
            result.notes.push_back("unstable: the run stopped early because requests piled up (" + overloaded + ")");
            result.notes.push_back(m_measured > 0.0 ? "the figures cover the measured time before the run stopped"
                                                    : "the run stopped before its warm-up ended, so nothing was measured; the time series shows "
                                                      "the build-up");
        }
        model::addComponents(m_scenario, m_plan, pools, result);
        measureKeys(result);
        for (std::size_t k = 0; k < m_plan.classes.size(); ++k) result.classes.push_back(classMetrics(k));
        result.slo = model::evaluateSlos(m_scenario, result, [&](std::size_t k, double p) -> std::optional<std::pair<double, bool>> {
            // A request that failed (rejected, timed out) was never answered: it counts as slower
            // than any answer. The p-quantile over every measured request is then the answered
            // ones' quantile at p × (answered + failed) / answered, and infinite when that is 1
            // or more (more than 1 − p of them failed): the SLO is missed, never met.
            const auto merged = mergedClass(k);
            const double answered = double(merged.count());
            const double failed = double(failedIn(k));
            if (answered + failed == 0.0) return std::nullopt;
            const double level = p * (answered + failed) / answered;
            if (answered == 0.0 || level >= 1.0) return std::pair{INFINITY, false};
            if (const auto value = merged.quantile(level)) return std::pair{*value, false};
            return std::nullopt;
        });
        for (auto& outcome : result.slo)
            if (outcome.value && std::isinf(*outcome.value)) outcome.value.reset();  // no finite value; met is false
        if (!result.stable)
            for (auto& outcome : result.slo) outcome.met = false;
        result.timeSeries = timeSeries();
        result.events = eventImpacts(m_scenario, m_plan, m_replications);
        result.autoscaling = autoscaling();
        addNotes(result);
        return result;
    }

private:
    [[nodiscard]] double rate(std::uint64_t count) const { return m_measured > 0.0 ? double(count) / m_measured : 0.0; }

    /// Measured requests of class k that failed, over every replication.
    /// What the keys did, measured over every replication's window: a keyed cache's hit ratio
    /// (the share of reads it held the key for), a sharded database's load per shard (the
    /// arrivals at its primary and its replicas). Over what the plan worked out.
    void measureKeys(model::RunResult& result) const {
        for (std::size_t p = 0; p < m_plan.pools.size(); ++p) {
            const model::PlanPool& pool = m_plan.pools[p];
            const std::string& id = m_scenario.components[pool.component].id;
            const auto component = std::find_if(result.components.begin(), result.components.end(), [&](const auto& c) { return c.id == id; });
            if (component == result.components.end() || !component->keys) continue;
            model::KeyedMetrics& keys = *component->keys;
            if (pool.keyedCache && !pool.keyedCache->hitRatioGiven) {
                std::uint64_t reads = 0, hits = 0;
                for (const auto& r : m_replications) reads += r.pools[p].keyReads, hits += r.pools[p].keyHits;
                keys.hitRatio = reads > 0 ? std::optional(double(hits) / double(reads)) : std::nullopt;
            }
            if (pool.sharding && pool.role == model::PoolRole::Primaries) {
                std::vector<double> arrivals(std::size_t(pool.shards), 0.0);
                for (std::size_t q = p; q < m_plan.pools.size() && m_plan.pools[q].component == pool.component; ++q) {
                    const int perShard = std::max(1, m_plan.pools[q].instances / pool.shards);
                    for (const auto& r : m_replications)
                        for (std::size_t i = 0; i < r.pools[q].instanceArrivals.size(); ++i)
                            if (i / std::size_t(perShard) < arrivals.size()) arrivals[i / std::size_t(perShard)] += double(r.pools[q].instanceArrivals[i]);
                }
                double total = 0.0;
                for (const double a : arrivals) total += a;
                if (total > 0.0)
                    for (double& a : arrivals) a /= total;
                if (total > 0.0) keys.shardLoad = std::move(arrivals);
            }
        }
    }

    std::uint64_t failedIn(std::size_t k) const {
        std::uint64_t failed = 0;
        for (const auto& r : m_replications) failed += r.classes[k].rejected + r.classes[k].timeouts + r.classes[k].errors;
        return failed;
    }

    LatencyHistogram mergedClass(std::size_t k) const {
        LatencyHistogram merged;
        for (const auto& r : m_replications) merged.merge(*r.classes[k].latency);
        return merged;
    }

    std::string overloadReasons() const {
        std::string reasons;
        for (const auto& r : m_replications)
            if (r.overloaded) reasons += (reasons.empty() ? "" : "; ") + ("replication " + std::to_string(r.index + 1) + ": " + r.overloadReason);
        return reasons;
    }

    model::ClassMetrics classMetrics(std::size_t k) const {
        model::ClassMetrics out;
        out.name = m_plan.classes[k].name;
        std::uint64_t completed = 0, rejected = 0, timeouts = 0, errors = 0, retries = 0;
        std::vector<LatencyResult> perReplication;
        std::vector<double> throughputs, rejections, timeoutRates, availabilities;
        for (const auto& r : m_replications) {
            const ClassRecord& c = r.classes[k];
            completed += c.completed;
            rejected += c.rejected;
            timeouts += c.timeouts;
            errors += c.errors;
            retries += c.retries;
            if (const auto offered = c.completed + c.rejected + c.timeouts + c.errors; offered > 0) availabilities.push_back(double(c.completed) / double(offered));
            if (c.latency->count() > 0) perReplication.push_back(latencyOf(*c.latency));
            if (const double t = r.window.measuredTime(); t > 0.0) {
                throughputs.push_back(double(c.completed) / t);
                rejections.push_back(double(c.rejected) / t);
                timeoutRates.push_back(double(c.timeouts) / t);
            }
        }
        if (throughputs.size() >= 2) {
            out.throughputCi95 = model::summarize(throughputs).halfWidth95;
            out.rejectedCi95 = model::summarize(rejections).halfWidth95;
            out.timeoutsCi95 = model::summarize(timeoutRates).halfWidth95;
        }
        out.throughput = rate(completed);
        out.rejected = rate(rejected);
        out.timeouts = rate(timeouts);
        out.errors = rate(rejected + timeouts + errors);
        // Every measured request ends answered or failed once, its retries inside it: the share
        // answered is the goodput a challenge asks for, and the availability an SLO may.
        if (const auto offered = completed + rejected + timeouts + errors; offered > 0) out.availability = double(completed) / double(offered);
        if (availabilities.size() >= 2) out.availabilityCi95 = model::summarize(availabilities).halfWidth95;
        if (m_changes) out.retries = rate(retries);
        const LatencyHistogram merged = mergedClass(k);
        out.latency = latencyOf(merged);
        if (merged.count() > 0) {
            std::vector<double> fractions{0.001};
            for (int percent = 1; percent <= 99; ++percent) fractions.push_back(percent / 100.0);
            for (const double tail : {0.995, 0.999, 0.9999}) fractions.push_back(tail);
            for (const double fraction : fractions) out.cdf.emplace_back(*merged.quantile(fraction), fraction);
        }
        if (perReplication.size() >= 2) out.ci95 = confidenceOf(perReplication);
        out.users = m_plan.classes[k].users;
        return out;
    }

    model::PoolMetrics poolMetrics(std::size_t p) const {
        const model::PlanPool& pool = m_plan.pools[p];
        model::PoolMetrics out;
        out.name = pool.name;
        out.instances = pool.instances;
        out.model = "simulated";
        std::uint64_t arrivals = 0, completed = 0, rejected = 0, timeouts = 0;
        double busyCores = 0.0, busyWorkers = 0.0, waiting = 0.0;
        LatencyHistogram visits;
        std::vector<double> arrivalRates, utilizations;
        double instanceSeconds = 0.0, billedSeconds = 0.0;  // serving, and launched
        for (const auto& r : m_replications) {
            const PoolRecord& record = r.pools[p];
            const double serving = servingSeconds(r, p);
            instanceSeconds += serving;
            if (record.scaling) billedSeconds += record.scaling->billedSeconds;
            if (const double t = r.window.measuredTime(); t > 0.0) {
                arrivalRates.push_back(double(record.arrivals) / t);
                if (serving > 0.0) utilizations.push_back(record.busyCoreSeconds / (serving * pool.cores));
            }
            arrivals += record.arrivals;
            completed += record.completed;
            rejected += record.rejected;
            timeouts += record.timeouts;
            busyCores += record.busyCoreSeconds;
            busyWorkers += record.busyWorkerSeconds;
            waiting += record.waitingSeconds;
            visits.merge(*record.latency);
        }
        out.arrivalRate = rate(arrivals);
        out.throughput = rate(completed);
        out.rejected = rate(rejected);
        out.timeouts = rate(timeouts);
        if (visits.count() > 0) {
            out.meanResponseTime = visits.mean();
            out.latency = latencyOf(visits);
        }
        if (pool.model == model::PoolModel::Queue && m_measured > 0.0 && instanceSeconds > 0.0) {
            out.utilization = busyCores / (instanceSeconds * pool.cores);
            if (pool.workers) out.workerUtilization = busyWorkers / (instanceSeconds * *pool.workers);
            out.meanQueueLength = waiting / m_measured;
        }
        if (changesFleet(p) && m_measured > 0.0) out.meanInstances = billedSeconds / m_measured;
        if (arrivalRates.size() >= 2) {
            out.arrivalRateCi95 = model::summarize(arrivalRates).halfWidth95;
            if (pool.model == model::PoolModel::Queue) out.utilizationCi95 = model::summarize(utilizations).halfWidth95;
        }
        return out;
    }

    /// Whether pool p's fleet changes over the run (an autoscaler, a deploy, a scale): its records
    /// carry what it billed.
    bool changesFleet(std::size_t p) const { return !m_replications.empty() && m_replications.front().pools[p].scaling.has_value(); }

    /// Instance-seconds pool p served in replication r's measured time: the instances taking
    /// traffic where its fleet changes, else all of them (an instance lost to a fault still counts,
    /// as the utilization of the fleet the file describes).
    double servingSeconds(const ReplicationRecord& r, std::size_t p) const {
        const auto& scaling = r.pools[p].scaling;
        if (!scaling) return r.window.measuredTime() * m_plan.pools[p].instances;
        double seconds = 0.0;
        for (std::size_t n = 0; n < scaling->secondsAt.size(); ++n) seconds += double(n) * scaling->secondsAt[n];
        return seconds;
    }

    /// What each autoscaler did: the time at each count, the instance-hours billed and their
    /// money beside the peak held fixed, and the first replication's scale-outs and scale-ins.
    std::vector<model::AutoscaleOutlook> autoscaling() const {
        std::vector<model::AutoscaleOutlook> out;
        for (std::size_t p = 0; p < m_plan.pools.size(); ++p) {
            const model::PlanPool& pool = m_plan.pools[p];
            if (!pool.autoscale || m_replications.empty()) continue;
            model::AutoscaleOutlook outlook;
            outlook.component = m_scenario.components[pool.component].id;
            outlook.metric = std::string(model::kAutoscaleMetricNames[std::size_t(pool.autoscale->metric)]);
            outlook.target = pool.autoscale->target;
            outlook.min = pool.autoscale->min;
            outlook.max = pool.autoscale->max;
            outlook.span = m_replications.front().window.measuredTime();
            outlook.instancesAtStart = pool.instances;
            std::vector<double> secondsAt;
            double billed = 0.0;
            for (const auto& r : m_replications) {
                const PoolScaling& scaling = *r.pools[p].scaling;
                outlook.instancesAtPeak = std::max(outlook.instancesAtPeak, scaling.peak);
                billed += scaling.billedSeconds;
                if (secondsAt.size() < scaling.secondsAt.size()) secondsAt.resize(scaling.secondsAt.size(), 0.0);
                for (std::size_t n = 0; n < scaling.secondsAt.size(); ++n) secondsAt[n] += scaling.secondsAt[n];
            }
            for (std::size_t n = 0; n < secondsAt.size(); ++n)
                if (secondsAt[n] > 0.0 && m_measured > 0.0) outlook.levels.push_back({int(n), secondsAt[n] / m_measured});
            if (m_measured > 0.0) outlook.meanInstances = billed / m_measured;
            outlook.instanceHours = billed / double(m_replications.size()) / 3600.0;
            if (pool.pricePerInstanceHour) {
                outlook.costPerMonth = outlook.meanInstances * *pool.pricePerInstanceHour * model::units::kMonth / 3600.0;
                outlook.fixedCostPerMonth = outlook.instancesAtPeak * *pool.pricePerInstanceHour * model::units::kMonth / 3600.0;
            }
            for (const auto& action : m_replications.front().pools[p].scaling->actions)
                outlook.actions.push_back({action.at, action.from, action.to,
                                           action.to > action.from ? std::optional(action.at + pool.autoscale->bootTime) : std::nullopt});
            out.push_back(std::move(outlook));
        }
        return out;
    }

    model::TimeSeries timeSeries() const {
        model::TimeSeries series;
        const MeasurementWindow& window = m_replications.front().window;
        const std::size_t points = window.points;
        const double n = double(m_replications.size());
        series.interval = window.interval;
        for (std::size_t i = 0; i < points; ++i) series.time.push_back(window.timeOf(i));
        const auto lengthOf = [&](std::size_t i) { return std::min(window.interval, m_replications.front().window.end - series.time[i]); };
        for (std::size_t k = 0; k < m_plan.classes.size(); ++k) {
            model::TimeSeries::ClassLine line;
            line.name = m_plan.classes[k].name;
            for (std::size_t i = 0; i < points; ++i) {
                double completed = 0.0, latencySum = 0.0, failed = 0.0;
                for (const auto& r : m_replications) {
                    completed += r.classes[k].seriesCompleted[i];
                    latencySum += r.classes[k].seriesLatencySum[i];
                    failed += r.classes[k].seriesFailed[i];
                }
                const double length = std::max(lengthOf(i), 1e-12);
                line.throughput.push_back(completed / n / length);
                line.meanLatency.push_back(completed > 0.0 ? std::optional(latencySum / completed) : std::nullopt);
                line.failures.push_back(failed / n / length);
                if (!m_changes) continue;
                const auto perSecond = [&](const std::vector<double> ClassRecord::*series) {
                    double sum = 0.0;
                    for (const auto& r : m_replications) sum += (r.classes[k].*series)[i];
                    return sum / n / length;
                };
                line.errors.push_back(perSecond(&ClassRecord::seriesErrors));
                line.timeouts.push_back(perSecond(&ClassRecord::seriesTimeouts));
                line.rejected.push_back(perSecond(&ClassRecord::seriesRejected));
                line.retries.push_back(perSecond(&ClassRecord::seriesRetries));
                // The window's p99 over every replication's answers in it.
                LatencyHistogram window;
                for (const auto& r : m_replications) window.merge(r.classes[k].seriesLatency[i]);
                line.p99.push_back(window.quantile(0.99));
            }
            series.classes.push_back(std::move(line));
        }
        for (std::size_t p = 0; p < m_plan.pools.size(); ++p) {
            const model::PlanPool& pool = m_plan.pools[p];
            model::TimeSeries::PoolLine line;
            line.name = pool.name;
            for (std::size_t i = 0; i < points; ++i) {
                double busy = 0.0, waiting = 0.0, serving = 0.0;
                for (const auto& r : m_replications) {
                    busy += r.pools[p].seriesBusyCores[i];
                    waiting += r.pools[p].seriesWaiting[i];
                    serving += r.pools[p].scaling ? r.pools[p].seriesRunning[i] : double(pool.instances);
                }
                if (pool.model == model::PoolModel::Queue && serving > 0.0) line.utilization.push_back(busy / (serving * pool.cores));
                else line.utilization.push_back(std::nullopt);
                line.queueLength.push_back(waiting / n);
                if (m_plan.pools[p].keyedCache && !m_replications.front().pools[p].seriesKeyReads.empty()) {
                    std::uint64_t reads = 0, hits = 0;
                    for (const auto& r : m_replications) reads += r.pools[p].seriesKeyReads[i], hits += r.pools[p].seriesKeyHits[i];
                    line.hitRatio.push_back(reads > 0 ? std::optional(double(hits) / double(reads)) : std::nullopt);
                }
                if (!m_changes) continue;
                double running = 0.0, healthy = 0.0;
                for (const auto& r : m_replications) {
                    running += r.pools[p].seriesRunning[i];
                    healthy += r.pools[p].seriesHealthy[i];
                }
                line.instances.push_back(running / n);
                line.healthy.push_back(healthy / n);
                if (!changesFleet(p)) continue;
                double booting = 0.0;
                for (const auto& r : m_replications) booting += r.pools[p].scaling->seriesBooting[i];
                line.booting.push_back(booting / n);
            }
            series.pools.push_back(std::move(line));
        }
        return series;
    }

    void addNotes(model::RunResult& result) const {
        std::uint64_t requests = 0;
        for (const auto& r : m_replications) requests += r.requests;
        result.notes.push_back(std::to_string(m_replications.size()) + " replication(s) of " + formatSeconds(result.run->duration) +
                               " simulated, the first " + formatSeconds(result.run->warmup) + " of each left out as warm-up; " +
                               std::to_string(requests) + " requests in all");
        if (m_replications.size() < 2) result.notes.push_back("one replication: no confidence intervals (set run.replications to 2 or more)");
        for (std::size_t k = 0; k < m_plan.classes.size(); ++k)
            if (mergedClass(k).clamped())
                result.notes.push_back("class \"" + m_plan.classes[k].name + "\" had latencies outside 1 ns to 12 days, counted at the ends");
    }

    static std::string formatSeconds(double seconds) {
        char text[32];
        std::snprintf(text, sizeof text, "%g s", seconds);
        return text;
    }

    const model::Scenario& m_scenario;
    const model::Plan& m_plan;
    std::span<const ReplicationRecord> m_replications;
    double m_measured = 0.0;  ///< measured seconds over all replications
    bool m_changes = false;   ///< model::Plan::changesOverTime(): the records carry its series
};

}  // namespace

model::RunResult summarizeReplications(const model::Scenario& scenario, const model::Plan& plan, std::span<const ReplicationRecord> replications,
                                       const model::RunInfo& info) {
    return Summary(scenario, plan, replications).build(info);
}

}  // namespace headroom::sim
