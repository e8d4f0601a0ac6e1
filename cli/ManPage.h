// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

/// A manual page as data, written out as roff for man(1). Both programs build theirs from the
/// options they parse, so the manual never drifts from --help.
namespace headroom::cli {

/// One tagged paragraph: "--seed N" and what it does.
struct ManEntry {
    std::string term;
    std::string text;
};

struct ManSection {
    std::string title;
    bool subsection = false;               ///< .SS under the previous .SH instead of a .SH
    std::vector<std::string> paragraphs;   ///< plain text, one paragraph each
    std::vector<ManEntry> entries;         ///< after the paragraphs
    std::string preformatted;              ///< shown as written (examples), after the entries
};

struct ManPage {
    std::string name;      ///< "headroom-cli"
    std::string version;   ///< "headroom-cli 0.1.0"
    std::string summary;   ///< the NAME line after the dash
    std::vector<std::string> synopsis;
    std::vector<ManSection> sections;
};

/// "headroom-cli" → "HEADROOM-CLI": man pages spell titles and argument names in capitals.
[[nodiscard]] std::string upperCase(std::string text);

/// The page in man(7) roff. Text is escaped (backslashes, hyphens, leading dots), so any help
/// text is safe; the page carries no date, so the same program gives the same bytes.
[[nodiscard]] std::string toRoff(const ManPage& page);

}  // namespace headroom::cli
