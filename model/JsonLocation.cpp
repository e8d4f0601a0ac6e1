// SPDX-License-Identifier: MIT
#include "model/JsonLocation.h"

#include <string>

#include "model/Problem.h"

namespace headroom::model {
namespace {

/// Walks the text as JSON, building each value's path as Problem::path spells it, and keeps the
/// line of the deepest value whose path encloses the one sought.
class PathLocator {
public:
    PathLocator(std::string_view text, std::string_view target) : m_text(text), m_target(target) {}

    int find() {
        std::string path;
        value(path, 0);
        return m_bestLine;
    }

private:
    /// Far deeper than any scenario; a text this deep stops the walk, not the stack.
    static constexpr int kMaxDepth = 256;

    bool atEnd() const { return m_done || m_at >= m_text.size(); }

    void skipSpace() {
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == '\n') ++m_line;
            else if (c != ' ' && c != '\t' && c != '\r') return;
            ++m_at;
        }
    }

    /// A string token starting at the opening quote; its raw contents (escapes kept as written).
    std::string_view string() {
        const std::size_t start = ++m_at;
        while (m_at < m_text.size() && m_text[m_at] != '"') {
            if (m_text[m_at] == '\\') ++m_at;
            else if (m_text[m_at] == '\n') ++m_line;  // not JSON, but keep counting
            ++m_at;
        }
        const std::string_view contents = m_text.substr(start, std::min(m_at, m_text.size()) - start);
        ++m_at;
        return contents;
    }

    void note(const std::string& path) {
        if (!isUnder(m_target, path) && !path.empty()) return;
        m_bestLine = m_line;
        if (path.size() == m_target.size()) m_done = true;
    }

    void value(std::string& path, int depth) {
        skipSpace();
        if (atEnd()) return;
        note(path);
        if (m_done || depth > kMaxDepth) {
            m_done = true;
            return;
        }
        // Nothing under a value that does not enclose the target can be it: skip over it.
        const bool enclosing = path.empty() || isUnder(m_target, path);
        const char c = m_text[m_at];
        if (c == '{') {
            ++m_at;
            while (!atEnd()) {
                skipSpace();
                if (atEnd() || m_text[m_at] == '}') break;
                if (m_text[m_at] == ',') {
                    ++m_at;
                    continue;
                }
                if (m_text[m_at] != '"') return stop();
                const std::string_view key = string();
                skipSpace();
                if (atEnd() || m_text[m_at] != ':') return stop();
                ++m_at;
                const std::size_t length = path.size();
                if (enclosing) path += (path.empty() ? "" : ".") + std::string(key);
                value(path, depth + 1);
                path.resize(length);
            }
            ++m_at;
        } else if (c == '[') {
            ++m_at;
            for (std::size_t index = 0; !atEnd(); ++index) {
                skipSpace();
                if (atEnd() || m_text[m_at] == ']') break;
                const std::size_t length = path.size();
                if (enclosing) path += "[" + std::to_string(index) + "]";
                value(path, depth + 1);
                path.resize(length);
                skipSpace();
                if (!atEnd() && m_text[m_at] == ',') ++m_at;
            }
            ++m_at;
        } else if (c == '"') {
            string();
        } else {
            while (m_at < m_text.size() && std::string_view(",]} \t\r\n").find(m_text[m_at]) == std::string_view::npos) ++m_at;
        }
    }

    void stop() { m_done = true; }

    std::string_view m_text;
    std::string_view m_target;
    std::size_t m_at = 0;
    int m_line = 1;
    int m_bestLine = 1;
    bool m_done = false;
};

}  // namespace

int lineOfPath(std::string_view text, std::string_view path) { return PathLocator(text, path).find(); }

}  // namespace headroom::model
