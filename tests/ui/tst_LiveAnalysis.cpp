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
    // By hand, from read-heavy-api.headroom.json:
    // - db (read from replicas): 2,000/s × 10 % misses = 200/s over 4 shards × 2 replicas = 25/s
    //   each on 4 cores of 1.2 ms: a = 0.03 Erlang, Erlang C ≈ 3·10^-8, so its wait is ~10^-11 s
    //   and its response time 1.2 ms.
    // - cache (a delay): 200 µs, plus on the 10 % of misses the link to db both ways (2 × 250 µs)
    //   and db's 1.2 ms: 200 + 0.1 × (500 + 1,200) = 370 µs.
    // - api: 500/s per instance on 4 cores of 4 ms, M/M/4 at a = 2 (ρ = 50 %). Erlang B by the
    //   recurrence B_k = a B_{k−1} / (k + a B_{k−1}): 2/3, 0.4, 0.2105, 0.095238; Erlang C =
    //   4B / (4 − a(1 − B)) = 0.173913; Wq = C / (4 × 250 − 500) = 0.347826 ms. Its response time
    //   is 4 + 0.347826 ms of its own, plus the call to the cache: the link both ways (500 µs)
    //   and the cache's 370 µs: 5.217826 ms, shown as 5.22 ms.
    QCOMPARE(scene.item("api")->badge(), QString("λ 2 K/s · ρ 50% · 5.22 ms"));
    QCOMPARE(scene.item("cache")->badge(), QString("λ 2 K/s · 370 µs"));  // a delay: no utilization
    scene.showAnalysis(std::nullopt);
    QVERIFY(scene.item("api")->badge().isEmpty());
}

QTEST_MAIN(tst_LiveAnalysis)
#include "tst_LiveAnalysis.moc"
