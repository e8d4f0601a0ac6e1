// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/JsonReader.h"
#include "model/LatencyHistogram.h"

/// What one replication measured, in a form that crosses process boundaries (JSON) and merges:
/// counts, time integrals and histograms, never per-request lists.
namespace headroom::sim {

/// The measured part of a run: from the end of the warm-up to the end, cut into intervals for
/// the time series (which also cover the warm-up).
struct MeasurementWindow {
    double warmup = 0.0;
    double end = 0.0;
    double interval = 1.0;
    std::size_t points = 1;

    /// An interval of 1, 2 or 5 × 10^k seconds giving at most `maxPoints` points over `duration`.
    [[nodiscard]] static MeasurementWindow over(double duration, double warmup, std::size_t maxPoints = 120);
    [[nodiscard]] double measuredTime() const { return end - warmup; }
    [[nodiscard]] bool measures(double t) const { return t >= warmup && t <= end; }
    [[nodiscard]] std::size_t pointOf(double t) const;
    /// When interval `point` of the series begins: point × interval, computed from the
    /// interval's decimal digits (0.2 = 2 / 10) so that 3 × 0.2 s is 0.6, not 0.6000000000000001.
    [[nodiscard]] double timeOf(std::size_t point) const;
};

struct ClassRecord {
    std::string name;
    std::uint64_t completed = 0;  ///< requests that began after the warm-up and were answered
    std::uint64_t rejected = 0;
    std::uint64_t timeouts = 0;
    std::uint64_t errors = 0;     ///< failed at a lost instance, a lost primary or an open breaker
    std::uint64_t retries = 0;    ///< retried attempts of its calls (first tries not counted)
    std::unique_ptr<model::LatencyHistogram> latency = std::make_unique<model::LatencyHistogram>();
    std::vector<double> seriesCompleted, seriesLatencySum, seriesFailed;  ///< per interval
    // Runs that change over time (model::Plan::changesOverTime) only, else empty:
    std::vector<double> seriesTimeouts, seriesRejected, seriesErrors, seriesRetries;  ///< per interval
    std::vector<model::LatencyHistogram> seriesLatency;  ///< per interval, of the answers in it
};

/// What an autoscaler did in one replication (model::PlanPool::autoscale).
struct PoolScaling {
    /// A scale-out (launched at `at`) or scale-in (draining from `at`), as counts asked for.
    struct Action {
        double at = 0.0;
        int from = 0;
        int to = 0;
    };
    double billedSeconds = 0.0;     ///< ∫ instances launched dt over the window: booting, running, draining
    std::vector<double> secondsAt;  ///< seconds of the window with n instances taking traffic, by n
    int peak = 0;                   ///< the most instances asked for at once (running and booting)
    std::vector<Action> actions;    ///< the whole run, warm-up included
    std::vector<double> seriesBooting;  ///< per interval, time average of instances booting
};

struct PoolRecord {
    std::string name;
    std::uint64_t arrivals = 0, completed = 0, rejected = 0, timeouts = 0, errors = 0;
    double busyCoreSeconds = 0.0;    ///< ∫ busy cores dt over the window, all instances
    double busyWorkerSeconds = 0.0;  ///< ∫ busy workers dt
    double waitingSeconds = 0.0;     ///< ∫ requests waiting dt
    std::uint64_t peakWaiting = 0;
    std::unique_ptr<model::LatencyHistogram> latency = std::make_unique<model::LatencyHistogram>();  ///< per visit
    std::vector<double> seriesBusyCores, seriesWaiting;  ///< per interval, time averages
    std::vector<double> seriesRunning, seriesHealthy;    ///< instances up / in service; runs that change over time only
    std::optional<PoolScaling> scaling;                  ///< an autoscaled pool's
    // A keyed cache (format version 2): reads decided by its keys, and those that hit, in the
    // window and per interval; a sharded pool: arrivals per instance in the window.
    std::uint64_t keyReads = 0, keyHits = 0;
    std::vector<std::uint64_t> seriesKeyReads, seriesKeyHits;
    std::vector<std::uint64_t> instanceArrivals;
};

/// What one fault did while it was in force ([at, end) of model::PlanFault), counted exactly.
struct FaultRecord {
    std::uint64_t failed = 0;    ///< requests that failed (rejected or errors), every class
    std::uint64_t timedOut = 0;
    std::uint64_t retries = 0;
    std::optional<double> detection;  ///< seconds from its start until a health check took a struck instance out
};

struct ReplicationRecord {
    int index = 0;
    std::uint64_t seed = 0;
    MeasurementWindow window;
    double simulatedTime = 0.0;
    std::uint64_t requests = 0;      ///< requests the clients sent, warm-up included
    std::uint64_t events = 0;        ///< visits to pools, for the cost of a run
    bool overloaded = false;         ///< stopped because too many requests were in flight
    std::string overloadReason;
    std::string overloadedPool;      ///< where requests piled up
    std::vector<ClassRecord> classes;
    std::vector<PoolRecord> pools;
    std::vector<FaultRecord> faults;  ///< per plan fault

    [[nodiscard]] model::Json toJson() const;
    /// Reads toJson's form; the reason when it is malformed.
    [[nodiscard]] static std::optional<ReplicationRecord> fromJson(const model::Json& json, std::string& error);
};

}  // namespace headroom::sim
