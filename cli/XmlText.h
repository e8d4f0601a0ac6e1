// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace headroom::cli {

/// Text as XML (or HTML) element content or an attribute value: & < > " escaped, a newline and a
/// tab as character references (kept in attributes too), and the control characters XML 1.0
/// cannot hold at all as U+FFFD.
[[nodiscard]] std::string xmlEscaped(std::string_view text);

}  // namespace headroom::cli
