// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

/// Median wall time of `work` in microseconds, over at least five runs and as many more as fit
/// in `budget` seconds (at most a thousand). The median ignores the odd run a busy machine slows.
template <class Work>
double medianMicroseconds(Work work, double budget) {
    using Clock = std::chrono::steady_clock;
    std::vector<double> samples;
    const auto start = Clock::now();
    while (samples.size() < 5 || (std::chrono::duration<double>(Clock::now() - start).count() < budget && samples.size() < 1000)) {
        const auto t0 = Clock::now();
        work();
        samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
    std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(samples.size() / 2), samples.end());
    return samples[samples.size() / 2];
}
