// SPDX-License-Identifier: MIT
#include "model/JsonPrint.h"

namespace headroom::model {
namespace {

bool isFlat(const Json& value) {
    if (!value.is_structured()) return true;
    for (const auto& element : value)
        if (element.is_structured()) return false;
    return true;
}

/// {"a": 1, "b": [2, 3]} with a space after each colon and comma.
std::string inlineForm(const Json& value) {
    if (value.is_object()) {
        if (value.empty()) return "{}";
        std::string out = "{";
        bool first = true;
        for (const auto& [key, member] : value.items()) {
            out += (first ? "" : ", ") + Json(key).dump() + ": " + inlineForm(member);
            first = false;
        }
        return out + "}";
    }
    if (value.is_array()) {
        if (value.empty()) return "[]";
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i) out += (i ? ", " : "") + inlineForm(value[i]);
        return out + "]";
    }
    return value.dump();
}

void print(const Json& value, std::size_t indent, std::size_t column, std::size_t width, std::string& out) {
    const std::string flat = inlineForm(value);
    // A scalar has no other form, however long; an empty container neither.
    if (!value.is_structured() || value.empty() || (isFlat(value) && column + flat.size() <= width)) {
        out += flat;
        return;
    }
    const std::string inner(indent + 2, ' ');
    const bool object = value.is_object();
    out += object ? "{\n" : "[\n";
    std::size_t i = 0;
    for (auto it = value.begin(); it != value.end(); ++it, ++i) {
        out += inner;
        std::size_t at = inner.size();
        if (object) {
            const std::string key = Json(it.key()).dump() + ": ";
            out += key;
            at += key.size();
        }
        print(*it, indent + 2, at, width, out);
        out += (i + 1 < value.size()) ? ",\n" : "\n";
    }
    out += std::string(indent, ' ') + (object ? "}" : "]");
}

}  // namespace

std::string prettyJson(const Json& value, std::size_t width) {
    std::string out;
    print(value, 0, 0, width, out);
    return out;
}

}  // namespace headroom::model
