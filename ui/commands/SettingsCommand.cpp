// SPDX-License-Identifier: MIT
#include "ui/commands/SettingsCommand.h"

#include <QObject>

#include "ui/ScenarioDocument.h"
#include "ui/commands/CommandId.h"

namespace headroom::ui {

EditSettingsCommand::EditSettingsCommand(ScenarioDocument& document, model::ScenarioSettings before, model::ScenarioSettings after, std::string setting)
    : m_document(document), m_before(std::move(before)), m_after(std::move(after)), m_setting(std::move(setting)) {
    setText(QObject::tr("Change the scenario's %1").arg(QString::fromStdString(m_setting).replace('_', ' ').replace('.', ' ')));
}

void EditSettingsCommand::redo() { m_document.setSettings(m_after); }
void EditSettingsCommand::undo() { m_document.setSettings(m_before); }
int EditSettingsCommand::id() const { return CommandId::EditSettings; }

bool EditSettingsCommand::mergeWith(const QUndoCommand* next) {
    const auto* other = static_cast<const EditSettingsCommand*>(next);
    if (other->m_setting != m_setting) return false;
    m_after = other->m_after;
    return true;
}

}  // namespace headroom::ui
