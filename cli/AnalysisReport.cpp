// SPDX-License-Identifier: MIT
#include "cli/AnalysisReport.h"

#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "cli/TextTable.h"

#include "model/EventSummary.h"
#include "model/Precision.h"
#include "model/RunDefaults.h"
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

/// "99.95%", with the digits a fraction near 1 needs.
std::string percentOf(double fraction) { return model::formatNumber(fraction * 100.0, 5) + "%"; }

std::string count(const std::optional<double>& value) {
    if (!value) return "—";
    if (*value > 0.0 && *value < 0.01) return "<0.01";
    return model::formatNumber(*value, 3);
}


/// How the run was measured, when it found its own warm-up or ran to a precision target.
void printRunPrecision(std::ostream& out, const model::RunResult& result) {
    if (!result.run) return;
    const model::RunInfo& run = *result.run;
    if (run.warmupMethod)
        out << "Warm-up: " << (run.warmup > 0.0 ? duration(run.warmup) : std::string("none needed")) << ", detected from " << model::run_defaults::kWarmupPilots << " pilot runs (MSER-5)"
            << (run.warmupSettled ? "" : "; no steady state seen, see the notes") << '\n';
    if (!run.precision) return;
    const auto* furthest = model::furthestLine(*run.precision);
    out << "Precision: " << (run.precision->met ? "every target met" : "short of the target") << " after " << run.replications << " replications"
        << (!run.precision->met && run.replications >= run.precision->maxReplications ? " (the cap)" : "")
        << (furthest ? "; furthest: " + model::describeLine(*furthest) : std::string()) << '\n';
}

void printSimulatedClasses(std::ostream& out, const model::RunResult& result) {
    const int replications = result.run ? result.run->replications : 1;
    out << "\nClasses" << (replications > 1 ? " (± half-width of the 95% confidence interval over " + std::to_string(replications) + " replications)" : "")
        << "\n";
    TextTable table({"class", "throughput", "rejected", "timeouts", "mean", "p50", "p99", "p99.9"});
    for (const auto& cls : result.classes) {
        const auto ci = cls.ci95.value_or(model::LatencyResult{});
        table.addRow({cls.name, rate(cls.throughput), rate(cls.rejected), rate(cls.timeouts.value_or(0.0)), model::durationWithInterval(cls.latency.mean, ci.mean),
                      duration(cls.latency.p50), model::durationWithInterval(cls.latency.p99, ci.p99), duration(cls.latency.p999)});
        if (cls.users) table.addNote("closed: " + std::to_string(*cls.users) + " users");
        if (cls.availability)
            table.addNote("availability " + percentOf(*cls.availability) +
                          (cls.availabilityCi95 ? " ± " + model::formatNumber(*cls.availabilityCi95 * 100.0, 2) + "%" : "") +
                          "; failed " + rate(cls.errors.value_or(0.0)) + ", retries " + rate(cls.retries.value_or(0.0)));
    }
    table.print(out);
}

/// One line a person can read per event: what it did, when it was noticed, when it was over.
void printEvents(std::ostream& out, const model::RunResult& result) {
    if (result.events.empty()) return;
    out << "\nEvents" << (result.run && result.run->replications > 1 ? " (means over the replications, ± half-width of the 95% interval)" : "") << "\n";
    for (const auto& event : result.events) out << "  " << model::impactSentence(event) << '\n';
}

