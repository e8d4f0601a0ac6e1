// SPDX-License-Identifier: MIT
#include <QSignalSpy>
#include <QtTest>

#include "model/ComponentEdit.h"
#include "model/ScenarioFile.h"
#include "model/ScenarioWriter.h"
#include "ui/ScenarioDocument.h"
#include "model/Validation.h"
#include "ui/commands/ComponentCommands.h"

using namespace headroom;

namespace {

QString example(const char* name) { return QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/") + name; }

}  // namespace

class tst_ScenarioDocument : public QObject {
    Q_OBJECT
private slots:
    void opensAFileUnmodified();
    void aBrokenFileLeavesTheDocumentAsItWas();
    void aDraftSavedHalfMadeReopensWithItsProblems();
    void savingWritesTheCanonicalTextAndMarksClean();
    void removingTakesOutEveryReferenceAndRestoringPutsItBack();
    void renamingFollowsEveryReference();
    void mutatorsThatChangeNothingEmitNothing();
    void uniqueIdsCount();
};

void tst_ScenarioDocument::opensAFileUnmodified() {
    ui::ScenarioDocument document;
    QSignalSpy reset(&document, &ui::ScenarioDocument::documentReset);
    QVERIFY(document.open(example("url-shortener.headroom.json")).problems.empty());
    QCOMPARE(reset.count(), 1);
    QCOMPARE(document.scenario().name, std::string("URL shortener"));
    QVERIFY(!document.isModified());
    QCOMPARE(document.filePath(), example("url-shortener.headroom.json"));
    QCOMPARE(document.position("app")->x, 400.0);
}

void tst_ScenarioDocument::aBrokenFileLeavesTheDocumentAsItWas() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("news-feed.headroom.json")).problems.empty());
    QTemporaryDir dir;
    const QString broken = dir.path() + "/broken.headroom.json";
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "headroom-scenario", "version": 1, "name": "b", "components": [{"id": "x", "kind": "servce"}]})");
    file.close();
    const auto [opened, problems] = document.open(broken);
    QVERIFY(!opened);
    QCOMPARE(problems.size(), std::size_t(1));
    QCOMPARE(problems[0].path, std::string("components[0].kind"));
    QCOMPARE(document.scenario().name, std::string("News feed with fan-out on write"));  // still the old one
    QCOMPARE(document.open(dir.path() + "/missing.json").problems[0].path, std::string(""));
    // A call to a component the file does not have: not a diagram one can draw, so not a draft.
    QFile dangling(dir.path() + "/dangling.headroom.json");
    QVERIFY(dangling.open(QIODevice::WriteOnly));
    dangling.write(R"({"format": "headroom-scenario", "version": 1, "name": "d",
        "components": [{"id": "u", "kind": "client", "rate": "1/s", "calls": [{"to": "nowhere"}]}]})");
    dangling.close();
    QVERIFY(!document.open(dangling.fileName()).opened);
    QCOMPARE(document.scenario().name, std::string("News feed with fan-out on write"));
}

void tst_ScenarioDocument::aDraftSavedHalfMadeReopensWithItsProblems() {
    // Nothing the user made is lost: a scenario saved while a client still has no rate and a
    // service no service time (as boxes are when just added) opened as "has problems; nothing
    // was loaded", and so did its autosaved copy.
    ui::ScenarioDocument document;
    model::Component users = model::startingComponent(model::ComponentKind::Client, "users");
    users.calls.push_back(model::Call{.to = "api"});
    document.undoStack().push(new ui::AddComponentCommand(document, users, {0, 0}));
    document.undoStack().push(new ui::AddComponentCommand(document, model::startingComponent(model::ComponentKind::Service, "api"), {200, 0}));
    QTemporaryDir dir;
    const QString path = dir.path() + "/draft.headroom.json";
    QVERIFY(!document.save(path));

    ui::ScenarioDocument reopened;
    const auto [opened, problems] = reopened.open(path);
    QVERIFY(opened);
    QCOMPARE(reopened.scenario(), document.scenario());
    // Both problems at once, in file order: the client's rate, then the service's time.
    QCOMPARE(problems.size(), std::size_t(2));
    QCOMPARE(problems[0].path, std::string("components[0].rate"));
    QCOMPARE(problems[1].path, std::string("components[1].service_time"));
    QVERIFY(!reopened.isModified());
}

