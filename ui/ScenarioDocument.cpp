// SPDX-License-Identifier: MIT
#include "ui/ScenarioDocument.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <algorithm>

#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"

namespace headroom::ui {
namespace {

QString q(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

QByteArray digestOf(std::string_view text) {
    return QCryptographicHash::hash(QByteArrayView(text.data(), static_cast<qsizetype>(text.size())), QCryptographicHash::Sha256);
}

}  // namespace

ScenarioDocument::ScenarioDocument(QObject* parent) : QObject(parent) {
    connect(&m_undoStack, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        // A program that saves by renaming (git, this one) ends the watch on the old file.
        if (!m_filePath.isEmpty() && !m_watcher.files().contains(m_filePath)) m_watcher.addPath(m_filePath);
        if (changedOnDisk()) emit fileChangedOnDisk();
    });
    clear();
}

namespace {

/// The document's file by its absolute path: a relative one would mean another file once the
/// working folder changes (a recovery copy restored from elsewhere wrote its edits there).
QString absolute(const QString& path) { return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath(); }

}  // namespace

void ScenarioDocument::clear() {
    m_scenario = model::Scenario{};
    m_scenario.name = "Untitled";
    m_filePath.clear();
    rememberDiskText({});
    m_undoStack.clear();
    emit documentReset();
}

void ScenarioDocument::startFrom(model::Scenario scenario) {
    m_scenario = std::move(scenario);
    m_filePath.clear();
    rememberDiskText({});
    m_undoStack.clear();
    emit documentReset();
}

ScenarioDocument::Opened ScenarioDocument::open(const QString& path) { return load(path, true); }

ScenarioDocument::Opened ScenarioDocument::openAsNew(const QString& path) { return load(path, false); }

ScenarioDocument::Opened ScenarioDocument::load(const QString& path, bool keepPath) {
    const auto text = model::readTextFile(path.toStdString());
    if (!text) return {false, {{"", text.error()}}};
    model::Loaded loaded = model::loadScenarioText(*text);
    std::optional<model::Scenario>& read = loaded.scenario ? loaded.scenario : loaded.draft;
    if (!read) return {false, std::move(loaded.problems)};
    m_scenario = std::move(*read);
    // Untitled, Save asks where: an example opened as new stays as it is.
    m_filePath = keepPath ? absolute(path) : QString();
    rememberDiskText(keepPath ? std::string_view(*text) : std::string_view());
    m_undoStack.clear();
    emit documentReset();
    return {true, std::move(loaded.problems)};  // a draft's errors, or warnings
}

ScenarioDocument::Opened ScenarioDocument::openRecovered(const QString& recoveryPath, const QString& originalPath) {
    Opened recovered = open(recoveryPath);
    if (!recovered.opened) return recovered;
    m_filePath = absolute(originalPath);
    // The edits are kept against the original as it is now: saving replaces it without asking.
    rememberDiskText(model::readTextFile(m_filePath.toStdString()).value_or(std::string()));
    m_undoStack.resetClean();  // unsaved until the user saves it
    emit modifiedChanged(true);
    emit documentReset();
    return recovered;
}

std::optional<QString> ScenarioDocument::save(const QString& path) {
    const std::string text = model::toText(m_scenario);
    if (auto error = model::writeScenarioFile(path.toStdString(), text)) return QString::fromStdString(*error);
    m_filePath = absolute(path);
    rememberDiskText(text);
    m_undoStack.setClean();
    return std::nullopt;
}

bool ScenarioDocument::changedOnDisk() const {
    if (m_filePath.isEmpty()) return false;
    const auto text = model::readTextFile(m_filePath.toStdString());
    return text && digestOf(*text) != m_diskDigest;
}

void ScenarioDocument::rememberDiskText(std::string_view text) {
    m_diskDigest = m_filePath.isEmpty() ? QByteArray() : digestOf(text);
    if (!m_watcher.files().isEmpty()) m_watcher.removePaths(m_watcher.files());
    if (!m_filePath.isEmpty()) m_watcher.addPath(m_filePath);
}

void ScenarioDocument::setEstimate(std::optional<model::EstimateInput> estimate) {
    if (m_scenario.estimate == estimate) return;
    m_scenario.estimate = std::move(estimate);
    emit estimateChanged();
}

void ScenarioDocument::setSettings(const model::ScenarioSettings& settings) {
    if (model::settingsOf(m_scenario) == settings) return;
    model::applySettings(m_scenario, settings);
    emit settingsChanged();
}

std::optional<std::size_t> ScenarioDocument::indexOf(std::string_view id) const {
    for (std::size_t i = 0; i < m_scenario.components.size(); ++i)
        if (m_scenario.components[i].id == id) return i;
    return std::nullopt;
}

const model::Component* ScenarioDocument::component(std::string_view id) const {
    const auto index = indexOf(id);
    return index ? &m_scenario.components[*index] : nullptr;
}

std::optional<model::Position> ScenarioDocument::position(std::string_view id) const {
    const auto it = m_scenario.layout.find(std::string(id));
    return it == m_scenario.layout.end() ? std::nullopt : std::optional(it->second);
}

std::string ScenarioDocument::uniqueId(std::string_view base) const {
    std::string id(base);
    for (int n = 2; indexOf(id); ++n) id = std::string(base) + std::to_string(n);
    return id;
}

void ScenarioDocument::insertComponent(std::size_t index, model::Component component, std::optional<model::Position> position) {
    const std::string id = component.id;
    index = std::min(index, m_scenario.components.size());
    m_scenario.components.insert(m_scenario.components.begin() + static_cast<std::ptrdiff_t>(index), std::move(component));
    if (position) m_scenario.layout[id] = *position;
    emit componentAdded(q(id));
}

RemovedComponent ScenarioDocument::removeComponent(std::string_view id) {
    RemovedComponent removed;
    const auto index = indexOf(id);
    if (!index) return removed;
    removed.index = *index;
    removed.component = m_scenario.components[*index];
    removed.position = position(id);
    m_scenario.components.erase(m_scenario.components.begin() + static_cast<std::ptrdiff_t>(*index));
    m_scenario.layout.erase(std::string(id));
    // Calls to it, from the last to the first, so that restoring in reverse puts each back in place.
    for (std::size_t c = 0; c < m_scenario.components.size(); ++c) {
        auto& calls = m_scenario.components[c].calls;
        for (std::size_t k = calls.size(); k-- > 0;) {
            if (calls[k].to != id) continue;
            removed.incomingCalls.push_back({c, k, calls[k]});
            calls.erase(calls.begin() + static_cast<std::ptrdiff_t>(k));
        }
        auto& consumers = m_scenario.components[c].consumers;
        if (consumers && consumers->component == id) {
            removed.consumers.push_back({c, *consumers});
            consumers.reset();
        }
    }
    for (std::size_t l = m_scenario.links.size(); l-- > 0;) {
        if (m_scenario.links[l].from != id && m_scenario.links[l].to != id) continue;
        removed.links.push_back({l, m_scenario.links[l]});
        m_scenario.links.erase(m_scenario.links.begin() + static_cast<std::ptrdiff_t>(l));
    }
    emit componentRemoved(q(id));
    // The callers lost their calls to it.
    for (const auto& ref : removed.incomingCalls) emit componentChanged(q(m_scenario.components[ref.component].id));
    return removed;
}

void ScenarioDocument::restoreComponent(const RemovedComponent& removed) {
    // Undo the removal step by step in reverse: links, consumers and calls, then the component.
    for (auto it = removed.links.rbegin(); it != removed.links.rend(); ++it)
        m_scenario.links.insert(m_scenario.links.begin() + static_cast<std::ptrdiff_t>(it->first), it->second);
    for (const auto& [component, consumers] : removed.consumers) m_scenario.components[component].consumers = consumers;
    for (auto it = removed.incomingCalls.rbegin(); it != removed.incomingCalls.rend(); ++it) {
        auto& calls = m_scenario.components[it->component].calls;
        calls.insert(calls.begin() + static_cast<std::ptrdiff_t>(it->call), it->value);
    }
    // The callers' indices were taken after the removal: shift nothing until the component is back.
    insertComponent(removed.index, removed.component, removed.position);
    for (const auto& ref : removed.incomingCalls) {
        const std::size_t caller = ref.component >= removed.index ? ref.component + 1 : ref.component;
        emit componentChanged(q(m_scenario.components[caller].id));
    }
}

void ScenarioDocument::replaceComponent(std::string_view id, model::Component component) {
    const auto index = indexOf(id);
    if (!index || m_scenario.components[*index] == component) return;
    m_scenario.components[*index] = std::move(component);
    emit componentChanged(q(id));
}

void ScenarioDocument::setPosition(std::string_view id, model::Position position) {
    if (!indexOf(id)) return;
    auto& slot = m_scenario.layout[std::string(id)];
    if (slot == position) return;
    slot = position;
    emit componentMoved(q(id));
}

void ScenarioDocument::renameComponent(std::string_view from, std::string_view to) {
    const auto index = indexOf(from);
    if (!index || from == to || indexOf(to)) return;
    const std::string oldId(from);
    const std::string newId(to);
    m_scenario.components[*index].id = newId;
    for (auto& component : m_scenario.components) {
        for (auto& call : component.calls)
            if (call.to == oldId) call.to = newId;
        if (component.consumers && component.consumers->component == oldId) component.consumers->component = newId;
    }
    for (auto& link : m_scenario.links) {
        if (link.from == oldId) link.from = newId;
        if (link.to == oldId) link.to = newId;
    }
    for (auto& event : m_scenario.events)
        for (auto* reference : {&event.component, &event.from, &event.to})
            if (*reference == oldId) *reference = newId;
    if (const auto it = m_scenario.layout.find(oldId); it != m_scenario.layout.end()) {
        const model::Position position = it->second;
        m_scenario.layout.erase(it);
        m_scenario.layout[newId] = position;
    }
    emit componentRenamed(q(oldId), q(newId));
}

}  // namespace headroom::ui
