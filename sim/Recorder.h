// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/Plan.h"
#include "sim/ReplicationRecord.h"
#include "sim/TimeWeighted.h"

namespace headroom::sim {

/// Why a request failed.
enum class Failure { Rejected, TimedOut, Error };

/// The retry condition a failure meets.
[[nodiscard]] inline model::RetryOn retryReason(Failure failure) {
    switch (failure) {
        case Failure::Rejected: return model::RetryOn::Rejected;
        case Failure::TimedOut: return model::RetryOn::Timeout;
        case Failure::Error: break;
    }
    return model::RetryOn::Error;
}

/// What a replication measures, as it happens: counts, latencies and time series per class and
/// per pool, inside the measurement window (the series also cover the warm-up). It builds the
/// ReplicationRecord and knows nothing of SimGrid.
class Recorder {
public:
    Recorder(const model::Plan& plan, int index, std::uint64_t seed, const MeasurementWindow& window);

    [[nodiscard]] const MeasurementWindow& window() const { return m_window; }
    [[nodiscard]] bool measures(double t) const { return m_window.measures(t); }
    [[nodiscard]] std::uint64_t requestsSent() const { return m_record.requests; }

    /// A client sent a request.
    void requestSent() { ++m_record.requests; }
    /// A request reached pool `pool` at `now`.
    void visitArrived(std::size_t pool, double now);
    /// A visit to `pool` that arrived at `arrivedAt` is done at `now`.
    void visitCompleted(std::size_t pool, double arrivedAt, double now);
    /// A request of class `requestClass` born at `born` was answered at `now`; `measured` when
    /// it began after the warm-up.
    void requestCompleted(std::size_t requestClass, double born, bool measured, double now);
    /// Pool `pool` rejected a request, or its deadline there passed.
    void poolFailed(std::size_t pool, Failure failure, double now);
    /// A client's request failed.
    void requestFailed(std::size_t requestClass, bool measured, Failure failure, double now);
    /// A call of a request of class `requestClass` is tried again at `now`.
    void retried(std::size_t requestClass, double now);
    /// Pool `pool` has `running` instances up and `healthy` in service from `now` on.
    void instancesChanged(std::size_t pool, int running, int healthy, double now);
    /// The run stops early because requests piled up (at `pool`, when one is to blame).
    void overloaded(std::string reason, const std::string& pool);
    [[nodiscard]] bool isOverloaded() const { return m_record.overloaded; }
    /// The pool's record, for its station to close its time integrals into.
    PoolRecord& pool(std::size_t p) { return m_record.pools[p]; }

    /// The record of a run that ended at `end` of a planned `duration` (seconds); a run cut
    /// short measures up to where it stopped.
    [[nodiscard]] ReplicationRecord finish(double end, double duration);

    /// A health check took instance `instance` of pool `pool` out of service at `now`: the first
    /// such check after a fault struck it is when the fault was detected.
    void instanceTakenOut(std::size_t pool, std::uint32_t instance, double now);
    /// Closes the pools' instance counts at `end` (runs that change over time).
    void closeInstances(double end);

private:
    /// The faults in force at `now` that class `requestClass` reaches (each counts what happens
    /// to those requests while it lasts).
    template <typename Each> void eachFaultInForce(double now, std::size_t requestClass, Each each);

    const model::Plan& m_plan;
    MeasurementWindow m_window;
    ReplicationRecord m_record;
    bool m_changes = false;  ///< model::Plan::changesOverTime()
    std::vector<TimeWeighted> m_running, m_healthy;  ///< per pool, runs that change over time
};

}  // namespace headroom::sim
