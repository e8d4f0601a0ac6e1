// SPDX-License-Identifier: MIT
#include "analytic/ScenarioAnalysis.h"

#include <algorithm>
#include <map>
#include <cmath>
#include <tuple>
#include <utility>

#include "analytic/ClassLatencies.h"
#include "analytic/ClosedNetwork.h"
#include "analytic/OpenNetwork.h"
#include "analytic/StationFormulas.h"
#include "model/ComponentRollup.h"
#include "model/Defaults.h"
#include "model/Digraph.h"

namespace headroom::analytic {
namespace {

using model::Plan;
using model::PlanPool;
using model::PoolMetrics;
using model::PoolModel;

/// E[S²] / E[S]² of a distribution: 1 + cv².
double secondMomentFactor(const model::Distribution& d) { return 1.0 + ClassLatencies::squaredCvOf(d); }

/// What mean value analysis gives a closed class.
struct ClosedOutcome {
    double throughput = 0.0;
    double response = 0.0;
    std::optional<int> maxUsersWithinSlo;
    bool maxUsersIsLowerBound = false;
};

/// Closed classes are swept up to this many users for the largest population within the SLOs.
constexpr int kUserSweep = 2000;
/// Above this many users the closed class is solved by Schweitzer's approximate MVA.
constexpr int kExactMvaUsers = 1000;
/// Losses (rate limits, full queues) thin the traffic downstream: rounds of solving until the
/// largest change of a pool's response time is below kSettled seconds, and at most this many
/// (each round settles one more level of callers, and call graphs are far shallower).
constexpr int kMaxLossRounds = 50;
constexpr double kSettled = 1e-12;
/// Classes whose service demands at a pool agree to this relative tolerance (rounding in
/// the per-class sums) have the same service, so the pool's exact single-class formula applies.
constexpr double kSameDemand = 1e-12;

/// What is known of one pool after it is solved. Per class only for the classes that reach
/// it, so a scenario of many classes, each through a few pools, takes memory in proportion to
/// its visits, not to classes × pools.
struct PoolState {
    std::vector<std::size_t> classes;             ///< the classes offered to it, in class order
    std::vector<double> offered;                  ///< per class above, per second, all instances
    double acceptance = 1.0;                      ///< fraction of its arrivals it takes in
    std::vector<std::optional<double>> response;  ///< per class above, per visit, with its sync calls
    /// The time per visit of class k; none when the class does not reach the pool or the
    /// pool has no finite time.
    [[nodiscard]] std::optional<double> responseOf(std::size_t k) const {
        const auto at = std::lower_bound(classes.begin(), classes.end(), k);
        return at == classes.end() || *at != k ? std::nullopt : response[std::size_t(at - classes.begin())];
    }
    PoolMetrics metrics;
    double load = 0.0;                            ///< the larger of CPU and worker utilization
    /// For the distributions (ClassLatencies): one group of instances loaded alike, or several
    /// (a weighted balancer's), their traffic fractions of this pool's.
    std::vector<InstanceTimes> times;
    bool exact = false;                           ///< the wait (or its absence) and the CPU time are exact
};

/// Instances of a pool that take the same share of its traffic, arriving alike.
struct InstanceGroup {
    int count = 1;
    double traffic = 1.0;    ///< the fraction of the pool's traffic the group takes, all its instances
    /// The squared coefficient of variation of the times between arrivals at one of them: 1
    /// for Poisson streams and random splits; the instance's share of a round-robin
    /// balancer's picks (1/N over N instances: every N-th of a Poisson stream, Erlang-N
    /// gaps; a smooth weighted round robin gives weight w of W every W/w-th pick, about
    /// Erlang-(W/w)); streams mix by their rates.
    double squaredCv = 1.0;
};
/// How requests arrive at a pool's instances. `joinShortestQueue` when every request comes
/// through a balancer that picks the least loaded instance (least connections; least
/// response time, which does the same among identical instances). Power of two is taken as
/// random, which is pessimistic: the supermarket model (Mitzenmacher, 2001) is exact only as
/// N → ∞ and is optimistic by 31 % on the mean over 4 instances at ρ 0.9 (docs/engines.md).
struct Arrivals {
    std::vector<InstanceGroup> groups;
    bool joinShortestQueue = false;
};
class Analyzer {
public:
    Analyzer(const model::Scenario& scenario, const Plan& plan, Percentiles percentiles)
        : m_scenario(scenario), m_plan(plan), m_percentiles(percentiles), m_pools(plan.pools.size()), m_classes(plan.classes.size()), m_syncCalls(plan.pools.size()),
          m_outEdges(plan.pools.size()), m_inEdges(plan.pools.size()), m_entryEdges(plan.classes.size()), m_local(plan.pools.size(), 0), m_seen(plan.pools.size(), 0) {
        for (std::size_t e = 0; e < plan.edges.size(); ++e) {
            const model::PlanEdge& edge = plan.edges[e];
            if (edge.from && edge.sync) m_syncCalls[*edge.from].push_back(e);
            m_inEdges[edge.to].push_back(e);
            if (edge.from) m_outEdges[*edge.from].push_back(e);
            else if (edge.onlyClass && *edge.onlyClass < m_classes) m_entryEdges[*edge.onlyClass].push_back(e);
        }
    }

