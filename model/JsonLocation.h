// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace headroom::model {

/// The line (from 1) of a JSON text on which the value at `path` begins ("slo[1]",
/// "components[2].service_time", the form Problem::path has), so that a message about it can
/// point into the file as a compiler's does. Where the path is not in the text (a missing key),
/// the line of the nearest enclosing value that is; 1 for "" or a text that is not JSON.
/// One pass over the text, stopping at the value; no tree is built.
[[nodiscard]] int lineOfPath(std::string_view text, std::string_view path);

}  // namespace headroom::model
