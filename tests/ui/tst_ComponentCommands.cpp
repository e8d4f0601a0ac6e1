// SPDX-License-Identifier: MIT
#include <QSignalSpy>
#include <QtTest>

#include "ui/ScenarioDocument.h"
#include "support/Components.h"
#include "ui/commands/ComponentCommands.h"

using namespace headroom;
using test::service;

class tst_ComponentCommands : public QObject {
    Q_OBJECT
private slots:
    void addUndoRedo();
    void removeUndoRedoRestoresCalls();
    void movesMergeWhileDragging();
    void editsOfOneFieldMerge();
    void renameUndoRedo();
};

void tst_ComponentCommands::addUndoRedo() {
    ui::ScenarioDocument document;
    QSignalSpy added(&document, &ui::ScenarioDocument::componentAdded);
    QSignalSpy removed(&document, &ui::ScenarioDocument::componentRemoved);
    document.undoStack().push(new ui::AddComponentCommand(document, service("api"), {120, 40}));
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.takeFirst().at(0).toString(), QString("api"));
    QCOMPARE(document.position("api")->x, 120.0);
    QCOMPARE(document.undoStack().undoText(), QString("Add api"));
    document.undoStack().undo();
    QVERIFY(!document.component("api"));
    QVERIFY(!document.position("api"));
    QCOMPARE(removed.count(), 1);
    document.undoStack().redo();
    QVERIFY(document.component("api"));
    QCOMPARE(added.count(), 1);
}

void tst_ComponentCommands::removeUndoRedoRestoresCalls() {
    ui::ScenarioDocument document;
    model::Component caller = service("api");
    caller.calls.push_back({.to = "db"});
    document.undoStack().push(new ui::AddComponentCommand(document, caller, {0, 0}));
    document.undoStack().push(new ui::AddComponentCommand(document, service("db"), {200, 0}));
    const model::Scenario before = document.scenario();
    document.undoStack().push(new ui::RemoveComponentCommand(document, "db"));
    QVERIFY(document.component("api")->calls.empty());
    document.undoStack().undo();
    QVERIFY(document.scenario() == before);
    document.undoStack().redo();
    QVERIFY(!document.component("db"));
    QCOMPARE(document.undoStack().count(), 3);
}

void tst_ComponentCommands::movesMergeWhileDragging() {
    ui::ScenarioDocument document;
    document.undoStack().push(new ui::AddComponentCommand(document, service("api"), {0, 0}));
    document.undoStack().push(new ui::AddComponentCommand(document, service("db"), {300, 0}));
    QSignalSpy moved(&document, &ui::ScenarioDocument::componentMoved);
    // A drag: three steps of "api", then one of "db", which does not merge with them.
    document.undoStack().push(new ui::MoveComponentCommand(document, "api", {0, 0}, {10, 0}));
    document.undoStack().push(new ui::MoveComponentCommand(document, "api", {10, 0}, {20, 5}));
    document.undoStack().push(new ui::MoveComponentCommand(document, "api", {20, 5}, {40, 10}));
    document.undoStack().push(new ui::MoveComponentCommand(document, "db", {300, 0}, {320, 0}));
    QCOMPARE(document.undoStack().count(), 4);  // two adds, one merged drag of api, one move of db
    QCOMPARE(moved.count(), 4);
    document.undoStack().undo();
    document.undoStack().undo();
    QCOMPARE(*document.position("api"), (model::Position{0, 0}));  // one undo back to where the drag began
    document.undoStack().redo();
    QCOMPARE(*document.position("api"), (model::Position{40, 10}));
}

void tst_ComponentCommands::editsOfOneFieldMerge() {
    ui::ScenarioDocument document;
    document.undoStack().push(new ui::AddComponentCommand(document, service("api"), {0, 0}));
    QSignalSpy changed(&document, &ui::ScenarioDocument::componentChanged);
    model::Component original = *document.component("api");
    model::Component step = original;
    for (int instances : {2, 3, 4}) {  // a spin box held down
        model::Component next = step;
        next.instances = instances;
        document.undoStack().push(new ui::EditComponentCommand(document, step, next, "instances"));
        step = next;
    }
    model::Component withCores = step;
    withCores.cores = 8;
    document.undoStack().push(new ui::EditComponentCommand(document, step, withCores, "cores"));
    QCOMPARE(document.undoStack().count(), 3);  // add, instances (merged), cores
    QCOMPARE(changed.count(), 4);
    document.undoStack().undo();
    QCOMPARE(*document.component("api")->instances, 4);
    QVERIFY(!document.component("api")->cores);
    document.undoStack().undo();
    QVERIFY(*document.component("api") == original);
}

void tst_ComponentCommands::renameUndoRedo() {
    ui::ScenarioDocument document;
    model::Component caller = service("api");
    caller.calls.push_back({.to = "db"});
    document.undoStack().push(new ui::AddComponentCommand(document, caller, {0, 0}));
    document.undoStack().push(new ui::AddComponentCommand(document, service("db"), {200, 0}));
    document.undoStack().push(new ui::RenameComponentCommand(document, "db", "orders"));
    QCOMPARE(document.component("api")->calls[0].to, std::string("orders"));
    document.undoStack().undo();
    QCOMPARE(document.component("api")->calls[0].to, std::string("db"));
    QVERIFY(document.position("db").has_value());
}

QTEST_MAIN(tst_ComponentCommands)
#include "tst_ComponentCommands.moc"
