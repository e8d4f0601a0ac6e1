// SPDX-License-Identifier: MIT
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

/// Something wrong with a scenario, and where: the JSON path of the value at fault.
struct Problem {
    /// An error keeps the scenario from loading; a warning points at something harmless but
    /// probably unintended (a link no call uses), and the scenario loads.
    enum class Severity { Error, Warning };
    std::string path;     ///< where in the file, e.g. "components[2].instances"; "" for the whole file
    std::string message;  ///< "must be at least 1, got 0"
    Severity severity = Severity::Error;
    friend bool operator==(const Problem&, const Problem&) = default;
};

using Problems = std::vector<Problem>;

/// Whether a problem says a required value is absent: the format's messages for one all begin
/// "missing:" (ObjectReader::require and validation alike).
[[nodiscard]] inline bool saysMissing(const Problem& problem) { return problem.message.starts_with("missing: "); }

[[nodiscard]] inline bool hasErrors(const Problems& problems) {
    for (const auto& problem : problems)
        if (problem.severity == Problem::Severity::Error) return true;
    return false;
}

/// Whether `path` is `prefix` or lies under it ("components[2].rate" under "components[2]", but
/// "components[2].rate_limit" not under "components[2].rate").
[[nodiscard]] inline bool isUnder(std::string_view path, std::string_view prefix) {
    if (!path.starts_with(prefix)) return false;
    return path.size() == prefix.size() || path[prefix.size()] == '.' || path[prefix.size()] == '[';
}

/// Where a path points inside a list of the file: "components[3].calls[0].to" in "components" is
/// item 3, at "calls[0].to" ("" for the item itself).
struct PathInList {
    std::size_t index = 0;
    std::string_view rest;
};

[[nodiscard]] inline std::optional<PathInList> pathInList(std::string_view list, std::string_view path) {
    if (!path.starts_with(list) || path.size() <= list.size() || path[list.size()] != '[') return std::nullopt;
    const char* digits = path.data() + list.size() + 1;
    const char* end = path.data() + path.size();
    PathInList found;
    const auto [after, error] = std::from_chars(digits, end, found.index);
    if (error != std::errc() || after == digits || after == end || *after != ']') return std::nullopt;
    found.rest = std::string_view(after + 1, std::size_t(end - after - 1));
    if (found.rest.starts_with('.')) found.rest.remove_prefix(1);
    return found;
}

}  // namespace headroom::model
