// SPDX-License-Identifier: MIT
#include "cli/HtmlReport.h"

#include <algorithm>
#include <cmath>

#include "cli/SvgChart.h"
#include "cli/XmlText.h"
#include "model/EventSummary.h"
#include "model/UnitFormat.h"

namespace headroom::cli {
namespace {

constexpr const char* kStyle = R"(
body { font: 14px/1.45 system-ui, sans-serif; color: #1d2430; margin: 2em auto; max-width: 1100px; padding: 0 1.5em; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #d6dbe3; padding-bottom: 0.2em; }
.meta { color: #5b6576; } .ok { color: #1c7c3a; font-weight: 600; } .bad { color: #b3261e; font-weight: 600; }
table { border-collapse: collapse; margin: 0.6em 0; } th, td { padding: 0.25em 0.8em; text-align: left; border-bottom: 1px solid #e6e9ef; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } th { background: #f3f5f8; }
code, .formula { font-family: ui-monospace, monospace; font-size: 0.92em; } .formula { color: #3d4a5c; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2430; } svg .title { font-weight: 600; font-size: 13px; }
svg .grid { stroke: #e6e9ef; } svg .axis { stroke: #8a93a3; } svg .tick { fill: #5b6576; font-size: 11px; }
svg .target { stroke: #b3261e; stroke-dasharray: 6 4; } svg .target-label { fill: #b3261e; font-size: 11px; } svg .knee { stroke: #6b4fbb; stroke-dasharray: 3 3; } svg .mark { fill: #6b4fbb; font-size: 11px; }
svg .call { stroke: #667; stroke-width: 1.4; } svg .box rect { stroke: #8a93a3; stroke-width: 1.2; fill: #f3f5f8; }
svg .load-low rect { fill: #e3f4e8; } svg .load-medium rect { fill: #fdf1d6; } svg .load-high rect { fill: #fbe0d5; } svg .load-saturated rect { fill: #f6c9c4; }
svg .bottleneck rect { stroke: #b3261e; stroke-width: 3; } svg .id { font-weight: 600; } svg .kind { fill: #5b6576; font-size: 11px; }
)";

std::string html(std::string_view text) { return xmlEscaped(text); }
std::string duration(const std::optional<double>& seconds) { return seconds ? model::formatDuration(model::Seconds{*seconds}) : "—"; }
std::string rate(double perSecond) { return model::formatRate(model::PerSecond{perSecond}); }
std::string percent(const std::optional<double>& fraction, int significant = 3) {
    return fraction ? model::formatNumber(*fraction * 100.0, significant) + "%" : "—";
}
std::string money(const std::optional<double>& dollars) { return dollars ? "$" + model::formatNumber(*dollars, 4) : "—"; }

/// A table from a header and rows of cells already in HTML; columns listed in `numeric` align right.
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& numeric = {}) {
    std::string out = "<table><thead><tr>";
    for (const auto& cell : header) out += "<th>" + html(cell) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (const auto& row : rows) {
        out += "<tr>";
        for (std::size_t i = 0; i < row.size(); ++i) out += std::string(i < numeric.size() && numeric[i] ? "<td class=\"n\">" : "<td>") + row[i] + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

std::string objectives(const model::RunResult& result) {
    if (result.slo.empty()) return "<p>The file sets no SLOs.</p>\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& slo : result.slo) {
        const std::string value = slo.availability ? percent(slo.value, 5) : (slo.approximate ? "~" : "") + duration(slo.value);
        const std::string verdict = !slo.met ? "<span class=\"meta\">unknown</span>" : *slo.met ? "<span class=\"ok\">met</span>" : "<span class=\"bad\">not met</span>";
        rows.push_back({html(model::objectiveName(slo)), html(value), verdict});
    }
    return table({"objective", "value", ""}, rows, {false, true, false});
}

std::string classTable(const model::RunResult& result) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& cls : result.classes) {
        const auto ci = cls.ci95.value_or(model::LatencyResult{});
        rows.push_back({html(cls.name), html(rate(cls.throughput)), html(model::durationWithInterval(cls.latency.mean, ci.mean)), html(duration(cls.latency.p50)),
                        html(duration(cls.latency.p95)), html(model::durationWithInterval(cls.latency.p99, ci.p99)), html(percent(cls.availability, 5))});
    }
    return table({"class", "throughput", "mean", "p50", "p95", "p99", "availability"}, rows, {false, true, true, true, true, true, true});
}

std::string componentTable(const model::RunResult& result) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& component : result.components) {
        const auto& total = component.total;
        rows.push_back({html(component.id), std::to_string(total.instances), html(rate(total.arrivalRate)),
                        total.stable ? html(percent(total.utilization)) : "<span class=\"bad\">saturated</span>", html(duration(total.meanResponseTime)),
                        html(total.model), html(money(component.costPerMonth))});
    }
    return table({"component", "instances", "arrivals", "utilization", "response", "model", "cost/month"}, rows, {false, true, true, true, true, false, true});
}

std::string summary(const model::RunResult& result) {
    std::string out = "<p>";
    if (result.bottleneck) {
        out += "Bottleneck: <b>" + html(*result.bottleneck) + "</b>";
        if (result.loadHeadroom)
            out += *result.loadHeadroom >= 1.0 ? "; every rate can grow ×" + model::formatNumber(*result.loadHeadroom, 3) + " before it saturates"
                                               : "; every rate must shrink to ×" + model::formatNumber(*result.loadHeadroom, 3) + " to stop saturating";
        out += ". ";
    }
    out += model::everySloMet(result) && result.stable ? "<span class=\"ok\">Every SLO holds.</span>" : "<span class=\"bad\">Not every SLO holds.</span>";
    return out + "</p>\n";
}

std::string notes(const model::RunResult& result) {
    if (result.notes.empty()) return "";
    std::string out = "<ul class=\"meta\">";
    for (const auto& note : result.notes) out += "<li>" + html(note) + "</li>";
    return out + "</ul>\n";
}

std::string estimateSection(const model::Estimate& estimate) {
    std::string out = "<h2>Estimate</h2>\n<p class=\"meta\">Each number with the formula that made it and the rows of docs/reference.md its defaults come from.</p>\n";
    const auto group = [&](const std::string& title, const std::vector<model::NamedQuantity>& quantities) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& named : quantities) {
            const auto& q = named.quantity;
            std::string sources;
            for (const auto& source : q.sources) sources += (sources.empty() ? "" : ", ") + source;
            rows.push_back({"<code>" + html(named.key) + "</code>", html(model::formatQuantity(q, estimate.units)),
                            "<span class=\"formula\">" + html(q.formula) + (q.substituted.empty() ? "" : "<br>= " + html(q.substituted)) + "</span>" +
                                (q.note.empty() ? "" : "<br><span class=\"meta\">" + html(q.note) + "</span>"),
                            html(sources)});
        }
        out += "<h3>" + html(title) + "</h3>\n" + table({"quantity", "value", "formula", "sources"}, rows, {false, true, false, false});
    };
    group("Totals", estimate.totals);
    for (const auto& action : estimate.actions) group("Action “" + action.name + "”", action.quantities);
    for (const auto& dataset : estimate.datasets) group("Dataset “" + dataset.name + "”", dataset.quantities);
    if (estimate.keys) group("Keys", estimate.keys->quantities);
    return out;
}

const char* kColours[] = {"#2f6fd0", "#d0662f", "#2f9d5a", "#8a4fd0", "#c23b7a", "#6b7a8f"};

std::string simulationSection(const model::RunResult& simulation) {
    std::string out = "<h2>Simulation</h2>\n";
    if (simulation.run)
        out += "<p class=\"meta\">" + std::to_string(simulation.run->replications) + " replications of " + html(duration(simulation.run->duration)) + " (warm-up " +
               html(duration(simulation.run->warmup)) + "), seed " + std::to_string(simulation.run->seed) + ", " + std::to_string(simulation.run->requests) +
               " requests; ± the half-width of each 95 % confidence interval.</p>\n";
    out += summary(simulation) + objectives(simulation) + classTable(simulation) + componentTable(simulation);
    // The distribution of response times, each class a line.
    Chart cdf{"Response time distribution", "response time", "fraction answered within", [](double x) { return model::formatDuration(model::Seconds{x}); },
              [](double y) { return model::formatNumber(y * 100.0, 3) + "%"; }, {}, {}, {}, {}, {}, false};
    for (std::size_t k = 0; k < simulation.classes.size(); ++k) {
        ChartSeries series{simulation.classes[k].name, kColours[k % 6], {}, {}, {}, false};
        for (const auto& [seconds, fraction] : simulation.classes[k].cdf) {
            series.x.push_back(seconds);
            series.y.push_back(fraction);
        }
        if (!series.x.empty()) cdf.series.push_back(std::move(series));
    }
    if (!cdf.series.empty()) out += svgChart(cdf);
    if (simulation.timeSeries && !simulation.timeSeries->time.empty()) {
        const auto& ts = *simulation.timeSeries;
        Chart throughput{"Throughput over the run", "time", "answered per second", [](double x) { return model::formatDuration(model::Seconds{x}); },
                         [](double y) { return model::formatRate(model::PerSecond{y}); }, {}, {}, {}, {}, {}, false};
        Chart latency{"Mean response time over the run", "time", "mean response", [](double x) { return model::formatDuration(model::Seconds{x}); },
                      [](double y) { return model::formatDuration(model::Seconds{y}); }, {}, {}, {}, {}, {}, false};
        for (std::size_t k = 0; k < ts.classes.size(); ++k) {
            ChartSeries line{ts.classes[k].name, kColours[k % 6], ts.time, ts.classes[k].throughput, {}, false};
            throughput.series.push_back(line);
            line.y.clear();
            for (const auto& mean : ts.classes[k].meanLatency) line.y.push_back(mean.value_or(NAN));
            latency.series.push_back(line);
        }
        out += svgChart(throughput) + svgChart(latency);
    }
    if (!simulation.events.empty()) {
        out += "<h3>What each event did</h3>\n<ul>";
        for (const auto& event : simulation.events) out += "<li>" + html(model::impactSentence(event)) + "</li>";
        out += "</ul>\n";
    }
    return out + notes(simulation);
}

std::string sweepSection(const model::Json& sweep, const model::Scenario& scenario) {
    std::string out = "<h2>Sweep</h2>\n";
    const model::Json& axes = sweep["axes"];
    const model::Json& points = sweep["points"];
    if (axes.size() == 1) {
        const std::string axis = axes[0]["name"];
        const std::string kind = axes[0]["kind"];
        const auto axisText = [kind](double x) {
            if (kind == "rate") return model::formatRate(model::PerSecond{x});
            if (kind == "duration") return model::formatDuration(model::Seconds{x});
            if (kind == "size") return model::formatSize(model::Bytes{x});
            return model::formatNumber(x, 3);
        };
        std::vector<std::string> classes;
        for (const auto& point : points)
            if (point.contains("analytic"))
                for (const auto& [name, ignored] : point["analytic"]["classes"].items())
                    if (std::find(classes.begin(), classes.end(), name) == classes.end()) classes.push_back(name);
        for (std::size_t k = 0; k < classes.size(); ++k) {
            const std::string& name = classes[k];
            Chart chart{name + " p99 against " + axis, axis, "p99", axisText, [](double y) { return model::formatDuration(model::Seconds{y}); }, {}, {}, {}, {}, {},
                        axes[0]["logarithmic"].get<bool>()};
            ChartSeries analytic{"analytic", kColours[0], {}, {}, {}, false}, simulated{"simulated ± 95 %", kColours[1], {}, {}, {}, true};
            for (const auto& point : points) {
                const double x = point["values"][axis];
                const auto figure = [&](const char* engine, const char* key) -> double {
                    if (!point.contains(engine) || !point[engine]["classes"].contains(name)) return NAN;
                    const model::Json& v = point[engine]["classes"][name].value(key, model::Json(nullptr));
                    return v.is_number() ? v.get<double>() : NAN;
                };
                analytic.x.push_back(x);
                analytic.y.push_back(figure("analytic", "p99"));
                if (point.contains("simulation")) {
                    simulated.x.push_back(x);
                    simulated.y.push_back(figure("simulation", "p99"));
                    simulated.whisker.push_back(figure("simulation", "p99_ci95"));
                }
            }
            chart.series.push_back(analytic);
            if (!simulated.x.empty()) chart.series.push_back(simulated);
            for (const auto& slo : scenario.slos)
                if (slo.requestClass == name && !slo.isAvailability() && slo.percentile == 99.0) {
                    chart.horizontal = slo.latency.value;
                    chart.horizontalLabel = "SLO " + model::formatDuration(slo.latency);
                }
            if (sweep["knees"].contains(name)) {
                const std::size_t point = sweep["knees"][name]["point"].get<std::size_t>() - 1;
                chart.markedX = points[point]["values"][axis].get<double>();
                chart.markedLabel = "knee " + sweep["knees"][name]["label"].get<std::string>();
            }
            out += svgChart(chart);
        }
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header;
    for (const auto& axis : axes) header.push_back(axis["name"]);
    header.insert(header.end(), {"bottleneck", "busy", "cost/month", "SLOs"});
    for (const auto& point : points) {
        std::vector<std::string> row;
        for (const auto& axis : axes) row.push_back(html(point["labels"][axis["name"].get<std::string>()].get<std::string>()));
        if (!point.contains("analytic")) {
            row.push_back(html(point.value("error", "")));
            rows.push_back(row);
            continue;
        }
        const model::Json& a = point["analytic"];
        row.push_back(a["bottleneck"].is_string() ? html(a["bottleneck"].get<std::string>()) : "—");
        row.push_back(!a["stable"].get<bool>() ? "<span class=\"bad\">saturated</span>"
                                               : html(percent(a["bottleneck_utilization"].is_number() ? std::optional(a["bottleneck_utilization"].get<double>()) : std::nullopt)));
        row.push_back(html(money(a["cost_per_month"].is_number() ? std::optional(a["cost_per_month"].get<double>()) : std::nullopt)));
        row.push_back(a["slo_met"].get<bool>() ? "<span class=\"ok\">met</span>" : "<span class=\"bad\">missed</span>");
        rows.push_back(row);
    }
    return out + table(header, rows);
}

}  // namespace

std::string htmlReport(const ReportContents& contents) {
    const model::Scenario& scenario = contents.scenario;
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html(scenario.name) + " · Headroom report</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
    out += "<h1>" + html(scenario.name) + "</h1>\n<p class=\"meta\">Headroom report of <code>" + html(contents.file) + "</code>, by headroom-cli " +
           html(contents.version) + ".</p>\n";
    if (scenario.description && !scenario.description->empty()) out += "<p>" + html(*scenario.description) + "</p>\n";
    if (!scenario.components.empty()) out += "<h2>The system</h2>\n" + svgDiagram(scenario, &contents.analysis);
    if (contents.estimate) out += estimateSection(*contents.estimate);
    if (!scenario.components.empty()) {
        out += "<h2>Analysis</h2>\n<p class=\"meta\">The analytic engine: the system as a queueing network at its offered load.</p>\n";
        out += summary(contents.analysis) + objectives(contents.analysis) + classTable(contents.analysis) + componentTable(contents.analysis) + notes(contents.analysis);
    }
    if (contents.simulation) out += simulationSection(*contents.simulation);
    if (contents.sweep) out += sweepSection(*contents.sweep, scenario);
    return out + "</body>\n</html>\n";
}

}  // namespace headroom::cli
