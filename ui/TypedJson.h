// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "model/JsonReader.h"

namespace headroom::ui {

/// What a value typed into a field or a cell in the file's spelling holds, as a file would read
/// it: JSON when it parses as something other than a string (2, 0.5, true, {…}, […]), else the
/// text itself as a string ("read", "4KB", "100ms").
[[nodiscard]] inline model::Json typedJson(const std::string& text) {
    model::Json parsed = model::Json::parse(text, nullptr, false);
    return parsed.is_discarded() || parsed.is_string() ? model::Json(text) : parsed;
}

/// What a value shows as in a field: a string as it is, anything else as compact JSON; "" when absent.
[[nodiscard]] inline std::string shownText(const model::Json* value) {
    return !value ? std::string() : value->is_string() ? value->get<std::string>() : value->dump();
}

}  // namespace headroom::ui
