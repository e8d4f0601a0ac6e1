// SPDX-License-Identifier: MIT
#include "model/ScenarioFile.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "model/ComponentKind.h"
#include "model/ScenarioReader.h"
#include "model/Validation.h"

namespace headroom::model {
namespace {

/// Whether a scenario holds together as a diagram an editor can show: its ids unique, and every
/// call and consumer naming one of them. Missing values may still keep the engines from it.
bool drawable(const Scenario& scenario) {
    std::set<std::string_view> ids;
    for (const Component& component : scenario.components)
        if (component.id.empty() || !ids.insert(component.id).second) return false;
    for (const Component& component : scenario.components) {
        for (const Call& call : component.calls)
            if (!ids.contains(call.to)) return false;
        if (component.consumers && !ids.contains(component.consumers->component)) return false;
    }
    for (const FaultEvent& event : scenario.events)
        if (event.component && !ids.contains(*event.component)) return false;
    return true;
}

/// Version 2 adds keys (DESIGN.md, "Change over time") and changes one meaning: a caller that gives
/// up no longer takes its callee's work with it (the callee finishes it, wasted) unless the callee
/// has `drop_expired`. In version 1 a timeout dropped the queued work and freed the workers held
/// below it, so a version-1 file with a timeout gets `"drop_expired": true` on every component
/// that serves requests, and means what it meant. A file without a timeout is unchanged.
void fromVersion1(Json& document) {
    const auto components = document.find("components");
    if (components == document.end() || !components->is_array()) return;
    const auto hasTimeout = [](const Json& component) { return component.is_object() && component.contains("timeout"); };
    if (std::none_of(components->begin(), components->end(), hasTimeout)) return;
    for (Json& component : *components) {
        if (!component.is_object() || component.contains("drop_expired")) continue;
        const auto kind = component.find("kind");
        if (kind == component.end() || !kind->is_string()) continue;
        const auto known = kindFromName(kind->get<std::string>());
        if (known && kindHasField(*known, "drop_expired")) component["drop_expired"] = true;
    }
}

/// Migrations, one per format version: kMigrations[v - 1] turns a version-v document into a
/// version-(v + 1) one.
using Migration = void (*)(Json& document);
constexpr std::array<Migration, kFormatVersion - 1> kMigrations{fromVersion1};

/// What the format and version checks let through.
struct Migrated {
    Json document;              ///< migrated to the current version
    std::int64_t declared = 0;  ///< the version the file said
    bool changed = false;       ///< whether a migration added or changed a key
};

/// The format and version checks, then the migrations; nothing when the file is refused.
std::optional<Migrated> checkedAndMigrated(const Json& document, Problems& problems) {
    if (!document.is_object()) {
        problems.push_back({"", "a scenario is a JSON object, but this file holds " + describeJsonType(document)});
        return std::nullopt;
    }
    const auto format = document.find("format");
    if (format == document.end()) {
        problems.push_back({"format", "missing: a scenario file starts with \"format\": \"" + std::string(kFormatName) + "\""});
        return std::nullopt;
    }
    if (!format->is_string() || format->get<std::string>() != kFormatName) {
        problems.push_back({"format", format->dump() + " is not a Headroom scenario (expected \"" + std::string(kFormatName) + "\")"});
        return std::nullopt;
    }
    const auto version = document.find("version");
    if (version == document.end()) {
        problems.push_back({"version", "missing: the format version, 1 (or " + std::to_string(kFormatVersion) + " for a file that uses version-2 keys)"});
        return std::nullopt;
    }
    if (!version->is_number_integer()) {
        problems.push_back({"version", "must be a whole number, got " + version->dump()});
        return std::nullopt;
    }
    const auto number = version->get<std::int64_t>();
    if (number > kFormatVersion) {
        problems.push_back({"version", "this file is format version " + std::to_string(number) +
                                           ", written by a newer Headroom; this one reads versions up to " +
                                           std::to_string(kFormatVersion) + ". The file was left as it is."});
        return std::nullopt;
    }
    if (number < 1) {
        problems.push_back({"version", "version " + std::to_string(number) + " does not exist; the first is 1"});
        return std::nullopt;
    }
    Migrated migrated{document, number, false};
    for (auto v = number; v < kFormatVersion; ++v) kMigrations[static_cast<std::size_t>(v - 1)](migrated.document);
    migrated.changed = migrated.document != document;
    migrated.document["version"] = kFormatVersion;
    return migrated;
}

/// 1-based line and column of a byte offset.
std::pair<std::size_t, std::size_t> lineAndColumn(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

/// The deepest nesting of `[` and `{` outside strings, and where it first passes `limit`.
std::optional<std::size_t> tooDeepAt(std::string_view text, int limit) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::nullopt;
}

/// A SAX pass over the text that knows the path of each key and reports a key given twice in
/// one object. (nlohmann's parse callback could do this while building the document, but it
/// rescans the enclosing container at the end of every object: quadratic on a long array.)
class DuplicateKeyFinder {
public:
    explicit DuplicateKeyFinder(Problems& problems) : m_problems(problems) {}

