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
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).problems.empty());
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
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).problems.empty());
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
    QVERIFY(document.open(example("read-heavy-api.headroom.json")).problems.empty());
    ui::DiagramScene scene(document);
    ui::LiveAnalysis live(document);
    scene.showAnalysis(live.result());
    // By hand, from read-heavy-api.headroom.json:
    // - db (read from replicas): 2,000/s × 10 % misses = 200/s over 4 shards × 2 replicas = 25/s
    //   each on 4 cores of 1.2 ms: a = 0.03 Erlang, Erlang C ≈ 3·10^-8, so its wait is ~10^-11 s
    //   and its response time 1.2 ms.
    // - cache (a delay): 200 µs, plus on the 10 % of misses the link to db both ways (2 × 250 µs)
    //   and db's 1.2 ms: 200 + 0.1 × (500 + 1,200) = 370 µs.
    // - api: 500/s per instance on 4 cores of 4 ms (a = 2 Erlangs, ρ = 50 %), behind least
    //   connections over its 4 instances: the shortest queue over the pooled M/M/16 at a = 8.
    //   Erlang B by the recurrence B_k = a B_{k−1} / (k + a B_{k−1}) up to k = 16: 0.0045298;
    //   Erlang C = 16 B / (16 − a (1 − B)) = 0.0090188. Who waits waits 4 ms / (4 (1 − 0.5⁴)) =
    //   1.0667 ms: 0.0096 ms on average (a random split's M/M/4 would say 0.348 ms). Its response
    //   time is 4.0096 ms of its own, plus the call to the cache: the link both ways (500 µs) and
    //   the cache's 370 µs: 4.8796 ms, shown as 4.88 ms.
    QCOMPARE(scene.item("api")->badge(), QString("λ 2 K/s · ρ 50% · 4.88 ms"));
    QCOMPARE(scene.item("cache")->badge(), QString("λ 2 K/s · 370 µs"));  // a delay: no utilization
    // A moment of a simulated run with an autoscaler: booting instances are told apart from
    // those taking traffic; once booted, the count it scaled to.
    model::RunResult moment = *live.result();
    for (auto& component : moment.components)
        if (component.id == "api") {
            component.total.instancesInService = 4.0;
            component.total.instancesBooting = 2.0;
        }
    scene.showAnalysis(moment);
    QCOMPARE(scene.item("api")->badge(), QString("λ 2 K/s · 4 up + 2 booting · ρ 50% · 4.88 ms"));
    for (auto& component : moment.components)
        if (component.id == "api") {
            component.total.instancesInService = 6.0;
            component.total.instancesBooting = 0.0;
        }
    scene.showAnalysis(moment);
    QCOMPARE(scene.item("api")->badge(), QString("λ 2 K/s · 6 up · ρ 50% · 4.88 ms"));
    scene.showAnalysis(std::nullopt);
    QVERIFY(scene.item("api")->badge().isEmpty());
}

QTEST_MAIN(tst_LiveAnalysis)
#include "tst_LiveAnalysis.moc"
