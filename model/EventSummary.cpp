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

std::string scalingSentence(const AutoscaleOutlook& outlook, std::size_t shownMoves) {
    const auto at = [](double seconds) { return formatNumber(seconds, 6) + " s"; };
    std::string text = outlook.component;
    if (outlook.actions.empty()) text += " did not scale (first replication)";
    for (std::size_t i = 0; i < outlook.actions.size() && i < shownMoves; ++i) {
        const auto& action = outlook.actions[i];
        const bool out = action.to > action.from;
        text += std::string(i ? ", " : " scaled ") + (out ? "out " : "in ") + std::to_string(action.from) + " → " + std::to_string(action.to) + " at " +
                at(action.at);
        if (action.ready) text += " (serving at " + at(*action.ready) + ")";
    }
    if (outlook.actions.size() > shownMoves) text += ", and " + std::to_string(outlook.actions.size() - shownMoves) + " more";
    if (outlook.instanceHours) text += "; " + formatNumber(*outlook.instanceHours, 4) + " instance-hours";
    if (outlook.costPerMonth && outlook.fixedCostPerMonth)
        text += ", $" + formatNumber(*outlook.costPerMonth, 4) + " a month against $" + formatNumber(*outlook.fixedCostPerMonth, 4) + " for " +
                std::to_string(outlook.instancesAtPeak) + " held at the peak";
    return text;
}

std::string impactSentence(const EventImpact& event) {
    std::string text = event.description;
    if (event.until) text += " for " + formatDuration(Seconds{*event.until - event.at});
    text += ": " + countWithInterval(event.impact.failed, event.ci95.failed) + " requests failed, " +
            countWithInterval(event.impact.timedOut, event.ci95.timedOut) + " timed out";
    if (event.impact.retries && *event.impact.retries > 0.0) text += ", " + countWithInterval(event.impact.retries, event.ci95.retries) + " retries";
    if (event.impact.detectionTime) text += "; detected after " + durationWithInterval(event.impact.detectionTime, event.ci95.detectionTime);
    if (event.impact.capacityDip && *event.impact.capacityDip >= 0.05)
        text += "; " + formatNumber(*event.impact.capacityDip, 3) + " fewer instances at the lowest";
    if (event.impact.peakP99) text += "; peak p99 " + formatDuration(Seconds{*event.impact.peakP99});
    if (event.recovered)
        text += "; recovered " + durationWithInterval(event.impact.recoveryTime, event.ci95.recoveryTime) + " after it ended";
    else if (event.metastable)
        text += "; NOT RECOVERED by the end of the run (metastable: the load stays failed after the trigger is gone)";
    else if (event.until && (event.kind == "deploy" || event.kind == "scale"))
        text += "; goodput or p99 not back to before's by the end of the run (a new steady state)";
    else
        text += "; lasts to the end of the run";
    return text;
}

}  // namespace headroom::model
