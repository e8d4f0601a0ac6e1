// SPDX-License-Identifier: MIT
#include "model/Precision.h"

#include <algorithm>
#include <cmath>

#include "model/EnumNames.h"
#include "model/ReplicationStatistics.h"
#include "model/UnitFormat.h"
#include "model/Units.h"

namespace headroom::model {
namespace {

std::optional<double> LatencyResult::*fieldOf(PrecisionStatistic statistic) {
    switch (statistic) {
    case PrecisionStatistic::Mean: return &LatencyResult::mean;
    case PrecisionStatistic::P50: return &LatencyResult::p50;
    case PrecisionStatistic::P95: return &LatencyResult::p95;
    case PrecisionStatistic::P99: return &LatencyResult::p99;
    case PrecisionStatistic::P999: return &LatencyResult::p999;
    }
    return &LatencyResult::mean;
}

/// The percentile a statistic stands for (mean: none).
std::optional<double> percentileOf(PrecisionStatistic statistic) {
    switch (statistic) {
    case PrecisionStatistic::Mean: return std::nullopt;
    case PrecisionStatistic::P50: return 50.0;
    case PrecisionStatistic::P95: return 95.0;
    case PrecisionStatistic::P99: return 99.0;
    case PrecisionStatistic::P999: return 99.9;
    }
    return std::nullopt;
}

std::optional<double> relative(std::optional<double> halfWidth, std::optional<double> value) {
    if (!halfWidth || !value || !(*value > 0.0) || !std::isfinite(*value)) return std::nullopt;
    return *halfWidth / *value;
}

/// The target an SLO's percentile is held to.
double sloTarget(std::span<const PrecisionTarget> targets, double percentile) {
    double tightestPercentile = INFINITY, tightest = INFINITY;
    for (const auto& target : targets) {
        if (percentileOf(target.statistic) == percentile) return target.relative;
        if (percentileOf(target.statistic)) tightestPercentile = std::min(tightestPercentile, target.relative);
        tightest = std::min(tightest, target.relative);
    }
    return std::isfinite(tightestPercentile) ? tightestPercentile : tightest;
}

std::string percentText(double fraction) { return formatNumber(fraction * 100.0, 2) + "%"; }

}  // namespace

PrecisionOutcome assessPrecision(const RunResult& merged, std::span<const RunResult> replications,
                                 std::span<const PrecisionTarget> targets, int maxReplications) {
    PrecisionOutcome outcome{true, maxReplications, {}};
    for (const auto& cls : merged.classes)
        for (const auto& target : targets) {
            const auto field = fieldOf(target.statistic);
            std::optional<double> halfWidth;
            if (cls.ci95) halfWidth = (*cls.ci95).*field;
            outcome.lines.push_back({cls.name, std::string(nameOf(kPrecisionStatisticNames, target.statistic)), false, target.relative,
                                     relative(halfWidth, cls.latency.*field)});
        }
    for (std::size_t s = 0; s < merged.slo.size(); ++s) {
        const SloOutcome& slo = merged.slo[s];
        if (slo.availability) continue;
        const bool asked = std::any_of(targets.begin(), targets.end(), [&](const auto& t) { return percentileOf(t.statistic) == slo.percentile; });
        if (asked) continue;
        std::vector<double> values;
        bool everyValue = true;
        for (const auto& replication : replications) {
            const auto found = std::find_if(replication.slo.begin(), replication.slo.end(), [&](const SloOutcome& other) {
                return other.requestClass == slo.requestClass && other.percentile == slo.percentile && !other.availability;
            });
            if (found == replication.slo.end() || !found->value) everyValue = false;
            else values.push_back(*found->value);
        }
        std::optional<double> halfWidth;
        if (everyValue && values.size() >= 2) halfWidth = summarize(values).halfWidth95;
        outcome.lines.push_back({slo.requestClass, "p" + shortestDecimal(slo.percentile), true, sloTarget(targets, slo.percentile),
                                 relative(halfWidth, slo.value)});
    }
    outcome.met = std::all_of(outcome.lines.begin(), outcome.lines.end(), [](const PrecisionLine& line) { return line.met(); });
    return outcome;
}

const PrecisionLine* furthestLine(const PrecisionOutcome& outcome) {
    const PrecisionLine* furthest = nullptr;
    double worst = -1.0;
    for (const auto& line : outcome.lines) {
        const double ratio = line.reached ? *line.reached / line.target : INFINITY;
        if (ratio > worst) {
            worst = ratio;
            furthest = &line;
        }
    }
    return furthest;
}

int replicationsNeeded(const PrecisionOutcome& outcome, int replications) {
    // h = t(n − 1) s/√n, so at n′ the same s gives h t(n′ − 1)/t(n − 1) √(n/n′): n′ solves
    // n′ = n (h/target)² (t(n′ − 1)/t(n − 1))², by a few steps from the plain 1/√n guess.
    const int n = std::max(replications, 2);
    double worst = 0.0;
    for (const auto& line : outcome.lines) {
        if (!line.reached) return std::max(2 * replications, replications + 1);
        worst = std::max(worst, *line.reached / line.target);
    }
    if (worst <= 1.0) return replications;
    const double plain = n * worst * worst;
    double next = plain;
    for (int step = 0; step < 4; ++step) {
        const double t = studentT95(int(std::min(next, 1e6)) - 1) / studentT95(n - 1);
        next = std::max(plain * t * t, double(n + 1));
    }
    return int(std::min(std::ceil(next - 1e-9), 1e6));
}

std::vector<PrecisionTarget> parsePrecisionOption(std::string_view text, std::string& error) {
    std::vector<PrecisionTarget> targets;
    const auto parseValue = [&](std::string_view value, std::string_view statistic) -> std::optional<double> {
        const auto ratio = parseRatio(value);
        if (!ratio || !(*ratio > 0.0 && *ratio < 1.0)) {
            error = "--precision: " + std::string(statistic) + " wants a relative half-width above 0 and below 100%, such as 2%, got \"" +
                    std::string(value) + "\"";
            return std::nullopt;
        }
        return *ratio;
    };
    if (text.find('=') == std::string_view::npos) {
        if (const auto value = parseValue(text, "p99")) targets.push_back({PrecisionStatistic::P99, *value});
        return error.empty() ? targets : std::vector<PrecisionTarget>{};
    }
    for (bool more = true; more;) {
        const auto comma = text.find(',');
        const std::string_view item = text.substr(0, comma);
        more = comma != std::string_view::npos;
        if (more) text = text.substr(comma + 1);
        const auto equals = item.find('=');
        const std::string_view name = item.substr(0, equals);
        const auto found = std::find(kPrecisionStatisticNames.begin(), kPrecisionStatisticNames.end(), name);
        if (equals == std::string_view::npos || found == kPrecisionStatisticNames.end()) {
            error = "--precision: \"" + std::string(item) + "\" is not STATISTIC=PERCENT with a statistic among mean, p50, p95, p99, p999 (such as p99=2%)";
            return {};
        }
        const auto value = parseValue(item.substr(equals + 1), name);
        if (!value) return {};
        const auto statistic = PrecisionStatistic(found - kPrecisionStatisticNames.begin());
        std::erase_if(targets, [&](const PrecisionTarget& t) { return t.statistic == statistic; });
        targets.push_back({statistic, *value});
    }
    std::sort(targets.begin(), targets.end(), [](const auto& a, const auto& b) { return a.statistic < b.statistic; });
    return targets;
}

std::string describeLine(const PrecisionLine& line) {
    std::string text = (line.slo ? "SLO " : "") + line.statistic + " of " + line.requestClass + " ";
    text += line.reached ? "±" + percentText(*line.reached) : "without an interval yet";
    return text + " (target " + percentText(line.target) + ")";
}

std::string shortfallNote(const PrecisionOutcome& outcome, int replications, bool stable, std::string_view counted) {
    const PrecisionLine* furthest = furthestLine(outcome);
    return "precision not reached: " + (furthest ? describeLine(*furthest) : std::string("no interval")) + " after " + std::to_string(replications) + " " +
           std::string(counted) + (replications >= outcome.maxReplications ? " (the cap, run.max_replications)" : "") +
           (stable ? "" : "; the run is unstable, so more replications would not help");
}

}  // namespace headroom::model