/// "Survives the loss of: api ×1 ✓ · zone b ✗ (api saturates)", then a line per loss.
void printDegraded(std::ostream& out, const model::RunResult& result) {
    if (result.degraded.empty()) return;
    out << "\nSurvives the loss of\n";
    for (const auto& loss : result.degraded) {
        const bool survives = loss.stable && loss.sloMet != false;
        out << "  " << (survives ? "✓ " : "✗ ") << loss.lost;
        std::vector<std::string> why;
        for (const auto& id : loss.unavailable) why.push_back(id + " has nothing left");
        for (const auto& id : loss.saturated) why.push_back(id + " saturates");
        for (const auto& missed : loss.missedSlos) why.push_back(missed);
        if (!why.empty()) {
            out << ":";
            for (std::size_t i = 0; i < why.size(); ++i) out << (i ? "; " : " ") << why[i];
        }
        for (const auto& load : loss.load)
            out << (why.empty() && &load == &loss.load.front() ? ": " : ", ") << load.component << " " << load.instancesBefore << " → "
                << load.instancesAfter << " at " << rate(load.perInstanceAfter) << " each" << (load.utilizationAfter ? " (" + percent(load.utilizationAfter) + " busy)" : "");
        out << '\n';
    }
}

/// Where each retried call settles, and whether it can settle twice.
void printRetries(std::ostream& out, const model::RunResult& result) {
    if (result.retries.empty()) return;
    out << "\nRetries (where the offered load settles)\n";
    for (const auto& retry : result.retries) {
        out << "  " << retry.call << ", " << retry.attempts << " attempts, " << rate(retry.firstTries) << " first tries: ";
        for (std::size_t i = 0; i < retry.stable.size(); ++i) {
            const auto& point = retry.stable[i];
            out << (i ? "; or " : "stable at ") << rate(point.offered) << " offered ("
                << (point.failing > 0.0 && point.failing < 1e-4 ? std::string("<0.01%") : percent(point.failing)) << " failing, goodput "
                << rate(point.goodput) << ")";
        }
        if (retry.metastable)
            out << "\n    METASTABLE: a transient that fills the queue tips it into the failed state, which outlives the trigger";
        if (retry.triggerRate)
            out << "\n    " << (retry.metastable ? "and" : "it") << " fails for good above " << rate(*retry.triggerRate) << " first tries";
        out << '\n';
    }
}

/// Moments of a run, in seconds from its start ("70 s", "210 s"): comparable at a glance.
std::string seconds(double value) { return model::formatNumber(value, 6) + " s"; }

/// What each autoscaler's target implies over the profile, its money, and whether the fleet it
/// starts with is outgrown before new instances boot.
void printAutoscaling(std::ostream& out, const model::RunResult& result) {
    if (result.autoscaling.empty()) return;
    const bool simulated = result.engine == "simulation";
    out << (simulated ? "\nAutoscaling (what the autoscalers did; counts and money over the measured time, mean of the replications)\n"
                      : "\nAutoscaling (the count each moment's load implies; the simulator adds the lag)\n");
    for (const auto& outlook : result.autoscaling) {
        out << "  " << outlook.component << ": " << outlook.metric << " target " << model::formatNumber(outlook.target, 4) << ", " << outlook.min << " to "
            << outlook.max << " instances; over " << model::formatDuration(model::Seconds{outlook.span}) << ": " << outlook.instancesAtStart
            << " at the start, " << outlook.instancesAtPeak << " at the peak, " << model::formatNumber(outlook.meanInstances, 4) << " on average (";
        for (std::size_t i = 0; i < outlook.levels.size(); ++i)
            out << (i ? ", " : "") << outlook.levels[i].instances << " for " << percent(outlook.levels[i].share);
        out << ")\n";
        if (simulated) {
            // Its moves, its billed instance-hours (boot and drain included) and their money.
            out << "    " << model::scalingSentence(outlook, outlook.actions.size()) << '\n';
            continue;
        }
        if (outlook.costPerMonth && outlook.fixedCostPerMonth)
            out << "    $" << model::formatNumber(*outlook.costPerMonth, 4) << " a month autoscaled, against $" << model::formatNumber(*outlook.fixedCostPerMonth, 4)
                << " for " << outlook.instancesAtPeak << " held all month (30 days, T05)\n";
        if (const auto& outrun = outlook.outrun)
            out << "    OUTRUN: " << outrun->instances << " instances saturate at " << seconds(outrun->saturatesAt)
                << "; the autoscaler decides at " << seconds(outrun->decidedAt) << " and new instances take traffic at "
                << seconds(outrun->capacityAt) << ": expect latency above any SLO for about "
                << seconds(outrun->overloadedFor) << "\n";
    }
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
    // A month's cost per component where some are priced; a fleet that changed over a simulated
    // run is priced from the instances it launched on average ("×8, 11.2 billed").
    const bool priced = std::any_of(result.components.begin(), result.components.end(), [](const auto& c) { return c.costPerMonth.has_value(); });
    std::vector<std::string> headers{"component", "arrivals", "cores", "workers", "waiting", "response", "model"};
    if (priced) headers.push_back("cost/month");
    TextTable table(headers);
    const auto add = [&](const std::string& name, const model::PoolMetrics& m, const std::optional<double>& cost) {
        std::vector<std::string> row{name, rate(m.arrivalRate), percent(m.utilization), percent(m.workerUtilization), count(m.meanQueueLength),
                                     duration(m.meanResponseTime), m.model + (m.approximate ? " (approximate)" : "") + (m.stable ? "" : "  SATURATED")};
        if (priced) row.push_back(cost ? "$" + model::formatNumber(*cost, 4) : "—");
        table.addRow(row);
    };
    for (const auto& component : result.components) {
        std::string name = component.id + " ×" + std::to_string(component.total.instances);
        if (component.total.meanInstances) name += ", " + model::formatNumber(*component.total.meanInstances, 3) + " billed";
        add(name, component.total, component.costPerMonth);
        if (component.pools.size() > 1)
            for (const auto& pool : component.pools) add("  " + pool.name + " ×" + std::to_string(pool.instances), pool, std::nullopt);
    }
    table.print(out);
}

