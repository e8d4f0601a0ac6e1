// SPDX-License-Identifier: MIT
#include <ostream>
#include <sstream>

#include "analytic/ScenarioAnalysis.h"
#include "cli/Commands.h"
#include "cli/HtmlReport.h"
#include "cli/ProblemReport.h"
#include "cli/ReplicationRuns.h"
#include "cli/Run.h"
#include "cli/SweepRun.h"
#include "model/FileWriter.h"
#include "sim/RunOptions.h"

namespace headroom::cli {

int reportCommand(const ReportOptions& options, std::ostream& out, std::ostream& err) {
    int code = Done;
    const auto loaded = loadPlannedScenario(options.file, err, code);
    if (!loaded) return code;
    ReportContents contents{options.file, HEADROOM_VERSION, loaded->scenario, std::nullopt, analytic::analyze(loaded->scenario, loaded->plan), std::nullopt, std::nullopt};
    if (loaded->scenario.estimate) {
        contents.estimate = model::estimate(*loaded->scenario.estimate);
        for (const auto& path : contents.estimate->overflowed)
            err << options.file << ": estimate: " << path << " is too large to compute (the inputs overflow a double); the report shows no value for it\n";
    }
    if (options.simulate && !loaded->scenario.components.empty()) {
        model::Problems problems;
        const sim::RunOptions run = sim::resolveRunOptions(loaded->scenario, {}, problems);
        if (!problems.empty()) {
            printProblems(err, options.file, problems);
            return ScenarioProblems;
        }
        SimulateOptions simulate;
        simulate.jobs = options.jobs;
        std::ostringstream ignored;
        std::string error;
        contents.simulation = simulateReplications(loaded->scenario, loaded->plan, run, simulate, ignored, err, error);
        if (!contents.simulation) {
            err << "headroom-cli: " << error << '\n';
            return RunFailed;
        }
    }
    if (!options.vary.empty()) {
        contents.sweep = runSweep(options.file, loaded->scenario, options.vary, options.simulatePoints, options.jobs, err, code);
        if (!contents.sweep) return code;
    }
    if (const auto failure = model::writeFileAtomically(options.output, htmlReport(contents))) {
        err << "headroom-cli: cannot write " << options.output << ": " << *failure << '\n';
        return UsageError;
    }
    out << "wrote " << options.output << '\n';
    const model::RunResult& verdict = contents.simulation ? *contents.simulation : contents.analysis;
    return model::everySloMet(verdict) && verdict.stable ? Done : SloNotMet;
}

}  // namespace headroom::cli
