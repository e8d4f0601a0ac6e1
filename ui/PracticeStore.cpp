// SPDX-License-Identifier: MIT
#include "ui/PracticeStore.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <algorithm>

#include "model/FileWriter.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"

namespace headroom::ui {
namespace {

constexpr const char* kStamp = "yyyyMMdd-HHmmss-zzz";  ///< sorts as time does

}  // namespace

PracticeStore::PracticeStore(QString folder) : m_folder(std::move(folder)) {}

QString PracticeStore::defaultFolder() { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/practice"; }

std::optional<Attempt> PracticeStore::record(const QString& challenge, const model::Scenario& design, const model::ChallengeScore& score, QString& error) {
    const QDir folder(m_folder + "/" + challenge);
    if (!folder.mkpath(".")) {
        error = QObject::tr("cannot create %1").arg(folder.path());
        return std::nullopt;
    }
    Attempt attempt{QDateTime::currentDateTimeUtc(), {}, score.total, score.design.passed, QString::fromStdString(score.summary)};
    const QString stem = folder.filePath(attempt.when.toString(kStamp));
    attempt.designPath = stem + ".headroom.json";
    if (const auto failure = model::writeScenarioFile(attempt.designPath.toStdString(), model::toText(design))) {
        error = QString::fromStdString(*failure);
        return std::nullopt;
    }
    const std::string scoreText = model::toJson(score).dump(2) + "\n";
    if (const auto failure = model::writeFileAtomically((stem + ".score.json").toStdString(), scoreText)) {
        error = QString::fromStdString(*failure);
        return std::nullopt;
    }
    return attempt;
}

std::vector<Attempt> PracticeStore::attempts(const QString& challenge) const {
    std::vector<Attempt> found;
    const QDir folder(m_folder + "/" + challenge);
    for (const QString& file : folder.entryList({"*.score.json"}, QDir::Files, QDir::Name | QDir::Reversed)) {
        const auto text = model::readTextFile(folder.filePath(file).toStdString());
        if (!text) continue;
        const model::Json json = model::Json::parse(*text, nullptr, false);
        if (!json.is_object()) continue;
        const QString stem = file.chopped(QStringLiteral(".score.json").size());
        Attempt attempt;
        attempt.when = QDateTime::fromString(stem, kStamp);
        attempt.when.setTimeSpec(Qt::UTC);
        attempt.designPath = folder.filePath(stem + ".headroom.json");
        attempt.score = json.value("score", 0.0);
        attempt.passed = json.value("passed", false);
        attempt.summary = QString::fromStdString(json.value("summary", std::string()));
        if (attempt.when.isValid() && QFile::exists(attempt.designPath)) found.push_back(std::move(attempt));
    }
    return found;
}

bool PracticeStore::passed(const QString& challenge) const {
    const auto all = attempts(challenge);
    return std::any_of(all.begin(), all.end(), [](const Attempt& a) { return a.passed; });
}

}  // namespace headroom::ui
