// SPDX-License-Identifier: MIT
#include "cli/ReplicationRuns.h"

#include <algorithm>
#include <cmath>

#include "cli/ReplicationRunner.h"
#include "model/Precision.h"
#include "model/RunDefaults.h"
#include "model/ScenarioWriter.h"
#include "model/WarmupDetection.h"
#include "sim/SimulationSummary.h"

namespace headroom::cli {
namespace {

model::RunResult summarized(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run, double warmup,
                            std::span<const sim::ReplicationRecord> records) {
    model::RunInfo info{run.duration, warmup, run.seed, int(records.size()), 0};
    for (const auto& record : records) info.requests += record.requests;
    return sim::summarizeReplications(scenario, plan, records, info);
}

std::vector<ReplicationJob> jobsFor(const sim::RunOptions& run, int from, int to, double warmup) {
    std::vector<ReplicationJob> jobs;
    for (int i = from; i < to; ++i) jobs.push_back({i, sim::replicationSeed(run.seed, i), warmup});
    return jobs;
}

/// The mean response time per interval of the time series, over every class and pilot: what
/// MSER reads. An interval without answers takes the mean of those with some, so it neither
/// pulls the cut nor breaks the batches.
std::vector<double> meanResponseSeries(std::span<const sim::ReplicationRecord> pilots) {
    const std::size_t points = pilots.empty() ? 0 : pilots.front().window.points;
    std::vector<double> completed(points, 0.0), latency(points, 0.0);
    for (const auto& pilot : pilots)
        for (const auto& cls : pilot.classes)
            for (std::size_t i = 0; i < points && i < cls.seriesCompleted.size() && i < cls.seriesLatencySum.size(); ++i) {
                completed[i] += cls.seriesCompleted[i];
                latency[i] += cls.seriesLatencySum[i];
            }
    double allCompleted = 0.0, allLatency = 0.0;
    for (std::size_t i = 0; i < points; ++i) {
        allCompleted += completed[i];
        allLatency += latency[i];
    }
    const double overall = allCompleted > 0.0 ? allLatency / allCompleted : 0.0;
    std::vector<double> series(points);
    for (std::size_t i = 0; i < points; ++i) series[i] = completed[i] > 0.0 ? latency[i] / completed[i] : overall;
    return series;
}

/// A run of batches until every precision target is met (sequential procedure, Law §9.4.1):
/// the first batch, then as many more as the half-widths' law says the furthest line needs
/// (model::replicationsNeeded, at most three times the run so far), until it is met or the
/// cap is reached. The batch sizes depend only on the results,
/// which depend only on the seed: the same file and seed give the same bytes on any number of
/// cores.
class PrecisionRun {
public:
    PrecisionRun(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run, const SimulateOptions& options,
                 std::ostream& out, std::ostream& err)
        : m_scenario(scenario), m_plan(plan), m_run(run), m_runner(options, run.duration, model::toText(scenario), out, err) {}

