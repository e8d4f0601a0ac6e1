// SPDX-License-Identifier: MIT
#include "sim/Station.h"

#include <algorithm>

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
    : m_plan(&plan), m_instances(std::size_t(plan.instanceSlots())), m_random(std::move(random)) {
    if (plan.rateLimit) m_tokens = *plan.rateLimit * kRateLimitBurstSeconds;
    m_busyCores.reset(window);
    m_busyWorkers.reset(window);
    m_waiting.reset(window);
}

Station::Admission Station::admit(std::uint32_t i, std::uint32_t request, std::uint64_t visit, double now) {
    ++m_arrivals;
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
}

}  // namespace headroom::sim
