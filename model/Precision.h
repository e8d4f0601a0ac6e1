// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/RunResult.h"
#include "model/Scenario.h"

/// Precision-targeted runs (`run.precision`, `simulate --precision`): how narrow each requested
/// statistic's 95 % interval is, relative to the statistic, and how many replications would
/// make it narrow enough.
namespace headroom::model {

/// One line per class that sends requests and statistic asked for, and one per latency SLO whose
/// percentile is not already among them (its target: the same-named statistic's, else the
/// tightest percentile target, else the tightest). `merged` is the run's result; `replications`
/// each replication summarized alone, whose SLO values give the SLO lines' intervals.
[[nodiscard]] PrecisionOutcome assessPrecision(const RunResult& merged, std::span<const RunResult> replications,
                                               std::span<const PrecisionTarget> targets, int maxReplications);

/// The line furthest from its target (the largest reached ÷ target; one without an interval is
/// furthest of all); nullptr when there are no lines.
[[nodiscard]] const PrecisionLine* furthestLine(const PrecisionOutcome& outcome);

/// Replications that would bring every line to its target, from n that gave `outcome`: a
/// half-width t(n − 1) s/√n shrinks as 1/√n and with Student's t, so n′ = n (reached ÷ target)²
/// (t(n′ − 1)/t(n − 1))², rounded up, and more than n; twice n for a line without an interval.
[[nodiscard]] int replicationsNeeded(const PrecisionOutcome& outcome, int replications);

/// `--precision`: "2%" (the p99 of every class) or "p99=2%,mean=1%"; nothing, with `error` set,
/// when it names an unknown statistic or a value outside (0, 100 %).
[[nodiscard]] std::vector<PrecisionTarget> parsePrecisionOption(std::string_view text, std::string& error);

/// "p99 of read ±1.8% (target 2%)".
[[nodiscard]] std::string describeLine(const PrecisionLine& line);

/// What a run that fell short says: "precision not reached: p99 of read ±2.4% (target 2%) after
/// 200 replications (the cap, run.max_replications)", `counted` naming what the count counts.
[[nodiscard]] std::string shortfallNote(const PrecisionOutcome& outcome, int replications, bool stable, std::string_view counted = "replications");

}  // namespace headroom::model
