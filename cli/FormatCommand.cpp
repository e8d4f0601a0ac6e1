// SPDX-License-Identifier: MIT
#include <algorithm>
#include <ostream>

#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/Run.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"

namespace headroom::cli {

int formatCommand(const FormatOptions& options, std::ostream& out, std::ostream& err) {
    int worst = Done;
    for (const auto& file : options.files) {
        int code = Done;
        const auto scenario = loadScenarioFile(file, err, code);
        worst = std::max(worst, code);
        if (!scenario) continue;  // a file with problems is never rewritten
        const std::string canonical = model::toText(*scenario);
        const auto current = model::readTextFile(file);
        if (current && *current == canonical) continue;
        if (options.check) {
            out << file << ": not in canonical form (run: headroom-cli format " << file << ")\n";
            worst = std::max(worst, int(ScenarioProblems));
            continue;
        }
        if (auto error = model::writeScenarioFile(file, canonical)) {
            err << "headroom-cli: " << *error << '\n';
            worst = std::max(worst, int(UsageError));
        } else {
            out << file << ": formatted\n";
        }
    }
    return worst;
}

}  // namespace headroom::cli
