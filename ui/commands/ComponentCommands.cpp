// SPDX-License-Identifier: MIT
#include "ui/commands/ComponentCommands.h"

namespace headroom::ui {
namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

AddComponentCommand::AddComponentCommand(ScenarioDocument& document, model::Component component, model::Position position)
    : m_document(document), m_component(std::move(component)), m_position(position), m_index(document.scenario().components.size()) {
    setText(QObject::tr("Add %1").arg(q(m_component.id)));
}

void AddComponentCommand::redo() { m_document.insertComponent(m_index, m_component, m_position); }
void AddComponentCommand::undo() { (void)m_document.removeComponent(m_component.id); }

RemoveComponentCommand::RemoveComponentCommand(ScenarioDocument& document, std::string id) : m_document(document), m_id(std::move(id)) {
    setText(QObject::tr("Delete %1").arg(q(m_id)));
}

void RemoveComponentCommand::redo() { m_removed = m_document.removeComponent(m_id); }
void RemoveComponentCommand::undo() { m_document.restoreComponent(m_removed); }

MoveComponentCommand::MoveComponentCommand(ScenarioDocument& document, std::string id, model::Position from, model::Position to)
    : m_document(document), m_id(std::move(id)), m_from(from), m_to(to) {
    setText(QObject::tr("Move %1").arg(q(m_id)));
}

void MoveComponentCommand::redo() { m_document.setPosition(m_id, m_to); }
void MoveComponentCommand::undo() { m_document.setPosition(m_id, m_from); }

bool MoveComponentCommand::mergeWith(const QUndoCommand* next) {
    const auto* move = static_cast<const MoveComponentCommand*>(next);
    if (move->m_id != m_id) return false;
    m_to = move->m_to;
    return true;
}

EditComponentCommand::EditComponentCommand(ScenarioDocument& document, model::Component before, model::Component after, std::string field)
    : m_document(document), m_before(std::move(before)), m_after(std::move(after)), m_field(std::move(field)) {
    setText(QObject::tr("Change %1 of %2").arg(q(m_field), q(m_after.id)));
}

void EditComponentCommand::redo() { m_document.replaceComponent(m_before.id, m_after); }
void EditComponentCommand::undo() { m_document.replaceComponent(m_before.id, m_before); }

bool EditComponentCommand::mergeWith(const QUndoCommand* next) {
    const auto* edit = static_cast<const EditComponentCommand*>(next);
    if (edit->m_before.id != m_before.id || edit->m_field != m_field || m_field.empty()) return false;
    m_after = edit->m_after;
    return true;
}

RenameComponentCommand::RenameComponentCommand(ScenarioDocument& document, std::string from, std::string to)
    : m_document(document), m_from(std::move(from)), m_to(std::move(to)) {
    setText(QObject::tr("Rename %1 to %2").arg(q(m_from), q(m_to)));
}

void RenameComponentCommand::redo() { m_document.renameComponent(m_from, m_to); }
void RenameComponentCommand::undo() { m_document.renameComponent(m_to, m_from); }

}  // namespace headroom::ui
