// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "model/Problem.h"
#include "model/Units.h"

namespace headroom::model {

/// Scenario files keep their key order, so that problems come in file order and files round-trip.
using Json = nlohmann::ordered_json;

/// "components[2]" + "calls" → "components[2].calls"; "" + "name" → "name".
[[nodiscard]] std::string childPath(std::string_view parent, std::string_view key);
/// "components" + 2 → "components[2]".
[[nodiscard]] std::string indexPath(std::string_view parent, std::size_t index);

/// Reads the fields of one JSON object, building each field's path and recording a Problem for
/// every value of the wrong type or unit. A missing optional field is not a problem; a present
/// but bad one yields nullopt and a Problem, so the caller reads on and every problem is found.
class ObjectReader {
public:
    ObjectReader(const Json& value, std::string path, Problems& problems);

    /// False when the value is not an object (already reported); every read then yields nullopt.
    [[nodiscard]] bool isObject() const { return m_object != nullptr; }
    [[nodiscard]] const std::string& path() const { return m_path; }
    [[nodiscard]] std::string pathOf(std::string_view key) const { return childPath(m_path, key); }
    [[nodiscard]] bool has(std::string_view key) const;

    /// The raw value of `key`, or nullptr when absent.
    [[nodiscard]] const Json* raw(std::string_view key) const;

    std::optional<std::string> string(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    std::optional<int> integer(std::string_view key);
    std::optional<std::uint64_t> unsignedInteger(std::string_view key);
    std::optional<double> number(std::string_view key);
    std::optional<double> count(std::string_view key);  ///< 12 or "300M"
    std::optional<double> ratio(std::string_view key);  ///< 0.9 or "90%"
    std::optional<Seconds> duration(std::string_view key);
    std::optional<Bytes> size(std::string_view key, UnitSystem system = UnitSystem::Decimal);
    std::optional<BytesPerSecond> dataRate(std::string_view key);
    std::optional<PerSecond> rate(std::string_view key);
    std::optional<CountPerPeriod> countPerPeriod(std::string_view key);
    std::optional<CalendarSpan> calendarSpan(std::string_view key);
    /// The index of the value among `names` ("poisson" in {"poisson", "constant"} → 0).
    std::optional<std::size_t> choice(std::string_view key, std::span<const std::string_view> names);

    /// Calls `each(element, elementPath)` for every element of the array at `key` (a non-array is a problem).
    void forEachElement(std::string_view key, const std::function<void(const Json&, const std::string&)>& each);

    /// Records "missing" for an absent required field.
    void require(std::string_view key, std::string_view what);
    /// The same for a name or an id, which an empty string does not give either.
    void requireName(std::string_view key, std::string_view what);
    /// Records an unknown key, with a suggestion from `known`, for every key not in `known`.
    void rejectUnknown(std::span<const std::string_view> known);
    void problem(std::string path, std::string message);

private:
    template <class T>
    std::optional<T> parsed(std::string_view key, std::string_view example,
                            const std::function<Parsed<T>(std::string_view)>& parse, bool numbersAllowed);

    const Json* m_object = nullptr;
    std::string m_path;
    Problems& m_problems;
};

/// "a string", "an object", "a number": what a JSON value is, for messages.
[[nodiscard]] std::string describeJsonType(const Json& value);

}  // namespace headroom::model
