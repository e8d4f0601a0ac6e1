// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <vector>

#include "analytic/LatencyTransform.h"
#include "model/Plan.h"

/// End-to-end response-time distributions of the open classes, from the solved pools: each
/// pool's visit is its wait for a worker, its CPU time and its sync calls; a call is its
/// network time and the callee's visit, mixed over the callee's pools (a database's primary and
/// replicas), repeated `times`, made with its probability; a cache's calls happen on a miss
/// only; a class mixes its clients by their share of its rate. Hops are taken as independent.
namespace headroom::analytic {

/// The times at a pool's instances that are loaded alike: all of them, unless a weighted
/// balancer loads some more than others.
struct InstanceTimes {
    double traffic = 1.0;                  ///< the fraction of the pool's visits they take
    std::vector<double> cpu;               ///< per class that reaches the pool: CPU time per visit, with sharing
    std::optional<LatencyTransform> wait;  ///< a worker pool's wait for a worker
};

/// What one solved pool's distributions are built from, per class that reaches it.
struct PoolTimes {
    std::vector<std::size_t> classes;             ///< the classes that reach it, in class order
    std::vector<std::optional<double>> response;  ///< per class: mean time per visit; none: no finite time
    std::vector<model::Distribution> service;     ///< per class: the service time, its mean the demand
    std::vector<InstanceTimes> instances;         ///< a visit goes to each group with its traffic
    bool exact = false;                           ///< every part of a visit has its exact distribution
};

class ClassLatencies {
public:
    /// `calleesFirst`: every pool after the pools its sync calls reach.
    ClassLatencies(const model::Plan& plan, const std::vector<PoolTimes>& pools, const std::vector<std::size_t>& calleesFirst);

    /// The response time of an open class's request, or none when a pool on its way has no
    /// finite time (or the class is closed).
    [[nodiscard]] const std::optional<LatencyTransform>& of(std::size_t requestClass) const { return m_classes[requestClass]; }
    /// Whether that distribution is exact: one queueing pool with an exact wait on the way, the
    /// rest delays and networks (several queues in a row are taken as independent, which holds
    /// for some networks only).
    [[nodiscard]] bool exact(std::size_t requestClass) const { return m_exact[requestClass]; }

    /// A declared service-time distribution: exponential and constant exactly, a lognormal as
    /// the gamma of the same mean and cv (the lognormal has no closed-form transform).
    [[nodiscard]] static LatencyTransform transformOf(const model::Distribution& distribution);
    /// A declared distribution's squared coefficient of variation: 1 for an exponential, 0 for
    /// a constant, cv² for a lognormal.
    [[nodiscard]] static double squaredCvOf(const model::Distribution& distribution);

    /// The CPU time of a visit whose service is `service` and whose mean CPU time, cores shared,
    /// is `cpu`: the service itself when nothing is shared.
    [[nodiscard]] static LatencyTransform cpuTime(const model::Distribution& service, double cpu);

private:
    struct Visit {
        LatencyTransform time;
        int queues = 0;      ///< queueing pools on the way, this one included
        bool exact = true;
    };
    [[nodiscard]] std::optional<Visit> visitOf(std::size_t pool, std::size_t requestClass) const;
    [[nodiscard]] std::optional<Visit> callsOf(const std::vector<std::size_t>& calls, std::size_t requestClass) const;
    [[nodiscard]] std::optional<Visit> callOf(const model::PlanCall& call, std::size_t requestClass) const;
    void buildVisits(std::size_t pool);

    const model::Plan& m_plan;
    const std::vector<PoolTimes>& m_pools;
    std::vector<std::vector<std::size_t>> m_poolCalls;    ///< per pool, its sync calls
    std::vector<std::vector<std::size_t>> m_clientCalls;  ///< per client, its calls
    std::vector<std::vector<std::optional<Visit>>> m_visits;  ///< per pool, per class in PoolTimes::classes
    std::vector<std::optional<LatencyTransform>> m_classes;
    std::vector<bool> m_exact;
};

}  // namespace headroom::analytic
