// SPDX-License-Identifier: MIT
#pragma once

#include <QUndoCommand>

#include <optional>
#include <string>

#include "model/Estimate.h"

namespace headroom::ui {

class ScenarioDocument;

/// Changes one field of the `estimate` block; edits of the same field in a row merge.
class EditEstimateCommand final : public QUndoCommand {
public:
    EditEstimateCommand(ScenarioDocument& document, std::optional<model::EstimateInput> before, std::optional<model::EstimateInput> after, std::string field);
    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* next) override;

private:
    ScenarioDocument& m_document;
    std::optional<model::EstimateInput> m_before;
    std::optional<model::EstimateInput> m_after;
    std::string m_field;
};

}  // namespace headroom::ui
