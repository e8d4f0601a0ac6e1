// SPDX-License-Identifier: MIT
#include <algorithm>
#include <ostream>

#include "cli/Commands.h"
#include "cli/ProblemReport.h"
#include "cli/Run.h"

namespace headroom::cli {

int validateCommand(const ValidateOptions& options, std::ostream& out, std::ostream& err) {
    int worst = Done;
    for (const auto& file : options.files) {
        int code = Done;
        const auto scenario = loadScenarioFile(file, err, code);
        // An unreadable file (2) outranks a file with problems (1): both are reported.
        worst = std::max(worst, code);
        if (scenario && !options.quiet) {
            out << file << ": valid (" << scenario->components.size() << (scenario->components.size() == 1 ? " component" : " components");
            if (scenario->estimate) out << ", an estimate block";
            out << ")\n";
        }
    }
    return worst;
}

}  // namespace headroom::cli
