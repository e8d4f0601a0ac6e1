// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
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
    bool degraded = false;  ///< also every single-instance and zone loss
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

struct SimulateOptions {
    std::string file;
    bool json = false;
    bool progressJsonLines = false;  ///< --progress jsonl: the protocol the app reads
    std::optional<std::uint64_t> seed;
    std::optional<int> replications;
    std::optional<std::string> duration;
    std::optional<int> jobs;          ///< replications at once; default one per core
    std::optional<std::string> precision;  ///< --precision: "2%" or "p99=2%,mean=1%" (model::parsePrecisionOption)
    std::size_t maxInFlight = 50'000;
    bool allowLong = false;
};
/// The simulator: each replication in a worker process of its own, merged; exits 3 when an SLO
/// is not met, the system is overloaded or a precision target is not reached within the cap,
/// 4 when the run fails or is cancelled.
int simulateCommand(const SimulateOptions& options, std::ostream& out, std::ostream& err);

/// What `simulate` starts in each worker: one replication of the scenario on standard input.
struct ReplicationOptions {
    int index = 0;
    std::uint64_t seed = 1;
    double duration = 60.0;
    double warmup = 6.0;
    std::size_t maxInFlight = 50'000;
};
int replicationCommand(const ReplicationOptions& options, std::ostream& out, std::ostream& err);

struct ChallengeOptions {
    std::string action;     ///< "list", "show", "starter" or "score"
    std::string name;       ///< a challenge's name, or the path of a challenge file
    std::string design;     ///< score: the design's scenario file
    std::string estimates;  ///< score: an answers file, or empty
    std::string engine = "simulate";  ///< score: "simulate", or "analytic" for the live checklist
    std::optional<int> jobs;
    bool json = false;
    bool hints = false;     ///< show: the hints too
    std::string output;     ///< starter: the file to write; empty: standard output
};
/// Interview practice: list the challenges, show one's brief, score a design (and estimates)
/// against one; `score` exits 3 when the design does not pass.
int challengeCommand(const ChallengeOptions& options, std::ostream& out, std::ostream& err);

struct CheckOptions {
    std::vector<std::string> files;
    std::string engine = "analytic";  ///< "analytic", or "simulate" (the files' run settings)
    std::string junit;                ///< where to write JUnit XML; empty: nowhere
    std::optional<int> jobs;
};
/// Every SLO of every file as a test case, and every component keeping up; JUnit XML for CI's
/// test reporters and, under GitHub Actions, annotations on the files' lines; exits 3 when a
/// check fails.
int checkCommand(const CheckOptions& options, std::ostream& out, std::ostream& err);

struct DiffOptions {
    std::string before, after;        ///< files, or git:REV:PATH
    std::string engine = "analytic";  ///< "analytic", or "simulate" (both with the old file's seeds)
    std::string format = "text";      ///< "text", "json" or "markdown"
    std::optional<int> jobs;
    std::optional<std::string> precision;  ///< --precision, for both sides (as `simulate --precision`)
};
/// What changed between two scenario files and what it does to the results, each delta marked
/// significant or not when simulated; exits 3 when the new file misses an SLO or saturates, or
/// a simulated side falls short of its precision target within the cap.
int diffCommand(const DiffOptions& options, std::ostream& out, std::ostream& err);

struct SweepOptions {
    std::string file;
    std::vector<std::string> vary;   ///< one or two "PATH=FROM..TO[:N[:log]]"
    std::string simulatePoints;      ///< "", "all", or 1-based point numbers "1,5,9"
    std::string format = "text";     ///< "text", "csv" or "json"
    std::string plan;                ///< --plan DIR: write the points for a batch scheduler
    std::string runPoint;            ///< --run-point DIR: simulate one planned point
    std::optional<int> index;        ///< its task index (else from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)
    std::string merge;               ///< --merge DIR: the planned sweep, from its points
    std::optional<int> jobs;
};
/// A scenario over a grid of one or two of its fields: the analytic engine at every point, the
/// simulator at chosen points (with the file's seed at each); on one machine, or planned, run
/// point by point on a batch scheduler, and merged.
int sweepCommand(const SweepOptions& options, std::ostream& out, std::ostream& err);

struct ReportOptions {
    std::string file;
    std::string output;             ///< the HTML file to write
    bool simulate = false;          ///< also simulate, with the file's run settings
    std::vector<std::string> vary;  ///< also a sweep, as `sweep --vary`
    std::string simulatePoints;     ///< the sweep's simulated points
    std::optional<int> jobs;
};
/// One self-contained HTML page of a scenario: the diagram, the estimate with its formulas, the
/// analysis, and where asked the simulation with its charts and events, and a sweep; exits 3
/// when an SLO is not met, as analyze and simulate do.
int reportCommand(const ReportOptions& options, std::ostream& out, std::ostream& err);

/// Lists every default number with its reference row and source.
int defaultsCommand(std::ostream& out);

}  // namespace headroom::cli
