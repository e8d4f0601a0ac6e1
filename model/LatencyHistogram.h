// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/JsonReader.h"

namespace headroom::model {

/// Durations recorded into logarithmic buckets: at most 25 KB whatever the number of samples
/// (only the buckets from the smallest value's to the largest's are kept: about 3.6 KB for
/// values within two decades), mergeable across replications, with every quantile within
/// 0.78 % of a recorded value.
///
/// Each power of two from 2^-30 s (≈ 0.93 ns) to 2^20 s (≈ 12 days) is cut into 64 equal
/// sub-buckets, found with frexp (no logarithm): a bucket spans at most 1/64 of its lower
/// bound, so its midpoint is within 1/129 (0.78 %) of any value in it. Values outside the range
/// are counted at its ends, and say so (`clamped()`).
class LatencyHistogram {
public:
    static constexpr int kSubBuckets = 64;
    static constexpr int kMinExponent = -29;  ///< frexp exponent of the smallest bucket, [2^-30, 2^-29)
    static constexpr int kMaxExponent = 20;   ///< frexp exponent of the largest, [2^19, 2^20)
    static constexpr std::size_t kBuckets = static_cast<std::size_t>(kMaxExponent - kMinExponent + 1) * kSubBuckets;

    /// Records one duration, in seconds (negative and NaN values count as zero).
    void record(double seconds);
    /// Adds another histogram's counts (another replication's, or another process's).
    void merge(const LatencyHistogram& other);

    [[nodiscard]] std::uint64_t count() const { return m_count; }
    [[nodiscard]] std::optional<double> mean() const;
    [[nodiscard]] std::optional<double> min() const;
    [[nodiscard]] std::optional<double> max() const;
    /// The p-quantile (0 ≤ p ≤ 1): the midpoint of the bucket holding the ⌈p n⌉-th smallest
    /// value, within the recorded min and max; the smallest and largest ranks are those values.
    [[nodiscard]] std::optional<double> quantile(double p) const;
    /// The fraction of recorded values at or below `seconds` (for a CDF).
    [[nodiscard]] double fractionAtOrBelow(double seconds) const;
    /// Whether some value fell outside the bucket range and was counted at its end.
    [[nodiscard]] bool clamped() const { return m_clamped; }

    /// A compact form for moving between processes: only the non-empty buckets.
    [[nodiscard]] Json toJson() const;
    /// Reads toJson's form; nothing when it is malformed.
    [[nodiscard]] static std::optional<LatencyHistogram> fromJson(const Json& json);

    /// The bucket a value falls in, and the midpoint that stands for it.
    [[nodiscard]] static std::size_t bucketOf(double seconds);
    [[nodiscard]] static double midpointOf(std::size_t bucket);

private:
    /// Adds `count` to a bucket, widening the kept span to reach it.
    void add(std::size_t bucket, std::uint64_t count);
    /// The count of a bucket (0 outside the kept span).
    [[nodiscard]] std::uint64_t countAt(std::size_t bucket) const {
        return bucket >= m_first && bucket - m_first < m_counts.size() ? m_counts[bucket - m_first] : 0;
    }

    std::vector<std::uint64_t> m_counts;  ///< buckets m_first, m_first + 1, …
    std::size_t m_first = 0;
    std::uint64_t m_count = 0;
    double m_sum = 0.0;
    double m_min = 0.0;
    double m_max = 0.0;
    bool m_clamped = false;
};

}  // namespace headroom::model
