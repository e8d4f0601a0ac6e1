// SPDX-License-Identifier: MIT
#include "model/Plan.h"

#include "model/CountFields.h"
#include "model/Validation.h"

#include <algorithm>
#include <cmath>
#include <array>
#include <map>

#include "model/ChangeOverTimePlan.h"
#include "model/Defaults.h"
#include "model/JsonReader.h"
#include "model/KeysFormat.h"
#include "model/Validation.h"

namespace headroom::model {
namespace {

/// A default service time: exponential with the REFERENCE row's mean (docs/engines.md).
ResolvedService fromReference(const ReferenceValue& row) {
    return ResolvedService{Distribution{Distribution::Shape::Exponential, Seconds{row.value}, std::nullopt}, std::string(row.id)};
}

class PlanCompiler {
public:
    explicit PlanCompiler(const Scenario& scenario) : m_scenario(scenario) {
        for (std::size_t i = 0; i < scenario.components.size(); ++i) m_componentIndex.emplace(scenario.components[i].id, i);
    }

    Compiled compile() {
        m_plan.componentCount = m_scenario.components.size();
        for (const Link& link : m_scenario.links) {
            const auto from = componentIndex(link.from), to = componentIndex(link.to);
            if (!from || !to) continue;  // validation reports it
            m_linkIndex.emplace(std::minmax(std::string_view(link.from), std::string_view(link.to)), m_plan.links.size());
            m_plan.links.push_back(PlanLink{*from, *to, link.from + "-" + link.to, link.latency.value_or(Seconds{}).value,
                                            link.bandwidth ? std::optional(link.bandwidth->value) : std::nullopt});
        }
        collectClasses();
        m_writeShare = scenarioWriteShare();
        for (const PlanClass& cls : m_plan.classes) m_operationUsed[std::size_t(cls.operation)] = true;
        for (std::size_t i = 0; i < m_scenario.components.size(); ++i)
            if (m_scenario.components[i].kind != ComponentKind::Client) addPools(i);
        addCallsAndClients();
        // A ttl cache's hit ratio depends on the reads that reach it, which depend on the hit
        // ratios before it: the calls again until none moves (once per ttl cache in a chain).
        for (int round = 0; round < 16 && !hasErrors(m_problems) && resolveKeyedTraffic(); ++round) {
            m_plan.calls.clear();
            m_plan.edges.clear();
            m_plan.clients.clear();
            addCallsAndClients();
        }
        if (!hasErrors(m_problems)) resolveChangeOverTime(m_scenario, m_plan);
        Compiled compiled;
        if (!hasErrors(m_problems)) compiled.plan = std::move(m_plan);
        compiled.problems = std::move(m_problems);
        return compiled;
    }

private:
    std::string at(std::size_t component) const { return indexPath("components", component); }

    void addCallsAndClients() {
        for (std::size_t i = 0; i < m_scenario.components.size(); ++i)
            if (m_scenario.components[i].kind == ComponentKind::Client) addClient(i);
        for (std::size_t p = 0; p < m_plan.pools.size(); ++p) addCalls(p);
    }

    /// A class's requests per second: an open class's rate, a closed one's at most users ÷ think
    /// time (none without a think time).
    static double offeredRate(const PlanClass& cls) {
        if (!cls.users) return cls.rate;
        return cls.thinkTime.value_or(0.0) > 0.0 ? *cls.users / *cls.thinkTime : 0.0;
    }

    /// The share of the scenario's requests that write: what a `keys` block without its own
    /// `write_share` takes. Open classes by rate; closed ones at most users / think time.
    double scenarioWriteShare() const {
        double all = 0.0, writes = 0.0;
        for (const PlanClass& cls : m_plan.classes) {
            const double rate = offeredRate(cls);
            all += rate;
            if (cls.operation == Operation::Write) writes += rate;
        }
        return all > 0.0 ? writes / all : 0.0;
    }

