// SPDX-License-Identifier: MIT
#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <sstream>

#include "analytic/ScenarioAnalysis.h"
#include "cli/CheckCases.h"
#include "cli/Commands.h"
#include "cli/ReplicationRuns.h"
#include "cli/Run.h"
#include "model/FileWriter.h"
#include "model/JsonLocation.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "model/UnitFormat.h"
#include "sim/RunOptions.h"

namespace headroom::cli {
namespace {

using Outcome = CheckCase::Outcome;

struct FileCheck {
    CheckedFile checked;
    std::string text;  ///< the file as read, for the cases' lines
    int code = Done;
};

FileCheck checkFile(const std::string& file, const CheckOptions& options, std::ostream& err) {
    FileCheck out;
    out.checked.file = file;
    auto text = model::readTextFile(file);
    if (!text) {
        out.checked.cases.push_back(unreadableFileCase(text.error()));
        out.code = UsageError;
        return out;
    }
    out.text = std::move(*text);
    model::Loaded loaded = model::loadScenarioText(out.text);
    std::optional<model::Plan> plan;
    model::Problems problems = loaded.problems;
    if (loaded.scenario) {
        model::Compiled compiled = model::compilePlan(*loaded.scenario);
        plan = std::move(compiled.plan);
        problems.insert(problems.end(), compiled.problems.begin(), compiled.problems.end());
    }
    if (!plan) {
        out.checked.cases = invalidFileCases(problems);
        out.code = ScenarioProblems;
        return out;
    }
    const model::Scenario& scenario = *loaded.scenario;
    if (scenario.components.empty()) {
        out.checked.cases.push_back({"the file has a system to check", "file", Outcome::Error,
                                     "no components: `headroom-cli estimate` reads its estimate block", "", "components"});
        out.code = ScenarioProblems;
        return out;
    }
    model::RunResult result;
    if (options.engine == "simulate") {
        model::Problems runProblems;
        const sim::RunOptions run = sim::resolveRunOptions(scenario, {}, runProblems);
        if (!runProblems.empty()) {
            out.checked.cases = invalidFileCases(runProblems);
            out.code = ScenarioProblems;
            return out;
        }
        SimulateOptions simulate;
        simulate.file = file;
        simulate.jobs = options.jobs;
        std::string error;
        std::ostringstream ignored;
        const auto simulated = simulateReplications(scenario, *plan, run, simulate, ignored, err, error);
        if (!simulated) {
            out.checked.cases.push_back({"the run completes", "run", Outcome::Error, error, "", "run"});
            out.code = RunFailed;
            return out;
        }
        result = *simulated;
        out.checked.properties = {{"seed", std::to_string(run.seed)},
                                  {"replications", std::to_string(run.replications)},
                                  {"duration", model::formatDuration(model::Seconds{run.duration})},
                                  {"warmup", model::formatDuration(model::Seconds{run.warmup})}};
    } else {
        result = analytic::analyze(scenario, *plan);
    }
    out.checked.engine = result.engine;
    out.checked.cases = checkCases(scenario, result);
    const CaseCounts counts = countCases(out.checked.cases);
    out.code = counts.failed + counts.errors > 0 ? SloNotMet : Done;
    return out;
}

const char* label(Outcome outcome) {
    switch (outcome) {
        case Outcome::Passed: return "ok   ";
        case Outcome::Failed: return "FAIL ";
        case Outcome::Skipped: return "skip ";
        case Outcome::Error: return "ERROR";
    }
    return "";
}

void printFile(std::ostream& out, const CheckedFile& file) {
    const CaseCounts counts = countCases(file.cases);
    out << file.file << (file.engine.empty() ? "" : " (" + file.engine + ")") << ": " << counts.total << (counts.total == 1 ? " check" : " checks") << ", "
        << counts.passed() << " passed";
    if (counts.failed) out << ", " << counts.failed << " failed";
    if (counts.skipped) out << ", " << counts.skipped << " skipped";
    if (counts.errors) out << ", " << counts.errors << (counts.errors == 1 ? " error" : " errors");
    out << '\n';
    for (const auto& c : file.cases) out << "  " << label(c.outcome) << "  " << c.name << ": " << c.message << '\n';
}

}  // namespace

int checkCommand(const CheckOptions& options, std::ostream& out, std::ostream& err) {
    const char* actions = std::getenv("GITHUB_ACTIONS");
    const bool annotate = actions && std::string_view(actions) == "true";
    std::vector<CheckedFile> files;
    int worst = Done;
    CaseCounts all;
    for (const auto& file : options.files) {
        FileCheck check = checkFile(file, options, err);
        // As with every command given several files, the highest code wins (docs/cli.md).
        worst = std::max(worst, check.code);
        printFile(out, check.checked);
        if (annotate) {
            std::vector<int> lines;
            for (const auto& c : check.checked.cases) lines.push_back(model::lineOfPath(check.text, c.path));
            out << githubAnnotations(check.checked, lines);
        }
        all += countCases(check.checked.cases);
        files.push_back(std::move(check.checked));
    }
    if (options.files.size() > 1)
        out << options.files.size() << " files: " << all.total << " checks, " << all.passed() << " passed, " << all.failed
            << " failed, " << all.skipped << " skipped, " << all.errors << (all.errors == 1 ? " error\n" : " errors\n");
    if (!options.junit.empty()) {
        if (const auto failure = model::writeFileAtomically(options.junit, junitXml(files))) {
            err << "headroom-cli: cannot write " << options.junit << ": " << *failure << '\n';
            return UsageError;
        }
    }
    return worst;
}

}  // namespace headroom::cli
