// SPDX-License-Identifier: MIT
#include <ostream>

#include "analytic/ScenarioAnalysis.h"
#include "cli/Commands.h"
#include "cli/DiffReport.h"
#include "cli/ProblemReport.h"
#include "cli/ReplicationRuns.h"
#include "cli/Run.h"
#include "cli/WorkerProcess.h"
#include "model/Plan.h"
#include "model/Precision.h"
#include "model/ScenarioFile.h"
#include "model/UnitFormat.h"
#include "sim/RunOptions.h"

namespace headroom::cli {
namespace {

/// A side of the comparison: a file, or "git:REV:PATH" read through `git show` (PATH from the
/// repository's top, or ./PATH from the current folder, as git reads it).
std::optional<std::string> readSource(const std::string& source, std::string& error) {
    if (!source.starts_with("git:")) {
        auto text = model::readTextFile(source);
        if (!text) error = text.error();
        return text ? std::optional(std::move(*text)) : std::nullopt;
    }
    const std::string spec = source.substr(4);
    const std::size_t colon = spec.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) {
        error = source + ": expected git:REV:PATH, such as git:HEAD~1:scenarios/api.headroom.json";
        return std::nullopt;
    }
    auto text = runForOutput("git", {"show", spec}, model::kMaxScenarioFileBytes, error);
    if (!text) error = source + ": " + error;
    return text;
}

std::optional<PlannedScenario> loadSide(const std::string& source, std::ostream& err, int& code) {
    std::string error;
    const auto text = readSource(source, error);
    if (!text) {
        err << "headroom-cli: " << error << '\n';
        code = UsageError;
        return std::nullopt;
    }
    return planScenarioText(*text, source, err, code);
}

/// What a simulated side's run found for itself: its detected warm-up and how close it came to
/// its precision targets.
void addRunNotes(std::vector<std::string>& notes, const std::string& side, const model::RunResult& result) {
    if (!result.run) return;
    const model::RunInfo& run = *result.run;
    if (run.warmupMethod)
        notes.push_back(side + "'s warm-up, detected (MSER-5): " + model::formatDuration(model::Seconds{run.warmup}) +
                        (run.warmupSettled ? "" : ", though no steady state showed in the first half of the pilot runs"));
    if (!run.precision) return;
    if (!run.precision->met) {
        notes.push_back(side + "'s " + model::shortfallNote(*run.precision, run.replications, result.stable, "paired replications"));
        return;
    }
    const model::PrecisionLine* furthest = model::furthestLine(*run.precision);
    notes.push_back(side + "'s precision reached after " + std::to_string(run.replications) + " paired replications" +
                    (furthest ? "; furthest: " + model::describeLine(*furthest) : std::string()));
}

}  // namespace

int diffCommand(const DiffOptions& options, std::ostream& out, std::ostream& err) {
    int code = Done;
    const auto before = loadSide(options.before, err, code);
    if (!before) return code;
    const auto after = loadSide(options.after, err, code);
    if (!after) return code;
    DiffReport report{options.before, options.after, model::diffScenarios(before->scenario, after->scenario), {}, {}};
    const bool simulate = options.engine == "simulate";
    if (simulate && (before->scenario.components.empty() || after->scenario.components.empty())) {
        err << "headroom-cli: nothing to simulate: " << (before->scenario.components.empty() ? options.before : options.after) << " has no components\n";
        return ScenarioProblems;
    }
    if (!simulate) {
        report.results = model::diffResults(analytic::analyze(before->scenario, before->plan), analytic::analyze(after->scenario, after->plan));
    } else {
        // Both sides with the old side's seed and replication count, so that replication i of
        // each uses the same random numbers: common random numbers.
        sim::RunOverrides overrides;
        if (options.precision) {
            std::string wrong;
            overrides.precision = model::parsePrecisionOption(*options.precision, wrong);
            if (!wrong.empty()) return err << "headroom-cli: " << wrong << '\n', UsageError;
        }
        model::Problems problems;
        const sim::RunOptions beforeRun = sim::resolveRunOptions(before->scenario, overrides, problems);
        if (!problems.empty()) {
            printProblems(err, options.before, problems);
            return ScenarioProblems;
        }
        const sim::RunOptions afterRun =
            sim::resolveRunOptions(after->scenario, {std::nullopt, beforeRun.seed, beforeRun.replications, overrides.precision}, problems);
        if (!problems.empty()) {
            printProblems(err, options.after, problems);
            return ScenarioProblems;
        }
        // What the new file would run by itself where it sets a seed or a count (a precision
        // target raises the count to a first batch of at least ten).
        const model::RunSettings newRun = after->scenario.run.value_or(model::RunSettings{});
        model::Problems ignored;
        const int ownReplications = sim::resolveRunOptions(after->scenario, {std::nullopt, std::nullopt, std::nullopt, overrides.precision}, ignored).replications;
        if (newRun.seed.value_or(beforeRun.seed) != beforeRun.seed || (newRun.replications && ownReplications != beforeRun.replications))
            report.notes.push_back("the new file's seed or replications differ; both sides ran with the old file's (seed " + std::to_string(beforeRun.seed) +
                                   ", " + std::to_string(beforeRun.replications) + " replications" +
                                   (beforeRun.precision.empty() && afterRun.precision.empty() ? "" : " in the first batch") +
                                   ") so that each replication is paired");
        SimulateOptions simulateOptions;
        simulateOptions.jobs = options.jobs;
        std::string error;
        const auto runs = simulatePairs({options.before, before->scenario, before->plan, beforeRun}, {options.after, after->scenario, after->plan, afterRun},
                                        simulateOptions, err, error);
        if (!runs) return err << "headroom-cli: " << error << '\n', RunFailed;
        report.results = model::diffResults(runs->before.merged, runs->after.merged, runs->before.replications, runs->after.replications);
        if (report.results.pairs < 2) report.notes.push_back("one replication: no interval, so no change is marked significant or not");
        addRunNotes(report.notes, "the old file", runs->before.merged);
        addRunNotes(report.notes, "the new file", runs->after.merged);
    }
    if (options.format == "json")
        out << toJson(report).dump(2) << '\n';
    else if (options.format == "markdown")
        printDiffMarkdown(out, report);
    else
        printDiff(out, report);
    // The gate: the new side misses an SLO or saturates, or a side's figures are not as precise
    // as its file asks.
    return report.results.missedAfter.empty() && report.results.stableAfter && report.results.precise() ? Done : SloNotMet;
}

}  // namespace headroom::cli
