// SPDX-License-Identifier: MIT
#include "ui/ComponentClipboard.h"

#include <QUndoStack>
#include <map>

#include "model/ScenarioReader.h"
#include "model/ScenarioWriter.h"
#include "ui/ScenarioDocument.h"
#include "ui/commands/ComponentCommands.h"

namespace headroom::ui {

QByteArray copyComponents(const model::Scenario& scenario, const std::vector<std::string>& ids) {
    model::Scenario fragment;
    fragment.name = "clipboard";
    for (const auto& component : scenario.components) {
        if (std::find(ids.begin(), ids.end(), component.id) == ids.end()) continue;
        fragment.components.push_back(component);
        if (const auto position = scenario.layout.find(component.id); position != scenario.layout.end())
            fragment.layout.emplace(component.id, position->second);
    }
    return QByteArray::fromStdString(model::toText(fragment));
}

QStringList pasteComponents(ScenarioDocument& document, const QByteArray& fragment, model::Position offset) {
    const model::Json json = model::Json::parse(fragment.toStdString(), nullptr, false);
    if (json.is_discarded() || !json.is_object() || !json.contains("components")) return {};
    const model::ReadResult read = model::readScenario(json);
    if (read.scenario.components.empty()) return {};
    // New ids first, so that calls between pasted components can follow them.
    std::map<std::string, std::string> renamed;
    std::vector<std::string> taken;
    for (const auto& component : read.scenario.components) {
        std::string id = document.uniqueId(component.id);
        while (std::find(taken.begin(), taken.end(), id) != taken.end()) id = document.uniqueId(id + "_copy");
        taken.push_back(id);
        renamed.emplace(component.id, id);
    }
    QStringList added;
    QUndoStack& stack = document.undoStack();
    stack.beginMacro(QObject::tr("Paste %n component(s)", "", int(read.scenario.components.size())));
    for (model::Component component : read.scenario.components) {
        const auto at = read.scenario.layout.find(component.id);
        const model::Position position = at == read.scenario.layout.end() ? offset : model::Position{at->second.x + offset.x, at->second.y + offset.y};
        component.id = renamed.at(component.id);
        for (auto& call : component.calls)
            if (const auto to = renamed.find(call.to); to != renamed.end()) call.to = to->second;
        if (component.consumers)
            if (const auto to = renamed.find(component.consumers->component); to != renamed.end()) component.consumers->component = to->second;
        added << QString::fromStdString(component.id);
        stack.push(new AddComponentCommand(document, std::move(component), position));
    }
    stack.endMacro();
    return added;
}

}  // namespace headroom::ui
