// SPDX-License-Identifier: MIT
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

/// One function per headroom-cli command; Run.cpp parses options into these (internal to cli/).
namespace headroom::cli {

struct ValidateOptions {
    std::vector<std::string> files;
    bool quiet = false;
};
int validateCommand(const ValidateOptions& options, std::ostream& out, std::ostream& err);

struct EstimateOptions {
    std::string file;
    bool json = false;
};
int estimateCommand(const EstimateOptions& options, std::ostream& out, std::ostream& err);

struct AnalyzeOptions {
    std::string file;
    bool json = false;
};
/// The analytic engine: per-class means and percentiles, per-component load, the bottleneck,
/// SLOs; exits 3 when an SLO is not met.
int analyzeCommand(const AnalyzeOptions& options, std::ostream& out, std::ostream& err);

struct SizeOptions {
    std::string file;
    bool json = false;
    std::optional<double> maxUtilization;
    std::string output;  ///< where to write the sized scenario; empty: nowhere
};
/// The fewest instances that meet every SLO at peak load; exits 3 when no count can.
int sizeCommand(const SizeOptions& options, std::ostream& out, std::ostream& err);

struct FormatOptions {
    std::vector<std::string> files;
    bool check = false;
};
/// Rewrites valid files in the canonical form Headroom saves (stable key order and spellings);
/// with `check`, changes nothing and fails for any file not already in that form.
int formatCommand(const FormatOptions& options, std::ostream& out, std::ostream& err);

/// Lists every default number with its reference row and source.
int defaultsCommand(std::ostream& out);

}  // namespace headroom::cli
