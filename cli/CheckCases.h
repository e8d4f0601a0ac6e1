// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "model/Problem.h"
#include "model/RunResult.h"
#include "model/Scenario.h"

/// What `headroom-cli check` judges in a scenario file, as test cases that CI reporters show:
/// every SLO, every component keeping up, and (simulated) the run completing. The JUnit and the
/// terminal forms are written from these.
namespace headroom::cli {

struct CheckCase {
    enum class Outcome { Passed, Failed, Skipped, Error };
    std::string name;     ///< "read p99 ≤ 150 ms", "api keeps up", "the file is valid"
    std::string group;    ///< "slo", "capacity", "run" or "file"
    Outcome outcome = Outcome::Passed;
    std::string message;  ///< one line: the measured value against the target, or why not
    std::string detail;   ///< more lines where there are more (every problem of a file)
    std::string path;     ///< where in the file, as Problem::path spells it: "slo[0]", "components[2]"
};

/// The cases an engine's result decides: one per SLO of the scenario (a value the engine cannot
/// give fails, except availability, which only the simulator measures: skipped, and said), one
/// per component (it keeps up, or is saturated), and for a simulation, one for the run.
[[nodiscard]] std::vector<CheckCase> checkCases(const model::Scenario& scenario, const model::RunResult& result);

/// A file that cannot be checked: an error case for each of its problems (warnings aside), named
/// by the problem's path, so that each points at its own line.
[[nodiscard]] std::vector<CheckCase> invalidFileCases(const model::Problems& problems);

/// A file that cannot be read at all.
[[nodiscard]] CheckCase unreadableFileCase(const std::string& reason);

/// The cases of one file.
struct CheckedFile {
    std::string file;    ///< as given on the command line
    std::string engine;  ///< "analytic" or "simulation"; empty when it could not be checked
    std::vector<CheckCase> cases;
    std::vector<std::pair<std::string, std::string>> properties;  ///< run settings: seed, replications, …
};

/// How many cases of the file had each outcome.
struct CaseCounts {
    int total = 0, failed = 0, skipped = 0, errors = 0;
    [[nodiscard]] int passed() const { return total - failed - skipped - errors; }
    CaseCounts& operator+=(const CaseCounts& other) {
        total += other.total;
        failed += other.failed;
        skipped += other.skipped;
        errors += other.errors;
        return *this;
    }
};
[[nodiscard]] CaseCounts countCases(const std::vector<CheckCase>& cases);

/// The JUnit XML of the files: one testsuite per file, one testcase per case, in the form of
/// Jenkins' junit-4.xsd, which GitLab's and GitHub's test reporters read too. No times or host
/// names, so that the same files and seeds give the same bytes.
[[nodiscard]] std::string junitXml(const std::vector<CheckedFile>& files);

/// GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`) for every failed or
/// erroneous case, and a warning for every skipped one; `lines` gives each case's line in its file.
[[nodiscard]] std::string githubAnnotations(const CheckedFile& file, const std::vector<int>& lines);

}  // namespace headroom::cli
