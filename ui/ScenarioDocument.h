// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QObject>
#include <QString>
#include <QUndoStack>

#include <optional>
#include <string>
#include <vector>

#include "model/Problem.h"
#include "model/ComponentEdit.h"
#include "model/Scenario.h"

namespace headroom::ui {

/// Everything that pointed at a removed component, so that undo can put it all back.
struct RemovedComponent {
    std::size_t index = 0;
    model::Component component;
    std::optional<model::Position> position;
    struct CallRef {
        std::size_t component = 0;  ///< index of the caller, after the removal
        std::size_t call = 0;       ///< index of the call in its list
        model::Call value;
    };
    std::vector<CallRef> incomingCalls;                           ///< in the order they were taken out
    std::vector<std::pair<std::size_t, model::Link>> links;       ///< (index in links, link)
    std::vector<std::pair<std::size_t, model::QueueConsumers>> consumers;  ///< queues it consumed from
};

/// The open scenario: the one truth the editor's items read from. Every change goes through an
/// undo command, which calls the mutators below; each mutator emits one signal naming the
/// component it changed, and returns early when nothing changes.
class ScenarioDocument : public QObject {
    Q_OBJECT
public:
    explicit ScenarioDocument(QObject* parent = nullptr);

    [[nodiscard]] const model::Scenario& scenario() const { return m_scenario; }
    [[nodiscard]] QUndoStack& undoStack() { return m_undoStack; }
    [[nodiscard]] const QString& filePath() const { return m_filePath; }
    /// Whether there are edits since the last open or save.
    [[nodiscard]] bool isModified() const { return !m_undoStack.isClean(); }

    /// What opening a file did. A draft (every value readable, the diagram whole, but values
    /// missing or wrong, as a scenario saved half-made has) opens with its problems; anything
    /// else with an error leaves the document as it was (never half a scenario).
    struct Opened {
        bool opened = false;
        model::Problems problems;  ///< a draft's errors, warnings, or why it was not opened
    };
    /// Opens a file; a file that cannot be read gives one problem with path "".
    [[nodiscard]] Opened open(const QString& path);
    /// A copy of the scenario in `path`, untitled: a new scenario that starts from an example.
    [[nodiscard]] Opened openAsNew(const QString& path);
    /// Opens what a recovery file kept of `originalPath` (empty: an untitled scenario): the
    /// document then belongs to that path and has unsaved changes.
    [[nodiscard]] Opened openRecovered(const QString& recoveryPath, const QString& originalPath);
    /// Starts an empty, untitled scenario.
    void clear();
    /// Starts an untitled scenario that is a copy of `scenario` (a challenge's starter).
    void startFrom(model::Scenario scenario);
    /// Writes the scenario atomically; returns why it failed, if it did.
    [[nodiscard]] std::optional<QString> save(const QString& path);
    /// Whether another program changed the file since this document last read or wrote it (a
    /// teammate's `git pull`): it exists and holds other bytes than then. Saving over it would
    /// lose their change, so the window asks first.
    [[nodiscard]] bool changedOnDisk() const;

    [[nodiscard]] const model::Component* component(std::string_view id) const;
    [[nodiscard]] std::optional<model::Position> position(std::string_view id) const;
    /// `base`, or `base2`, `base3`, … : the first id no component has.
    [[nodiscard]] std::string uniqueId(std::string_view base) const;

    // Mutators, for undo commands.
    void insertComponent(std::size_t index, model::Component component, std::optional<model::Position> position);
    RemovedComponent removeComponent(std::string_view id);
    void restoreComponent(const RemovedComponent& removed);
    void replaceComponent(std::string_view id, model::Component component);
    void setPosition(std::string_view id, model::Position position);
    /// Renames a component and every reference to it (calls, links, consumers, layout).
    void renameComponent(std::string_view from, std::string_view to);
    /// Replaces the `estimate` block (absent: none).
    void setEstimate(std::optional<model::EstimateInput> estimate);
    /// Replaces the scenario's own settings (name, description, links, SLOs, run, defaults).
    void setSettings(const model::ScenarioSettings& settings);

signals:
    void componentAdded(const QString& id);
    void componentRemoved(const QString& id);
    void componentChanged(const QString& id);
    void componentMoved(const QString& id);
    void componentRenamed(const QString& from, const QString& to);
    /// The whole scenario was replaced (open, clear).
    void documentReset();
    void estimateChanged();
    void settingsChanged();
    void modifiedChanged(bool modified);
    /// The file was written by another program (see changedOnDisk).
    void fileChangedOnDisk();

private:
    std::optional<std::size_t> indexOf(std::string_view id) const;
    /// Records what the file holds now (or held when written) and watches it from then on.
    void rememberDiskText(std::string_view text);
    /// Reads `path` into the document; it then belongs to that path, or (keepPath false) to none.
    [[nodiscard]] Opened load(const QString& path, bool keepPath);

    model::Scenario m_scenario;
    QUndoStack m_undoStack;
    QString m_filePath;
    QByteArray m_diskDigest;  ///< SHA-256 of the file's bytes when last read or written; empty: none
    QFileSystemWatcher m_watcher;
};

}  // namespace headroom::ui
