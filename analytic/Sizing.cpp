// SPDX-License-Identifier: MIT
#include "analytic/Sizing.h"

#include "model/CountFields.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <unordered_map>

#include "analytic/ScenarioAnalysis.h"
#include "model/ChangeOverTimePlan.h"
#include "model/Plan.h"
#include "model/RateProfile.h"

namespace headroom::analytic {
namespace {

using model::Component;

constexpr int kMaxCount = 100'000;  // validation's upper bound on instances


/// A count of one component the sizing may change.
struct Knob {
    std::size_t component = 0;
    std::string field;

    int get(const model::Scenario& s) const {
        const Component& c = s.components[component];
        if (field == "shards") return c.shards.value_or(*model::kShardsField.whenAbsent);
        if (field == "replicas") return c.replicas.value_or(*model::kReplicasField.whenAbsent);
        if (field == "concurrency") return c.concurrency.value_or(*model::kConcurrencyField.whenAbsent);
        return c.instances.value_or(*model::kInstancesField.whenAbsent);
    }
    void set(model::Scenario& s, int value) const {
        Component& c = s.components[component];
        if (field == "shards") c.shards = value;
        else if (field == "replicas") c.replicas = value;
        else if (field == "concurrency") c.concurrency = value;
        else c.instances = value;
    }
};

/// The plan of a scenario that differs from a compiled one only in its counts, so compiles too.
model::Plan planOf(const model::Scenario& s) { return model::compilePlan(s).plan.value(); }

/// The knob behind a pool: its kind's capacity field (instances, a function's concurrency, a
/// database's shards), or a database's replicas for its replica pool; none for a managed delay.
std::optional<Knob> knobOf(const model::Plan& plan, std::size_t pool, const model::Scenario& s) {
    const model::PlanPool& p = plan.pools[pool];
    if (p.model == model::PoolModel::Delay) return std::nullopt;
    if (p.role == model::PoolRole::Replicas) return Knob{p.component, "replicas"};
    return Knob{p.component, std::string(model::traitsOf(s.components[p.component].kind).capacityField)};
}

struct Evaluation {
    bool ok = false;
    model::RunResult result;
    std::vector<double> load;              ///< per plan pool: its utilization, CPU or workers (0 for a delay)
    std::vector<bool> over;                ///< per plan pool: unstable, or at or over the utilization limit
    std::optional<std::size_t> worstPool;  ///< the sizable pool to grow next
};

/// A result's components by id: the sizing looks up every pool once per evaluation, so the
/// lookup must not cost a walk over all components (a 100,000-component chain took minutes).
class ResultIndex {
public:
    explicit ResultIndex(const model::RunResult& result) {
        m_byId.reserve(result.components.size());
        for (const auto& component : result.components) m_byId.emplace(component.id, &component);
    }
    [[nodiscard]] const model::PoolMetrics* pool(const std::string& id, const std::string& name) const {
        const auto found = m_byId.find(id);
        if (found == m_byId.end()) return nullptr;
        for (const auto& p : found->second->pools)
            if (p.name == name) return &p;
        return nullptr;
    }

private:
    std::unordered_map<std::string_view, const model::ComponentMetrics*> m_byId;
};

class Sizer {
public:
    Sizer(const model::Scenario& scenario, const SizingOptions& options) : m_original(scenario), m_options(options), m_peak(scenario) {
        for (Component& c : m_peak.components) {
            if (!c.rate || !c.profile) continue;
            const double multiple = model::peakMultiplier(*c.profile);
            c.rate->value *= multiple;
            m_peakFactor = std::max(m_peakFactor, multiple);
        }
        m_poolsPerEvaluation = std::max<std::size_t>(1, planOf(m_peak).pools.size());
    }

