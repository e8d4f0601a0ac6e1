// SPDX-License-Identifier: MIT
#include "analytic/Degraded.h"

#include <algorithm>

#include "analytic/ScenarioAnalysis.h"
#include "model/Losses.h"
#include "model/Plan.h"
#include "model/UnitFormat.h"

namespace headroom::analytic {
namespace {

const model::ComponentMetrics* componentOf(const model::RunResult& result, std::string_view id) {
    for (const auto& component : result.components)
        if (component.id == id) return &component;
    return nullptr;
}

/// "db/replica" → the pool of that name within component "db"; "api" → the component itself.
const model::PoolMetrics* poolOf(const model::RunResult& result, const std::string& name) {
    const auto slash = name.find('/');
    const model::ComponentMetrics* component = componentOf(result, name.substr(0, slash));
    if (!component) return nullptr;
    if (slash == std::string::npos) return &component->total;
    for (const auto& pool : component->pools)
        if (pool.name == name) return &pool;
    return nullptr;
}

}  // namespace

std::vector<model::DegradedCase> analyzeDegraded(const model::Scenario& scenario, const model::RunResult& normal) {
    std::vector<model::DegradedCase> cases;
    for (const model::Loss& loss : model::possibleLosses(scenario)) {
        model::DegradedCase out;
        out.lost = loss.lost;
        out.unavailable = loss.unavailable;
        const model::Compiled compiled = model::compilePlan(loss.scenario);
        if (!compiled.plan) {
            out.stable = false;
            cases.push_back(std::move(out));
            continue;
        }
        const model::RunResult result = analyze(loss.scenario, *compiled.plan);
        out.stable = result.stable && loss.unavailable.empty();
        out.bottleneck = result.bottleneck;
        for (const auto& component : result.components)
            if (!component.total.stable) out.saturated.push_back(component.id);
        for (const auto& slo : result.slo) {
            if (slo.met != false) continue;
            out.missedSlos.push_back(model::objectiveName(slo) + ": " + (slo.value ? model::formatDuration(model::Seconds{*slo.value}) : std::string("no finite value")));
        }
        // Nothing left to serve, or a queue without bound, breaks every objective.
        if (!scenario.slos.empty()) out.sloMet = out.stable && out.missedSlos.empty();
        for (const auto& change : loss.changes) {
            const model::PoolMetrics* before = poolOf(normal, change.component);
            const model::PoolMetrics* after = poolOf(result, change.component);
            if (!before || !after) continue;
            out.load.push_back({change.component, before->instances, after->instances, before->arrivalRate / std::max(1, before->instances),
                                after->arrivalRate / std::max(1, after->instances), after->utilization});
        }
        cases.push_back(std::move(out));
    }
    return cases;
}

}  // namespace headroom::analytic
