// SPDX-License-Identifier: MIT
#include <ostream>

#include "analytic/ScenarioAnalysis.h"
#include "cli/AnalysisReport.h"
#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/Run.h"
#include "model/Plan.h"

namespace headroom::cli {

int analyzeCommand(const AnalyzeOptions& options, std::ostream& out, std::ostream& err) {
    int code = Done;
    const auto scenario = loadScenarioFile(options.file, err, code);
    if (!scenario) return code;
    const model::Compiled compiled = model::compilePlan(*scenario);
    if (!compiled.plan) {
        printProblems(err, options.file, compiled.problems);
        return ScenarioProblems;
    }
    const model::RunResult result = analytic::analyze(*scenario, *compiled.plan);
    if (options.json)
        out << model::toJson(result).dump(2) << '\n';
    else
        printRunResult(out, result, scenario->name);
    // A saturated component's queue grows without bound: as much a failure as a missed SLO.
    return model::everySloMet(result) && result.stable ? Done : SloNotMet;
}

}  // namespace headroom::cli
