// SPDX-License-Identifier: MIT
#include "analytic/Autoscaling.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "analytic/ScenarioAnalysis.h"
#include "analytic/StationFormulas.h"
#include "model/Defaults.h"
#include "model/EnumNames.h"
#include "model/RateProfile.h"
#include "model/RunDefaults.h"

namespace headroom::analytic {
namespace {

/// Moments the span is cut into: the mean count is exact to within half a moment per change of
/// count (a day in 30 s steps).
constexpr int kMoments = 2880;

/// What one group of clients (one profile, or none) puts on a pool at factor 1.
struct Contribution {
    std::optional<model::Profile> profile;
    double busyCores = 0.0;
    double busyWorkers = 0.0;
    double arrivals = 0.0;
};

/// The load of a pool at one moment.
struct Load {
    double busyCores = 0.0;
    double busyWorkers = 0.0;
    double arrivals = 0.0;
};

const model::PoolMetrics* poolIn(const model::RunResult& result, const model::PlanPool& pool) {
    for (const auto& component : result.components)
        for (const auto& metrics : component.pools)
            if (metrics.name == pool.name) return &metrics;
    return nullptr;
}

Contribution contributionOf(const model::RunResult& result, const model::PlanPool& pool) {
    Contribution out;
    const model::PoolMetrics* metrics = poolIn(result, pool);
    if (!metrics) return out;
    out.arrivals = metrics->arrivalRate;
    out.busyCores = metrics->utilization.value_or(0.0) * metrics->instances * pool.cores;
    if (pool.workers) out.busyWorkers = metrics->workerUtilization.value_or(0.0) * metrics->instances * *pool.workers;
    return out;
}

/// The open clients grouped by profile, each group's load solved with the others silent (the
/// traffic equations are linear). Closed clients, which no profile moves, stay in the first.
std::vector<std::optional<model::Profile>> profileGroups(const model::Scenario& scenario) {
    std::vector<std::optional<model::Profile>> groups;
    for (const auto& component : scenario.components)
        if (component.kind == model::ComponentKind::Client && component.rate &&
            std::find(groups.begin(), groups.end(), component.profile) == groups.end())
            groups.push_back(component.profile);
    if (groups.empty()) groups.emplace_back();
    return groups;
}

double factorAt(const std::optional<model::Profile>& profile, double t) { return profile ? model::profileFactor(*profile, t) : 1.0; }

/// The span the count is followed over: one period of the longest diurnal profile, else the run.
double spanOf(const model::Scenario& scenario) {
    double span = scenario.run && scenario.run->duration ? scenario.run->duration->value : model::run_defaults::kDuration;
    for (const auto& component : scenario.components)
        if (component.profile)
            if (const auto* diurnal = std::get_if<model::DiurnalProfile>(&*component.profile)) span = std::max(span, diurnal->period.value);
    return span;
}

/// ⌈x⌉, forgiving the last bits of a product that should be whole (2 × 0.5 / 0.5).
int ceilWhole(double x) { return int(std::ceil(x - 1e-9 * std::max(1.0, std::abs(x)))); }

class Target {
public:
    Target(const model::PlanPool& pool, const model::PlanAutoscale& autoscale) : m_pool(pool), m_autoscale(autoscale) {}

    /// The count the target implies for a load, within [min, max].
    [[nodiscard]] int instancesFor(const Load& load) const {
        int wanted = m_autoscale.min;
        switch (m_autoscale.metric) {
            case model::AutoscaleMetric::Cpu: wanted = ceilWhole(load.busyCores / (m_pool.cores * m_autoscale.target)); break;
            case model::AutoscaleMetric::Workers:
                wanted = ceilWhole(load.busyWorkers / (m_pool.workers.value_or(m_pool.cores) * m_autoscale.target));
                break;
            case model::AutoscaleMetric::RatePerInstance: wanted = ceilWhole(load.arrivals / m_autoscale.target); break;
            case model::AutoscaleMetric::QueueLength: wanted = fewestForQueue(load); break;
        }
        return std::clamp(wanted, m_autoscale.min, m_autoscale.max);
    }

    /// Whether `instances` can serve the load at all (its cores less than fully busy).
    [[nodiscard]] bool serves(const Load& load, int instances) const { return load.busyCores < instances * m_pool.cores; }

private:
    /// The fewest instances, each an M/M/c of its cores offered its share, whose mean queue is
    /// at most the target (the queue shrinks as instances are added: a binary search).
    [[nodiscard]] int fewestForQueue(const Load& load) const {
        if (load.arrivals <= 0.0) return m_autoscale.min;
        const double service = load.busyCores / load.arrivals;
        const auto queueAt = [&](int n) {
            const StationMetrics station = mmc(load.arrivals / n, service, m_pool.cores);
            return station.stable ? station.meanQueueLength.value_or(0.0) : INFINITY;
        };
        int low = m_autoscale.min, high = m_autoscale.max;
        if (queueAt(high) > m_autoscale.target) return high;
        while (low < high) {
            const int middle = low + (high - low) / 2;
            if (queueAt(middle) <= m_autoscale.target) high = middle;
            else low = middle + 1;
        }
        return low;
    }

