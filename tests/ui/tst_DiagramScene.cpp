// SPDX-License-Identifier: MIT
#include <QGraphicsView>
#include <QtTest>

#include "ui/DiagramScene.h"
#include "support/Components.h"
#include "ui/commands/ComponentCommands.h"

using namespace headroom;
using test::service;

namespace {

QString example(const char* name) { return QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/") + name; }

}  // namespace

class tst_DiagramScene : public QObject {
    Q_OBJECT
private slots:
    void showsEveryComponentAndCall();
    void followsAddRemoveAndUndo();
    void aDragIsOneUndoStep();
    void followsRenames();
    void aQueueArrowsToItsConsumer();
    void draggingFromAPortAddsACall();
    void callsFollowTheFormatsRules();
};

void tst_DiagramScene::showsEveryComponentAndCall() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("url-shortener.headroom.json")).problems.empty());
    ui::DiagramScene scene(document);
    for (const auto& component : document.scenario().components) {
        const auto* item = scene.item(component.id);
        QVERIFY2(item, component.id.c_str());
        const auto position = document.position(component.id);
        QCOMPARE(item->pos(), QPointF(position->x, position->y));
    }
    // Calls: visitors → lb, creators → lb, lb → app, app → cache, app → db, cache → db.
    QCOMPARE(scene.arrowCount(), std::size_t(6));
}

void tst_DiagramScene::followsAddRemoveAndUndo() {
    ui::ScenarioDocument document;
    ui::DiagramScene scene(document);
    model::Component caller = service("api");
    caller.calls.push_back({.to = "db"});
    document.undoStack().push(new ui::AddComponentCommand(document, caller, {0, 0}));
    QCOMPARE(scene.arrowCount(), std::size_t(0));  // "db" is not there yet
    document.undoStack().push(new ui::AddComponentCommand(document, service("db"), {300, 0}));
    QCOMPARE(scene.arrowCount(), std::size_t(1));
    QCOMPARE(scene.item("db")->pos(), QPointF(300, 0));
    document.undoStack().push(new ui::RemoveComponentCommand(document, "db"));
    QVERIFY(!scene.item("db"));
    QCOMPARE(scene.arrowCount(), std::size_t(0));
    document.undoStack().undo();  // db and the call to it are back
    QVERIFY(scene.item("db"));
    QCOMPARE(scene.arrowCount(), std::size_t(1));
    document.undoStack().undo();
    document.undoStack().undo();
    QCOMPARE(scene.items().size(), 0);
}

void tst_DiagramScene::aDragIsOneUndoStep() {
    ui::ScenarioDocument document;
    ui::DiagramScene scene(document);
    document.undoStack().push(new ui::AddComponentCommand(document, service("api"), {0, 0}));
    auto* item = scene.item("api");
    // What the mouse does while dragging: the item moves in steps.
    for (int x : {10, 20, 40, 80}) item->setPos(x, x / 2);
    QCOMPARE(*document.position("api"), (model::Position{80, 40}));
    QCOMPARE(document.undoStack().count(), 2);  // the add, and one merged move
    document.undoStack().undo();
    QCOMPARE(item->pos(), QPointF(0, 0));
    QCOMPARE(*document.position("api"), (model::Position{0, 0}));
    document.undoStack().redo();
    QCOMPARE(item->pos(), QPointF(80, 40));
}

void tst_DiagramScene::followsRenames() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).problems.empty());
    ui::DiagramScene scene(document);
    auto* item = scene.item("db");
    document.undoStack().push(new ui::RenameComponentCommand(document, "db", "orders"));
    QCOMPARE(scene.item("orders"), item);
    QVERIFY(!scene.item("db"));
    QCOMPARE(item->componentId(), std::string("orders"));
    // Moving the renamed component still reaches the document under its new id.
    item->setPos(20, 40);
    QCOMPARE(*document.position("orders"), (model::Position{20, 40}));
    // Moves snap to the 20-unit grid: (33, 47) → (40, 40).
    item->setPos(33, 47);
    QCOMPARE(*document.position("orders"), (model::Position{40, 40}));
}

void tst_DiagramScene::aQueueArrowsToItsConsumer() {
    // news-feed: 2 + 2 gateway + 1 feed_service + 1 feed_cache + 2 post_service (one async) +
    // 1 fanout_worker calls, and the queue to its consumer: 10 arrows.
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("news-feed.headroom.json")).problems.empty());
    ui::DiagramScene scene(document);
    QCOMPARE(scene.arrowCount(), std::size_t(10));
}

QTEST_MAIN(tst_DiagramScene)
#include "tst_DiagramScene.moc"

void tst_DiagramScene::draggingFromAPortAddsACall() {
    ui::ScenarioDocument document;
    ui::DiagramScene scene(document);
    document.undoStack().push(new ui::AddComponentCommand(document, service("api"), {0, 0}));
    document.undoStack().push(new ui::AddComponentCommand(document, service("db"), {300, 0}));
    QGraphicsView view(&scene);
    view.resize(600, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // From api's port (its right edge, half-way down) to the middle of db.
    const QPoint port = view.mapFromScene(QPointF(ui::ComponentItem::kWidth, ui::ComponentItem::kHeight / 2));
    const QPoint target = view.mapFromScene(QPointF(300 + ui::ComponentItem::kWidth / 2, ui::ComponentItem::kHeight / 2));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, port);
    QMouseEvent move(QEvent::MouseMove, target, view.viewport()->mapToGlobal(target), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, target);
    QCOMPARE(document.component("api")->calls.size(), std::size_t(1));
    QCOMPARE(document.component("api")->calls.front().to, std::string("db"));
    QCOMPARE(scene.arrowCount(), std::size_t(1));
    QCOMPARE(scene.item("api")->pos(), QPointF(0, 0));  // the drag from a port does not move the box
    document.undoStack().undo();
    QVERIFY(document.component("api")->calls.empty());
}

void tst_DiagramScene::callsFollowTheFormatsRules() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("news-feed.headroom.json")).problems.empty());
    ui::DiagramScene scene(document);
    // Into a queue, a call is async.
    QVERIFY(scene.addCall("feed_service", "fanout_queue").isEmpty());
    QCOMPARE(document.component("feed_service")->calls.back().mode, std::optional(model::CallMode::Async));
    // A second call to the same component, a call to a client: refused, nothing changed.
    QVERIFY(!scene.addCall("feed_service", "fanout_queue").isEmpty());
    const model::Scenario before = document.scenario();
    QVERIFY(!scene.addCall("gateway", "readers").isEmpty());
    QCOMPARE(document.scenario(), before);
}
