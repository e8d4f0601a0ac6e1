// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <span>

namespace headroom::model {

/// A quantity measured once per independent replication, summarized.
struct ReplicationSummary {
    std::size_t replications = 0;
    double mean = 0.0;
    std::optional<double> halfWidth95;  ///< of the 95 % confidence interval; absent with one replication
};

/// The mean of per-replication values and the half-width of its 95 % confidence interval,
/// t(0.975, n − 1) × s / √n with Student's t (Boost.Math): replications are independent and
/// their means close to normal, which holds for means and percentiles of long runs.
[[nodiscard]] ReplicationSummary summarize(std::span<const double> perReplication);

/// Student's t quantile for a two-sided 95 % interval with `degreesOfFreedom` (≥ 1).
[[nodiscard]] double studentT95(int degreesOfFreedom);

}  // namespace headroom::model