    model::RunResult run() {
        model::RunResult result;
        result.engine = "analytic";
        orderCalleesFirst();
        // Losses (rate limits, full queues) thin the traffic downstream, which changes what the
        // losing pools see only through their callees: a few rounds settle it.
        for (int round = 0; round < kMaxLossRounds; ++round) {
            if (!solveTraffic()) {
                result.stable = false;
                result.notes.push_back("requests would circle between components forever: the calls have a loop with no way out");
                return result;
            }
            double change = 0.0;
            for (std::size_t p : m_order) change = std::max(change, solvePool(p));
            if (change < kSettled) break;
        }
        for (std::size_t k = 0; k < m_classes; ++k)
            if (m_plan.classes[k].users) solveClosed(k);
        collect(result);
        return result;
    }

private:
    /// Pools in an order where every sync callee comes before its callers (the sync graph has
    /// no cycle: validation refuses one).
    void orderCalleesFirst() {
        std::vector<std::pair<std::size_t, std::size_t>> calls;
        for (std::size_t p = 0; p < m_plan.pools.size(); ++p)
            for (std::size_t e : m_syncCalls[p]) calls.emplace_back(p, m_plan.edges[e].to);
        m_order = model::postOrder(model::Digraph::fromEdges(m_plan.pools.size(), calls));
    }

    /// Each class's arrival rate at each pool, solved on the pools the class reaches alone (its
    /// entries and what their calls lead to), so the work is in proportion to the visits and
    /// not to classes × pools.
    bool solveTraffic() {
        for (auto& pool : m_pools) {
            pool.classes.clear();
            pool.offered.clear();
        }
        for (std::size_t k = 0; k < m_classes; ++k) {
            const std::vector<std::size_t> reached = reachedBy(k);
            for (std::size_t i = 0; i < reached.size(); ++i) m_local[reached[i]] = i;
            NetworkClass cls{m_plan.classes[k].name, std::vector<double>(reached.size(), 0.0), {}};
            for (const std::size_t e : m_entryEdges[k]) {
                const model::PlanEdge& edge = m_plan.edges[e];
                cls.externalArrivals[m_local[edge.to]] += m_plan.classes[k].rate * m_plan.expectedCalls(edge, k);
            }
            for (const std::size_t p : reached)
                for (const std::size_t e : m_outEdges[p]) {
                    const model::PlanEdge& edge = m_plan.edges[e];
                    const double calls = m_plan.expectedCalls(edge, k);
                    if (calls != 0.0) cls.routing.push_back({m_local[p], m_local[edge.to], calls * m_pools[p].acceptance});
                }
            const auto lambda = analytic::solveTraffic(reached.size(), cls);
            if (!lambda) return false;
            for (std::size_t i = 0; i < reached.size(); ++i)
                if ((*lambda)[i] != 0.0) {
                    m_pools[reached[i]].classes.push_back(k);
                    m_pools[reached[i]].offered.push_back((*lambda)[i]);
                }
        }
        return true;
    }

    /// The pools a class's requests can visit, in pool order.
    std::vector<std::size_t> reachedBy(std::size_t k) {
        std::vector<std::size_t> reached;
        const std::size_t stamp = ++m_searches;
        const auto visit = [&](std::size_t p) {
            if (m_seen[p] == stamp) return;
            m_seen[p] = stamp;
            reached.push_back(p);
        };
        for (const std::size_t e : m_entryEdges[k])
            if (m_plan.expectedCalls(m_plan.edges[e], k) != 0.0) visit(m_plan.edges[e].to);
        for (std::size_t next = 0; next < reached.size(); ++next)
            for (const std::size_t e : m_outEdges[reached[next]])
                if (m_plan.expectedCalls(m_plan.edges[e], k) != 0.0) visit(m_plan.edges[e].to);
        std::sort(reached.begin(), reached.end());
        return reached;
    }

    /// Seconds per visit spent in sync calls, per class that reaches the pool (in the order of
    /// its PoolState::classes): Σ calls × (network + callee's time).
    std::vector<std::optional<double>> downstream(std::size_t p) const {
        const std::vector<std::size_t>& classes = m_pools[p].classes;
        std::vector<std::optional<double>> time(classes.size(), 0.0);
        for (std::size_t e : m_syncCalls[p]) {
            const model::PlanEdge& edge = m_plan.edges[e];
            for (std::size_t i = 0; i < classes.size(); ++i) {
                const double calls = m_plan.expectedCalls(edge, classes[i]);
                if (calls == 0.0 || !time[i]) continue;
                const auto callee = m_pools[edge.to].responseOf(classes[i]);
                time[i] = callee ? std::optional(*time[i] + calls * (edge.networkDelay + *callee)) : std::nullopt;
            }
        }
        return time;
    }

    /// The service time of class k at a pool, a function's cold starts folded into its mean.
    model::Distribution serviceOf(const PlanPool& pool, std::size_t k) const {
        model::Distribution distribution = pool.service(m_plan.classes[k].operation).distribution;
        distribution.mean.value = pool.meanServiceTime(m_plan.classes[k].operation);
        return distribution;
    }

    /// Solves one pool from its offered traffic and its callees' times; returns how much its
    /// acceptance changed. Instances that a weighted balancer loads unequally are solved group by
    /// group (those of one weight together) and their times mixed by the traffic each group takes.
    double solvePool(std::size_t p) {
        const Arrivals arrivals = arrivalsAt(p);
        PoolState& state = m_pools[p];
        if (arrivals.groups.size() == 1) return solveInstances(p, state, arrivals, arrivals.groups.front());
        std::vector<PoolState> parts;
        for (const InstanceGroup& group : arrivals.groups) {
            PoolState& part = parts.emplace_back();
            part.classes = state.classes;
            part.offered = state.offered;
            solveInstances(p, part, arrivals, group);
        }
        return mergeGroups(p, state, parts, arrivals.groups);
    }

