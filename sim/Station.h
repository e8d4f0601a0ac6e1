// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "model/Plan.h"
#include "sim/KeySampler.h"
#include "sim/KeyedCacheStore.h"
#include "sim/RandomStream.h"
#include "sim/ReplicationRecord.h"
#include "sim/TimeWeighted.h"

namespace headroom::sim {

/// One pool of the plan as the simulator serves it: per instance its busy workers, the requests
/// on its CPUs and its FIFO queue; the pool's rate limit; what it draws at random (service
/// times, cache hits, its calls' choices); and the time integrals of busy cores, busy workers
/// and requests waiting. It knows requests only by index and visit, and nothing of SimGrid:
/// the replication runs the CPU time the station asks for.
class Station {
public:
    /// What becomes of a request that reaches an instance.
    enum class Admission { Serve, Queued, Rejected };

    Station(const model::PlanPool& plan, RandomStream random, const MeasurementWindow& window);

    [[nodiscard]] const model::PlanPool& plan() const { return *m_plan; }
    RandomStream& random() { return m_random; }

    /// A request (`request`, on its visit `visit`) reaches `instance`: the rate limit may reject
    /// it; a free worker serves it; otherwise it waits in the instance's queue, if there is room.
    Admission admit(std::uint32_t instance, std::uint32_t request, std::uint64_t visit, double now);
    /// A worker of `instance` takes a request onto its CPUs; false when that many requests would
    /// share them that the run must stop as overloaded (overloadLimit()).
    [[nodiscard]] bool startService(std::uint32_t instance, double now);
    /// The CPU time of one request of `operation`, a cold start included when one happens.
    [[nodiscard]] double sampleDemand(model::Operation operation);
    /// A delay pool's time for one request.
    [[nodiscard]] double sampleDelay(model::Operation operation) { return m_random.sample(m_plan->service(operation).distribution); }
    /// Whether a cache or CDN answers the request itself; `warmth` scales its hit ratio (a cache
    /// warming up after a flush).
    [[nodiscard]] bool hits(double warmth = 1.0) { return m_plan->hitRatio && m_random.chance(*m_plan->hitRatio * warmth); }
    /// Whether a keyed cache holds the value of `key` (a popularity rank) at `now`; a miss stores
    /// it. The keys' writes up to `now` (a Poisson stream at the plan's write rate, keys drawn
    /// from the same popularity) are applied first.
    [[nodiscard]] bool hitsKey(std::uint64_t key, double now);
    /// A keyed cache that decides hits by the keys it holds (no hit_ratio override).
    [[nodiscard]] bool holdsKeys() const { return m_keyStore.has_value(); }
    /// A cache_flush: a keyed cache starts empty; its warm-up follows from the keys.
    void flushKeys() {
        if (m_keyStore) m_keyStore->clear();
    }
    /// A request's CPU time on `instance` ended (it keeps its worker while it makes its calls).
    void leaveCpu(std::uint32_t instance, double now);
    /// A worker of `instance` is free again: the first request still waiting for it (one whose
    /// visit `isCurrent(request, visit)`), which the caller then starts; stale entries (timed
    /// out while waiting) are dropped.
    template <typename IsCurrent>
    std::optional<std::uint32_t> releaseWorker(std::uint32_t instance, double now, IsCurrent isCurrent);
    /// A request waiting at `instance` failed; its queue entry is skipped when reached.
    void abandonQueue(std::uint32_t instance, double now) {
        --m_instances[instance].waiting;
        changeWaiting(now, -1);
    }

    /// What the pool has carried since time 0, all instances: the integrals an autoscaler reads
    /// per period, and the requests that reached it.
    struct Carried {
        double busyCoreSeconds = 0.0;
        double busyWorkerSeconds = 0.0;
        double waitingSeconds = 0.0;
        std::uint64_t arrivals = 0;
    };
    [[nodiscard]] Carried carriedUntil(double now) const {
        return {m_busyCores.total(now), m_busyWorkers.total(now), m_waiting.total(now), m_arrivals};
    }
    /// Nothing on `instance`'s CPUs, no worker held and nobody waiting: a draining instance can stop.
    [[nodiscard]] bool idle(std::uint32_t instance) const {
        const Instance& i = m_instances[instance];
        return i.busyWorkers == 0 && i.running == 0 && i.waiting == 0;
    }

    /// Requests on `instance`'s CPUs.
    [[nodiscard]] int running(std::uint32_t instance) const { return m_instances[instance].running; }
    /// Requests sharing one instance's CPUs beyond which the run stops as overloaded.
    [[nodiscard]] int overloadLimit() const;
    [[nodiscard]] std::uint64_t waitingNow() const { return m_waitingNow; }

    /// Closes the time integrals at `end` and writes them, and the peak queue, into `record`.
    void close(double end, PoolRecord& record);

private:
    struct Instance {
        int busyWorkers = 0;
        int running = 0;  ///< requests on its CPUs
        int waiting = 0;  ///< live entries in `queue`
        std::deque<std::pair<std::uint32_t, std::uint64_t>> queue;  ///< (request, visit)
    };

    bool takeToken(double now);
    void changeWaiting(double now, int delta);

    const model::PlanPool* m_plan;
    std::vector<Instance> m_instances;
    RandomStream m_random;
    double m_tokens = 0.0;
    double m_tokensAt = 0.0;
    TimeWeighted m_busyCores, m_busyWorkers, m_waiting;
    std::uint64_t m_waitingNow = 0;
    std::uint64_t m_peakWaiting = 0;
    std::uint64_t m_arrivals = 0;  ///< requests admit() saw, the whole run
    MeasurementWindow m_window;
    // A keyed cache.
    std::optional<KeyedCacheStore> m_keyStore;
    std::optional<KeySampler> m_writtenKeys;
    double m_nextWriteAt = 0.0;
    std::uint64_t m_keyReads = 0, m_keyHits = 0;            ///< in the window
    std::vector<std::uint64_t> m_seriesReads, m_seriesHits; ///< per interval, warm-up included
    std::vector<std::uint64_t> m_instanceArrivals;          ///< a sharded pool's, per instance, in the window
};

template <typename IsCurrent>
std::optional<std::uint32_t> Station::releaseWorker(std::uint32_t i, double now, IsCurrent isCurrent) {
    Instance& instance = m_instances[i];
    --instance.busyWorkers;
    m_busyWorkers.add(now, -1.0);
    while (!instance.queue.empty()) {
        const auto [next, visit] = instance.queue.front();
        instance.queue.pop_front();
        if (!isCurrent(next, visit)) continue;  // failed while waiting
        --instance.waiting;
        changeWaiting(now, -1);
        return next;
    }
    return std::nullopt;
}

}  // namespace headroom::sim
