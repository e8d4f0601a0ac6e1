// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "model/Operation.h"
#include "model/Problem.h"
#include "model/Scenario.h"

/// The resolved plan: a validated scenario compiled into what the engines compute with. Every
/// component's meaning (which kinds queue and which only delay, how a database routes reads and
/// writes, what a cache miss calls, which defaults apply) is decided here, once, so that the
/// analytic solver and the simulator cannot drift apart. docs/engines.md says it in words.
namespace headroom::model {

/// How a pool of instances serves.
enum class PoolModel {
    Queue,  ///< instances of `cores` CPUs running at most `workers` requests each; the rest wait
    Delay,  ///< a managed service seen as its latency only: every request served at once
};

/// Which part of its component a pool is.
enum class PoolRole {
    Whole,      ///< the component's instances
    Primaries,  ///< a database's primaries, one per shard
    Replicas,   ///< a database's read replicas, `replicas` per shard
};

/// A load balancer's health check, resolved (F01 defaults applied).
struct PlanHealthCheck {
    double interval = 30.0;  ///< seconds
    int unhealthyAfter = 2;
    int healthyAfter = 5;
};

/// An autoscaler, resolved (F10–F13 defaults applied). `target` is in the metric's own unit: a
/// utilization, requests waiting per instance, or requests per second per instance.
struct PlanAutoscale {
    AutoscaleMetric metric = AutoscaleMetric::Cpu;
    double target = 0.6;
    int min = 1;
    int max = 1;
    double period = 60.0;        ///< seconds
    double bootTime = 90.0;      ///< seconds
    double cooldown = 300.0;     ///< seconds
    double scaleInAfter = 300.0; ///< seconds
};

/// A deploy or a manual scale, resolved (F02, F12, F14 defaults applied), for the count its
/// component runs when it starts.
struct PlanChange {
    ChangeKind kind = ChangeKind::Deploy;
    DeployStrategy strategy = DeployStrategy::Rolling;
    int from = 1;             ///< the count the component runs when it starts (as planned: its instances, or an earlier scale's)
    int instances = 1;        ///< a deploy: the count it replaces (as planned); a scale: the count to reach
    int unavailable = 0;      ///< rolling, canary: old instances out at once (max_unavailable, rounded down)
    int surge = 1;            ///< rolling, canary: new instances above the count at once (max_surge, rounded up)
    double startTime = 90.0;  ///< seconds from a new instance's launch until it takes traffic
    double drain = 300.0;     ///< seconds an old instance may take to finish its requests
    double serviceTimeFactor = 1.0;
    double canaryFraction = 0.0;
    double canaryFor = 0.0;   ///< seconds
    /// Old instances a rolling batch replaces: launched `unavailable + surge` at once.
    [[nodiscard]] int batchSize() const { return std::max(1, unavailable + surge); }
    /// Batches to replace `old` instances.
    [[nodiscard]] int batches(int old) const { return (std::max(0, old) + batchSize() - 1) / batchSize(); }
    /// Seconds from its start until the last new instance takes traffic (blue-green: until the
    /// old set stops); a scale down is at once.
    [[nodiscard]] double span() const;
};

/// A retry policy, resolved (F05–F07 defaults applied).
struct PlanRetry {
    int attempts = 3;
    Backoff backoff = Backoff::Exponential;
    double base = 0.1;  ///< seconds
    double cap = 20.0;  ///< seconds
    Jitter jitter = Jitter::Full;
    std::array<bool, 3> on{true, true, true};  ///< by RetryOn
    std::optional<double> budget;               ///< retries per first try over budgetWindow
    double budgetWindow = 10.0;                 ///< seconds
    [[nodiscard]] bool retries(RetryOn reason) const { return on[std::size_t(reason)]; }
};

/// A circuit breaker, resolved (F08 defaults applied).
struct PlanBreaker {
    double failureRate = 0.5;
    int window = 100;
    int minCalls = 20;
    double openFor = 60.0;  ///< seconds
    int halfOpenCalls = 10;
};

/// One fault of the scenario's events, resolved to the pools, instances and calls it strikes; or
/// a change (a deploy, a scale) of a component's pools.
struct PlanFault {
    struct Target {
        std::size_t pool = 0;
        std::uint32_t instance = 0;
    };
    FaultKind kind = FaultKind::Crash;
    std::string description;  ///< "crash of api ×1 at 1min"
    std::optional<std::size_t> component;  ///< index into Scenario::components; none for a zone or a latency
    double at = 0.0;       ///< seconds
    double until = 0.0;    ///< seconds; infinity when it lasts to the end
    double end = 0.0;      ///< when its effect ends (a primary loss: at the promotion); seconds, may be infinity
    std::vector<Target> instances;      ///< crash, hang, zone_outage, primary_loss
    std::vector<std::size_t> pools;     ///< slowdown, cache_flush
    std::vector<std::size_t> calls;     ///< latency: the calls between its two components
    double factor = 1.0;   ///< slowdown
    double add = 0.0;      ///< latency, seconds each way
    double warmup = 0.0;   ///< cache_flush, seconds
    std::optional<PlanChange> change;  ///< set for a change: `kind` is then not read
    std::vector<bool> classes;         ///< by class: its requests reach what this strikes (its impact counts them)
};

/// A cache's, CDN's or database's keys, resolved (DESIGN.md, "Keys and popularity").
struct PlanKeys {
    KeyPopularity popularity = KeyPopularity::uniform(1);
    double writeShare = 0.0;        ///< of the keys' requests: the file's, or the scenario's share of writes
    std::optional<double> itemBytes;
};

/// A keyed cache, resolved: its policy, the reads and writes it sees (the reads as the plan's
/// traffic brings them, the writes as the keys' write share implies), and what Che's
/// approximation and its variants make of it. The simulator holds real keys under the same
/// policy; the analytic engine reads `outcome.hitRatio` through the pool's hit ratio.
struct PlanKeyedCache {
    KeyedCache cache;
    CacheOutcome outcome;
    bool hitRatioGiven = false;  ///< the file's hit_ratio overrides the outcome in both engines
};

/// A service-time distribution in force, and where it came from.
struct ResolvedService {
    Distribution distribution;
    std::string source;  ///< the REFERENCE.md row of a default, "" when the file gave it
};

/// Identical instances that share a component's traffic equally: a component, or one side of a
/// database (its primaries, or its read replicas).
struct PlanPool {
    std::string name;           ///< "api", or "db/primary" and "db/replica"
    std::size_t component = 0;  ///< index into Scenario::components
    PoolRole role = PoolRole::Whole;
    PoolModel model = PoolModel::Queue;
    int instances = 1;
    int cores = 1;
    std::optional<int> workers;        ///< absent: unbounded (processor sharing over the cores)
    std::optional<int> queueCapacity;  ///< waiting places per instance; absent: unbounded
    std::optional<double> rateLimit;   ///< requests per second the pool accepts in all (api_gateway)
    ResolvedService read;
    ResolvedService write;
    std::optional<double> pricePerInstanceHour;  ///< USD
    std::string priceSource;                     ///< "C11" for an instance type, "" when given
    // A function is priced per invocation and per GB-second of its memory (C01, C02 by default).
    std::optional<double> pricePerRequest;       ///< USD
    std::optional<double> pricePerGbSecond;      ///< USD
    std::optional<double> memoryGb;              ///< configured memory, GB of 1024 MB
    // What only the simulator needs: the analytic engine sees these through the edges' expected
    // calls and the mean service times.
    std::optional<double> hitRatio;              ///< a cache or CDN answers this share itself
    std::optional<double> timeout;               ///< seconds a caller waits for one visit
    std::optional<ColdStart> coldStart;          ///< a function's extra latency on some invocations
    std::optional<LbAlgorithm> balancing;        ///< a load balancer's way of picking instances
    std::vector<double> weights;                 ///< per instance it spreads over (weighted round robin)
    // Format version 2.
    std::vector<std::size_t> zoneOfInstance;     ///< index into Plan::zones per instance; empty: no zones
    bool dropExpired = false;                    ///< drops work whose caller gave up
    std::optional<PlanHealthCheck> healthCheck;  ///< a load balancer's check of its targets
    std::optional<PlanAutoscale> autoscale;      ///< instances between min and max, following the load
    double failoverTime = 60.0;                  ///< a database's primaries: seconds to promote a replica
    bool hasReplicas = false;                    ///< a database's primaries: whether a replica can be promoted
    // Format version 2, keys and popularity.
    std::optional<PlanKeys> keys;                ///< a keyed cache, CDN or database: which keys its requests ask for
    std::optional<PlanKeyedCache> keyedCache;    ///< a keyed cache or CDN (its hit ratio is `hitRatio` unless the file overrides it)
    /// A keyed database's sharded pool: each instance's share of the pool's requests (its
    /// shard's share of the keys' requests, split over the shard's replicas); empty: equal.
    std::vector<double> instanceShares;
    /// A keyed database's primaries: each shard's share of the keys' requests, by shard.
    std::vector<double> shardShares;
    std::optional<Sharding> sharding;            ///< a keyed database's pools with more than one shard: how keys find theirs
    int shards = 1;                              ///< … and how many shards (a replica pool has instances / shards per shard)
    std::optional<double> staleReads;            ///< a keyed database's replicas: the share of their reads that are stale