    /// Solves the `group.count` instances of pool p that take `group.traffic` of its traffic
    /// between them, into `state`; returns how much the group's acceptance changed.
    double solveInstances(std::size_t p, PoolState& state, const Arrivals& arrivals, const InstanceGroup& group) {
        const PlanPool& pool = m_plan.pools[p];
        double offeredTotal = 0.0;
        for (double rate : state.offered) offeredTotal += rate;
        double acceptance = 1.0;
        if (pool.rateLimit && offeredTotal > *pool.rateLimit) acceptance = *pool.rateLimit / offeredTotal;

        // Per instance, per class that reaches the pool (k below is a place in state.classes):
        // accepted rate, CPU demand, time in sync calls.
        const std::size_t n = state.classes.size();
        std::vector<double> lambda(n), demand(n);
        double lambdaTotal = 0.0;
        double work = 0.0;  // Erlangs of CPU per instance
        for (std::size_t k = 0; k < n; ++k) {
            lambda[k] = state.offered[k] * acceptance * group.traffic / group.count;
            demand[k] = serviceOf(pool, state.classes[k]).mean.value;
            lambdaTotal += lambda[k];
            work += lambda[k] * demand[k];
        }
        const auto calls = downstream(p);
        bool callsKnown = true;
        bool makesCalls = false;
        for (std::size_t k = 0; k < n; ++k) {
            if (lambda[k] == 0.0) continue;
            callsKnown = callsKnown && calls[k].has_value();
            makesCalls = makesCalls || (calls[k] && *calls[k] > 0.0);
        }

        PoolMetrics& m = state.metrics;
        m = PoolMetrics{};
        m.name = pool.name;
        const double groupTraffic = group.traffic;
        m.instances = group.count;
        m.arrivalRate = offeredTotal * groupTraffic;
        state.response.assign(n, std::nullopt);
        state.times.assign(1, InstanceTimes{1.0, demand, std::nullopt});
        state.exact = false;
        state.load = 0.0;

        if (pool.model == PoolModel::Delay) {
            m.model = "delay";
            m.throughput = offeredTotal * acceptance * groupTraffic;
            double inSystem = 0.0;
            for (std::size_t k = 0; k < n; ++k)
                if (calls[k]) {
                    state.response[k] = demand[k] + *calls[k];
                    inSystem += lambda[k] * group.count * *state.response[k];
                }
            if (callsKnown && m.throughput > 0.0) m.meanResponseTime = inSystem / m.throughput;
            m.meanQueueLength = 0.0;
            state.exact = true;  // a delay is its declared distribution
            return updateAcceptance(state, acceptance);
        }

        const int cores = pool.cores;
        const auto workers = pool.workers;
        const bool workerPerCore = workers && *workers <= cores;
        m.utilization = work / cores;
        state.load = *m.utilization;

        // CPU time per visit. With a core for each worker, a request never shares its core.
        // Otherwise the cores are shared by all requests present (a symmetric queue: the number
        // present is that of M/M/c with the same load, whatever the distributions).
        std::vector<double> cpu(demand);
        std::optional<StationResult> shared;
        // Arrivals smoother than Poisson (a round-robin balancer in front) find fewer requests
        // present: the time beyond service, waiting for a worker or sharing the cores, is scaled
        // by Allen and Cunneen's (c_a² + c_s²) / (1 + c_s²). Least connections in front sends each
        // to the emptiest instance: the same time scaled from M/M/c's to shortestQueueWait's.
        const bool smoothed = group.squaredCv < 1.0;
        const bool joinsShortest = arrivals.joinShortestQueue && pool.instances > 1;
        if (!workerPerCore && lambdaTotal > 0.0) {
            shared = solveStation(NetworkStation{pool.name, Discipline::ProcessorSharing, cores, demand}, lambda);
            if (!shared->stable) return unstable(state, acceptance, "processor sharing");
            const double scale = smoothed      ? allenCunneen(group.squaredCv, serviceMixOf(p, lambda, demand).squaredCv())
                                 : joinsShortest ? shortestQueueWait(pool.instances, cores, work, work / lambdaTotal).mean() /
                                                     mmcWait(cores, work, work / lambdaTotal).mean()
                                                 : 1.0;
            for (std::size_t k = 0; k < n; ++k) cpu[k] = demand[k] + scale * (*shared->classResponse[k] - demand[k]);
            *shared->meanWaiting *= scale;
        }
        if (!callsKnown) return unstable(state, acceptance, "waits on a saturated component", false);

        // Without a worker limit nothing else holds a request: its time is CPU plus calls.
        if (!workers) {
            m.model = makesCalls ? "processor sharing, with calls" : "processor sharing";
            m.approximate = m.approximate || smoothed || joinsShortest;
            m.throughput = offeredTotal * acceptance * groupTraffic;
            for (std::size_t k = 0; k < n; ++k) state.response[k] = cpu[k] + *calls[k];
            state.times.front().cpu = cpu;
            m.meanQueueLength = shared ? *shared->meanWaiting * group.count : 0.0;
            setMeanResponse(state, lambda);
            return updateAcceptance(state, acceptance);
        }

        // A worker is held for the CPU time and the sync calls: the worker pool is a queue of
        // `workers` servers whose service is that holding time.
        const int w = *workers;
        std::vector<double> holding(n);
        double held = 0.0;
        for (std::size_t k = 0; k < n; ++k) {
            holding[k] = cpu[k] + *calls[k];
            held += lambda[k] * holding[k];
        }
        m.workerUtilization = held / w;
        state.load = std::max(state.load, *m.workerUtilization);
        bool sameService = true;
        bool exponential = true;
        for (std::size_t k = 0; k < n; ++k) {
            if (lambda[k] == 0.0) continue;
            sameService = sameService && std::abs(demand[k] - work / lambdaTotal) <= kSameDemand * demand[k];
            exponential = exponential && serviceOf(pool, state.classes[k]).shape == model::Distribution::Shape::Exponential;
        }
        double wait = 0.0;
        double waiting = 0.0;
        bool pollaczekKhinchine = false;  // exact for any service distribution and class mix
        if (lambdaTotal > 0.0) {
            // The workers as a FCFS station whose service is the holding time: with a waiting
            // room M/M/c/K; one worker that only computes on its own core, M/G/1 (exact for
            // every distribution and class); otherwise M/M/c.
            NetworkStation workerPool{pool.name, Discipline::Fcfs, w, holding};
            workerPool.waitingRoom = pool.queueCapacity;
            pollaczekKhinchine = !pool.queueCapacity && w == 1 && !makesCalls && workerPerCore;
            if (pollaczekKhinchine)
                for (const std::size_t k : state.classes) workerPool.secondMomentFactor.push_back(secondMomentFactor(serviceOf(pool, k)));
            m.model = pool.queueCapacity ? "M/M/c/K" : pollaczekKhinchine ? "M/G/1" : "M/M/c";
            const StationResult served = solveStation(workerPool, lambda);
            if (!served.stable) return unstable(state, acceptance, pollaczekKhinchine || !makesCalls ? m.model : "layered");
            acceptance *= 1.0 - served.lossProbability;
            // Smoother arrivals: the M/M/c wait (holding taken as exponential, c_s² = 1) or the
            // M/G/1 one (its own c_s²) scaled as above.
            const double scale = smoothed ? allenCunneen(group.squaredCv, pollaczekKhinchine ? serviceMixOf(p, lambda, demand).squaredCv() : 1.0)
                                 : joinsShortest && !pool.queueCapacity
                                     ? shortestQueueWait(pool.instances, w, held, held / lambdaTotal).mean() / mmcWait(w, held, held / lambdaTotal).mean()
                                     : 1.0;
            wait = *served.meanWait * scale;
            waiting = *served.meanWaiting * scale;
        } else {
            m.model = "M/M/c";
        }
        if (makesCalls) m.model = "layered: " + m.model + " worker pool";
        const bool exactMmc = !makesCalls && workerPerCore && sameService && exponential && !smoothed && !joinsShortest;
        pollaczekKhinchine = pollaczekKhinchine && !smoothed && !joinsShortest;
        m.approximate = !(exactMmc || pollaczekKhinchine);
        state.times.front().cpu = cpu;
        if (lambdaTotal > 0.0 && wait > 0.0)
            state.times.front().wait = waitForAWorker(p, lambda, demand, held, wait, exactMmc, pollaczekKhinchine, joinsShortest && !pool.queueCapacity);
        state.exact = exactMmc || pollaczekKhinchine;
        m.throughput = offeredTotal * acceptance * groupTraffic;
        for (std::size_t k = 0; k < n; ++k) state.response[k] = wait + holding[k];
        m.meanQueueLength = waiting * group.count;
        setMeanResponse(state, lambda);
        return updateAcceptance(state, acceptance);
    }

