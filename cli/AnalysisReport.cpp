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
    out << "  " << padded("class", 14) << padded("throughput", 12) << padded("rejected", 10) << padded("timeouts", 10) << padded("mean", 22)
        << padded("p50", 11) << padded("p99", 22) << "p99.9\n";
    for (const auto& cls : result.classes) {
        const auto ci = cls.ci95.value_or(model::LatencyResult{});
        out << "  " << padded(cls.name, 14) << padded(rate(cls.throughput), 12) << padded(rate(cls.rejected), 10)
            << padded(rate(cls.timeouts.value_or(0.0)), 10) << padded(withInterval(cls.latency.mean, ci.mean), 22) << padded(duration(cls.latency.p50), 11)
            << padded(withInterval(cls.latency.p99, ci.p99), 22) << duration(cls.latency.p999) << '\n';
        if (cls.users) out << "  " << padded("", 14) << "closed: " << *cls.users << " users\n";
    }
}

void printAnalyticClasses(std::ostream& out, const model::RunResult& result) {
    out << "\nClasses\n";
    out << "  " << padded("class", 16) << padded("throughput", 12) << padded("rejected", 10) << padded("mean", 10) << padded("p99", 12)
        << "max throughput\n";
    for (const auto& cls : result.classes) {
        out << "  " << padded(cls.name, 16) << padded(rate(cls.throughput), 12) << padded(rate(cls.rejected), 10)
            << padded(duration(cls.latency.mean), 10)
            << padded((cls.percentilesApproximate && cls.latency.p99 ? "~" : "") + duration(cls.latency.p99), 12)
            << (cls.maxThroughput ? rate(*cls.maxThroughput) : std::string("—")) << '\n';
        if (cls.users) {
            out << "  " << padded("", 16) << "closed: " << *cls.users << " users";
            if (cls.maxUsersWithinSlo)
                out << "; at most " << (cls.maxUsersIsLowerBound ? "at least " : "") << *cls.maxUsersWithinSlo << " meet the SLOs";
            out << '\n';
        }
    }
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
    out << "\nComponents\n";
    out << "  " << padded("component", 20) << padded("arrivals", 11) << padded("cores", 8) << padded("workers", 9) << padded("waiting", 9)
        << padded("response", 10) << "model\n";
    for (const auto& component : result.components) {
        const auto print = [&](const std::string& name, const model::PoolMetrics& m) {
            out << "  " << padded(name, 20) << padded(rate(m.arrivalRate), 11) << padded(percent(m.utilization), 8)
                << padded(percent(m.workerUtilization), 9)
                << padded(count(m.meanQueueLength), 9)
                << padded(duration(m.meanResponseTime), 10) << m.model << (m.approximate ? " (approximate)" : "")
                << (m.stable ? "" : "  SATURATED") << '\n';
        };
        print(component.id + " ×" + std::to_string(component.total.instances), component.total);
        if (component.pools.size() > 1)
            for (const auto& pool : component.pools) print("  " + pool.name + " ×" + std::to_string(pool.instances), pool);
    }
    double monthly = 0.0;
    for (const auto& component : result.components) monthly += component.costPerMonth.value_or(0.0);
    if (monthly > 0.0) out << "  cost of priced components: $" << model::formatNumber(monthly, 4) << " a month (30 days, T05; prices C11)\n";
    out << '\n';
    if (result.bottleneck) {
        out << "Bottleneck: " << *result.bottleneck;
        if (result.loadHeadroom)
            out << (result.stable ? "; every rate can grow ×" : "; every rate must shrink to ×") << model::formatNumber(*result.loadHeadroom, 3)
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