/// What the keys make of a keyed cache or database: "cache: hits 64.8% of reads, holding 500 K
/// values (1 GB)"; "posts: shard 1 takes 24.5% of requests, 1.96× the mean of 8".
void printKeys(std::ostream& out, const model::RunResult& result) {
    bool any = false;
    for (const auto& component : result.components) {
        if (!component.keys) continue;
        const model::KeyedMetrics& keys = *component.keys;
        if (!any) out << "\nKeys\n";
        any = true;
        if (keys.hitRatio) {
            out << "  " << component.id << ": hits " << percentOf(*keys.hitRatio) << " of reads";
            if (keys.itemsHeld) out << ", holding " << model::formatNumber(*keys.itemsHeld, 3) << " values";
            if (keys.memoryBytes) out << " (" << model::formatSize(model::Bytes{*keys.memoryBytes}) << ")";
            out << '\n';
        }
        if (const auto hottest = keys.hottestShard())
            out << "  " << component.id << ": shard " << hottest->first << " takes " << percentOf(keys.shardLoad[hottest->first]) << " of requests, "
                << model::formatNumber(hottest->second, 3) << "× the mean of " << keys.shardLoad.size() << " shards\n";
        if (keys.staleReads) out << "  " << component.id << ": " << percentOf(*keys.staleReads) << " of replica reads are stale\n";
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
    if (simulated) {
        printRunPrecision(out, result);
        printSimulatedClasses(out, result);
    } else
        printAnalyticClasses(out, result);
    printComponents(out, result);
    printKeys(out, result);
    printEvents(out, result);
    printDegraded(out, result);
    printRetries(out, result);
    printAutoscaling(out, result);
    const double monthly = model::monthlyCost(result).value_or(0.0);
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
            if (slo.availability) {
                out << "  " << model::objectiveName(slo) << ": "
                    << (slo.value ? percentOf(*slo.value) : std::string("unknown (only the simulator measures it)"))
                    << (slo.met ? (*slo.met ? "  met" : "  NOT MET") : "") << '\n';
                continue;
            }
            out << "  " << model::objectiveName(slo) << ": "
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
