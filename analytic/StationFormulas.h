// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

/// Closed forms of single queueing stations with Poisson arrivals. Rates are per second, times
/// in seconds. Each function returns what the model has an exact answer for; a saturated
/// station (utilization ≥ 1 without a finite capacity) is a result with `stable == false` and no
/// means, never an error.
namespace headroom::analytic {

struct StationMetrics {
    double arrivalRate = 0.0;    ///< λ offered, per second
    double throughput = 0.0;     ///< λ accepted: λ (1 − loss), or the capacity when saturated
    double utilization = 0.0;    ///< ρ: busy fraction of each server, λ s / c (offered, may be ≥ 1)
    bool stable = true;
    double lossProbability = 0.0;              ///< finite capacity only
    std::optional<double> meanWait;            ///< Wq, time queued before service
    std::optional<double> meanResponse;        ///< W = Wq + s
    std::optional<double> meanQueueLength;     ///< Lq, waiting
    std::optional<double> meanInSystem;        ///< L, waiting and in service
};

/// Erlang B: blocking probability of c servers offered a Erlangs, by the recurrence
/// B(k) = a B(k−1) / (k + a B(k−1)), which has no factorials and cannot overflow.
[[nodiscard]] double erlangB(int servers, double offeredErlangs);
/// Erlang C: probability that an arrival waits at an M/M/c queue, C = c B / (c − a (1 − B)), a < c.
[[nodiscard]] double erlangC(int servers, double offeredErlangs);

/// The wait of a FIFO queue whose wait, when there is one, is exponential: with `probability`
/// an arrival waits, and then `meanIfWaiting` on average.
struct ExponentialWait {
    double probability = 0.0;
    double meanIfWaiting = 0.0;
    [[nodiscard]] double mean() const { return probability * meanIfWaiting; }
};
/// M/M/c (a < c Erlangs offered): an arrival waits with probability C, then 1 / (cμ − λ).
[[nodiscard]] ExponentialWait mmcWait(int servers, double offeredErlangs, double meanService);
/// Join the shortest queue (least connections) over `instances` identical M/M/c instances, each
/// offered a < c Erlangs. Taken as the pooled M/M/(Nc)'s number present n, spread evenly: an
/// arrival that finds n ≥ Nc (probability C of the pooled queue) joins an instance with
/// j = ⌊n/N⌋ ≥ c present and waits for j − c + 1 departures of its c servers, each at rate cμ.
/// Above Nc, n is geometric with ratio ρ = a/c, so j − c is geometric with ratio ρ^N, and a
/// geometric number of exponential stages is exponential: at rate cμ (1 − ρ^N). One instance
/// gives M/M/c back; N → ∞ at fixed ρ or ρ → 1 gives the pooled queue (least connections pools
/// the instances in heavy traffic). Headroom's derivation; docs/engines.md gives its error
/// against the simulator (within 3.2 % on the mean, 2 % on p99, 4 instances of one server).
[[nodiscard]] ExponentialWait shortestQueueWait(int instances, int servers, double offeredErlangs, double meanService);

/// M/M/c FIFO with exponential service of mean `meanService` (c = 1 is M/M/1).
[[nodiscard]] StationMetrics mmc(double arrivalRate, double meanService, int servers);
/// M/M/c/K: at most K requests in the station (c serving, K − c waiting); arrivals beyond are lost.
[[nodiscard]] StationMetrics mmck(double arrivalRate, double meanService, int servers, int capacity);
/// M/G/1 FIFO by Pollaczek–Khinchine: Wq = ρ s (1 + cv²) / (2 (1 − ρ)), with cv² the squared
/// coefficient of variation of service (0 constant, 1 exponential).
[[nodiscard]] StationMetrics mg1(double arrivalRate, double meanService, double serviceScv);
/// M/G/1 processor sharing: W = s / (1 − ρ), insensitive to the service distribution.
[[nodiscard]] StationMetrics processorSharing(double arrivalRate, double meanService);
/// Infinite servers (a pure delay): W = s, L = λ s.
[[nodiscard]] StationMetrics infiniteServer(double arrivalRate, double meanService);

/// The p-quantile (0 < p < 1) of the response time of a stable M/M/c FIFO queue: the wait is 0
/// with probability 1 − C and otherwise exponential with rate cμ − λ, and the service is
/// exponential with rate μ; the quantile solves P(W + S > t) = 1 − p.
[[nodiscard]] std::optional<double> mmcResponseQuantile(double arrivalRate, double meanService, int servers, double p);
/// P(W + S > t) for the same queue.
[[nodiscard]] double mmcResponseTail(double arrivalRate, double meanService, int servers, double t);

}  // namespace headroom::analytic
