// SPDX-License-Identifier: MIT
#include <algorithm>
#include <ostream>

#include "analytic/Autoscaling.h"
#include "analytic/Degraded.h"
#include "analytic/RetryEquilibria.h"
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
    model::RunResult result = analytic::analyze(loaded->scenario, loaded->plan);
    result.retries = analytic::retryEquilibria(loaded->scenario, loaded->plan, result);
    result.autoscaling = analytic::analyzeAutoscaling(loaded->scenario, loaded->plan, result);
    if (options.degraded) result.degraded = analytic::analyzeDegraded(loaded->scenario, result);
    if (options.json)
        out << model::toJson(result).dump(2) << '\n';
    else
        printRunResult(out, result, loaded->scenario.name);
    // A saturated component's queue grows without bound: as much a failure as a missed SLO; so
    // is a loss the system does not survive.
    const bool survives = std::all_of(result.degraded.begin(), result.degraded.end(), [](const model::DegradedCase& c) { return c.sloMet != false && c.stable; });
    return model::everySloMet(result) && result.stable && survives ? Done : SloNotMet;
}

}  // namespace headroom::cli
