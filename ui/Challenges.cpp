// SPDX-License-Identifier: MIT
#include "ui/Challenges.h"

#include <QCoreApplication>

#include <algorithm>

#include "model/ScenarioFile.h"

namespace headroom::ui {

std::vector<ChallengeEntry> challenges() {
    std::vector<ChallengeEntry> found;
    for (const auto& folder : model::challengeFolders(QCoreApplication::applicationDirPath().toStdString(), HEADROOM_SOURCE_CHALLENGES)) {
        for (const auto& file : model::challengeFiles(folder)) {
            const auto text = model::readTextFile(file);
            if (!text) continue;
            auto loaded = model::loadChallengeText(*text);
            if (!loaded.challenge) continue;
            found.push_back({QString::fromStdString(model::challengeName(file)), QString::fromStdString(file.string()), std::move(*loaded.challenge)});
        }
        if (!found.empty()) break;
    }
    std::stable_sort(found.begin(), found.end(), [](const ChallengeEntry& a, const ChallengeEntry& b) {
        return a.challenge.difficulty != b.challenge.difficulty ? a.challenge.difficulty < b.challenge.difficulty : a.name < b.name;
    });
    return found;
}

}  // namespace headroom::ui
