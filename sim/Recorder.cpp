// SPDX-License-Identifier: MIT
#include "sim/Recorder.h"

#include <algorithm>

namespace headroom::sim {

Recorder::Recorder(const model::Plan& plan, int index, std::uint64_t seed, const MeasurementWindow& window)
    : m_plan(plan), m_window(window), m_changes(plan.changesOverTime()) {
    m_record.index = index;
    m_record.seed = seed;
    m_record.window = window;
    for (const auto& cls : plan.classes) {
        ClassRecord record;
        record.name = cls.name;
        record.seriesCompleted.assign(window.points, 0.0);
        record.seriesLatencySum.assign(window.points, 0.0);
        record.seriesFailed.assign(window.points, 0.0);
        if (m_changes) {
            for (auto* series : {&record.seriesTimeouts, &record.seriesRejected, &record.seriesErrors, &record.seriesRetries})
                series->assign(window.points, 0.0);
            record.seriesLatency.resize(window.points);
        }
        m_record.classes.push_back(std::move(record));
    }
    for (const auto& pool : plan.pools) {
        PoolRecord record;
        record.name = pool.name;
        m_record.pools.push_back(std::move(record));
        if (!m_changes) continue;
        // The counts are integrated over the whole run for the series: a window from time 0.
        MeasurementWindow whole = window;
        whole.warmup = 0.0;
        m_running.emplace_back().reset(whole);
        m_healthy.emplace_back().reset(whole);
        m_running.back().add(0.0, pool.instances);
        m_healthy.back().add(0.0, pool.instances);
    }
    m_record.faults.resize(plan.faults.size());
}

template <typename Each> void Recorder::eachFaultInForce(double now, std::size_t requestClass, Each each) {
    for (std::size_t f = 0; f < m_plan.faults.size(); ++f) {
        const model::PlanFault& fault = m_plan.faults[f];
        if (now >= fault.at && now < fault.end && fault.classes[requestClass]) each(m_record.faults[f]);
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
    if (m_changes) record.seriesLatency[point].record(latency);
    if (measured && m_window.measures(now)) {
        ++record.completed;
        record.latency->record(latency);
    }
}

void Recorder::poolFailed(std::size_t pool, Failure failure, double now) {
    if (!m_window.measures(now)) return;
    PoolRecord& record = m_record.pools[pool];
    switch (failure) {
        case Failure::Rejected: ++record.rejected; break;
        case Failure::TimedOut: ++record.timeouts; break;
        case Failure::Error: ++record.errors; break;
    }
}

void Recorder::requestFailed(std::size_t requestClass, bool measured, Failure failure, double now) {
    ClassRecord& record = m_record.classes[requestClass];
    const std::size_t point = m_window.pointOf(now);
    record.seriesFailed[point] += 1.0;
    if (m_changes) {
        switch (failure) {
            case Failure::Rejected: record.seriesRejected[point] += 1.0; break;
            case Failure::TimedOut: record.seriesTimeouts[point] += 1.0; break;
            case Failure::Error: record.seriesErrors[point] += 1.0; break;
        }
        eachFaultInForce(now, requestClass, [&](FaultRecord& fault) { ++(failure == Failure::TimedOut ? fault.timedOut : fault.failed); });
    }
    if (!measured || !m_window.measures(now)) return;
    switch (failure) {
        case Failure::Rejected: ++record.rejected; break;
        case Failure::TimedOut: ++record.timeouts; break;
        case Failure::Error: ++record.errors; break;
    }
}

void Recorder::retried(std::size_t requestClass, double now) {
    ClassRecord& record = m_record.classes[requestClass];
    if (m_window.measures(now)) ++record.retries;
    if (!m_changes) return;
    record.seriesRetries[m_window.pointOf(now)] += 1.0;
    eachFaultInForce(now, requestClass, [](FaultRecord& fault) { ++fault.retries; });
}

void Recorder::instancesChanged(std::size_t pool, int running, int healthy, double now) {
    if (!m_changes) return;
    m_running[pool].add(now, running - m_running[pool].value());
    m_healthy[pool].add(now, healthy - m_healthy[pool].value());
}

void Recorder::instanceTakenOut(std::size_t pool, std::uint32_t instance, double now) {
    for (std::size_t f = 0; f < m_plan.faults.size(); ++f) {
        const model::PlanFault& fault = m_plan.faults[f];
        if (m_record.faults[f].detection || now < fault.at || now >= fault.end) continue;
        for (const auto& target : fault.instances)
            if (target.pool == pool && target.instance == instance) m_record.faults[f].detection = now - fault.at;
    }
}

void Recorder::closeInstances(double end) {
    for (std::size_t p = 0; p < m_running.size(); ++p) {
        m_running[p].close(end);
        m_healthy[p].close(end);
        m_record.pools[p].seriesRunning = m_running[p].averages();
        m_record.pools[p].seriesHealthy = m_healthy[p].averages();
    }
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
