// SPDX-License-Identifier: MIT
#include "model/RateProfile.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace headroom::model {

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
    double factor = 1.0;
    for (const auto& step : std::get<StepsProfile>(profile).steps)
        if (step.at.value <= t) factor = step.factor;
    return factor;
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

}  // namespace headroom::model
