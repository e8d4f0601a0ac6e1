// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "model/FileWriter.h"
#include "model/JsonReader.h"
#include "model/Problem.h"
#include "model/Scenario.h"

namespace headroom::model {

/// A scenario, or every error that kept it from loading, never half of one; with warnings either way.
struct Loaded {
    std::optional<Scenario> scenario;
    Problems problems;
    /// When every value reads and only validation finds fault (a client without a rate, a service
    /// without a service time): the scenario as written. The engines refuse it; an editor opens
    /// it with its problems listed, so a draft saved half-made is never lost.
    std::optional<Scenario> draft;
};

/// Checks `format` and `version` (refusing a newer version, migrating an older one one step per
/// version), reads and validates. Problems come in file order.
[[nodiscard]] Loaded loadScenario(const Json& document);

/// Parses JSON text first: a syntax error is reported with its line and column, a key given
/// twice in one object with its path (JSON parsers silently keep one of the two).
[[nodiscard]] Loaded loadScenarioText(std::string_view text);

/// JSON text as a document, or nothing and why in `problems`: a syntax error with its line and
/// column, nesting deeper than kMaxJsonDepth, a number beyond a double, a key given twice in one
/// object with its path. Every Headroom file (scenarios, challenges) is parsed through it.
[[nodiscard]] std::optional<Json> parseDocumentText(std::string_view text, Problems& problems);
/// `load` of the parsed document, or a `Result` with only the parse's problems when the text does
/// not parse (scenarios and challenges load from text alike).
template <class Result, class Load>
[[nodiscard]] Result loadFromText(std::string_view text, Load load) {
    Result result;
    const auto document = parseDocumentText(text, result.problems);
    return document ? load(*document) : result;
}
/// The whole of a file, or why it cannot be read ("no such file", "a directory", "too large").
[[nodiscard]] tl::expected<std::string, std::string> readTextFile(const std::filesystem::path& path);

/// Writes a scenario's text with writeFileAtomically, refusing a text larger than
/// readTextFile accepts: a file Headroom writes is one it can open again.
[[nodiscard]] std::optional<std::string> writeScenarioFile(const std::filesystem::path& path, std::string_view text);

/// The largest scenario file read; a real one is a few kilobytes.
inline constexpr std::uintmax_t kMaxScenarioFileBytes = 16u * 1024u * 1024u;
/// The deepest nesting of arrays and objects accepted; a scenario needs six levels.
inline constexpr int kMaxJsonDepth = 64;

}  // namespace headroom::model
