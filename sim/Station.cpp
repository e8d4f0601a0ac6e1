// SPDX-License-Identifier: MIT
#include "sim/Station.h"

#include <algorithm>

#include "model/KeyedCacheWarmth.h"

namespace headroom::sim {
namespace {

/// A token bucket for a rate limit holds this many seconds of tokens (its burst).
constexpr double kRateLimitBurstSeconds = 1.0;
/// Requests sharing one instance's cores beyond which a run stops as overloaded: per core, and
/// at least this many in all.
constexpr int kMaxSharingPerCore = 64;
constexpr int kMinSharingLimit = 1000;

}  // namespace

Station::Station(const model::PlanPool& plan, RandomStream random, const MeasurementWindow& window)
    : m_plan(&plan), m_instances(std::size_t(plan.instanceSlots())), m_random(std::move(random)), m_window(window) {
    if (plan.rateLimit) m_tokens = *plan.rateLimit * kRateLimitBurstSeconds;
    // A keyed cache decides hits by its keys unless the file gives hit_ratio, which overrides.
    if (plan.keyedCache && !plan.keyedCache->hitRatioGiven) {
        const model::KeyedCache& cache = plan.keyedCache->cache;
        m_keyStore.emplace(cache.eviction, cache.capacityItems, cache.ttl);
        // Warm, as in its steady state (a cache_flush empties it): what the approximation says
        // it holds, drawn at random; the warm-up lets the real policy settle from there.
        m_keyStore->prefill(model::steadyContents(plan.keys->popularity, cache, plan.keyedCache->outcome, [this] { return m_random.uniform(); }), 0.0, m_random);
        m_writtenKeys.emplace(plan.keys->popularity);
        m_nextWriteAt = cache.writeRate > 0.0 ? m_random.exponential(1.0 / cache.writeRate) : INFINITY;
        m_seriesReads.assign(window.points, 0);
        m_seriesHits.assign(window.points, 0);
    }
    if (plan.sharding) m_instanceArrivals.assign(m_instances.size(), 0);
    m_busyCores.reset(window);
    m_busyWorkers.reset(window);
    m_waiting.reset(window);
}

Station::Admission Station::admit(std::uint32_t i, std::uint32_t request, std::uint64_t visit, double now) {
    ++m_arrivals;
    if (!m_instanceArrivals.empty() && m_window.measures(now)) ++m_instanceArrivals[i];
    if (m_plan->rateLimit && !takeToken(now)) return Admission::Rejected;
    Instance& instance = m_instances[i];
    if (!m_plan->workers || instance.busyWorkers < *m_plan->workers) return Admission::Serve;
    if (m_plan->queueCapacity && instance.waiting >= *m_plan->queueCapacity) return Admission::Rejected;
    instance.queue.emplace_back(request, visit);
    ++instance.waiting;
    changeWaiting(now, +1);
    return Admission::Queued;
}

bool Station::takeToken(double now) {
    const double limit = *m_plan->rateLimit;
    m_tokens = std::min(limit * kRateLimitBurstSeconds, m_tokens + (now - m_tokensAt) * limit);
    m_tokensAt = now;
    if (m_tokens < 1.0) return false;
    m_tokens -= 1.0;
    return true;
}

int Station::overloadLimit() const { return std::max(kMaxSharingPerCore * m_plan->cores, kMinSharingLimit); }

bool Station::startService(std::uint32_t i, double now) {
    Instance& instance = m_instances[i];
    ++instance.busyWorkers;
    m_busyWorkers.add(now, 1.0);
    // SimGrid's CPU sharing costs time in proportion to the executions on a host: a stable
    // station almost never has this many (P ≈ ρ^n), an overloaded one soon does.
    if (instance.running >= overloadLimit()) return false;
    // Beyond the cores, requests share them; without a worker limit they count as waiting (the
    // processor-sharing queue the analytic engine reports).
    if (instance.running++ < m_plan->cores) m_busyCores.add(now, 1.0);
    else if (!m_plan->workers) changeWaiting(now, +1);
    return true;
}

bool Station::hitsKey(std::uint64_t key, double now) {
    const model::KeyedCache& cache = m_plan->keyedCache->cache;
    const bool writeThrough = cache.writes == model::CacheWrites::WriteThrough;
    for (; m_nextWriteAt <= now; m_nextWriteAt += m_random.exponential(1.0 / cache.writeRate))
        m_keyStore->write(m_writtenKeys->draw(m_random), m_nextWriteAt, writeThrough, m_random);
    const bool hit = m_keyStore->read(key, now, m_random);
    if (m_window.measures(now)) ++m_keyReads, m_keyHits += hit;
    if (const auto at = std::size_t(now / m_window.interval); at < m_seriesReads.size()) ++m_seriesReads[at], m_seriesHits[at] += hit;
    return hit;
}

double Station::sampleDemand(model::Operation operation) {
    double demand = m_random.sample(m_plan->service(operation).distribution);
    if (m_plan->coldStart && m_random.chance(m_plan->coldStart->probability)) demand += m_plan->coldStart->latency.value;
    return demand;
}

void Station::leaveCpu(std::uint32_t i, double now) {
    if (--m_instances[i].running < m_plan->cores) m_busyCores.add(now, -1.0);
    else if (!m_plan->workers) changeWaiting(now, -1);
}

void Station::changeWaiting(double now, int delta) {
    m_waitingNow = std::uint64_t(std::int64_t(m_waitingNow) + delta);
    m_waiting.add(now, double(delta));
    m_peakWaiting = std::max(m_peakWaiting, m_waitingNow);
}

void Station::close(double end, PoolRecord& record) {
    m_busyCores.close(end);
    m_busyWorkers.close(end);
    m_waiting.close(end);
    record.busyCoreSeconds = m_busyCores.area();
    record.busyWorkerSeconds = m_busyWorkers.area();
    record.waitingSeconds = m_waiting.area();
    record.seriesBusyCores = m_busyCores.averages();
    record.seriesWaiting = m_waiting.averages();
    record.peakWaiting = m_peakWaiting;
    record.keyReads = m_keyReads;
    record.keyHits = m_keyHits;
    record.seriesKeyReads = m_seriesReads;
    record.seriesKeyHits = m_seriesHits;
    record.instanceArrivals = m_instanceArrivals;
}

}  // namespace headroom::sim
