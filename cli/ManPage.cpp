// SPDX-License-Identifier: MIT
#include "cli/ManPage.h"

#include <algorithm>
#include <cctype>

namespace headroom::cli {
namespace {

/// Escapes one line of text for roff: "\" → "\e", "-" → "\-" (a real minus, so option names
/// copy and search as typed), and a leading "." or "'" is kept from reading as a request.
std::string escapeLine(const std::string& line) {
    std::string out;
    if (!line.empty() && (line.front() == '.' || line.front() == '\'')) out += "\\&";
    for (char c : line) {
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
    }
    return out;
}

/// Escapes text of several lines; trailing newlines are dropped (a blank line would be a stray gap).
std::string escapeText(std::string text) {
    while (!text.empty() && text.back() == '\n') text.pop_back();
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        out += escapeLine(text.substr(start, end - start)) + '\n';
        start = end + 1;
    }
    return out;
}

}  // namespace

std::string upperCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

std::string toRoff(const ManPage& page) {
    std::string out = ".TH " + escapeLine(upperCase(page.name)) + " 1 \"\" \"" + escapeLine(page.version) + "\" \"User Commands\"\n";
    out += ".SH NAME\n" + escapeLine(page.name) + " \\- " + escapeLine(page.summary) + '\n';
    if (!page.synopsis.empty()) {
        out += ".SH SYNOPSIS\n.nh\n.ad l\n";  // no hyphenation inside option names
        for (std::size_t i = 0; i < page.synopsis.size(); ++i) out += (i ? ".br\n" : "") + escapeText(page.synopsis[i]);
        out += ".ad\n.hy\n";
    }
    for (const ManSection& section : page.sections) {
        out += (section.subsection ? ".SS " : ".SH ") + escapeLine(section.subsection ? section.title : upperCase(section.title)) + '\n';
        for (std::size_t i = 0; i < section.paragraphs.size(); ++i) out += (i ? ".PP\n" : "") + escapeText(section.paragraphs[i]);
        for (const ManEntry& entry : section.entries) out += ".TP\n.B " + escapeLine(entry.term) + '\n' + escapeText(entry.text);
        if (!section.preformatted.empty()) out += ".PP\n.nf\n" + escapeText(section.preformatted) + ".fi\n";
    }
    return out;
}

}  // namespace headroom::cli
