// SPDX-License-Identifier: MIT
#include "cli/ReplicationRuns.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

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

/// One scenario's replications, run batch by batch in worker processes: the warm-up found first
/// from pilot runs (MSER-5) when the file sets none and asks for precision, then each batch
/// appended. Each replication is also summarized alone where something reads it: the SLO lines of
/// the precision, and the pairs of a paired comparison.
class BatchedReplications {
public:
    BatchedReplications(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run, const SimulateOptions& options,
                        std::ostream& out, std::ostream& err, bool keepEach, std::string source = {})
        : m_source(std::move(source)), m_scenario(scenario), m_plan(plan), m_run(run), m_runner(options, run.duration, model::toText(scenario), out, err),
          m_keepEach(keepEach || (!run.precision.empty() && !scenario.slos.empty())), m_warmup(run.warmup) {}

    [[nodiscard]] const sim::RunOptions& options() const { return m_run; }
    [[nodiscard]] int done() const { return int(m_records.size()); }
    [[nodiscard]] const std::vector<model::RunResult>& each() const { return m_each; }

    bool findWarmup(std::string& error) {
        if (!m_run.detectWarmup) return true;
        std::vector<ReplicationJob> pilots;
        for (int i = 0; i < model::run_defaults::kWarmupPilots; ++i) pilots.push_back({i, sim::pilotSeed(m_run.seed, i), 0.0});
        const auto records = m_runner.run(pilots, RunProgress{0, 0, true, std::nullopt}, error);
        if (!records) return failed(error);
        m_cut = model::mserCut(meanResponseSeries(*records), model::run_defaults::kMserBatch);
        m_warmup = records->front().window.timeOf(m_cut->observations);
        return true;
    }

    /// Runs replications done() … planned − 1.
    bool runTo(int planned, RunProgress progress, std::string& error) {
        progress.done = done();
        progress.planned = planned;
        const auto jobs = jobsFor(m_run, done(), planned, m_warmup);
        auto batch = m_runner.run(jobs, progress, error);
        if (!batch) return failed(error);
        for (auto& record : *batch) {
            if (m_keepEach) m_each.push_back(summarized(m_scenario, m_plan, m_run, m_warmup, std::span(&record, 1)));
            m_records.push_back(std::move(record));
        }
        return true;
    }

    [[nodiscard]] model::RunResult merged() const { return summarized(m_scenario, m_plan, m_run, m_warmup, m_records); }

    /// How close a merged result came to the run's targets; met at once without any.
    [[nodiscard]] model::PrecisionOutcome assess(const model::RunResult& merged) const {
        if (m_run.precision.empty()) return model::PrecisionOutcome{true, m_run.maxReplications, {}};
        return model::assessPrecision(merged, m_each, m_run.precision, m_run.maxReplications);
    }

    void announce(const RunProgress& progress) { m_runner.announce(progress); }

    /// The result says how its warm-up was found and, for a precision-targeted run, how close it
    /// came (with a note when it fell short).
    void finish(model::RunResult& result, model::PrecisionOutcome outcome) const {
        if (m_cut) {
            result.run->warmupMethod = "mser-5";
            result.run->warmupSettled = m_cut->settled;
            if (!m_cut->settled)
                result.notes.push_back("the warm-up detection (MSER-5) saw no steady state in the first half of the pilot runs: the run may be "
                                       "too short for the system to settle, or the system does not settle; lengthen run.duration or set run.warmup");
        }
        if (m_run.precision.empty()) return;
        if (!outcome.met) result.notes.push_back(model::shortfallNote(outcome, result.run->replications, result.stable));
        result.run->precision = std::move(outcome);
    }

private:
    bool failed(std::string& error) const {
        if (!m_source.empty()) error = m_source + ": " + error;
        return false;
    }

    std::string m_source;
    const model::Scenario& m_scenario;
    const model::Plan& m_plan;
    const sim::RunOptions& m_run;
    ReplicationRunner m_runner;
    bool m_keepEach = false;
    double m_warmup = 0.0;
    std::optional<model::WarmupCut> m_cut;
    std::vector<sim::ReplicationRecord> m_records;
    std::vector<model::RunResult> m_each;
};

/// Batches until every precision target of every run is met (sequential procedure, Law
/// §9.4.1): the first batch, then as many more as the half-widths' law says the furthest line
/// needs (model::replicationsNeeded, at most three times the run so far), until each is met or
/// the cap is reached. Several runs (the two sides of a paired comparison) take the same number
/// of replications, each toward its own targets (none: met at once), up to the smallest cap.
/// The batch sizes depend only on the results, which depend only on the seeds: the same files
/// and seeds give the same bytes on any number of cores. Each run's merged result, finished.
std::optional<std::vector<model::RunResult>> runToPrecision(std::span<BatchedReplications* const> runs, std::string& error) {
    int planned = 0, cap = std::numeric_limits<int>::max();
    for (auto* run : runs) {
        if (!run->findWarmup(error)) return std::nullopt;
        planned = std::max(planned, run->options().replications);
        cap = std::min(cap, run->options().maxReplications);
    }
    cap = std::max(cap, planned);
    RunProgress progress;
    while (true) {
        std::vector<model::RunResult> merged;
        std::vector<model::PrecisionOutcome> outcomes;
        bool met = true, stable = true;
        int needed = planned;
        for (auto* run : runs) {
            if (!run->runTo(planned, progress, error)) return std::nullopt;
            merged.push_back(run->merged());
            outcomes.push_back(run->assess(merged.back()));
            met = met && outcomes.back().met;
            stable = stable && merged.back().stable;
            if (!outcomes.back().met) needed = std::max(needed, model::replicationsNeeded(outcomes.back(), planned));
            if (const auto* furthest = model::furthestLine(outcomes.back())) progress.furthest = *furthest;
            progress.done = progress.planned = planned;
            run->announce(progress);
        }
        // At most three times as many as so far: the estimate of the spread from a first batch
        // of 10 is itself ±25 %, so one step does not bet the whole run on it.
        needed = std::min({needed, 3 * planned, cap});
        if (met || !stable || needed <= planned) {
            for (std::size_t i = 0; i < runs.size(); ++i) runs[i]->finish(merged[i], std::move(outcomes[i]));
            return merged;
        }
        planned = needed;
    }
}

}  // namespace

std::optional<model::RunResult> simulateReplications(const model::Scenario& scenario, const model::Plan& plan, const sim::RunOptions& run,
                                                     const SimulateOptions& options, std::ostream& out, std::ostream& err, std::string& error) {
    BatchedReplications replications(scenario, plan, run, options, out, err, false);
    if (!run.precision.empty()) {
        BatchedReplications* const runs[] = {&replications};
        auto merged = runToPrecision(runs, error);
        if (!merged) return std::nullopt;
        return std::move(merged->front());
    }
    if (!replications.runTo(run.replications, RunProgress{0, run.replications, false, std::nullopt}, error)) return std::nullopt;
    return replications.merged();
}

std::optional<PairedRuns> simulatePairs(const RunSide& before, const RunSide& after, const SimulateOptions& options, std::ostream& err, std::string& error) {
    std::ostringstream ignored;
    BatchedReplications first(before.scenario, before.plan, before.run, options, ignored, err, true, before.source);
    BatchedReplications second(after.scenario, after.plan, after.run, options, ignored, err, true, after.source);
    BatchedReplications* const runs[] = {&first, &second};
    auto merged = runToPrecision(runs, error);
    if (!merged) return std::nullopt;
    return PairedRuns{{std::move((*merged)[0]), first.each()}, {std::move((*merged)[1]), second.each()}};
}

}  // namespace headroom::cli