    /// Keys, a keyed cache's policy and a keyed database's shards (DESIGN.md, "Keys and popularity").
    void resolveKeys(const Component& c, PlanPool& pool) {
        if (!c.keys) return;
        pool.keys = PlanKeys{c.keys->popularity(), c.keys->writeShare.value_or(m_writeShare),
                             c.keys->itemSize ? std::optional(c.keys->itemSize->value) : std::nullopt};
        if (!traitsOf(c.kind).answersHits) return;
        PlanKeyedCache keyed;
        keyed.cache.eviction = evictionOf(c);
        keyed.cache.capacityItems = capacityItemsOf(c);
        if (c.ttl) keyed.cache.ttl = c.ttl->value;
        keyed.cache.writes = c.writes.value_or(CacheWrites::Invalidate);
        keyed.hitRatioGiven = c.hitRatio.has_value();
        // Provisional rates (reads at 1/s): only a ttl's ratio depends on the rate, and
        // resolveKeyedTraffic sets it from the calls.
        setKeyedRates(keyed, *pool.keys, 1.0);
        pool.keyedCache = std::move(keyed);
        if (!c.hitRatio) pool.hitRatio = pool.keyedCache->outcome.hitRatio;
    }

    static void setKeyedRates(PlanKeyedCache& keyed, const PlanKeys& keys, double reads) {
        keyed.cache.readRate = reads;
        keyed.cache.writeRate = reads * keys.writeShare / (1.0 - keys.writeShare);
        keyed.outcome = cacheOutcome(keys.popularity, keyed.cache);
    }

    /// Reads and writes per second offered to each pool by the plan's calls: open classes at
    /// their rate, closed ones at most users / think time.
    std::vector<std::array<double, 2>> offeredByOperation() const {
        std::vector<std::array<double, 2>> offered(m_plan.pools.size(), std::array<double, 2>{});
        for (std::size_t k = 0; k < m_plan.classes.size(); ++k) {
            const PlanClass& cls = m_plan.classes[k];
            const double rate = offeredRate(cls);
            if (rate <= 0.0) continue;
            std::vector<double> visits(m_plan.pools.size(), 0.0);
            // Sweeps of the traffic equations in the edges' order (entries first); sync calls
            // form no cycle, so these settle unless async calls loop.
            for (int sweep = 0; sweep < 200; ++sweep) {
                std::vector<double> next(m_plan.pools.size(), 0.0);
                for (const PlanEdge& edge : m_plan.edges)
                    next[edge.to] += (edge.from ? visits[*edge.from] : 1.0) * m_plan.expectedCalls(edge, k);
                const bool settled = next == visits;
                visits = std::move(next);
                if (settled) break;
            }
            for (std::size_t p = 0; p < visits.size(); ++p) offered[p][std::size_t(cls.operation)] += rate * visits[p];
        }
        return offered;
    }

    /// Sets what depends on the traffic: each keyed cache's reads and writes (and so a ttl
    /// cache's hit ratio), each keyed database's stale replica reads. Returns whether a hit
    /// ratio moved, so the calls after it must be summed again.
    bool resolveKeyedTraffic() {
        // Only keyed caches and keyed replicas read the traffic: a plan without them (most, and
        // the 20,000-class ones) sums nothing here.
        if (std::none_of(m_plan.pools.begin(), m_plan.pools.end(), [](const PlanPool& pool) { return pool.keyedCache || (pool.keys && pool.role == PoolRole::Replicas); }))
            return false;
        const auto offered = offeredByOperation();
        bool moved = false;
        for (std::size_t p = 0; p < m_plan.pools.size(); ++p) {
            PlanPool& pool = m_plan.pools[p];
            const Component& c = m_scenario.components[pool.component];
            if (pool.keyedCache) {
                setKeyedRates(*pool.keyedCache, *pool.keys, offered[p][std::size_t(Operation::Read)]);
                if (!c.hitRatio && pool.hitRatio != pool.keyedCache->outcome.hitRatio) {
                    moved = moved || std::abs(*pool.hitRatio - pool.keyedCache->outcome.hitRatio) > 1e-12;
                    pool.hitRatio = pool.keyedCache->outcome.hitRatio;
                }
            }
            if (pool.keys && pool.role == PoolRole::Replicas) {
                // Writes to the keys: the database's own, or as the keys' write share implies.
                const PlanPool& primaries = m_plan.pools[p - 1];
                const double reads = offered[p - 1][std::size_t(Operation::Read)] + offered[p][std::size_t(Operation::Read)];
                const double writes = c.keys->writeShare ? reads * pool.keys->writeShare / (1.0 - pool.keys->writeShare)
                                                         : offered[p - 1][std::size_t(Operation::Write)];
                const double lag = c.replicationLag ? c.replicationLag->value : defaults::kReplicationLag.value;
                pool.staleReads = staleReadShare(primaries.keys->popularity, writes, lag);
            }
        }
        return moved;
    }
    void problem(std::string path, std::string message) { m_problems.push_back({std::move(path), std::move(message)}); }

