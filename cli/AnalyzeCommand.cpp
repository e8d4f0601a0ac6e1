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
    const auto loaded = loadPlannedScenario(options.file, err, code);
    if (!loaded) return code;
    const model::RunResult result = analytic::analyze(loaded->scenario, loaded->plan);
    if (options.json)
        out << model::toJson(result).dump(2) << '\n';
    else
        printRunResult(out, result, loaded->scenario.name);
    // A saturated component's queue grows without bound: as much a failure as a missed SLO.
    return model::everySloMet(result) && result.stable ? Done : SloNotMet;
}

}  // namespace headroom::cli
