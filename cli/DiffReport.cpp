// SPDX-License-Identifier: MIT
#include "cli/DiffReport.h"

#include <cmath>
#include <ostream>

#include "cli/TextTable.h"
#include "model/UnitFormat.h"

namespace headroom::cli {
namespace {

using Unit = model::MetricDelta::Unit;
using Kind = model::ScenarioChange::Kind;

std::string value(double v, Unit unit) {
    switch (unit) {
        case Unit::Rate: return model::formatRate(model::PerSecond{v});
        case Unit::Seconds: return model::formatDuration(model::Seconds{v});
        case Unit::Fraction: return model::formatNumber(v * 100.0, 4) + "%";
        case Unit::Dollars: return "$" + model::formatNumber(v, 4);
    }
    return "";
}

std::string shown(const std::optional<double>& v, Unit unit) { return v ? value(*v, unit) : std::string("—"); }

/// "+60 ms (+50%)"; a fraction's change in percentage points, "+20 points".
std::string change(const model::MetricDelta& metric) {
    const auto delta = metric.delta();
    if (!delta) return metric.before ? "gone" : "new";
    const std::string sign = *delta > 0 ? "+" : *delta < 0 ? "−" : "±";
    const double size = std::abs(*delta);
    std::string text = metric.unit == Unit::Fraction ? sign + model::formatNumber(size * 100.0, 3) + " points" : sign + value(size, metric.unit);
    if (*metric.before != 0.0 && metric.unit != Unit::Fraction)
        text += " (" + sign + model::formatNumber(size / std::abs(*metric.before) * 100.0, 2) + "%)";
    return text;
}

std::string halfWidth(const model::MetricDelta& metric) {
    if (!metric.halfWidth) return "";
    return metric.unit == Unit::Fraction ? model::formatNumber(*metric.halfWidth * 100.0, 2) + " points" : value(*metric.halfWidth, metric.unit);
}

/// "yes (± 3 ms)", "no (± 8 ms)", or "" without paired replications.
std::string significance(const model::MetricDelta& metric) {
    if (!metric.significant) return "";
    return std::string(*metric.significant ? "yes" : "no") + " (± " + halfWidth(metric) + ")";
}

std::vector<const model::MetricDelta*> changedMetrics(const model::ResultDiff& results) {
    std::vector<const model::MetricDelta*> changed;
    for (const auto& metric : results.metrics)
        if (metric.changed()) changed.push_back(&metric);
    return changed;
}

/// "12 other figures unchanged".
std::string unchangedCount(const model::ResultDiff& results, const std::vector<const model::MetricDelta*>& changed) {
    const std::size_t count = results.metrics.size() - changed.size();
    return std::to_string(count) + (count == 1 ? " other figure unchanged" : " other figures unchanged");
}

std::string engineName(const model::ResultDiff& results) {
    return results.engine == "simulation" ? "simulation, " + std::to_string(results.pairs) + " replications paired by seed" : results.engine + " engine";
}

std::string bottleneckLine(const model::ResultDiff& results, const char* quote) {
    const auto name = [&](const std::optional<std::string>& id) { return id ? quote + *id + quote : std::string("none"); };
    if (results.bottleneckBefore == results.bottleneckAfter) return "Bottleneck: " + name(results.bottleneckAfter) + " (unchanged)";
    return "Bottleneck: " + name(results.bottleneckBefore) + " → " + name(results.bottleneckAfter);
}

std::string objectivesText(const std::vector<std::string>& missed, bool stable) {
    if (!stable) return "saturated";
    if (missed.empty()) return "every SLO met";
    std::string text = "missed ";
    for (std::size_t i = 0; i < missed.size(); ++i) text += (i ? ", " : "") + missed[i];
    return text;
}

std::string objectivesLine(const model::ResultDiff& results) {
    const std::string before = objectivesText(results.missedBefore, results.stableBefore), after = objectivesText(results.missedAfter, results.stableAfter);
    return "SLOs: " + (before == after ? after + " (unchanged)" : before + " → " + after);
}

}  // namespace

void printDiff(std::ostream& out, const DiffReport& report) {
    out << report.before << " → " << report.after << "\n\nWhat changed in the file\n";
    if (report.changes.empty()) out << "  nothing but formatting\n";
    for (const auto& change : report.changes) out << "  " << model::describe(change) << '\n';
    const model::ResultDiff& results = report.results;
    const auto changed = changedMetrics(results);
    out << "\nWhat it does (" << engineName(results) << ")\n";
    if (changed.empty()) {
        out << "  no figure changed\n";
    } else {
        const bool paired = results.pairs > 0;
        std::vector<std::string> header{"", "figure", "before", "after", "change"};
        if (paired) header.push_back("significant");
        TextTable table(header);
        for (const auto* metric : changed) {
            std::vector<std::string> row{metric->subject, metric->metric, shown(metric->before, metric->unit), shown(metric->after, metric->unit), change(*metric)};
            if (paired) row.push_back(significance(*metric));
            table.addRow(row);
        }
        table.print(out);
        if (changed.size() < results.metrics.size()) out << "  " << unchangedCount(results, changed) << '\n';
    }
    out << "  " << bottleneckLine(results, "") << "\n  " << objectivesLine(results) << '\n';
    for (const auto& note : report.notes) out << "  note: " << note << '\n';
}

void printDiffMarkdown(std::ostream& out, const DiffReport& report) {
    out << "### Headroom: `" << report.before << "` → `" << report.after << "`\n\n**What changed in the file**\n\n";
    if (report.changes.empty()) out << "Nothing but formatting.\n";
    for (const auto& change : report.changes) out << "- `" << model::describe(change) << "`\n";
    const model::ResultDiff& results = report.results;
    const auto changed = changedMetrics(results);
    out << "\n**What it does** (" << engineName(results) << ")\n\n";
    if (changed.empty()) {
        out << "No figure changed.\n";
    } else {
        const bool paired = results.pairs > 0;
        out << "| | figure | before | after | change |" << (paired ? " significant |" : "") << "\n|---|---|---|---:|---:|" << (paired ? "---|" : "") << '\n';
        for (const auto* metric : changed) {
            // A significant change, or any change of a deterministic engine, in bold.
            const bool bold = metric->significant.value_or(!paired);
            out << "| " << metric->subject << " | " << metric->metric << " | " << shown(metric->before, metric->unit) << " | "
                << shown(metric->after, metric->unit) << " | " << (bold ? "**" : "") << change(*metric) << (bold ? "**" : "") << " |";
            if (paired) out << ' ' << significance(*metric) << " |";
            out << '\n';
        }
        if (changed.size() < results.metrics.size()) out << '\n' << unchangedCount(results, changed) << ".\n";
    }
    out << '\n' << bottleneckLine(results, "`") << ". " << objectivesLine(results) << ".\n";
    for (const auto& note : report.notes) out << "\n> " << note << '\n';
}

model::Json toJson(const DiffReport& report) {
    using model::Json;
    const auto optional = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
    Json changes = Json::array();
    for (const auto& change : report.changes) {
        static constexpr const char* kKinds[] = {"added", "removed", "changed", "moved"};
        Json item{{"kind", kKinds[int(change.kind)]}, {"path", change.path}, {"text", model::describe(change)}};
        if (change.before) item["before"] = *change.before;
        if (change.after) item["after"] = *change.after;
        if (!change.moved.empty()) item["moved"] = change.moved;
        changes.push_back(std::move(item));
    }
    Json metrics = Json::array();
    for (const auto& metric : report.results.metrics) {
        static constexpr const char* kUnits[] = {"per_second", "seconds", "fraction", "usd"};
        metrics.push_back(Json{{"subject", metric.subject},
                               {"metric", metric.metric},
                               {"unit", kUnits[int(metric.unit)]},
                               {"before", optional(metric.before)},
                               {"after", optional(metric.after)},
                               {"delta", optional(metric.delta())},
                               {"changed", metric.changed()},
                               {"half_width", optional(metric.halfWidth)},
                               {"significant", metric.significant ? Json(*metric.significant) : Json(nullptr)}});
    }
    const model::ResultDiff& results = report.results;
    const auto name = [](const std::optional<std::string>& id) { return id ? Json(*id) : Json(nullptr); };
    const auto precision = [](const std::optional<model::PrecisionOutcome>& outcome) { return outcome ? model::toJson(*outcome) : Json(nullptr); };
    return Json{{"before", report.before},
                {"after", report.after},
                {"engine", results.engine},
                {"paired_replications", results.pairs},
                {"changes", changes},
                {"metrics", metrics},
                {"bottleneck", Json{{"before", name(results.bottleneckBefore)}, {"after", name(results.bottleneckAfter)}}},
                {"missed_slos", Json{{"before", results.missedBefore}, {"after", results.missedAfter}}},
                {"stable", Json{{"before", results.stableBefore}, {"after", results.stableAfter}}},
                {"precision", Json{{"before", precision(results.precisionBefore)}, {"after", precision(results.precisionAfter)}}},
                {"notes", report.notes}};
}

}  // namespace headroom::cli