    void collectClasses() {
        for (std::size_t i = 0; i < m_scenario.components.size(); ++i) {
            const Component& client = m_scenario.components[i];
            if (client.kind != ComponentKind::Client) continue;
            const std::string name = classOf(client);
            auto [it, added] = m_classIndex.emplace(name, m_plan.classes.size());
            if (added) m_plan.classes.push_back(PlanClass{name, client.operation.value_or(Operation::Read), 0.0, std::nullopt, std::nullopt});
            PlanClass& cls = m_plan.classes[it->second];
            if (!added && cls.operation != client.operation.value_or(Operation::Read))
                problem(at(i) + ".operation", "the clients of class \"" + name + "\" disagree on whether it reads or writes");
            if (client.rate) {
                if (cls.users) problem(at(i) + ".rate", "class \"" + name + "\" has both open (rate) and closed (users) clients");
                cls.rate += client.rate->value;
            } else if (client.users) {
                if (cls.rate > 0.0 || (cls.thinkTime && *cls.thinkTime != client.thinkTime->value))
                    problem(at(i) + ".users", "the closed clients of class \"" + name + "\" need one think time and no open clients");
                cls.users = cls.users.value_or(0) + *client.users;
                cls.thinkTime = client.thinkTime->value;
            }
        }
    }

