// SPDX-License-Identifier: MIT
#include "model/EventSummary.h"

#include <cmath>

#include "model/UnitFormat.h"

namespace headroom::model {

std::string durationWithInterval(const std::optional<double>& value, const std::optional<double>& halfWidth) {
    if (!value) return "—";
    return formatDuration(Seconds{*value}) + (halfWidth && *halfWidth > 0.0 ? " ± " + formatDuration(Seconds{*halfWidth}) : std::string());
}

namespace {

std::string countWithInterval(const std::optional<double>& value, const std::optional<double>& halfWidth) {
    if (!value) return "—";
    return wholeCount(*value) + (halfWidth && *halfWidth >= 0.5 ? " ± " + wholeCount(*halfWidth) : std::string());
}

}  // namespace

std::string wholeCount(double value) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(value)));
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > (digits.front() == '-' ? 1 : 0); at -= 3) digits.insert(std::size_t(at), ",");
    return digits;
}

std::string impactSentence(const EventImpact& event) {
    std::string text = event.description;
    if (event.until) text += " for " + formatDuration(Seconds{*event.until - event.at});
    text += ": " + countWithInterval(event.impact.failed, event.ci95.failed) + " requests failed, " +
            countWithInterval(event.impact.timedOut, event.ci95.timedOut) + " timed out";
    if (event.impact.retries && *event.impact.retries > 0.0) text += ", " + countWithInterval(event.impact.retries, event.ci95.retries) + " retries";
    if (event.impact.detectionTime) text += "; detected after " + durationWithInterval(event.impact.detectionTime, event.ci95.detectionTime);
    if (event.impact.peakP99) text += "; peak p99 " + formatDuration(Seconds{*event.impact.peakP99});
    if (event.recovered)
        text += "; recovered " + durationWithInterval(event.impact.recoveryTime, event.ci95.recoveryTime) + " after it ended";
    else if (event.metastable)
        text += "; NOT RECOVERED by the end of the run (metastable: the load stays failed after the trigger is gone)";
    else
        text += "; lasts to the end of the run";
    return text;
}

}  // namespace headroom::model