    Arrivals arrivalsAt(std::size_t p) const {
        const int instances = m_plan.pools[p].instances;
        struct Stream {
            double rate = 0.0;
            model::LbAlgorithm balancing = model::LbAlgorithm::Random;
            std::optional<std::size_t> from;
        };
        std::vector<Stream> streams;
        double total = 0.0, shortest = 0.0, squaredCv = 0.0;
        bool weighted = false;
        for (const std::size_t e : m_inEdges[p]) {
            const model::PlanEdge& edge = m_plan.edges[e];
            Stream stream{0.0, model::LbAlgorithm::Random, edge.from};
            if (!edge.from) {
                if (edge.onlyClass && *edge.onlyClass < m_classes) stream.rate = m_plan.classes[*edge.onlyClass].rate * m_plan.expectedCalls(edge, *edge.onlyClass);
            } else {
                const PoolState& caller = m_pools[*edge.from];
                for (std::size_t i = 0; i < caller.classes.size(); ++i)
                    stream.rate += caller.offered[i] * caller.acceptance * m_plan.expectedCalls(edge, caller.classes[i]);
                // A caller that is no balancer picks an instance at random.
                stream.balancing = m_plan.pools[*edge.from].balancing.value_or(model::LbAlgorithm::Random);
            }
            total += stream.rate;
            squaredCv += stream.rate * (isRoundRobin(stream.balancing) ? 1.0 / instances : 1.0);
            if (stream.balancing == model::LbAlgorithm::LeastConnections || stream.balancing == model::LbAlgorithm::LeastResponseTime) shortest += stream.rate;
            weighted = weighted || stream.balancing == model::LbAlgorithm::WeightedRoundRobin;
            streams.push_back(stream);
        }
        if (total == 0.0) return {{InstanceGroup{instances}}, false};
        // A keyed database's shards take the requests for the keys each owns, whatever the
        // caller's balancing: a random split of each stream in the shards' shares.
        const std::vector<double>& keyed = m_plan.pools[p].instanceShares;
        if (!keyed.empty()) {
            std::map<double, int> alike;
            for (std::size_t i = 0; i < std::size_t(instances); ++i) ++alike[i < keyed.size() ? keyed[i] : 0.0];
            Arrivals arrivals{{}, false};
            for (const auto& [share, count] : alike) arrivals.groups.push_back({count, share * count, 1.0});
            return arrivals;
        }
        if (!weighted) return {{InstanceGroup{instances, 1.0, squaredCv / total}}, shortest == total};
        // Per instance (only here, with a weighted balancer in front): the rate-weighted sums of
        // its share of each stream and of its c_a².
        std::vector<double> share(std::size_t(instances), 0.0), instanceCv(std::size_t(instances), 0.0);
        for (const Stream& stream : streams) {
            const std::vector<double> shares = stream.balancing == model::LbAlgorithm::WeightedRoundRobin
                                                   ? weightedShares(m_plan.pools[*stream.from].weights, instances)
                                                   : std::vector<double>(std::size_t(instances), 1.0 / instances);
            for (std::size_t i = 0; i < shares.size(); ++i) {
                share[i] += stream.rate * shares[i];
                instanceCv[i] += stream.rate * (isRoundRobin(stream.balancing) ? shares[i] : 1.0);
            }
        }
        // Instances alike in share and arrivals form a group (equal weights give equal sums).
        std::map<std::pair<double, double>, int> alike;
        for (std::size_t i = 0; i < share.size(); ++i) ++alike[{share[i] / total, instanceCv[i] / total}];
        Arrivals arrivals{{}, shortest == total};
        for (const auto& [key, count] : alike) arrivals.groups.push_back({count, key.first * count, key.second});
        return arrivals;
    }

