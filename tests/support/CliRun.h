// SPDX-License-Identifier: MIT
#pragma once

#include <QTemporaryDir>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/Run.h"

/// headroom-cli run in the test's own process, as the binary would run it, and the files it reads.
namespace headroom::test {

struct CliResult {
    int code = -1;
    std::string out;
    std::string err;
};

/// The command line after the program name; what it printed and its exit code.
inline CliResult cli(const std::vector<std::string>& arguments) {
    std::ostringstream out, err;
    CliResult result;
    result.code = cli::run(arguments, out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

/// Writes `text` to `name` in `dir`; its path.
inline std::string write(const QTemporaryDir& dir, const std::string& name, const std::string& text) {
    const std::string path = dir.path().toStdString() + "/" + name;
    std::ofstream(path) << text;
    return path;
}

inline std::string readAll(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace headroom::test
