// SPDX-License-Identifier: MIT
#include "model/JsonReader.h"

#include <cmath>
#include <limits>

#include "model/Suggest.h"
#include "model/UnitFormat.h"

namespace headroom::model {

std::string childPath(std::string_view parent, std::string_view key) {
    if (parent.empty()) return std::string(key);
    return std::string(parent) + "." + std::string(key);
}

std::string indexPath(std::string_view parent, std::size_t index) {
    return std::string(parent) + "[" + std::to_string(index) + "]";
}

std::string describeJsonType(const Json& value) {
    switch (value.type()) {
        case Json::value_t::object: return "an object";
        case Json::value_t::array: return "an array";
        case Json::value_t::string: return "a string";
        case Json::value_t::boolean: return "a boolean";
        case Json::value_t::null: return "null";
        default: return "a number";
    }
}

ObjectReader::ObjectReader(const Json& value, std::string path, Problems& problems)
    : m_path(std::move(path)), m_problems(problems) {
    if (value.is_object())
        m_object = &value;
    else
        problem(m_path, "must be an object, got " + describeJsonType(value));
}

bool ObjectReader::has(std::string_view key) const { return raw(key) != nullptr; }

const Json* ObjectReader::raw(std::string_view key) const {
    if (!m_object) return nullptr;
    const auto it = m_object->find(key);
    return it == m_object->end() ? nullptr : &*it;
}

void ObjectReader::problem(std::string path, std::string message) { m_problems.push_back({std::move(path), std::move(message)}); }

void ObjectReader::require(std::string_view key, std::string_view what) {
    if (m_object && !has(key)) problem(pathOf(key), "missing: " + std::string(what));
}

void ObjectReader::requireName(std::string_view key, std::string_view what) {
    require(key, what);
    if (const Json* value = raw(key); value && value->is_string() && value->get_ref<const std::string&>().empty())
        problem(pathOf(key), "must not be empty: " + std::string(what));
}

void ObjectReader::rejectUnknown(std::span<const std::string_view> known) {
    if (!m_object) return;
    for (const auto& [key, value] : m_object->items()) {
        bool found = false;
        for (auto k : known) found = found || k == key;
        if (!found) problem(pathOf(key), "unknown key \"" + key + "\"" + didYouMean(key, known));
    }
}

void ObjectReader::forEachElement(std::string_view key, const std::function<void(const Json&, const std::string&)>& each) {
    const Json* array = raw(key);
    if (!array) return;
    if (!array->is_array()) {
        problem(pathOf(key), "must be an array, got " + describeJsonType(*array));
        return;
    }
    for (std::size_t i = 0; i < array->size(); ++i) each((*array)[i], indexPath(pathOf(key), i));
}

std::optional<std::string> ObjectReader::string(std::string_view key) {
    const Json* value = raw(key);
    if (!value) return std::nullopt;
    if (!value->is_string()) {
        problem(pathOf(key), "must be a string, got " + describeJsonType(*value));
        return std::nullopt;
    }
    return value->get<std::string>();
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
    const Json* value = raw(key);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) {
        problem(pathOf(key), "must be true or false, got " + describeJsonType(*value));
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<double> ObjectReader::number(std::string_view key) {
    const Json* value = raw(key);
    if (!value) return std::nullopt;
    if (!value->is_number()) {
        problem(pathOf(key), "must be a number, got " + describeJsonType(*value));
        return std::nullopt;
    }
    const double number = value->get<double>();
    if (!std::isfinite(number)) {
        problem(pathOf(key), "must be a finite number");
        return std::nullopt;
    }
    return number;
}

std::optional<int> ObjectReader::integer(std::string_view key) {
    const Json* value = raw(key);
    if (!value) return std::nullopt;
    if (!value->is_number()) {
        problem(pathOf(key), "must be a whole number, got " + describeJsonType(*value));
        return std::nullopt;
    }
    const double number = value->get<double>();
    if (number != std::trunc(number)) {
        problem(pathOf(key), "must be a whole number, got " + shortestDecimal(number));
        return std::nullopt;
    }
    if (std::abs(number) > std::numeric_limits<int>::max()) {
        problem(pathOf(key), "is too large: " + shortestDecimal(number));
        return std::nullopt;
    }
    return static_cast<int>(number);
}

std::optional<std::uint64_t> ObjectReader::unsignedInteger(std::string_view key) {
    const Json* value = raw(key);
    if (!value) return std::nullopt;
    if (value->is_number_unsigned()) return value->get<std::uint64_t>();
    if (value->is_number_integer()) {
        problem(pathOf(key), "must not be negative, got " + value->dump());
        return std::nullopt;
    }
    problem(pathOf(key), "must be a whole number from 0 to 18446744073709551615, got " +
                             (value->is_number() ? value->dump() : describeJsonType(*value)));
    return std::nullopt;
}

template <class T>
std::optional<T> ObjectReader::parsed(std::string_view key, std::string_view example,
                                      const std::function<Parsed<T>(std::string_view)>& parse, bool numbersAllowed) {
    const Json* value = raw(key);
    if (!value) return std::nullopt;
    if (value->is_number() && numbersAllowed) {
        auto result = parse(shortestDecimal(value->get<double>()));
        if (!result) {
            problem(pathOf(key), result.error());
            return std::nullopt;
        }
        return *result;
    }
    if (!value->is_string()) {
        std::string message = "must be a string such as \"" + std::string(example) + "\", got " + describeJsonType(*value);
        if (value->is_number()) message += " (" + value->dump() + ") with no unit";
        problem(pathOf(key), message);
        return std::nullopt;
    }
    auto result = parse(value->get<std::string>());
    if (!result) {
        problem(pathOf(key), result.error());
        return std::nullopt;
    }
    return *result;
}

std::optional<double> ObjectReader::count(std::string_view key) {
    return parsed<double>(key, "300M", [](std::string_view text) { return parseCount(text); }, true);
}

std::optional<double> ObjectReader::ratio(std::string_view key) {
    return parsed<double>(key, "90%", [](std::string_view text) { return parseRatio(text); }, true);
}

std::optional<Seconds> ObjectReader::duration(std::string_view key) {
    return parsed<Seconds>(key, "5ms", [](std::string_view text) { return parseDuration(text); }, false);
}

std::optional<Bytes> ObjectReader::size(std::string_view key, UnitSystem system) {
    return parsed<Bytes>(key, "10KB", [system](std::string_view text) { return parseSize(text, system); }, false);
}

std::optional<BytesPerSecond> ObjectReader::dataRate(std::string_view key) {
    return parsed<BytesPerSecond>(key, "1Gbps", [](std::string_view text) { return parseDataRate(text); }, false);
}

std::optional<PerSecond> ObjectReader::rate(std::string_view key) {
    return parsed<PerSecond>(key, "2000/s", [](std::string_view text) { return parseRate(text); }, false);
}

std::optional<CountPerPeriod> ObjectReader::countPerPeriod(std::string_view key) {
    return parsed<CountPerPeriod>(key, "500M/month", [](std::string_view text) { return parseCountPerPeriod(text); }, false);
}

std::optional<CalendarSpan> ObjectReader::calendarSpan(std::string_view key) {
    return parsed<CalendarSpan>(key, "5y", [](std::string_view text) { return parseCalendarSpan(text); }, false);
}

std::optional<std::size_t> ObjectReader::choice(std::string_view key, std::span<const std::string_view> names) {
    auto text = string(key);
    if (!text) return std::nullopt;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == *text) return i;
    problem(pathOf(key), "\"" + *text + "\" is not one of " + joinAlternatives(names) + didYouMean(*text, names));
    return std::nullopt;
}

}  // namespace headroom::model
