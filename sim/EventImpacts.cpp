// SPDX-License-Identifier: MIT
#include "sim/EventImpacts.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "model/EnumNames.h"
#include "model/ReplicationStatistics.h"

namespace headroom::sim {
namespace {

/// DESIGN.md: back "within 10 % of the minute before the event for three windows in a row".
constexpr double kBaselineSeconds = 60.0;
constexpr double kRecoveryTolerance = 0.10;
constexpr int kWindowsInARow = 3;

/// One replication's time series, summed over the classes an event reaches.
struct Windows {
    const ReplicationRecord& record;
    const std::vector<bool>& classes;  ///< by class: counted
    std::size_t count() const { return record.window.points; }
    double start(std::size_t i) const { return record.window.timeOf(i); }
    double length(std::size_t i) const { return std::min(record.window.interval, record.window.end - start(i)); }
    double goodput(std::size_t i) const {
        double completed = 0.0;
        for (std::size_t k = 0; k < record.classes.size(); ++k)
            if (classes[k]) completed += record.classes[k].seriesCompleted[i];
        return length(i) > 0.0 ? completed / length(i) : 0.0;
    }
    model::LatencyHistogram latencies(std::size_t from, std::size_t to) const {  ///< windows [from, to)
        model::LatencyHistogram merged;
        for (std::size_t k = 0; k < record.classes.size(); ++k)
            if (classes[k])
                for (std::size_t i = from; i < to && i < record.classes[k].seriesLatency.size(); ++i) merged.merge(record.classes[k].seriesLatency[i]);
        return merged;
    }
    std::optional<double> p99(std::size_t i) const { return latencies(i, i + 1).quantile(0.99); }
    double sum(std::size_t i, const std::vector<double> ClassRecord::*series) const {
        double total = 0.0;
        for (std::size_t k = 0; k < record.classes.size(); ++k)
            if (classes[k] && i < (record.classes[k].*series).size()) total += (record.classes[k].*series)[i];
        return total;
    }
};

struct OneReplication {
    double failed = 0.0, timedOut = 0.0, retries = 0.0;
    std::optional<double> peakP99, recovery, detection, capacityDip;
    bool recovered = false;
};

/// The pools whose instances the event changes or strikes.
std::vector<std::size_t> poolsStruck(const model::PlanFault& fault) {
    std::vector<std::size_t> pools = fault.pools;
    for (const auto& target : fault.instances)
        if (std::find(pools.begin(), pools.end(), target.pool) == pools.end()) pools.push_back(target.pool);
    return pools;
}

/// How many fewer instances of the struck pools took traffic at the lowest window of the event
/// than in the window before it (window averages); none without the instance series.
std::optional<double> capacityDipIn(const ReplicationRecord& record, const model::PlanFault& fault) {
    const std::vector<std::size_t> pools = poolsStruck(fault);
    if (pools.empty() || record.pools[pools.front()].seriesRunning.empty()) return std::nullopt;
    const MeasurementWindow& window = record.window;
    const auto runningIn = [&](std::size_t i) {
        double sum = 0.0;
        for (const std::size_t p : pools) sum += record.pools[p].seriesRunning[i];
        return sum;
    };
    const std::size_t first = window.pointOf(fault.at);
    const double before = runningIn(first > 0 ? first - 1 : 0);
    const double end = std::isfinite(fault.end) ? std::max(fault.end, fault.at + 1e-9) : window.end;
    double lowest = before;
    for (std::size_t i = first; i < window.points && window.timeOf(i) < end; ++i) lowest = std::min(lowest, runningIn(i));
    return before - lowest;
}

OneReplication impactIn(const ReplicationRecord& record, const model::PlanFault& fault, const FaultRecord& counted) {
    OneReplication out;
    out.capacityDip = capacityDipIn(record, fault);
    out.failed = double(counted.failed);
    out.timedOut = double(counted.timedOut);
    out.retries = double(counted.retries);
    out.detection = counted.detection;
    const Windows windows{record, fault.classes};
    const std::size_t n = windows.count();
    // The baseline: the windows wholly inside the minute before the fault.
    std::size_t baseFrom = n, baseTo = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (windows.start(i) >= fault.at - kBaselineSeconds && windows.start(i) + windows.length(i) <= fault.at + 1e-9) {
            baseFrom = std::min(baseFrom, i);
            baseTo = i + 1;
        }
    std::optional<double> baseGoodput, baseP99;
    if (baseFrom < baseTo) {
        double sum = 0.0;
        for (std::size_t i = baseFrom; i < baseTo; ++i) sum += windows.goodput(i);
        baseGoodput = sum / double(baseTo - baseFrom);
        baseP99 = windows.latencies(baseFrom, baseTo).quantile(0.99);
    }
    const auto backToNormal = [&](std::size_t i) {
        if (!baseGoodput || !baseP99) return false;
        const auto p99 = windows.p99(i);
        return std::abs(windows.goodput(i) - *baseGoodput) <= kRecoveryTolerance * *baseGoodput && p99 &&
               *p99 <= (1.0 + kRecoveryTolerance) * *baseP99;
    };
    // Windows from the first that starts at or after the fault's end.
    std::size_t afterEnd = n;
    if (std::isfinite(fault.end))
        for (std::size_t i = 0; i < n; ++i)
            if (windows.start(i) >= fault.end - 1e-9) {
                afterEnd = i;
                break;
            }
    std::size_t until = n;  // the windows after the end that still count toward the impact
    for (std::size_t i = afterEnd; i + kWindowsInARow <= n; ++i) {
        bool ok = true;
        for (int k = 0; k < kWindowsInARow && ok; ++k) ok = backToNormal(i + std::size_t(k));
        if (!ok) continue;
        out.recovered = true;
        out.recovery = windows.start(i) - fault.end;
        until = i;
        break;
    }
    for (std::size_t i = afterEnd; i < until; ++i) {
        out.failed += windows.sum(i, &ClassRecord::seriesRejected) + windows.sum(i, &ClassRecord::seriesErrors);
        out.timedOut += windows.sum(i, &ClassRecord::seriesTimeouts);
        out.retries += windows.sum(i, &ClassRecord::seriesRetries);
    }
    for (std::size_t i = 0; i < std::min(until, n); ++i) {
        if (windows.start(i) + windows.length(i) <= fault.at) continue;
        if (const auto p99 = windows.p99(i)) out.peakP99 = std::max(out.peakP99.value_or(0.0), *p99);
    }
    return out;
}

/// The mean over the replications and its half-width; absent when any replication has none.
std::pair<std::optional<double>, std::optional<double>> meanOf(const std::vector<OneReplication>& all,
                                                               const std::function<std::optional<double>(const OneReplication&)>& field) {
    std::vector<double> values;
    for (const auto& one : all) {
        const auto value = field(one);
        if (!value) return {std::nullopt, std::nullopt};
        values.push_back(*value);
    }
    if (values.empty()) return {std::nullopt, std::nullopt};
    const auto summary = model::summarize(values);
    return {summary.mean, summary.halfWidth95};
}

}  // namespace

std::vector<model::EventImpact> eventImpacts(const model::Scenario& scenario, const model::Plan& plan,
                                             std::span<const ReplicationRecord> replications) {
    std::vector<model::EventImpact> out;
    for (std::size_t f = 0; f < plan.faults.size(); ++f) {
        const model::PlanFault& fault = plan.faults[f];
        model::EventImpact event;
        event.kind = std::string(fault.change ? model::nameOf(model::kChangeKindNames, fault.change->kind) : model::nameOf(model::kFaultKindNames, fault.kind));
        event.description = fault.description;
        if (fault.component) event.component = scenario.components[*fault.component].id;
        event.at = fault.at;
        if (std::isfinite(fault.until)) event.until = fault.until;
        std::vector<OneReplication> all;
        for (const auto& record : replications) all.push_back(impactIn(record, fault, record.faults[f]));
        const auto set = [&](std::optional<double> model::EventImpact::Figures::*member, auto field) {
            const auto [mean, halfWidth] = meanOf(all, field);
            event.impact.*member = mean;
            event.ci95.*member = halfWidth;
        };
        set(&model::EventImpact::Figures::failed, [](const OneReplication& one) { return std::optional(one.failed); });
        set(&model::EventImpact::Figures::timedOut, [](const OneReplication& one) { return std::optional(one.timedOut); });
        set(&model::EventImpact::Figures::retries, [](const OneReplication& one) { return std::optional(one.retries); });
        set(&model::EventImpact::Figures::peakP99, [](const OneReplication& one) { return one.peakP99; });
        set(&model::EventImpact::Figures::recoveryTime, [](const OneReplication& one) { return one.recovery; });
        set(&model::EventImpact::Figures::detectionTime, [](const OneReplication& one) { return one.detection; });
        set(&model::EventImpact::Figures::capacityDip, [](const OneReplication& one) { return one.capacityDip; });
        event.recovered = std::all_of(all.begin(), all.end(), [](const OneReplication& one) { return one.recovered; });
        // A change may leave a new steady state (a slower version, fewer instances): not a failure.
        event.metastable = !fault.change && std::isfinite(fault.end) && !event.recovered;
        out.push_back(std::move(event));
    }
    return out;
}

}  // namespace headroom::sim
