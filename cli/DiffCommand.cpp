// SPDX-License-Identifier: MIT
#include <ostream>
#include <sstream>

#include "analytic/ScenarioAnalysis.h"
#include "cli/Commands.h"
#include "cli/DiffReport.h"
#include "cli/ProblemReport.h"
#include "cli/ReplicationRuns.h"
#include "cli/Run.h"
#include "cli/WorkerProcess.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
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
        model::Problems problems;
        const sim::RunOptions beforeRun = sim::resolveRunOptions(before->scenario, {}, problems);
        const sim::RunOptions afterRun = sim::resolveRunOptions(after->scenario, {std::nullopt, beforeRun.seed, beforeRun.replications}, problems);
        if (!problems.empty()) {
            printProblems(err, options.after, problems);
            return ScenarioProblems;
        }
        const model::RunSettings newRun = after->scenario.run.value_or(model::RunSettings{});
        if (newRun.seed.value_or(beforeRun.seed) != beforeRun.seed || newRun.replications.value_or(beforeRun.replications) != beforeRun.replications)
            report.notes.push_back("the new file's seed or replications differ; both sides ran with the old file's (seed " + std::to_string(beforeRun.seed) +
                                   ", " + std::to_string(beforeRun.replications) + " replications) so that each replication is paired");
        if (beforeRun.replications < 2) report.notes.push_back("one replication: no interval, so no change is marked significant or not");
        SimulateOptions simulateOptions;
        simulateOptions.jobs = options.jobs;
        std::ostringstream ignored;
        std::string error;
        const auto first = simulateEachReplication(before->scenario, before->plan, beforeRun, simulateOptions, ignored, err, error);
        if (!first) return err << "headroom-cli: " << options.before << ": " << error << '\n', RunFailed;
        const auto second = simulateEachReplication(after->scenario, after->plan, afterRun, simulateOptions, ignored, err, error);
        if (!second) return err << "headroom-cli: " << options.after << ": " << error << '\n', RunFailed;
        report.results = model::diffResults(first->merged, second->merged, first->replications, second->replications);
    }
    if (options.format == "json")
        out << toJson(report).dump(2) << '\n';
    else if (options.format == "markdown")
        printDiffMarkdown(out, report);
    else
        printDiff(out, report);
    // The gate: the new side misses an SLO or saturates.
    return report.results.missedAfter.empty() && report.results.stableAfter ? Done : SloNotMet;
}

}  // namespace headroom::cli