    Sizing run() {
        Sizing sizing;
        sizing.peakFactor = m_peakFactor;
        model::Scenario current = m_peak;
        std::vector<Knob> knobs = allKnobs(current);
        if (!reachable(current, knobs)) {
            sizing.reason = "more instances cannot meet the SLOs: generous counts (ten times each, every pool at a tenth of its "
                            "work) still miss them, so the time goes to delays, links or service times that no count changes";
        } else {
            grow(current, knobs, sizing.reason);
            if (sizing.reason.empty()) sizing.minimal = shrink(current, knobs);
        }
        const Evaluation e = evaluate(current);
        sizing.feasible = e.ok;
        sizing.atPeak = e.result;
        sizing.sized = m_original;
        for (const Knob& knob : knobs) {
            const int before = knob.get(m_original);
            const int after = knob.get(current);
            if (sizing.sized.components[knob.component].autoscale && knob.field == "instances") {
                sizeAutoscaler(knob, current, e, sizing);
                continue;
            }
            knob.set(sizing.sized, after);
            if (before != after) sizing.changes.push_back({m_original.components[knob.component].id, knob.field, double(before), double(after)});
        }
        if (!sizing.feasible && sizing.reason.empty()) sizing.reason = "no count found that meets every SLO";
        if (!sizing.minimal)
            sizing.note = "the search for the least counts stopped after " + std::to_string(m_evaluations) +
                          " analyses of the whole system (its bound for " + std::to_string(m_poolsPerEvaluation) +
                          " pools): every count holds, but some may be larger than needed";
        return sizing;
    }

private:
    /// An autoscaled component keeps the instances it starts with, and its autoscaler is sized:
    /// - max: what the peak needs (the count found), if more than it may reach now;
    /// - target: lowered when at the peak it would ask for fewer than that (for cpu and workers
    ///   the utilization the count runs at, rounded down to 0.001; for rate_per_instance the rate
    ///   per instance, rounded down to 3 figures), never raised: a lower target leaves room for
    ///   the boot time's lag (F13);
    /// - min: the count the target asks for at the profiles' lowest load, within [1, instances].
    void sizeAutoscaler(const Knob& knob, const model::Scenario& current, const Evaluation& atPeak, Sizing& sizing) {
        Component& sized = sizing.sized.components[knob.component];
        model::Autoscale& autoscale = *sized.autoscale;
        const std::string& id = sized.id;
        const int needed = knob.get(current);
        const int starts = sized.instances.value_or(*model::kInstancesField.whenAbsent);
        const model::Plan plan = planOf(current);
        std::optional<std::size_t> pool;
        for (std::size_t p = 0; p < plan.pools.size(); ++p)
            if (plan.pools[p].component == knob.component) pool = p;
        if (!pool) return;
        const int most = autoscale.max.value_or(starts);
        if (needed > most) {
            autoscale.max = needed;
            sizing.changes.push_back({id, "autoscale.max", double(most), double(needed)});
        }
        const model::PlanAutoscale policy = model::resolve(autoscale, starts);
        // The demand at the peak and at the lowest load, in the metric's unit over all instances.
        const auto demandIn = [&](const Evaluation& e) {
            if (policy.metric == model::AutoscaleMetric::RatePerInstance) {
                const model::PoolMetrics* metrics = ResultIndex(e.result).pool(id, plan.pools[*pool].name);
                return metrics ? metrics->arrivalRate : 0.0;
            }
            return e.load[*pool] * needed;
        };
        if (policy.metric == model::AutoscaleMetric::QueueLength) return;  // no closed form from a count
        const double peakDemand = demandIn(atPeak);
        double target = policy.target;
        if (peakDemand > 0.0 && std::ceil(peakDemand / target - 1e-9) < needed) {
            const double exact = peakDemand / needed;
            const double scale = policy.metric == model::AutoscaleMetric::RatePerInstance ? std::pow(10.0, 2 - std::floor(std::log10(exact))) : 1000.0;
            target = std::floor(exact * scale) / scale;
            autoscale.target = target;
            sizing.changes.push_back({id, "autoscale.target", policy.target, target});
        }
        model::Scenario lowest = current;
        for (Component& c : lowest.components)
            if (c.rate && c.profile) c.rate->value *= model::lowestMultiplier(*c.profile) / model::peakMultiplier(*c.profile);
        const double lowDemand = demandIn(evaluate(lowest));
        const int least = std::clamp(int(std::ceil(lowDemand / target - 1e-9)), 1, starts);
        if (least != policy.min) {
            autoscale.min = least;
            sizing.changes.push_back({id, "autoscale.min", double(policy.min), double(least)});
        }
    }