    void addPools(std::size_t i) {
        const Component& c = m_scenario.components[i];
        PlanPool pool;
        pool.name = c.id;
        pool.component = i;
        pool.cores = c.cores.value_or(*kCoresField.whenAbsent);
        pool.workers = c.workers;
        pool.queueCapacity = c.queueCapacity;
        if (c.rateLimit) pool.rateLimit = c.rateLimit->value;
        const KindTraits& traits = traitsOf(c.kind);
        pool.model = traits.delayWithoutInstances && !c.instances ? PoolModel::Delay : PoolModel::Queue;
        pool.instances = c.instances.value_or(*kInstancesField.whenAbsent);
        if (c.kind == ComponentKind::Function) {
            // Each invocation runs on its own; beyond the concurrency limit invocations are
            // throttled, not queued: an Erlang loss system. Without a limit, a pure delay.
            pool.model = c.concurrency ? PoolModel::Queue : PoolModel::Delay;
            pool.cores = pool.workers.emplace(c.concurrency.value_or(*kConcurrencyField.whenAbsent));
            pool.queueCapacity = 0;
        }
        if (!resolveService(c, i, pool)) return;
        if (traits.answersHits) pool.hitRatio = c.hitRatio.value_or(0.0);
        resolveKeys(c, pool);
        if (c.timeout) pool.timeout = c.timeout->value;
        pool.coldStart = c.coldStart;
        pool.balancing = c.algorithm;
        if (c.weights) pool.weights = *c.weights;
        if (c.cost) {
            if (c.cost->instanceType) {
                pool.pricePerInstanceHour = findInstancePrice(*c.cost->instanceType)->perHour;
                pool.priceSource = std::string(kInstancePriceId);
            } else {
                pool.pricePerInstanceHour = c.cost->perInstanceHour;
            }
        }
        if (c.kind == ComponentKind::Function) {
            pool.pricePerRequest = c.cost && c.cost->perRequest ? *c.cost->perRequest : defaults::kLambdaPerRequest.value;
            pool.pricePerGbSecond = c.cost && c.cost->perGbSecond ? *c.cost->perGbSecond : defaults::kLambdaPerGbSecond.value;
            if (c.memory) pool.memoryGb = c.memory->value / (1024.0 * 1024.0 * 1024.0);
        }
        m_firstPool[i] = m_plan.pools.size();
        if (c.kind != ComponentKind::Database) {
            m_plan.pools.push_back(std::move(pool));
            return;
        }
        if (c.instances) {
            problem(at(i) + ".instances", "a database's instances are its shards and their replicas: set \"shards\" and \"replicas\"");
            return;
        }
        const int shards = c.shards.value_or(*kShardsField.whenAbsent);
        const int replicas = c.replicas.value_or(*kReplicasField.whenAbsent);
        PlanPool primary = pool;
        primary.name = c.id + "/primary";
        primary.role = PoolRole::Primaries;
        primary.instances = shards;
        if (pool.keys && shards > 1) {
            pool.sharding = c.sharding.value_or(Sharding::Hash);
            pool.shards = shards;
            primary.sharding = pool.sharding;
            primary.shards = shards;
            primary.instanceShares = primary.shardShares = shardShares(pool.keys->popularity, shards, *pool.sharding);
        }
        if (replicas > 0) {
            PlanPool replica = std::move(pool);
            replica.name = c.id + "/replica";
            replica.role = PoolRole::Replicas;
            replica.instances = shards * replicas;
            // Replica i serves shard i / replicas (as ChangeOverTimePlan numbers them).
            for (std::size_t i = 0; i < primary.shardShares.size() * std::size_t(replicas); ++i)
                replica.instanceShares.push_back(primary.shardShares[i / std::size_t(replicas)] / replicas);
            m_plan.pools.push_back(std::move(primary));
            m_plan.pools.push_back(std::move(replica));
        } else {
            m_plan.pools.push_back(std::move(primary));
        }
    }

    bool resolveService(const Component& c, std::size_t i, PlanPool& pool) {
        const auto& defaults = traitsOf(c.kind).defaultService;
        const auto fallback = defaults ? std::optional(std::pair{fromReference(defaults->read), fromReference(defaults->write)}) : std::nullopt;
        const auto take = [&](const std::optional<Distribution>& given, const std::optional<ResolvedService>& otherwise) -> std::optional<ResolvedService> {
            if (given) return ResolvedService{*given, ""};
            return otherwise;
        };
        std::optional<ResolvedService> read, write;
        if (c.serviceTime && c.serviceTime->all) {
            read = write = ResolvedService{*c.serviceTime->all, ""};
        } else {
            read = take(c.serviceTime ? c.serviceTime->read : std::nullopt, fallback ? std::optional(fallback->first) : std::nullopt);
            write = take(c.serviceTime ? c.serviceTime->write : std::nullopt, fallback ? std::optional(fallback->second) : std::nullopt);
        }
        if (!read || !write) {
            problem(at(i) + ".service_time", missingServiceTime(c.kind));
            return false;
        }
        pool.read = std::move(*read);
        pool.write = std::move(*write);
        return true;
    }

    /// The pools of component `j` a request of `operation` reaches, each with its share.
    std::vector<PoolShare> poolsFor(std::size_t j, Operation operation) const {
        const auto first = m_firstPool.find(j);
        if (first == m_firstPool.end()) return {};
        const Component& c = m_scenario.components[j];
        if (c.kind != ComponentKind::Database) return {{first->second, 1.0}};
        const int replicas = c.replicas.value_or(*kReplicasField.whenAbsent);
        if (operation == Operation::Write || replicas == 0) return {{first->second, 1.0}};
        switch (c.readFrom.value_or(ReadFrom::Primary)) {
            case ReadFrom::Primary: return {{first->second, 1.0}};
            case ReadFrom::Replicas: return {{first->second + 1, 1.0}};
            case ReadFrom::Any: {
                // Spread over every node: a primary and its replicas take equal shares.
                const double primaryShare = 1.0 / (1.0 + replicas);
                return {{first->second, primaryShare}, {first->second + 1, 1.0 - primaryShare}};
            }
        }
        return {};
    }

