// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "model/Defaults.h"

/// The unit spellings shared by the parser and the formatters (internal to model/).
namespace headroom::model::units {

/// value in base units = number × multiplier / divisor. Both factors are exact in a double,
/// and dividing by an exact 1000 rounds "5ms" to the same double as "0.005s" does.
struct UnitScale {
    std::string_view name;
    double multiplier = 1.0;
    double divisor = 1.0;
};

// The calendar of REFERENCE.md rows T01, T05 and T06, from model/Defaults.h.
inline constexpr double kDay = defaults::kSecondsPerDay.value;
inline constexpr double kYear = defaults::kDaysPerYear.value * kDay;
inline constexpr double kMonth = defaults::kDaysPerMonth.value * kDay;

inline constexpr std::array kDurationUnits{
    UnitScale{"ns", 1, 1e9}, UnitScale{"us", 1, 1e6}, UnitScale{"ms", 1, 1e3}, UnitScale{"s", 1, 1},
    UnitScale{"min", 60, 1}, UnitScale{"h", 3600, 1},   UnitScale{"d", kDay, 1}, UnitScale{"y", kYear, 1},
};
/// Accepted when reading, never written.
inline constexpr std::array kDurationAliases{UnitScale{"µs", 1, 1e6}, UnitScale{"sec", 1, 1}};

inline constexpr std::array kDecimalSizeUnits{
    UnitScale{"B", 1, 1}, UnitScale{"KB", 1e3, 1}, UnitScale{"MB", 1e6, 1},
    UnitScale{"GB", 1e9, 1}, UnitScale{"TB", 1e12, 1}, UnitScale{"PB", 1e15, 1},
};
inline constexpr std::array kBinarySizeUnits{
    UnitScale{"B", 1, 1}, UnitScale{"KiB", 1024.0, 1}, UnitScale{"MiB", 1048576.0, 1},
    UnitScale{"GiB", 1073741824.0, 1}, UnitScale{"TiB", 1099511627776.0, 1}, UnitScale{"PiB", 1125899906842624.0, 1},
};
inline constexpr std::array kBitRateUnits{
    UnitScale{"bps", 1, 8}, UnitScale{"Kbps", 1e3, 8}, UnitScale{"Mbps", 1e6, 8},
    UnitScale{"Gbps", 1e9, 8}, UnitScale{"Tbps", 1e12, 8},
};

/// Count suffixes of counts and rates: thousand, million, billion (B, or SI's G, as the app
/// writes rates), trillion.
inline constexpr std::array kCountSuffixes{
    UnitScale{"", 1, 1}, UnitScale{"K", 1e3, 1}, UnitScale{"M", 1e6, 1}, UnitScale{"B", 1e9, 1}, UnitScale{"G", 1e9, 1}, UnitScale{"T", 1e12, 1},
};

[[nodiscard]] inline double apply(const UnitScale& unit, double number) { return number * unit.multiplier / unit.divisor; }
[[nodiscard]] inline double inUnit(const UnitScale& unit, double value) { return value * unit.divisor / unit.multiplier; }

}  // namespace headroom::model::units
