// SPDX-License-Identifier: MIT
#include "model/ResultDiff.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "model/ReplicationStatistics.h"

namespace headroom::model {
namespace {

using Unit = MetricDelta::Unit;
using Extract = std::function<std::optional<double>(const RunResult&)>;

/// Whether an amount is more than rounding beside figures of the given size: 10⁻⁹ of them, far
/// above a double's last bits summed over many replications and far below any change that matters.
bool beyondRounding(double amount, double scale) { return amount > 1e-9 * scale; }

const ComponentMetrics* findComponent(const RunResult& result, std::string_view id) {
    for (const auto& component : result.components)
        if (component.id == id) return &component;
    return nullptr;
}

/// Names in the order `before` has them, then the ones only `after` has.
template <typename Item>
std::vector<std::string> unionOfNames(const std::vector<Item>& before, const std::vector<Item>& after, std::string Item::*name) {
    std::vector<std::string> names;
    for (const auto& item : before) names.push_back(item.*name);
    for (const auto& item : after)
        if (std::find(names.begin(), names.end(), item.*name) == names.end()) names.push_back(item.*name);
    return names;
}

Extract ofClass(const std::string& name, std::function<std::optional<double>(const ClassMetrics&)> get) {
    return [name, get](const RunResult& result) -> std::optional<double> {
        const ClassMetrics* cls = findClass(result, name);
        return cls ? get(*cls) : std::nullopt;
    };
}

Extract ofComponent(const std::string& id, std::function<std::optional<double>(const ComponentMetrics&)> get) {
    return [id, get](const RunResult& result) -> std::optional<double> {
        const ComponentMetrics* component = findComponent(result, id);
        return component ? get(*component) : std::nullopt;
    };
}

/// The paired interval over replications: d_i = after_i − before_i; none unless every pair has
/// both values and there are at least two. A spread within rounding (beyondRounding, as
/// MetricDelta::changed), such as a cost that every replication bills alike up to the last bits of
/// its sum, is none: the half-width is 0.
void pairUp(MetricDelta& delta, const Extract& extract, std::span<const RunResult> before, std::span<const RunResult> after) {
    if (before.size() != after.size() || before.size() < 2) return;
    std::vector<double> differences;
    double scale = 0.0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        const auto b = extract(before[i]), a = extract(after[i]);
        if (!b || !a) return;
        differences.push_back(*a - *b);
        scale = std::max({scale, std::abs(*a), std::abs(*b)});
    }
    const ReplicationSummary summary = summarize(differences);
    if (!summary.halfWidth95) return;
    delta.halfWidth = beyondRounding(*summary.halfWidth95, scale) ? *summary.halfWidth95 : 0.0;
    delta.significant = std::abs(summary.mean) > *delta.halfWidth && delta.changed();
}

std::vector<std::string> missedObjectives(const RunResult& result) {
    std::vector<std::string> missed;
    for (const auto& slo : result.slo)
        if (slo.met == false) missed.push_back(objectiveName(slo));
    return missed;
}

}  // namespace

std::optional<double> MetricDelta::delta() const {
    if (!before || !after) return std::nullopt;
    return *after - *before;
}

bool MetricDelta::changed() const {
    if (before.has_value() != after.has_value()) return true;
    if (!before) return false;
    const double scale = std::max(std::abs(*before), std::abs(*after));
    return beyondRounding(std::abs(*after - *before), scale);
}

ResultDiff diffResults(const RunResult& before, const RunResult& after, std::span<const RunResult> beforeReplications,
                       std::span<const RunResult> afterReplications) {
    ResultDiff diff;
    diff.engine = after.engine;
    diff.bottleneckBefore = before.bottleneck;
    diff.bottleneckAfter = after.bottleneck;
    diff.missedBefore = missedObjectives(before);
    diff.missedAfter = missedObjectives(after);
    diff.stableBefore = before.stable;
    diff.stableAfter = after.stable;
    if (before.run) diff.precisionBefore = before.run->precision;
    if (after.run) diff.precisionAfter = after.run->precision;
    const bool paired = beforeReplications.size() == afterReplications.size() && beforeReplications.size() >= 2;
    diff.pairs = paired ? int(beforeReplications.size()) : 0;

    const auto add = [&](std::string subject, std::string metric, Unit unit, const Extract& extract) {
        MetricDelta delta{std::move(subject), std::move(metric), unit, extract(before), extract(after), std::nullopt, std::nullopt};
        if (!delta.before && !delta.after) return;
        if (paired) pairUp(delta, extract, beforeReplications, afterReplications);
        diff.metrics.push_back(std::move(delta));
    };
    for (const auto& name : unionOfNames(before.classes, after.classes, &ClassMetrics::name)) {
        add(name, "throughput", Unit::Rate, ofClass(name, [](const ClassMetrics& c) -> std::optional<double> { return c.throughput; }));
        add(name, "mean", Unit::Seconds, ofClass(name, [](const ClassMetrics& c) { return c.latency.mean; }));
        add(name, "p99", Unit::Seconds, ofClass(name, [](const ClassMetrics& c) { return c.latency.p99; }));
        add(name, "availability", Unit::Fraction, ofClass(name, [](const ClassMetrics& c) { return c.availability; }));
    }
    for (const auto& id : unionOfNames(before.components, after.components, &ComponentMetrics::id)) {
        const ComponentMetrics* either = findComponent(before, id) ? findComponent(before, id) : findComponent(after, id);
        if (either->total.utilization)
            add(id, "utilization", Unit::Fraction, ofComponent(id, [](const ComponentMetrics& c) { return c.total.utilization; }));
        else
            add(id, "arrivals", Unit::Rate, ofComponent(id, [](const ComponentMetrics& c) -> std::optional<double> { return c.total.arrivalRate; }));
        add(id, "cost per month", Unit::Dollars, ofComponent(id, [](const ComponentMetrics& c) { return c.costPerMonth; }));
    }
    add("system", "cost per month", Unit::Dollars, [](const RunResult& result) { return monthlyCost(result); });
    return diff;
}

}  // namespace headroom::model
