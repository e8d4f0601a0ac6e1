// SPDX-License-Identifier: MIT
#include "cli/AnalysisReport.h"

#include <ostream>
#include <string>

#include "cli/TextTable.h"

#include "model/UnitFormat.h"

namespace headroom::cli {
namespace {

std::string duration(const std::optional<double>& seconds) {
    return seconds ? model::formatDuration(model::Seconds{*seconds}) : std::string("—");
}

std::string percent(const std::optional<double>& fraction) {
    return fraction ? model::formatNumber(*fraction * 100.0, 3) + "%" : std::string("—");
}

std::string rate(double perSecond) { return model::formatRate(model::PerSecond{perSecond}); }

std::string count(const std::optional<double>& value) {
    if (!value) return "—";
    if (*value > 0.0 && *value < 0.01) return "<0.01";
    return model::formatNumber(*value, 3);
}

/// "12.3 ms ± 0.2 ms", or the value alone without an interval.
std::string withInterval(const std::optional<double>& value, const std::optional<double>& halfWidth) {
    if (!value) return "—";
    return duration(value) + (halfWidth ? " ± " + duration(halfWidth) : std::string());
}

void printSimulatedClasses(std::ostream& out, const model::RunResult& result) {
    const int replications = result.run ? result.run->replications : 1;
    out << "\nClasses" << (replications > 1 ? " (± half-width of the 95% confidence interval over " + std::to_string(replications) + " replications)" : "")
        << "\n";
    TextTable table({"class", "throughput", "rejected", "timeouts", "mean", "p50", "p99", "p99.9"});
    for (const auto& cls : result.classes) {
        const auto ci = cls.ci95.value_or(model::LatencyResult{});
        table.addRow({cls.name, rate(cls.throughput), rate(cls.rejected), rate(cls.timeouts.value_or(0.0)), withInterval(cls.latency.mean, ci.mean),
                      duration(cls.latency.p50), withInterval(cls.latency.p99, ci.p99), duration(cls.latency.p999)});
        if (cls.users) table.addNote("closed: " + std::to_string(*cls.users) + " users");
    }
    table.print(out);
}

void printAnalyticClasses(std::ostream& out, const model::RunResult& result) {
    out << "\nClasses\n";
    TextTable table({"class", "throughput", "rejected", "mean", "p99", "max throughput"});
    for (const auto& cls : result.classes) {
        table.addRow({cls.name, rate(cls.throughput), rate(cls.rejected), duration(cls.latency.mean),
                      (cls.percentilesApproximate && cls.latency.p99 ? "~" : "") + duration(cls.latency.p99),
                      cls.maxThroughput ? rate(*cls.maxThroughput) : std::string("—")});
        if (cls.users) {
            std::string note = "closed: " + std::to_string(*cls.users) + " users";
            if (cls.maxUsersWithinSlo)
                note += "; at most " + std::string(cls.maxUsersIsLowerBound ? "at least " : "") + std::to_string(*cls.maxUsersWithinSlo) + " meet the SLOs";
            table.addNote(std::move(note));
        }
    }
    table.print(out);
}

void printComponents(std::ostream& out, const model::RunResult& result) {
    out << "\nComponents\n";
    TextTable table({"component", "arrivals", "cores", "workers", "waiting", "response", "model"});
    const auto add = [&](const std::string& name, const model::PoolMetrics& m) {
        table.addRow({name, rate(m.arrivalRate), percent(m.utilization), percent(m.workerUtilization), count(m.meanQueueLength),
                      duration(m.meanResponseTime), m.model + (m.approximate ? " (approximate)" : "") + (m.stable ? "" : "  SATURATED")});
    };
    for (const auto& component : result.components) {
        add(component.id + " ×" + std::to_string(component.total.instances), component.total);
        if (component.pools.size() > 1)
            for (const auto& pool : component.pools) add("  " + pool.name + " ×" + std::to_string(pool.instances), pool);
    }
    table.print(out);
}

}  // namespace

void printRunResult(std::ostream& out, const model::RunResult& result, std::string_view scenarioName) {
    const bool simulated = result.engine == "simulation";
    out << (simulated ? "Simulation: " : "Analysis: ") << scenarioName << " (" << result.engine << " engine)\n";
    if (result.components.empty()) {
        out << "\nThis scenario has no components to analyze; `headroom-cli estimate` reads its estimate block.\n";
        return;
    }
    if (simulated)
        printSimulatedClasses(out, result);
    else
        printAnalyticClasses(out, result);
    printComponents(out, result);
    double monthly = 0.0;
    for (const auto& component : result.components) monthly += component.costPerMonth.value_or(0.0);
    if (monthly > 0.0) out << "  cost of priced components: $" << model::formatNumber(monthly, 4) << " a month (30 days, T05; prices C11)\n";
    out << '\n';
    if (result.bottleneck) {
        out << "Bottleneck: " << *result.bottleneck;
        if (result.loadHeadroom)
            out << (*result.loadHeadroom >= 1.0 ? "; every rate can grow ×" : "; every rate must shrink to ×") << model::formatNumber(*result.loadHeadroom, 3)
                << " before it saturates";
        out << '\n';
    }
    if (!result.slo.empty()) {
        out << "\nSLOs\n";
        for (const auto& slo : result.slo) {
            out << "  " << slo.requestClass << " p" << model::formatNumber(slo.percentile) << " ≤ " << duration(slo.target) << ": "
                << (slo.value ? (slo.approximate ? "~" : "") + duration(slo.value) : std::string("no finite value"))
                << (slo.met ? (*slo.met ? "  met" : "  NOT MET") : "  unknown") << (slo.approximate ? " (approximate percentile)" : "") << '\n';
        }
    }
    if (!result.notes.empty()) {
        out << "\nNotes\n";
        for (const auto& note : result.notes) out << "  - " << note << '\n';
    }
}

}  // namespace headroom::cli