void tst_ScenarioDocument::savingWritesTheCanonicalTextAndMarksClean() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).problems.empty());
    QSignalSpy modified(&document, &ui::ScenarioDocument::modifiedChanged);
    model::Component api = *document.component("api");
    model::Component bigger = api;
    bigger.instances = 8;
    document.undoStack().push(new ui::EditComponentCommand(document, api, bigger, "instances"));
    QVERIFY(document.isModified());
    QTemporaryDir dir;
    const QString path = dir.path() + "/out.headroom.json";
    QVERIFY(!document.save(path));
    QVERIFY(!document.isModified());
    QCOMPARE(modified.count(), 2);  // dirty, then clean
    // What was written is what Headroom writes, and reads back to the same scenario.
    const std::string text = model::readTextFile(path.toStdString()).value();
    QCOMPARE(text, model::toText(document.scenario()));
    QVERIFY(*model::loadScenarioText(text).scenario == document.scenario());
    // Undoing past the save makes the document modified again.
    document.undoStack().undo();
    QVERIFY(document.isModified());
    QVERIFY(document.save(dir.path() + "/no/such/folder.json").has_value());
}

void tst_ScenarioDocument::removingTakesOutEveryReferenceAndRestoringPutsItBack() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("video-pipeline.headroom.json")).problems.empty());
    const model::Scenario before = document.scenario();
    QSignalSpy removed(&document, &ui::ScenarioDocument::componentRemoved);
    QSignalSpy changed(&document, &ui::ScenarioDocument::componentChanged);
    // "originals" is called by the upload service and the transcoder, and has two links.
    const ui::RemovedComponent taken = document.removeComponent("originals");
    QCOMPARE(removed.count(), 1);
    QCOMPARE(changed.count(), 2);
    QVERIFY(!document.component("originals"));
    QCOMPARE(taken.incomingCalls.size(), std::size_t(2));
    QCOMPARE(taken.links.size(), std::size_t(2));
    QVERIFY(model::validate(document.scenario()).empty());  // no dangling reference left
    document.restoreComponent(taken);
    QVERIFY(document.scenario() == before);
    // The same through a queue's consumer: removing "transcoder" clears the queue's consumers.
    const ui::RemovedComponent worker = document.removeComponent("transcoder");
    QCOMPARE(worker.consumers.size(), std::size_t(1));
    QVERIFY(!document.component("jobs")->consumers);
    document.restoreComponent(worker);
    QVERIFY(document.scenario() == before);
}

void tst_ScenarioDocument::renamingFollowsEveryReference() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("video-pipeline.headroom.json")).problems.empty());
    const model::Scenario before = document.scenario();
    QSignalSpy renamed(&document, &ui::ScenarioDocument::componentRenamed);
    document.renameComponent("transcoder", "encoder");
    QCOMPARE(renamed.count(), 1);
    QCOMPARE(document.component("jobs")->consumers->component, std::string("encoder"));
    QCOMPARE(document.scenario().links[1].from, std::string("encoder"));
    QVERIFY(document.position("encoder").has_value());
    QVERIFY(model::validate(document.scenario()).empty());
    document.renameComponent("encoder", "jobs");  // taken: refused
    QCOMPARE(renamed.count(), 1);
    document.renameComponent("encoder", "transcoder");
    QVERIFY(document.scenario() == before);
}

void tst_ScenarioDocument::mutatorsThatChangeNothingEmitNothing() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).problems.empty());
    QSignalSpy changed(&document, &ui::ScenarioDocument::componentChanged);
    QSignalSpy moved(&document, &ui::ScenarioDocument::componentMoved);
    document.replaceComponent("api", *document.component("api"));
    document.setPosition("api", *document.position("api"));
    document.setPosition("nobody", {1, 2});
    QCOMPARE(changed.count(), 0);
    QCOMPARE(moved.count(), 0);
}

void tst_ScenarioDocument::uniqueIdsCount() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).problems.empty());
    QCOMPARE(document.uniqueId("service"), std::string("service"));
    QCOMPARE(document.uniqueId("api"), std::string("api2"));
}

QTEST_MAIN(tst_ScenarioDocument)
#include "tst_ScenarioDocument.moc"
