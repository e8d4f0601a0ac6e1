// SPDX-License-Identifier: MIT
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

/// Quantities with units, parsed once at the edge of the program into strong types.
/// Every type holds an SI base value: seconds, bytes, bytes per second, requests per second.
namespace headroom::model {

/// A duration, in seconds.
struct Seconds {
    double value = 0.0;
    friend auto operator<=>(Seconds, Seconds) = default;
};

/// An amount of data, in bytes.
struct Bytes {
    double value = 0.0;
    friend auto operator<=>(Bytes, Bytes) = default;
};

/// A data rate, in bytes per second (bit rates such as "1Gbps" are divided by 8 on parsing).
struct BytesPerSecond {
    double value = 0.0;
    friend auto operator<=>(BytesPerSecond, BytesPerSecond) = default;
};

/// An event rate, in events (requests) per second.
struct PerSecond {
    double value = 0.0;
    friend auto operator<=>(PerSecond, PerSecond) = default;
};

/// The period a rate was written in. The estimator keeps it, because published estimates
/// convert between periods under their own conventions (a month of 30 days or of 2.5 M s).
enum class Period { Second, Minute, Hour, Day, Month, Year };

/// A count over a period exactly as written, e.g. "500M/month" is {500e6, Period::Month}.
struct CountPerPeriod {
    double count = 0.0;
    Period period = Period::Second;
    friend bool operator==(const CountPerPeriod&, const CountPerPeriod&) = default;
};

/// A span of calendar time counted in whole units, e.g. a retention of "5y" or "18month".
/// Kept as written: 5 years of a monthly rate is 60 months, of a daily rate 5 × days_per_year days.
struct CalendarSpan {
    enum class Unit { Day, Month, Year };
    double count = 0.0;
    Unit unit = Unit::Year;
    friend bool operator==(const CalendarSpan&, const CalendarSpan&) = default;
};

/// How "KB", "MB", … are read: as powers of 1000 (SI, the default) or of 1024 (the
/// "2^10 ≈ 1 thousand" convention, REFERENCE.md T07). "KiB", "MiB", … are always powers of 1024.
enum class UnitSystem { Decimal, Binary };

template <class T>
using Parsed = tl::expected<T, std::string>;

// Parsers accept optional spaces around the number and between number and unit, any finite
// number (ranges are checked by validation, which knows the field), and return a message that
// quotes the input and says what was expected.
[[nodiscard]] Parsed<Seconds> parseDuration(std::string_view text);
[[nodiscard]] Parsed<Bytes> parseSize(std::string_view text, UnitSystem system = UnitSystem::Decimal);
/// Byte rates ("125MB/s", "1GiB/s") and bit rates ("1Gbps", "100Mbps").
[[nodiscard]] Parsed<BytesPerSecond> parseDataRate(std::string_view text);
/// "8000/s", "2.5K/s", "500M/month": a count with an optional K, M, B or T, a slash, a period.
[[nodiscard]] Parsed<CountPerPeriod> parseCountPerPeriod(std::string_view text);
/// As parseCountPerPeriod, converted with a day of 86,400 s, a month of 30 days (T05) and a
/// year of 365 days (T06).
[[nodiscard]] Parsed<PerSecond> parseRate(std::string_view text);
/// "300M", "1.5B", "12": a number with an optional K (10^3), M (10^6), B (10^9) or T (10^12).
[[nodiscard]] Parsed<double> parseCount(std::string_view text);
/// "0.9" or "90%".
[[nodiscard]] Parsed<double> parseRatio(std::string_view text);
/// "5y", "18month", "90d".
[[nodiscard]] Parsed<CalendarSpan> parseCalendarSpan(std::string_view text);

/// Seconds in one period under the physical conventions of parseRate.
[[nodiscard]] double physicalSecondsIn(Period period);
/// "s", "min", "h", "day", "month", "year": the spelling used after the slash of a rate.
[[nodiscard]] std::string_view periodName(Period period);
[[nodiscard]] std::string_view calendarUnitName(CalendarSpan::Unit unit);

}  // namespace headroom::model
