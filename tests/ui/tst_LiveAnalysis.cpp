// SPDX-License-Identifier: MIT
#include <QSignalSpy>
#include <QtTest>

#include "ui/DiagramScene.h"
#include "ui/LiveAnalysis.h"
#include "ui/commands/ComponentCommands.h"

using namespace headroom;

namespace {

QString example(const char* name) { return QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/") + name; }

double apiUtilization(const ui::LiveAnalysis& live) {
    for (const auto& component : live.result()->components)
        if (component.id == "api") return *component.total.utilization;
    return -1.0;
}

}  // namespace

class tst_LiveAnalysis : public QObject {
    Q_OBJECT
private slots:
    void answersAfterEveryEditOncePerCommand();
    void problemsReplaceTheResultUntilFixed();
    void theCanvasShowsTheLoad();
};

void tst_LiveAnalysis::answersAfterEveryEditOncePerCommand() {
    ui::ScenarioDocument document;
    ui::LiveAnalysis live(document);
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).empty());
    QSignalSpy updated(&live, &ui::LiveAnalysis::updated);
    QTRY_COMPARE(updated.count(), 1);
    // 2,000/s over 4 API instances: 500/s × 4 ms on 4 cores = 50 %.
    QCOMPARE(apiUtilization(live), 0.5);
    QCOMPARE(*live.result()->bottleneck, std::string("api"));
    // Eight instances halve it. The command emits several signals; they make one solve.
    const model::Component before = *document.component("api");
    model::Component after = before;
    after.instances = 8;
    document.undoStack().push(new ui::EditComponentCommand(document, before, after, "instances"));
    QTRY_COMPARE(updated.count(), 2);
    QCOMPARE(apiUtilization(live), 0.25);
    document.undoStack().undo();
    QTRY_COMPARE(updated.count(), 3);
    QCOMPARE(apiUtilization(live), 0.5);
}

void tst_LiveAnalysis::problemsReplaceTheResultUntilFixed() {
    ui::ScenarioDocument document;
    ui::LiveAnalysis live(document);
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).empty());
    live.refresh();
    QVERIFY(live.result().has_value());
    // Without a service time the engine has nothing to work with: no numbers, the problem instead.
    const model::Component before = *document.component("api");
    model::Component after = before;
    after.serviceTime.reset();
    document.undoStack().push(new ui::EditComponentCommand(document, before, after, "service_time"));
    live.refresh();
    QVERIFY(!live.result().has_value());
    QCOMPARE(live.problems().size(), std::size_t(1));
    QCOMPARE(live.problems()[0].path, std::string("components[2].service_time"));
    document.undoStack().undo();
    live.refresh();
    QVERIFY(live.result().has_value());
    QVERIFY(live.problems().empty());
}

void tst_LiveAnalysis::theCanvasShowsTheLoad() {
    ui::ScenarioDocument document;
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).empty());
    ui::DiagramScene scene(document);
    ui::LiveAnalysis live(document);
    scene.showAnalysis(live.result());
    QCOMPARE(scene.item("api")->badge(), QString("λ 2 K/s · ρ 50% · 5.22 ms"));
    QCOMPARE(scene.item("cache")->badge(), QString("λ 2 K/s · 370 µs"));  // a delay: no utilization
    scene.showAnalysis(std::nullopt);
    QVERIFY(scene.item("api")->badge().isEmpty());
}

QTEST_MAIN(tst_LiveAnalysis)
#include "tst_LiveAnalysis.moc"