    /// The mean time a request of `operation` holds a worker for its own service, cold starts
    /// included (seconds).
    [[nodiscard]] double meanServiceTime(Operation operation) const;
    [[nodiscard]] const ResolvedService& service(Operation operation) const { return operation == Operation::Write ? write : read; }
    int largestScale = 0;   ///< the largest count a scale event asks for
    int spareSlots = 0;     ///< slots for a deploy's new instances beside the old ones
    /// The most instances the pool ever runs at once: its count, an autoscaler's `max` or a
    /// scale's, and a deploy's new instances beside them. The simulator keeps a slot for each;
    /// the analytic engine reads `instances`.
    [[nodiscard]] int instanceSlots() const {
        return std::max({instances, autoscale ? autoscale->max : 0, largestScale}) + spareSlots;
    }
};

/// A request class: what one kind of client sends.
struct PlanClass {
    std::string name;
    Operation operation = Operation::Read;
    double rate = 0.0;                     ///< requests per second, all its open clients together
    std::optional<int> users;              ///< a closed class: users …
    std::optional<double> thinkTime;       ///< … and their think time, seconds
};

/// One traffic source: a client component.
struct PlanClient {
    std::size_t component = 0;  ///< index into Scenario::components
    std::size_t requestClass = 0;
    double rate = 0.0;          ///< requests per second before its profile; 0 for a closed client
    Arrivals arrivals = Arrivals::Poisson;
    std::optional<Profile> profile;
    std::optional<int> users;   ///< a closed client: users who each think, then send one request
    double thinkTime = 0.0;
    std::optional<double> timeout;  ///< seconds the client waits for a whole request
    std::optional<PlanRetry> retry; ///< retries of whole requests
};

/// A pool and the share of a call's requests that reach it.
struct PoolShare {
    std::size_t pool = 0;
    double share = 1.0;
};

/// One call of the scenario as written: what the simulator follows request by request. The
/// analytic engine reads the same calls summed up, as edges.
struct PlanCall {
    std::optional<std::size_t> fromPool;    ///< absent for a client's call
    std::optional<std::size_t> fromClient;  ///< index into Plan::clients, for a client's call
    std::size_t component = 0;              ///< the callee
    /// The callee's pools a request reaches, for a read and for a write (a database sends
    /// writes to its primaries and may spread reads over its replicas); by Operation.
    std::array<std::vector<PoolShare>, 2> targetsByOperation;
    /// The one class the call carries, when it names one (kNoClass: a class no client sends).
    std::optional<std::size_t> onlyClass;
    double probability = 1.0;
    int times = 1;
    bool sync = true;
    double networkDelay = 0.0;              ///< seconds, both ways, as PlanEdge
    double latencyEachWay = 0.0;            ///< the link's latency, or the default link latency
    std::optional<std::size_t> link;        ///< index into Plan::links
    double requestBytes = 0.0;
    double responseBytes = 0.0;
    std::optional<PlanRetry> retry;       ///< the call's own, or its client's for a client's call
    std::optional<PlanBreaker> breaker;