    /// Whether generous counts would meet the SLOs at all: each ten times what it is, and at
    /// least enough to bring its pools to a tenth of their work (a queue at 10 % adds little
    /// beyond the service and the calls themselves).
    bool reachable(const model::Scenario& current, const std::vector<Knob>& knobs) {
        const Evaluation now = evaluate(current);
        const model::Plan plan = planOf(current);
        std::vector<int> generousCounts(knobs.size());
        for (std::size_t k = 0; k < knobs.size(); ++k) generousCounts[k] = std::min(kMaxCount, 10 * std::max(1, knobs[k].get(current)));
        for (std::size_t p = 0; p < plan.pools.size(); ++p) {
            if (plan.pools[p].model == model::PoolModel::Delay) continue;
            const std::size_t k = knobIndex(plan, p, current);
            const double tenth = std::ceil(now.load[p] * knobs[k].get(current) / 0.1);
            generousCounts[k] = std::max(generousCounts[k], static_cast<int>(std::min<double>(kMaxCount, tenth)));
        }
        model::Scenario generous = current;
        for (std::size_t k = 0; k < knobs.size(); ++k) knobs[k].set(generous, generousCounts[k]);
        const Evaluation e = evaluate(generous);
        // Still saturated with generous counts: nothing is concluded, growing will find out.
        return !e.result.stable || model::everySloMet(e.result);
    }

    /// Raises counts until every pool is stable (and within the utilization limit) and every
    /// SLO holds: each pool over the limit grows by its excess at once, all of them in one step
    /// (a chain of a thousand saturated services takes one step, not a thousand); when only
    /// SLOs fail, the most loaded pool grows by one.
    void grow(model::Scenario& current, const std::vector<Knob>& knobs, std::string& reason) {
        Evaluation e = evaluate(current);
        const model::Plan plan = planOf(current);
        const double target = m_options.maxUtilization.value_or(0.95);
        for (int step = 0; !e.ok && step < 10'000; ++step) {
            if (!e.worstPool) {
                reason = "nothing in the scenario can be given more instances";
                return;
            }
            if (!withinBudget()) {
                reason = "no counts found within " + std::to_string(m_evaluations) + " analyses of the whole system (the bound for " +
                         std::to_string(m_poolsPerEvaluation) + " pools)";
                return;
            }
            std::vector<int> next(knobs.size(), 0);
            for (std::size_t p = 0; p < plan.pools.size(); ++p) {
                const bool grows = e.over[p] || (!e.over[e.worstPool.value()] && p == *e.worstPool);
                if (!grows) continue;
                const std::size_t k = knobIndex(plan, p, current);
                const int now = knobs[k].get(current);
                if (now >= kMaxCount) {
                    reason = "\"" + current.components[knobs[k].component].id + "\" would need more than 100,000 " + knobs[k].field;
                    return;
                }
                const int wanted = e.over[p] ? std::max(now + 1, static_cast<int>(std::min<double>(kMaxCount, std::ceil(now * e.load[p] / target)))) : now + 1;
                next[k] = std::max(next[k], std::min(kMaxCount, wanted));
            }
            for (std::size_t k = 0; k < knobs.size(); ++k)
                if (next[k] > 0) knobs[k].set(current, next[k]);
            e = evaluate(current);
        }
    }

    /// Lowers each count to the least that still holds. First every count at once to the least
    /// that keeps its own pools under the limit (utilization falls as 1/count, so no lower count
    /// can hold); if that holds, each is least. Otherwise the SLOs bind, and each count is
    /// bisected between that floor and its value, until none moves (counts are assumed to help
    /// monotonically: more instances never slow a pool down). Returns false when the bound on
    /// analyses stopped the search early (the counts then hold, but may not be least).
    bool shrink(model::Scenario& current, const std::vector<Knob>& knobs) {
        const std::vector<int> floors = floorsOf(current, knobs, evaluate(current));
        model::Scenario atFloors = current;
        for (std::size_t k = 0; k < knobs.size(); ++k) knobs[k].set(atFloors, floors[k]);
        if (evaluate(atFloors).ok) {
            current = std::move(atFloors);
            return true;
        }
        for (bool moved = true; moved;) {
            moved = false;
            for (std::size_t k = 0; k < knobs.size(); ++k) {
                const Knob& knob = knobs[k];
                const int before = knob.get(current);
                int low = floors[k];
                int high = before;
                while (low < high) {
                    if (!withinBudget()) {
                        knob.set(current, high);
                        return false;
                    }
                    const int middle = low + (high - low) / 2;
                    knob.set(current, middle);
                    if (evaluate(current).ok)
                        high = middle;
                    else
                        low = middle + 1;
                }
                knob.set(current, high);
                moved = moved || high != before;
            }
        }
        return true;
    }

