// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <span>

namespace headroom::model {

/// Where MSER puts the end of a run's initial transient.
struct WarmupCut {
    std::size_t observations = 0;  ///< how many leading observations to leave out (a whole number of batches)
    /// False when the statistic was still falling at the end of the search (half the series):
    /// no steady state was seen, so the run is too short or the system does not settle.
    bool settled = true;
};

/// MSER-b (White 1997; Franklin & White 2008; MSER-5 with b = 5): the observations are averaged
/// in batches of b, z₁ … z_k, and the cut is the d minimizing
///
///     MSER(d) = Σ_{j>d} (z_j − z̄_d)² / (k − d)²,
///
/// the squared standard error of the mean of what is kept; a cut that drops biased batches
/// makes the sum fall faster than the divisor. d is searched over the first half of the
/// batches, as the method prescribes (later minima are noise on too little data). A trailing
/// partial batch is left out of the statistic. Fewer than two batches: no cut.
[[nodiscard]] WarmupCut mserCut(std::span<const double> series, std::size_t batch = 5);

}  // namespace headroom::model
