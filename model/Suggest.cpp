// SPDX-License-Identifier: MIT
#include "model/Suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace headroom::model {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Damerau-Levenshtein (optimal string alignment) distance, case-insensitive: a transposed pair
// ("hti_ratio") is one typo, not two.
std::size_t editDistance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) && lower(a[i - 2]) == lower(b[j - 1]))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

}  // namespace

std::optional<std::string> closestMatch(std::string_view word, std::span<const std::string_view> candidates) {
    if (word.empty() || word.size() > 64) return std::nullopt;
    std::optional<std::string> best;
    std::size_t bestDistance = 0;
    // Suggestions help with typos in keys and ids; beyond this many candidates the search would
    // cost more than it is worth on a huge, broken file.
    constexpr std::size_t kMaxCandidates = 2000;
    for (std::string_view candidate : candidates.first(std::min(candidates.size(), kMaxCandidates))) {
        const std::size_t longer = std::max(word.size(), candidate.size());
        const std::size_t lengthGap = longer - std::min(word.size(), candidate.size());
        if (lengthGap > std::max<std::size_t>(1, longer / 3)) continue;  // too far apart to be a typo
        const std::size_t distance = editDistance(word, candidate);
        const std::size_t allowed = std::max<std::size_t>(1, std::max(word.size(), candidate.size()) / 3);
        if (distance > allowed || distance >= std::max(word.size(), candidate.size())) continue;
        if (!best || distance < bestDistance) {
            best = std::string(candidate);
            bestDistance = distance;
        }
    }
    return best;
}

std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates) {
    if (auto match = closestMatch(word, candidates)) return " (did you mean \"" + *match + "\"?)";
    return {};
}

std::string joinAlternatives(std::span<const std::string_view> words, std::string_view lastSeparator) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += (i + 1 == words.size()) ? std::string(lastSeparator) : std::string(", ");
        out += words[i];
    }
    return out;
}

}  // namespace headroom::model