    const model::PlanPool& m_pool;
    const model::PlanAutoscale& m_autoscale;
};

/// When the starting fleet is outgrown before new instances could boot: the first moment it
/// saturates, the period boundary at which the autoscaler first wants more, and when those
/// instances take traffic.
std::optional<model::AutoscaleOutlook::Outrun> outrunOf(const std::vector<Load>& loads, double step, int fleet, const Target& target,
                                                        const model::PlanAutoscale& autoscale) {
    std::optional<double> wantsMore, saturates, recovers;
    for (std::size_t j = 0; j < loads.size(); ++j) {
        const double t = j * step;
        if (!wantsMore && target.instancesFor(loads[j]) > fleet) wantsMore = t;
        if (!saturates && !target.serves(loads[j], fleet)) saturates = t;
        if (saturates && !recovers && target.serves(loads[j], fleet)) recovers = t;
    }
    if (!wantsMore || !saturates) return std::nullopt;
    model::AutoscaleOutlook::Outrun outrun;
    outrun.instances = fleet;
    outrun.saturatesAt = *saturates;
    // The first decision is at the end of the first period (the simulator's first check), never at 0.
    outrun.decidedAt = std::max(1.0, std::ceil(*wantsMore / autoscale.period - 1e-9)) * autoscale.period;
    outrun.capacityAt = outrun.decidedAt + autoscale.bootTime;
    const double end = std::min(outrun.capacityAt, recovers.value_or(INFINITY));
    if (end <= *saturates) return std::nullopt;  // capacity in time
    outrun.overloadedFor = end - *saturates;
    return outrun;
}

}  // namespace

std::vector<model::AutoscaleOutlook> analyzeAutoscaling(const model::Scenario& scenario, const model::Plan& plan, const model::RunResult& base) {
    std::vector<model::AutoscaleOutlook> outlooks;
    std::vector<std::size_t> scaled;
    for (std::size_t p = 0; p < plan.pools.size(); ++p)
        if (plan.pools[p].autoscale) scaled.push_back(p);
    if (scaled.empty()) return outlooks;

    // Each group's load, with the other groups' open clients silent; one group is the base.
    const auto groups = profileGroups(scenario);
    std::vector<model::RunResult> solved;
    if (groups.size() == 1) {
        solved.push_back(base);
    } else {
        for (std::size_t g = 0; g < groups.size(); ++g) {
            model::Scenario alone = scenario;
            for (auto& component : alone.components)
                if (component.kind == model::ComponentKind::Client && component.rate && component.profile != groups[g]) component.rate = model::PerSecond{0.0};
            const model::Compiled compiled = model::compilePlan(alone);
            solved.push_back(compiled.plan ? analyze(alone, *compiled.plan) : model::RunResult{});
        }
    }

    const double span = spanOf(scenario);
    const double step = span / kMoments;
    for (const std::size_t p : scaled) {
        const model::PlanPool& pool = plan.pools[p];
        const model::PlanAutoscale& autoscale = *pool.autoscale;
        std::vector<Contribution> parts;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            parts.push_back(contributionOf(solved[g], pool));
            parts.back().profile = groups[g];
        }
        const auto loadAt = [&](double t) {
            Load load;
            for (const Contribution& part : parts) {
                const double factor = factorAt(part.profile, t);
                load.busyCores += part.busyCores * factor;
                load.busyWorkers += part.busyWorkers * factor;
                load.arrivals += part.arrivals * factor;
            }
            return load;
        };
        const Target target(pool, autoscale);
        model::AutoscaleOutlook outlook;
        outlook.component = scenario.components[pool.component].id;
        outlook.metric = std::string(model::nameOf(model::kAutoscaleMetricNames, autoscale.metric));
        outlook.target = autoscale.target;
        outlook.min = autoscale.min;
        outlook.max = autoscale.max;
        outlook.span = span;
        // At the middle of each moment for the time spent at each count; at its start for when
        // the fleet is outgrown.
        std::map<int, int> moments;
        std::vector<Load> starts;
        double sum = 0.0;
        for (int j = 0; j < kMoments; ++j) {
            const int instances = target.instancesFor(loadAt((j + 0.5) * step));
            ++moments[instances];
            sum += instances;
            starts.push_back(loadAt(j * step));
        }
        outlook.meanInstances = sum / kMoments;
        for (const auto& [instances, count] : moments) outlook.levels.push_back({instances, double(count) / kMoments});
        outlook.instancesAtStart = target.instancesFor(starts.front());
        outlook.instancesAtPeak = moments.rbegin()->first;
        const int fleet = scenario.components[pool.component].instances.value_or(autoscale.min);
        outlook.outrun = outrunOf(starts, step, fleet, target, autoscale);
        if (pool.pricePerInstanceHour) {
            // A month of 30 days (T05), as every monthly figure here.
            const double hours = model::defaults::kDaysPerMonth.value * 24.0;
            outlook.costPerMonth = outlook.meanInstances * *pool.pricePerInstanceHour * hours;
            outlook.fixedCostPerMonth = outlook.instancesAtPeak * *pool.pricePerInstanceHour * hours;
        }
        outlooks.push_back(std::move(outlook));
    }
    return outlooks;
}

}  // namespace headroom::analytic
