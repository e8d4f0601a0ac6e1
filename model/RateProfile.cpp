// SPDX-License-Identifier: MIT
#include "model/RateProfile.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace headroom::model {

namespace {

/// The index of the last step at or before t; steps.size() when t is before the first.
std::size_t stepAt(const StepsProfile& profile, double t) {
    const auto& steps = profile.steps;
    const auto after = std::upper_bound(steps.begin(), steps.end(), t, [](double time, const StepsProfile::Step& step) { return time < step.at.value; });
    return after == steps.begin() ? steps.size() : std::size_t(after - steps.begin()) - 1;
}

double overlap(double from, double to, double start, double end) { return std::max(0.0, std::min(to, end) - std::max(from, start)); }

}  // namespace

double profileFactor(const Profile& profile, double t) {
    if (const auto* spike = std::get_if<SpikeProfile>(&profile))
        return t >= spike->at.value && t < spike->at.value + spike->duration.value ? spike->factor : 1.0;
    if (const auto* ramp = std::get_if<RampProfile>(&profile)) {
        if (ramp->over.value <= 0.0 || t >= ramp->over.value) return ramp->to;
        return ramp->from + (ramp->to - ramp->from) * std::max(t, 0.0) / ramp->over.value;
    }
    if (const auto* diurnal = std::get_if<DiurnalProfile>(&profile)) {
        const double phase = 2.0 * std::numbers::pi * (t - diurnal->peakAt.value) / diurnal->period.value;
        return diurnal->trough + (1.0 - diurnal->trough) * 0.5 * (1.0 + std::cos(phase));
    }
    const auto& steps = std::get<StepsProfile>(profile);
    const std::size_t step = stepAt(steps, t);
    return step == steps.steps.size() ? 1.0 : steps.steps[step].factor;
}

ProfilePiece profilePieceAt(const Profile& profile, double t) {
    if (const auto* spike = std::get_if<SpikeProfile>(&profile)) {
        const double start = spike->at.value, end = spike->at.value + spike->duration.value;
        if (t < start) return {start, 1.0, true};
        if (t < end) return {end, spike->factor, true};
        return {INFINITY, 1.0, true};
    }
    if (const auto* ramp = std::get_if<RampProfile>(&profile)) {
        if (t < ramp->over.value) return {ramp->over.value, std::max(ramp->from, ramp->to), ramp->from == ramp->to};
        return {INFINITY, ramp->to, true};
    }
    if (std::holds_alternative<DiurnalProfile>(profile)) return {INFINITY, 1.0, false};
    const auto& steps = std::get<StepsProfile>(profile);
    const std::size_t step = stepAt(steps, t);
    if (step == steps.steps.size()) return {steps.steps.empty() ? INFINITY : steps.steps.front().at.value, 1.0, true};
    const double end = step + 1 < steps.steps.size() ? steps.steps[step + 1].at.value : INFINITY;
    return {end, steps.steps[step].factor, true};
}

double integratedFactor(const Profile& profile, double from, double to) {
    if (!(to > from)) return 0.0;
    if (const auto* spike = std::get_if<SpikeProfile>(&profile))
        return (to - from) + (spike->factor - 1.0) * overlap(from, to, spike->at.value, spike->at.value + spike->duration.value);
    if (const auto* ramp = std::get_if<RampProfile>(&profile)) {
        // The trapezoid under the slope up to `over`, then the plateau at `to`.
        const double slopeEnd = std::min(to, ramp->over.value);
        double area = ramp->to * std::max(0.0, to - std::max(from, ramp->over.value));
        if (slopeEnd > from) area += 0.5 * (profileFactor(profile, from) + profileFactor(profile, slopeEnd)) * (slopeEnd - from);
        return area;
    }
    if (const auto* diurnal = std::get_if<DiurnalProfile>(&profile)) {
        // trough + (1 − trough)·½(1 + cos ωτ), τ = t − peak_at; ∫ cos ωτ dt = sin(ωτ)/ω.
        const double omega = 2.0 * std::numbers::pi / diurnal->period.value;
        const double sines = std::sin(omega * (to - diurnal->peakAt.value)) - std::sin(omega * (from - diurnal->peakAt.value));
        return diurnal->trough * (to - from) + (1.0 - diurnal->trough) * 0.5 * ((to - from) + sines / omega);
    }
    double area = 0.0;
    for (double t = from; t < to;) {
        const ProfilePiece piece = profilePieceAt(profile, t);
        const double end = std::min(piece.end, to);
        area += piece.bound * (end - t);
        t = end;
    }
    return area;
}

double peakMultiplier(const Profile& profile) {
    if (const auto* spike = std::get_if<SpikeProfile>(&profile)) return std::max(1.0, spike->factor);
    if (const auto* ramp = std::get_if<RampProfile>(&profile)) return std::max(ramp->from, ramp->to);
    if (std::holds_alternative<DiurnalProfile>(profile)) return 1.0;  // the peak of a diurnal profile is the rate
    const auto& steps = std::get<StepsProfile>(profile).steps;
    // Before the first step the rate is the base rate.
    double highest = steps.empty() || steps.front().at.value > 0.0 ? 1.0 : 0.0;
    for (const auto& step : steps) highest = std::max(highest, step.factor);
    return highest;
}

double lowestMultiplier(const Profile& profile) {
    if (const auto* spike = std::get_if<SpikeProfile>(&profile)) return std::min(1.0, spike->factor);
    if (const auto* ramp = std::get_if<RampProfile>(&profile)) return std::min(ramp->from, ramp->to);
    if (const auto* diurnal = std::get_if<DiurnalProfile>(&profile)) return diurnal->trough;
    const auto& steps = std::get<StepsProfile>(profile).steps;
    double lowest = steps.empty() || steps.front().at.value > 0.0 ? 1.0 : INFINITY;
    for (const auto& step : steps) lowest = std::min(lowest, step.factor);
    return lowest;
}

}  // namespace headroom::model