    /// Seconds a call between two components spends on the network: its link's latency each
    /// way, plus the bytes each way over the bandwidth. Without a link, the scenario's default
    /// latency, if any.
    double networkDelay(const std::string& a, const std::string& b, const Call* call) const {
        const double bytes = call ? call->requestSize.value_or(Bytes{}).value + call->responseSize.value_or(Bytes{}).value : 0.0;
        if (const auto found = m_linkIndex.find(std::minmax(std::string_view(a), std::string_view(b))); found != m_linkIndex.end()) {
            const PlanLink& link = m_plan.links[found->second];
            double delay = 2.0 * link.latency;
            if (link.bandwidth) delay += bytes / *link.bandwidth;
            return delay;
        }
        if (m_scenario.defaults && m_scenario.defaults->linkLatency) return 2.0 * m_scenario.defaults->linkLatency->value;
        return 0.0;
    }

    std::optional<std::size_t> componentIndex(std::string_view id) const {
        const auto found = m_componentIndex.find(id);
        return found == m_componentIndex.end() ? std::nullopt : std::optional(found->second);
    }

    /// The link a call crosses, if any.
    std::optional<std::size_t> linkBetween(const std::string& a, const std::string& b) const {
        const auto found = m_linkIndex.find(std::minmax(std::string_view(a), std::string_view(b)));
        return found == m_linkIndex.end() ? std::nullopt : std::optional(found->second);
    }

    PlanCall makeCall(const std::string& from, std::size_t target, const Call* call) const {
        PlanCall out;
        out.component = target;
        const std::string& to = m_scenario.components[target].id;
        out.networkDelay = networkDelay(from, to, call);
        out.link = linkBetween(from, to);
        if (out.link) out.latencyEachWay = m_plan.links[*out.link].latency;
        else if (m_scenario.defaults && m_scenario.defaults->linkLatency) out.latencyEachWay = m_scenario.defaults->linkLatency->value;
        if (call) {
            out.probability = call->probability.value_or(1.0);
            out.times = call->times.value_or(1);
            out.sync = call->mode != CallMode::Async;
            out.requestBytes = call->requestSize.value_or(Bytes{}).value;
            out.responseBytes = call->responseSize.value_or(Bytes{}).value;
        }
        out.targetsByOperation = {poolsFor(target, Operation::Read), poolsFor(target, Operation::Write)};
        if (call && call->requestClass) {
            const auto named = m_classIndex.find(*call->requestClass);
            out.onlyClass = named == m_classIndex.end() ? kNoClass : named->second;
        }
        return out;
    }

    /// Sums a call up as edges, one per pool of the callee: the expected calls per request (or
    /// per visit of the caller) times `factor`, for each operation some class it carries has.
    void addEdges(const PlanCall& call, double factor, std::optional<std::size_t> onlyClass) {
        if (factor == 0.0 || onlyClass == kNoClass) return;
        std::map<std::size_t, std::array<double, 2>> byPool;
        for (const Operation operation : {Operation::Read, Operation::Write}) {
            const bool carried = onlyClass ? m_plan.classes[*onlyClass].operation == operation : m_operationUsed[std::size_t(operation)];
            if (!carried) continue;
            for (const auto& [pool, share] : call.targets(operation)) byPool[pool][std::size_t(operation)] = factor * call.probability * call.times * share;
        }
        for (const auto& [pool, calls] : byPool) m_plan.edges.push_back(PlanEdge{call.fromPool, pool, calls, onlyClass, call.sync, call.networkDelay});
    }