    bool null() { return value(); }
    bool boolean(bool) { return value(); }
    bool number_integer(Json::number_integer_t) { return value(); }
    bool number_unsigned(Json::number_unsigned_t) { return value(); }
    bool number_float(Json::number_float_t, const Json::string_t&) { return value(); }
    bool string(Json::string_t&) { return value(); }
    bool binary(Json::binary_t&) { return value(); }
    bool start_object(std::size_t) {
        m_frames.push_back({false, 0, {}, {}});
        return true;
    }
    bool start_array(std::size_t) {
        m_frames.push_back({true, 0, {}, {}});
        return true;
    }
    bool key(Json::string_t& name) {
        Frame& frame = m_frames.back();
        frame.key = name;
        if (!frame.keys.insert(name).second)
            m_problems.push_back({pathToHere(), "the key \"" + name + "\" is given twice in one object; only one can count"});
        return true;
    }
    bool end_object() { return end(); }
    bool end_array() { return end(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

private:
    struct Frame {
        bool isArray = false;
        std::size_t index = 0;
        std::string key;
        std::set<std::string> keys;
    };

    bool value() {
        if (!m_frames.empty() && m_frames.back().isArray) ++m_frames.back().index;
        return true;
    }

    bool end() {
        m_frames.pop_back();
        return value();
    }

    std::string pathToHere() const {
        std::string path;
        for (const Frame& frame : m_frames)
            path = frame.isArray ? indexPath(path, frame.index) : childPath(path, frame.key);
        return path;
    }

    Problems& m_problems;
    std::vector<Frame> m_frames;
};

}  // namespace

Loaded loadScenario(const Json& document) {
    Loaded loaded;
    const auto migrated = checkedAndMigrated(document, loaded.problems);
    if (!migrated) return loaded;
    ReadResult read = readScenario(migrated->document);
    loaded.problems = std::move(read.problems);
    // A Headroom that reads only version 1 would call a version-2 key unknown: a file that uses
    // one says so. (The keys the migration added are not the file's.)
    if (migrated->declared < 2)
        if (const auto key = firstVersion2Key(migrated->changed ? readScenario(document).scenario : read.scenario))
            loaded.problems.push_back({*key, "is a format-version-2 key, but the file says \"version\": " + std::to_string(migrated->declared) +
                                                 "; set \"version\": 2 (Headroom releases before version 2 cannot read such a file)"});
    // Validation looks at values the reader already found wanting (a malformed rate reads as
    // absent, which validation would call "missing"; a bad "read" time leaves "service_time"
    // without one): keep only what it says about other places.
    const bool readable = !hasErrors(loaded.problems) && read.unreliablePaths.empty();
    std::vector<std::string> reported(read.unreliablePaths.begin(), read.unreliablePaths.end());
    for (const auto& problem : loaded.problems) reported.push_back(problem.path);
    const auto isNoise = [&](const Problem& problem) {
        for (const auto& path : reported)
            if (isUnder(problem.path, path) || (!problem.path.empty() && isUnder(path, problem.path))) return true;
        return false;
    };
    for (auto& problem : validate(read.scenario))
        if (!isNoise(problem)) loaded.problems.push_back(std::move(problem));
    if (!hasErrors(loaded.problems)) loaded.scenario = std::move(read.scenario);
    else if (readable && drawable(read.scenario)) loaded.draft = std::move(read.scenario);
    return loaded;
}

std::optional<Json> parseDocumentText(std::string_view text, Problems& problems) {
    if (auto at = tooDeepAt(text, kMaxJsonDepth)) {
        const auto [line, column] = lineAndColumn(text, *at);
        problems.push_back({"", "arrays and objects are nested more than " + std::to_string(kMaxJsonDepth) + " deep (line " +
                                    std::to_string(line) + ", column " + std::to_string(column) + ")"});
        return std::nullopt;
    }
    Json document;
    try {
        document = Json::parse(text);
    } catch (const Json::parse_error& error) {
        const auto [line, column] = lineAndColumn(text, error.byte == 0 ? 0 : error.byte - 1);
        std::string what = error.what();
        // nlohmann's text reads "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error …".
        if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
        problems.push_back({"", "not valid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what});
        return std::nullopt;
    } catch (const Json::out_of_range& error) {
        // A number literal beyond a double (1e400, or an integer of hundreds of digits): nlohmann
        // says "number overflow parsing '1e400'" without a position, so find the literal.
        std::string what = error.what();
        const auto open = what.find('\''), close = what.rfind('\'');
        const std::string literal = open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : std::string();
        std::string where;
        if (const auto at = literal.empty() ? std::string_view::npos : text.find(literal); at != std::string_view::npos) {
            const auto [line, column] = lineAndColumn(text, at);
            where = " at line " + std::to_string(line) + ", column " + std::to_string(column);
        }
        const std::string shown = literal.size() > 24 ? literal.substr(0, 20) + "… (" + std::to_string(literal.size()) + " characters)" : literal;
        problems.push_back({"", "not valid JSON" + where + ": the number " + shown + " is too large for any value Headroom reads"});
        return std::nullopt;
    }
    Problems duplicates;
    DuplicateKeyFinder finder(duplicates);
    Json::sax_parse(text, &finder);
    if (!duplicates.empty()) {
        problems.insert(problems.end(), duplicates.begin(), duplicates.end());
        return std::nullopt;
    }
    return document;
}

Loaded loadScenarioText(std::string_view text) { return loadFromText<Loaded>(text, loadScenario); }

tl::expected<std::string, std::string> readTextFile(const std::filesystem::path& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status)) return tl::unexpected("cannot read " + path.string() + ": no such file");
    if (std::filesystem::is_directory(status)) return tl::unexpected("cannot read " + path.string() + ": it is a directory");
    const auto tooLarge = [&](const std::string& what) {
        return tl::unexpected("cannot read " + path.string() + ": " + what + "more than a scenario file can hold (" +
                              std::to_string(kMaxScenarioFileBytes / (1024 * 1024)) + " MiB)");
    };
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size > kMaxScenarioFileBytes) return tooLarge(std::to_string(size) + " bytes is ");
    std::ifstream in(path, std::ios::binary);
    if (!in) return tl::unexpected("cannot read " + path.string() + ": permission denied or unreadable");
    // The size above is only known for a regular file: a pipe, /dev/stdin or /dev/zero is read
    // up to the limit and no further, so no input can take more memory than a scenario may.
    std::string text;
    std::array<char, 64 * 1024> chunk;
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
        text.append(chunk.data(), std::size_t(in.gcount()));
        if (text.size() > kMaxScenarioFileBytes) return tooLarge("");
    }
    if (in.bad()) return tl::unexpected("cannot read " + path.string() + ": read error");
    return text;
}

std::optional<std::string> writeScenarioFile(const std::filesystem::path& path, std::string_view text) {
    if (text.size() > kMaxScenarioFileBytes)
        return "cannot write " + path.string() + ": the scenario's text is " + std::to_string(text.size()) +
               " bytes, more than a scenario file can hold (" + std::to_string(kMaxScenarioFileBytes / (1024 * 1024)) +
               " MiB), so Headroom could not open it again; the old file is unchanged";
    return writeFileAtomically(path, text);
}

}  // namespace headroom::model