    static bool isRoundRobin(model::LbAlgorithm balancing) {
        return balancing == model::LbAlgorithm::RoundRobin || balancing == model::LbAlgorithm::WeightedRoundRobin;
    }

    /// Each instance's share of a weighted round robin's picks: its weight over their sum;
    /// instances beyond the weights given count once each, extra weights are ignored (as the
    /// simulator's balancer does).
    static std::vector<double> weightedShares(const std::vector<double>& weights, int instances) {
        std::vector<double> shares(std::size_t(instances), 1.0);
        for (std::size_t i = 0; i < shares.size() && i < weights.size(); ++i) shares[i] = weights[i];
        double sum = 0.0;
        for (const double w : shares) sum += w;
        for (double& w : shares) w /= sum;
        return shares;
    }

    /// Merges the groups of a pool's instances, solved apart: times mix by the traffic each
    /// group takes, loads and queues add, and the busiest group is the pool's load, so the
    /// first instance to saturate saturates the pool. Returns how much the pool's acceptance changed.
    double mergeGroups(std::size_t p, PoolState& state, const std::vector<PoolState>& parts, const std::vector<InstanceGroup>& groups) {
        const int instances = m_plan.pools[p].instances;
        for (const PoolState& part : parts)
            if (!part.metrics.stable || std::any_of(part.response.begin(), part.response.end(), [](const auto& r) { return !r; })) {
                // Saturated itself, or waiting on a saturated callee: as a whole.
                double acceptance = 0.0;
                for (std::size_t g = 0; g < parts.size(); ++g) acceptance += groups[g].traffic * parts[g].acceptance;
                state.metrics = part.metrics;
                state.metrics.instances = instances;
                state.metrics.arrivalRate = 0.0;
                for (const PoolState& each : parts) state.metrics.arrivalRate += each.metrics.arrivalRate;
                state.metrics.throughput = state.metrics.arrivalRate * acceptance;
                state.response.assign(state.classes.size(), std::nullopt);
                state.times.clear();
                state.exact = false;
                state.load = part.load;
                return updateAcceptance(state, acceptance);
            }
        PoolMetrics& m = state.metrics;
        m = parts.front().metrics;
        m.instances = instances;
        m.arrivalRate = m.throughput = 0.0;
        m.approximate = true;
        const auto addUp = [](std::optional<double>& sum, const std::optional<double>& part, double weight) {
            if (part) sum = sum.value_or(0.0) + weight * *part;
        };
        std::optional<double> utilization, workerUtilization, queueLength, responseTime;
        double acceptance = 0.0;
        state.response.assign(state.classes.size(), 0.0);
        state.times.clear();
        state.load = 0.0;
        for (std::size_t g = 0; g < parts.size(); ++g) {
            const PoolState& part = parts[g];
            const double traffic = groups[g].traffic, count = groups[g].count;
            m.arrivalRate += part.metrics.arrivalRate;
            m.throughput += part.metrics.throughput;
            addUp(utilization, part.metrics.utilization, count / instances);
            addUp(workerUtilization, part.metrics.workerUtilization, count / instances);
            addUp(queueLength, part.metrics.meanQueueLength, 1.0);
            addUp(responseTime, part.metrics.meanResponseTime, part.metrics.throughput);
            acceptance += traffic * part.acceptance;
            for (std::size_t k = 0; k < state.classes.size(); ++k) *state.response[k] += traffic * *part.response[k];
            for (InstanceTimes times : part.times) {
                times.traffic *= traffic;
                state.times.push_back(std::move(times));
            }
            state.load = std::max(state.load, part.load);
        }
        m.utilization = utilization;
        m.workerUtilization = workerUtilization;
        m.meanQueueLength = queueLength;
        if (responseTime && m.throughput > 0.0) m.meanResponseTime = *responseTime / m.throughput;
        state.exact = false;
        return updateAcceptance(state, acceptance);
    }

