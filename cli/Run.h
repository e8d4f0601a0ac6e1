// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace headroom::cli {

/// The exit codes of headroom-cli (DESIGN.md, "Exit codes").
enum ExitCode : int {
    Done = 0,              ///< done; every SLO met, or none given
    ScenarioProblems = 1,  ///< the scenario has problems (listed on stderr with their paths)
    UsageError = 2,        ///< bad command line, or a file that cannot be read
    SloNotMet = 3,         ///< done, and at least one SLO is not met
    RunFailed = 4,         ///< the run failed or was cancelled
};

/// headroom-cli: parses the command line and runs one command.
int run(int argc, char** argv);

/// The same with the arguments after the program name, writing to the given streams (for tests).
int run(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err);

}  // namespace headroom::cli
