// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace headroom::model {

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo
/// (at most a third of the word's letters differ, and at least one letter is shared in place).
[[nodiscard]] std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string_view> candidates);

/// " (did you mean \"x\"?)" or "", ready to append to a message.
[[nodiscard]] std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates);

/// "a, b or c".
[[nodiscard]] std::string joinAlternatives(std::span<const std::string_view> words, std::string_view lastSeparator = " or ");

}  // namespace headroom::model
