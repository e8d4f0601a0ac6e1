// SPDX-License-Identifier: MIT
#include "analytic/RetryEquilibria.h"

#include <algorithm>
#include <cmath>

#include "analytic/StationFormulas.h"

namespace headroom::analytic {
namespace {

/// Points of the scan between λ and λ · A(1), and bisection steps for each root.
constexpr int kScanPoints = 4000;
constexpr int kBisections = 100;
/// A point with fewer attempts failing than this is the healthy one the trigger search follows.
constexpr double kHealthyFailure = 0.5;

/// Attempts per first try when each fails with p: Σ_{k<n} p^k, the retries capped by a budget.
double attemptsPerRequest(double p, const model::PlanRetry& retry) {
    double retries = 0.0, term = 1.0;
    for (int k = 1; k < retry.attempts; ++k) retries += (term *= p);
    if (retry.budget) retries = std::min(retries, *retry.budget);
    return 1.0 + retries;
}

struct Callee {
    int instances = 1;
    int servers = 1;
    double meanService = 0.0;
    double timeout = 0.0;
    bool dropsExpired = false;
    double other = 0.0;  ///< arrivals per second from other calls
    double failure(double offered) const { return attemptFailure(offered + other, instances, servers, meanService, timeout, dropsExpired); }
};

std::vector<model::RetryEquilibrium::Point> stablePoints(double firstTries, const model::PlanRetry& retry, const Callee& callee) {
    const auto g = [&](double x) { return firstTries * attemptsPerRequest(callee.failure(x), retry) - x; };
    const double low = firstTries, high = firstTries * attemptsPerRequest(1.0, retry);
    std::vector<model::RetryEquilibrium::Point> points;
    const auto add = [&](double x) {
        const double p = callee.failure(x);
        points.push_back({x, p, x * (1.0 - p)});
    };
    if (high <= low) {  // one attempt, or a budget of nothing: no retries to settle
        add(low);
        return points;
    }
    double previousX = low, previousG = g(low);
    if (previousG == 0.0) add(low);
    for (int i = 1; i <= kScanPoints; ++i) {
        const double x = low + (high - low) * i / kScanPoints;
        const double value = g(x);
        // A stable root: g falls through zero (more load than the retries offer above it).
        if (previousG > 0.0 && value <= 0.0) {
            double a = previousX, b = x;
            for (int k = 0; k < kBisections && b - a > 1e-12 * b; ++k) {
                const double mid = 0.5 * (a + b);
                (g(mid) > 0.0 ? a : b) = mid;
            }
            add(0.5 * (a + b));
        }
        previousX = x;
        previousG = value;
    }
    return points;
}

/// The arrivals per second the analysis found at the pool named `name`.
double arrivalsAt(const model::RunResult& result, const std::string& name) {
    for (const auto& component : result.components)
        for (const auto& pool : component.pools)
            if (pool.name == name) return pool.arrivalRate;
    return 0.0;
}

}  // namespace

double attemptFailure(double load, int instances, int servers, double meanService, double timeout, bool dropsExpired) {
    if (dropsExpired) {
        // Work older than the timeout leaves the queue, so an instance holds about the requests
        // it can serve within the timeout: M/M/c/K with K = c + c × timeout / s. What it turns
        // away is what expires; beyond capacity that tends to 1 − capacity / load, as it must.
        const int depth = servers + int(std::floor(servers * timeout / meanService));
        return mmck(load / instances, meanService, servers, depth).lossProbability;
    }
    // Nothing leaves the queue: beyond capacity it grows without bound and every attempt waits
    // past its timeout (the callee still serves it, wasted).
    if (load >= instances * servers / meanService) return 1.0;
    return mmcResponseTail(load / instances, meanService, servers, timeout);
}

std::vector<model::RetryEquilibrium> retryEquilibria(const model::Scenario& scenario, const model::Plan& plan, const model::RunResult& normal) {
    std::vector<model::RetryEquilibrium> out;
    for (const model::PlanCall& call : plan.calls) {
        if (!call.retry || !call.sync) continue;
        const auto& targets = call.targets(model::Operation::Read);
        if (targets.empty()) continue;
        const model::PlanPool& pool = plan.pools[targets.front().pool];
        if (!pool.timeout || pool.model != model::PoolModel::Queue) continue;
        // First tries along the call: its caller's arrivals (a client's rate) × the calls per visit.
        const double callerRate = call.fromClient ? plan.clients[*call.fromClient].rate : arrivalsAt(normal, plan.pools[*call.fromPool].name);
        const double miss = call.fromPool ? 1.0 - plan.pools[*call.fromPool].hitRatio.value_or(0.0) : 1.0;
        const double firstTries = callerRate * miss * call.probability * call.times * targets.front().share;
        const double poolArrivals = arrivalsAt(normal, pool.name);
        Callee callee{pool.instances, pool.workers ? std::min(*pool.workers, pool.cores) : pool.cores, pool.meanServiceTime(model::Operation::Read),
                      *pool.timeout, pool.dropExpired, std::max(0.0, poolArrivals - firstTries)};
        model::RetryEquilibrium equilibrium;
        const std::string caller = call.fromClient ? scenario.components[plan.clients[*call.fromClient].component].id
                                                   : scenario.components[plan.pools[*call.fromPool].component].id;
        equilibrium.call = caller + " → " + scenario.components[call.component].id;
        equilibrium.firstTries = firstTries;
        equilibrium.attempts = call.retry->attempts;
        equilibrium.stable = stablePoints(firstTries, *call.retry, callee);
        equilibrium.metastable = equilibrium.stable.size() >= 2;
        // The trigger: the first-try rate at which the healthy point is gone, by 1 % steps up to
        // the callee's capacity (beyond it no healthy point can exist).
        const double capacity = callee.instances * callee.servers / callee.meanService;
        for (double rate = firstTries; rate <= 1.5 * capacity && firstTries > 0.0; rate *= 1.01) {
            const auto points = stablePoints(rate, *call.retry, callee);
            const bool healthy = std::any_of(points.begin(), points.end(), [](const auto& point) { return point.failing < kHealthyFailure; });
            if (!healthy) {
                equilibrium.triggerRate = rate;
                break;
            }
        }
        out.push_back(std::move(equilibrium));
    }
    return out;
}

}  // namespace headroom::analytic
