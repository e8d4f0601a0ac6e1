// SPDX-License-Identifier: MIT
#include "ui/LiveAnalysis.h"

#include <set>

#include "analytic/Autoscaling.h"
#include "analytic/Degraded.h"

#include <QTimer>

#include "analytic/ScenarioAnalysis.h"
#include "model/Plan.h"
#include "model/Validation.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace headroom::ui {
namespace {

#if defined(__x86_64__)
__attribute__((target("avx"))) void zeroUpperHalves() { _mm256_zeroupper(); }
#endif

/// Clears the upper halves of the AVX registers before the solve. Something in Qt leaves them
/// in use (measured: once QApplication exists, every solve of a 30-component scenario took 33 ms
/// instead of 3.4 ms), and the engine, built for any x86-64, runs SSE code that then pays the
/// processor's penalty for mixing the two on every instruction. One instruction; none on
/// processors without AVX, which cannot be in that state.
void leaveAvxState() {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx")) zeroUpperHalves();
#endif
}

}  // namespace

LiveAnalysis::LiveAnalysis(ScenarioDocument& document, QObject* parent) : QObject(parent), m_document(document) {
    for (auto signal : {&ScenarioDocument::componentAdded, &ScenarioDocument::componentRemoved, &ScenarioDocument::componentChanged})
        connect(&document, signal, this, &LiveAnalysis::schedule);
    connect(&document, &ScenarioDocument::componentRenamed, this, &LiveAnalysis::schedule);
    connect(&document, &ScenarioDocument::documentReset, this, &LiveAnalysis::schedule);
    connect(&document, &ScenarioDocument::settingsChanged, this, &LiveAnalysis::schedule);  // SLOs, links
    refresh();
}

void LiveAnalysis::schedule() {
    if (m_scheduled) return;
    m_scheduled = true;
    QTimer::singleShot(0, this, &LiveAnalysis::refresh);
}

bool LiveAnalysis::lossesWorthSolvingLive(const model::Scenario& scenario) {
    constexpr std::size_t kMostLive = 12;
    std::size_t losses = 0;
    std::set<std::string> zones;
    for (const auto& component : scenario.components) {
        if (component.zones) zones.insert(component.zones->begin(), component.zones->end());
        const bool instances = component.kind != model::ComponentKind::Client && component.kind != model::ComponentKind::Function &&
                               component.kind != model::ComponentKind::Database && component.instances.value_or(1) > 1;
        losses += instances;
    }
    return losses + zones.size() <= kMostLive;
}

void LiveAnalysis::refresh() {
    m_scheduled = false;
    const model::Scenario& scenario = m_document.scenario();
    m_problems = model::validate(scenario);
    m_result.reset();
    if (!model::hasErrors(m_problems)) {
        const model::Compiled compiled = model::compilePlan(scenario);
        for (const auto& problem : compiled.problems) m_problems.push_back(problem);
        if (compiled.plan) {
            leaveAvxState();
            m_result = analytic::analyze(scenario, *compiled.plan);
            m_result->autoscaling = analytic::analyzeAutoscaling(scenario, *compiled.plan, *m_result);
            if (lossesWorthSolvingLive(scenario)) m_result->degraded = analytic::analyzeDegraded(scenario, *m_result);
        }
    }
    emit updated();
}

}  // namespace headroom::ui