    void addClient(std::size_t i) {
        const Component& client = m_scenario.components[i];
        const std::size_t k = m_classIndex.at(classOf(client));
        const PlanClass& cls = m_plan.classes[k];
        PlanClient source{i, k, client.rate ? client.rate->value : 0.0, client.arrivals.value_or(Arrivals::Poisson), client.profile,
                          client.users, client.thinkTime ? client.thinkTime->value : 0.0, std::nullopt};
        if (client.timeout) source.timeout = client.timeout->value;
        if (client.retry) source.retry = resolve(*client.retry);
        const std::size_t clientIndex = m_plan.clients.size();
        m_plan.clients.push_back(std::move(source));
        // Entry calls are per request of the class; clients share a class in proportion to their load.
        const double share = client.rate ? (cls.rate > 0.0 ? client.rate->value / cls.rate : 0.0)
                                         : (cls.users ? double(client.users.value_or(0)) / *cls.users : 0.0);
        for (const Call& call : client.calls) {
            const auto target = componentIndex(call.to);
            if (!target) continue;
            PlanCall entry = makeCall(client.id, *target, &call);
            entry.sync = true;
            entry.fromClient = clientIndex;
            // A client's retry covers each of its calls, unless the call has its own.
            if (call.retry) entry.retry = resolve(*call.retry);
            else if (client.retry) entry.retry = resolve(*client.retry);
            if (call.circuitBreaker) entry.breaker = resolve(*call.circuitBreaker);
            if (entry.appliesTo(k)) addEdges(entry, share, k);
            m_plan.calls.push_back(std::move(entry));
        }
    }

    void addCalls(std::size_t p) {
        const PlanPool& pool = m_plan.pools[p];
        const Component& c = m_scenario.components[pool.component];
        if (traitsOf(c.kind).answersHits && !c.hitRatio && !c.keys)
            problem(at(pool.component) + ".hit_ratio", missingHitRatio(c.kind));
        // A cache or CDN makes its calls only on a miss.
        const double miss = 1.0 - pool.hitRatio.value_or(0.0);
        for (const Call& call : c.calls) {
            const auto target = componentIndex(call.to);
            if (!target) continue;
            PlanCall out = makeCall(c.id, *target, &call);
            out.fromPool = p;
            if (call.retry) out.retry = resolve(*call.retry);
            if (call.circuitBreaker) out.breaker = resolve(*call.circuitBreaker);
            addEdges(out, miss, out.onlyClass);
            m_plan.calls.push_back(std::move(out));
        }
        if (c.consumers) {
            // Every message is taken off the queue by one of the consumer's workers, asynchronously.
            if (const auto consumer = componentIndex(c.consumers->component)) {
                PlanCall handOff = makeCall(c.id, *consumer, nullptr);
                handOff.fromPool = p;
                handOff.sync = false;
                addEdges(handOff, 1.0, std::nullopt);
                m_plan.calls.push_back(std::move(handOff));
            }
        }
    }

    const Scenario& m_scenario;
    Plan m_plan;
    Problems m_problems;
    std::map<std::string, std::size_t, std::less<>> m_classIndex;
    double m_writeShare = 0.0;  ///< the share of the scenario's requests that write
    std::array<bool, 2> m_operationUsed{};  ///< by Operation: whether some class reads, and some writes
    std::map<std::size_t, std::size_t> m_firstPool;  ///< component → its first pool
    std::map<std::string_view, std::size_t, std::less<>> m_componentIndex;
    std::map<std::pair<std::string_view, std::string_view>, std::size_t> m_linkIndex;  ///< into Plan::links, by the ends in order
};

}  // namespace

double PlanPool::meanServiceTime(Operation operation) const {
    // A cold start adds its latency to that fraction of invocations: on average p × latency.
    const double coldStartMean = coldStart ? coldStart->probability * coldStart->latency.value : 0.0;
    return service(operation).distribution.mean.value + coldStartMean;
}

std::optional<std::size_t> Plan::findClass(std::string_view name) const {
    for (std::size_t k = 0; k < classes.size(); ++k)
        if (classes[k].name == name) return k;
    return std::nullopt;
}

Compiled compilePlan(const Scenario& scenario) { return PlanCompiler(scenario).compile(); }

}  // namespace headroom::model