    /// Per knob, the least count at which its pools stay under the utilization limit, from their
    /// loads at the current counts (load × count is the work, which no count changes); never
    /// below the file's shards, never above the current count.
    std::vector<int> floorsOf(const model::Scenario& current, const std::vector<Knob>& knobs, const Evaluation& e) const {
        const model::Plan plan = planOf(current);
        const double limit = m_options.maxUtilization.value_or(1.0);
        std::vector<int> floors(knobs.size(), 1);
        for (std::size_t k = 0; k < knobs.size(); ++k)
            if (knobs[k].field == "shards") floors[k] = knobs[k].get(m_peak);  // shards hold the data as well as the load
        for (std::size_t p = 0; p < plan.pools.size(); ++p) {
            if (plan.pools[p].model == model::PoolModel::Delay) continue;
            const std::size_t k = knobIndex(plan, p, current);
            const double work = e.load[p] * knobs[k].get(current) / limit;
            // Under the limit needs count > work; the shave keeps rounding from raising the floor.
            const int least = work < kMaxCount ? static_cast<int>(std::floor(work * (1.0 - 1e-12))) + 1 : kMaxCount;
            floors[k] = std::max(floors[k], least);
        }
        for (std::size_t k = 0; k < knobs.size(); ++k) floors[k] = std::min(floors[k], knobs[k].get(current));
        return floors;
    }

    std::size_t knobIndex(const model::Plan& plan, std::size_t pool, const model::Scenario& s) const {
        const Knob knob = *knobOf(plan, pool, s);
        return m_knobIndex.at({knob.component, knob.field});
    }

    std::vector<Knob> allKnobs(const model::Scenario& s) {
        std::vector<Knob> knobs;
        const model::Plan plan = planOf(s);
        for (std::size_t p = 0; p < plan.pools.size(); ++p)
            if (auto knob = knobOf(plan, p, s); knob && m_knobIndex.emplace(std::pair(knob->component, knob->field), knobs.size()).second)
                knobs.push_back(*knob);
        return knobs;
    }

    /// Whether another analysis fits the bound on the sizing's work: analyses × pools, so a
    /// small system may take thousands of analyses and a 100,000-component one a few. One
    /// analysis costs about 6 µs per pool (a 100,000-pool chain: 0.6 s), so the default bound
    /// of 5 × 10⁶ is about 30 s.
    bool withinBudget() const { return double(m_evaluations) * double(m_poolsPerEvaluation) < m_options.maxPoolAnalyses; }

    Evaluation evaluate(const model::Scenario& s) {
        ++m_evaluations;
        Evaluation e;
        const model::Plan plan = planOf(s);
        e.result = analyze(s, plan);
        const ResultIndex index(e.result);
        const double limit = m_options.maxUtilization.value_or(1.0);
        e.load.assign(plan.pools.size(), 0.0);
        e.over.assign(plan.pools.size(), false);
        bool overLimit = false;
        double worstRank = -1.0;
        for (std::size_t p = 0; p < plan.pools.size(); ++p) {
            const auto& pool = plan.pools[p];
            if (pool.model == model::PoolModel::Delay) continue;
            const model::PoolMetrics* metrics = index.pool(s.components[pool.component].id, pool.name);
            const double load = std::max(metrics->utilization.value_or(0.0), metrics->workerUtilization.value_or(0.0));
            e.load[p] = load;
            e.over[p] = !metrics->stable || load >= limit;
            overLimit = overLimit || e.over[p];
            // Pools over the limit first; among equals, the most loaded.
            const double rank = load + (e.over[p] ? 1e6 : 0.0);
            if (rank > worstRank) {
                worstRank = rank;
                e.worstPool = p;
            }
        }
        e.ok = e.result.stable && !overLimit && model::everySloMet(e.result);
        return e;
    }

    const model::Scenario& m_original;
    SizingOptions m_options;
    model::Scenario m_peak;
    double m_peakFactor = 1.0;
    std::size_t m_poolsPerEvaluation = 1;
    std::size_t m_evaluations = 0;
    std::map<std::pair<std::size_t, std::string>, std::size_t> m_knobIndex;  ///< (component, field) → index in the knobs
};

}  // namespace

Sizing size(const model::Scenario& scenario, const SizingOptions& options) { return Sizer(scenario, options).run(); }

}  // namespace headroom::analytic
