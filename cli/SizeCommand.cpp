// SPDX-License-Identifier: MIT
#include <ostream>

#include "analytic/Sizing.h"
#include "cli/AnalysisReport.h"
#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/Run.h"
#include "model/JsonWrite.h"
#include "model/Plan.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"
#include "model/UnitFormat.h"

namespace headroom::cli {

int sizeCommand(const SizeOptions& options, std::ostream& out, std::ostream& err) {
    int code = Done;
    const auto loaded = loadPlannedScenario(options.file, err, code);  // sizing needs a scenario the engines can compile
    if (!loaded) return code;
    const model::Scenario& scenario = loaded->scenario;
    analytic::SizingOptions sizingOptions;
    sizingOptions.maxUtilization = options.maxUtilization;
    const analytic::Sizing sizing = analytic::size(scenario, sizingOptions);

    if (options.json) {
        model::Json json = model::Json::object();
        json["feasible"] = sizing.feasible;
        json["reason"] = sizing.feasible ? model::Json(nullptr) : model::Json(sizing.reason);
        json["minimal"] = sizing.minimal;
        json["peak_factor"] = sizing.peakFactor;
        model::Json changes = model::Json::array();
        for (const auto& change : sizing.changes)
            changes.push_back({{"component", change.component}, {"field", change.field}, {"from", model::write::number(change.from)}, {"to", model::write::number(change.to)}});
        json["changes"] = std::move(changes);
        json["at_peak"] = model::toJson(sizing.atPeak);
        out << json.dump(2) << '\n';
    } else {
        out << "Sizing: " << scenario.name << " at peak load (" << model::formatNumber(sizing.peakFactor, 3) << " × the base rates)\n\n";
        if (sizing.changes.empty()) out << "No change: every count is already the least that holds.\n";
        for (const auto& change : sizing.changes)
            out << "  " << change.component << "." << change.field << ": " << model::formatNumber(change.from, 6) << " → " << model::formatNumber(change.to, 6) << '\n';
        if (!sizing.feasible) out << "\nNot feasible: " << sizing.reason << '\n';
        if (!sizing.note.empty()) out << "\nNote: " << sizing.note << '\n';
        out << '\n';
        printRunResult(out, sizing.atPeak, scenario.name + " (sized, at peak)");
    }
    if (!options.output.empty() && sizing.feasible) {
        if (auto error = model::writeScenarioFile(options.output, model::toText(sizing.sized))) {
            err << "headroom-cli: " << *error << '\n';
            return UsageError;
        }
        if (!options.json) out << "\nWrote the sized scenario to " << options.output << '\n';
    }
    return sizing.feasible ? Done : SloNotMet;
}

}  // namespace headroom::cli
