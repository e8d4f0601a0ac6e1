// SPDX-License-Identifier: MIT
#include "ui/commands/EventsCommand.h"

#include <cmath>

#include "model/RunDefaults.h"
#include "ui/ScenarioDocument.h"

namespace headroom::ui {

EditEventsCommand::EditEventsCommand(ScenarioDocument& document, std::vector<model::FaultEvent> events, const QString& text)
    : m_document(document), m_before(model::settingsOf(document.scenario())), m_after(m_before) {
    m_after.events = std::move(events);
    setText(text);
}

void EditEventsCommand::redo() { m_document.setSettings(m_after); }
void EditEventsCommand::undo() { m_document.setSettings(m_before); }

double runSeconds(const model::Scenario& scenario) {
    if (scenario.run && scenario.run->duration && scenario.run->duration->value > 0.0) return scenario.run->duration->value;
    return model::run_defaults::kDuration;
}

model::FaultEvent proposedChange(const model::Scenario& scenario, model::ChangeKind kind, model::DeployStrategy strategy,
                                 const std::string& component, double at, int instances) {
    model::FaultEvent event;
    event.change = kind;
    event.component = component;
    event.at = model::Seconds{at};
    if (kind == model::ChangeKind::Scale) {
        event.instances = instances;
        return event;
    }
    if (strategy != model::DeployStrategy::Rolling) event.strategy = strategy;
    if (strategy == model::DeployStrategy::Canary) {
        event.canaryFraction = 0.05;
        event.canaryFor = model::Seconds{std::max(1.0, std::round(runSeconds(scenario) / 6.0))};
    }
    return event;
}

model::FaultEvent proposedFault(const model::Scenario& scenario, model::FaultKind kind, const std::string& target) {
    const double duration = runSeconds(scenario);
    model::FaultEvent event;
    event.fault = kind;
    event.at = model::Seconds{std::round(duration / 3.0)};
    const model::Seconds lasting{std::max(1.0, std::round(duration / 6.0))};
    switch (kind) {
        case model::FaultKind::ZoneOutage:
            event.zone = target;
            event.duration = lasting;
            break;
        case model::FaultKind::PrimaryLoss:
        case model::FaultKind::CacheFlush: event.component = target; break;
        case model::FaultKind::Latency: break;  // between two components: made in the Inspector
        default:
            event.component = target;
            event.duration = lasting;
            break;
    }
    return event;
}

}  // namespace headroom::ui
