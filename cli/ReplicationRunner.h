// SPDX-License-Identifier: MIT
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cli/Commands.h"
#include "model/RunResult.h"
#include "sim/ReplicationRecord.h"

namespace headroom::cli {

/// One replication to run: its index in the run, its seed and where its measurements begin.
struct ReplicationJob {
    int index = 0;
    std::uint64_t seed = 0;
    double warmup = 0.0;
};

/// Where a batch stands in the whole run, for the progress line.
struct RunProgress {
    int done = 0;         ///< replications finished in earlier batches
    int planned = 0;      ///< replications planned so far, this batch's included
    bool pilots = false;  ///< the batch is the warm-up pilots
    std::optional<model::PrecisionLine> furthest;  ///< a precision-targeted run: the line furthest from its target
};

/// Runs batches of replications in worker processes, `options.jobs` (default: one per core) at a
/// time, drawing progress as `options` asks (the protocol's lines, or a bar on a terminal), and
/// stops them all on SIGTERM or SIGINT.
class ReplicationRunner {
public:
    ReplicationRunner(const SimulateOptions& options, double duration, std::string scenarioText, std::ostream& out, std::ostream& err);

    /// The batch's records in the jobs' order, or nothing with `error` set.
    std::optional<std::vector<sim::ReplicationRecord>> run(std::span<const ReplicationJob> jobs, const RunProgress& progress, std::string& error);

    /// A progress line now, with what `progress` says (a batch's precision once it is assessed).
    void announce(const RunProgress& progress) { report(progress, true); }

private:
    void take(std::size_t slot, const std::string& line, std::vector<std::optional<sim::ReplicationRecord>>& records, std::string& error);
    void report(const RunProgress& progress, bool force = false);

    const SimulateOptions& m_options;
    double m_duration = 0.0;
    std::string m_scenarioText;
    std::ostream& m_out;
    std::ostream& m_err;
    bool m_showBar = false;
    std::vector<double> m_fraction;          ///< per job of the batch
    std::vector<std::uint64_t> m_requests;   ///< per job of the batch
    std::uint64_t m_requestsBefore = 0;      ///< of earlier batches
    int m_done = 0;                          ///< of this batch
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
    double m_lastReport = -1.0;
};

}  // namespace headroom::cli