    [[nodiscard]] const std::vector<PoolShare>& targets(Operation operation) const { return targetsByOperation[std::size_t(operation)]; }
    [[nodiscard]] bool appliesTo(std::size_t requestClass) const { return !onlyClass || *onlyClass == requestClass; }
};

/// A class index no class has: what a call naming an unknown class carries.
inline constexpr std::size_t kNoClass = std::size_t(-1);

/// A link of the scenario between two components, resolved: what a call between them crosses.
struct PlanLink {
    std::size_t from = 0;  ///< index into Scenario::components
    std::size_t to = 0;
    std::string name;      ///< "from-to", the ids as written
    double latency = 0.0;  ///< seconds each way
    std::optional<double> bandwidth;  ///< bytes per second each way; absent: latency only
};

/// Calls from one pool (or from outside, for a class's entry) to another pool. What a class
/// sends along it depends only on whether it reads or writes, and on the one class the edge
/// may be limited to, so an edge is the same size however many classes there are.
struct PlanEdge {
    std::optional<std::size_t> from;    ///< absent: the class's clients
    std::size_t to = 0;
    /// Per request (an entry) or per visit of the caller, for a read and for a write request:
    /// share of the class's rate (an entry) or miss ratio, × probability × times × routing share.
    std::array<double, 2> callsByOperation{};
    std::optional<std::size_t> onlyClass;  ///< the one class the edge carries (an entry's, or a call's); absent: all
    bool sync = true;                   ///< a sync call holds the caller's worker until the reply
    double networkDelay = 0.0;          ///< seconds per call: the link both ways plus transfer time
};

struct Plan {
    std::vector<PlanClass> classes;
    std::vector<PlanPool> pools;
    std::vector<PlanEdge> edges;  ///< entries (from == nullopt) first, then calls between pools
    std::vector<PlanClient> clients;
    std::vector<PlanCall> calls;  ///< in the file's order per caller; a queue's hand-off to its consumer last
    std::vector<PlanLink> links;  ///< the scenario's links, in its order
    std::size_t componentCount = 0;  ///< of the scenario: indices above are below it
    std::vector<std::string> zones;  ///< every zone some component runs in, sorted
    std::vector<PlanFault> faults;   ///< the scenario's events, in its order

    /// Whether anything changes over the run (faults, autoscalers) or callers retry: the simulator then keeps
    /// what only such runs need (per-window percentiles, instance counts).
    [[nodiscard]] bool changesOverTime() const;

    [[nodiscard]] std::optional<std::size_t> findClass(std::string_view name) const;
    /// Expected calls along `edge` per request of class `requestClass` (entry) or per visit of
    /// the caller by one.
    [[nodiscard]] double expectedCalls(const PlanEdge& edge, std::size_t requestClass) const {
        if (edge.onlyClass && *edge.onlyClass != requestClass) return 0.0;
        return edge.callsByOperation[std::size_t(classes[requestClass].operation)];
    }
};

struct Compiled {
    std::optional<Plan> plan;
    Problems problems;  ///< what the engines need that the scenario does not give
};

/// Compiles a scenario that validate() accepted.
[[nodiscard]] Compiled compilePlan(const Scenario& scenario);

}  // namespace headroom::model
