// SPDX-License-Identifier: MIT
#include "model/UnitFormat.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <span>
#include <vector>

#include "model/UnitTables.h"

namespace headroom::model {
namespace {

using units::UnitScale;

/// `value` rounded to `significant` digits, so that the unit is chosen after rounding
/// (999.7 ms prints as "1 s", not "1e+03 ms").
double roundSignificant(double value, int significant) {
    if (value == 0.0 || !std::isfinite(value)) return value;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*e", significant - 1, value);
    return std::strtod(buffer, nullptr);
}

/// `significant` digits without an exponent and without trailing zeros.
std::string significantDigits(double value, int significant) {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*g", significant, value);
    std::string text = buffer;
    if (text.find('e') == std::string::npos) return text;
    if (std::abs(value) >= 1.0) {
        // Beyond the largest unit: the integer part in full.
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
        return buffer;
    }
    // Below the smallest unit: as many decimals as the significant digits need.
    const int decimals = significant - 1 - static_cast<int>(std::floor(std::log10(std::abs(value))));
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    text = buffer;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

/// Human form: the largest unit not larger than the value, then a space, then the unit. The
/// number is rounded once, in the unit shown; when rounding carries it to 1000 (999.7 ms), the
/// next unit up shows it ("1 s").
std::string human(double value, std::span<const UnitScale> table, int significant, std::string_view separator = " ") {
    if (!std::isfinite(value)) return value > 0 ? "∞" : (value < 0 ? "-∞" : "NaN");
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < table.size(); ++i)
        if (std::abs(value) >= units::apply(table[i], 1.0)) chosen = i;
    double number = roundSignificant(units::inUnit(table[chosen], value), significant);
    if (std::abs(number) >= 1000.0 && chosen + 1 < table.size()) {
        const double up = roundSignificant(units::inUnit(table[chosen + 1], value), significant);
        if (std::abs(up) >= 1.0) {
            ++chosen;
            number = up;
        }
    }
    std::string text = significantDigits(number, significant);
    if (!table[chosen].name.empty()) text += std::string(separator) + std::string(table[chosen].name);
    return text;
}

/// Exact form: among the units whose number reads back as the very same value, the shortest
/// spelling, preferring a number of at least 1 and, on a tie, the larger unit.
std::string exact(double value, std::initializer_list<std::span<const UnitScale>> tables, std::string_view suffix = "") {
    // Zero is written in the base unit ("0s", "0B"), whatever the tie-break would pick.
    if (value == 0.0)
        for (const auto& unit : *tables.begin())
            if (unit.multiplier == 1.0 && unit.divisor == 1.0) return "0" + std::string(unit.name) + std::string(suffix);
    std::string best;
    bool bestAtLeastOne = false;
    for (auto table : tables) {
        for (const auto& unit : table) {
            const double number = units::inUnit(unit, value);
            if (!std::isfinite(number) || units::apply(unit, number) != value) continue;
            const std::string text = shortestDecimal(number) + std::string(unit.name) + std::string(suffix);
            const bool atLeastOne = std::abs(number) >= 1.0 || value == 0.0;
            const bool better = best.empty() || (atLeastOne && !bestAtLeastOne) ||
                                (atLeastOne == bestAtLeastOne && text.size() <= best.size());
            if (better) {
                best = text;
                bestAtLeastOne = atLeastOne;
            }
        }
    }
    return best;
}

/// "2592000" → "2,592,000". Built by appending (std::string::insert draws a false -Wrestrict
/// from g++ 12 at -O2).
std::string withThousands(const std::string& digits) {
    const std::size_t start = (!digits.empty() && digits[0] == '-') ? 1 : 0;
    const std::size_t length = digits.size() - start;
    std::string out = digits.substr(0, start);
    for (std::size_t i = 0; i < length; ++i) {
        if (i > 0 && (length - i) % 3 == 0) out += ',';
        out += digits[start + i];
    }
    return out;
}

constexpr std::array kRatePeriods{UnitScale{"/s", 1, 1}, UnitScale{"/min", 1, 60}, UnitScale{"/h", 1, 3600},
                                  UnitScale{"/day", 1, units::kDay}};
// Rates with SI prefixes: "1 G/s", since "1 B/s" read as a byte a second (issue 15).
constexpr std::array kRateCountUnits{UnitScale{"", 1, 1}, UnitScale{" K", 1e3, 1}, UnitScale{" M", 1e6, 1},
                                     UnitScale{" G", 1e9, 1}, UnitScale{" T", 1e12, 1}};
// Counts in words: "548 B" beside sizes would read as bytes.
constexpr std::array kCountWords{UnitScale{"", 1, 1}, UnitScale{" thousand", 1e3, 1}, UnitScale{" million", 1e6, 1},
                                 UnitScale{" billion", 1e9, 1}, UnitScale{" trillion", 1e12, 1}};

}  // namespace

std::string shortestDecimal(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string formatNumber(double value, int significant) {
    if (!std::isfinite(value)) return human(value, units::kCountSuffixes, significant);
    if (value == std::trunc(value) && std::abs(value) < 1e15) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
        return withThousands(buffer);
    }
    const double rounded = roundSignificant(value, significant);
    std::string text = significantDigits(rounded, significant);
    const std::size_t dot = text.find('.');
    return withThousands(text.substr(0, dot)) + (dot == std::string::npos ? "" : text.substr(dot));
}

std::string formatDuration(Seconds value, int significant) {
    // For reading, microseconds as "µs"; files keep the ASCII "us" (both parse).
    static constexpr std::array kDisplayUnits{
        UnitScale{"ns", 1, 1e9}, UnitScale{"µs", 1, 1e6}, UnitScale{"ms", 1, 1e3}, UnitScale{"s", 1, 1},
        UnitScale{"min", 60, 1}, UnitScale{"h", 3600, 1}, UnitScale{"d", units::kDay, 1}, UnitScale{"y", units::kYear, 1},
    };
    return human(value.value, kDisplayUnits, significant);
}

std::string formatSize(Bytes value, UnitSystem system, int significant) {
    return human(value.value, system == UnitSystem::Binary ? std::span<const UnitScale>(units::kBinarySizeUnits)
                                                           : std::span<const UnitScale>(units::kDecimalSizeUnits),
                 significant);
}

std::string formatDataRate(BytesPerSecond value, UnitSystem system, int significant) {
    return formatSize(Bytes{value.value}, system, significant) + "/s";
}

std::string formatBitRate(BytesPerSecond value, int significant) { return human(value.value, units::kBitRateUnits, significant); }

std::string formatRate(PerSecond value, int significant) {
    const double rounded = roundSignificant(value.value, significant);
    if (std::abs(rounded) < 1000.0) return significantDigits(rounded, significant) + "/s";
    return human(value.value, kRateCountUnits, significant, "") + "/s";
}

std::string formatCount(double value, int significant) {
    if (std::abs(roundSignificant(value, significant)) < 1000.0) return significantDigits(roundSignificant(value, significant), significant);
    return human(value, kCountWords, significant, "");
}

std::string exactDuration(Seconds value) { return exact(value.value, {units::kDurationUnits}); }

std::string exactSize(Bytes value) { return exact(value.value, {units::kDecimalSizeUnits, units::kBinarySizeUnits}); }

std::string exactDataRate(BytesPerSecond value) {
    const std::string bits = exact(value.value, {units::kBitRateUnits});
    const std::string bytes = exact(value.value, {units::kDecimalSizeUnits, units::kBinarySizeUnits}, "/s");
    return bits.size() <= bytes.size() ? bits : bytes;
}

std::string exactRate(PerSecond value) { return exact(value.value, {kRatePeriods}); }

std::string exactCountPerPeriod(CountPerPeriod value) {
    return exactCount(value.count) + "/" + std::string(periodName(value.period));
}

std::string exactCount(double value) { return exact(value, {units::kCountSuffixes}); }

std::string exactCalendarSpan(CalendarSpan value) { return shortestDecimal(value.count) + std::string(calendarUnitName(value.unit)); }

}  // namespace headroom::model
