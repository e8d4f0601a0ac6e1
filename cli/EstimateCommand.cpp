// SPDX-License-Identifier: MIT
#include <ostream>

#include "cli/Commands.h"
#include "cli/EstimateReport.h"
#include "cli/ProblemReport.h"
#include "cli/Run.h"
#include "model/EstimateJson.h"
#include "model/Estimator.h"

namespace headroom::cli {

int estimateCommand(const EstimateOptions& options, std::ostream& out, std::ostream& err) {
    int code = Done;
    const auto scenario = loadScenarioFile(options.file, err, code);
    if (!scenario) return code;
    if (!scenario->estimate) {
        err << options.file << ": estimate: missing: this scenario has no \"estimate\" block to estimate from\n";
        return ScenarioProblems;
    }
    const model::Estimate estimate = model::estimate(*scenario->estimate);
    if (!estimate.overflowed.empty()) {
        for (const auto& path : estimate.overflowed)
            err << options.file << ": estimate: " << path << " is too large to compute (the inputs overflow a double): an input is mistyped or too large\n";
        return ScenarioProblems;
    }
    if (options.json)
        out << model::toJson(estimate, scenario->name).dump(2) << '\n';
    else
        printEstimate(out, estimate, scenario->name);
    return Done;
}

}  // namespace headroom::cli
