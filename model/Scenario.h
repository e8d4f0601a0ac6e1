// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/ChangeOverTime.h"
#include "model/ComponentKind.h"
#include "model/Estimate.h"
#include "model/KeyPopularity.h"
#include "model/Operation.h"
#include "model/Units.h"

/// The scenario file, format version 2 (DESIGN.md), as typed values. Optional fields stay
/// optional here: a default is applied by the engine that needs it, never written back, so a
/// file Headroom wrote reads back and writes again to the same bytes.
namespace headroom::model {

/// The newest format version this Headroom reads and writes. A scenario is written as version 1
/// unless it uses a version-2 key (firstVersion2Key), so files that do not change stay readable
/// by the Headroom that wrote them.
inline constexpr int kFormatVersion = 2;
inline constexpr std::string_view kFormatName = "headroom-scenario";

/// A service-time distribution. A bare duration in the file is an exponential with that mean.
struct Distribution {
    enum class Shape { Exponential, Constant, Lognormal };
    Shape shape = Shape::Exponential;
    Seconds mean;
    std::optional<double> cv;  ///< coefficient of variation (standard deviation / mean), lognormal only
    friend bool operator==(const Distribution&, const Distribution&) = default;
};

/// One distribution for every request, or one per operation (databases: reads and writes differ).
struct ServiceTime {
    std::optional<Distribution> all;
    std::optional<Distribution> read;
    std::optional<Distribution> write;
    [[nodiscard]] bool perOperation() const { return !all.has_value(); }
    friend bool operator==(const ServiceTime&, const ServiceTime&) = default;
};

enum class CallMode { Sync, Async };

/// After its own service a component calls `to`, `times` times, with `probability`.
struct Call {
    std::string to;
    std::optional<double> probability;       ///< in (0, 1]; absent = 1
    std::optional<std::string> requestClass;  ///< only requests of this class make the call
    std::optional<CallMode> mode;             ///< absent = sync
    std::optional<int> times;                 ///< calls per request; absent = 1
    std::optional<Bytes> requestSize;         ///< sent to the callee, for link transfer time
    std::optional<Bytes> responseSize;        ///< sent back
    std::optional<RetryPolicy> retry;         ///< version 2: how the caller retries a failed call
    std::optional<CircuitBreaker> circuitBreaker;  ///< version 2
    friend bool operator==(const Call&, const Call&) = default;
};

enum class Arrivals { Poisson, Constant };

/// A rate profile: the client's rate is multiplied by the profile's factor at each instant.
struct SpikeProfile {
    Seconds at;
    Seconds duration;  ///< "for" in the file
    double factor = 1.0;
    friend bool operator==(const SpikeProfile&, const SpikeProfile&) = default;
};
struct RampProfile {
    double from = 1.0;
    double to = 1.0;
    Seconds over;
    friend bool operator==(const RampProfile&, const RampProfile&) = default;
};
struct DiurnalProfile {
    Seconds period;
    Seconds peakAt;
    double trough = 1.0;  ///< the factor at the lowest point; the peak is 1
    friend bool operator==(const DiurnalProfile&, const DiurnalProfile&) = default;
};
struct StepsProfile {
    struct Step {
        Seconds at;
        double factor = 1.0;
        friend bool operator==(const Step&, const Step&) = default;
    };
    std::vector<Step> steps;
    friend bool operator==(const StepsProfile&, const StepsProfile&) = default;
};
using Profile = std::variant<SpikeProfile, RampProfile, DiurnalProfile, StepsProfile>;

struct ColdStart {
    Seconds latency;
    double probability = 0.0;
    friend bool operator==(const ColdStart&, const ColdStart&) = default;
};

/// Prices, in US dollars. Absent fields take the defaults of REFERENCE.md (Defaults.h).
struct Cost {
    std::optional<std::string> instanceType;  ///< a C11 row, e.g. "m5.large"
    std::optional<double> perInstanceHour;
    std::optional<double> perRequest;         ///< functions
    std::optional<double> perGbSecond;        ///< functions
    friend bool operator==(const Cost&, const Cost&) = default;
};

struct QueueConsumers {
    std::string component;
    int workers = 1;
    friend bool operator==(const QueueConsumers&, const QueueConsumers&) = default;
};

enum class LbAlgorithm { RoundRobin, WeightedRoundRobin, Random, LeastConnections, PowerOfTwo, Hash, LeastResponseTime };
enum class ReadFrom { Primary, Replicas, Any };

/// One box of the diagram. Which optional fields a kind may carry is in ComponentKind.h;
/// validation reports a field on the wrong kind.
struct Component {
    std::string id;
    ComponentKind kind = ComponentKind::Service;
    std::optional<std::string> label;
    // common
    std::optional<int> instances;
    std::optional<int> cores;
    std::optional<int> workers;
    std::optional<int> queueCapacity;
    std::optional<Seconds> timeout;
    std::optional<ServiceTime> serviceTime;
    std::vector<Call> calls;
    std::optional<Cost> cost;
    // version 2, on stations: where instances run, and whether queued work whose caller gave up is dropped
    std::optional<std::vector<std::string>> zones;
    std::optional<bool> dropExpired;
    // client
    std::optional<PerSecond> rate;
    std::optional<Arrivals> arrivals;
    std::optional<std::string> requestClass;
    std::optional<Operation> operation;
    std::optional<Profile> profile;
    std::optional<int> users;
    std::optional<Seconds> thinkTime;
    std::optional<RetryPolicy> retry;  ///< version 2: retries of whole requests
    // cdn, cache
    std::optional<double> hitRatio;
    // version 2: a cache, CDN or database's keys; a cache or CDN's size and policies
    std::optional<Keys> keys;
    std::optional<Bytes> capacity;          ///< holds capacity / item_size values
    std::optional<double> capacityItems;    ///< or this many
    std::optional<Eviction> eviction;       ///< absent: lru, or ttl when only `ttl` is given
    std::optional<Seconds> ttl;
    std::optional<CacheWrites> writes;      ///< absent: invalidate
    // load_balancer
    std::optional<LbAlgorithm> algorithm;
    std::optional<std::vector<double>> weights;
    std::optional<HealthCheck> healthCheck;  ///< version 2
    std::optional<Autoscale> autoscale;      ///< version 2: a service or gateway
    // api_gateway
    std::optional<PerSecond> rateLimit;
    // function
    std::optional<int> concurrency;
    std::optional<ColdStart> coldStart;
    std::optional<Bytes> memory;
    // database
    std::optional<int> shards;
    std::optional<int> replicas;
    std::optional<ReadFrom> readFrom;
    std::optional<Seconds> failoverTime;  ///< version 2: a replica is promoted after this long
    std::optional<Sharding> sharding;        ///< version 2, with keys: absent: hash
    std::optional<Seconds> replicationLag;   ///< version 2, with keys: absent: F04
    // queue
    std::optional<QueueConsumers> consumers;
    std::optional<int> partitions;
    friend bool operator==(const Component&, const Component&) = default;
};

/// Latency and bandwidth between two components, in both directions.
struct Link {
    std::string from;
    std::string to;
    std::optional<Seconds> latency;
    std::optional<BytesPerSecond> bandwidth;
    friend bool operator==(const Link&, const Link&) = default;
};

/// A latency objective (`percentile` of `requestClass` within `latency`) or, in version 2, an
/// availability objective (successful requests over offered first tries at least `availability`).
struct Slo {
    std::string requestClass;
    double percentile = 99.0;
    Seconds latency;
    std::optional<double> availability;  ///< an availability objective; percentile and latency unused
    [[nodiscard]] bool isAvailability() const { return availability.has_value(); }
    friend bool operator==(const Slo&, const Slo&) = default;
};

/// A statistic a precision-targeted run narrows (`run.precision`, format version 2).
enum class PrecisionStatistic { Mean, P50, P95, P99, P999 };

/// "Run until the 95 % interval of this statistic is within ±`relative` of it."
struct PrecisionTarget {
    PrecisionStatistic statistic = PrecisionStatistic::P99;
    double relative = 0.02;
    friend bool operator==(const PrecisionTarget&, const PrecisionTarget&) = default;
};

struct RunSettings {
    std::optional<Seconds> duration;
    std::optional<Seconds> warmup;
    std::optional<std::uint64_t> seed;
    std::optional<int> replications;
    std::vector<PrecisionTarget> precision;  ///< in the order written; empty: a fixed number of replications
    std::optional<int> maxReplications;      ///< the cap of a precision-targeted run
    friend bool operator==(const RunSettings&, const RunSettings&) = default;
};

struct ScenarioDefaults {
    std::optional<Seconds> linkLatency;
    friend bool operator==(const ScenarioDefaults&, const ScenarioDefaults&) = default;
};

struct Position {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const Position&, const Position&) = default;
};

struct Scenario {
    std::optional<std::string> schema;  ///< "$schema", for editors that complete from a JSON Schema
    std::string name;
    std::optional<std::string> description;
    std::vector<Component> components;
    std::vector<Link> links;
    std::vector<Slo> slos;
    std::optional<RunSettings> run;
    std::optional<ScenarioDefaults> defaults;
    std::optional<EstimateInput> estimate;
    std::map<std::string, Position> layout;  ///< by component id; a map keeps the file's order stable
    std::vector<FaultEvent> events;           ///< version 2: timed faults, in the file's order
    friend bool operator==(const Scenario&, const Scenario&) = default;

    [[nodiscard]] const Component* find(std::string_view id) const;
};

/// The path of the first key of the scenario that format version 1 does not have ("events",
/// "components[2].zones"); none when the scenario can be written as version 1.
[[nodiscard]] std::optional<std::string> firstVersion2Key(const Scenario& scenario);

}  // namespace headroom::model
