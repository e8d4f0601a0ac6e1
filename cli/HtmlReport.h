// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>

#include "model/Estimator.h"
#include "model/JsonReader.h"
#include "model/RunResult.h"
#include "model/Scenario.h"

namespace headroom::cli {

/// What a report shows; everything but the scenario and its analysis is optional.
struct ReportContents {
    std::string file;     ///< as given
    std::string version;  ///< headroom-cli's
    model::Scenario scenario;
    std::optional<model::Estimate> estimate;
    model::RunResult analysis;
    std::optional<model::RunResult> simulation;
    std::optional<model::Json> sweep;  ///< as `sweep --json` prints it
};

/// One self-contained HTML page: its style inline, the diagram and every chart as inline SVG,
/// no script and nothing fetched from elsewhere, so it opens the same offline, attached to a
/// mail or in a CI artefact. The same contents give the same bytes.
[[nodiscard]] std::string htmlReport(const ReportContents& contents);

}  // namespace headroom::cli
