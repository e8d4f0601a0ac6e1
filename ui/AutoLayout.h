// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <string>

#include "model/Scenario.h"

namespace headroom::ui {

/// Where every box goes in a tidy left-to-right layout of the call graph: callers left of their
/// callees, layer by layer, crossings kept few. The layout is Graphviz's `dot` (through
/// libgvc/libcgraph), with boxes of the canvas's size; positions are top-left corners on the
/// canvas's grid. Empty when Graphviz cannot lay it out (its plugins missing), with `error` set.
[[nodiscard]] std::map<std::string, model::Position> layeredLayout(const model::Scenario& scenario, std::string& error);

}  // namespace headroom::ui
