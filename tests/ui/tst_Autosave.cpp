// SPDX-License-Identifier: MIT
// Unsaved changes survive a crash: kept in a recovery folder while unsaved, found by the next
// session (never another running one's), restored as unsaved changes to the same file.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "model/ScenarioFile.h"
#include "ui/Autosave.h"
#include "ui/ScenarioDocument.h"

using namespace headroom;

namespace {

const QString kExample = HEADROOM_SOURCE_DIR "/scenarios/read-heavy-api.headroom.json";

/// Pretends that the copy was written by process `pid`.
void claimedBy(const QString& copy, qint64 pid) {
    QFile info(copy + ".info");
    QVERIFY(info.open(QIODevice::ReadOnly));
    QJsonObject object = QJsonDocument::fromJson(info.readAll()).object();
    info.close();
    object["pid"] = pid;
    QVERIFY(info.open(QIODevice::WriteOnly | QIODevice::Truncate));
    info.write(QJsonDocument(object).toJson());
}

/// The pid of a process that has ended.
qint64 deadPid() {
    QProcess process;
    process.start("true");
    process.waitForFinished();
    return process.processId() ? process.processId() : 999'999;
}

}  // namespace

class AutosaveTest : public QObject {
    Q_OBJECT

private slots:
    void unsavedChangesAreKeptAndRemovedOnSave() {
        QTemporaryDir dir;
        ui::ScenarioDocument document;
        QVERIFY(document.open(kExample).problems.empty());
        ui::Autosave autosave(document, dir.filePath("recovery"), 60'000);
        autosave.saveNow();
        QVERIFY(!QFile::exists(autosave.copyPath()));  // nothing unsaved yet
        document.setPosition("api", {999, 999});
        document.undoStack().push(new QUndoCommand("edit"));  // the document now has unsaved changes
        autosave.saveNow();
        QVERIFY(QFile::exists(autosave.copyPath()));
        const auto kept = model::loadScenarioText(*model::readTextFile(autosave.copyPath().toStdString()));
        QVERIFY(kept.scenario);
        QCOMPARE(kept.scenario->layout.at("api").x, 999.0);
        QVERIFY(document.save(dir.filePath("saved.headroom.json")) == std::nullopt);
        QVERIFY(!QFile::exists(autosave.copyPath()));
    }

    void aCrashedSessionsCopyIsOfferedAndRestored() {
        QTemporaryDir dir;
        const QString folder = dir.filePath("recovery");
        QString copy;
        {
            ui::ScenarioDocument crashed;
            QVERIFY(crashed.open(kExample).problems.empty());
            ui::Autosave autosave(crashed, folder, 60'000);
            crashed.setPosition("api", {123, 456});
            crashed.undoStack().push(new QUndoCommand("edit"));
            autosave.saveNow();
            copy = autosave.copyPath();
            // The session "crashes": its copy stays behind.
        }
        QVERIFY(QFile::exists(copy));
        // Written by a process that is still running (pid 1 always is): not offered.
        claimedBy(copy, 1);
        QVERIFY(ui::Autosave::pending(folder).empty());
        // By one that has ended: offered, with the file it belongs to.
        claimedBy(copy, deadPid());
        const auto pending = ui::Autosave::pending(folder);
        QCOMPARE(pending.size(), std::size_t(1));
        QCOMPARE(pending.front().originalPath, kExample);

        ui::ScenarioDocument restored;
        QVERIFY(restored.openRecovered(pending.front().recoveryFile, pending.front().originalPath).problems.empty());
        QCOMPARE(restored.filePath(), kExample);
        QVERIFY(restored.isModified());
        QCOMPARE(restored.position("api")->x, 123.0);
        ui::Autosave::discard(pending.front());
        QVERIFY(ui::Autosave::pending(folder).empty());
    }

    void aCopyRestoredFromAnotherFolderSavesToTheOriginal() {
        // Issue 14, defect 1: the file was opened by a relative path, the session crashed, and
        // the copy was restored from another working folder; saving must reach the original,
        // not a new file of the same name in the new folder.
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("work")) && QDir().mkpath(dir.filePath("elsewhere")));
        const QString original = dir.filePath("work/design.headroom.json");
        QVERIFY(QFile::copy(kExample, original));
        const QString before = QDir::currentPath();
        const QString folder = dir.filePath("recovery");
        QString copy;
        QVERIFY(QDir::setCurrent(dir.filePath("work")));
        {
            ui::ScenarioDocument crashed;
            QVERIFY(crashed.open("design.headroom.json").problems.empty());
            QCOMPARE(crashed.filePath(), original);
            ui::Autosave autosave(crashed, folder, 60'000);
            crashed.setPosition("api", {321, 654});
            crashed.undoStack().push(new QUndoCommand("edit"));
            autosave.saveNow();
            copy = autosave.copyPath();
        }
        claimedBy(copy, deadPid());
        QVERIFY(QDir::setCurrent(dir.filePath("elsewhere")));
        const auto pending = ui::Autosave::pending(folder);
        QCOMPARE(pending.size(), std::size_t(1));
        QCOMPARE(pending.front().originalPath, original);
        ui::ScenarioDocument restored;
        QVERIFY(restored.openRecovered(pending.front().recoveryFile, pending.front().originalPath).problems.empty());
        QVERIFY(restored.save(restored.filePath()) == std::nullopt);
        QVERIFY(QDir::setCurrent(before));
        QVERIFY(!QFile::exists(dir.filePath("elsewhere/design.headroom.json")));
        const auto saved = model::loadScenarioText(*model::readTextFile(original.toStdString()));
        QVERIFY(saved.scenario);
        QCOMPARE(saved.scenario->layout.at("api").x, 321.0);
    }
};

QTEST_MAIN(AutosaveTest)
#include "tst_Autosave.moc"
