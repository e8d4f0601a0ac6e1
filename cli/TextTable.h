// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace headroom::cli {

/// `text` followed by spaces up to `width` characters (at least one), counting characters,
/// not bytes: "—", "×" and "µ" are several bytes in UTF-8.
inline std::string padded(const std::string& text, std::size_t width) {
    std::size_t characters = 0;
    for (unsigned char c : text) characters += (c & 0xC0) != 0x80;
    return text + std::string(width > characters ? width - characters : 1, ' ');
}

}  // namespace headroom::cli