    /// The service one instance's workers see over the pool's class mix: λ = Σ λ_k, λ E[S] and
    /// λ E[S²] (per class s_k² (1 + cv_k²)).
    struct ServiceMix {
        double rate = 0.0, work = 0.0, secondMoments = 0.0;
        [[nodiscard]] double mean() const { return work / rate; }
        [[nodiscard]] double secondMoment() const { return secondMoments / rate; }
        [[nodiscard]] double squaredCv() const { return work > 0.0 ? secondMoments * rate / (work * work) - 1.0 : 1.0; }
    };
    ServiceMix serviceMixOf(std::size_t p, const std::vector<double>& lambda, const std::vector<double>& demand) const {
        ServiceMix mix;
        for (std::size_t k = 0; k < lambda.size(); ++k) {
            mix.rate += lambda[k];
            mix.work += lambda[k] * demand[k];
            mix.secondMoments += lambda[k] * demand[k] * demand[k] * secondMomentFactor(serviceOf(m_plan.pools[p], m_pools[p].classes[k]));
        }
        return mix;
    }

    /// Allen and Cunneen's approximation of a GI/G/c wait from the M/G/c one: × (c_a² + c_s²) /
    /// (1 + c_s²) (Allen, "Probability, Statistics, and Queueing Theory", 2nd ed., 1990, §6.5).
    static double allenCunneen(double arrivalScv, double serviceScv) { return (arrivalScv + serviceScv) / (1.0 + serviceScv); }

    /// The distribution of the wait for one of a pool's workers, its mean `wait`: exact for M/M/c
    /// (no wait with probability 1 − C, else exponential at cμ − λ), for M/M/c/K (of the admitted
    /// requests) and for M/G/1 (Pollaczek–Khinchine over the classes' service mix); otherwise
    /// the M/M/c or M/M/c/K shape with the holding time's mean (behind least connections the
    /// probability of waiting is the pooled queue's, as in shortestQueueWait).
    LatencyTransform waitForAWorker(std::size_t p, const std::vector<double>& lambda, const std::vector<double>& demand, double held,
                                    double wait, bool exactMmc, bool pollaczekKhinchine, bool joinsShortest) const {
        const PlanPool& pool = m_plan.pools[p];
        const PoolState& state = m_pools[p];
        const int w = *pool.workers;
        const ServiceMix service = serviceMixOf(p, lambda, demand);
        if (exactMmc && !pool.queueCapacity) return LatencyTransform::mmcWait(service.rate, service.mean(), w);
        if (pool.queueCapacity) {
            // M/M/c/K of the admitted requests: exact, or its shape stretched to the mean wait.
            const LatencyTransform bounded = LatencyTransform::mmckWait(service.rate, held / service.rate, w, *pool.queueCapacity);
            return exactMmc || !(bounded.mean() > 0.0) ? bounded : bounded.scaled(wait / bounded.mean());
        }
        if (pollaczekKhinchine) {
            std::vector<std::pair<double, LatencyTransform>> parts;
            for (std::size_t k = 0; k < lambda.size(); ++k)
                if (lambda[k] > 0.0) parts.emplace_back(lambda[k] / service.rate, ClassLatencies::transformOf(serviceOf(pool, state.classes[k])));
            return LatencyTransform::mg1Wait(service.rate, parts.size() == 1 ? parts.front().second : LatencyTransform::mixture(parts),
                                             service.secondMoment());
        }
        const double waits = std::max(joinsShortest ? erlangC(pool.instances * w, pool.instances * held) : erlangC(w, held), 1e-300);
        return LatencyTransform::mixture({{1.0 - waits, LatencyTransform()}, {waits, LatencyTransform::exponential(wait / waits)}});
    }

    /// A pool with no finite answer: saturated itself, or (saturated = false) waiting on a
    /// callee that is.
    double unstable(PoolState& state, double acceptance, const std::string& model, bool saturated = true) {
        if (saturated) state.metrics.stable = false;
        state.metrics.model = model;
        state.metrics.throughput = state.metrics.arrivalRate * acceptance;
        state.response.assign(state.classes.size(), std::nullopt);
        return updateAcceptance(state, acceptance);
    }

    /// Records the pool's new acceptance; returns how much it moved.
    static double updateAcceptance(PoolState& state, double acceptance) {
        return std::abs(std::exchange(state.acceptance, acceptance) - acceptance);
    }

    static void setMeanResponse(PoolState& state, const std::vector<double>& lambda) {
        double weighted = 0.0;
        double total = 0.0;
        for (std::size_t k = 0; k < lambda.size(); ++k) {
            if (lambda[k] == 0.0) continue;
            weighted += lambda[k] * *state.response[k];
            total += lambda[k];
        }
        if (total > 0.0) state.metrics.meanResponseTime = weighted / total;
    }

