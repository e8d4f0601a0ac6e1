// SPDX-License-Identifier: MIT
#include "model/Units.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

#include "model/Suggest.h"
#include "model/UnitTables.h"

namespace headroom::model {
namespace {

using units::UnitScale;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

/// A number at the front of a quantity, and what follows it (spaces skipped).
struct Split {
    double number = 0.0;
    std::string_view unit;
};

enum class NumberProblem { Missing, NotFinite };

// Scans "-12.5e3" by hand so that "inf", "nan", "0x1p3" and a leading "+" are refused: a
// quantity is written in decimal, and from_chars alone would accept the first two.
tl::expected<Split, NumberProblem> splitNumber(std::string_view text) {
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') ++i;
    const std::size_t digitsFrom = i;
    while (i < text.size() && isDigit(text[i])) ++i;
    if (i < text.size() && text[i] == '.') {
        ++i;
        while (i < text.size() && isDigit(text[i])) ++i;
    }
    const std::size_t mantissaLength = i - digitsFrom;
    if (mantissaLength == 0 || (mantissaLength == 1 && text[digitsFrom] == '.')) return tl::unexpected(NumberProblem::Missing);
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t j = i + 1;
        if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
        if (j < text.size() && isDigit(text[j])) {
            while (j < text.size() && isDigit(text[j])) ++j;
            i = j;
        }
    }
    Split split;
    const auto [end, error] = std::from_chars(text.data(), text.data() + i, split.number);
    if (error != std::errc() || end != text.data() + i || !std::isfinite(split.number))
        return tl::unexpected(NumberProblem::NotFinite);
    split.unit = trim(text.substr(i));
    return split;
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::vector<std::string_view> namesOf(std::span<const UnitScale> table) {
    std::vector<std::string_view> names;
    for (const auto& unit : table) names.push_back(unit.name);
    return names;
}

/// The message for a quantity that failed: what it is not, what was expected, and a likely fix.
std::string notA(std::string_view text, std::string_view what, std::string_view expected,
                 std::optional<std::string_view> unit = std::nullopt, std::span<const std::string_view> unitNames = {}) {
    std::string message = quoted(text) + " is not " + std::string(what) + " (expected " + std::string(expected) + ")";
    if (unit && !unit->empty()) message += didYouMean(*unit, unitNames);
    return message;
}

const UnitScale* findUnit(std::string_view name, std::span<const UnitScale> table) {
    for (const auto& unit : table)
        if (unit.name == name) return &unit;
    return nullptr;
}

/// number × unit, refusing a result too large for a double (e.g. "1e300y").
tl::expected<double, std::string> scaled(std::string_view text, double number, const UnitScale& unit) {
    const double value = units::apply(unit, number);
    if (!std::isfinite(value)) return tl::unexpected(quoted(text) + " is too large");
    return value;
}

/// Reads "<number> <unit>" where the unit is one of `tables` (searched in order).
tl::expected<double, std::string> parseWithUnits(std::string_view raw, std::string_view what, std::string_view expected,
                                                 std::initializer_list<std::span<const UnitScale>> tables) {
    const std::string_view text = trim(raw);
    if (text.empty()) return tl::unexpected("an empty text is not " + std::string(what) + " (expected " + std::string(expected) + ")");
    auto split = splitNumber(text);
    if (!split) {
        if (split.error() == NumberProblem::NotFinite) return tl::unexpected(quoted(text) + " is not a finite number");
        return tl::unexpected(notA(text, what, expected));
    }
    std::vector<std::string_view> names;
    for (auto table : tables) {
        if (const UnitScale* unit = findUnit(split->unit, table)) return scaled(text, split->number, *unit);
        for (auto name : namesOf(table)) names.push_back(name);
    }
    if (split->unit.empty()) return tl::unexpected(notA(text, what, expected) + ": the unit is missing");
    return tl::unexpected(notA(text, what, expected, split->unit, names));
}

/// A count suffix (K, M, B, T) at the front of `unit`, and the rest after it.
std::pair<const UnitScale*, std::string_view> takeCountSuffix(std::string_view unit) {
    for (const auto& suffix : units::kCountSuffixes)
        if (!suffix.name.empty() && unit.starts_with(suffix.name)) return {&suffix, trim(unit.substr(suffix.name.size()))};
    return {&units::kCountSuffixes[0], unit};
}

constexpr std::array kPeriodNames{std::string_view("s"), std::string_view("min"), std::string_view("h"),
                                  std::string_view("day"), std::string_view("month"), std::string_view("year")};

constexpr std::string_view kDurationExpected = "a number and one of ns, us, ms, s, min, h, d, y";
constexpr std::string_view kSizeExpected = "a number and one of B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB";
constexpr std::string_view kDataRateExpected =
    "a number and one of bps, Kbps, Mbps, Gbps, Tbps, B/s, KB/s, MB/s, GB/s, TB/s, PB/s, KiB/s, MiB/s, GiB/s, TiB/s, PiB/s";
constexpr std::string_view kRateExpected = "a number, an optional K, M, B or T, and one of /s, /min, /h, /day, /month, /year";
constexpr std::string_view kCountExpected = "a number with an optional K, M, B or T";
constexpr std::string_view kCalendarExpected = "a number and one of d, month, y";

}  // namespace

double physicalSecondsIn(Period period) {
    switch (period) {
        case Period::Second: return 1.0;
        case Period::Minute: return 60.0;
        case Period::Hour: return 3600.0;
        case Period::Day: return units::kDay;
        case Period::Month: return units::kMonth;
        case Period::Year: return units::kYear;
    }
    return 1.0;
}

std::string_view periodName(Period period) { return kPeriodNames[static_cast<std::size_t>(period)]; }

std::string_view calendarUnitName(CalendarSpan::Unit unit) {
    switch (unit) {
        case CalendarSpan::Unit::Day: return "d";
        case CalendarSpan::Unit::Month: return "month";
        case CalendarSpan::Unit::Year: return "y";
    }
    return "y";
}

Parsed<Seconds> parseDuration(std::string_view text) {
    auto value = parseWithUnits(text, "a duration", kDurationExpected, {units::kDurationUnits, units::kDurationAliases});
    if (!value) return tl::unexpected(value.error());
    return Seconds{*value};
}

Parsed<Bytes> parseSize(std::string_view text, UnitSystem system) {
    // Under the binary convention "KB" means 1024 B; the table keeps the decimal spelling so that
    // messages and suggestions are the same in both systems.
    static constexpr std::array kBinaryAsDecimalNames{
        UnitScale{"B", 1, 1}, UnitScale{"KB", 1024.0, 1}, UnitScale{"MB", 1048576.0, 1},
        UnitScale{"GB", 1073741824.0, 1}, UnitScale{"TB", 1099511627776.0, 1}, UnitScale{"PB", 1125899906842624.0, 1},
    };
    static constexpr std::array kAliases{UnitScale{"kB", 1e3, 1}, UnitScale{"bytes", 1, 1}};
    const std::span<const UnitScale> decimal =
        system == UnitSystem::Binary ? std::span<const UnitScale>(kBinaryAsDecimalNames) : std::span<const UnitScale>(units::kDecimalSizeUnits);
    auto value = parseWithUnits(text, "a size", kSizeExpected, {decimal, units::kBinarySizeUnits, kAliases});
    if (!value) return tl::unexpected(value.error());
    return Bytes{*value};
}

Parsed<BytesPerSecond> parseDataRate(std::string_view raw) {
    const std::string_view text = trim(raw);
    // A byte rate is a size followed by "/s"; a bit rate has its own units.
    if (text.ends_with("/s")) {
        auto size = parseSize(text.substr(0, text.size() - 2));
        if (size) return BytesPerSecond{size->value};
        return tl::unexpected(notA(text, "a data rate", kDataRateExpected));
    }
    auto value = parseWithUnits(text, "a data rate", kDataRateExpected, {units::kBitRateUnits});
    if (!value) return tl::unexpected(value.error());
    return BytesPerSecond{*value};
}

Parsed<CountPerPeriod> parseCountPerPeriod(std::string_view raw) {
    const std::string_view text = trim(raw);
    if (text.empty()) return tl::unexpected("an empty text is not a rate (expected " + std::string(kRateExpected) + ")");
    auto split = splitNumber(text);
    if (!split) {
        if (split.error() == NumberProblem::NotFinite) return tl::unexpected(quoted(text) + " is not a finite number");
        return tl::unexpected(notA(text, "a rate", kRateExpected));
    }
    auto [suffix, rest] = takeCountSuffix(split->unit);
    if (!rest.starts_with('/')) {
        std::string message = notA(text, "a rate", kRateExpected);
        if (rest.empty()) message += ": the period is missing, as in \"" + std::string(text) + "/s\"";
        return tl::unexpected(message);
    }
    const std::string_view periodText = trim(rest.substr(1));
    for (std::size_t i = 0; i < kPeriodNames.size(); ++i) {
        if (kPeriodNames[i] != periodText) continue;
        auto count = scaled(text, split->number, *suffix);
        if (!count) return tl::unexpected(count.error());
        return CountPerPeriod{*count, static_cast<Period>(i)};
    }
    return tl::unexpected(notA(text, "a rate", kRateExpected, periodText, kPeriodNames));
}

Parsed<PerSecond> parseRate(std::string_view text) {
    auto rate = parseCountPerPeriod(text);
    if (!rate) return tl::unexpected(rate.error());
    return PerSecond{rate->count / physicalSecondsIn(rate->period)};
}

Parsed<double> parseCount(std::string_view raw) {
    static constexpr std::array kCountWords{UnitScale{"thousand", 1e3, 1}, UnitScale{"million", 1e6, 1},
                                            UnitScale{"billion", 1e9, 1}, UnitScale{"trillion", 1e12, 1}};
    const std::string_view text = trim(raw);
    auto value = parseWithUnits(text, "a count", kCountExpected, {units::kCountSuffixes, kCountWords});
    if (!value) return tl::unexpected(value.error());
    return *value;
}

Parsed<double> parseRatio(std::string_view raw) {
    static constexpr std::array kRatioUnits{UnitScale{"", 1, 1}, UnitScale{"%", 1, 100}};
    auto value = parseWithUnits(raw, "a ratio", "a number from 0 to 1, or a percentage such as \"90%\"", {kRatioUnits});
    if (!value) return tl::unexpected(value.error());
    return *value;
}

Parsed<CalendarSpan> parseCalendarSpan(std::string_view raw) {
    static constexpr std::array kSpanUnits{UnitScale{"d", 1, 1}, UnitScale{"month", 1, 1}, UnitScale{"y", 1, 1}};
    const std::string_view text = trim(raw);
    auto value = parseWithUnits(text, "a calendar span", kCalendarExpected, {kSpanUnits});
    if (!value) return tl::unexpected(value.error());
    const auto split = splitNumber(text);
    const auto unit = split->unit == "d" ? CalendarSpan::Unit::Day : split->unit == "month" ? CalendarSpan::Unit::Month : CalendarSpan::Unit::Year;
    return CalendarSpan{*value, unit};
}

}  // namespace headroom::model
