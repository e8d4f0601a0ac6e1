// SPDX-License-Identifier: MIT
#include "ui/Autosave.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <csignal>
#include <unistd.h>

#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"
#include "ui/ScenarioDocument.h"

namespace headroom::ui {
namespace {

/// Beside each copy, where it came from and which process wrote it.
QString infoPathOf(const QString& copy) { return copy + ".info"; }

bool processAlive(qint64 pid) { return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM); }

}  // namespace

Autosave::Autosave(ScenarioDocument& document, QString directory, int intervalMs, QObject* parent)
    : QObject(parent), m_document(document), m_directory(std::move(directory)) {
    QDir().mkpath(m_directory);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    m_timer.start();
    // Saved (or reverted to the saved state): nothing left to recover.
    connect(&m_document, &ScenarioDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified) removeCopy();
    });
}

Autosave::~Autosave() = default;

QString Autosave::defaultDirectory() { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/recovery"; }

QString Autosave::copyPath() const { return QDir(m_directory).filePath(QString("session-%1.headroom.json").arg(QCoreApplication::applicationPid())); }

void Autosave::saveNow() {
    if (!m_document.isModified()) return;
    const QString copy = copyPath();
    if (model::writeFileAtomically(copy.toStdString(), model::toText(m_document.scenario()))) return;  // best effort; the user's file is untouched
    const QJsonObject info{{"original", m_document.filePath()}, {"pid", QCoreApplication::applicationPid()},
                           {"saved_at", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    (void)model::writeFileAtomically(infoPathOf(copy).toStdString(), QJsonDocument(info).toJson().toStdString());
}

void Autosave::removeCopy() {
    QFile::remove(copyPath());
    QFile::remove(infoPathOf(copyPath()));
}

std::vector<Autosave::Recovery> Autosave::pending(const QString& directory) {
    std::vector<Recovery> found;
    const QDir dir(directory);
    for (const QString& name : dir.entryList({"session-*.headroom.json"}, QDir::Files, QDir::Time)) {
        const QString copy = dir.filePath(name);
        QFile infoFile(infoPathOf(copy));
        if (!infoFile.open(QIODevice::ReadOnly)) continue;
        const QJsonObject info = QJsonDocument::fromJson(infoFile.readAll()).object();
        // Another window still working on it keeps it; a pid equal to ours is a past session's.
        const qint64 pid = info["pid"].toInteger();
        if (pid != QCoreApplication::applicationPid() && processAlive(pid)) continue;
        found.push_back({copy, info["original"].toString(), QDateTime::fromString(info["saved_at"].toString(), Qt::ISODate)});
    }
    return found;
}

void Autosave::discard(const Recovery& recovery) {
    QFile::remove(recovery.recoveryFile);
    QFile::remove(infoPathOf(recovery.recoveryFile));
}

}  // namespace headroom::ui