    /// A closed class by mean value analysis: its users cycle through the pools its sync calls
    /// reach and think in between. Pools are slowed by the open classes' load (D / (1 − U),
    /// the mixed-network treatment); a pool of c cores is a queue of D / c plus a delay of
    /// D (c − 1) / c (Seidmann's approximation, exact for one core); instances are identical copies.
    void solveClosed(std::size_t k) {
        const std::size_t n = m_plan.pools.size();
        NetworkClass visitsOf{m_plan.classes[k].name, std::vector<double>(n, 0.0), {}};
        double network = 0.0;
        for (const auto& edge : m_plan.edges) {
            if (m_plan.expectedCalls(edge, k) == 0.0) continue;
            if (!edge.from) visitsOf.externalArrivals[edge.to] += m_plan.expectedCalls(edge, k);
            else if (edge.sync) visitsOf.routing.push_back({*edge.from, edge.to, m_plan.expectedCalls(edge, k)});
        }
        const auto visits = analytic::solveTraffic(n, visitsOf);
        if (!visits) return;
        for (const auto& edge : m_plan.edges)
            if (m_plan.expectedCalls(edge, k) > 0.0 && (!edge.from || edge.sync))
                network += (edge.from ? (*visits)[*edge.from] : 1.0) * m_plan.expectedCalls(edge, k) * edge.networkDelay;
        std::vector<ClosedStation> stations;
        std::vector<std::pair<std::size_t, double>> demands;  // pool, unslowed demand
        for (std::size_t p = 0; p < n; ++p) {
            if ((*visits)[p] == 0.0) continue;
            const PlanPool& pool = m_plan.pools[p];
            double demand = (*visits)[p] * serviceOf(pool, k).mean.value;
            demands.push_back({p, demand});
            if (pool.model == PoolModel::Delay) {
                stations.push_back({pool.name, demand, true, 1});
                continue;
            }
            const double openLoad = m_pools[p].metrics.utilization.value_or(0.0);
            if (openLoad >= 1.0) return;  // saturated by the open classes already
            demand /= 1.0 - openLoad;
            const int servers = pool.workers ? std::min(*pool.workers, pool.cores) : pool.cores;
            stations.push_back({pool.name, demand / servers, false, pool.instances});
            if (servers > 1) stations.push_back({pool.name + " (parallel)", demand * (servers - 1) / servers, true, 1});
        }
        if (network > 0.0) stations.push_back({"network", network, true, 1});

        const int users = *m_plan.classes[k].users;
        const double think = *m_plan.classes[k].thinkTime;
        double cycle = think;
        for (const auto& station : stations) cycle += station.demand;
        if (cycle <= 0.0) return;  // users that neither think nor wait: no finite answer
        ClosedOutcome outcome;
        const MvaPoint at = users <= kExactMvaUsers ? exactMva(stations, think, users).back() : schweitzerMva(stations, think, users);
        outcome.throughput = at.throughput;
        outcome.response = at.responseTime;
        // The largest population whose percentile (an exponential tail with the MVA mean) meets
        // every SLO of the class.
        std::vector<const model::Slo*> slos;
        for (const auto& slo : m_scenario.slos)
            if (slo.requestClass == m_plan.classes[k].name) slos.push_back(&slo);
        if (!slos.empty()) {
            const auto sweep = exactMva(stations, think, kUserSweep);
            for (const auto& point : sweep) {
                bool met = true;
                for (const auto* slo : slos) met = met && -point.responseTime * std::log(1.0 - slo->percentile / 100.0) <= slo->latency.value;
                if (!met) break;
                outcome.maxUsersWithinSlo = point.users;
            }
            outcome.maxUsersIsLowerBound = outcome.maxUsersWithinSlo == kUserSweep;
        }
        // The closed load adds to the pools' arrivals and busy time.
        for (const auto& [p, demand] : demands) {
            PoolMetrics& m = m_pools[p].metrics;
            m.arrivalRate += at.throughput * (*visits)[p];
            m.throughput += at.throughput * (*visits)[p];
            if (m_plan.pools[p].model == PoolModel::Queue)
                m.utilization = m.utilization.value_or(0.0) + at.throughput * demand / (m_plan.pools[p].instances * m_plan.pools[p].cores);
            m.approximate = true;
        }
        m_closed[k] = outcome;
    }

    void collect(model::RunResult& result) {
        std::vector<PoolTimes> times(m_pools.size());
        for (std::size_t p = 0; p < m_pools.size(); ++p) {
            const PoolState& state = m_pools[p];
            PoolTimes& t = times[p];
            t.classes = state.classes;
            t.response = state.response;
            t.instances = state.times;
            for (const std::size_t k : state.classes) t.service.push_back(serviceOf(m_plan.pools[p], k));
            t.exact = state.exact;
        }
        if (m_percentiles == Percentiles::FromDistributions) m_latencies.emplace(m_plan, times, m_order);
        std::vector<PoolMetrics> pools;
        std::vector<double> loads;
        for (const auto& state : m_pools) {
            pools.push_back(state.metrics);
            loads.push_back(state.load);
        }
        model::addComponents(m_scenario, m_plan, pools, result);
        model::setBottleneck(m_scenario, m_plan, loads, result);

        for (std::size_t k = 0; k < m_classes; ++k) result.classes.push_back(classMetrics(k, result.loadHeadroom));
        result.slo = model::evaluateSlos(m_scenario, result, [&](std::size_t k, double p) { return quantile(k, p); });
        // A class through a saturated component has no finite latency: it misses every target.
        for (auto& outcome : result.slo)
            if (!outcome.value && !result.stable) outcome.met = false;
        addNotes(result);
    }

    model::ClassMetrics classMetrics(std::size_t k, std::optional<double> headroom) const {
        const model::PlanClass& cls = m_plan.classes[k];
        model::ClassMetrics out;
        out.name = cls.name;
        if (cls.users) {
            out.users = cls.users;
            if (const auto closed = m_closed.find(k); closed != m_closed.end()) {
                out.throughput = closed->second.throughput;
                out.maxUsersWithinSlo = closed->second.maxUsersWithinSlo;
                out.maxUsersIsLowerBound = closed->second.maxUsersIsLowerBound;
            }
        } else {
            // Throughput: what the entry pools accept of the class's calls.
            double calls = 0.0;
            double accepted = 0.0;
            for (const std::size_t e : m_entryEdges[k]) {
                const model::PlanEdge& edge = m_plan.edges[e];
                if (m_plan.expectedCalls(edge, k) == 0.0) continue;
                calls += m_plan.expectedCalls(edge, k);
                accepted += m_plan.expectedCalls(edge, k) * m_pools[edge.to].acceptance;
            }
            out.throughput = calls > 0.0 ? cls.rate * accepted / calls : cls.rate;
            out.rejected = cls.rate - out.throughput;
            // Headroom scales the offered rates; with a lossy station on the way, what is
            // accepted is less, but the saturating rate is the offered one.
            if (headroom) out.maxThroughput = cls.rate * *headroom;
        }
        out.latency.mean = classMean(k);
        if (out.latency.mean) {
            for (auto [p, field] : {std::pair{0.5, &model::LatencyResult::p50}, std::pair{0.95, &model::LatencyResult::p95},
                                    std::pair{0.99, &model::LatencyResult::p99}, std::pair{0.999, &model::LatencyResult::p999}}) {
                const auto q = quantile(k, p);
                if (!q) continue;  // a mean without a distribution (found by the fuzzer): no percentile, never a made-up one
                out.latency.*field = q->first;
                out.percentilesApproximate = out.percentilesApproximate || q->second;
            }
        }
        return out;
    }

