// SPDX-License-Identifier: MIT
#include "ui/Examples.h"

#include <QCoreApplication>
#include <QDir>

#include <algorithm>

#include "model/ScenarioFile.h"

namespace headroom::ui {

std::vector<Example> examples() {
    const QStringList folders{QCoreApplication::applicationDirPath() + "/../share/headroom/scenarios", QStringLiteral(HEADROOM_SOURCE_EXAMPLES)};
    std::vector<Example> found;
    for (const QString& folder : folders) {
        const QDir dir(folder);
        if (!dir.exists()) continue;
        for (const QString& file : dir.entryList({"*.headroom.json"}, QDir::Files, QDir::Name)) {
            const QString path = dir.absoluteFilePath(file);
            const auto text = model::readTextFile(path.toStdString());
            if (!text) continue;
            const model::Loaded loaded = model::loadScenarioText(*text);
            if (!loaded.scenario) continue;
            found.push_back({QString::fromStdString(loaded.scenario->name), QString::fromStdString(loaded.scenario->description.value_or("")), path});
        }
        if (!found.empty()) break;
    }
    std::sort(found.begin(), found.end(), [](const Example& a, const Example& b) { return a.title.localeAwareCompare(b.title) < 0; });
    return found;
}

}  // namespace headroom::ui
