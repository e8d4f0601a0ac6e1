// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

/// Closed single-class networks: N users who each think for Z seconds between requests, served
/// by queueing stations (one server, load-independent) and delay stations. Mean Value Analysis.
namespace headroom::analytic {

struct ClosedStation {
    std::string name;
    double demand = 0.0;  ///< D = visits × mean service, seconds per request, over all copies
    bool delay = false;   ///< an infinite server: no queueing
    int copies = 1;       ///< identical single-server queues sharing the demand equally (instances)
};

/// The network's state with `users` users.
struct MvaPoint {
    int users = 0;
    double throughput = 0.0;            ///< X, requests per second
    double responseTime = 0.0;          ///< R, seconds per request, thinking excluded
    std::vector<double> residence;      ///< per station, seconds per request
    std::vector<double> queueLength;    ///< per station, mean requests present
};

/// Exact MVA, for every population from 1 to `maxUsers` (Reiser and Lavenberg): by the arrival
/// theorem a request arriving at station i finds the queue of a network with one user fewer, so
/// R_i(n) = D_i (1 + Q_i(n − 1)), X(n) = n / (Z + Σ R_i(n)), Q_i(n) = X(n) R_i(n). A station of
/// k identical copies, each visited with demand D_i / k and holding Q_i / k, gives
/// R_i(n) = D_i (1 + Q_i(n − 1) / k) in all. Costs stations × users; for thousands of users use
/// schweitzerMva.
[[nodiscard]] std::vector<MvaPoint> exactMva(const std::vector<ClosedStation>& stations, double thinkTime, int maxUsers);

/// Schweitzer's approximate MVA (Bard–Schweitzer): Q_i(n − 1) ≈ (n − 1) / n · Q_i(n), solved as
/// a fixed point. Within a few percent of exact MVA, at a cost that does not grow with n.
[[nodiscard]] MvaPoint schweitzerMva(const std::vector<ClosedStation>& stations, double thinkTime, int users,
                                     double tolerance = 1e-12);

}  // namespace headroom::analytic
