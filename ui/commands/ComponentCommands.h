// SPDX-License-Identifier: MIT
#pragma once

#include <QUndoCommand>

#include <string>

#include "ui/ScenarioDocument.h"
#include "ui/commands/CommandId.h"

/// The undo commands that change the diagram. Each holds ids and values, never items or
/// pointers into the scenario, and changes the document only through its mutators.
namespace headroom::ui {

class AddComponentCommand final : public QUndoCommand {
public:
    AddComponentCommand(ScenarioDocument& document, model::Component component, model::Position position);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument& m_document;
    model::Component m_component;
    model::Position m_position;
    std::size_t m_index = 0;
};

class RemoveComponentCommand final : public QUndoCommand {
public:
    RemoveComponentCommand(ScenarioDocument& document, std::string id);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument& m_document;
    std::string m_id;
    RemovedComponent m_removed;
};

/// Moves merge while the component is dragged: one undo step from where it started.
class MoveComponentCommand final : public QUndoCommand {
public:
    MoveComponentCommand(ScenarioDocument& document, std::string id, model::Position from, model::Position to);
    void redo() override;
    void undo() override;
    int id() const override { return CommandId::MoveComponent; }
    bool mergeWith(const QUndoCommand* next) override;

private:
    ScenarioDocument& m_document;
    std::string m_id;
    model::Position m_from;
    model::Position m_to;
};

/// Replaces a component's fields. Successive edits of the same `field` of the same component
/// (a value dragged in the inspector) merge; edits of different fields do not.
class EditComponentCommand final : public QUndoCommand {
public:
    EditComponentCommand(ScenarioDocument& document, model::Component before, model::Component after, std::string field);
    void redo() override;
    void undo() override;
    int id() const override { return CommandId::EditComponent; }
    bool mergeWith(const QUndoCommand* next) override;

private:
    ScenarioDocument& m_document;
    model::Component m_before;
    model::Component m_after;
    std::string m_field;
};

class RenameComponentCommand final : public QUndoCommand {
public:
    RenameComponentCommand(ScenarioDocument& document, std::string from, std::string to);
    void redo() override;
    void undo() override;

private:
    ScenarioDocument& m_document;
    std::string m_from;
    std::string m_to;
};

}  // namespace headroom::ui
