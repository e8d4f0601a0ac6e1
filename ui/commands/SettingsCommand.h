// SPDX-License-Identifier: MIT
#pragma once

#include <QUndoCommand>

#include <string>

#include "model/ComponentEdit.h"

namespace headroom::ui {

class ScenarioDocument;

/// Changes one of the scenario's own settings (name, run settings, SLOs, links…); edits of the
/// same setting in a row merge.
class EditSettingsCommand final : public QUndoCommand {
public:
    EditSettingsCommand(ScenarioDocument& document, model::ScenarioSettings before, model::ScenarioSettings after, std::string setting);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* next) override;

private:
    ScenarioDocument& m_document;
    model::ScenarioSettings m_before;
    model::ScenarioSettings m_after;
    std::string m_setting;
};

}  // namespace headroom::ui
