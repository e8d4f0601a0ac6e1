// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QUndoCommand>

#include <string>
#include <vector>

#include "model/ComponentEdit.h"

namespace headroom::ui {

class ScenarioDocument;

/// Replaces the scenario's events (adding, moving or removing one); one undo step each.
class EditEventsCommand final : public QUndoCommand {
public:
    EditEventsCommand(ScenarioDocument& document, std::vector<model::FaultEvent> events, const QString& text);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument& m_document;
    model::ScenarioSettings m_before;
    model::ScenarioSettings m_after;
};

/// The seconds the strip and new events are laid over: the run's duration, or the default.
[[nodiscard]] double runSeconds(const model::Scenario& scenario);

/// A new fault of `kind` on `component` (a zone's id for a zone outage) as the app proposes it:
/// a third into the run, lasting a sixth of it (a primary loss lasts until its failover, a cache
/// flush until it has warmed up).
[[nodiscard]] model::FaultEvent proposedFault(const model::Scenario& scenario, model::FaultKind kind, const std::string& target);

/// A new deploy (with `strategy`) or scale (to `instances`) of `component` at `at` seconds as the
/// app proposes it: the strategy's defaults (F02, F12, F14), and for a canary 5 % of the traffic
/// for a sixth of the run, written out so that they can be edited.
[[nodiscard]] model::FaultEvent proposedChange(const model::Scenario& scenario, model::ChangeKind kind, model::DeployStrategy strategy,
                                               const std::string& component, double at, int instances = 0);

}  // namespace headroom::ui
