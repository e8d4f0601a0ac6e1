// SPDX-License-Identifier: MIT
#include "ui/commands/EstimateCommand.h"

#include <QObject>

#include "ui/ScenarioDocument.h"
#include "ui/commands/CommandId.h"

namespace headroom::ui {

EditEstimateCommand::EditEstimateCommand(ScenarioDocument& document, std::optional<model::EstimateInput> before,
                                         std::optional<model::EstimateInput> after, std::string field)
    : m_document(document), m_before(std::move(before)), m_after(std::move(after)), m_field(std::move(field)) {
    setText(QObject::tr("Change %1").arg(QString::fromStdString(m_field).replace('_', ' ')));
}

void EditEstimateCommand::redo() { m_document.setEstimate(m_after); }
void EditEstimateCommand::undo() { m_document.setEstimate(m_before); }
int EditEstimateCommand::id() const { return CommandId::EditEstimate; }

bool EditEstimateCommand::mergeWith(const QUndoCommand* next) {
    const auto* other = static_cast<const EditEstimateCommand*>(next);
    if (other->m_field != m_field) return false;
    m_after = other->m_after;
    return true;
}

}  // namespace headroom::ui
