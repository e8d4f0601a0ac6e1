// SPDX-License-Identifier: MIT
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::cli {

/// Characters `text` shows, not bytes: "—", "×" and "µ" are several bytes in UTF-8.
[[nodiscard]] std::size_t displayWidth(std::string_view text);

/// `text` followed by spaces up to `width` characters (at least one).
[[nodiscard]] std::string padded(const std::string& text, std::size_t width);

/// A table for the terminal whose columns are as wide as their widest cell (header included)
/// plus a gap, so that a long name (`post_store/primary ×8`) moves the columns after it instead
/// of running into them. A note is a line of its own under a row, from the second column.
class TextTable {
public:
    explicit TextTable(std::vector<std::string> header) { m_rows.push_back({std::move(header), false}); }

    void addRow(std::vector<std::string> cells) { m_rows.push_back({std::move(cells), false}); }
    void addNote(std::string text) { m_rows.push_back({{std::move(text)}, true}); }

    /// Every line starts with `indent`; the last column is not padded.
    void print(std::ostream& out, std::string_view indent = "  ") const;

private:
    struct Row {
        std::vector<std::string> cells;
        bool note = false;
    };
    std::vector<Row> m_rows;
};

}  // namespace headroom::cli
