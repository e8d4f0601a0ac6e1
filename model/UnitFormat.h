// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "model/Units.h"

/// Two ways to print a quantity:
/// - human forms ("3.47 K/s", "54.8 PB", "4 ms", "548 billion") round to a few significant digits for reading;
///   parsing one back gives the value to that precision.
/// - exact forms ("4ms", "2000/s", "1.5KiB") are what scenario files hold: the shortest spelling
///   whose parse is the very same double, so a file Headroom wrote reads back bit for bit.
namespace headroom::model {

inline constexpr int kDefaultSignificantDigits = 3;

/// A plain number for formulas: integers with thousands separators ("2,592,000"), others with
/// `significant` digits ("192.9").
[[nodiscard]] std::string formatNumber(double value, int significant = 4);

[[nodiscard]] std::string formatDuration(Seconds value, int significant = kDefaultSignificantDigits);
[[nodiscard]] std::string formatSize(Bytes value, UnitSystem system = UnitSystem::Decimal, int significant = kDefaultSignificantDigits);
[[nodiscard]] std::string formatDataRate(BytesPerSecond value, UnitSystem system = UnitSystem::Decimal,
                                         int significant = kDefaultSignificantDigits);
[[nodiscard]] std::string formatBitRate(BytesPerSecond value, int significant = kDefaultSignificantDigits);
[[nodiscard]] std::string formatRate(PerSecond value, int significant = kDefaultSignificantDigits);
[[nodiscard]] std::string formatCount(double value, int significant = kDefaultSignificantDigits);

[[nodiscard]] std::string exactDuration(Seconds value);
[[nodiscard]] std::string exactSize(Bytes value);
[[nodiscard]] std::string exactDataRate(BytesPerSecond value);
[[nodiscard]] std::string exactRate(PerSecond value);
[[nodiscard]] std::string exactCountPerPeriod(CountPerPeriod value);
[[nodiscard]] std::string exactCount(double value);
[[nodiscard]] std::string exactCalendarSpan(CalendarSpan value);
/// The shortest decimal spelling that reads back as the same double ("0.1", "2500000").
[[nodiscard]] std::string shortestDecimal(double value);

}  // namespace headroom::model
