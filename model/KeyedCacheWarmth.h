// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "model/KeyPopularity.h"

namespace headroom::model {

/// The keys a keyed cache holds in its steady state, drawn at random from the approximation's
/// occupancy: key i held with probability hᵢ (Che's, or its variant's, at the cache's time T),
/// at most `capacityItems` of them, the least popular first (so that in an LRU the most popular
/// are the most recently used, as in its steady state). What the simulator starts a keyed cache
/// with, so that a steady-state run measures the policy itself rather than its cold start; the
/// warm-up then lets the real policy settle. `uniform` returns numbers uniform on [0, 1).
[[nodiscard]] std::vector<std::uint64_t> steadyContents(const KeyPopularity& popularity, const KeyedCache& cache, const CacheOutcome& outcome,
                                                        const std::function<double()>& uniform);

}  // namespace headroom::model
