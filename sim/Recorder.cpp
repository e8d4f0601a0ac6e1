// SPDX-License-Identifier: MIT
#include "sim/Recorder.h"

#include <algorithm>

namespace headroom::sim {

Recorder::Recorder(const model::Plan& plan, int index, std::uint64_t seed, const MeasurementWindow& window) : m_window(window) {
    m_record.index = index;
    m_record.seed = seed;
    m_record.window = window;
    for (const auto& cls : plan.classes) {
        ClassRecord record;
        record.name = cls.name;
        record.seriesCompleted.assign(window.points, 0.0);
        record.seriesLatencySum.assign(window.points, 0.0);
        record.seriesFailed.assign(window.points, 0.0);
        m_record.classes.push_back(std::move(record));
    }
    for (const auto& pool : plan.pools) {
        PoolRecord record;
        record.name = pool.name;
        m_record.pools.push_back(std::move(record));
    }
}

void Recorder::visitArrived(std::size_t pool, double now) {
    ++m_record.events;
    if (m_window.measures(now)) ++m_record.pools[pool].arrivals;
}

void Recorder::visitCompleted(std::size_t pool, double arrivedAt, double now) {
    if (!m_window.measures(now)) return;
    PoolRecord& record = m_record.pools[pool];
    ++record.completed;
    record.latency->record(now - arrivedAt);
}

void Recorder::requestCompleted(std::size_t requestClass, double born, bool measured, double now) {
    ClassRecord& record = m_record.classes[requestClass];
    const double latency = now - born;
    // The series shows the warm-up too; the totals leave it out.
    const std::size_t point = m_window.pointOf(now);
    record.seriesCompleted[point] += 1.0;
    record.seriesLatencySum[point] += latency;
    if (measured && m_window.measures(now)) {
        ++record.completed;
        record.latency->record(latency);
    }
}

void Recorder::poolFailed(std::size_t pool, Failure failure, double now) {
    if (!m_window.measures(now)) return;
    PoolRecord& record = m_record.pools[pool];
    ++(failure == Failure::Rejected ? record.rejected : record.timeouts);
}

void Recorder::requestFailed(std::size_t requestClass, bool measured, Failure failure, double now) {
    ClassRecord& record = m_record.classes[requestClass];
    record.seriesFailed[m_window.pointOf(now)] += 1.0;
    if (measured && m_window.measures(now)) ++(failure == Failure::Rejected ? record.rejected : record.timeouts);
}

void Recorder::overloaded(std::string reason, const std::string& pool) {
    m_record.overloaded = true;
    m_record.overloadReason = std::move(reason);
    if (!pool.empty()) m_record.overloadedPool = pool;
}

ReplicationRecord Recorder::finish(double end, double duration) {
    m_record.simulatedTime = end;
    if (m_record.overloaded || end < duration) m_record.window.end = std::max(end, m_window.warmup);
    return std::move(m_record);
}

}  // namespace headroom::sim