    /// A class's mean response time: MVA's for a closed class; for an open one the sum over its
    /// entry calls of calls × (network + the entry pool's time per visit). None when a pool on
    /// the way has no finite time.
    std::optional<double> classMean(std::size_t k) const {
        if (m_plan.classes[k].users) {
            const auto closed = m_closed.find(k);
            return closed == m_closed.end() ? std::nullopt : std::optional(closed->second.response);
        }
        double mean = 0.0;
        for (const std::size_t e : m_entryEdges[k]) {
            const model::PlanEdge& edge = m_plan.edges[e];
            if (m_plan.expectedCalls(edge, k) == 0.0) continue;
            const auto response = m_pools[edge.to].responseOf(k);
            if (!response) return std::nullopt;
            mean += m_plan.expectedCalls(edge, k) * (edge.networkDelay + *response);
        }
        return mean;
    }

    /// A class's response-time quantile and whether it is approximate: for an open class from
    /// its end-to-end distribution (ClassLatencies); for a closed one an exponential tail with
    /// the MVA mean, −mean ln(1 − p) (and so for every class with ExponentialFromMean).
    /// Remembered: the SLOs ask for the same ones again.
    std::optional<std::pair<double, bool>> quantile(std::size_t k, double p) const {
        const auto key = std::pair{k, p};
        if (const auto known = m_quantiles.find(key); known != m_quantiles.end()) return known->second;
        std::optional<std::pair<double, bool>> answer;
        if (m_plan.classes[k].users || !m_latencies) {
            if (const auto mean = classMean(k)) answer = std::pair{-*mean * std::log(1.0 - p), true};
        } else if (const auto& latency = m_latencies->of(k)) {
            if (const auto q = latency->quantile(p)) answer = std::pair{*q, !m_latencies->exact(k)};
        }
        m_quantiles.emplace(key, answer);
        return answer;
    }

    void addNotes(model::RunResult& result) const {
        for (std::size_t k = 0; k < m_classes; ++k)
            if (m_plan.classes[k].users)
                result.notes.push_back(m_closed.contains(k)
                                           ? "class \"" + m_plan.classes[k].name + "\" is closed: solved by mean value analysis (" +
                                                 (*m_plan.classes[k].users <= kExactMvaUsers ? "exact" : "Schweitzer's approximation") +
                                                 "), multi-core pools by Seidmann's approximation, slowed by the open classes' load"
                                           : "class \"" + m_plan.classes[k].name + "\" is closed and meets a pool the open classes saturate: no figures");
        const bool timeouts = std::any_of(m_plan.pools.begin(), m_plan.pools.end(), [](const PlanPool& p) { return p.timeout.has_value(); }) ||
                              std::any_of(m_plan.clients.begin(), m_plan.clients.end(), [](const model::PlanClient& c) { return c.timeout.has_value(); });
        // A balancer that picks at random is what the analytic engine assumes anyway.
        const bool balancers = std::any_of(m_plan.pools.begin(), m_plan.pools.end(), [](const PlanPool& p) {
            return p.balancing && *p.balancing != model::LbAlgorithm::Random;
        });
        if (timeouts) result.notes.push_back("timeouts are not modelled analytically; the simulator counts them");
        if (balancers) result.notes.push_back("balancers by their algorithm: round robin by its smoother arrivals (Allen and Cunneen), weighted round robin weight by weight, least connections and least response time as the shortest queue; power of two and hash as a random split, pessimistic");
        if (!result.stable) result.notes.push_back("a component is saturated (utilization of 1 or more): the requests through it have no finite mean");
    }

    const model::Scenario& m_scenario;
    const Plan& m_plan;
    const Percentiles m_percentiles;
    std::vector<PoolState> m_pools;
    std::size_t m_classes;
    std::vector<std::size_t> m_order;
    std::vector<std::vector<std::size_t>> m_syncCalls;  ///< per pool, its sync edges
    std::vector<std::vector<std::size_t>> m_outEdges;   ///< per pool, every edge out of it
    std::vector<std::vector<std::size_t>> m_inEdges;    ///< per pool, every edge into it
    std::vector<std::vector<std::size_t>> m_entryEdges; ///< per class, its clients' edges
    std::vector<std::size_t> m_local;                   ///< per pool, its place among the pools a class reaches
    std::vector<std::size_t> m_seen;                    ///< per pool, the last search (of reachedBy) that reached it
    std::size_t m_searches = 0;
    std::map<std::size_t, ClosedOutcome> m_closed;      ///< by class
    std::optional<ClassLatencies> m_latencies;          ///< the open classes' distributions, once solved
    mutable std::map<std::pair<std::size_t, double>, std::optional<std::pair<double, bool>>> m_quantiles;
};

}  // namespace

model::RunResult analyze(const model::Scenario& scenario, const Plan& plan, Percentiles percentiles) {
    return Analyzer(scenario, plan, percentiles).run();
}

}  // namespace headroom::analytic
