// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "model/JsonReader.h"
#include "model/UnitFormat.h"
#include "model/Units.h"

/// Writing an optional field of a scenario file only when it is present, in its exact spelling
/// (the scenario writer and the version-2 keys' writer share these; `number` also writes the
/// CLI's counts).
namespace headroom::model::write {

/// Whole numbers are written without a fraction ("240", not "240.0"), as people write them.
inline Json number(double value) {
    if (value == std::trunc(value) && std::abs(value) < 9.0e15) return static_cast<std::int64_t>(value);
    return value;
}

template <class T, class Convert>
void put(Json& object, std::string_view key, const std::optional<T>& value, Convert convert) {
    if (value) object[std::string(key)] = convert(*value);
}

/// A fraction as people write an availability or a share ("99.9%", "7%" for 0.07 although
/// 0.07 × 100 is 7.000000000000001): the fewest digits that read back to the same double; the
/// plain number in a string when no percent does (both read as a ratio).
inline Json percent(double fraction) {
    for (int decimals = 0; decimals <= 17; ++decimals) {
        char text[48];
        std::snprintf(text, sizeof text, "%.*f%%", decimals, fraction * 100.0);
        if (const auto back = parseRatio(text); back && *back == fraction) return std::string(text);
    }
    return shortestDecimal(fraction);
}

inline void putNumber(Json& object, std::string_view key, const std::optional<double>& value) {
    put(object, key, value, [](double v) { return number(v); });
}

inline void putInteger(Json& object, std::string_view key, const std::optional<int>& value) {
    put(object, key, value, [](int v) { return Json(v); });
}

inline void putString(Json& object, std::string_view key, const std::optional<std::string>& value) {
    put(object, key, value, [](const std::string& v) { return Json(v); });
}

inline void putDuration(Json& object, std::string_view key, const std::optional<Seconds>& value) {
    put(object, key, value, [](Seconds v) { return Json(exactDuration(v)); });
}

inline void putSize(Json& object, std::string_view key, const std::optional<Bytes>& value) {
    put(object, key, value, [](Bytes v) { return Json(exactSize(v)); });
}

inline void putCount(Json& object, std::string_view key, const std::optional<double>& value) {
    put(object, key, value, [](double v) { return Json(exactCount(v)); });
}

}  // namespace headroom::model::write
