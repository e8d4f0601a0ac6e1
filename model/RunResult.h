// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/JsonReader.h"
#include "model/Scenario.h"

/// What an engine (analytic or simulation) answers, in the shape of DESIGN.md's result. All
/// numbers in SI base units: seconds, requests per second. Absent means the engine has no answer.
namespace headroom::model {

struct LatencyResult {
    std::optional<double> mean, p50, p95, p99, p999;
};

struct ClassMetrics {
    std::string name;
    double throughput = 0.0;             ///< requests per second answered
    double rejected = 0.0;               ///< requests per second turned away (rate limits, full queues)
    std::optional<double> errors;
    std::optional<double> timeouts;
    LatencyResult latency;
    std::optional<LatencyResult> ci95;   ///< half-widths of 95 % confidence intervals (simulation)
    std::optional<double> throughputCi95, rejectedCi95, timeoutsCi95;  ///< the same for the rates
    /// The distribution of response times as (seconds, fraction answered within) points, at
    /// fractions 0.001, 0.01, 0.02, …, 0.99, 0.995, 0.999, 0.9999 (simulation).
    std::vector<std::pair<double, double>> cdf;
    bool percentilesApproximate = false;
    std::optional<double> maxThroughput; ///< the rate at which the first station saturates
    std::optional<int> users;            ///< a closed class's users
    /// A closed class: the most users whose responses still meet the class's SLOs (checked up to
    /// a bound; `maxUsersIsLowerBound` when the SLOs still held there).
    std::optional<int> maxUsersWithinSlo;
    bool maxUsersIsLowerBound = false;
    // Simulation:
    std::optional<double> availability;      ///< answered requests over offered first tries
    std::optional<double> availabilityCi95;
    // Runs that change over time (simulation, format version 2):
    std::optional<double> retries;           ///< retried attempts per second (first tries not counted)
};

/// One pool of a component (a database's primaries or its replicas), or the component itself.
struct PoolMetrics {
    std::string name;
    int instances = 0;
    double arrivalRate = 0.0;                 ///< offered, per second, all instances
    double throughput = 0.0;                  ///< accepted
    std::optional<double> utilization;        ///< busy fraction of the cores of one instance
    std::optional<double> workerUtilization;  ///< busy fraction of one instance's workers
    std::optional<double> meanQueueLength;    ///< requests waiting, all instances
    std::optional<double> meanResponseTime;   ///< per visit, including the sync calls it makes
    bool stable = true;
    std::string model;                        ///< "M/M/c", "M/M/c/K", "processor sharing", "delay", "layered", "simulated"
    bool approximate = false;
    std::optional<double> rejected;           ///< per second turned away (full queue, rate limit)
    std::optional<double> timeouts;           ///< per second whose caller gave up on them
    std::optional<LatencyResult> latency;     ///< percentiles of the time per visit (simulation)
    std::optional<double> arrivalRateCi95, utilizationCi95;  ///< 95 % half-widths over replications
    std::optional<double> instancesInService;  ///< a moment of a simulated run (momentOf): instances in service then
    std::optional<double> instancesBooting;    ///< … and an autoscaled pool's instances launched and not yet taking traffic
    /// An autoscaled pool, simulated: instances launched on average over the measured time,
    /// booting and draining ones included (what is billed). Its cost is priced from this.
    std::optional<double> meanInstances;
};

/// A keyed cache's or database's figures (format version 2, "Keys and popularity").
struct KeyedMetrics {
    std::optional<double> hitRatio;     ///< a cache: the share of its reads it answered
    std::optional<double> itemsHeld;    ///< a cache: values held on average
    std::optional<double> memoryBytes;  ///< a cache: those values × the item size
    std::vector<double> shardLoad;      ///< a sharded database: each shard's share of its requests, by shard
    std::optional<double> staleReads;   ///< a database with replicas: the share of their reads that are stale
    /// The shard with the largest share, and that share over the mean (1 ÷ shards).
    [[nodiscard]] std::optional<std::pair<std::size_t, double>> hottestShard() const;
};

struct ComponentMetrics {
    std::string id;
    PoolMetrics total;                 ///< over all its pools
    std::vector<PoolMetrics> pools;    ///< more than one for a database with replicas
    std::optional<double> costPerMonth;  ///< USD, instances × price × 720 h (30 days, T05)
    std::optional<KeyedMetrics> keys;    ///< a component with `keys`
};

struct SloOutcome {
    std::string requestClass;
    double percentile = 99.0;
    double target = 0.0;          ///< seconds, or for an availability objective the fraction
    std::optional<double> value;
    std::optional<bool> met;  ///< absent when the engine has no value
    bool approximate = false;
    bool availability = false;  ///< an availability objective: value and target are fractions
};

/// Per-interval values over a simulated run, for charts (warm-up included).
struct TimeSeries {
    struct ClassLine {
        std::string name;
        std::vector<double> throughput;                 ///< requests per second answered
        std::vector<std::optional<double>> meanLatency; ///< seconds; absent where none finished
        std::vector<double> failures;                   ///< per second rejected or timed out
        // Runs that change over time only (else empty): per second, and the window's p99.
        std::vector<double> errors, timeouts, rejected, retries;
        std::vector<std::optional<double>> p99;
    };
    struct PoolLine {
        std::string name;
        std::vector<std::optional<double>> utilization;  ///< of the cores; absent for a delay
        std::vector<double> queueLength;                 ///< requests waiting, all instances
        std::vector<double> instances, healthy;          ///< running / in service, time averages; runs that change over time
        std::vector<double> booting;                     ///< an autoscaled pool's instances launched and not yet taking traffic
        std::vector<std::optional<double>> hitRatio;     ///< a keyed cache's share of reads that hit; absent where none read
    };
    double interval = 1.0;
    std::vector<double> time;  ///< start of each interval, seconds
    std::vector<ClassLine> classes;
    std::vector<PoolLine> pools;
};

/// What one fault of the scenario's events did (simulation): means over the replications, with
/// their 95 % half-widths.
struct EventImpact {
    struct Figures {
        std::optional<double> failed, timedOut, retries, peakP99, recoveryTime, detectionTime, capacityDip;
    };
    std::string kind;                      ///< "crash"
    std::string description;               ///< "crash of api ×1 at 1min"
    std::optional<std::string> component;  ///< the component struck, if one is
    double at = 0.0;                       ///< seconds
    std::optional<double> until;           ///< seconds; absent: it lasts to the end of the run
    /// failed: requests rejected or failed with an error while it lasted; timed_out the same
    /// for timeouts; retries; peak_p99: the worst window p99 from its start until it was over
    /// (recovered, or the run ended); recovery_time: seconds from its end until goodput and the
    /// window p99 were within 10 % of the minute before it for three windows in a row, absent
    /// when some replication never recovered; detection_time: seconds until a health check
    /// took a struck instance out of service; capacity_dip: how many fewer instances of its
    /// component took traffic at the lowest window while it lasted than just before it.
    Figures impact;
    Figures ci95;
    bool recovered = false;     ///< in every replication
    bool metastable = false;    ///< it ended, and some replication never recovered
};

/// The system re-solved with some capacity lost (`analyze --degraded`).
struct DegradedCase {
    struct Load {
        std::string component;
        int instancesBefore = 0, instancesAfter = 0;
        double perInstanceBefore = 0.0, perInstanceAfter = 0.0;  ///< arrivals per second per instance
        std::optional<double> utilizationAfter;
    };
    std::string lost;                       ///< "api ×1", "zone b"
    bool stable = true;
    std::optional<bool> sloMet;             ///< absent when there are no SLOs or no value
    std::optional<std::string> bottleneck;
    std::vector<std::string> saturated;     ///< components whose queues grow without bound
    std::vector<std::string> unavailable;   ///< components left with nothing to serve
    std::vector<std::string> missedSlos;    ///< "read p99 ≤ 150 ms: 210 ms"
    std::vector<Load> load;                 ///< the components that lost instances
};

/// Where the load offered to a retried call settles (analytic): every fixed point of
/// λ' = λ · A(p(λ')), with A(p) = Σ_{k<attempts} p^k (capped at 1 + budget), and p the chance an
/// attempt fails at offered load λ'. Two stable points mean the call is metastable.
struct RetryEquilibrium {
    struct Point {
        double offered = 0.0;   ///< attempts per second
        double failing = 0.0;   ///< the chance an attempt fails there
        double goodput = 0.0;   ///< requests per second answered: offered × (1 − failing)
    };
    std::string call;           ///< "users → api"
    double firstTries = 0.0;    ///< per second
    int attempts = 1;
    std::vector<Point> stable;  ///< in order of offered load
    bool metastable = false;
    std::optional<double> triggerRate;  ///< first tries per second beyond which only the failed point is left
};

/// What an autoscaler's target implies over a client profile (analytic): the instance count it
/// settles at for the load of each moment, the time spent at each count, and the money.
struct AutoscaleOutlook {
    struct Level {
        int instances = 0;
        double share = 0.0;  ///< of the time span
    };
    /// The fleet it starts with is outgrown faster than new instances boot.
    struct Outrun {
        int instances = 0;           ///< the starting fleet
        double saturatesAt = 0.0;    ///< seconds: the load first exceeds what it can serve
        double decidedAt = 0.0;      ///< the first period boundary at which it wants more
        double capacityAt = 0.0;     ///< + boot_time: the new instances take traffic
        double overloadedFor = 0.0;  ///< seconds from saturation until capacity arrives or the load falls back
    };
    std::string component;
    std::string metric;          ///< "cpu", …
    double target = 0.0;
    int min = 1;
    int max = 1;
    double span = 0.0;           ///< seconds: the run, or one period of a diurnal profile
    int instancesAtStart = 0;
    int instancesAtPeak = 0;
    double meanInstances = 0.0;
    std::vector<Level> levels;   ///< by instance count
    std::optional<double> costPerMonth;       ///< USD: mean instances × price × 720 h (T05)
    std::optional<double> fixedCostPerMonth;  ///< USD: the peak count held all month
    std::optional<Outrun> outrun;
    // Simulation only: what the autoscaler did. (Then `meanInstances` is what was billed, booting
    // and draining included; `levels` the time at each count taking traffic; `span` the
    // measured time of one replication; the peak the most asked for in any replication.)
    struct Action {
        double at = 0.0;              ///< seconds: launched, or draining from
        int from = 0;
        int to = 0;
        std::optional<double> ready;  ///< a scale-out: when the new instances take traffic (at + boot_time)
    };
    std::vector<Action> actions;              ///< the first replication's scale-outs and scale-ins
    std::optional<double> instanceHours;      ///< billed over the measured time, mean per replication
};

/// How a simulation was run.
/// How narrow one statistic's 95 % interval got in a precision-targeted run.
struct PrecisionLine {
    std::string requestClass;
    std::string statistic;          ///< "mean", "p50" … "p999", or an SLO's percentile ("p99.9")
    bool slo = false;               ///< the percentile of a latency SLO (failures count as slower than any answer)
    double target = 0.0;            ///< the relative half-width asked for
    std::optional<double> reached;  ///< the half-width over the value; none without an interval
    [[nodiscard]] bool met() const { return reached && *reached <= target; }
};

/// Whether a precision-targeted run (`run.precision`) got there, and how close each line came.
struct PrecisionOutcome {
    bool met = false;
    int maxReplications = 0;
    std::vector<PrecisionLine> lines;
};

struct RunInfo {
    double duration = 0.0;
    double warmup = 0.0;
    std::uint64_t seed = 0;
    int replications = 0;
    std::uint64_t requests = 0;  ///< sent by the clients, all replications, warm-up included
    /// "mser-5" when the warm-up was detected from pilot runs rather than set.
    std::optional<std::string> warmupMethod;
    bool warmupSettled = true;   ///< false: MSER saw no steady state in the first half of the run
    std::optional<PrecisionOutcome> precision;
};

struct RunResult {
    std::string engine;  ///< "analytic" or "simulation"
    bool stable = true;
    std::vector<ClassMetrics> classes;
    std::vector<ComponentMetrics> components;
    std::optional<std::string> bottleneck;
    std::optional<double> loadHeadroom;  ///< how far every rate can be scaled before the bottleneck saturates
    std::vector<SloOutcome> slo;
    std::vector<std::string> notes;      ///< what the engine left out and why
    std::optional<RunInfo> run;          ///< simulation only
    std::optional<TimeSeries> timeSeries;  ///< simulation only
    std::vector<EventImpact> events;     ///< simulation of a scenario with events
    std::vector<DegradedCase> degraded;  ///< analyze --degraded
    std::vector<RetryEquilibrium> retries;  ///< analytic, for each retried call whose callee can fail an attempt
    std::vector<AutoscaleOutlook> autoscaling;  ///< analytic, for each autoscaled component
};

/// The p-quantile (0 < p < 1) of a class's response time as the engine knows it, and whether
/// that value is an approximation.
using QuantileOf = std::function<std::optional<std::pair<double, bool>>(std::size_t classIndex, double p)>;

/// A simulated run as it was at `time` (seconds), for the canvas: each component's utilization
/// and instances in service over the window of the time series that holds `time` (a
/// database: its busiest pool, its pools' instances together); the rest as the whole run.
/// None when the result has no time series.
[[nodiscard]] std::optional<RunResult> momentOf(const RunResult& simulated, double time);

/// Each SLO of the scenario against the result's classes.
[[nodiscard]] std::vector<SloOutcome> evaluateSlos(const Scenario& scenario, const RunResult& result, const QuantileOf& quantile);

/// An objective as people read it: "read p99 ≤ 150 ms", "read availability ≥ 99.95%".
[[nodiscard]] std::string objectiveName(const Slo& slo);
[[nodiscard]] std::string objectiveName(const SloOutcome& outcome);

/// The class of that name in a result, or none.
[[nodiscard]] const ClassMetrics* findClass(const RunResult& result, std::string_view name);

/// The 95 % half-width of a simulated percentile (50, 95, 99 or 99.9), where the result keeps one.
[[nodiscard]] std::optional<double> percentileHalfWidth(const ClassMetrics& cls, double percentile);

/// The total monthly cost of the priced components, or none when nothing is priced.
[[nodiscard]] std::optional<double> monthlyCost(const RunResult& result);

/// How busy the bottleneck's cores are, where the result names one that has a utilization.
[[nodiscard]] std::optional<double> bottleneckUtilization(const RunResult& result);

/// False when some SLO is not met (unknown values do not count as misses).
[[nodiscard]] bool everySloMet(const RunResult& result);

[[nodiscard]] Json toJson(const RunResult& result);
/// A precision-targeted run's outcome as the result's `run.precision` writes it.
[[nodiscard]] Json toJson(const PrecisionOutcome& outcome);
/// Reads toJson's form back (the app reads the simulation worker's result with it); none, and
/// the reason in `error`, when the document is not such a result.
[[nodiscard]] std::optional<RunResult> runResultFromJson(const Json& json, std::string& error);

}  // namespace headroom::model
