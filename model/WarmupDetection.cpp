// SPDX-License-Identifier: MIT
#include "model/WarmupDetection.h"

#include <algorithm>
#include <vector>

namespace headroom::model {

WarmupCut mserCut(std::span<const double> series, std::size_t batch) {
    if (batch == 0) batch = 1;
    const std::size_t k = series.size() / batch;
    if (k < 2) return {};
    std::vector<double> means(k);
    for (std::size_t j = 0; j < k; ++j) {
        double sum = 0.0;
        for (std::size_t i = 0; i < batch; ++i) sum += series[j * batch + i];
        means[j] = sum / double(batch);
    }
    // Suffix sums from the end, so each d costs O(1): Σ (z − z̄)² = Σz² − (Σz)²/m.
    std::vector<double> sum(k + 1, 0.0), squares(k + 1, 0.0);
    for (std::size_t j = k; j-- > 0;) {
        sum[j] = sum[j + 1] + means[j];
        squares[j] = squares[j + 1] + means[j] * means[j];
    }
    const std::size_t limit = k / 2;  // d in [0, k/2]
    std::size_t best = 0;
    double bestValue = 0.0;
    for (std::size_t d = 0; d <= limit; ++d) {
        const double m = double(k - d);
        const double deviations = std::max(0.0, squares[d] - sum[d] * sum[d] / m);
        const double value = deviations / (m * m);
        if (d == 0 || value < bestValue) {
            bestValue = value;
            best = d;
        }
    }
    return {best * batch, best < limit};
}

}  // namespace headroom::model
