// SPDX-License-Identifier: MIT
#include "ui/LiveAnalysis.h"

#include <QTimer>

#include "analytic/ScenarioAnalysis.h"
#include "model/Plan.h"
#include "model/Validation.h"

namespace headroom::ui {

LiveAnalysis::LiveAnalysis(ScenarioDocument& document, QObject* parent) : QObject(parent), m_document(document) {
    for (auto signal : {&ScenarioDocument::componentAdded, &ScenarioDocument::componentRemoved, &ScenarioDocument::componentChanged})
        connect(&document, signal, this, &LiveAnalysis::schedule);
    connect(&document, &ScenarioDocument::componentRenamed, this, &LiveAnalysis::schedule);
    connect(&document, &ScenarioDocument::documentReset, this, &LiveAnalysis::schedule);
    refresh();
}

void LiveAnalysis::schedule() {
    if (m_scheduled) return;
    m_scheduled = true;
    QTimer::singleShot(0, this, &LiveAnalysis::refresh);
}

void LiveAnalysis::refresh() {
    m_scheduled = false;
    const model::Scenario& scenario = m_document.scenario();
    m_problems = model::validate(scenario);
    m_result.reset();
    if (!model::hasErrors(m_problems)) {
        const model::Compiled compiled = model::compilePlan(scenario);
        for (const auto& problem : compiled.problems) m_problems.push_back(problem);
        if (compiled.plan) m_result = analytic::analyze(scenario, *compiled.plan);
    }
    emit updated();
}

}  // namespace headroom::ui
