// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <optional>
#include <string_view>
#include <string>

#include "model/Problem.h"
#include "model/UnitFormat.h"
#include "model/Units.h"

/// Range checks that name the value they found (internal to model/ validation).
namespace headroom::model::check {

inline std::string show(double value) { return shortestDecimal(value); }
inline std::string show(int value) { return std::to_string(value); }
inline std::string show(Seconds value) { return exactDuration(value); }
inline std::string show(Bytes value) { return exactSize(value); }
inline std::string show(PerSecond value) { return exactRate(value); }
inline std::string show(BytesPerSecond value) { return exactDataRate(value); }

inline double raw(double value) { return value; }
inline double raw(int value) { return value; }
template <class Strong>
double raw(Strong value) requires requires { value.value; } { return value.value; }

// Each check takes the path in two parts, joined only when there is a problem: validation runs
// on every edit in the editor, and most values are fine.

/// Records a problem at base + field unless min <= value <= max.
template <class T>
void within(Problems& problems, const std::string& base, std::string_view field, const std::optional<T>& value, double min, double max) {
    if (!value) return;
    const double v = raw(*value);
    if (v >= min && v <= max) return;
    std::string message;
    if (v < min)
        message = "must be at least " + show(T(min)) + ", got " + show(*value);
    else
        message = "must be at most " + show(T(max)) + ", got " + show(*value);
    problems.push_back({base + std::string(field), message});
}

/// Records a problem at base + field unless value > 0, and large enough to compute with: a
/// subnormal value such as 1e-320/s has an infinite reciprocal, which turned into NaN latencies.
template <class T>
void positive(Problems& problems, const std::string& base, std::string_view field, const std::optional<T>& value) {
    if (!value) return;
    const double v = raw(*value);
    if (!(v > 0.0))
        problems.push_back({base + std::string(field), "must be more than zero, got " + show(*value)});
    else if (!std::isnormal(v))
        problems.push_back({base + std::string(field), "is too close to zero to compute with (its reciprocal overflows a double), got " + show(*value)});
}

/// Records a problem at base + field unless value >= 0.
template <class T>
void notNegative(Problems& problems, const std::string& base, std::string_view field, const std::optional<T>& value) {
    if (value && raw(*value) < 0.0) problems.push_back({base + std::string(field), "must not be negative, got " + show(*value)});
}

/// Records a problem at base + field unless 0 <= value <= 1.
inline void fraction(Problems& problems, const std::string& base, std::string_view field, const std::optional<double>& value) {
    if (value && !(*value >= 0.0 && *value <= 1.0)) problems.push_back({base + std::string(field), "must be from 0 to 1, got " + show(*value)});
}

}  // namespace headroom::model::check
