// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "cli/ManPage.h"

namespace CLI {
class App;
}

namespace headroom::cli {

/// An exit code and what it means, as --help and the manual print it.
struct ExitCodeMeaning {
    int code;
    std::string_view meaning;
};

/// headroom-cli's manual page, walked from the parser itself: every visible command with its
/// arguments and options, in the order and words of --help, then the exit codes and examples.
[[nodiscard]] ManPage cliManual(const CLI::App& app, std::span<const ExitCodeMeaning> exitCodes, std::string_view examples);

}  // namespace headroom::cli
