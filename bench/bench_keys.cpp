// SPDX-License-Identifier: MIT
// The analytic hit ratio of a keyed cache (Che's approximation over rank groups) for 10⁴ to 10⁸
// keys, beside the naive baseline in the same run: the same fixed point summed key by key
// (only up to 10⁶ keys, where it still finishes), and the hottest-shard shares.
//   build/bench/bench_keys [--quick]
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "bench/MedianTime.h"
#include "model/KeyPopularity.h"

using namespace headroom::model;

namespace {

/// Che's LRU hit ratio summed over every key: the fixed point by bisection on ln T.
double keyByKeyHitRatio(double keys, double alpha, double capacity) {
    std::vector<double> p(static_cast<std::size_t>(keys));
    double total = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) total += p[i] = std::pow(double(i + 1), -alpha);
    for (double& x : p) x /= total;
    double lo = std::log(1e-3), hi = std::log(1e15);
    for (int i = 0; i < 60; ++i) {
        const double mid = (lo + hi) / 2, t = std::exp(mid);
        double held = 0.0;
        for (const double x : p) held += -std::expm1(-x * t);
        (held < capacity ? lo : hi) = mid;
    }
    double hit = 0.0;
    for (const double x : p) hit += x * -std::expm1(-x * std::exp(lo));
    return hit;
}

}  // namespace

int main(int argc, char** argv) {
    const bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
    const double budget = quick ? 0.2 : 1.0;
    std::printf("keys       groups  lru hit  grouped (µs)  key by key (µs)  same to\n");
    for (const double keys : {1e4, 1e5, 1e6, 1e7, 1e8}) {
        const double capacity = keys / 100.0;
        KeyedCache cache;
        cache.capacityItems = capacity;
        double hit = 0.0;
        std::size_t groups = 0;
        const double grouped = medianMicroseconds([&] {
            const KeyPopularity popularity = KeyPopularity::zipf(keys, 0.9);
            groups = popularity.groups().size();
            hit = cacheOutcome(popularity, cache).hitRatio;
        }, budget);
        if (keys <= 1e6 && !quick) {
            double naive = 0.0;
            const double byKey = medianMicroseconds([&] { naive = keyByKeyHitRatio(keys, 0.9, capacity); }, budget);
            std::printf("%-10.0e %6zu  %.5f  %12.1f  %15.1f  %.1e\n", keys, groups, hit, grouped, byKey, std::abs(hit - naive));
        } else {
            std::printf("%-10.0e %6zu  %.5f  %12.1f  %15s\n", keys, groups, hit, grouped, "—");
        }
    }
    const KeyPopularity popularity = KeyPopularity::zipf(1e8, 0.9);
    const double shards = medianMicroseconds([&] { (void)shardShares(popularity, 16, Sharding::Hash); }, budget);
    std::printf("hash shard shares, 10^8 keys over 16 shards: %.1f µs\n", shards);
    return 0;
}
