// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "model/JsonReader.h"
#include "model/ResultDiff.h"
#include "model/ScenarioDiff.h"

namespace headroom::cli {

/// What `headroom-cli diff` found: the file's changes and what they do to the results.
struct DiffReport {
    std::string before, after;  ///< the sources as given ("old.headroom.json", "git:HEAD~1:x.headroom.json")
    std::vector<model::ScenarioChange> changes;
    model::ResultDiff results;
    std::vector<std::string> notes;
};

/// For the terminal: the changes, then a table of the figures that changed (with their paired
/// intervals when simulated), the bottleneck and the SLOs.
void printDiff(std::ostream& out, const DiffReport& report);
/// For a pull-request comment: the same in GitHub-flavoured Markdown.
void printDiffMarkdown(std::ostream& out, const DiffReport& report);
[[nodiscard]] model::Json toJson(const DiffReport& report);

}  // namespace headroom::cli