    std::optional<model::RunResult> run(std::string& error) {
        double warmup = m_run.warmup;
        std::optional<model::WarmupCut> cut;
        if (m_run.detectWarmup) {
            std::vector<ReplicationJob> pilots;
            for (int i = 0; i < model::run_defaults::kWarmupPilots; ++i) pilots.push_back({i, sim::pilotSeed(m_run.seed, i), 0.0});
            const auto records = m_runner.run(pilots, RunProgress{0, 0, true, std::nullopt}, error);
            if (!records) return std::nullopt;
            cut = model::mserCut(meanResponseSeries(*records), model::run_defaults::kMserBatch);
            warmup = records->front().window.timeOf(cut->observations);
        }
        std::vector<sim::ReplicationRecord> records;
        // Each replication summarized on its own: only the SLO lines read them.
        const bool sloLines = !m_scenario.slos.empty();
        std::vector<model::RunResult> alone;
        int planned = m_run.replications;
        RunProgress progress;
        while (true) {
            progress.done = int(records.size());
            progress.planned = planned;
            const auto jobs = jobsFor(m_run, int(records.size()), planned, warmup);
            auto batch = m_runner.run(jobs, progress, error);
            if (!batch) return std::nullopt;
            for (auto& record : *batch) {
                if (sloLines) alone.push_back(summarized(m_scenario, m_plan, m_run, warmup, std::span(&record, 1)));
                records.push_back(std::move(record));
            }
            model::RunResult merged = summarized(m_scenario, m_plan, m_run, warmup, records);
            model::PrecisionOutcome outcome = model::assessPrecision(merged, alone, m_run.precision, m_run.maxReplications);
            if (const auto* furthest = model::furthestLine(outcome)) progress.furthest = *furthest;
            progress.done = int(records.size());
            m_runner.announce(progress);
            // At most three times as many as so far: the estimate of the spread from a first
            // batch of 10 is itself ±25 %, so one step does not bet the whole run on it.
            const int needed = std::min({model::replicationsNeeded(outcome, planned), 3 * planned, m_run.maxReplications});
            if (outcome.met || !merged.stable || needed <= planned) {
                finish(merged, std::move(outcome), cut);
                return merged;
            }
            planned = needed;
        }
    }

private:
    void finish(model::RunResult& result, model::PrecisionOutcome outcome, const std::optional<model::WarmupCut>& cut) const {
        if (cut) {
            result.run->warmupMethod = "mser-5";
            result.run->warmupSettled = cut->settled;
            if (!cut->settled)
                result.notes.push_back("the warm-up detection (MSER-5) saw no steady state in the first half of the pilot runs: the run may be "
                                       "too short for the system to settle, or the system does not settle; lengthen run.duration or set run.warmup");
        }
        if (!outcome.met) {
            const auto* furthest = model::furthestLine(outcome);
            result.notes.push_back("precision not reached: " + (furthest ? model::describeLine(*furthest) : std::string("no interval")) + " after " +
                                   std::to_string(result.run->replications) + " replications" +
                                   (result.run->replications >= outcome.maxReplications ? " (the cap, run.max_replications)" : "") +
                                   (result.stable ? "" : "; the run is unstable, so more replications would not help"));
        }
        result.run->precision = std::move(outcome);
    }

    const model::Scenario& m_scenario;
    const model::Plan& m_plan;
    const sim::RunOptions& m_run;
    ReplicationRunner m_runner;
};

std::optional<std::vector<sim::ReplicationRecord>> fixedRecords(const model::Scenario& scenario, const sim::RunOptions& run, const SimulateOptions& options,
                                                                std::ostream& out, std::ostream& err, std::string& error) {
    ReplicationRunner runner(options, run.duration, model::toText(scenario), out, err);
    const auto jobs = jobsFor(run, 0, run.replications, run.warmup);
    return runner.run(jobs, RunProgress{0, run.replications, false, std::nullopt}, error);
}

}  // namespace

std::optional<model::RunResult> simulateReplications(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                                                     const SimulateOptions& options, std::ostream& out, std::ostream& err, std::string& error) {
    if (!run.precision.empty()) return PrecisionRun(scenario, plan, run, options, out, err).run(error);
    const auto records = fixedRecords(scenario, run, options, out, err, error);
    if (!records) return std::nullopt;
    return summarized(scenario, plan, run, run.warmup, *records);
}

std::optional<ReplicatedRun> simulateEachReplication(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                                                     const SimulateOptions& options, std::ostream& out, std::ostream& err, std::string& error) {
    const auto records = fixedRecords(scenario, run, options, out, err, error);
    if (!records) return std::nullopt;
    ReplicatedRun result{summarized(scenario, plan, run, run.warmup, *records), {}};
    for (std::size_t i = 0; i < records->size(); ++i)
        result.replications.push_back(summarized(scenario, plan, run, run.warmup, std::span(*records).subspan(i, 1)));
    return result;
}

}  // namespace headroom::cli
