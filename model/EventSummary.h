// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "model/RunResult.h"

namespace headroom::model {

/// What an event did, as a person reads it: "crash of api ×1 at 1min for 1 min: 1,212 ± 40
/// requests failed, 0 timed out; detected after 10 s; peak p99 131 ms; recovered 4 s after it
/// ended". The CLI's Events section and the app's simulation panel print the same sentence.
[[nodiscard]] std::string impactSentence(const EventImpact& event);

/// What a simulated autoscaler did, as a person reads it: "api scaled out 2 → 3 at 120 s
/// (serving at 150 s), in 3 → 2 at 780 s; 0.6833 instance-hours, $196.8 a month against $216 for
/// 3 held at the peak". The moves are the first replication's (at most `shownMoves`, then how many
/// more). The CLI's Autoscaling section and the app's simulation panel print the same sentence.
[[nodiscard]] std::string scalingSentence(const AutoscaleOutlook& outlook, std::size_t shownMoves = 6);

/// "12.3 ms ± 0.2 ms"; the value alone without an interval (or with one of zero width); "—" for none.
[[nodiscard]] std::string durationWithInterval(const std::optional<double>& value, const std::optional<double>& halfWidth);

/// "12,345": a count rounded to a whole number, thousands separated.
[[nodiscard]] std::string wholeCount(double value);

}  // namespace headroom::model
