// SPDX-License-Identifier: MIT
#include "cli/TextTable.h"

#include <algorithm>

namespace headroom::cli {
namespace {

/// Spaces between columns.
constexpr std::size_t kGap = 2;

}  // namespace

std::size_t displayWidth(std::string_view text) {
    std::size_t characters = 0;
    for (unsigned char c : text) characters += (c & 0xC0) != 0x80;  // UTF-8 continuation bytes do not count
    return characters;
}

std::string padded(const std::string& text, std::size_t width) {
    const std::size_t characters = displayWidth(text);
    return text + std::string(width > characters ? width - characters : 1, ' ');
}

void TextTable::print(std::ostream& out, std::string_view indent) const {
    std::vector<std::size_t> widths;
    for (const Row& row : m_rows) {
        if (row.note) continue;
        widths.resize(std::max(widths.size(), row.cells.size()), 0);
        for (std::size_t c = 0; c < row.cells.size(); ++c) widths[c] = std::max(widths[c], displayWidth(row.cells[c]));
    }
    for (const Row& row : m_rows) {
        out << indent;
        if (row.note) {
            out << std::string(widths.empty() ? 0 : widths.front() + kGap, ' ') << row.cells.front() << '\n';
            continue;
        }
        for (std::size_t c = 0; c < row.cells.size(); ++c)
            out << (c + 1 == row.cells.size() ? row.cells[c] : padded(row.cells[c], widths[c] + kGap));
        out << '\n';
    }
}

}  // namespace headroom::cli
