// SPDX-License-Identifier: MIT
#include "model/LatencyHistogram.h"

#include <algorithm>
#include <cmath>

namespace headroom::model {

std::size_t LatencyHistogram::bucketOf(double seconds) {
    if (!(seconds > 0.0)) return 0;
    int exponent = 0;
    const double mantissa = std::frexp(seconds, &exponent);  // seconds = mantissa × 2^exponent, mantissa in [0.5, 1)
    if (exponent < kMinExponent) return 0;
    if (exponent > kMaxExponent) return kBuckets - 1;
    const auto sub = std::min(kSubBuckets - 1, static_cast<int>((mantissa - 0.5) * 2.0 * kSubBuckets));
    return static_cast<std::size_t>(exponent - kMinExponent) * kSubBuckets + static_cast<std::size_t>(sub);
}

double LatencyHistogram::midpointOf(std::size_t bucket) {
    const int exponent = static_cast<int>(bucket / kSubBuckets) + kMinExponent;
    const double sub = static_cast<double>(bucket % kSubBuckets);
    // The bucket is [0.5 + sub/128, 0.5 + (sub + 1)/128) × 2^exponent.
    return std::ldexp(0.5 + (sub + 0.5) / (2.0 * kSubBuckets), exponent);
}

void LatencyHistogram::add(std::size_t bucket, std::uint64_t count) {
    if (m_counts.empty()) {
        m_first = bucket;
        m_counts.assign(1, 0);
    } else if (bucket < m_first) {
        m_counts.insert(m_counts.begin(), m_first - bucket, 0);
        m_first = bucket;
    } else if (bucket - m_first >= m_counts.size()) {
        m_counts.resize(bucket - m_first + 1, 0);
    }
    m_counts[bucket - m_first] += count;
}

void LatencyHistogram::record(double seconds) {
    if (!(seconds >= 0.0)) seconds = 0.0;  // NaN and negatives: a bug upstream, not a crash here
    const std::size_t bucket = bucketOf(seconds);
    if (seconds < std::ldexp(0.5, kMinExponent) || seconds >= std::ldexp(1.0, kMaxExponent)) m_clamped = true;
    add(bucket, 1);
    m_min = m_count == 0 ? seconds : std::min(m_min, seconds);
    m_max = m_count == 0 ? seconds : std::max(m_max, seconds);
    ++m_count;
    m_sum += seconds;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
    if (other.m_count == 0) return;
    for (std::size_t i = 0; i < other.m_counts.size(); ++i)
        if (other.m_counts[i]) add(other.m_first + i, other.m_counts[i]);
    m_min = m_count == 0 ? other.m_min : std::min(m_min, other.m_min);
    m_max = m_count == 0 ? other.m_max : std::max(m_max, other.m_max);
    m_count += other.m_count;
    m_sum += other.m_sum;
    m_clamped = m_clamped || other.m_clamped;
}

std::optional<double> LatencyHistogram::mean() const { return m_count ? std::optional(m_sum / m_count) : std::nullopt; }
std::optional<double> LatencyHistogram::min() const { return m_count ? std::optional(m_min) : std::nullopt; }
std::optional<double> LatencyHistogram::max() const { return m_count ? std::optional(m_max) : std::nullopt; }

std::optional<double> LatencyHistogram::quantile(double p) const {
    if (m_count == 0) return std::nullopt;
    const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(std::clamp(p, 0.0, 1.0) * m_count)));
    // The extremes are known exactly, even beyond the bucket range.
    if (rank == 1) return m_min;
    if (rank >= m_count) return m_max;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank) return std::clamp(midpointOf(m_first + i), m_min, m_max);
    }
    return m_max;
}

double LatencyHistogram::fractionAtOrBelow(double seconds) const {
    if (m_count == 0) return 0.0;
    const std::size_t last = bucketOf(seconds);
    std::uint64_t seen = 0;
    for (std::size_t b = m_first; b <= last && b - m_first < m_counts.size(); ++b) seen += countAt(b);
    return static_cast<double>(seen) / m_count;
}

Json LatencyHistogram::toJson() const {
    Json buckets = Json::array();
    for (std::size_t i = 0; i < m_counts.size(); ++i)
        if (m_counts[i]) buckets.push_back(Json::array({m_first + i, m_counts[i]}));
    Json out = Json::object();
    out["count"] = m_count;
    out["sum"] = m_sum;
    out["min"] = m_min;
    out["max"] = m_max;
    out["clamped"] = m_clamped;
    out["buckets"] = std::move(buckets);
    return out;
}

std::optional<LatencyHistogram> LatencyHistogram::fromJson(const Json& json) {
    try {
        LatencyHistogram h;
        std::uint64_t total = 0;
        for (const auto& entry : json.at("buckets")) {
            const auto bucket = entry.at(0).get<std::size_t>();
            if (bucket >= kBuckets) return std::nullopt;
            h.add(bucket, entry.at(1).get<std::uint64_t>());
            total += entry.at(1).get<std::uint64_t>();
        }
        h.m_count = json.at("count").get<std::uint64_t>();
        if (total != h.m_count) return std::nullopt;
        h.m_sum = json.at("sum").get<double>();
        h.m_min = json.at("min").get<double>();
        h.m_max = json.at("max").get<double>();
        h.m_clamped = json.at("clamped").get<bool>();
        return h;
    } catch (const Json::exception&) {
        return std::nullopt;
    }
}

}  // namespace headroom::model
