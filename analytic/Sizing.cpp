// SPDX-License-Identifier: MIT
#include "analytic/Sizing.h"

#include <algorithm>
#include <cmath>

#include "analytic/ScenarioAnalysis.h"
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
        if (field == "shards") return c.shards.value_or(1);
        if (field == "replicas") return c.replicas.value_or(0);
        if (field == "concurrency") return c.concurrency.value_or(1);
        return c.instances.value_or(1);
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
    std::optional<std::size_t> worstPool;  ///< the sizable pool to grow next
    double worstLoad = 0.0;                ///< its utilization, CPU or workers
};

const model::PoolMetrics* findPool(const model::RunResult& r, const std::string& id, const std::string& name) {
    for (const auto& c : r.components)
        if (c.id == id)
            for (const auto& p : c.pools)
                if (p.name == name) return &p;
    return nullptr;
}

class Sizer {
public:
    Sizer(const model::Scenario& scenario, const SizingOptions& options) : m_original(scenario), m_options(options), m_peak(scenario) {
        for (Component& c : m_peak.components) {
            if (!c.rate || !c.profile) continue;
            const double multiple = model::peakMultiplier(*c.profile);
            c.rate->value *= multiple;
            m_peakFactor = std::max(m_peakFactor, multiple);
        }
    }

    Sizing run() {
        Sizing sizing;
        sizing.peakFactor = m_peakFactor;
        model::Scenario current = m_peak;
        std::vector<Knob> knobs = allKnobs(current);
        if (!reachable(current, knobs)) {
            sizing.reason = "more instances cannot meet the SLOs: ten times every count still misses them, so the time goes to "
                            "delays, links or service times that no count changes";
        } else {
            grow(current, sizing.reason);
            if (sizing.reason.empty()) shrink(current, knobs);
        }
        const Evaluation e = evaluate(current);
        sizing.feasible = e.ok;
        sizing.atPeak = e.result;
        sizing.sized = m_original;
        for (const Knob& knob : knobs) {
            const int before = knob.get(m_original);
            const int after = knob.get(current);
            knob.set(sizing.sized, after);
            if (before != after) sizing.changes.push_back({m_original.components[knob.component].id, knob.field, before, after});
        }
        if (!sizing.feasible && sizing.reason.empty()) sizing.reason = "no count found that meets every SLO";
        return sizing;
    }

private:
    /// Whether generous counts (ten times each) would meet the SLOs at all.
    bool reachable(const model::Scenario& current, const std::vector<Knob>& knobs) const {
        model::Scenario generous = current;
        for (const Knob& knob : knobs) knob.set(generous, std::min(kMaxCount, 10 * std::max(1, knob.get(generous))));
        const Evaluation e = evaluate(generous);
        // Still saturated at ten times: nothing is concluded, growing will find out.
        return !e.result.stable || model::everySloMet(e.result);
    }

    /// Raises the count behind the worst pool until every pool is stable (and within the
    /// utilization limit) and every SLO holds.
    void grow(model::Scenario& current, std::string& reason) const {
        Evaluation e = evaluate(current);
        for (int step = 0; !e.ok && step < 10'000; ++step) {
            if (!e.worstPool) {
                reason = "nothing in the scenario can be given more instances";
                return;
            }
            const model::Plan plan = planOf(current);
            const auto knob = knobOf(plan, *e.worstPool, current);
            const int now = knob->get(current);
            if (now >= kMaxCount) {
                reason = "\"" + current.components[knob->component].id + "\" would need more than 100,000 " + knob->field;
                return;
            }
            // A saturated pool grows by its excess at once; otherwise by one.
            const double target = m_options.maxUtilization.value_or(0.95);
            const int next = e.worstLoad > 1.0 ? std::min(kMaxCount, std::max(now + 1, static_cast<int>(std::ceil(now * e.worstLoad / target))))
                                               : now + 1;
            knob->set(current, next);
            e = evaluate(current);
        }
    }

    /// Lowers each count to the least that still holds, by bisection, until none moves (counts
    /// are assumed to help monotonically: more instances never slow a pool down).
    void shrink(model::Scenario& current, const std::vector<Knob>& knobs) const {
        for (bool moved = true; moved;) {
            moved = false;
            for (const Knob& knob : knobs) {
                const int before = knob.get(current);
                // Shards hold the data as well as the load: never fewer than the file has.
                int low = knob.field == "shards" ? knob.get(m_peak) : 1;
                int high = before;
                while (low < high) {
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
    }

    static void remember(std::vector<Knob>& knobs, const Knob& knob) {
        for (const Knob& k : knobs)
            if (k.component == knob.component && k.field == knob.field) return;
        knobs.push_back(knob);
    }

    static std::vector<Knob> allKnobs(const model::Scenario& s) {
        std::vector<Knob> knobs;
        const model::Plan plan = planOf(s);
        for (std::size_t p = 0; p < plan.pools.size(); ++p)
            if (auto knob = knobOf(plan, p, s)) remember(knobs, *knob);
        return knobs;
    }

    Evaluation evaluate(const model::Scenario& s) const {
        Evaluation e;
        const model::Plan plan = planOf(s);
        e.result = analyze(s, plan);
        const double limit = m_options.maxUtilization.value_or(1.0);
        bool overLimit = false;
        double worstRank = -1.0;
        for (std::size_t p = 0; p < plan.pools.size(); ++p) {
            const auto& pool = plan.pools[p];
            if (pool.model == model::PoolModel::Delay) continue;
            const model::PoolMetrics* metrics = findPool(e.result, s.components[pool.component].id, pool.name);
            const double load = std::max(metrics->utilization.value_or(0.0), metrics->workerUtilization.value_or(0.0));
            const bool over = !metrics->stable || load >= limit;
            overLimit = overLimit || over;
            // Pools over the limit first; among equals, the most loaded.
            const double rank = load + (over ? 1e6 : 0.0);
            if (rank > worstRank) {
                worstRank = rank;
                e.worstPool = p;
                e.worstLoad = load;
            }
        }
        e.ok = e.result.stable && !overLimit && model::everySloMet(e.result);
        return e;
    }

    const model::Scenario& m_original;
    SizingOptions m_options;
    model::Scenario m_peak;
    double m_peakFactor = 1.0;
};

}  // namespace

Sizing size(const model::Scenario& scenario, const SizingOptions& options) { return Sizer(scenario, options).run(); }

}  // namespace headroom::analytic
